"""Compiled rule libraries kept on disk, keyed by the rule files' content.

Loading a folder of rule files reads, validates and compiles every file.  What that gives depends
only on the files' bytes and their paths as shown, on this program's loading code and on the
Python running it; so it is kept, pickled, in the user's cache folder under a key made from all
of these (SHA-256), and a later run that finds the same files reads it back instead.  A file that
changes — or the loading code, or the Python — changes the key: the old entry is simply never
used again, and those used longest ago are removed once there are more than `KEEP`.  Beside the
libraries, each folder loaded afresh leaves its parts in a pool (`Parts`), so that the next change to
it, or a copy of it, compiles only the files the change reaches; each folder's files' digests are remembered by their
status, so that finding its library needs no file read (`FileDigests`); and `formulas validate`
remembers which rule sets' worked examples passed (`passed_examples`), under a key covering every
module of this program.

Where: ``$SCORING_CACHE_DIR``, else ``$XDG_CACHE_HOME/scoring``, else ``~/.cache/scoring``
(``%LOCALAPPDATA%\\scoring\\cache`` on Windows).  ``SCORING_CACHE=off`` turns it off.

Reading a pickle can run code, so the cache is trusted exactly as far as the user's own files
are: on POSIX an entry is read only when it and its folder belong to the user and nobody else
can write to them; the folder is made 0700, each entry is written 0600 to a temporary file and
renamed into place, so two processes writing at once each leave a complete file and a reader
sees one or the other.  Anything that cannot be read back — a truncated or corrupted entry, one
written by another version, one whose head is not what its leading SHA-256 was taken of or whose values kept
pickled are not what the head's CRC-32 was taken of — is ignored and rebuilt, before anything of it is used.  The cache never changes a result: an
entry holds what the loader made from exactly the bytes the key covers.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import stat
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from .model import PickledValue, shareable_parts

# 2: plain objects (`scoring.plain`), no pydantic models; 3: each entry led by its pickle's SHA-256; 5: the values kept
# pickled (`model.PickledValue`) after the rest, checked by a CRC-32, copied out only when first asked for (4: each
# read from the file when first asked for, which left a damaged one to fail a command later: review HW); 6: those values
# compressed (a tenth of the bytes to read and check)
FORMAT = 6
KEEP = 32
PREFIX = "rules-"
SUFFIX = ".pickle"
# The parts of the folders loaded (`Parts`): one pool for each version of the loading code, the last few;
# each kept within POOL_BYTES (the shipped rules' parts are some 20 MB: a few folders' worth of what differs)
PARTS_KEEP = 3
PARTS_PREFIX = "parts-"
POOL_BYTES = 64 * 2**20
# The entries of `passed_examples`: one for each version of the program, the last few
EXAMPLES_ENTRIES_KEEP = 8
# Each folder's files by their status (`FileDigests`): one small entry for each folder loaded.
DIGESTS_PREFIX = "digests-"
# A file changed less than this long before it was read may be changed again within the same tick
# of its file system's clock (2 s on FAT) and keep its status: its digest is not remembered.
SETTLED_NS = 3_000_000_000
# Rule sets whose worked examples passed (`passed_examples`): enough for a few folders of them.
EXAMPLES_PREFIX = "examples-"
EXAMPLES_KEEP = 2048
# The modules whose code decides what loading a rule file gives: their source is in the key
# (every module of scoring/rules/, and these, relative to scoring/).
_LOADER_MODULES = ("engine/readings.py", "plain.py", "numbers.py", "errors.py", "problems.py", "files/reading.py", "files/limits.py")
_code_fingerprint: str | None = None
_loader_fingerprint: str | None = None
_program_fingerprint: str | None = None


def cache_dir() -> Path | None:
    """The folder entries are kept in, or None when the cache is off."""
    if os.environ.get("SCORING_CACHE", "").strip().lower() in {"off", "0", "no", "false"}:
        return None
    chosen = os.environ.get("SCORING_CACHE_DIR", "").strip()
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "scoring" / "cache" if base else None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "scoring"


def _code() -> str:
    """A fingerprint of the loading code and of what pickles it: this program's loader modules,
    the Python version, and pydantic's (which validates the files), read from its version module
    without importing it: the entries hold plain objects (`scoring.plain`), and reading them back
    must not cost a pydantic import.  A module counts by its size and modification time, as Python
    itself tells a module's compiled bytecode is stale: reading and hashing them all was a fifth of
    loading a cached library."""
    global _code_fingerprint
    if _code_fingerprint is None:
        _code_fingerprint = _loader_digest("", _size_and_time)
    return _code_fingerprint


def _loader_source() -> str:
    """A fingerprint of the loading code by its bytes, not by its files' sizes and times as `_code` counts them: what
    the parts (`Parts`) are kept under.  Two installs of the same code (a checkout and its wheel installed, the same
    wheel installed again) share them, and the first command of a new install reads back what the other compiled
    instead of compiling every rule file again (10 s for the shipped ones).  Read only where the parts are, where a
    library is not in the cache (a load of a second or more) and by `library.load_rule_file`: never by a command that
    finds its library; the files' bytes cost some milliseconds."""
    global _loader_fingerprint
    if _loader_fingerprint is None:
        _loader_fingerprint = _loader_digest("|loader", Path.read_bytes)
    return _loader_fingerprint


