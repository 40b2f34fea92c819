"""Progress of a long run on stderr: count, rate and time left, redrawn in place.

Shown only when stderr is a terminal: a log file or a pipe gets nothing (no carriage-return
litter), and `--quiet` turns it off altogether.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_REDRAW_SECONDS = 0.2


class Progress:
    """Counts done items against a measure of the whole (items or bytes) and shows the rate."""

    def __init__(self, total: int, noun: str, enabled: bool | None = None, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = max(total, 1)
        self.noun = noun
        self.start = time.monotonic()
        self.last = 0.0
        self.count = 0
        self.shown = False

    def update(self, count: int, position: int) -> None:
        """``count`` items are done; ``position`` of ``total`` is the share of the work behind us."""
        self.count = count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < _REDRAW_SECONDS:
            return
        self.last = now
        elapsed = now - self.start
        share = min(max(position / self.total, 0.0), 1.0)
        rate = count / elapsed if elapsed > 0 else 0.0
        left = elapsed * (1 - share) / share if share > 0 else None
        eta = _clock(left) if left is not None else "—"
        self.stream.write(f"\r已处理 {count} {self.noun}（{share:.0%}）· 每秒 {rate:,.0f} {self.noun} · 预计剩余 {eta}   ")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """End the progress line, with the final count and the time taken."""
        if self.enabled and self.shown:
            elapsed = time.monotonic() - self.start
            self.stream.write(f"\r已处理 {self.count} {self.noun}，用时 {_clock(elapsed)}" + " " * 30 + "\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
