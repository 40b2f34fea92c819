"""An order-preserving parallel map over a stream, with workers that may die or hang.

Items are handed to worker processes a chunk at a time and results come back one item at a time,
in input order, so a pooled run yields exactly what a sequential run yields, and only a bounded
window of a million-row table is ever in memory.  Each worker runs the initializer once (to load
the rule files), never once per item.

A worker that dies (a crash, the out-of-memory killer) or takes longer than ``timeout`` seconds
over one item is replaced: the item it was on is reported as `Lost`, the rest of its chunk goes
to another worker, and the map goes on.  Every item is therefore answered exactly once.

Workers send their results in groups (every `_FLUSH_ITEMS` items or `_FLUSH_SECONDS`, whichever
comes first): a message per item costs the reader more than a fast item does.  Which item a
worker is on, and since when, it writes into a slot of shared memory before starting it, so the
item a dead or stuck worker was on is known exactly; the results it had not sent yet are simply
computed again by another worker.

Workers are forked where the platform allows it safely (Linux): they start at once and inherit
what the parent already imported.  Elsewhere (Windows has no fork; macOS makes spawn the default
because forking a process that uses system frameworks is unsafe) they are spawned: each worker
starts a fresh interpreter, imports ``fn`` and ``initializer`` by name and runs the initializer,
so both must be module-level functions and items and results must pickle.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

# Below this many items, and without a timeout, the pool's start-up costs more than it saves.
POOL_THRESHOLD = 200
_CHUNK_PER_WORKER = 256


@dataclass(frozen=True)
class Lost:
    """An item no worker could answer, and why (in Chinese, for the report)."""

    item: Any
    reason: str


def default_start_method() -> str:
    """``fork`` where it is available and the platform's choice (Linux), else ``spawn``."""
    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


_FLUSH_ITEMS = 64
_FLUSH_SECONDS = 0.05
# How long a worker may take to start (a spawned interpreter, the initializer) before its first item's time counts
_STARTING_ALLOWED = 60.0


def _worker_main(conn: Connection, fn: Callable, initializer: Callable, initargs: tuple, slot) -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent handles it and stops the
    # workers, so a worker ignores it rather than printing a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()  # a worker forked while the parent collects results inherits its collector off
    initializer(*initargs)
    slot[1] = time.monotonic()  # ready: its first item's time starts no earlier (`started`)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        done = []
        flushed = time.monotonic()
        try:
            for index, item in chunk:
                slot[1] = time.monotonic()
                slot[0] = index  # the item this worker is on, for whoever must find out why it died
                done.append((index, fn(item)))
                if len(done) >= _FLUSH_ITEMS or time.monotonic() - flushed > _FLUSH_SECONDS:
                    conn.send(done)
                    done = []
                    flushed = time.monotonic()
            if done:
                conn.send(done)
        except (BrokenPipeError, ConnectionResetError):
            return  # the parent has gone (interrupted): nobody is waiting for the answer


@dataclass
class _Worker:
    process: Any
    conn: Connection
    slot: Any  # shared (index of the item it is on, when it started it)
    pending: deque = field(default_factory=deque)  # (index, item) sent and not yet answered
    since: float = 0.0  # when the item at the head of `pending` was sent

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


def ordered_map(
    fn: Callable[[Any], Any],
    items: Iterable[Any],
    jobs: int,
    initializer: Callable[..., Any],
    initargs: tuple = (),
    threshold: int = POOL_THRESHOLD,
    timeout: float | None = None,
    start_method: str | None = None,
    weigh: Callable[[Any], int] | None = None,
) -> Iterator[Any]:
    """Yield ``fn(item)`` for every item, in input order, or a `Lost` for an item whose worker
    died or ran past ``timeout`` seconds.

    Without a timeout, with ``jobs`` <= 1 or with items worth no more than ``threshold``, the work
    runs here (after one call of the initializer) and nothing is isolated; otherwise it is spread
    over ``jobs`` supervised worker processes, started with ``start_method`` (default:
    `default_start_method`).  ``weigh(item)`` says how many ordinary items one item is worth
    (a block of table rows): a worker is handed about `_CHUNK_PER_WORKER` worth at a time.
    """
    items = iter(items)
    head: list = []
    if timeout is None:
        # Read only as far as the choice needs: forked workers share every page the parent holds
        # when they start, and each of them counts it again (a read-ahead of 200 blocks of table
        # rows was 100 MiB in each worker of a million-row batch).
        worth = 0
        if jobs > 1:
            for item in items:
                head.append(item)
                worth += weigh(item) if weigh else 1
                if worth > threshold:
                    break
        if jobs <= 1 or worth <= threshold:
            initializer(*initargs)
            yield from map(fn, itertools.chain(head, items))
            return
    context = multiprocessing.get_context(start_method or default_start_method())
    yield from _supervised(fn, enumerate(itertools.chain(head, items)), max(1, jobs), initializer, initargs, timeout, context, weigh)


class Inherited:
    """A value the parent already holds, passed to its workers in ``initargs``: a forked worker shares it as it is
    (it starts with the parent's memory), a spawned one receives None and makes its own — pickled, the shipped
    rules' library would cost more than loading it again."""

    __slots__ = ("value",)

    def __init__(self, value: Any = None) -> None:
        self.value = value

    def __reduce__(self):
        return (Inherited, ())