def _size_and_time(path: Path) -> bytes:
    status = path.stat()
    return f"{status.st_size}\0{status.st_mtime_ns}".encode()


def _loader_digest(kind: str, of_module: Callable[[Path], bytes]) -> str:
    """The SHA-256 of the loader's modules, each by what ``of_module`` reads of it, of the Python version and of
    pydantic's (`_code`, `_loader_source`)."""
    digest = hashlib.sha256(f"{FORMAT}{kind}|{sys.version}".encode())
    package = Path(__file__).resolve().parent.parent
    rules = sorted(f"rules/{path.name}" for path in (package / "rules").glob("*.py"))
    for name in (*rules, *_LOADER_MODULES):
        try:
            digest.update(name.encode() + b"\0" + of_module(package / name) + b"\0")
        except OSError:
            digest.update(name.encode() + b"\0?")
    digest.update(b"\0pydantic\0" + _module_bytes("pydantic", "version.py"))
    return digest.hexdigest()


def _program() -> str:
    """A fingerprint of everything scoring a sheet runs: every module of this package (the engine,
    not only the loader), the Python, and pydantic's and simpleeval's code."""
    global _program_fingerprint
    if _program_fingerprint is None:
        digest = hashlib.sha256(f"{FORMAT}|program|{sys.version}".encode())
        package = Path(__file__).resolve().parent.parent
        for path in sorted(package.rglob("*.py")):
            try:
                digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
            except OSError:
                digest.update(path.name.encode() + b"\0?")
        digest.update(b"\0pydantic\0" + _module_bytes("pydantic", "version.py") + b"\0simpleeval\0" + _module_bytes("simpleeval"))
        _program_fingerprint = digest.hexdigest()
    return _program_fingerprint


def _module_bytes(name: str, beside: str | None = None) -> bytes:
    """The source of module ``name`` as installed, or of the file ``beside`` it in its folder, without importing
    it (b"?" where it cannot be found or read)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            return b"?"
        origin = Path(spec.origin)
        return (origin.parent / beside if beside else origin).read_bytes()
    except (OSError, ImportError, ValueError):
        return b"?"


def passed_examples() -> dict[str, None]:
    """The keys (`golden.examples_key`) of the rule sets whose worked examples all passed under this
    very program, oldest first.  Running them again could only give the same: they depend on the
    rule set (its resolved rules and its examples, both in the key) and on the code (in the entry's
    key).  Empty when the cache is off or holds none."""
    found = load(_program(), EXAMPLES_PREFIX)
    return found if isinstance(found, dict) else {}


def remember_passed(known: dict[str, None], passed: list[str]) -> None:
    """Add ``passed`` to ``known`` (as `passed_examples` gave it) and keep the newest `EXAMPLES_KEEP`.
    What other processes remembered since ``known`` was read is kept too (a validation of every rule
    set runs for seconds, and another beside it remembered its own meanwhile: review LH C3); two
    writing in the same instant each leave a whole entry, one's additions lost, run again next time."""
    fresh = [key for key in passed if key not in known]
    if not fresh:
        return
    known = dict.fromkeys([*known, *passed_examples()])
    fresh = [key for key in fresh if key not in known]
    if not fresh:
        return
    kept = list(known)[-(EXAMPLES_KEEP - len(fresh)):] if len(known) + len(fresh) > EXAMPLES_KEEP else list(known)
    store(_program(), dict.fromkeys([*kept, *fresh]), EXAMPLES_PREFIX)


