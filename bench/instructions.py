"""Machine instructions a department row costs, counted by valgrind: the same from run to run.

On a shared machine the wall and CPU times of the same code vary by a fifth from one run to the
next, so a change of a few percent in the row loop cannot be seen in them.  The number of
instructions the interpreter executes for the same rows does not vary (cachegrind counts them;
two runs differ by a few hundred instructions a row).  This counts them for two ways through the
code, on the first ROWS rows of the generated department table the benchmark uses, less what one
row costs (start-up, imports, the rule library):

* ``lean``: the lean path's row loop (`TableReader.summary`, what a batch worker runs per row);
* ``batch``: `run_batch` in this process (``jobs=1``, no pool, no pickling) and the summary CSV
  written, as `scoring batch --out summary.csv` does.

    python bench/instructions.py                  # both, 3,000 rows: about three minutes
    python bench/instructions.py --rows 1000 --only lean

Needs valgrind (Debian: ``apt-get install valgrind``); without it, says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python bench/instructions.py` from the checkout: the bench package
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _child(mode: str, table: str) -> None:
    """The measured work, in a process of its own (under valgrind)."""
    if mode == "lean":
        from scoring.cases.table import TableRow, known_labels, read_table
        from scoring.engine.lean import LeanEngine
        from scoring.engine.lean_table import TableReader
        from scoring.rules.library import load_rule_dir

        library = load_rule_dir(None)
        reader = TableReader(library, LeanEngine())
        for entry in read_table(table, known_labels(library)):
            if isinstance(entry, TableRow):
                reader.summary(entry)
    else:
        from scoring.batch.run import run_batch
        from scoring.output.summary import write_csv

        result = run_batch([table], jobs=1, timeout=None)
        with open(os.devnull, "w", encoding="utf-8", newline="") as out:
            write_csv(result, out)


def _instructions(mode: str, table: Path) -> int:
    """The instructions of `_child` on ``table``, counted by cachegrind."""
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
               sys.executable, "-m", "bench.instructions", "--child", mode, str(table)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return int(found[1].replace(",", ""))


def _first_rows(source: Path, count: int, path: Path) -> None:
    """The header and the first ``count`` rows of ``source`` (one row a line, as generated)."""
    with source.open(encoding="utf-8-sig") as handle:
        lines = [next(handle) for _ in range(count + 1)]
    path.write_text("".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=3000, help="rows counted (default 3000)")
    parser.add_argument("--only", choices=("lean", "batch"), help="count one way through the code only")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated table (default 7, as bench/run.py)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where the generated table is kept")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "TABLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind): nothing counted")
        return 0
    from bench.run import generate_dept

    source = args.out / "gen" / f"dept-s{args.seed}-n{max(args.rows, 2000)}.csv"
    generate_dept(source, max(args.rows, 2000), args.seed)
    with tempfile.TemporaryDirectory() as folder:
        one, many = Path(folder) / "one.csv", Path(folder) / "many.csv"
        _first_rows(source, 1, one)
        _first_rows(source, args.rows, many)
        for mode in ("lean", "batch") if args.only is None else (args.only,):
            _child(mode, str(one))  # the compiled rule library in the cache before counting
            low, high = _instructions(mode, one), _instructions(mode, many)
            print(f"{mode}: {(high - low) / (args.rows - 1):,.0f} instructions a row "
                  f"({args.rows:,} rows: {high:,}; 1 row: {low:,}; {source.name})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
