"""How much an input file may make the tool read: bounds that keep a hostile or mistaken file
(tens of megabytes of case file, a zip bomb posing as a workbook) from growing the process to
gigabytes.  Each bound is far above any real submission and documented in README.md and
SECURITY.md; a file past one is refused with a message naming the file and the bound.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ScoringError

MIB = 1024 * 1024
# A case file holds a few sheets of figures: ~10 KB; the largest shipped rule file is ~40 KB.
MAX_TEXT_FILE_BYTES = 8 * MIB
# A filled template is ~20 KB on disk and ~100 KB unpacked.  The unpacked bound is what limits
# memory: openpyxl holds ~13 bytes per unpacked byte of sheet XML (measured: 10 MB → 125 MB).
MAX_WORKBOOK_BYTES = 10 * MIB
MAX_WORKBOOK_UNPACKED = 10 * MIB
MAX_WORKBOOK_PARTS = 500
# Rows a template sheet may have (its longest, 绩效指标, has 41).
MAX_SHEET_ROWS = 2000
# One line of a case table (CSV): a row of a few hundred cells is ~10 KB.
MAX_TABLE_LINE_BYTES = 1 * MIB


def megabytes(size: int) -> str:
    """A size for a message: "8 MB"."""
    return f"{size / MIB:g} MB"


def read_limited(path: Path, limit: int = MAX_TEXT_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refused past ``limit`` without reading further (a FIFO or a
    growing file included).  Raises OSError as open() does, ScoringError past the limit."""
    with open(path, "rb") as handle:
        # a file's own size first: reading limit + 1 at once makes a buffer of the limit for every file
        # (8 MB for a 20 KB rule file, most of loading eighty of them); a pipe or a file that grows
        # past its size is read on, to the limit
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(min(size, limit) + 1) if size else b""
        if not size or len(data) > size:
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise ScoringError(f"{path}: 文件超过 {megabytes(limit)} 的上限，拒绝读取（案例文件和规则文件通常只有几十 KB；大批材料请用案例表 .csv）")
    return data