def library_key(directory: str, files: list[tuple[str, bytes | None]]) -> str:
    """The key of a folder's library: its files as shown and the digests of their contents
    (`file_digest`; None: unreadable)."""
    digest = hashlib.sha256(_code().encode() + b"\0" + directory.encode("utf-8", "surrogateescape"))
    for shown, data_digest in files:
        digest.update(b"\0" + shown.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data_digest if data_digest is not None else b"?")
    return digest.hexdigest()


class FileDigests:
    """The digest (`file_digest`) of each file of one folder as last read, remembered with the
    file's status: its device and inode, size, and modification and change times.  A file whose
    status is the one remembered is not read again to find its digest — what Python does to tell
    whether a module's compiled bytecode is stale, and git whether a file changed — so finding a
    cached library costs a status per file, not reading and hashing every byte of them (three
    megabytes and half of the time of a warm load, with sixteen revisions of the national rule).

    Writing a file through a call changes its change time (on POSIX; no program can set it back)
    and mostly its size and modification time; replacing it changes its inode.  A file's times tick
    in steps of a few milliseconds (two seconds on FAT), so a file changed in the tick it was read in
    could keep its status: a digest is remembered only for a file that had not changed for
    `SETTLED_NS` before it was read, and whose status was the same before and after.  A status can
    still miss a change — bytes written again through a shared memory mapping, a network file
    system's client caching file status, Windows, whose change time is the creation time (review
    GW) — so the status only finds the library: the files of each rule set handed out are read and
    checked first (`library.RuleLibrary.find`, `select`).  Files are named relative to the folder,
    so one folder named two ways shares its digests.
    """

    def __init__(self, directory: str) -> None:
        self.on = cache_dir() is not None
        self.key = hashlib.sha256(_code().encode() + b"\0digests\0" + os.path.abspath(directory).encode("utf-8", "surrogateescape")).hexdigest()
        found = load(self.key, DIGESTS_PREFIX) if self.on else None
        self.known: dict[str, tuple[tuple[int, ...], bytes]] = found if isinstance(found, dict) else {}
        self.seen: dict[str, tuple[tuple[int, ...], bytes]] = {}
        self._prefix = os.path.join(os.fspath(directory), "")

    def _name(self, path: Path) -> str:
        # a file under the folder by its place in it ("national/project-2020.17.toml"); a folder named
        # "." lists its files without it, already so
        name = os.fspath(path)
        return name[len(self._prefix):] if name.startswith(self._prefix) else name

    def get(self, path: Path, status: os.stat_result) -> bytes | None:
        """The digest of ``path`` when its status is ``status`` again, else None (read it)."""
        name = self._name(path)
        entry = self.known.get(name)
        if entry is None or entry[0] != _status(status):
            return None
        self.seen[name] = entry
        return entry[1]

    def put(self, path: Path, before: os.stat_result, digest: bytes) -> None:
        """Remember that ``path``, of status ``before`` when it was read, holds bytes of ``digest``
        (unless it was changed lately, or while it was read)."""
        name = self._name(path)
        self.seen.pop(name, None)
        try:
            after = path.stat()
        except OSError:
            return
        settled = time.time_ns() - SETTLED_NS
        if _status(after) == _status(before) and after.st_mtime_ns < settled and after.st_ctime_ns < settled:
            self.seen[name] = (_status(after), digest)

    def save(self) -> None:
        """Write the digests of this load, unless they are those read (the folder's current files only)."""
        if self.on and self.seen != self.known:
            store(self.key, self.seen, DIGESTS_PREFIX)


