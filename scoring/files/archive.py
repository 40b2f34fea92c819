"""The members of a zip archive of submissions, read within bounds.

A unit's or a bureau's archive is opened by the web service's upload (`web.service`) and by a
batch given one (`batch.collect`).  Either may be hostile or broken: a member named to climb out
of the archive ("../x.toml"), a bomb whose members inflate a thousandfold, headers that understate
what a member holds, an archive inside the archive.  Members are counted and sized from their
headers before anything is decompressed, and again while reading; what is refused is said with
its reason, and every other member is still read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class ZipBounds:
    """How much one archive may hold."""

    members: int
    total: int  # bytes, all members together
    member_bytes: int
    ratio: int = 200  # a member above 1 MiB inflating more than this is a bomb, not a spreadsheet


def clean_name(name: str) -> str:
    """The last part of a name given by a client or an archive, stripped of anything a file
    system might read as a path or a device."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*').strip(" .")
    return cleaned[:120] or "未命名"


def member_name(name: str) -> str:
    """A member's path as shown (its folders kept: "2023/表.xlsx" and "2024/表.xlsx" are two
    files), each part cleaned as `clean_name` cleans it: safe to make a path of below a folder."""
    parts = [clean_name(p) for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", "/", ".", "..")]
    return "/".join(parts) or "未命名"


def _member_filename(member: zipfile.ZipInfo) -> str:
    """A member's name as its archiver wrote it.  Zip names carry a flag when they are UTF-8; without
    it the format says code page 437, which is how `zipfile` reads them — but Windows in Chinese
    (Explorer's "压缩(zipped)文件夹", 360压缩, older WinRAR) writes them in GBK, and some tools write
    UTF-8 without the flag: a name that is not ASCII is read as UTF-8, else as GB18030, and only
    then as code page 437."""
    if member.flag_bits & 0x800:
        return member.filename
    raw = member.filename.encode("cp437")  # the bytes as written: zipfile decoded them so
    if raw.isascii():
        return member.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return member.filename


def zip_members(shown: str, source: bytes | Path, bounds: ZipBounds) -> Iterator[tuple[str, bytes | None, str]]:
    """Each member of the archive ``shown`` (its bytes, or its path) to read, as ``(where,
    content, "")`` with ``where`` "ARCHIVE/member"; each member or archive refused as ``(where,
    None, reason)``, the reason in Chinese without the place (the caller puts it before).  Names
    starting with "." and macOS's __MACOSX folder are no submissions, and are passed over."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        # not `is_dir()`: it reads the name's last character, and a member may have none ("\0.toml" is cut at the NUL)
        members = [m for m in archive.infolist() if not m.filename.endswith("/")]
    except (zipfile.BadZipFile, OSError, ValueError):  # zipfile's own words are English
        yield shown, None, "不是可读取的 zip 压缩包（文件损坏，或是其他格式改了扩展名）"
        return
    names = {id(m): _member_filename(m) for m in members}
    with archive:
        for m in members:
            if ".." in PurePosixPath(names[id(m)].replace("\\", "/")).parts:
                yield f"{shown}/{member_name(names[id(m)])}", None, "压缩包中的文件名含“..”（指向压缩包以外），未解压"
        members = [m for m in members if not any(part.startswith((".", "__MACOSX")) for part in PurePosixPath(names[id(m)].replace("\\", "/")).parts)]
        if len(members) > bounds.members:
            yield shown, None, (f"压缩包内文件过多（{len(members)} 个，最多 {bounds.members} 个），未解压；"
                                f"请分成每包不超过 {bounds.members} 个文件的几个压缩包")
            return
        total = sum(m.file_size for m in members)
        if total > bounds.total:
            yield shown, None, f"压缩包解压后过大（{total} 字节，最多 {bounds.total} 字节），未解压"
            return
        inflated = 0
        for m in members:
            inner = f"{shown}/{member_name(names[id(m)])}"
            if inflated > bounds.total:
                yield inner, None, f"压缩包实际解压的内容已超过 {bounds.total} 字节（文件头所记大小不实），其余文件未解压"
                return
            if m.file_size > bounds.member_bytes or (
                    m.compress_size and m.file_size / m.compress_size > bounds.ratio and m.file_size > 1 << 20):
                yield inner, None, f"解压后过大或压缩比异常（{m.file_size} 字节），未解压"
                continue
            if PurePosixPath(m.filename).suffix.lower() == ".zip":
                yield inner, None, "压缩包中不能再嵌套压缩包（请解压后再放入）"
                continue
            try:
                with archive.open(m) as handle:
                    content = handle.read(bounds.member_bytes + 1)  # never more than the bound, whatever the header said
            except RuntimeError:  # zipfile: "… is encrypted, password required"
                yield inner, None, "无法解压（文件设有密码）"
                continue
            except (zipfile.BadZipFile, OSError, NotImplementedError, EOFError):
                yield inner, None, "无法解压（文件损坏，或用了不支持的压缩方式）"
                continue
            inflated += len(content)
            if len(content) > bounds.member_bytes:
                yield inner, None, f"解压后过大（超过 {bounds.member_bytes} 字节）"
                continue
            yield inner, content, ""
