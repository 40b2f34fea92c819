#!/usr/bin/env python3
"""The benchmark: what re-scoring costs, against hand-written code, and the targets.

    python bench/run.py                    # default sizes: a few minutes on a 2-core machine
    python bench/run.py --quick            # a smoke test (small sizes)
    python bench/run.py --size 5000 --big 1000000 --profile
    python bench/run.py --cli-only --repeats 20   # only the command wall times (scoring diff …)
    python bench/run.py --rows-only        # only the project sheets in-process: traced engine against lean path

One run measures and prints, each figure with its unit:

* throughput (sheets/s) on generated Sichuan 2024 部门整体 sheets (formula type, one CSV case
  table) and on national-rule project sheets (row type: `national.project` and
  `sichuan.project` case files), through `scoring batch FILE --format csv --out …` with
  `--jobs 1` and `--jobs 2`, and in-process with the parse (row → case) and the engine
  (`report_loaded`, and `score_sheet` alone) timed separately;
* the same Sichuan rules hand-written as plain Python on Decimals (bench/handwritten.py, the
  practical limit) and simpleeval re-parsing every expression text for every sheet
  (bench/naive.py, the naive floor), on one core over the same sheets;
* wall times of `scoring diff <the Suining case>`, `scoring --help`, and loading and validating
  every shipped rule file (in-process, and in a fresh process);
* a large batch (`--big` sheets from one CSV, both cores): wall time and peak memory, and the same
  CSV in two halves, two processes at once, without the batch (bench/halves.py): the hand-written
  code and the lean path's own loop;
* the lean path (generated code, no trace): the generated code scoring what the
  hand-written code scores, a whole table row read, scored, compared and summarised, and the
  project sheets' summaries, on one core; and the same Sichuan formulas as GoRules ZEN
  expressions (bench/zen_peer.py, with the optional `bench` extra; skipped with a note without it);
* the lean path against the traced path on the whole equality corpus (bench/equality.py);
* the ratios, and every target MET or MISSED with its margin.

Commands run with the package's bytecode compiled (as an install has it) and the compiled-rules
cache in OUT/cache, warmed before they are timed.

It checks that the engine and the hand-written code give identical scores on every generated
sheet (and on an edge variant of each), that the batch summaries' computed totals equal the
hand-written totals, and that the lean path gives exactly what the traced path gives, and exits 1
listing the first disagreements if not, or if anything it runs fails.  A missed target does not fail the run.  Inputs are generated with the project's own
generator into OUT/gen (kept between runs: the same seed gives the same files); summaries and
results (results.json) go to OUT.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import hashlib
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import equality as lean_equality  # noqa: E402
from bench import handwritten as hw  # noqa: E402
from bench.agreement import Tally, compare_summary_total  # noqa: E402
from bench.corpus import compare_rows, edge_variant, read_csv  # noqa: E402
from bench.halves import both_cores  # noqa: E402
from bench.measure import GIB, MIB, Run, median_wall, repeat, run  # noqa: E402
from bench.naive import NaiveScorer  # noqa: E402

SUINING_CASE = ROOT / "cases" / "sichuan-suining-anju-jxb-2024.toml"
DEPT_RULES = "sichuan.dept-overall"
ROW_RULES = ("national.project", "sichuan.project")
YEAR = 2024
BIG_TARGET_SHEETS = 1_000_000

# Targets for the traced engine and the command line, on this 2-core machine.
TARGET_RATIO = 0.5  # engine ≥ 0.5 × hand-written, one core
TARGET_BIG_SECONDS = 60.0  # 1,000,000 sheets from one CSV, summary written, both cores
TARGET_BIG_MEMORY = 2 * GIB
TARGET_DIFF_SECONDS = 0.3
TARGET_HELP_SECONDS = 0.2
TARGET_RULES_SECONDS = 0.050
# Targets for the lean path (generated code, no trace) and the start-up.
TARGET_LEAN_RATIO = 0.8  # lean path ≥ 0.8 × hand-written, Sichuan department sheets, one core
TARGET_LEAN_ROWS = 10.0  # lean path ≥ 10 × the traced engine on national-rule project sheets, one core
TARGET_LEAN_MEMORY = 1 * GIB  # peak memory of the 1,000,000-sheet run
TARGET_LEAN_DIFF_SECONDS = 0.25
TARGET_LEAN_RULES_SECONDS = 0.020  # every shipped rule file, fresh process, warm cache


class BenchError(Exception):
    """Something the benchmark runs failed: the run is not valid."""


# -- small helpers ------------------------------------------------------------------------------


def say(text: str = "") -> None:
    """Print a line at once (the run is long; its log should follow it)."""
    print(text, flush=True)


def rate(n: int, seconds: float) -> float:
    """Sheets per second."""
    return n / seconds if seconds > 0 else float("inf")


def fmt_rate(value: float | None) -> str:
    """A rate with its unit."""
    return "—" if value is None else f"{value:,.0f} sheets/s"


def fmt_s(value: float | None) -> str:
    """A duration with its unit: milliseconds below a second."""
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def fmt_mem(value: int | None) -> str:
    """A memory size in MiB."""
    return "—" if value is None else f"{value / MIB:,.0f} MiB"


def throughput(process: Callable[[list], object], items: list, chunk: int = 250, min_total: float = 2.0,
               max_passes: int = 50) -> tuple[float, float]:
    """Sheets per second of ``process`` over ``items``: (by wall clock, by this process's CPU time).

    ``items`` are processed in chunks, repeated until ``min_total`` seconds have passed, and the
    median chunk rate is taken: a burst of other work on the machine spoils a chunk or two, not
    the figure.  The CPU-time rate is what an idle core would do; both are single-threaded.
    """
    walls: list[float] = []
    cpus: list[float] = []
    spent = 0.0
    for _ in range(max_passes):
        for i in range(0, len(items), chunk):
            part = items[i:i + chunk]
            w0, c0 = time.perf_counter(), time.process_time()
            process(part)
            w, c = time.perf_counter() - w0, time.process_time() - c0
            walls.append(len(part) / w)
            cpus.append(len(part) / c if c > 0 else len(part) / w)
            spent += w
        if spent >= min_total:
            break
    return statistics.median(walls), statistics.median(cpus)


def paired(process_a: Callable[[list], object], items_a: list, process_b: Callable[[list], object], items_b: list,
           chunk: int = 250, min_total: float = 4.0, max_passes: int = 50) -> float:
    """How many times faster ``process_a`` is than ``process_b`` on the same sheets (``items_a[i]``
    and ``items_b[i]`` are the same sheet, read as each side wants it), by CPU time: the two are
    run chunk for chunk, one right after the other, and the median of the chunks' ratios is taken.
    On a shared machine two rates measured a minute apart can each be off by a third; a chunk
    and its partner a few milliseconds apart see the same machine."""
    ratios: list[float] = []
    spent = 0.0
    for n in range(max_passes):
        for i in range(0, len(items_a), chunk):
            w0 = time.perf_counter()
            # each side goes first every other pass: neither always meets the other's leftovers
            order = ((process_a, items_a), (process_b, items_b)) if n % 2 == 0 else ((process_b, items_b), (process_a, items_a))
            spent_cpu = []
            for process, items in order:
                c0 = time.process_time()
                process(items[i:i + chunk])
                spent_cpu.append(time.process_time() - c0)
            a, b = spent_cpu if n % 2 == 0 else spent_cpu[::-1]
            spent += time.perf_counter() - w0
            if a > 0 and b > 0:
                ratios.append(b / a)
        if spent >= min_total and n % 2 == 1:
            break
    if not ratios:
        raise BenchError("paired(): no chunk took measurable CPU time")
    return statistics.median(ratios)


def scoring_command() -> list[str]:
    """`scoring` as a user runs it: the console script next to this interpreter (not a version
    manager's shim, whose own start-up would be counted), else `python -m scoring`."""
    script = Path(sys.executable).parent / "scoring"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "scoring"]


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = int(next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")).split()[1]) * 1024
    except (OSError, StopIteration):
        mem = 0
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 0
    dirty = git("status", "--porcelain", "--", "scoring", "formulas")
    return {
        "cpu": cpu, "cores": cores, "memory": mem, "python": platform.python_version(),
        "commit": git("log", "-1", "--format=%h"), "scoring_dirty": bool(dirty and dirty != "?"),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
    }


# -- inputs -------------------------------------------------------------------------------------


def generator_stamp() -> str:
    """What generated inputs depend on: the generator's code and the released rules (it checks its
    sheets with the engine).  Kept in each `.done` marker: inputs made before either changed are made
    again, never compared with what today's code gives (a stale table held sheets today's rules refuse)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "scoring" / "synthetic").glob("*.py")) + [ROOT / "formulas" / "versions.lock"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _fresh(done: Path) -> bool:
    """Whether a `.done` marker says its inputs were made by today's generator and rules."""
    return done.exists() and done.read_text().rstrip("\n").rsplit("\n", 1)[-1] == generator_stamp()


def generate_dept(path: Path, count: int, seed: int) -> None:
    """A case table of ``count`` Sichuan 2024 department sheets from `scoring generate`, kept for
    later runs (a `.done` marker says the file is complete, and by which generator)."""
    done = path.with_name(path.name + ".done")
    if path.exists() and _fresh(done):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "scoring", "generate", "--csv", path, "--kinds", "formula", "--count", count, "--seed", seed, "--quiet"]
    say(f"  generating {count:,} department sheets: {' '.join(map(str, cmd[1:]))}")
    r = run(cmd, cwd=ROOT)
    if r.returncode != 0:
        raise BenchError(f"scoring generate failed ({r.returncode}):\n{r.tail()}")
    done.write_text(f"{r.wall:.1f} s\n{generator_stamp()}\n")


def generate_rows(folder: Path, count: int, seed: int, library) -> dict[str, int]:
    """``count`` project sheets under national.project or sichuan.project as case files in
    ``folder``: `scoring generate --kinds rows` makes all four row rule sets, the others are left out."""
    done = folder / ".done"
    if done.exists():
        kept = json.loads(done.read_text())
        if kept.pop("_stamp", None) == generator_stamp():
            return kept
    pool = folder.with_name(folder.name + "-pool")
    made = int(count * 2.6) + 50  # about half the row sheets it makes are national/sichuan projects
    if pool.exists():
        shutil.rmtree(pool)
    cmd = [sys.executable, "-m", "scoring", "generate", "--out", pool, "--kinds", "rows", "--count", made, "--seed", seed, "--quiet"]
    say(f"  generating {made:,} row sheets to keep {count:,} national/sichuan project sheets: {' '.join(map(str, cmd[1:]))}")
    r = run(cmd, cwd=ROOT)
    if r.returncode != 0:
        raise BenchError(f"scoring generate failed ({r.returncode}):\n{r.tail()}")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    kept: dict[str, int] = defaultdict(int)
    for path in sorted(pool.glob("gen-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        head, sheet = data["case"], data["sheets"][0]
        rules = library.find(sheet["rules"], head["year"]) if sheet.get("rules") else library.select(head["region"], head["year"], sheet["sheet_type"])
        if rules.id in ROW_RULES:
            shutil.copyfile(path, folder / path.name)
            kept[rules.id] += 1
            if sum(kept.values()) == count:
                break
    shutil.rmtree(pool)
    done.write_text(json.dumps({**kept, "_stamp": generator_stamp()}))
    return dict(kept)


def tile_csv(base: Path, path: Path, count: int) -> None:
    """A case table of ``count`` rows made of copies of ``base``'s rows, each with its own case id."""
    done = path.with_name(path.name + ".done")
    if path.exists() and _fresh(done):
        return
    header, rows = read_csv(base)
    rows = list(rows)
    key = header.index("case_id")
    say(f"  writing {count:,} rows to {path.name} ({len(rows):,} generated rows, repeated with fresh case ids)")
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(count):
            cells = rows[i % len(rows)]
            copy = i // len(rows)
            if copy:
                cells = list(cells)
                cells[key] = f"{cells[key]}-{copy}"
            writer.writerow(cells)
    done.write_text(f"ok\n{generator_stamp()}\n")


def hand_rows(path: Path) -> tuple[list[str], list[tuple[dict, tuple]]]:
    """A table's header and its rows as the hand-written code takes them."""
    header, rows = read_csv(path)
    reader = hw.TableReader(header)
    return header, [reader.read(cells) for cells in rows]


# -- batch through the command line -------------------------------------------------------------

_COUNTS = re.compile(r"复核 (\d+) 张表")
_FAILED = re.compile(r"失败 (\d+) 项")


def batch(scoring: list[str], target: Path, jobs: int, summary: Path, expected: int, sample: bool = True) -> Run:
    """`scoring batch TARGET --format csv --out SUMMARY --jobs J`; every sheet must be scored."""
    cmd = [*scoring, "batch", target, "--format", "csv", "--out", summary, "--jobs", jobs, "--quiet"]
    if summary.exists():
        summary.unlink()
    r = run(cmd, cwd=ROOT, sample=sample)
    if r.returncode not in (0, 1):  # 1: some sheet has an error-level finding (injected errors)
        raise BenchError(f"{' '.join(map(str, cmd))} exited {r.returncode}:\n{r.tail()}")
    scored = _COUNTS.search(r.stderr)
    failed = _FAILED.search(r.stderr)
    if failed and int(failed.group(1)):
        raise BenchError(f"{' '.join(map(str, cmd))}: {failed.group(1)} inputs failed:\n{r.tail()}")
    if scored and int(scored.group(1)) != expected:
        raise BenchError(f"{' '.join(map(str, cmd))}: scored {scored.group(1)} sheets, expected {expected}")
    if not summary.exists():
        raise BenchError(f"{' '.join(map(str, cmd))}: no summary written")
    return r


def summary_totals(summary: Path) -> list[tuple[int, str]]:
    """(table line, computed_total) of every row of a batch summary (CSV)."""
    out = []
    with summary.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            out.append((int(row["文件"].rsplit(":", 1)[1]), row["计算总分"]))
    return out


def check_summary(summary: Path, hands: list, expected: int, tally: Tally, label: str) -> None:
    """Every sheet of the table is in the summary once, and its computed total is the hand-written one
    (row ``line`` of a tiled table is generated row (line − 2) mod len(hands))."""
    rows = summary_totals(summary)
    if len(rows) != expected:
        raise BenchError(f"{summary}: {len(rows)} summary rows, expected {expected}")
    lines = {line for line, _ in rows}
    if len(lines) != expected:
        raise BenchError(f"{summary}: {expected - len(lines)} table lines missing or repeated")
    for line, total in rows:
        compare_summary_total(f"{label} line {line}", total, hands[(line - 2) % len(hands)], tally)


# -- in-process measurements --------------------------------------------------------------------


def in_process_dept(path: Path, library, results: dict) -> tuple[list, list]:
    """Parse and score the department table in this process, each step timed on its own
    (the CSV tokenizing itself is left out on both sides: it is the same `csv` module)."""
    from scoring import Engine, report_loaded
    from scoring.cases.table import TableRow, read_table, row_to_case
    from scoring.review.pipeline import choose_rules

    engine = Engine()
    entries = [e for e in read_table(path) if isinstance(e, TableRow)]
    cases = [(e.where, row_to_case(e)) for e in entries]
    header, raw = read_csv(path)
    raw = list(raw)
    reader = hw.TableReader(header)
    hand_inputs = [reader.read(cells) for cells in raw]
    naive = NaiveScorer(library.find(DEPT_RULES, YEAR), YEAR)

    def score_and_diff(part: list) -> None:
        for where, case in part:
            report_loaded(case, where, library, engine)

    def score_only(part: list) -> None:
        for where, case in part:
            sheet = case.sheets[0]
            engine.score_sheet(sheet, choose_rules(library, case, sheet), where, case.case.year)

    measured = {
        "parse": throughput(lambda part: [row_to_case(e) for e in part], entries),
        "engine": throughput(score_and_diff, cases, min_total=4.0),
        "score_only": throughput(score_only, cases),
        "hand_parse": throughput(lambda part: [reader.read(cells) for cells in part], raw),
        "hand": throughput(lambda part: [hw.score(x, f) for x, f in part], hand_inputs),
        "naive": throughput(lambda part: [naive.score(x, f) for x, f in part], hand_inputs),
    }
    _store(results, measured, len(entries))
    results["hand_end_to_end"] = _serial(results["hand_parse"], results["hand"])
    results["hand_end_to_end_cpu"] = _serial(results["hand_parse_cpu"], results["hand_cpu"])
    return header, hand_inputs


def in_process_rows(folder: Path, library, results: dict) -> None:
    """Load and score the project case files in this process, each step timed on its own."""
    from scoring import Engine, load_case, report_loaded
    from scoring.review.pipeline import choose_rules

    engine = Engine()
    paths = sorted(folder.glob("gen-*.json"))
    cases = [load_case(p) for p in paths]

    def score_and_diff(part: list) -> None:
        for case, shown in part:
            report_loaded(case, shown, library, engine)

    def score_only(part: list) -> None:
        for case, shown in part:
            sheet = case.sheets[0]
            engine.score_sheet(sheet, choose_rules(library, case, sheet), shown, case.case.year)

    measured = {
        "parse": throughput(lambda part: [load_case(p) for p in part], paths),
        "engine": throughput(score_and_diff, cases, min_total=4.0),
        "score_only": throughput(score_only, cases),
    }
    _store(results, measured, len(paths))


def lean_total(lr, rules, inputs: dict, findings) -> tuple:
    """What the hand-written code computes for a sheet, on the lean path: every indicator by the
    rule set's generated code (`LeanRules.score`), the deductions, and the total (Σ − deductions,
    floored at 0, half-up to 2 decimals) — no claim compared, no summary, as there."""
    from decimal import ROUND_HALF_UP, Decimal

    from scoring.engine.engine import deduction_points

    failed = lr.checks(inputs)  # a failed check may leave indicators unscored, as the hand-written `_slipped`
    out, _ = lr.score(inputs, lr.weights, lr.doubts(failed) if failed else None)
    scores = tuple(v if v.__class__ is Decimal else None for v in out)
    deductions = tuple(deduction_points(d, n) for d, n in zip(rules.deductions, findings))
    total = None
    if None not in scores and None not in deductions:
        total = max(sum(scores, Decimal(0)) - sum(deductions, Decimal(0)), Decimal(0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return scores, deductions, total


def in_process_lean(path: Path, library, hand_inputs: list, hands: list, results: dict, tally) -> None:
    """The lean path on the department table, one core: the generated code scoring what the
    hand-written code scores (its totals checked against the hand-written ones), and a whole
    row read, scored, compared with its claims and summarised, as a batch worker does it."""
    from scoring.cases.table import TableRow, known_labels, read_table
    from scoring.engine.lean import LeanEngine
    from scoring.engine.lean_table import TableReader

    lean = LeanEngine()
    reader = TableReader(library, lean)
    rules = library.find(DEPT_RULES, YEAR)
    lr = lean.rules(rules, YEAR)
    rows = [e for e in read_table(path, known_labels(library)) if isinstance(e, TableRow)]
    sheets = [(lr, rules, x, f) for x, f in hand_inputs]
    for (_, _, x, f), hand in zip(sheets, hands):
        scores, deductions, total = lean_total(lr, rules, x, f)
        problems = []
        if tuple(map(str, scores)) != tuple(map(str, hand.indicators)) or deductions != hand.deductions or total != hand.total:
            problems.append(f"generated code {scores}/{total}, hand-written {hand.indicators}/{hand.total}")
        tally.indicators += len(scores)
        tally.unverifiable += sum(1 for v in scores if v is None)
        tally.totals += total is not None
        tally.add(problems)
    measured = {
        "lean": throughput(lambda part: [lean_total(*sheet) for sheet in part], sheets),
        "lean_row": throughput(lambda part: [reader.summary(row) for row in part], rows),
    }
    for key, (wall, cpu) in measured.items():
        results[key], results[key + "_cpu"] = wall, cpu
    results["lean_vs_hand"] = paired(lambda part: [lean_total(*sheet) for sheet in part], sheets,
                                     lambda part: [hw.score(x, f) for x, f in part], hand_inputs)
    results["lean_row_taken"] = reader.taken


def in_process_lean_rows(folder: Path, library, results: dict) -> None:
    """The lean path on the project case files, one core: each sheet's summary row."""
    from scoring import Engine, load_case, report_loaded
    from scoring.engine import rates
    from scoring.engine.lean import LeanEngine
    from scoring.review.pipeline import sheet_rules

    lean = LeanEngine()
    cases = [load_case(p) for p in sorted(folder.glob("gen-*.json"))]
    first = cases[0]

    def score(part: list) -> None:
        if part[0] is first:
            # every pass over the sheets starts with the row memos empty, as a batch of them
            # would: a text is read from the memo only when an earlier sheet of the pass wrote it
            # (the stated rates' readings too, which the traced path shares)
            lean.forget()
            rates.forget()
        for case, shown in part:
            sheet = case.sheets[0]
            lean.summary(case, sheet, shown, sheet_rules(library, case, sheet, shown), library)

    results["lean"], results["lean_cpu"] = throughput(score, cases, min_total=4.0)
    results["lean_fallbacks"] = lean.fallbacks
    engine = Engine()

    def traced(part: list) -> None:
        if part[0] is first:
            rates.forget()
        for case, shown in part:
            report_loaded(case, shown, library, engine)

    results["lean_vs_engine"] = paired(score, cases, traced, cases)

    def warm(part: list) -> None:
        for case, shown in part:
            sheet = case.sheets[0]
            lean.summary(case, sheet, shown, sheet_rules(library, case, sheet, shown), library)

    # the same with the memos never emptied: after the first pass every text and row is read from
    # them, so this is the lean path as if reading the cells cost nothing, the ceiling of the
    # target above for this design (not how a batch runs: it meets each text afresh)
    warm(cases)
    results["lean_warm_vs_engine"] = paired(warm, cases, traced, cases)


def zen_peer(hand_inputs: list, hands: list, results: dict) -> str | None:
    """The GoRules ZEN peer on the same sheets, one core; None when zen-engine is not installed."""
    from bench import zen_peer as peer

    if peer.zen is None:
        return None
    zen = peer.ZenPeer()
    compared, agreed, first = peer.agreement(zen, hand_inputs, hands)
    results["zen"], results["zen_cpu"] = throughput(lambda part: [zen.score(x, f) for x, f in part], hand_inputs)
    results["zen_agreement"] = {"compared": compared, "agreed": agreed, "first": first}
    return f"{agreed:,} of {compared:,} indicator scores equal to the hand-written ones (rounded to 2 decimals)"


def _serial(*rates: float) -> float:
    """The rate of steps done one after the other."""
    return 1 / sum(1 / r for r in rates)


def _store(results: dict, measured: dict, n: int) -> None:
    results["sheets"] = n
    for key, (wall, cpu) in measured.items():
        results[key], results[key + "_cpu"] = wall, cpu
    results["engine_end_to_end"] = _serial(results["parse"], results["engine"])
    results["engine_end_to_end_cpu"] = _serial(results["parse_cpu"], results["engine_cpu"])


def profile(label: str, fn: Callable[[], object], n: int, top: int, out: Path) -> None:
    """cProfile ``fn`` (scoring ``n`` sheets) and print where the time goes, per sheet."""
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    prof.dump_stats(out)
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())  # tottime of every function
    say(f"\n  profile of {label}: {n:,} sheets, {total:.2f} s under cProfile ({total / n * 1e6:,.0f} µs/sheet profiled; "
        f"cProfile inflates pure-Python call overhead); full stats: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    by_file: dict[str, float] = defaultdict(float)
    for (filename, _, _), v in stats.stats.items():
        by_file[_short_file(filename)] += v[2]
    say("  own time by module:")
    for name, t in sorted(by_file.items(), key=lambda kv: -kv[1])[:14]:
        say(f"    {t / total * 100:5.1f}%  {t / n * 1e6:8.1f} µs/sheet  {name}")
    say(f"  top {top} functions by own time (tottime), then cumulative time per sheet:")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
    for (filename, line, func), (_cc, nc, tt, ct, _) in rows:
        say(f"    {tt / total * 100:5.1f}%  own {tt / n * 1e6:7.1f} µs  cum {ct / n * 1e6:8.1f} µs  {nc / n:8.1f} calls/sheet  {_short_file(filename)}:{line} {func}")
    say(f"  top {top} by cumulative time:")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][3])[:top]
    for (filename, line, func), (_cc, nc, _tt, ct, _) in rows:
        say(f"    cum {ct / n * 1e6:8.1f} µs/sheet  {nc / n:8.1f} calls/sheet  {_short_file(filename)}:{line} {func}")


def _short_file(filename: str) -> str:
    if filename.startswith("~") or filename.startswith("<"):
        return filename
    path = Path(filename)
    parts = path.parts
    for anchor in ("scoring", "bench", "site-packages"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[i + (1 if anchor == "site-packages" else 0):])
    return path.name


# -- command-line wall times --------------------------------------------------------------------

_LOAD_SNIPPET = """
import json, time
t0 = time.perf_counter()
from scoring import load_rule_dir
t1 = time.perf_counter()
lib = load_rule_dir()
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "sets": len(lib.rule_sets), "failures": [str(f) for f in lib.failures]}))
"""

# What `scoring diff <the Suining case>` does, step by step in a fresh process, each step timed: the
# project's modules, then the work (a diff of a well-formed case from the cached rule library
# imports no pydantic: tests/test_quick_reader.py).  The steps add up to what the
# command does after the interpreter has started (the command also prints, and exits); as the
# command does (cli/direct.py), the imports run with the collector off.
_DIFF_STAGES = """
import gc, json, sys, time
gc.disable()
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import scoring.cli.direct, scoring.cli.reviewing, scoring.output.formats, scoring.cases.load
mark("scoring: command line, case model, quick case reader")
import scoring.engine.engine, scoring.review.pipeline, scoring.output.text
gc.freeze()
gc.enable()
mark("scoring: engine, review, rules library, text output")
from scoring.cases.load import load_case
from scoring.engine.engine import Engine
from scoring.output.formats import CaseOutput, render_case
from scoring.review.pipeline import report_loaded
from scoring.rules.library import load_rule_dir
library = load_rule_dir()
mark("work: rule library from the cache")
case, shown = load_case(sys.argv[1])
mark("work: case file read (quick reader)")
report = report_loaded(case, shown, library, Engine())
mark("work: scored on the traced path and compared")
render_case(CaseOutput(report, case, library.find), "table", "diff")
mark("work: table rendered")
print(json.dumps([(name, t - marks[i][1]) for i, (name, t) in enumerate(marks[1:])]))
"""


def diff_stages(repeats: int) -> list[tuple[str, float]]:
    """The median time of each step of `_DIFF_STAGES` over ``repeats`` fresh processes."""
    runs = []
    for _ in range(repeats):
        r = run([sys.executable, "-c", _DIFF_STAGES, SUINING_CASE], cwd=ROOT)
        if r.returncode != 0:
            raise BenchError(f"timing the steps of a diff failed:\n{r.tail()}")
        runs.append(json.loads(r.stdout.strip().splitlines()[-1]))
    return [(name, statistics.median(run_[i][1] for run_ in runs)) for i, (name, _) in enumerate(runs[0])]


def cli_times(scoring: list[str], repeats: int, results: dict) -> None:
    """Median wall times of the commands a person waits for, and of loading the rule files."""
    from scoring import load_rule_dir

    results["python_start"], _, _ = median_wall([sys.executable, "-c", "pass"], repeats)
    results["help"], results["help_all"], _ = median_wall([*scoring, "--help"], repeats)
    diffs = repeat([*scoring, "diff", SUINING_CASE], repeats, cwd=ROOT)
    results["diff"], results["diff_all"] = statistics.median(r.wall for r in diffs), [r.wall for r in diffs]
    results["diff_cpu"] = statistics.median(r.cpu for r in diffs)
    if "履职效能" not in diffs[-1].stdout:
        raise BenchError(f"scoring diff {SUINING_CASE.name}: unexpected output:\n{diffs[-1].tail()}")
    results["diff_stages"] = diff_stages(repeats)
    loads, imports, walls = [], [], []
    for _ in range(repeats):
        r = run([sys.executable, "-c", _LOAD_SNIPPET], cwd=ROOT)
        if r.returncode != 0:
            raise BenchError(f"loading the rule files in a fresh process failed:\n{r.tail()}")
        data = json.loads(r.stdout.strip().splitlines()[-1])
        if data["failures"]:
            raise BenchError("shipped rule files fail to load: " + "; ".join(data["failures"]))
        loads.append(data["load"])
        imports.append(data["import"])
        walls.append(r.wall)
    results["rules_fresh"] = statistics.median(loads)
    results["rules_fresh_import"] = statistics.median(imports)
    results["rules_fresh_wall"] = statistics.median(walls)
    results["rule_sets"] = data["sets"]
    times = []
    for _ in range(max(repeats, 5)):
        start = time.perf_counter()
        lib = load_rule_dir()
        times.append(time.perf_counter() - start)
        if lib.failures:
            raise BenchError("shipped rule files fail to load: " + "; ".join(map(str, lib.failures)))
    results["rules_in_process"] = statistics.median(times)


# -- the report ---------------------------------------------------------------------------------


def verdict(ok: bool, margin: str) -> str:
    """MET or MISSED, with the margin."""
    return f"{'MET   ' if ok else 'MISSED'} ({margin})"


def table(rows: list[tuple[str, ...]], widths: tuple[int, ...]) -> None:
    """Print rows as aligned columns."""
    for row in rows:
        say("  " + "".join(cell.ljust(w) if i < len(row) - 1 else cell for i, (cell, w) in enumerate(zip(row, widths))))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 when everything ran and every comparison agreed, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=2000, help="sheets for the throughput runs (default 2000)")
    parser.add_argument("--big", type=int, default=20000, help="department sheets for the large run, from one CSV, both cores (default 20000; the target is 1000000)")
    parser.add_argument("--big-base", type=int, default=10000, help="generated rows the large CSV repeats (default 10000)")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="working folder (default bench/out, git-ignored)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--repeats", type=int, default=10, help="runs of each command timed by its median (default 10)")
    parser.add_argument("--batch-repeats", type=int, default=2, help="runs of each --size batch, the fastest kept (default 2)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of the one-core engine runs")
    parser.add_argument("--no-big", action="store_true", help="skip the large run")
    parser.add_argument("--cli-only", action="store_true",
                        help="only the command wall times (scoring diff, --help, loading the rule files) and their targets; results in OUT/results-cli.json")
    parser.add_argument("--rows-only", action="store_true",
                        help="only the project sheets in-process, one core (traced engine and lean path) and the lean path's "
                             "ratio target; results in OUT/results-rows.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.big, args.big_base = min(args.size, 300), min(args.big, 1200), min(args.big_base, 300)
        args.repeats, args.batch_repeats = min(args.repeats, 3), 1
    if args.size <= 200:
        parser.error("--size must be above 200: smaller batches are not spread over the cores (scoring/batch/pool.py)")
    args.big_base = min(args.big_base, args.big)
    out: Path = args.out.resolve()
    gen = out / "gen"
    runs = out / "runs"
    runs.mkdir(parents=True, exist_ok=True)

    # The compiled-rules cache of this run's commands (warmed before anything is timed), and the
    # package's bytecode written as an install writes it (PYTHONDONTWRITEBYTECODE would otherwise
    # make every command compile the sources again).
    os.environ["SCORING_CACHE_DIR"] = str(out / "cache")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "scoring")], capture_output=True, check=False)
    from scoring import load_rule_dir

    info = machine()
    load_before = os.getloadavg()
    say(f"bench/run.py — scoring at commit {info['commit']}{' (scoring/ or formulas/ modified in the work tree)' if info['scoring_dirty'] else ''}, {info['date']}")
    say(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory'] / GIB:.0f} GiB; Python {info['python']}; "
        f"load average {load_before[0]:.2f} at start (other work on the machine slows the wall-clock figures)")
    scoring = scoring_command()
    say(f"command: {' '.join(scoring)}; sizes: --size {args.size:,} --big {args.big:,} (repeating {args.big_base:,} generated rows)")
    start = time.perf_counter()
    library = load_rule_dir()
    results: dict = {"machine": info, "args": {k: str(v) for k, v in vars(args).items()}, "first_rule_load": time.perf_counter() - start}
    if args.cli_only:
        return cli_only(scoring, args, results, out, load_before)
    if args.rows_only:
        return rows_only(gen, args, library, results, out, load_before)
    failures: list[str] = []
    agreement: dict[str, Tally] = {}

    # -- inputs --
    say("\n== inputs (scoring generate; cached in OUT/gen) ==")
    dept_csv = gen / f"dept-s{args.seed}-n{args.size}.csv"
    rows_dir = gen / f"rows-s{args.seed}-n{args.size}"
    generate_dept(dept_csv, args.size, args.seed)
    kept = generate_rows(rows_dir, args.size, args.seed, library)
    rows_n = sum(kept.values())
    say(f"  {dept_csv.relative_to(out)}: {args.size:,} department sheets; {rows_dir.relative_to(out)}: {rows_n:,} project sheets "
        f"({', '.join(f'{k} {v:,}' for k, v in sorted(kept.items()))})")

    # -- in-process, one core --
    say("\n== in-process, one core (median of chunks of 250 sheets; wall clock, and by CPU time) ==")
    dept: dict = {}
    _, hand_inputs = in_process_dept(dept_csv, library, dept)
    hands = [hw.score(x, f) for x, f in hand_inputs]
    say(f"  department sheets: parse {fmt_pair(dept, 'parse')}, engine + diff {fmt_pair(dept, 'engine')}, engine only {fmt_pair(dept, 'score_only')}, "
        f"hand-written {fmt_pair(dept, 'hand')}, naive floor {fmt_pair(dept, 'naive')} sheets/s")
    rows_res: dict = {}
    in_process_rows(rows_dir, library, rows_res)
    say(f"  project sheets: parse {fmt_pair(rows_res, 'parse')}, engine + diff {fmt_pair(rows_res, 'engine')}, engine only {fmt_pair(rows_res, 'score_only')} sheets/s")
    agreement["lean_totals"] = Tally()
    in_process_lean(dept_csv, library, hand_inputs, hands, dept, agreement["lean_totals"])
    in_process_lean_rows(rows_dir, library, rows_res)
    say(f"  lean path: department sheets {fmt_pair(dept, 'lean')} (generated code, as the hand-written code scores), "
        f"{fmt_pair(dept, 'lean_row')} (a table row read, scored, compared, summarised); project sheets {fmt_pair(rows_res, 'lean')} sheets/s")
    zen_note = zen_peer(hand_inputs, hands, dept)
    say(f"  GoRules ZEN peer: {fmt_pair(dept, 'zen')} sheets/s; {zen_note}" if zen_note else
        "  GoRules ZEN peer: skipped — zen-engine is not installed (pip install -e '.[bench]')")
    results["dept"], results["rows"] = dept, rows_res

    # -- agreement --
    say("\n== agreement: engine vs hand-written (and the naive floor), every generated sheet and an edge variant of each ==")
    naive = NaiveScorer(library.find(DEPT_RULES, YEAR), YEAR)
    hdr, generated = read_csv(dept_csv)
    generated = list(generated)
    agreement["generated"], agreement["generated_naive"] = Tally(), Tally()
    compare_rows(library, hdr, generated, agreement["generated"], naive=naive, naive_tally=agreement["generated_naive"])
    rng = random.Random(args.seed)
    variants = [edge_variant(hdr, cells, rng) for cells in generated]
    agreement["edge"], agreement["edge_naive"] = Tally(), Tally()
    compare_rows(library, hdr, variants, agreement["edge"], naive=naive, naive_tally=agreement["edge_naive"])
    del generated, variants
    for key in ("generated", "edge"):
        t = agreement[key]
        say(f"  {key}: {t.sheets:,} sheets, {'all agree' if t.ok and agreement[key + '_naive'].ok else 'DISAGREEMENTS (listed below)'}")

    # -- the lean path against the traced path --
    say(f"\n== equality: lean path vs traced path, on {args.size:,} generated submissions, an edge variant and a written variant of each, "
        "every rule set's worked examples, every shipped case ==")
    started = time.perf_counter()
    equal = lean_equality.run(library, args.size, args.seed).tally
    say(f"  {'ALL EQUAL' if equal.ok else f'DISAGREE on {equal.disagreeing:,} sheets'}: {equal.describe()} ({fmt_s(time.perf_counter() - started)})")
    for line in equal.first:
        say(f"      {line}")
    if not equal.ok:
        failures.append(f"lean path vs traced path: {equal.disagreeing} sheets disagree")
    results["equality"] = {"sheets": equal.sheets, "lean": equal.lean, "refused": equal.refused, "lines": equal.lines,
                           "table_rows": equal.table_rows, "read_lean": equal.read_lean, "disagreeing": equal.disagreeing, "first": equal.first}

    # -- batch through the command line --
    say(f"\n== scoring batch (public path: file → summary CSV; fastest of {args.batch_repeats}) ==")
    batches: dict[str, Run] = {}
    agreement["summaries"] = Tally()
    for jobs in (1, 2):
        for kind, target, n in (("dept", dept_csv, args.size), ("rows", rows_dir, rows_n)):
            summary = runs / f"{kind}-j{jobs}.csv"
            best = None
            for _ in range(max(1, args.batch_repeats)):
                load = os.getloadavg()[0]
                r = batch(scoring, target, jobs, summary, n)
                r.load = load
                if best is None or r.wall < best.wall:
                    best = r
                if kind == "dept":
                    check_summary(summary, hands, n, agreement["summaries"], f"dept-j{jobs}")
            batches[f"{kind}-j{jobs}"] = best
            say(f"  {'department CSV' if kind == 'dept' else 'project case files'}, --jobs {jobs}: {fmt_s(best.wall)} wall → {fmt_rate(rate(n, best.wall))}"
                f"{_cpu_note(best, n)}; max RSS {fmt_mem(best.max_rss)}, Σ RSS {fmt_mem(best.tree_rss)} (Σ PSS {fmt_mem(best.tree_pss)}); load {best.load:.2f}")
    results["batch"] = {k: {"wall": r.wall, "cpu": r.cpu, "max_rss": r.max_rss, "tree_rss": r.tree_rss, "tree_pss": r.tree_pss, "load": r.load} for k, r in batches.items()}

    # -- command wall times --
    say(f"\n== command wall times (median of {args.repeats}) ==")
    cli: dict = {}
    cli_times(scoring, args.repeats, cli)
    results["cli"] = cli
    say(f"  diff {fmt_s(cli['diff'])}, --help {fmt_s(cli['help'])}, rule files {fmt_s(cli['rules_fresh'])} (fresh process)")

    # -- the large run --
    big: Run | None = None
    if not args.no_big:
        say("\n== large run: one CSV, both cores, summary written ==")
        base_csv = dept_csv if args.big_base == args.size else gen / f"dept-s{args.seed}-n{args.big_base}.csv"
        generate_dept(base_csv, args.big_base, args.seed)
        big_csv = gen / f"dept-big-s{args.seed}-n{args.big}-b{args.big_base}.csv"
        tile_csv(base_csv, big_csv, args.big)
        summary = runs / "big.csv"
        load = os.getloadavg()[0]
        big = batch(scoring, big_csv, 2, summary, args.big)
        big.load = load
        say(f"  {args.big:,} sheets: {fmt_s(big.wall)} wall → {fmt_rate(rate(args.big, big.wall))}{_cpu_note(big, args.big)}; max RSS {fmt_mem(big.max_rss)}, "
            f"Σ RSS {fmt_mem(big.tree_rss)}, Σ PSS {fmt_mem(big.tree_pss)} ({big.samples} samples, {big.sampler_cpu:.2f} s of the sampler's CPU); load {load:.2f}")
        base_hands = hands if base_csv == dept_csv else [hw.score(x, f) for x, f in hand_rows(base_csv)[1]]
        agreement["big_summary"] = Tally()
        check_summary(summary, base_hands, args.big, agreement["big_summary"], "big")
        results["big"] = {"sheets": args.big, "wall": big.wall, "cpu": big.cpu, "max_rss": big.max_rss, "tree_rss": big.tree_rss, "tree_pss": big.tree_pss,
            "sampler_cpu": big.sampler_cpu, "load": load}
        # the same table on both cores without the batch around it (bench/halves.py): what the
        # machine allows the hand-written code, and what the lean path's own loop takes
        hand_two = both_cores(big_csv, args.big)
        lean_two = both_cores(big_csv, args.big, library)
        say(f"  the same CSV in two halves, two processes at once, no batch: hand-written parse + score {fmt_s(hand_two.wall)} "
            f"({hand_two.cpu_total:.1f} s CPU); lean path read + score + compare + summarise {fmt_s(lean_two.wall)} ({lean_two.cpu_total:.1f} s CPU)")
        results["big"].update(hand_two={"wall": hand_two.wall, "cpu": hand_two.cpu_total, "totals": hand_two.counted},
                              lean_two={"wall": lean_two.wall, "cpu": lean_two.cpu_total, "taken": lean_two.counted})

    if args.profile:
        run_profiles(library, dept_csv, rows_dir, out)

    load_after = os.getloadavg()
    commit_after = git("log", "-1", "--format=%h")
    if commit_after != info["commit"]:
        say(f"\nNOTE: the checkout moved from {info['commit']} to {commit_after} during this run; figures may mix the two")

    # -- report --
    say("\n" + "=" * 110)
    say(f"RESULTS — commit {info['commit']}{' + work-tree changes' if info['scoring_dirty'] else ''}; {info['cores']} cores ({info['cpu']}); "
        f"load average {load_before[0]:.2f} at start → {load_after[0]:.2f} at end")
    say("=" * 110)
    b = batches
    say(f"\nThroughput in sheets/s — wall clock (by CPU time) — dept: {args.size:,} Sichuan 2024 部门整体 sheets in one CSV; "
        f"projects: {rows_n:,} national.project/sichuan.project case files")
    table([
        ("", "dept (formula)", "projects (rows)"),
        ("scoring batch --jobs 1 (file → summary CSV)", fmt_batch(b["dept-j1"], args.size), fmt_batch(b["rows-j1"], rows_n)),
        ("scoring batch --jobs 2", fmt_batch(b["dept-j2"], args.size), fmt_batch(b["rows-j2"], rows_n)),
        ("in-process: parse only (row_to_case / load_case)", fmt_pair(dept, "parse"), fmt_pair(rows_res, "parse")),
        ("in-process: engine + diff (report_loaded)", fmt_pair(dept, "engine"), fmt_pair(rows_res, "engine")),
        ("in-process: engine only (score_sheet)", fmt_pair(dept, "score_only"), fmt_pair(rows_res, "score_only")),
        ("in-process: parse + engine + diff", fmt_pair(dept, "engine_end_to_end"), fmt_pair(rows_res, "engine_end_to_end")),
        ("hand-written: score (Decimal dicts)", fmt_pair(dept, "hand"), "n/a"),
        ("hand-written: parse row → Decimal dicts", fmt_pair(dept, "hand_parse"), "n/a"),
        ("hand-written: parse + score", fmt_pair(dept, "hand_end_to_end"), "n/a"),
        ("naive floor: simpleeval re-parse (Decimal dicts)", fmt_pair(dept, "naive"), "n/a"),
        ("lean path: generated code, as hand-written scores", fmt_pair(dept, "lean"), "n/a"),
        ("lean path: row read, scored, compared, summarised", fmt_pair(dept, "lean_row"), fmt_pair(rows_res, "lean")),
        ("GoRules ZEN peer (compiled expression)", fmt_pair(dept, "zen") if "zen" in dept else "not installed", "n/a"),
    ], (52, 26, 26))
    # the targets' ratios are measured chunk for chunk (`paired`); the rates above, a minute apart
    lean_cpu = dept["lean_vs_hand"]
    lean_rows = rows_res["lean_vs_engine"]
    ratio_cpu = dept["engine_cpu"] / dept["hand_cpu"]
    ratio_wall = dept["engine"] / dept["hand"]
    say("\nRatios, one core (by CPU time; wall clock in brackets)")
    table([
        ("engine + diff ÷ hand-written score", f"{ratio_cpu:.4f} = 1 : {1 / ratio_cpu:,.1f}  ({ratio_wall:.4f})"),
        ("engine only (score_sheet) ÷ hand-written score",
         f"{dept['score_only_cpu'] / dept['hand_cpu']:.4f} = 1 : {dept['hand_cpu'] / dept['score_only_cpu']:,.1f}  ({dept['score_only'] / dept['hand']:.4f})"),
        ("parse + engine + diff ÷ hand-written parse + score", f"{dept['engine_end_to_end_cpu'] / dept['hand_end_to_end_cpu']:.4f}  ({dept['engine_end_to_end'] / dept['hand_end_to_end']:.4f})"),
        ("batch --jobs 1 ÷ hand-written parse + score", f"{rate(args.size, b['dept-j1'].wall) / dept['hand_end_to_end']:.4f}  (wall)"),
        ("engine + diff ÷ naive floor", f"{dept['engine_cpu'] / dept['naive_cpu']:.2f}  ({dept['engine'] / dept['naive']:.2f})"),
        ("hand-written ÷ naive floor", f"{dept['hand_cpu'] / dept['naive_cpu']:.1f}  ({dept['hand'] / dept['naive']:.1f})"),
        ("batch --jobs 2 ÷ --jobs 1, dept / projects", f"{b['dept-j1'].wall / b['dept-j2'].wall:.2f} / {b['rows-j1'].wall / b['rows-j2'].wall:.2f}  (wall)"),
        ("lean path (generated code) ÷ hand-written score",
         f"{lean_cpu:.3f} paired chunk for chunk; {dept['lean_cpu'] / dept['hand_cpu']:.3f} from the rates above  ({dept['lean'] / dept['hand']:.3f})"),
        ("lean row ÷ hand-written parse + score", f"{dept['lean_row_cpu'] / dept['hand_end_to_end_cpu']:.3f}  ({dept['lean_row'] / dept['hand_end_to_end']:.3f})"),
        ("lean path ÷ traced engine + diff, projects",
         f"{lean_rows:.2f} paired chunk for chunk; {rows_res['lean_cpu'] / rows_res['engine_cpu']:.2f} from the rates above  ({rows_res['lean'] / rows_res['engine']:.2f})"),
        ("  the same, every text already read (memos warm)", f"{rows_res['lean_warm_vs_engine']:.2f} paired: the ceiling if reading cost nothing"),
        ("lean row ÷ traced parse + engine + diff, dept", f"{dept['lean_row_cpu'] / dept['engine_end_to_end_cpu']:.1f}  ({dept['lean_row'] / dept['engine_end_to_end']:.1f})"),
        *([("ZEN ÷ hand-written; lean path ÷ ZEN", f"{dept['zen_cpu'] / dept['hand_cpu']:.3f}; {dept['lean_cpu'] / dept['zen_cpu']:.2f}  (by CPU time)")] if "zen" in dept else []),
    ], (52, 30))
    wall_times(cli, args.repeats, results)
    if big is not None:
        say(f"\nLarge run: {args.big:,} department sheets from one CSV, --jobs 2, summary CSV written")
        table([
            ("wall time", f"{fmt_s(big.wall)}  → {fmt_rate(rate(args.big, big.wall))}{_cpu_note(big, args.big)}"),
            ("max RSS of one process (/usr/bin/time %M)", fmt_mem(big.max_rss)),
            ("peak Σ RSS of the process tree (sampled)", fmt_mem(big.tree_rss)),
            ("peak Σ PSS of the process tree (sampled)", fmt_mem(big.tree_pss)),
            # the hand-written code alone on the same rows and both cores, reading and scoring only (no
            # claim compared, no summary, no parent): the floor this machine puts under the target
            ("hand-written parse + score alone, both cores", f"{fmt_s(hand_two.wall)} measured (two processes, half the rows each; "
                                                            f"{fmt_s(hand_two.wall * BIG_TARGET_SHEETS / args.big)} for {BIG_TARGET_SHEETS:,})"),
            ("  the same from its one-core rate, doubled", f"{fmt_s(args.big / dept['hand_end_to_end_cpu'] / 2)} "
                                                          f"(two processes at once reach {args.big / dept['hand_end_to_end_cpu'] / 2 / hand_two.wall:.2f} of twice one core's rate)"),
            ("lean path's own loop alone, both cores", f"{fmt_s(lean_two.wall)} measured, {lean_two.wall / hand_two.wall:.2f}× the hand-written "
                                                      "(read, score, compare, summarise; no batch around it)"),
            ("the batch's own share of the wall time", f"{fmt_s(big.wall - lean_two.wall)} (start-up, blocks handed out, summaries sent, sorted, written)"),
        ], (52, 30))

    # -- targets --
    say("\nTargets")
    targets = [("engine ≥ 0.5 × hand-written (one core, CPU time)", ratio_cpu >= TARGET_RATIO,
                f"{ratio_cpu:.4f} ×; the engine + diff needs to be {TARGET_RATIO / ratio_cpu:,.1f}× faster" if ratio_cpu < TARGET_RATIO
                else f"{ratio_cpu:.3f} ×, {ratio_cpu / TARGET_RATIO:.1f}× the target")]
    if big is not None:
        seconds = big.wall * BIG_TARGET_SHEETS / args.big
        how = "measured" if args.big >= BIG_TARGET_SHEETS else f"projected linearly from {args.big:,} sheets"
        targets.append((f"1,000,000 sheets, both cores, < {TARGET_BIG_SECONDS:.0f} s", seconds < TARGET_BIG_SECONDS,
                        f"{seconds:,.0f} s {how}: {seconds / TARGET_BIG_SECONDS:.1f}× the target, needs {BIG_TARGET_SHEETS / TARGET_BIG_SECONDS:,.0f} sheets/s"
                        if seconds >= TARGET_BIG_SECONDS else f"{seconds:,.1f} s {how}, {TARGET_BIG_SECONDS - seconds:.1f} s to spare"))
        memory = big.tree_rss
        note = "measured" if args.big >= BIG_TARGET_SHEETS else f"at {args.big:,} sheets"
        memory_check = memory
        if args.big < BIG_TARGET_SHEETS and args.big > args.size:
            slope = max(0.0, (memory - b["dept-j2"].tree_rss) / (args.big - args.size))
            projected = memory + slope * (BIG_TARGET_SHEETS - args.big)
            note += f"; +{slope:,.0f} B per sheet since the {args.size:,}-sheet run → ~{fmt_mem(int(projected))} projected at 1,000,000"
            memory_check = max(memory, projected)
        targets.append(("peak memory < 2 GiB (Σ RSS of the process tree)", memory_check < TARGET_BIG_MEMORY, f"{fmt_mem(memory)} {note}"))
    targets.extend(command_targets(cli)[:3])
    # the lean path and the start-up
    targets.append((f"lean path ≥ {TARGET_LEAN_RATIO} × hand-written (dept, one core)", lean_cpu >= TARGET_LEAN_RATIO,
                    f"{lean_cpu:.3f} × (generated code scoring what the hand-written code scores); a whole row read+scored+compared+summarised: "
                    f"{dept['lean_row_cpu'] / dept['hand_end_to_end_cpu']:.3f} × hand-written parse + score"))
    targets.append((f"lean path ≥ {TARGET_LEAN_ROWS:.0f} × traced engine (projects, one core)", lean_rows >= TARGET_LEAN_ROWS,
                    f"{lean_rows:.2f} × paired chunk for chunk ({fmt_rate(rows_res['lean_cpu'])} against {fmt_rate(rows_res['engine_cpu'])})"))
    if big is not None:
        seconds = big.wall * BIG_TARGET_SHEETS / args.big
        how = "measured" if args.big >= BIG_TARGET_SHEETS else f"projected linearly from {args.big:,} sheets"
        targets.append((f"lean path: 1,000,000 sheets, both cores, < {TARGET_BIG_SECONDS:.0f} s", seconds < TARGET_BIG_SECONDS,
                        f"{seconds:,.1f} s {how}" + (f": {seconds / TARGET_BIG_SECONDS:.2f}× the target" if seconds >= TARGET_BIG_SECONDS else "")))
        targets.append(("lean path: peak memory < 1 GiB on that run", memory_check < TARGET_LEAN_MEMORY, f"{fmt_mem(memory)} {note}"))
    targets.extend(command_targets(cli)[3:])
    table([(name, verdict(ok, margin)) for name, ok, margin in targets], (52, 30))
    results["targets"] = [{"target": name, "met": ok, "margin": margin} for name, ok, margin in targets]

    # -- agreement --
    say("\nAgreement (each indicator to the last digit, or unverifiable on both sides; deductions; totals)")
    labels = {
        "generated": "engine vs hand-written, generated sheets",
        "generated_naive": "engine vs naive floor, generated sheets",
        "edge": "engine vs hand-written, edge variants",
        "edge_naive": "engine vs naive floor, edge variants",
        "summaries": "batch summaries' totals vs hand-written",
        "big_summary": "large-run summary totals vs hand-written",
        "lean_totals": "lean path's generated code vs hand-written, generated sheets",
    }
    for key, tally in agreement.items():
        detail = f"{tally.sheets:,} sheets"
        if tally.indicators:
            detail += f", {tally.indicators:,} indicator scores ({tally.unverifiable:,} unverifiable on both sides)"
        detail += f", {tally.totals:,} totals"
        if tally.total_skipped:
            detail += f" (+{tally.total_skipped:,} compared as a range only: a lower-precision claim matched)"
        state = "AGREE" if tally.ok else f"DISAGREE on {tally.disagreeing_sheets:,} sheets"
        say(f"  {labels[key]}: {state} — {detail}")
        if not tally.ok:
            failures.append(f"{labels[key]}: {tally.disagreeing_sheets} sheets disagree")
            for line in tally.first:
                say(f"      {line}")
    results["agreement"] = {k: {"sheets": t.sheets, "disagreeing": t.disagreeing_sheets, "first": t.first} for k, t in agreement.items()}
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    say(f"\n(figures saved to {out / 'results.json'})")
    if failures:
        say("\nFAILED: " + "; ".join(failures))
        return 1
    return 0