def _status(status: os.stat_result) -> tuple[int, ...]:
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _private(path: Path) -> bool:
    """Whether only this user can have written ``path`` (always true where there are no owners)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not stat.S_ISLNK(st.st_mode)


def load(key: str, prefix: str = PREFIX) -> object | None:
    """The entry stored under ``key``, or None (none, not ours alone, unreadable, corrupted)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{prefix}{key}{SUFFIX}"
    if not _private(folder) or not _private(path):
        return None
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            return None  # a pipe named like an entry would stop every command on its open (review KB C1)
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    value = entry_value(data)
    if value is not None and time.time() - status.st_mtime > _USED_AGAIN:
        # marked as used now: the folder keeps the entries last used (`_tidy`), and the library of the rules
        # every command loads must not be dropped after the copies a rule author edits have made 32 others
        try:
            os.utime(path)
        except OSError:
            pass
    return value


# The seconds after which an entry read is marked as used again (a time written on every read would cost a write)
_USED_AGAIN = 60


_DIGEST = 32  # the bytes of the SHA-256 an entry begins with
_LENGTH = 8  # the bytes of the length of its head, after it


class _Blobs:
    """An entry's values kept pickled (`model.PickledValue`), in the bytes read: each copied out when a
    rule set first asks for it.  Checked whole when the entry was read (`entry_value`)."""

    __slots__ = ("data", "start", "table")

    def __init__(self, data, start: int) -> None:
        self.data, self.start = data, start
        self.table: list[tuple[int, int]] = []

    def read(self, index: int) -> bytes:
        """The bytes of value ``index`` (kept compressed in the entry: `entry_bytes`)."""
        offset, length = self.table[index]
        return zlib.decompress(self.data[self.start + offset:self.start + offset + length])


