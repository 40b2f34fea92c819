"""The large run's table read and scored on both cores without the batch around it.

`scoring batch` on a million rows pays for more than reading and scoring them: a parent that
hands out blocks, collects a summary per row, sorts and writes them.  To say how much of its time
is the batch's own, and what the machine allows at all, the same CSV is split in two halves at a
line boundary and two processes (forked, started together) each read and score one half:

* the hand-written code (`bench.handwritten`): read each row into Decimals and score it, no claim
  compared, nothing summarised, nothing sent anywhere — the floor under the target on this machine;
* the lean path as a batch worker runs it (`TableReader.summary`: read, score, compare, summarise),
  with no pool, no parent and no summary written.

Both are measured, not projected from a one-core rate: two processes at once do not run twice
as fast as one on every machine (cores that share a physical core, a cache or memory bandwidth).
The generated table has no record over several lines, so splitting at a newline splits at a
record; the row counts of the two halves are checked against the table's.
"""

from __future__ import annotations

import csv
import multiprocessing
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bench import handwritten as hw

_CHUNK = 1 << 22


@dataclass
class Halves:
    """Two processes over the two halves: wall time from both started to both done."""

    wall: float
    cpu: tuple[float, float]
    rows: int
    counted: int  # hand-written: totals computed; lean: rows the lean path took

    @property
    def cpu_total(self) -> float:
        return sum(self.cpu)


def _header(path: Path) -> tuple[list[str], int]:
    """The header's cells and the byte offset of the first data line."""
    with open(path, "rb") as handle:
        first = handle.readline()
        return next(csv.reader([first.decode("utf-8-sig")])), handle.tell()


def _split(path: Path, start: int) -> list[tuple[int, int]]:
    """Byte ranges of the data lines' two halves, the second starting at a line's start."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        handle.seek(max(start, (start + size) // 2))
        handle.readline()
        middle = min(handle.tell(), size)
    return [(start, middle), (middle, size)]


def _lines(path: Path, start: int, end: int) -> Iterator[list[str]]:
    """The cells of the data lines in [start, end), read a few MiB at a time."""
    with open(path, "rb") as handle:
        handle.seek(start)
        left = end - start
        while left > 0:
            data = handle.read(min(_CHUNK, left))
            if not data.endswith(b"\n") and len(data) < left:
                data += handle.readline()
            left -= len(data)
            lines = data.decode("utf-8").split("\n")
            if lines and not lines[-1]:
                lines.pop()
            yield from csv.reader(lines)


def _hand_half(path: Path, start: int, end: int) -> tuple[int, int]:
    header, _ = _header(path)
    reader = hw.TableReader(header)
    rows = totals = 0
    for cells in _lines(path, start, end):
        rows += 1
        try:
            x, found = reader.read(cells)
        except hw.RowError:
            continue
        totals += hw.score(x, found).total is not None
    return rows, totals


def _lean_half(path: Path, start: int, end: int, library) -> tuple[int, int]:
    from scoring.cases.table import TableRow, known_labels, parse_header
    from scoring.engine.lean import LeanEngine
    from scoring.engine.lean_table import TableReader

    cells, _ = _header(path)
    header = parse_header(str(path), cells, known_labels(library))
    reader = TableReader(library, LeanEngine())
    rows = 0
    for rows, row in enumerate(_lines(path, start, end), 1):
        reader.summary(TableRow(header, rows + 1, tuple(row), 0))
    return rows, reader.taken


def _child(conn, work: Callable, args: tuple) -> None:
    cpu = time.process_time()
    try:
        rows, counted = work(*args)
        conn.send((rows, counted, time.process_time() - cpu, None))
    except Exception as exc:  # noqa: BLE001 - reported by the parent, which fails the run
        conn.send((0, 0, 0.0, f"{type(exc).__name__}: {exc}"))
    conn.close()


def both_cores(path: Path, expected: int, library=None) -> Halves:
    """Two processes at once over the table's halves: the lean path's loop when ``library`` is
    given, else the hand-written code.  Raises RuntimeError if a half fails or rows go missing."""
    _, start = _header(path)
    context = multiprocessing.get_context("fork")
    work, extra = (_lean_half, (library,)) if library is not None else (_hand_half, ())
    pipes, processes = [], []
    began = time.perf_counter()
    for low, high in _split(path, start):
        parent, child = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(child, work, (path, low, high, *extra)), daemon=True)
        process.start()
        child.close()
        pipes.append(parent)
        processes.append(process)
    answers = [pipe.recv() for pipe in pipes]
    for process in processes:
        process.join()
    wall = time.perf_counter() - began
    failed = [error for *_, error in answers if error]
    if failed:
        raise RuntimeError("; ".join(failed))
    rows = sum(a[0] for a in answers)
    if rows != expected:
        raise RuntimeError(f"the halves hold {rows:,} rows, the table {expected:,}")
    return Halves(wall, tuple(a[2] for a in answers), rows, sum(a[1] for a in answers))