def wall_times(cli: dict, repeats: int, results: dict) -> None:
    """Print the command wall times."""
    say("\nWall times")
    table([
        (f"scoring diff {SUINING_CASE.name}", f"{fmt_s(cli['diff'])}  (median of {repeats}; fastest {fmt_s(min(cli['diff_all']))}; CPU {fmt_s(cli['diff_cpu'])})"),
        ("scoring --help", f"{fmt_s(cli['help'])}  (fastest {fmt_s(min(cli['help_all']))})"),
        ("python -c pass (interpreter start-up, reference)", fmt_s(cli["python_start"])),
        (f"load + validate all {cli['rule_sets']} rule sets, fresh process",
         f"{fmt_s(cli['rules_fresh'])}  (+ {fmt_s(cli['rules_fresh_import'])} importing; whole process {fmt_s(cli['rules_fresh_wall'])})"),
        ("load + validate all rule sets, in-process, again", f"{fmt_s(cli['rules_in_process'])}  (first call in this process {fmt_s(results['first_rule_load'])})"),
    ], (52, 30))
    say(f"\nWhere scoring diff's time goes after the interpreter has started (median of {repeats} fresh processes, step by step)")
    table([(name, fmt_s(seconds)) for name, seconds in cli["diff_stages"]] + [("sum", fmt_s(sum(s for _, s in cli["diff_stages"])))], (52, 30))


