"""Collecting a batch's inputs: files and folders expanded (recursively, in name order) into the
case files and case tables to read, and everything else listed as skipped.  Nothing is dropped
silently: an input that is not taken is a `Problem` with its reason."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..cases.load import UNSUPPORTED_SUFFIXES, WORKBOOK_SUFFIXES
from ..files.archive import ZipBounds, zip_members
from ..files.reading import display_path, not_a_regular_file

CASE_SUFFIXES = frozenset({".toml", ".json"}) | WORKBOOK_SUFFIXES  # .xls/.ods fail with "请另存为 .xlsx"
TABLE_SUFFIXES = frozenset({".csv"})


@dataclass(frozen=True)
class Problem:
    """An input that could not be used (failed) or was not taken (skipped), with the reason."""

    path: str
    reason: str
    # who it is from, where a case was read before it failed (a sheet naming unknown rules): the
    # bureau sends it back to that unit without opening the file (review BZ C2)
    case_id: str = ""
    unit: str = ""
    sheet_id: str = ""
    region: str = ""  # as a summary row shows it (`summary.region_text`), and the case's year (review CD B3)
    year: int | None = None


@dataclass(frozen=True)
class InputFile:
    path: Path
    shown: str
    kind: str  # "case" | "table"
    size: int


@dataclass
class Collected:
    inputs: list[InputFile] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    failures: list[Problem] = field(default_factory=list)
    # the archives' members as shown ("收件.zip/表.xlsx") → where they were unpacked, into these folders
    members: dict[str, Path] = field(default_factory=dict)
    unpacked: list[Path] = field(default_factory=list)


def remove_folders(folders: list[Path]) -> None:
    """Remove the folders archives were unpacked into."""
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


# What a batch unpacks of one archive.  The bureau runs the batch on its own machine, on archives
# the units sent: a bomb is refused (a member above 1 MiB inflating more than 200 times), and so is
# a member larger than any submission (a case table of a million rows is ~400 MB: unpack it first).
ARCHIVE_BOUNDS = ZipBounds(members=100_000, total=4 << 30, member_bytes=256 << 20)


def collect(paths: Iterable[Path | str]) -> Collected:
    """Expand files and folders (recursively, in name order) into the files to read.

    Names starting with "." (version-control folders, editor files) are not looked at; any other
    file that is not .toml/.json/.csv is listed as skipped.  A path that does not exist fails.
    A .zip is unpacked into a private folder (`Collected.unpacked`, for the caller to remove:
    `remove_folders`) and its members taken as a folder's files, named "ARCHIVE/member" wherever
    they are shown (`Collected.members` says where each is).
    """
    out = Collected()
    try:
        _collect(paths, out)
    except BaseException:  # interrupted while unpacking: nothing is left behind
        remove_folders(out.unpacked)
        raise
    _drop_copies(out)
    return out


def _collect(paths: Iterable[Path | str], out: Collected) -> None:
    seen: dict[Path, str] = {}
    for given in paths:
        given = Path(given)
        if given.is_dir():
            # every entry but a folder: a link whose file is gone or a pipe named like a case is a
            # submission that cannot be read, to be counted, not passed over
            # links after files, so that a link to a file of the folder is the one said to be its copy
            found = sorted((p for p in given.rglob("*") if not p.is_dir() and not _hidden(p.relative_to(given))),
                           key=lambda p: (p.is_symlink(), p))
        elif given.is_file():
            found = [given]
        elif given.exists() or given.is_symlink():
            found = [given]  # a pipe, a device, a link to nothing: refused below with what it is
        else:
            out.failures.append(Problem(display_path(given), f"{display_path(given)}: 文件或目录不存在"))
            continue
        for path in found:
            try:
                key = path.resolve()
            except (OSError, RuntimeError):  # a link that loops: refused below, by its own name
                key = path.absolute()
            shown = display_path(path)
            if key in seen:
                if seen[key] != shown:  # a link to a file already taken (the same path given twice says nothing)
                    out.skipped.append(Problem(shown, f"{shown}: 与 {seen[key]} 是同一个文件（链接），只复核一次"))
                continue
            seen[key] = shown
            if path.name.startswith(_OWNER_FILE):
                out.skipped.append(Problem(shown, _OWNER_SKIPPED.format(shown=shown)))
                continue
            suffix = path.suffix.lower()
            kind = "case" if suffix in CASE_SUFFIXES else "table" if suffix in TABLE_SUFFIXES else None
            if kind is not None:
                unreadable = not_a_regular_file(path)
                if unreadable:
                    out.failures.append(Problem(shown, f"{shown}: 无法读取：{unreadable}"))
                    continue
                try:
                    out.inputs.append(InputFile(path, shown, kind, path.stat().st_size))
                except OSError as exc:  # gone between the listing and now
                    out.failures.append(Problem(shown, f"{shown}: 无法读取：{exc.strerror or exc}"))
            elif suffix == ".zip":
                _unpack(path, shown, out)
            else:
                out.skipped.append(Problem(shown, _NOT_A_CASE.format(shown=shown)))


_NOT_A_CASE = "{shown}: 不是案例文件（只读取 .toml、.json 案例文件、.xlsx 填报工作簿和 .csv 案例表，及其 .zip 压缩包）"
# What Excel and WPS leave beside a workbook while it is open ("~$汇总表.xlsx"): no submission, and never
# a failure that would make the batch's exit code say one was lost (review FW B4)
_OWNER_FILE = "~$"
_OWNER_SKIPPED = "{shown}: Excel/WPS 打开文件时生成的临时文件（“~$”开头），不是填报的材料，已跳过"


def _unpack(path: Path, shown: str, out: Collected) -> None:
    """The members of the archive at ``path`` into ``out``, as a folder's files are (members
    refused are failures, with their reason: `files.archive.zip_members`)."""
    unreadable = not_a_regular_file(path)
    if unreadable:
        out.failures.append(Problem(shown, f"{shown}: 无法读取：{unreadable}"))
        return
    folder = None
    taken = 0
    said = len(out.inputs) + len(out.failures) + len(out.skipped)
    for inner, content, reason in zip_members(shown, path, ARCHIVE_BOUNDS):
        if content is None:
            out.failures.append(Problem(inner, f"{inner}: {reason}"))
            continue
        member = inner[len(shown) + 1:]
        if PurePosixPath(member).name.startswith(_OWNER_FILE):
            out.skipped.append(Problem(inner, _OWNER_SKIPPED.format(shown=inner)))
            continue
        suffix = PurePosixPath(member).suffix.lower()
        kind = "case" if suffix in CASE_SUFFIXES else "table" if suffix in TABLE_SUFFIXES else None
        if kind is None:
            out.skipped.append(Problem(inner, _NOT_A_CASE.format(shown=inner)))
            continue
        # one folder per member: two members whose names clean to the same never meet
        taken += 1
        try:
            if folder is None:
                folder = Path(tempfile.mkdtemp(prefix="scoring-batch-"))
                out.unpacked.append(folder)
            target = folder / str(taken) / PurePosixPath(member).name
            target.parent.mkdir()
            target.write_bytes(content)
        except OSError as exc:
            out.failures.append(Problem(inner, f"{inner}: 无法解压到临时目录（{exc.strerror or exc}）"))
            continue
        out.inputs.append(InputFile(target, inner, kind, len(content)))
        out.members[inner] = target
    if len(out.inputs) + len(out.failures) + len(out.skipped) == said:
        out.skipped.append(Problem(shown, f"{shown}: 压缩包中没有文件"))  # counted, as an empty folder is not: it was sent


def _drop_copies(out: Collected) -> None:
    """A submission that arrived twice (sent again under another name, a hard link, a copy in
    another folder) is scored once: a file with the same bytes as one before it is listed as its
    copy.  Only files of equal size are read to compare them, so a batch of distinct files reads
    nothing more."""
    import hashlib

    by_size: dict[int, list[InputFile]] = {}
    for inp in out.inputs:
        if inp.size:  # an empty file fails on its own, however many there are
            by_size.setdefault(inp.size, []).append(inp)
    copies: dict[int, str] = {}  # id of the copy → the file it repeats
    for same_size in by_size.values():
        if len(same_size) < 2:
            continue
        digests: list[tuple[bytes, str, InputFile]] = []
        for inp in same_size:
            digest = hashlib.sha256()
            try:
                with inp.path.open("rb") as handle:
                    head = handle.read(1 << 20)
                    block = head
                    while block:
                        digest.update(block)
                        block = handle.read(1 << 20)
            except OSError:
                continue  # read again, and refused with its reason, when its turn comes
            digests.append((digest.digest(), _written_as(head), inp))
        # the copy kept is one whose name says what it holds: an .xlsx saved again as "….xls", a
        # TOML case saved again as ".json", is refused for its name and must not take the
        # submission with it (reviews BZ A2, CA A2)
        first: dict[bytes, InputFile] = {}
        for digest, _kind, inp in sorted(digests, key=lambda d: not _named_as(d[2], d[1])):
            earlier = first.setdefault(digest, inp)
            if earlier is not inp:
                copies[id(inp)] = earlier.shown
    if not copies:
        return
    for inp in out.inputs:
        if id(inp) in copies:
            out.skipped.append(Problem(inp.shown, f"{inp.shown}: 与 {copies[id(inp)]} 内容完全相同（重复提交或副本），只复核一次"))
    out.inputs = [inp for inp in out.inputs if id(inp) not in copies]


def _written_as(head: bytes) -> str:
    """What a file's first bytes say it is: a workbook (a zip), JSON, or text (TOML, CSV)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return "workbook" if head.startswith(b"PK") else "json" if text.startswith(b"{") else "text"


def _named_as(inp: InputFile, kind: str) -> bool:
    """Whether the file's name is one its content is read under."""
    suffix = inp.path.suffix.lower()
    if kind == "workbook":
        return suffix in WORKBOOK_SUFFIXES and suffix not in UNSUPPORTED_SUFFIXES
    return suffix == ".json" if kind == "json" else suffix in (".toml", ".csv")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
