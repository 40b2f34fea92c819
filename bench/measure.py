"""Running commands and measuring them: wall time, exit code, and memory of the process tree.

Memory is taken three ways, since a batch on two cores is three processes (the reader, which
also keeps the summary, and two forked workers that share pages with it):

* ``max_rss``: the largest resident set of any single process of the run — what ``/usr/bin/time -v``
  calls "Maximum resident set size", and taken from it when it is installed (its ``wait4`` covers
  the workers once the pool reaps them).  Not from this process's own ``wait4``: a child started
  by vfork/fork inherits, in its high-water mark, the resident set its parent had when it
  started, so a 70 MiB benchmark process would show in every command it runs.  Without
  ``/usr/bin/time``, the highest ``VmHWM`` of any process of the tree seen while sampling;
* ``tree_rss``: the highest sum of the resident sets of all processes of the run at one moment,
  sampled every ``interval`` seconds — an upper bound, since it counts shared pages once per process;
* ``tree_pss``: the same with proportional set sizes (shared pages divided among the processes
  sharing them) — what the run really holds, sampled every ``PSS_EVERY`` samples only.

Sampling must not slow what it measures: on two cores a sampler's CPU is taken from the command's
workers.  A resident set is read from ``/proc/PID/statm`` (0.04 ms for three processes); a
proportional one from ``smaps_rollup``, which walks the page tables (about 12 ms of CPU for a
million-row batch's three processes of 250–850 MiB, session 55) — read every 0.1 s it took a tenth
of a core and made the large run 13 s slower than the same command unwatched (90.3 s against 77.2
s).  The sampler's own CPU time is kept with the run (``sampler_cpu``).
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
GIB = 1024 * MIB


@dataclass
class Run:
    """One finished command."""

    cmd: list[str]
    wall: float  # seconds
    returncode: int
    stdout: str
    stderr: str
    cpu: float | None = None  # user + system seconds of the command and its reaped children
    max_rss: int = 0  # bytes
    tree_rss: int = 0  # bytes
    tree_pss: int = 0  # bytes
    samples: int = 0
    sampler_cpu: float = 0.0  # seconds of CPU the memory sampler took from the machine while the command ran
    load: float = 0.0  # 1-minute load average when it started (set by the caller)

    def tail(self, chars: int = 2000) -> str:
        """The end of stderr (and stdout), for an error message."""
        return (self.stderr[-chars:] + ("\n" + self.stdout[-chars:] if self.stdout.strip() else "")).strip()


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name (in parentheses) may contain spaces: the fields after it are fixed
        fields = stat[stat.rfind(b")") + 2:].split()
        kids.setdefault(int(fields[1]), []).append(int(entry))
    return kids


def _tree(pid: int) -> list[int]:
    kids = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, ()))
    return out


_PAGE = os.sysconf("SC_PAGE_SIZE")
# smaps_rollup (PSS) and the process tree are read every this many samples; the resident sets every sample
PSS_EVERY = 20
TREE_EVERY = 5


def _rss(pid: int) -> int:
    """The resident set of one process in bytes (``/proc/PID/statm``, cheap); 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, peak RSS) of one process in bytes; zeros once it is gone.  Costly: see the module's doc."""
    pss = hwm = 0
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmHWM:"):
                    hwm = int(line.split()[1]) * 1024
                    break
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass
    return pss, hwm


TIME = "/usr/bin/time"
_TIME_MARK = "@@bench-time "


def run(cmd: Sequence[str], cwd: Path | None = None, sample: bool = False, interval: float = 0.1,
        timeout: float | None = None) -> Run:
    """Run ``cmd`` to completion; with ``sample``, record the process tree's memory as it runs."""
    cmd = [str(c) for c in cmd]
    timed = sample and os.access(TIME, os.X_OK)
    full = [TIME, "-f", _TIME_MARK + "%M %U %S", *cmd] if timed else cmd
    peak = {"rss": 0, "pss": 0, "hwm": 0, "n": 0, "cpu": 0.0}
    start = time.perf_counter()
    proc = subprocess.Popen(full, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out_parts: list[str] = []
    err_parts: list[str] = []
    # Read both pipes while the command runs, so a chatty command cannot block on a full pipe.
    readers = [
        threading.Thread(target=lambda: out_parts.append(proc.stdout.read()), daemon=True),
        threading.Thread(target=lambda: err_parts.append(proc.stderr.read()), daemon=True),
    ]
    for t in readers:
        t.start()
    stop = threading.Event()

    def sampler() -> None:
        began = time.thread_time()
        tree: list[int] = []
        while not stop.is_set():
            n = peak["n"]
            if n % TREE_EVERY == 0:
                tree = _tree(proc.pid)[1 if timed else 0:]  # not /usr/bin/time itself
            peak["rss"] = max(peak["rss"], sum(_rss(p) for p in tree))
            if n % PSS_EVERY == 0:
                pss = 0
                for p in tree:
                    s, h = _memory(p)
                    pss += s
                    peak["hwm"] = max(peak["hwm"], h)
                peak["pss"] = max(peak["pss"], pss)
            peak["n"] = n + 1
            stop.wait(interval)
        peak["cpu"] = time.thread_time() - began

    watcher = threading.Thread(target=sampler, daemon=True) if sample else None
    if watcher:
        watcher.start()
    killer = threading.Timer(timeout, proc.kill) if timeout is not None else None
    if killer:
        killer.start()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc.wait()
    wall = time.perf_counter() - start
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    if killer:
        killer.cancel()
    stop.set()
    if watcher:
        watcher.join()
    for t in readers:
        t.join()
    stderr = "".join(err_parts)
    max_rss = peak["hwm"]
    # the command's CPU time as this process reaped it (commands are run one at a time)
    cpu = reaped.ru_utime + reaped.ru_stime - children.ru_utime - children.ru_stime
    if timed:
        head, _, mark = stderr.rstrip("\n").rpartition("\n")
        if mark.startswith(_TIME_MARK):
            kib, user, system = mark[len(_TIME_MARK):].split()
            max_rss, cpu = int(kib) * 1024, float(user) + float(system)
            # GNU time also says so when the command fails; the command's own stderr is what matters
            stderr = re.sub(r"(^|\n)Command (exited with non-zero status \d+|terminated by signal \d+)$", "", head)
            stderr = stderr + "\n" if stderr else ""
    return Run(cmd, wall, proc.returncode, "".join(out_parts), stderr, cpu=cpu,
               max_rss=max_rss, tree_rss=peak["rss"], tree_pss=peak["pss"], samples=peak["n"], sampler_cpu=peak["cpu"])


def median_wall(cmd: Sequence[str], times: int, cwd: Path | None = None, ok: Sequence[int] = (0,)) -> tuple[float, list[float], Run]:
    """Median wall time of ``times`` runs; raises RuntimeError if a run exits outside ``ok``."""
    runs = repeat(cmd, times, cwd, ok)
    return statistics.median(r.wall for r in runs), [r.wall for r in runs], runs[-1]


def repeat(cmd: Sequence[str], times: int, cwd: Path | None = None, ok: Sequence[int] = (0,)) -> list[Run]:
    """``times`` runs of ``cmd``, one after the other; raises RuntimeError if one exits outside ``ok``."""
    runs = []
    for _ in range(times):
        last = run(cmd, cwd=cwd)
        if last.returncode not in ok:
            raise RuntimeError(f"{' '.join(cmd)} exited {last.returncode}:\n{last.tail()}")
        runs.append(last)
    return runs
