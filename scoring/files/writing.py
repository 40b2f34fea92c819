"""The one writer of every output file (`--out`, `--report`, templates, imports, generated files).

What happens at the output path depends on what is there:

* nothing, or a regular file: the output is written to a temporary file beside it and renamed
  over it, so an interrupted run leaves the old file or none, never half of one.  A file that
  existed keeps its permission bits (and, where allowed, its owner); a new file gets the mode
  the umask gives (0644 under umask 022), as any program's output would.
* a symbolic link: followed; its target is written as above (the link stays a link).
* anything else that is not a directory — a FIFO, a character device such as /dev/null, or
  /dev/stdout — is written through directly, never renamed over.
* a directory: refused.

Every failure is an `OutputError` naming the path and the reason in Chinese.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import ScoringError
from .os_errors import describe

# Paths that name an open file descriptor of this process rather than a file (/dev/stdout …):
# a rename there would replace the link, so they are always written through.
_FD_ALIASES = ("/proc/", "/dev/fd/")
_STD_STREAMS = frozenset({"/dev/stdout", "/dev/stderr", "/dev/stdin"})


class OutputError(ScoringError):
    """An output cannot be written; the message names the path and why."""


@dataclass(frozen=True)
class _Plan:
    given: Path  # as the user wrote it, for messages
    target: Path  # the file that is written: symbolic links followed
    through: bool  # write directly into it (FIFO, device, /dev/stdout) instead of replacing it
    existing: os.stat_result | None  # the regular file being replaced, if any


def _fail(path: Path, reason: str) -> OutputError:
    return OutputError(f"无法写入 {path}：{reason}")


def _through_a_descriptor(path: Path) -> bool:
    """Whether ``path`` is, or links to, a name for an open file descriptor (/dev/stdout …)."""
    current = os.path.abspath(path)
    for _ in range(40):
        if current in _STD_STREAMS or current.startswith(_FD_ALIASES):
            return True
        try:
            link = os.readlink(current)
        except OSError:
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return False


def _plan(path: Path | str) -> _Plan:
    path = Path(path)
    try:
        info = os.stat(path)  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _fail(path, describe(exc)) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _fail(path, "是目录（请给出文件名）")
    if info is not None and (not stat.S_ISREG(info.st_mode) or _through_a_descriptor(path)):
        return _Plan(path, path, True, None)
    target = Path(os.path.realpath(path))
    if not target.parent.is_dir():
        raise _fail(path, f"目录 {target.parent} 不存在")
    return _Plan(path, target, False, info)


def check_output(path: Path | str) -> None:
    """Raise OutputError now if ``path`` could not be written later: a directory, a missing
    folder, a file or folder without write permission, a read-only file system."""
    plan = _plan(path)
    if plan.through or plan.existing is not None:
        if not os.access(plan.target, os.W_OK):
            raise _fail(plan.given, "权限不足")
        if plan.through:
            return
    try:
        fd, tmp = _temporary(plan.target)
    except OSError as exc:
        raise _fail(plan.given, describe(exc)) from None
    os.close(fd)
    os.unlink(tmp)


def check_not_input(out: Path | str, inputs: Iterable[Path | str]) -> None:
    """Refuse an output that is one of the inputs: writing it would destroy what is being read."""
    for given in inputs:
        try:
            same = os.path.samefile(out, given)
        except OSError:
            continue  # one of them does not exist (yet): they cannot be the same file
        if same:
            raise OutputError(f"输出文件 {out} 就是输入文件 {given}，不能覆盖；请换一个输出文件名")


def _temporary(target: Path) -> tuple[int, str]:
    """Create a new, empty temporary file beside ``target``; the umask sets its mode, as for
    any new file (mkstemp would make it 0600)."""
    stem = target.name[:200]
    for _ in range(100):
        tmp = target.with_name(f".{stem}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), str(tmp)
        except FileExistsError:
            continue
    raise FileExistsError(f"{target}: no free temporary name")  # pragma: no cover


def _keep_mode_and_owner(fd: int, existing: os.stat_result | None) -> None:
    if existing is None:
        return
    os.fchmod(fd, stat.S_IMODE(existing.st_mode))
    if (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.fchown(fd, existing.st_uid, existing.st_gid)
        except OSError:
            pass  # only root may give a file away; the mode is kept all the same


def _sync_folder(folder: Path) -> None:
    # the rename itself must reach the disk, not only the file's content
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Staged:
    """One output being written: to a temporary file beside its target until `commit` puts it
    in place (or straight into a FIFO or device, which cannot be replaced).  `discard` removes
    the temporary file.  Errors are OutputError naming the given path."""

    def __init__(self, path: Path | str, mode: str = "wb", encoding: str | None = None, newline: str | None = None):
        self.plan = _plan(path)
        self._tmp: str | None = None
        try:
            if self.plan.through:
                flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
                fd = os.open(self.plan.target, flags)
            else:
                fd, self._tmp = _temporary(self.plan.target)
                _keep_mode_and_owner(fd, self.plan.existing)
            # text that its encoding cannot hold is written escaped ("\udcb2"), never stops an
            # output half-way: a file name in GBK bytes (unzipped on Linux) reaches a report as lone
            # surrogates, which UTF-8 cannot hold (a JSON reader reads the escape back as they were)
            errors = None if "b" in mode else "backslashreplace"
            self.handle: IO = os.fdopen(fd, mode, encoding=encoding, errors=errors, newline=newline)
        except OSError as exc:
            self.discard()
            raise _fail(self.plan.given, describe(exc)) from None

    def commit(self) -> None:
        """Flush the output to disk and put it in place."""
        try:
            self.handle.flush()
            if self.plan.through:
                self.handle.close()
                return
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self._tmp, self.plan.target)
            self._tmp = None
            _sync_folder(self.plan.target.parent)
        except OSError as exc:
            self.discard()
            raise _fail(self.plan.given, describe(exc)) from None

    def discard(self) -> None:
        """Give up the output: the temporary file goes, the target stays as it was."""
        handle = getattr(self, "handle", None)
        if handle is not None and not handle.closed:
            try:
                handle.close()
            except OSError:
                pass
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None


@contextmanager
def open_output(path: Path | str, mode: str = "wb", encoding: str | None = None, newline: str | None = None) -> Iterator[IO]:
    """Open ``path`` for writing by the rules above; the output is put in place when the block
    ends without an exception, and discarded otherwise (also on Ctrl-C)."""
    staged = Staged(path, mode, encoding, newline)
    try:
        yield staged.handle
    except OSError as exc:
        staged.discard()
        raise _fail(staged.plan.given, describe(exc)) from None
    except BaseException:
        staged.discard()
        raise
    staged.commit()


def write_output(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` by the rules above."""
    with open_output(path) as handle:
        handle.write(data)


