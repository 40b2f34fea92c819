"""The process pool where `fork` is not to be had (Windows; macOS, where spawn is the default):
the spawn path, forced on Linux — order, one initializer per worker, crashed and hung workers
replaced, and a real batch identical to a sequential run."""

from __future__ import annotations

import multiprocessing
import os
import time

import scoring.batch.pool as pool
import scoring.batch.run as batch
from scoring.batch.pool import Lost, default_start_method, ordered_map

from conftest import CASES, shipped_sheet_count

_STATE = {"init": 0, "parent": None}


def _init(parent: int) -> None:
    # A spawned worker starts from nothing: this module is imported afresh, so the count is its own.
    _STATE["init"] += 1
    _STATE["parent"] = parent


def _where(item: int) -> tuple[int, int, int, int]:
    return item, os.getpid(), _STATE["init"], _STATE["parent"]


def _faulty(item: int) -> int:
    if item == 250:
        os._exit(7)
    if item == 260:
        time.sleep(3600)
    return item * 2


def test_default_is_fork_on_linux_and_spawn_without_fork_or_on_macos(monkeypatch):
    assert default_start_method() == "fork"
    monkeypatch.setattr(pool.sys, "platform", "darwin")
    assert default_start_method() == "spawn"
    monkeypatch.setattr(pool.sys, "platform", "win32")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert default_start_method() == "spawn"


def test_spawned_workers_keep_order_and_initialize_once_each():
    items = range(600)
    results = list(ordered_map(_where, items, 2, _init, (os.getpid(),), threshold=200, start_method="spawn"))
    assert [r[0] for r in results] == list(items)
    pids = {r[1] for r in results}
    assert len(pids) == 2 and os.getpid() not in pids
    assert {r[2] for r in results} == {1}  # once per worker, never per item
    assert {r[3] for r in results} == {os.getpid()}  # initargs reach a spawned worker
    assert _STATE["init"] == 0  # nothing ran in this process


def test_spawned_worker_that_crashes_or_hangs_is_replaced():
    started = time.monotonic()
    results = list(ordered_map(_faulty, range(300), 2, _init, (os.getpid(),), timeout=3, start_method="spawn"))
    assert time.monotonic() - started < 60
    lost = {r.item: r.reason for r in results if isinstance(r, Lost)}
    assert set(lost) == {250, 260}
    assert "意外退出（退出码 7）" in lost[250] and "超过 3 秒仍未完成" in lost[260]
    assert [r for r in results if not isinstance(r, Lost)] == [i * 2 for i in range(300) if i not in (250, 260)]


def test_batch_through_spawned_workers_equals_a_sequential_run(monkeypatch):
    monkeypatch.setattr(pool, "default_start_method", lambda: "spawn")
    spawned = batch.run_batch([CASES], jobs=2, timeout=60)
    plain = batch.run_batch([CASES], jobs=1, timeout=None)
    key = lambda r: [(s.path, s.sheet_id, s.rules, s.sha256, s.claimed, s.computed, s.errors, s.warnings) for s in r.sheets]  # noqa: E731
    assert not spawned.failures and len(spawned.sheets) == shipped_sheet_count()
    assert key(spawned) == key(plain)
