"""Where a large batch's time goes, phase by phase: `scoring batch TABLE --out summary.csv` as the
command runs it (`run_batch` on both cores, then `write_csv`), timed until the last summary is in,
while the summaries are sorted, and while the summary is written, with the CPU time of this
process (the parent) and of its workers.

    python bench/phases.py bench/out/gen/dept-big-s7-n1000000-b10000.csv   # made by bench/run.py --big 1000000

On two cores the workers and the parent share the machine: where the cores are busy all along
until the last summary is in, that phase's wall time is the CPU time of all three halved, and the
sort and the writing after it run on one core alone.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python bench/phases.py` from the checkout


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("table", type=Path, help="a case table (CSV)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    from scoring.batch import run as batch
    from scoring.output.summary import write_csv

    marks: list[tuple[str, float, float]] = []
    last = [time.perf_counter(), _cpu(resource.RUSAGE_SELF)]

    def mark(what: str) -> None:
        now, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
        marks.append((what, now - last[0], cpu - last[1]))
        last[:] = [now, cpu]

    order = batch.order_summaries

    def timed_order(sheets) -> None:
        mark("until the last summary is in")
        order(sheets)
        mark("sorting the summaries")

    batch.order_summaries = timed_order
    try:
        result = batch.run_batch([args.table], jobs=args.jobs)
    finally:
        batch.order_summaries = order
    gc.freeze()  # as `scoring batch` does before writing
    with tempfile.TemporaryDirectory() as folder, open(os.path.join(folder, "summary.csv"), "w", encoding="utf-8", newline="") as out:
        write_csv(result, out)
    mark("writing the summary CSV")
    workers = _cpu(resource.RUSAGE_CHILDREN)
    print(f"{args.table}: {result.scored:,} sheets scored, --jobs {args.jobs}")
    for what, wall, cpu in marks:
        print(f"  {what:<32} {wall:8.2f} s wall, {cpu:7.2f} s CPU in this process")
    print(f"  {'workers, all phases':<32} {'':8}         {workers:7.2f} s CPU together")
    return 0


if __name__ == "__main__":
    sys.exit(main())