def place_file(tmp: Path | str, path: Path | str) -> None:
    """Put a finished temporary file (on the same file system) at ``path`` by the rules above:
    renamed over a regular file (keeping its mode) or a link's target, copied into a FIFO or
    device.  The temporary file is gone afterwards."""
    plan = _plan(path)
    if plan.through:
        staged = Staged(path)
        try:
            with open(tmp, "rb") as source:
                shutil.copyfileobj(source, staged.handle)
        except OSError as exc:
            staged.discard()
            raise _fail(plan.given, describe(exc)) from None
        staged.commit()
        os.unlink(tmp)
        return
    try:
        if plan.existing is not None:
            fd = os.open(tmp, os.O_RDONLY)
            try:
                _keep_mode_and_owner(fd, plan.existing)
            finally:
                os.close(fd)
        os.replace(tmp, plan.target)
    except OSError as exc:
        raise _fail(plan.given, describe(exc)) from None


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C while several files are put in place, so that they all are or none is;
    an interrupt that arrived meanwhile is raised when the block ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


class OutputGroup:
    """Several outputs of one run that land together (`staged_outputs`)."""

    def __init__(self) -> None:
        self._staged: list[Staged] = []

    def open(self, path: Path | str, mode: str = "wb", encoding: str | None = None, newline: str | None = None) -> IO:
        """A handle to write ``path`` through; it is put in place with the others."""
        staged = Staged(path, mode, encoding, newline)
        self._staged.append(staged)
        return staged.handle

    def _discard(self) -> None:
        for staged in self._staged:
            staged.discard()


@contextmanager
def staged_outputs() -> Iterator[OutputGroup]:
    """Write several outputs (a batch's summary, report and review) and put them all in place
    when the block ends, Ctrl-C held back meanwhile; on an error or an interrupt before that,
    every one of them is discarded and the earlier files stay as they were."""
    group = OutputGroup()
    try:
        yield group
        for staged in group._staged:
            staged.handle.flush()
    except OSError as exc:
        group._discard()
        if not group._staged:
            raise
        # outputs are written one after another: the failing one is the last opened
        raise _fail(group._staged[-1].plan.given, describe(exc)) from None
    except BaseException:
        group._discard()
        raise
    with interrupts_deferred():
        try:
            for staged in group._staged:
                staged.commit()
        except BaseException:
            group._discard()
            raise