class _Pickler(pickle.Pickler):
    """Pickles a value with each `model.PickledValue` in it left out, its bytes collected in ``blobs``."""

    def __init__(self, file, blobs: list[bytes]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.blobs = blobs
        self.seen: dict[int, int] = {}

    def persistent_id(self, obj):
        if obj.__class__ is not PickledValue:
            return None
        index = self.seen.get(id(obj))
        if index is None:  # one copy of a value every holder shares
            index = self.seen[id(obj)] = len(self.blobs)
            self.blobs.append(obj.blob())
        return index


class _Unpickler(pickle.Unpickler):
    """Reads back what `_Pickler` wrote, each value left out as a `model.PickledValue` reading it from ``blobs``."""

    def __init__(self, file, blobs: _Blobs) -> None:
        super().__init__(file)
        self.blobs = blobs
        self.made: dict[int, PickledValue] = {}

    def persistent_load(self, pid):
        found = self.made.get(pid)
        if found is None:
            if not isinstance(pid, int) or not 0 <= pid < len(self.blobs.table):
                raise pickle.UnpicklingError("unknown value")
            found = self.made[pid] = PickledValue(None, (self.blobs, pid))
        return found


def entry_bytes(value: object) -> bytes:
    """What an entry holding ``value`` is written as: the SHA-256 of its head and the head's length; the
    head — the CRC-32 of the values kept pickled and where each is, then the pickle of the rest —; then those
    values (4.65 of the 4.9 MB of the shipped library's entry), copied out only when first asked for."""
    buffer = io.BytesIO()
    blobs: list[bytes] = []
    _Pickler(buffer, blobs).dump(value)
    # compressed (zlib's fastest level): the shipped library's values, 10.6 MB pickled, are read and checked by every
    # command, while a command asks for one rule set's few hundred kilobytes of them
    blobs = [zlib.compress(blob, 1) for blob in blobs]
    table, at = [], 0
    for blob in blobs:
        table.append((at, len(blob)))
        at += len(blob)
    values = b"".join(blobs)
    listed = pickle.dumps((zlib.crc32(values), table), protocol=pickle.HIGHEST_PROTOCOL)
    head = len(listed).to_bytes(_LENGTH, "little") + listed + buffer.getvalue()
    return hashlib.sha256(head).digest() + len(head).to_bytes(_LENGTH, "little") + head + values


def entry_value(data: bytes) -> object | None:
    """The value an entry's bytes hold, or None where they are not what was written: a pickle damaged
    so that it still reads back (a figure changed in place) would give rules no file says (review EJ A2)."""
    view = memoryview(data)
    lead = view[:_DIGEST + _LENGTH]
    if len(lead) < _DIGEST + _LENGTH:
        return None
    end = len(lead) + int.from_bytes(lead[_DIGEST:], "little")
    head = view[len(lead):end]
    if len(head) != end - len(lead) or hashlib.sha256(head).digest() != bytes(lead[:_DIGEST]):
        return None
    # Every object read back stays alive: collections while reading (a fifth of the time in a
    # fresh process) would find nothing to free.
    with NoCollections():
        return _entry_head_value(view, head, end)


def _entry_head_value(view: memoryview, head: memoryview, end: int) -> object | None:
    """`entry_value` once the head's digest is checked."""
    try:
        size = int.from_bytes(head[:_LENGTH], "little")
        crc, table = pickle.loads(head[_LENGTH:_LENGTH + size])
        # the values kept pickled, checked whole now — a CRC-32 is a third of a SHA-256's time over their
        # megabytes, and finds any damage but a deliberate one — so that nothing read later can fail
        if sum(length for _, length in table) != len(view) - end or zlib.crc32(view[end:]) != crc:
            return None
        blobs = _Blobs(view, end)
        blobs.table = table
        return _Unpickler(io.BytesIO(head[_LENGTH + size:]), blobs).load()
    except Exception:  # noqa: BLE001 - a broken entry is rebuilt, never a failed run
        return None


class NoCollections:
    """A block with the cyclic garbage collector paused (restored as it was after): for reading back or
    compiling objects that all stay alive, where collections would find nothing to free."""

    __slots__ = ("collecting",)

    def __enter__(self) -> None:
        self.collecting = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.collecting:
            gc.enable()


def store(key: str, value: object, prefix: str = PREFIX) -> None:
    """Keep ``value`` under ``key``; silently does nothing when the folder cannot be used."""
    folder = cache_dir()
    if folder is None:
        return
    import tempfile  # only a run that writes an entry needs it

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(folder):
            return
        fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=folder)  # 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(entry_bytes(value))
            os.replace(temp, folder / f"{prefix}{key}{SUFFIX}")
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
        _tidy(folder, prefix, {PARTS_PREFIX: PARTS_KEEP, EXAMPLES_PREFIX: EXAMPLES_ENTRIES_KEEP}.get(prefix, KEEP))
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return