def command_targets(cli: dict) -> list[tuple[str, bool, str]]:
    """The targets on commands: the first three (diff, --help, rule files), then the lean path's two."""
    return [
        (f"scoring diff of the Suining case < {TARGET_DIFF_SECONDS} s", cli["diff"] < TARGET_DIFF_SECONDS, _margin(cli["diff"], TARGET_DIFF_SECONDS)),
        (f"scoring --help < {TARGET_HELP_SECONDS} s", cli["help"] < TARGET_HELP_SECONDS, _margin(cli["help"], TARGET_HELP_SECONDS)),
        (f"load + validate rule files < {TARGET_RULES_SECONDS * 1000:.0f} ms (fresh process)", cli["rules_fresh"] < TARGET_RULES_SECONDS,
         _margin(cli["rules_fresh"], TARGET_RULES_SECONDS)),
        (f"scoring diff of the Suining case < {TARGET_LEAN_DIFF_SECONDS} s (warm cache)", cli["diff"] < TARGET_LEAN_DIFF_SECONDS, _margin(cli["diff"], TARGET_LEAN_DIFF_SECONDS)),
        (f"rule files, fresh process, warm cache < {TARGET_LEAN_RULES_SECONDS * 1000:.0f} ms", cli["rules_fresh"] < TARGET_LEAN_RULES_SECONDS,
         _margin(cli["rules_fresh"], TARGET_LEAN_RULES_SECONDS)),
    ]