def _supervised(fn, numbered: Iterator[tuple[int, Any]], jobs: int, initializer, initargs, timeout, context, weigh=None) -> Iterator[Any]:
    chunk_size = _CHUNK_PER_WORKER
    # items read and not yet sent, to be sent before any newer: read ahead below, or taken back from a replaced worker
    retry: deque = deque()
    done: dict[int, Any] = {}
    next_out = 0
    exhausted = False

    def start() -> _Worker:
        parent, child = context.Pipe()
        slot = context.Array("d", [-1.0, 0.0], lock=False)
        process = context.Process(target=_worker_main, args=(child, fn, initializer, initargs, slot), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent, slot)

    def feed(worker: _Worker) -> None:
        nonlocal exhausted
        chunk, worth = [], 0
        while retry and worth < chunk_size:
            chunk.append(retry.popleft())
            worth += weigh(chunk[-1][1]) if weigh else 1
        while not exhausted and worth < chunk_size:
            try:
                chunk.append(next(numbered))
            except StopIteration:
                exhausted = True
                break
            worth += weigh(chunk[-1][1]) if weigh else 1
        if chunk:
            worker.pending.extend(chunk)
            worker.since = time.monotonic()
            try:
                worker.conn.send(chunk)
            except OSError:  # (BrokenPipeError) it died, starting or since: found dead below, and replaced
                pass

    def culprit(worker: _Worker) -> int:
        """Where in `pending` the item the worker was on is (the head when it was between items)."""
        on = int(worker.slot[0])
        for position, (index, _) in enumerate(worker.pending):
            if index == on:
                return position
        return 0

    def started(worker: _Worker) -> float:
        """When the worker started the item it is on, or when its chunk was sent; a worker still starting (a spawned
        interpreter importing the program, the initializer loading the rules) is not yet on any item: its time is
        its own, within `_STARTING_ALLOWED` more.  (A start that never ends is noticed then, unless its chunk was more
        than the pipe holds: the parent's send waits for a worker that reads.)"""
        on = int(worker.slot[0])
        if any(index == on for index, _ in worker.pending):
            return worker.slot[1]
        if worker.slot[1] == 0.0:  # not ready yet
            return worker.since + _STARTING_ALLOWED
        return max(worker.since, worker.slot[1])

    def replace(worker: _Worker, reason: str) -> _Worker:
        worker.stop()
        pending = list(worker.pending)
        lost = culprit(worker)
        index, item = pending.pop(lost)
        done[index] = Lost(item, reason)
        retry.extendleft(reversed(pending))  # answered but not yet sent, or not reached: computed again
        return start()

    workers: list[_Worker] = []
    finished = False
    # The results kept here (a million summary rows) make no reference cycles, but the cyclic
    # collector walks them all again each time they have grown by a quarter: 5.9 s of the parent's
    # 15.4 s of CPU on a million-row batch (gc.callbacks), with the workers waiting for their next
    # block while it runs.  It is off while results come in, and back as it was once they are in.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # The first worker starts before anything is read (forked workers share, and each counts again, every page the
        # parent holds when they start); the others once a round of chunks is read ahead, one chunk for each worker.  A
        # stream that ends within it is shared out evenly, over no more workers than it has items: a chunk is 256 items,
        # and a batch of a few dozen files went to one worker while the others started, loaded the rules and waited.
        # An item worth a chunk or more (a block of table rows) ends the reading ahead: a table is read as it is scored.
        workers.append(start())
        worth = 0
        for pair in numbered:
            retry.append(pair)
            weight = weigh(pair[1]) if weigh else 1
            worth += weight
            if worth >= jobs * chunk_size or weight >= chunk_size:
                break
        else:
            exhausted = True
            jobs = max(1, min(jobs, len(retry)))
            chunk_size = max(1, -(-worth // jobs))
        for _ in range(jobs - 1):
            workers.append(start())  # one by one: those started are stopped below if a start fails
        for w in workers:
            feed(w)
        while not exhausted or retry or any(w.pending for w in workers):
            for w in workers:
                if not w.pending and (retry or not exhausted):
                    feed(w)
            busy = [w for w in workers if w.pending]
            if not busy:
                continue
            wait_for = None
            if timeout is not None:
                # a stuck item is noticed within a second of its deadline, whatever the results say
                wait_for = min(1.0, max(0.0, min(started(w) + timeout for w in busy) - time.monotonic()))
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for)
            for i, w in enumerate(workers):
                if not w.pending:
                    continue
                died = False
                if w.conn in ready:
                    try:
                        while w.pending and w.conn.poll():
                            for index, result in w.conn.recv():
                                expected, _ = w.pending.popleft()
                                if index != expected:  # pragma: no cover - a worker answers in order
                                    raise RuntimeError("worker answered out of order")
                                done[index] = result
                            w.since = time.monotonic()
                    except (EOFError, OSError):
                        died = True
                if not w.pending:
                    continue
                if died or not w.process.is_alive():
                    w.process.join(1)
                    reason = f"处理这份材料时计算进程意外退出（退出码 {w.process.exitcode}），已跳过并继续处理其余材料"
                    workers[i] = replace(w, reason)
                elif timeout is not None and time.monotonic() - started(w) > timeout:
                    workers[i] = replace(w, f"处理这份材料超过 {timeout:g} 秒仍未完成，已中止并继续处理其余材料")
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1
        finished = True
    finally:
        if collecting:
            gc.enable()
        # After an error or Ctrl-C the workers are stopped at once, not waited for.
        for w in workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in workers:
            if finished:
                w.process.join(1)
            w.stop()
