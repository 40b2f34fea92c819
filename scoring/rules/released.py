"""Released rule versions: the ledger ``versions.lock`` at the top of a rule folder.

A score is only worth as much as the certainty of which rules gave it, so every result carries
its rule set's id@version and the SHA-256 of that rule set's content.  Once scores have been
published under a version, its content must never change again, or the same id@version would
name two different sets of rules.  The ledger lists every released id@version with the hash
it was released with, one per line:

    # comments and blank lines are ignored
    sichuan.dept-overall@2024.1  b8a7cf2b47b3…(64 hex digits)

A rule set whose content no longer has its released hash is said on every sheet it scores
(`rules_modified`, a warning) and fails `scoring formulas validate`; a version the ledger does
not list is a draft and scores as usual.  The ledger is read with the folder, and its bytes are
part of the compiled-rules cache key, so an edit to it takes effect at once.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ScoringError

LEDGER = "versions.lock"
_LINE = re.compile(r"(?P<ref>[^\s@]+@[^\s@]+)\s+(?P<sha>[0-9a-fA-F]{64})")


def ledger_path(directory: Path) -> Path:
    """Where a rule folder's ledger is."""
    return Path(directory) / LEDGER


def read_ledger_bytes(directory: Path) -> bytes | None:
    """The ledger's bytes, or None where the folder has none (or it cannot be read: then nothing
    is known to be released, which `formulas validate` says)."""
    try:
        return ledger_path(directory).read_bytes()
    except OSError:
        return None


def parse_ledger(data: bytes | None, shown: str) -> tuple[dict[str, str], list[ScoringError]]:
    """The released versions (id@version → sha256) a ledger lists, and a problem for every line
    it cannot read (named by file and line; the other lines still count)."""
    if data is None:
        return {}, []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # saved by a Chinese editor's default
        except UnicodeDecodeError:
            return {}, [ScoringError(f"{shown}: 不是 UTF-8 或 GBK 文本，无法读取，已发布的版本均未核对")]
    released: dict[str, str] = {}
    problems: list[ScoringError] = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        match = _LINE.fullmatch(content)
        if match is None:
            problems.append(ScoringError(
                f"{shown} 第 {number} 行：“{content}”应为“规则集编号@版本 sha256”（sha256 为 64 位十六进制数，见 scoring formulas validate 的输出）；该版本未核对"
            ))
            continue
        ref, sha = match["ref"], match["sha"].lower()  # hash tools print either case
        if released.get(ref, sha) != sha:
            problems.append(ScoringError(f"{shown} 第 {number} 行：{ref} 已在前面以另一个 sha256 登记过"))
            continue
        released[ref] = sha
    return released, problems


def modified_message(ref: str, released: str, sha256: str) -> str:
    """What is said of a released version whose content has changed since."""
    return (f"规则集 {ref} 的内容与已发布的版本不同（{LEDGER} 登记的 sha256 为 {released[:12]}，现为 {sha256[:12]}）："
            f"按它算出的得分不是已发布的 {ref} 的得分；改动已发布的规则应另立新版本（scoring formulas new）")