def cli_only(scoring: list[str], args: argparse.Namespace, results: dict, out: Path, load_before: tuple[float, ...]) -> int:
    """`--cli-only`: the command wall times and their targets, nothing else."""
    say(f"\n== command wall times (median of {args.repeats}) ==")
    cli: dict = {}
    cli_times(scoring, args.repeats, cli)
    results["cli"] = cli
    say(f"\nload average {load_before[0]:.2f} at start → {os.getloadavg()[0]:.2f} at end")
    wall_times(cli, args.repeats, results)
    return finish_part(command_targets(cli), results, out / "results-cli.json")


def finish_part(targets: list[tuple[str, bool, str]], results: dict, path: Path) -> int:
    """The end of a partial run: its targets printed MET or MISSED, its figures saved to ``path``."""
    say("\nTargets")
    table([(name, verdict(ok, margin)) for name, ok, margin in targets], (52, 30))
    results["targets"] = [{"target": name, "met": ok, "margin": margin} for name, ok, margin in targets]
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    say(f"\n(figures saved to {path})")
    return 0


def rows_only(gen: Path, args: argparse.Namespace, library, results: dict, out: Path, load_before: tuple[float, ...]) -> int:
    """`--rows-only`: the project sheets in-process, one core, the traced engine against the lean
    path, and the lean path's target on them; nothing else (no batch, no equality run)."""
    say("\n== inputs (scoring generate; cached in OUT/gen) ==")
    rows_dir = gen / f"rows-s{args.seed}-n{args.size}"
    kept = generate_rows(rows_dir, args.size, args.seed, library)
    say(f"  {rows_dir.relative_to(out)}: {sum(kept.values()):,} project sheets ({', '.join(f'{k} {v:,}' for k, v in sorted(kept.items()))})")
    say("\n== in-process, one core (median of chunks of 250 sheets; wall clock, and by CPU time) ==")
    rows_res: dict = {}
    in_process_rows(rows_dir, library, rows_res)
    say(f"  project sheets: parse {fmt_pair(rows_res, 'parse')}, engine + diff {fmt_pair(rows_res, 'engine')}, engine only {fmt_pair(rows_res, 'score_only')} sheets/s")
    in_process_lean_rows(rows_dir, library, rows_res)
    say(f"  lean path: project sheets {fmt_pair(rows_res, 'lean')} sheets/s ({rows_res['lean_fallbacks']:,} handed to the traced path)")
    results["rows"] = rows_res
    say(f"\nload average {load_before[0]:.2f} at start → {os.getloadavg()[0]:.2f} at end")
    lean_rows = rows_res["lean_vs_engine"]
    targets = [(f"lean path ≥ {TARGET_LEAN_ROWS:.0f} × traced engine (projects, one core)", lean_rows >= TARGET_LEAN_ROWS,
                f"{lean_rows:.2f} × paired chunk for chunk ({fmt_rate(rows_res['lean_cpu'])} against {fmt_rate(rows_res['engine_cpu'])}; "
                f"wall clock {rows_res['lean'] / rows_res['engine']:.1f} ×; with every text already read {rows_res['lean_warm_vs_engine']:.2f} ×)")]
    return finish_part(targets, results, out / "results-rows.json")