def _tidy(folder: Path, prefix: str, keep: int) -> None:
    """Remove the entries named ``prefix…`` beyond ``keep``, those last used longest ago first (by their
    times, which `load` sets on use; another process may be removing them too)."""
    entries = []
    for path in folder.glob(f"{prefix}*{SUFFIX}"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[keep:]:
        try:
            path.unlink()
        except OSError:
            pass


# The key, in a folder's parts, of the fingerprint of the code that made them (`_loader_source`): another
# folder's parts are read only where this code made them.
_MADE_BY = b"made-by"


class Parts:
    """What each rule file gave when a folder was last loaded afresh: the file's parsed table and its
    heads (its id@version and the rule set it extends: `library._Tables`), under its bytes, and its
    compiled rule set, under its bytes and those of every file it extends (`chain_key`) — for every
    folder this code loaded, in one pool.

    A folder whose library is not in the cache — a file just edited, or one that could not be read
    at all, which keeps the whole folder out of it (a file that reads but cannot be used is cached
    with the library, its message read back with it) — then reads and compiles only the files that
    changed and those built on them: a rule author fixing one file of sixty waits for that file, not
    for all of them.  A folder loaded for the first time (a copy of the rules to edit, a release
    unpacked beside the last, each test's copy) finds what it shares with any folder loaded before:
    the parts are keyed by the files' bytes and their places in their folder, never by where the
    folder is (the loader names each rule set by its file as shown here, `library._placed`).  One
    pool, not an entry per folder: the last folder loaded may hold a few of the files another holds
    (a copy of one province's rules), which left every other file of the next folder to compile
    again, eight seconds for the shipped rules.  Each value is kept pickled as it was made, before
    anything could change it, and unpickled afresh in each load that uses it; the pool keeps the parts
    last used, up to `POOL_BYTES`.

    The parts of a compiled rule set that many hold equal (`model.shareable_parts`: a chain's readings, row
    rules, worked examples) are kept once, under their pickle's SHA-256, and read back as one object for
    every rule set holding them: the parts of 266 rule sets were 36 MB pickled apart, and reading them all
    back, then finding the equal ones again (`library._share_equal_parts`), was most of loading a folder
    after one file changed.
    """

    def __init__(self) -> None:
        # named by the code that made it, by its bytes (`_loader_source`): two installs of different code sharing
        # the cache each keep a pool of their own, two of the same code one
        made_by = _loader_source()
        self.key = made_by[:32] + "-pool"
        self.on = cache_dir() is not None
        found = load(self.key, PARTS_PREFIX) if self.on else None
        if not isinstance(found, dict) or found.get(_MADE_BY) != made_by.encode():
            found = {}  # made by other loading code: what it compiled is not what this code would
        # (a value that is no bytes is no part this code wrote: passed over, never a failed run — review of d4b9d97 C2)
        self.old: dict[bytes, bytes] = {k: v for k, v in found.items() if isinstance(k, bytes) and isinstance(v, bytes)}
        self.new: dict[bytes, bytes] = {_MADE_BY: made_by.encode()}
        self.shared: dict[bytes, object] = {}  # each shared part read back in this load, by its key
        # each shared part read back or made in this load, by its identity, with its pickle (held with it: the id
        # stays its own): the library kept after the load keeps those of many rule sets pickled again (`pickle_of`)
        self.pickles: dict[int, tuple[object, bytes]] = {}
        self.made = False  # whether this load made a part (one the pool lacked, or held broken)

    def holds(self, key: bytes) -> bool:
        """Whether a value is kept under ``key`` (read back, it may still prove broken, and be made again)."""
        return key in self.old

    def get(self, key: bytes | None) -> object | None:
        """The value kept under ``key`` last time, or None."""
        blob = self.old.get(key) if key is not None else None
        if blob is None or any(ref not in self.old for ref in _refs(blob)):
            return None
        try:
            value = _PartUnpickler(io.BytesIO(_pickled(blob)), self).load()
        except Exception:  # noqa: BLE001 - a broken part is made again
            return None
        self.new[key] = blob
        for shared in _refs(blob):
            self.new[shared] = self.old[shared]
        return value

    def put(self, key: bytes | None, value: object) -> None:
        """Keep ``value`` under ``key`` as it is now."""
        if key is None or not self.on:
            return
        buffer = io.BytesIO()
        shared: dict[bytes, bytes] = {}
        try:
            _PartPickler(buffer, shareable_parts(value) if hasattr(value, "__dict__") else [], shared, self.pickles).dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return
        self.new.update(shared)
        # led by the digests of the shared parts it holds: the pool is trimmed a part with its shared parts at a time
        self.new[key] = len(shared).to_bytes(_REFS_LENGTH, "little") + b"".join(k[len(_SHARED):] for k in shared) + buffer.getvalue()
        self.made = True

    def shared_part(self, key: object) -> object:
        """The shared part kept under ``key``, read back once for every part holding it."""
        found = self.shared.get(key) if isinstance(key, bytes) else None
        if found is None:
            blob = self.old.get(key) if isinstance(key, bytes) and key.startswith(_SHARED) else None
            # its bytes must be those its key was taken of (review of d4b9d97 C1: one part's bytes under another's key)
            if blob is None or hashlib.sha256(blob).digest() != key[len(_SHARED):]:
                raise pickle.UnpicklingError("unknown shared part")
            found = self.shared[key] = pickle.loads(blob)
            self.pickles[id(found)] = (found, blob)
        return found

    def pickle_of(self, value: object) -> bytes | None:
        """A pickle of ``value`` where it is a shared part this load read back or made (None otherwise), the one it was
        read from or first pickled to: it unpickles to a value equal to it, without the time of pickling it again
        (`library._share_equal_parts`, `model.defer_bulky_fields`)."""
        found = self.pickles.get(id(value))
        return found[1] if found is not None and found[0] is value else None

    def save(self) -> None:
        """Write the pool with the parts of this load last (the newest), then the others, each with the shared parts
        it holds, from the newest back as long as the pool stays within `POOL_BYTES` — unless the pool already ends
        with exactly this load's parts.  A load that only read parts still moves them to the end: the pool keeps the
        parts last used, not last made (review of d4b9d97 B1).  Two processes writing at once each leave a whole
        pool; one's additions may be lost, and are made again next time."""
        if not self.on:
            return
        if not self.made and self.new.keys() <= self.old.keys() and set(list(self.old)[-len(self.new):]) == self.new.keys():
            return
        kept = sum(len(blob) for blob in self.new.values())
        older: dict[bytes, None] = {}
        for key in reversed(self.old):
            if key in self.new or key.startswith(_SHARED):
                continue  # a shared part is kept with the parts holding it
            blob = self.old[key]
            if any(ref not in self.old for ref in _refs(blob)):
                continue  # a part whose shared parts were lost (damage) is no part: made again when needed
            refs = [ref for ref in _refs(blob) if ref not in self.new and ref not in older]
            kept += len(blob) + sum(len(self.old[ref]) for ref in refs)
            if kept > POOL_BYTES:
                break
            older.update(dict.fromkeys([*refs, key]))
        pool = {key: self.old[key] for key in self.old if key in older}
        pool.update(self.new)
        store(self.key, pool, PARTS_PREFIX)


# The bytes of the count of shared parts a part's value begins with, each then by its digest (`Parts.put`)
_REFS_LENGTH = 4
_DIGEST_LENGTH = 32


def _refs(blob: bytes) -> list[bytes]:
    """The keys of the shared parts the part ``blob`` holds."""
    count = int.from_bytes(blob[:_REFS_LENGTH], "little")
    digests = blob[_REFS_LENGTH:_REFS_LENGTH + count * _DIGEST_LENGTH]
    return [_SHARED + digests[at:at + _DIGEST_LENGTH] for at in range(0, len(digests), _DIGEST_LENGTH)]


def _pickled(blob: bytes) -> bytes:
    """The pickle of the part ``blob``, after the digests of its shared parts."""
    return blob[_REFS_LENGTH + int.from_bytes(blob[:_REFS_LENGTH], "little") * _DIGEST_LENGTH:]


# The head of the key of a part many others hold (`Parts`), followed by its pickle's SHA-256
_SHARED = b"shared\0"


class _PartPickler(pickle.Pickler):
    """Pickles a value with each of ``marked`` left out, pickled apart into ``shared`` under its digest (and into
    ``pickles`` under its identity, with it)."""

    def __init__(self, file, marked: list, shared: dict[bytes, bytes], pickles: dict[int, tuple[object, bytes]]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.marked = {id(value): value for value in marked}  # (the values too: their ids stay theirs)
        self.shared = shared
        self.pickles = pickles

    def persistent_id(self, obj):
        if id(obj) not in self.marked:
            return None
        blob = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
        key = _SHARED + hashlib.sha256(blob).digest()
        self.shared[key] = blob
        self.pickles[id(obj)] = (obj, blob)
        return key


class _PartUnpickler(pickle.Unpickler):
    """Reads back what `_PartPickler` wrote, each shared part from ``parts``."""

    def __init__(self, file, parts: Parts) -> None:
        super().__init__(file)
        self.parts = parts

    def persistent_load(self, pid):
        return self.parts.shared_part(pid)


def file_digest(data: bytes) -> bytes:
    """The SHA-256 of a file's bytes, as `Parts` keys them."""
    return hashlib.sha256(data).digest()


def chain_key(chain: list[tuple[str, bytes]]) -> bytes:
    """The key of a compiled rule file: each file of its chain (itself, then what it extends, in
    order) by its place in its folder and its digest."""
    digest = hashlib.sha256(b"rule")
    for place, data_digest in chain:
        digest.update(b"\0" + place.encode("utf-8", "surrogateescape") + b"\0" + data_digest)
    return b"rule\0" + digest.digest()
