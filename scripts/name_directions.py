"""How the rules read the direction of bare row names: for rule authors revising the national readings.

    python scripts/name_directions.py < names.txt                 # one indicator name a line
    python scripts/name_directions.py 差评工单数量 恢复运行时间     # or as arguments
    python scripts/name_directions.py --rules-dir /tmp/copy --region 四川省 < names.txt

Each name becomes a row of a sheet of its own whose target and actual carry no comparator ("10件" against "8件": the
actual below the target), in 产出指标/数量指标 (`--group 产出指标/时效指标`: where a length of time is read as one), scored
by `scoring diff` as a user would run it.  Full marks say the rules read the name as
lower-is-better, a deduction higher-is-better, a range that they could not tell; a reason naming the other reading is
marked as a warning.  The unit follows the name: a rate or share "%", a length of time "天", anything else "件".
Printed as tab-separated lines: name, 越低越好 / 越高越好 / 方向未定 / 未计分, W where the reason warns, the reason.
Comparing the output under two rule folders (a copy holding a draft revision against the shipped one) shows every
name a revision of the readings changes.

    python scripts/name_directions.py --check    # exit 1, naming each, if a name of the snapshot is read otherwise
    python scripts/name_directions.py --write    # write the snapshot again (its names, read by the rules now)

The snapshot (tests/snapshots/name-directions.tsv: name, direction, W) holds some 4,600 names from the rule files'
worked examples, the shipped cases, tests/test_rows.py and the sheet rows and probes of the review rounds since session
66, read under the national rules in effect: a revision of the readings that changes one says so in the check
(tests/test_name_directions.py), and is meant to, or is mended.  Add names by adding lines (a name alone will do) and
writing it again.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "snapshots" / "name-directions.tsv"
TIME_WORDS = ("时间", "时长", "时限", "周期", "天数", "用时", "工期")
RATE_ENDINGS = ("率", "比例", "占比", "比重")
GROUP = ("产出指标", "数量指标")


def unit_of(name: str) -> str:
    """The unit a name's figures are written in, as a sheet would print them."""
    if name.endswith(RATE_ENDINGS):
        return "%"
    return "天" if any(word in name for word in TIME_WORDS) else "件"


def case_text(names: list[str], region: str, year: int, group: tuple[str, ...] = GROUP) -> str:
    """A case file with one sheet, of one bare row under ``group``, for each name."""
    lines = ["format = 1", "[case]", 'id = "name-directions"', 'unit = "（读法核对）"', f"region = [{json.dumps(region, ensure_ascii=False)}]",
             f"year = {year}", 'source = "scripts/name_directions.py"']
    for at, name in enumerate(names):
        unit = unit_of(name)
        lines += ["[[sheets]]", f'id = "s{at}"', 'title = "读法核对"', 'sheet_type = "项目支出绩效自评表"', "complete = false",
                  "[[sheets.rows]]", f"group = {json.dumps(list(group), ensure_ascii=False)}", f"name = {json.dumps(name, ensure_ascii=False)}",
                  f'target = "10{unit}"', f'actual = "8{unit}"', 'weight = "10"', 'claimed = "10"']
    return "\n".join(lines) + "\n"


def directions(names: list[str], region: str, year: int, rules_dir: str | None,
               group: tuple[str, ...] = GROUP) -> list[tuple[str, str, str, str]]:
    """(name, direction, "W" or "", reason) for each name, as `scoring diff` scores its row under ``group``."""
    with tempfile.TemporaryDirectory() as folder:
        case = Path(folder) / "names.toml"
        case.write_text(case_text(names, region, year, group), encoding="utf-8")
        command = [sys.executable, "-m", "scoring", "diff", str(case), "--format", "json"]
        if rules_dir:
            command += ["--rules-dir", rules_dir]
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        sys.exit(f"scoring diff failed (exit {done.returncode}):\n{done.stderr}")
    out = []
    by_id = {sheet["id"]: sheet for sheet in report["sheets"]}  # (a sheet refused is missing: its name is said unscored)
    for at, name in enumerate(names):
        sheet = by_id.get(f"s{at}", {"indicators": []})
        row = next((i for i in sheet["indicators"] if i["name"] == name), None)
        if row is None or row.get("low") is None:
            reason = (row or {}).get("reason") or ""
            out.append((name, "需评价人判断" if "需评价人判断" in reason else "未计分", "", reason))
            continue
        low, high = row["low"], row["high"]
        direction = "方向未定" if low != high else ("越低越好" if high == "10.00" else "越高越好")
        reason = row.get("reason") or ""
        warned = "W" if ("按反向指标" in reason or "按正向指标" in reason) and low == high else ""
        out.append((name, direction, warned, reason))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="indicator names (default: one a line on stdin)")
    parser.add_argument("--rules-dir", help="the rule folder (default: the shipped rules)")
    parser.add_argument("--region", default="河北省", help="the sheets' region (default 河北省: no project rules of its own, so the national ones)")
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--group", default="/".join(GROUP),
                        help="the rows' group, levels parted by / (default 产出指标/数量指标; a length of time is read as one only under 时效指标)")
    kept = parser.add_mutually_exclusive_group()
    kept.add_argument("--check", action="store_true", help=f"compare the names of {SNAPSHOT.relative_to(ROOT)} with how they are read now")
    kept.add_argument("--write", action="store_true", help=f"write {SNAPSHOT.relative_to(ROOT)} again")
    args = parser.parse_args()
    if args.check or args.write:
        known = {line.split("\t")[0]: line.split("\t")[1:3] for line in SNAPSHOT.read_text(encoding="utf-8").splitlines() if line.strip()}
        now = {name: [direction, warned] for name, direction, warned, _ in directions(sorted(known), args.region, args.year, args.rules_dir)}
        if args.write:
            SNAPSHOT.write_text("".join(f"{name}\t{d}\t{w}\n" for name, (d, w) in now.items()), encoding="utf-8")
            return
        changed = [f"{name}: {' '.join(filter(None, known[name])) or '（无）'} → {' '.join(filter(None, now[name]))}"
                   for name in now if now[name] != [*known[name], ""][:2]]
        if changed:
            sys.exit(f"{len(changed)} of {len(now)} names are read otherwise than {SNAPSHOT.relative_to(ROOT)} says:\n" + "\n".join(changed))
        print(f"{len(now)} names read as the snapshot says")
        return
    names = args.names or [line.strip() for line in sys.stdin if line.strip()]
    for row in directions(list(dict.fromkeys(names)), args.region, args.year, args.rules_dir, tuple(args.group.split("/"))):
        print("\t".join(row))


if __name__ == "__main__":
    main()