def fmt_pair(results: dict, key: str) -> str:
    """An in-process rate: wall clock, and by CPU time in brackets."""
    return f"{results[key]:,.0f} ({results[key + '_cpu']:,.0f})"


def fmt_batch(r: Run, n: int) -> str:
    """A batch rate: wall clock, and sheets per CPU-second of all its processes in brackets."""
    return f"{rate(n, r.wall):,.0f}" + (f" ({n / r.cpu:,.0f})" if r.cpu else "")


def _cpu_note(r: Run, n: int) -> str:
    return f", {r.cpu:.1f} s CPU ({n / r.cpu:,.0f} sheets per CPU-second)" if r.cpu else ""


def run_profiles(library, dept_csv: Path, rows_dir: Path, out: Path) -> None:
    """cProfile the one-core engine runs and a batch worker's per-row work, in-process."""
    from scoring import Engine, load_case, report_loaded
    from scoring.batch.run import summarize
    from scoring.cases.table import TableRow, read_table, row_to_case

    say("\n== profile: engine + diff (report_loaded), one core, in-process ==")
    engine = Engine()
    cases = [(e.where, row_to_case(e)) for e in list(read_table(dept_csv))[1:1001] if isinstance(e, TableRow)]
    profile("department sheets", lambda: [report_loaded(c, w, library, engine) for w, c in cases], len(cases), 30, out / "profile-dept.pstats")
    loaded = [load_case(p) for p in sorted(rows_dir.glob("gen-*.json"))[:1000]]
    profile("project sheets", lambda: [report_loaded(c, s, library, engine) for c, s in loaded], len(loaded), 15, out / "profile-rows.pstats")

    def worker_path() -> None:
        # what a batch worker does for each row of the table: the row as a case, scored and
        # compared, and its summary row (the parent process only reads lines, ships them and
        # writes the summary; profile a `--jobs 1` run in-process and you only see it waiting)
        for entry in entries:
            case = row_to_case(entry)
            report = report_loaded(case, entry.where, library, engine)
            summarize(report, report.sheets[0])

    entries = [e for e in read_table(dept_csv) if isinstance(e, TableRow)]
    say("\n== profile: a batch worker's work per department row (row_to_case + report_loaded + summarize), one core ==")
    profile("batch worker, department CSV", worker_path, len(entries), 20, out / "profile-batch.pstats")


def _margin(value: float, target: float) -> str:
    if value < target:
        return f"{fmt_s(value)}, {fmt_s(target - value)} under"
    return f"{fmt_s(value)}, {fmt_s(value - target)} over ({value / target:.1f}× the target)"


def entry() -> int:
    """Run, turning a failed step into exit code 1 with its message."""
    try:
        return main()
    except (BenchError, RuntimeError) as exc:
        say(f"\nFAILED: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(entry())
