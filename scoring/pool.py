"""An order-preserving parallel map over a stream, for batch scoring and generating.

`multiprocessing.Pool.imap` reads its whole input at once, which would hold a million-row table
in memory; this feeds the pool a window of chunks at a time instead.  Results come back in input
order, so a pooled run yields exactly what a sequential run yields.  Each worker runs the
initializer once (to load the rule files), never once per item.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items the pool's start-up (forking, loading rules in every worker) costs more
# than it saves.
POOL_THRESHOLD = 200
_CHUNK_PER_WORKER = 64
_IN_FLIGHT = 3  # chunks submitted ahead, so workers never wait for the reader


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    initializer: Callable[..., Any],
    initargs: tuple = (),
    threshold: int = POOL_THRESHOLD,
) -> Iterator[R]:
    """Yield ``fn(item)`` for every item, in input order.

    With ``jobs`` > 1 and more than ``threshold`` items, the work is spread over a process pool
    whose workers each run ``initializer(*initargs)`` once; otherwise it runs here, after one
    call of the initializer in this process.  Only a bounded window of items is read ahead.
    """
    items = iter(items)
    head = list(itertools.islice(items, threshold + 1))
    if jobs <= 1 or len(head) <= threshold:
        initializer(*initargs)
        yield from map(fn, itertools.chain(head, items))
        return
    chunk = _CHUNK_PER_WORKER * jobs
    stream = itertools.chain(head, items)
    with multiprocessing.get_context("fork").Pool(jobs, initializer, initargs) as pool:
        pending: deque = deque()
        while True:
            batch = list(itertools.islice(stream, chunk))
            if batch:
                pending.append(pool.map_async(fn, batch, chunksize=max(1, len(batch) // (4 * jobs))))
            while pending and (len(pending) >= _IN_FLIGHT or not batch):
                yield from pending.popleft().get()
            if not batch:
                break
