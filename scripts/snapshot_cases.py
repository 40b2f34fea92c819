"""Snapshots of what `scoring diff CASE --format json` prints for every shipped case, and of
what `scoring batch cases/ --format json` prints for all of them (the batch's lean path).

    python scripts/snapshot_cases.py          # write tests/snapshots/<case>.json, batch.json, exit-codes.json
    python scripts/snapshot_cases.py --check  # exit 1, naming each case, if any output differs

The JSON a program reads is a promise: a change to the code that is not meant to change a verdict
must leave it byte for byte as it was.  The snapshots are checked in; tests/test_snapshots.py runs
the check.  After a change that is meant to alter a result, run the script again and commit the
new snapshots together with the change, so the difference is reviewed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
FOLDER = ROOT / "tests" / "snapshots"
EXIT_CODES = FOLDER / "exit-codes.json"
BATCH = "batch"  # the snapshot of the batch over cases/ (no case file has this name)


def run(args: list[str]) -> tuple[bytes, int]:
    """The bytes `scoring ARGS` prints and its exit code, run from the checkout as a user would."""
    done = subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"scoring {' '.join(args)}: exit {done.returncode}\n{done.stderr.decode('utf-8', 'replace')}")
    return done.stdout, done.returncode


def current() -> dict[str, tuple[bytes, int]]:
    """Every shipped case's JSON and exit code, by the case file's stem, and the batch's."""
    commands = {c.stem: ["diff", str(c.relative_to(ROOT)), "--format", "json"] for c in sorted(CASES.glob("*.toml"))}
    assert BATCH not in commands, f"a case file is named {BATCH}.toml: rename the batch snapshot"
    commands[BATCH] = ["batch", str(CASES.relative_to(ROOT)), "--format", "json", "--quiet", "--jobs", "1"]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(zip(commands, pool.map(run, commands.values())))


def compare(outputs: dict[str, tuple[bytes, int]]) -> list[str]:
    """What differs from the checked-in snapshots, one line per case (empty: nothing)."""
    codes = json.loads(EXIT_CODES.read_text(encoding="utf-8")) if EXIT_CODES.exists() else {}
    problems = []
    for name, (data, code) in outputs.items():
        path = FOLDER / f"{name}.json"
        if not path.exists():
            problems.append(f"{name}: no snapshot")
        elif path.read_bytes() != data:
            problems.append(f"{name}: JSON differs from {path.relative_to(ROOT)}")
        if codes.get(name) != code:
            problems.append(f"{name}: exit code {code}, snapshot {codes.get(name)}")
    stale = sorted(set(codes) - set(outputs))
    problems += [f"{name}: snapshot of a case that is no longer shipped" for name in stale]
    return problems


def write(outputs: dict[str, tuple[bytes, int]]) -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for old in FOLDER.glob("*.json"):
        old.unlink()
    for name, (data, _) in outputs.items():
        (FOLDER / f"{name}.json").write_bytes(data)
    codes = {name: code for name, (_, code) in outputs.items()}
    EXIT_CODES.write_text(json.dumps(codes, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(outputs)} snapshots to {FOLDER.relative_to(ROOT)}")


def main(argv: list[str]) -> int:
    outputs = current()
    if "--check" in argv:
        problems = compare(outputs)
        for line in problems:
            print(line)
        if not problems:
            print(f"{len(outputs)} outputs: JSON and exit codes as in the snapshots")
        return 1 if problems else 0
    write(outputs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
