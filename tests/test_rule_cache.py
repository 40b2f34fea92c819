"""Compiled rule libraries cached on disk: the same library as loading the files, invalidated
when a file changes, safe with two processes writing at once, never broken by a bad entry."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import stat
import subprocess
import sys
import textwrap
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest

from scoring import RuleLibrary, ScoringError, load_rule_dir, load_rule_file
from scoring.rules import cache as rule_cache

from conftest import FORMULAS, in_effect, run_cli


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SCORING_CACHE_DIR", str(folder))
    monkeypatch.delenv("SCORING_CACHE", raising=False)
    return folder


@pytest.fixture(scope="module")
def compiled_once(tmp_path_factory):
    """Every shipped rule file copied and compiled once into a cache folder of its own: the
    folder, the cache and the library loading the files gave (the tests below read it back)."""
    base = tmp_path_factory.mktemp("shipped")
    shutil.copytree(FORMULAS, base / "rules")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCORING_CACHE_DIR", str(base / "cache"))
        patch.delenv("SCORING_CACHE", raising=False)
        fresh = load_rule_dir(base / "rules")
    return base / "rules", base / "cache", fresh


@pytest.fixture
def shipped(compiled_once, monkeypatch):
    """`compiled_once` with its cache the one commands use: (rules folder, cache folder, the rule sets loading the
    files gave)."""
    rules, cache, fresh = compiled_once
    monkeypatch.setenv("SCORING_CACHE_DIR", str(cache))
    monkeypatch.delenv("SCORING_CACHE", raising=False)
    return rules, cache, fresh.rule_sets


@pytest.fixture
def few_rules(tmp_path):
    """The first two versions of the national rules and of Hunan's built on them: parents, their
    children and their revisions, compiled in a fraction of the time of every shipped file."""
    folder = tmp_path / "few"
    for province, stems in (("national", ("project-2020", "dept-overall-2020")), ("hunan", ("dept-overall-2024",))):
        (folder / province).mkdir(parents=True)
        for stem in stems:
            for name in (f"{stem}.toml", f"{stem}.2.toml"):
                shutil.copyfile(FORMULAS / province / name, folder / province / name)
    return folder


@pytest.fixture
def two_rules(tmp_path):
    """The two national rule files every other file is built on, and Sichuan's department rules
    (which extends none): a folder of three rule sets that compiles in a tenth of a second, for
    what the cache does with an entry, whatever the entry holds."""
    folder = tmp_path / "two"
    (folder / "national").mkdir(parents=True)
    (folder / "sichuan").mkdir()
    for name in ("national/dept-overall-2020.toml", "national/project-2020.toml", "sichuan/dept-overall-2024.toml"):
        shutil.copyfile(FORMULAS / name, folder / name)
    return folder


def _entries(folder):
    return sorted(folder.glob("rules-*.pickle"))


def test_a_warm_cache_gives_the_library_loading_gives(shipped):
    rules, cache, fresh = shipped
    assert len(_entries(cache)) == 1
    warm = load_rule_dir(rules)
    assert warm.directory == rules and not warm.failures
    assert [(r.ref, r.sha256, r.path) for r in warm.rule_sets] == [(r.ref, r.sha256, r.path) for r in fresh]
    assert [r.indicators for r in warm.rule_sets] == [r.indicators for r in fresh]
    # each heading as compiled, though the rule sets of a chain now share its equal values (`_share_equal_parts`)
    assert [(r.info, r.extends, r.required_inputs) for r in warm.rule_sets] == [(r.info, r.extends, r.required_inputs) for r in fresh]
    assert len({id(r.info.source) for r in warm.rule_sets}) < len(warm.rule_sets) / 2
    assert oct(cache.stat().st_mode & 0o777) == "0o700" and oct(_entries(cache)[0].stat().st_mode & 0o777) == "0o600"


def test_golden_examples_and_resolved_files_are_read_back_when_first_asked_for(shipped):
    """The cached library leaves each rule set's tests and resolved file pickled until one is read
    (`formulas test`, `show`, `diff` read them; scoring never does): what they read is what
    loading the files gives, and a rule set compares, prints and pickles as a complete one."""
    rules, _, fresh = shipped
    warm = load_rule_dir(rules).rule_sets
    assert all("tests" not in r.__dict__ and "resolved" not in r.__dict__ for r in warm)
    sent = pickle.loads(pickle.dumps(warm[1]))  # as a batch sends a rule set to a worker
    assert sent.rows == fresh[1].rows and sent.reading == fresh[1].reading
    assert [r.tests for r in warm] == [r.tests for r in fresh] and any(r.tests for r in warm)
    assert [r.resolved for r in warm] == [r.resolved for r in fresh]
    assert sent.resolved == fresh[1].resolved and sent == fresh[1]
    late = load_rule_dir(rules).rule_sets
    assert late == fresh and "tests=(" in repr(load_rule_dir(rules).rule_sets[0]) and dict(late[2])["tests"] == fresh[2].tests
    with pytest.raises(AttributeError):
        assert late[0].no_such_field is None
    # the public API on a rule set read back: dumped whole, and a copy keeps the field it was given (review CA D1)
    again = load_rule_dir(rules).rule_sets
    assert again[0].model_dump()["tests"] == fresh[0].model_dump()["tests"]
    copied = again[1].model_copy(update={"tests": ()})
    assert copied.resolved == fresh[1].resolved and copied.tests == ()


def test_readings_and_row_rules_are_read_back_when_a_rule_set_first_asks_for_them(shipped):
    """A command scoring one sheet reads one rule set's reading and row rules: the cached library
    leaves the others pickled.  Read back, each is what loading the files gives, and the rule sets
    holding one value share the object, as after loading the files."""
    rules, _, fresh = shipped
    warm = load_rule_dir(rules).rule_sets
    assert all("reading" not in r.__dict__ and "rows" not in r.__dict__ for r in warm)
    project = next(i for i, r in enumerate(warm) if r.id == "national.project")
    assert warm[project].rows == fresh[project].rows and warm[project].rows is not None
    assert sum("rows" in r.__dict__ for r in warm) == 1 and all("reading" not in r.__dict__ for r in warm)
    assert [r.reading for r in warm] == [r.reading for r in fresh] and [r.rows for r in warm] == [r.rows for r in fresh]
    same = [(a, b) for a in range(len(fresh)) for b in range(a) if fresh[a].reading is fresh[b].reading]
    assert same and all(warm[a].reading is warm[b].reading for a, b in same)
    assert len({id(r.reading) for r in warm}) == len({id(r.reading) for r in fresh})
    # complete once asked for whole: a copy carries no pickled parts
    again = load_rule_dir(rules).rule_sets[project]
    assert again.model_copy().rows == fresh[project].rows and again.__dict__["_deferred"] is None


def test_a_narrowed_copy_reads_back_nothing_it_was_not_asked_for_and_holds_what_a_copy_holds(shipped):
    """The web's what-if scores one indicator under a copy of the rule set holding only it: a copy
    made by `plain.replace` read back the worked examples and resolved data of every rule set of the
    library first (0.45 s).  `RuleSet.narrowed` leaves them pickled, and gives every field a copy
    gives — a field it was given too, which a later read of the deferred ones does not refill."""
    from scoring.plain import replace

    rules, _, fresh = shipped
    warm = load_rule_dir(rules).rule_sets
    at = next(i for i, r in enumerate(warm) if r.id == "sichuan.dept-overall")
    rule_set = warm[at]
    holder = rule_set.__dict__["_deferred"][0]
    one = (rule_set.indicators[0],)
    narrowed = rule_set.narrowed(indicators=one, deductions=())
    assert narrowed.indicators == one and narrowed.deductions == () and rule_set.indicators != one
    assert "tests" not in narrowed.__dict__ and "reading" not in narrowed.__dict__ and not holder._read
    copied = replace(fresh[at], indicators=one, deductions=())
    assert all(getattr(narrowed, name) == getattr(copied, name) for name in type(rule_set)._fields)
    given = rule_set.narrowed(tests=())
    assert given.resolved == fresh[at].resolved and given.tests == () and fresh[at].tests
    with pytest.raises(TypeError, match="nosuch"):
        rule_set.narrowed(nosuch=1)


def test_a_changed_file_is_loaded_afresh(cache, two_rules):
    rules = two_rules
    before = load_rule_dir(rules).find("sichuan.dept-overall@2024.1")
    path = rules / "sichuan" / "dept-overall-2024.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('value = "-4.63"', 'value = "-5.10"'), encoding="utf-8")
    after = load_rule_dir(rules).find("sichuan.dept-overall@2024.1")
    assert after.sha256 != before.sha256
    assert after.parameters["regional_asset_change_avg"].values[0].value == Decimal("-5.10")
    assert len(_entries(cache)) == 2
    path.write_text(path.read_text(encoding="utf-8") + "\n[[indicators]]\n", encoding="utf-8")  # now broken
    broken = load_rule_dir(rules)
    assert broken.failures and len(_entries(cache)) == 3
    # kept with its failures, read back as they were made: each error of its type, with its problems
    again = load_rule_dir(rules)
    assert again is not broken and [str(f) for f in again.failures] == [str(f) for f in broken.failures]
    assert [(type(f), getattr(f, "path", None), getattr(f, "problems", None)) for f in again.failures] == \
        [(type(f), getattr(f, "path", None), getattr(f, "problems", None)) for f in broken.failures]
    assert again.broken == broken.broken and len(_entries(cache)) == 3


def test_a_file_the_loader_fails_on_unforeseen_fails_alone(cache, two_rules, monkeypatch):
    """Whatever reading or compiling one file raises (a slip of this program some content reaches), that file fails,
    named, and the folder's other files load (review S64: any exception but a ScoringError failed the whole folder)."""
    from scoring.rules import compiler

    compile_file = compiler.compile_rule_file

    def slipping(path, raw, by_ref):
        if Path(path).name == "dept-overall-2024.toml":
            raise KeyError("意外")
        return compile_file(path, raw, by_ref)

    monkeypatch.setattr(compiler, "compile_rule_file", slipping)
    library = load_rule_dir(two_rules)
    assert sorted(r.ref for r in library.rule_sets) == ["national.dept-overall@2020.1", "national.project@2020.1"]
    [failure] = library.failures
    assert str(failure).startswith(str(two_rules / "sichuan" / "dept-overall-2024.toml")) and "KeyError" in str(failure) and "意外" in str(failure)
    assert [b.id for b in library.broken] == ["sichuan.dept-overall"]  # its sheets are refused, naming it


def test_a_file_that_cannot_be_read_leaves_no_library_behind(cache, two_rules):
    """A pipe among the rule files is named each time and never opened: its bytes are in no key,
    so the library is not kept, and once it is gone its message goes with it."""
    fifo = two_rules / "national" / "pipe.toml"
    os.mkfifo(fifo)
    told = load_rule_dir(two_rules)
    assert [str(f) for f in told.failures if "pipe.toml" in str(f)] and len(told.rule_sets) == 3
    assert _entries(cache) == [] and len(load_rule_dir(two_rules).failures) == 1
    fifo.unlink()
    assert not load_rule_dir(two_rules).failures and len(_entries(cache)) == 1


def _rule_files_read(monkeypatch) -> list[str]:
    """The rule files read from now on, as loading a folder reads them."""
    from scoring.rules import library

    read: list[str] = []
    real = library.read_limited

    def counted(path, *args, **kwargs):
        read.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(library, "read_limited", counted)
    return read


def test_a_cached_library_is_found_without_reading_files_known_by_their_status(cache, few_rules, monkeypatch):
    """A file whose status (inode, size, times) is the one it had when last read, long enough after
    it last changed, is known by the digest it had then: finding the cached library reads no rule
    file.  Any change to a file is seen — written in place to the same size, or replaced — and its
    digest is found again from its bytes."""
    monkeypatch.setattr(rule_cache, "SETTLED_NS", -10**12)  # every file settled: their clocks' ticks are not what this tests
    fresh = load_rule_dir(few_rules)
    [digests] = cache.glob("digests-*.pickle")
    read = _rule_files_read(monkeypatch)
    warm = load_rule_dir(few_rules)
    assert read == [] and [r.sha256 for r in warm.rule_sets] == [r.sha256 for r in fresh.rule_sets]
    # ... until a rule set is handed out: its file and those it extends are read, once
    project = warm.find("hunan.dept-overall", 2024)
    assert sorted(read) == sorted(Path(warm.find(ref).path).name for ref in (project.ref, *project.extends))
    warm.find("hunan.dept-overall", 2024)
    assert len(read) == 1 + len(project.extends)
    read.clear()

    child = in_effect(few_rules, "hunan.dept-overall", 2024)
    read.clear()
    text = child.read_text(encoding="utf-8")
    assert 'title = "' in text
    edited = text.replace('title = "', 'title = "（改）', 1)
    same_size = text.replace('title = "', 'title= " ', 1)  # a space moved into the title: as many bytes
    assert len(same_size.encode("utf-8")) == len(text.encode("utf-8"))
    status = child.stat()
    child.write_text(same_size, encoding="utf-8")
    os.utime(child, ns=(status.st_atime_ns, status.st_mtime_ns))  # even its modification time put back
    changed = load_rule_dir(few_rules)
    # read to find it changed, then every file read to compile the folder from what it holds now
    assert read[0] == child.name and sorted(read[1:]) == sorted(p.name for p in few_rules.rglob("*.toml") if p != child)
    [before] = [r.sha256 for r in fresh.rule_sets if Path(r.path).name == child.name]
    [after] = [r.sha256 for r in changed.rule_sets if Path(r.path).name == child.name]
    assert after != before and changed.rule_sets == _uncached(few_rules, monkeypatch).rule_sets

    read.clear()
    replacement = child.with_suffix(".new")
    replacement.write_text(edited, encoding="utf-8")
    os.replace(replacement, child)  # a new file under the old name
    assert load_rule_dir(few_rules).rule_sets == _uncached(few_rules, monkeypatch).rule_sets and read.count(child.name) >= 1
    assert digests.exists()


def test_a_file_its_status_does_not_tell_changed_never_scores_by_its_old_bytes(cache, few_rules, monkeypatch):
    """A status can miss a change (bytes written again through a shared memory mapping, a network file
    system caching status, Windows' change time; review GW A1, A2, B1).  Planted here as a record that
    a changed file still holds its old bytes, whose library is kept: the library is found by it, but
    a rule set is handed out only once its files are read — the changed one differs, the folder is
    loaded afresh, and the rule set is the one the file now makes.  Every rule set of the stale
    library, and `formulas` commands (every file read), are the files' own too."""
    monkeypatch.setattr(rule_cache, "SETTLED_NS", -10**12)
    child = in_effect(few_rules, "hunan.dept-overall", 2024)
    before = load_rule_dir(few_rules)
    ref = next(r.ref for r in before.rule_sets if Path(r.path).name == child.name)
    old = before.find(ref).sha256
    [entry] = cache.glob("digests-*.pickle")
    stale = rule_cache.entry_value(entry.read_bytes())
    child.write_text(child.read_text(encoding="utf-8").replace('title = "', 'title = "（改）', 1), encoding="utf-8")
    after = _uncached(few_rules, monkeypatch).find(ref).sha256
    assert after != old
    load_rule_dir(few_rules)  # the changed file's status and digest remembered, its library kept
    remembered = rule_cache.entry_value(entry.read_bytes())
    name = next(n for n in remembered if n.endswith(child.name))
    remembered[name] = (remembered[name][0], stale[name][1])  # its new status, its old digest
    entry.write_bytes(rule_cache.entry_bytes(remembered))

    library = load_rule_dir(few_rules)
    assert next(r.sha256 for r in library.rule_sets if r.ref == ref) == old  # found by the old digest …
    assert library.find(ref).sha256 == after  # … but handed out as the file is now
    assert next(r.sha256 for r in library.rule_sets if r.ref == ref) == after
    region = ["湖南省"]
    again = load_rule_dir(few_rules)
    assert again.select(region, 2024, "部门整体支出绩效自评表").sha256 == after  # select reads as find does
    assert load_rule_dir(few_rules, read_every_file=True).find(ref).sha256 == after
    listed = run_cli("formulas", "list", "--rules-dir", str(few_rules), env={"SCORING_CACHE_DIR": str(cache)})
    assert after[:12] in listed.stdout and old[:12] not in listed.stdout, listed.stdout


def test_one_folder_named_two_ways_shares_its_files_digests(cache, few_rules, monkeypatch):
    """"rules" from its parent and the same folder by its full path name its files alike in the
    record of their digests (review GW B2: each switch read every file again)."""
    monkeypatch.setattr(rule_cache, "SETTLED_NS", -10**12)
    monkeypatch.chdir(few_rules.parent)
    load_rule_dir(few_rules.name)
    load_rule_dir(few_rules)
    read = _rule_files_read(monkeypatch)
    load_rule_dir(few_rules.name)
    load_rule_dir(few_rules)
    assert read == []


def test_a_rule_set_is_read_from_its_own_folder_after_the_program_changes_its_working_folder(cache, tmp_path, few_rules, monkeypatch):
    """A library loaded from a relative folder name reads the files it hands out from that folder,
    wherever the program has gone since (review GZ A5: another folder of the same name was read)."""
    monkeypatch.setattr(rule_cache, "SETTLED_NS", -10**12)
    other = tmp_path / "elsewhere" / "few"
    shutil.copytree(few_rules, other)
    child = in_effect(other, "hunan.dept-overall", 2024)
    child.write_text(child.read_text(encoding="utf-8").replace('title = "', 'title = "（别处）', 1), encoding="utf-8")
    monkeypatch.chdir(few_rules.parent)
    ref = next(r.ref for r in load_rule_dir("few").rule_sets if Path(r.path).name == child.name)
    expected = _uncached(few_rules, monkeypatch).find(ref).sha256
    library = load_rule_dir("few")  # warm: its files unread
    assert library.unread
    monkeypatch.chdir(other.parent)
    assert library.find(ref).sha256 == expected


def test_a_file_changed_just_before_it_was_read_is_read_again(cache, few_rules, monkeypatch):
    """A file changed within `SETTLED_NS` before it was read could change again in the same tick
    of its clock and keep its status: its digest is not remembered, so it is read each time."""
    monkeypatch.setattr(rule_cache, "SETTLED_NS", 10**15)  # eleven days: every file changed "just now"
    load_rule_dir(few_rules)
    read = _rule_files_read(monkeypatch)
    load_rule_dir(few_rules)
    assert sorted(read) == sorted(p.name for p in few_rules.rglob("*.toml"))


def test_a_file_whose_times_were_set_back_is_read_until_its_change_time_settles(cache, tmp_path, monkeypatch):
    """Setting a file's modification time back (`touch -d`, `cp -p`, `rsync -t`) cannot set back its
    change time: a file so written is not remembered until that has settled too, and a status
    taken of another file than the one read is never remembered."""
    path = tmp_path / "a.toml"
    path.write_bytes(b"x = 1\n")
    day = 86_400 * 10**9
    os.utime(path, ns=(path.stat().st_atime_ns - day, path.stat().st_mtime_ns - day))
    digests = rule_cache.FileDigests(str(tmp_path))
    digests.put(path, path.stat(), rule_cache.file_digest(b"x = 1\n"))
    assert digests.seen == {}  # its change time is now
    monkeypatch.setattr(rule_cache, "SETTLED_NS", -10**12)
    other = tmp_path / "b.toml"
    other.write_bytes(b"x = 2\n")
    digests.put(path, other.stat(), rule_cache.file_digest(b"x = 1\n"))
    assert digests.seen == {}  # the status before the read was another file's
    digests.put(path, path.stat(), rule_cache.file_digest(b"x = 1\n"))
    assert list(digests.seen) == ["a.toml"]
    digests.save()
    again = rule_cache.FileDigests(str(tmp_path))
    assert again.get(path, path.stat()) == rule_cache.file_digest(b"x = 1\n") and again.get(path, other.stat()) is None


def test_a_wrong_remembered_digest_costs_a_compile_never_a_wrong_library(cache, few_rules, monkeypatch):
    """Remembered digests no library is kept under: the library is compiled from the bytes read
    then, and kept under those bytes' digests."""
    monkeypatch.setattr(rule_cache, "SETTLED_NS", -10**12)
    expected = [r.sha256 for r in load_rule_dir(few_rules).rule_sets]
    [entry] = cache.glob("digests-*.pickle")
    known = rule_cache.entry_value(entry.read_bytes())
    entry.write_bytes(rule_cache.entry_bytes({name: (status, rule_cache.file_digest(b"other")) for name, (status, _) in known.items()}))
    compiled = _compiled_files(monkeypatch)
    assert [r.sha256 for r in load_rule_dir(few_rules).rule_sets] == expected and compiled == []  # from the folder's parts
    assert len(_entries(cache)) == 1  # the same library, under the same key
    read = _rule_files_read(monkeypatch)
    assert [r.sha256 for r in load_rule_dir(few_rules).rule_sets] == expected and read == []  # the digests mended


def _compiled_files(monkeypatch) -> list[str]:
    """The rule files compiled from now on, as loading the folder compiles them."""
    from scoring.rules import compiler

    compiled: list[str] = []
    real = compiler.compile_rule_file

    def counted(path, raw, by_ref):
        compiled.append(Path(path).name)
        return real(path, raw, by_ref)

    monkeypatch.setattr(compiler, "compile_rule_file", counted)
    return compiled


def _uncached(rules, monkeypatch):
    with monkeypatch.context() as m:
        m.setenv("SCORING_CACHE", "off")
        return load_rule_dir(rules)


def test_an_edited_folder_compiles_only_the_files_that_changed_and_those_built_on_them(cache, few_rules, monkeypatch):
    """A folder whose library is not cached (a file just edited, or one broken) reads the other
    files' compiled rule sets from its parts: a child edited compiles that child, a parent edited
    compiles it and every rule set extending it, and what comes out is what loading every file
    afresh gives, to the last field."""
    rules = few_rules
    load_rule_dir(rules)
    compiled = _compiled_files(monkeypatch)
    child = in_effect(rules, "hunan.dept-overall", 2024)
    child.write_text(child.read_text(encoding="utf-8").replace('title = "', 'title = "（改）', 1), encoding="utf-8")
    edited = load_rule_dir(rules)
    assert compiled == [child.name]
    assert edited.rule_sets == _uncached(rules, monkeypatch).rule_sets and not edited.failures
    # the library kept after it, made of the pickles its parts gave (`model._as_pickled`), read back alike
    compiled.clear()
    kept = load_rule_dir(rules)
    assert kept.folder and kept.rule_sets == edited.rule_sets and compiled == []

    compiled.clear()
    parent = rules / "national" / "project-2020.toml"
    parent.write_text(parent.read_text(encoding="utf-8") + "\n# 注释\n", encoding="utf-8")
    again = load_rule_dir(rules)
    built_on = sorted(Path(r.path).name for r in again.rule_sets if r.ref == "national.project@2020.1" or "national.project@2020.1" in r.extends)
    assert len(built_on) == 3 and sorted(compiled) == built_on  # national.project@2020.1, and the two forms built on it
    assert again.rule_sets == _uncached(rules, monkeypatch).rule_sets

    # a file that cannot be used: the others from the parts, its message said each time alike
    compiled.clear()
    child.write_text(child.read_text(encoding="utf-8") + "\n= 不是 TOML\n", encoding="utf-8")
    first, second = load_rule_dir(rules), load_rule_dir(rules)
    assert compiled == [] and [str(f) for f in first.failures] == [str(f) for f in second.failures] == [str(f) for f in _uncached(rules, monkeypatch).failures]
    assert len(first.failures) == 1 and first.rule_sets == second.rule_sets == _uncached(rules, monkeypatch).rule_sets
    assert len(list(cache.glob("parts-*.pickle"))) == 1  # one pool, for every folder this code loads


def test_a_copy_of_a_folder_elsewhere_compiles_only_what_differs_and_names_its_own_files(cache, tmp_path, monkeypatch):
    """A folder loaded for the first time starts from the parts of every folder loaded before: a copy
    of the rules (a rule author's working copy, each test's) compiles only the files that differ,
    and its rule sets and their source defects name its own files, equal to a compile from scratch
    to the last field.  Another install of the same code reads them too; parts another version of the
    loading code made are never read."""
    first = tmp_path / "first"
    # Sichuan's department rules print group weights that do not add up
    for province, stem in (("national", "project-2020"), ("national", "dept-overall-2020"), ("sichuan", "dept-overall-2024")):
        (first / province).mkdir(parents=True, exist_ok=True)
        for name in (f"{stem}.toml", f"{stem}.2.toml"):
            shutil.copyfile(FORMULAS / province / name, first / province / name)
    load_rule_dir(first)
    copy = tmp_path / "副本" / "rules"
    shutil.copytree(first, copy)
    compiled = _compiled_files(monkeypatch)
    got = load_rule_dir(copy)
    assert compiled == [] and not got.failures
    compiled.clear()
    assert got.rule_sets == _uncached(copy, monkeypatch).rule_sets
    defects = [d.path for r in got.rule_sets for d in r.source_defects]
    assert defects and all("副本" in p for p in defects) and all("副本" in r.path for r in got.rule_sets)

    edited = tmp_path / "edited"
    shutil.copytree(first, edited)
    child = in_effect(edited, "sichuan.dept-overall", 2024)
    child.write_text(child.read_text(encoding="utf-8").replace('title = "', 'title = "（改）', 1), encoding="utf-8")
    compiled.clear()
    loaded = load_rule_dir(edited)
    assert compiled == [child.name] and loaded.rule_sets == _uncached(edited, monkeypatch).rule_sets

    # another install of the same code (its modules' times another's, as a wheel installs them): the parts are its too
    compiled.clear()
    monkeypatch.setattr(rule_cache, "_code_fingerprint", "the same loader installed again")
    installed = tmp_path / "installed"
    shutil.copytree(first, installed)
    assert len(load_rule_dir(installed).rule_sets) == len(list(installed.rglob("*.toml"))) and compiled == []

    monkeypatch.setattr(rule_cache, "_loader_fingerprint", "another version of the loader")
    other = tmp_path / "other"
    shutil.copytree(first, other)
    assert len(load_rule_dir(other).rule_sets) == len(compiled) == len(list(other.rglob("*.toml")))


def test_a_folder_finds_the_parts_of_every_folder_loaded_before(cache, few_rules, two_rules, tmp_path, monkeypatch):
    """The parts are pooled: after one folder, then another holding only some of its files, a copy of the
    first compiles nothing (with the last folder's parts alone it compiled every file the second lacked).  The
    pool keeps the parts last used first: over its budget, the last folder's alone."""
    load_rule_dir(few_rules)
    load_rule_dir(two_rules)  # two files of the national rules, and Sichuan's that `few` lacks
    copy = tmp_path / "copy"
    shutil.copytree(few_rules, copy)
    compiled = _compiled_files(monkeypatch)
    assert len(load_rule_dir(copy).rule_sets) == 6 and compiled == []
    [pool] = cache.glob("parts-*.pickle")
    held = rule_cache.entry_value(pool.read_bytes())
    assert sum(key.startswith(b"rule") for key in held) == 7  # the six, and Sichuan's

    monkeypatch.setattr(rule_cache, "POOL_BYTES", 1)
    sichuan = two_rules / "sichuan" / "dept-overall-2024.toml"
    sichuan.write_text(sichuan.read_text(encoding="utf-8") + "\n# 注释\n", encoding="utf-8")
    load_rule_dir(two_rules)  # a part made: the pool is written again
    held = rule_cache.entry_value(pool.read_bytes())
    assert sum(key.startswith(b"rule") for key in held) == 3  # this load's three, the older six let go
    compiled.clear()
    assert len(load_rule_dir(two_rules).rule_sets) == 3 and compiled == []


def test_the_pool_keeps_the_parts_last_used_each_with_the_shared_parts_it_holds(cache, few_rules, two_rules, tmp_path, monkeypatch):
    """Over its budget, the pool keeps the folder used last — read from the pool, not only made — and never a part
    without the shared parts it holds (review of d4b9d97 B1: the small rule parts were kept, the readings they hold
    let go, and every file compiled again)."""
    load_rule_dir(few_rules)
    [pool] = cache.glob("parts-*.pickle")
    few_size = sum(len(blob) for blob in rule_cache.entry_value(pool.read_bytes()).values())
    monkeypatch.setattr(rule_cache, "POOL_BYTES", few_size + 1000)
    load_rule_dir(two_rules)  # made parts of its own: `few`'s kept as far as the budget goes, each whole
    held = rule_cache.entry_value(pool.read_bytes())
    assert all(ref in held for key, blob in held.items() if key.startswith((b"raw", b"rule")) for ref in rule_cache._refs(blob))
    assert any(key.startswith(b"rule") and rule_cache._refs(blob) for key, blob in held.items())
    copy = tmp_path / "copy"
    shutil.copytree(few_rules, copy)
    load_rule_dir(copy)  # `few`'s parts made again where they were let go, and last used now
    compiled = _compiled_files(monkeypatch)
    edited = tmp_path / "edited"
    shutil.copytree(few_rules, edited)
    load_rule_dir(edited)
    assert compiled == []
    # a pool holding something no part of it is, or one part's bytes under another's key, costs a compile, never a
    # failed run or another file's rules (review of d4b9d97 C1, C2)
    held = rule_cache.entry_value(pool.read_bytes())
    shared = [key for key in held if key.startswith(b"shared")]
    swapped = {**held, shared[0]: held[shared[1]], b"odd": 5}
    pool.write_bytes(rule_cache.entry_bytes(swapped))
    again = tmp_path / "again"
    shutil.copytree(few_rules, again)
    assert load_rule_dir(again).rule_sets == _uncached(again, monkeypatch).rule_sets and compiled


def test_the_libraries_kept_are_those_last_used(cache, few_rules, two_rules, tmp_path, monkeypatch):
    """Over `cache.KEEP` libraries, those used longest ago go first: the shipped rules every command loads are
    not let go because a rule author's edits of a copy made newer ones."""
    monkeypatch.setattr(rule_cache, "KEEP", 2)
    load_rule_dir(two_rules)
    [used] = _entries(cache)
    load_rule_dir(few_rules)
    [other] = [entry for entry in _entries(cache) if entry != used]
    hour_ago = used.stat().st_mtime - 3600
    os.utime(used, (hour_ago - 60, hour_ago - 60))
    os.utime(other, (hour_ago, hour_ago))
    assert load_rule_dir(two_rules).folder  # read from its entry, now the last used
    copy = tmp_path / "copy"
    shutil.copytree(two_rules, copy)
    load_rule_dir(copy)
    assert used.exists() and not other.exists() and len(_entries(cache)) == 2


def test_a_link_switched_while_a_folder_loads_gives_no_file_two_names(cache, few_rules, monkeypatch):
    """A rules folder reached through a link switched to a new release while it loads: each file's
    name, which resolves the link, is worked out once, so a file cannot be looked up under a name
    it was not filed under (review EJ A1: a KeyError, exit 3)."""
    from scoring.rules import library

    real, calls = library.display_path, Counter()

    def switching(path):  # every other call for a file sees the other release
        calls[path] += 1
        return real(path).replace("few", "few-v2") if calls[path] % 2 == 0 else real(path)

    monkeypatch.setattr(library, "display_path", switching)
    loaded = load_rule_dir(few_rules)
    assert not loaded.failures and len(loaded.rule_sets) == len(list(few_rules.rglob("*.toml")))


def test_a_corrupt_part_is_made_again(cache, few_rules, monkeypatch):
    rules = few_rules
    expected = load_rule_dir(rules).rule_sets
    [entry] = cache.glob("parts-*.pickle")
    path = rules / "national" / "project-2020.toml"
    text = path.read_text(encoding="utf-8")
    for n, damage in enumerate((rule_cache.entry_bytes({key: b"not a pickle" for key in rule_cache.entry_value(entry.read_bytes())}), b"garbage")):
        entry.write_bytes(damage)
        path.write_text(f"{text}\n# {n}\n", encoding="utf-8")  # a comment: the library is not in the cache, its rules the same
        compiled = _compiled_files(monkeypatch)
        assert load_rule_dir(rules).rule_sets == expected and len(compiled) == len(expected)


def test_a_corrupt_or_foreign_entry_is_ignored(cache, two_rules):
    rules = two_rules
    expected = [r.sha256 for r in load_rule_dir(rules).rule_sets]
    entry = _entries(cache)[0]
    whole = entry.read_bytes()
    # … and one changed in place so that it still unpickles, a figure of a rule otherwise (review EJ A2): in its head, the
    # rule sets' own fields (the values it keeps pickled: the next test)
    at = 40 + int.from_bytes(whole[32:40], "little") - 200
    changed = whole[:at] + bytes([whole[at] ^ 1]) + whole[at + 1:]
    for damage in (b"", b"not a pickle", whole[:100], pickle.dumps("something else"), rule_cache.entry_bytes("something else"), changed):
        entry.write_bytes(damage)
        assert [r.sha256 for r in load_rule_dir(rules).rule_sets] == expected
        assert isinstance(rule_cache.entry_value(entry.read_bytes()), RuleLibrary)  # rebuilt and stored again


def test_what_a_library_keeps_pickled_is_copied_out_when_asked_for_and_checked_when_read(cache, two_rules, monkeypatch):
    """The library's entry holds the values it keeps pickled (worked examples, resolved files, readings, row rules: most
    of its bytes) after the rest: reading the entry checks them whole (a CRC-32) and unpickles the rest alone; a value is
    copied out and read back when a rule set first asks for it, one object however many threads ask at once.  An entry
    whose values are damaged or cut short is not read, and is made again — nothing read later can fail (review HW A1–A3:
    checked only when asked for, a damaged value failed a command, or every page of a server, long after loading)."""
    fresh = load_rule_dir(two_rules)
    reads: list[int] = []
    real = rule_cache._Blobs.read
    monkeypatch.setattr(rule_cache._Blobs, "read", lambda self, index: reads.append(index) or real(self, index))
    warm = load_rule_dir(two_rules)
    assert reads == [] and [r.sha256 for r in warm.rule_sets] == [r.sha256 for r in fresh.rule_sets]
    ref = "national.project@2020.1"
    assert warm.find(ref).reading == fresh.find(ref).reading and len(reads) == 1
    assert [(r.tests, r.resolved, r.rows) for r in warm.rule_sets] == [(r.tests, r.resolved, r.rows) for r in fresh.rule_sets]
    assert pickle.loads(pickle.dumps(warm.rule_sets[1])) == fresh.rule_sets[1]  # as a batch sends one to a worker
    shared = load_rule_dir(two_rules).rule_sets[0].__dict__["_deferred"][2]["reading"]
    with ThreadPoolExecutor(8) as pool:
        assert len({id(v) for v in pool.map(lambda _: shared.value(), range(8))}) == 1
        # a field asked for in one thread while another completes the rule set (review HX B1: "no attribute 'reading'")
        for _ in range(20):
            rule_set = load_rule_dir(two_rules).find(ref)
            asks = [pool.submit(lambda n=n, r=rule_set: r == fresh.find(ref) if n == 0 else getattr(r, ("reading", "rows", "tests")[n % 3]))
                    for n in range(8)]
            assert all(ask.result() is not None for ask in asks)
    entry = _entries(cache)[0]
    whole = entry.read_bytes()
    for damaged in (whole[:-10] + bytes([whole[-10] ^ 1]) + whole[-9:], whole[:-10]):  # a value's byte in place; cut short
        entry.write_bytes(damaged)
        assert rule_cache.entry_value(damaged) is None
        again = load_rule_dir(two_rules)
        assert [(r.tests, r.reading, r.rows) for r in again.rule_sets] == [(r.tests, r.reading, r.rows) for r in fresh.rule_sets]
        assert rule_cache.entry_value(entry.read_bytes()) is not None  # made again


def test_entries_an_earlier_format_wrote_are_not_read(cache, two_rules):
    """The cache folder of an earlier version (each entry its pickle's SHA-256, then the pickle): a folder's parts are
    looked for among every folder's, the newest first, and one of that format is passed over, whatever its bytes after
    the digest would read as, never read as a length to allocate (review of session 57's bench run: a MemoryError)."""
    expected = [r.sha256 for r in load_rule_dir(two_rules).rule_sets]
    for entry in cache.glob("*.pickle"):
        entry.unlink()
    cache.mkdir(exist_ok=True)
    for name in ("parts-0.pickle", "rules-0.pickle"):
        body = pickle.dumps({"a": "b" * 100}, protocol=pickle.HIGHEST_PROTOCOL)
        old = cache / name
        old.write_bytes(hashlib.sha256(body).digest() + b"\xff" * 8 + body)
        os.chmod(old, 0o600)
        assert rule_cache.entry_value(old.read_bytes()) is None
    assert [r.sha256 for r in load_rule_dir(two_rules).rule_sets] == expected


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_could_have_written_is_not_read(cache, two_rules):
    rules = two_rules
    count = len(load_rule_dir(rules).rule_sets)
    entry = _entries(cache)[0]
    entry.write_bytes(rule_cache.entry_bytes(RuleLibrary(rules, [], [])))  # what an intruder would plant
    os.chmod(entry, 0o600)
    assert load_rule_dir(rules).rule_sets == []  # read: it is the user's own file
    entry.write_bytes(rule_cache.entry_bytes(RuleLibrary(rules, [], [])))
    os.chmod(entry, 0o666)  # anyone could have written it: not read
    assert len(load_rule_dir(rules).rule_sets) == count
    entry.write_bytes(rule_cache.entry_bytes(RuleLibrary(rules, [], [])))
    os.chmod(entry, 0o600)
    os.chmod(cache, 0o777)  # anyone could have replaced it: not read
    assert len(load_rule_dir(rules).rule_sets) == count


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_an_entry_that_is_no_regular_file_is_not_opened(cache, two_rules):
    """A pipe where an entry should be would block every command on its open (review KB C1): the
    library is compiled again instead, and its entry written afresh in the pipe's place."""
    count = len(load_rule_dir(two_rules).rule_sets)
    entry = _entries(cache)[0]
    entry.unlink()
    os.mkfifo(entry, 0o600)
    assert len(load_rule_dir(two_rules).rule_sets) == count  # would hang on the open before
    assert stat.S_ISREG(entry.stat().st_mode)


def test_the_cache_can_be_turned_off(cache, two_rules, monkeypatch):
    monkeypatch.setenv("SCORING_CACHE", "off")
    load_rule_dir(two_rules)
    assert not cache.exists()


def test_concurrent_writers_each_leave_a_complete_entry(cache, two_rules):
    """Several processes load the same new folder at once, repeatedly, with the cache empty: each
    run succeeds with the right library, and what is left in the cache reads back.  (Three rule
    files: the race is the same with fewer files, and each round compiles them four times.)"""
    rules = two_rules
    script = textwrap.dedent(f"""
        import sys
        from scoring import load_rule_dir
        lib = load_rule_dir({str(rules)!r})
        assert not lib.failures and len(lib.rule_sets) == {len(load_rule_dir(rules).rule_sets)}
        print(",".join(r.sha256[:8] for r in lib.rule_sets))
    """)
    env = {**os.environ, "SCORING_CACHE_DIR": str(cache)}
    for _ in range(3):
        shutil.rmtree(cache)
        procs = [subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
        results = [p.communicate(timeout=120) for p in procs]
        assert all(p.returncode == 0 for p in procs), [err for _, err in results]
        assert len({out for out, _ in results}) == 1
        assert len(_entries(cache)) == 1 and not list(cache.glob(".tmp-*"))
        assert isinstance(rule_cache.entry_value(_entries(cache)[0].read_bytes()), RuleLibrary)
        [parts] = cache.glob("parts-*.pickle")
        assert isinstance(rule_cache.entry_value(parts.read_bytes()), dict)


def test_the_key_covers_the_files_their_paths_and_the_code():
    d = rule_cache.file_digest
    files = [("a.toml", d(b"x = 1")), ("b.toml", d(b"y = 2"))]
    key = rule_cache.library_key("rules", files)
    assert key == rule_cache.library_key("rules", list(files))
    assert key != rule_cache.library_key("rules", [("a.toml", d(b"x = 2")), ("b.toml", d(b"y = 2"))])
    assert key != rule_cache.library_key("rules", [("c.toml", d(b"x = 1")), ("b.toml", d(b"y = 2"))])
    assert key != rule_cache.library_key("other", files)
    assert key != rule_cache.library_key("rules", [("a.toml", None), ("b.toml", d(b"y = 2"))])


def test_the_plain_declarations_and_their_file_models_declare_the_same_fields():
    """A compiled rule set keeps its declarations as plain objects (`rules.declared`) made from the
    file format's pydantic models of the same names (`rules.declarations`), field by field: a
    field added to the file model and not to its plain counterpart would be dropped without a word."""
    from scoring.rules import declarations, declared

    for name, plain in declared._PLAIN.items():
        fields = getattr(declarations, name).model_fields
        assert plain._fields == tuple(fields), name
        for field, info in fields.items():
            if not info.is_required():
                assert plain._defaults[field] == info.get_default(call_default_factory=True), f"{name}.{field}"


def test_validate_runs_again_only_the_worked_examples_a_change_reaches(cache, few_rules, monkeypatch):
    """`formulas validate` remembers the rule sets whose examples passed under this program: run
    again, it runs none; an example edited (here made wrong) is run and fails, as before; and the
    program's fingerprint covers the engine's modules, not only the loader's."""
    from typer.testing import CliRunner

    from scoring.cli import app
    from scoring.rules import golden

    ran: list[str] = []
    real = golden.run_example
    monkeypatch.setattr(golden, "run_example", lambda rule_set, i, *a, **k: ran.append(rule_set.ref) or real(rule_set, i, *a, **k))
    validate = lambda: CliRunner().invoke(app, ["formulas", "validate", "--rules-dir", str(few_rules)])  # noqa: E731
    first = validate()
    assert first.exit_code == 0, first.output
    every = Counter(ran)
    assert len(every) == len(load_rule_dir(few_rules).rule_sets)
    ran.clear()
    assert validate().exit_code == 0 and ran == []

    child = in_effect(few_rules, "hunan.dept-overall", 2024)
    text = child.read_text(encoding="utf-8")
    at = text.index("[[tests]]")
    wrong = text[:at] + text[at:].replace('expect = { execution = "', 'expect = { execution = "1', 1)
    assert wrong != text
    child.write_text(wrong, encoding="utf-8")
    failed = validate()
    assert failed.exit_code == 1 and "内置测试未通过" in failed.output and "期望 1" in failed.output
    assert set(ran) == {"hunan.dept-overall@" + child.stem.rsplit("-", 1)[1]}
    ran.clear()
    assert validate().exit_code == 1 and ran  # a failure is never remembered: run and said each time
    child.write_text(text, encoding="utf-8")
    ran.clear()
    assert validate().exit_code == 0 and ran == []

    package = Path(rule_cache.__file__).resolve().parent.parent
    copy = cache.parent / "package" / "scoring"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "formulas"))
    monkeypatch.setattr(rule_cache, "__file__", str(copy / "rules" / "cache.py"))
    monkeypatch.setattr(rule_cache, "_program_fingerprint", None)
    before = rule_cache._program()
    rows = copy / "engine" / "rows.py"
    rows.write_text(rows.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    monkeypatch.setattr(rule_cache, "_program_fingerprint", None)
    assert rule_cache._program() != before


def test_display_paths_names_each_file_as_display_path_does(tmp_path, monkeypatch):
    """The rules folder's files are named resolving each folder once (`display_paths`): the same names as
    resolving each file, a link to a file elsewhere and a file under a linked folder included."""
    from scoring.files.reading import display_path, display_paths

    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "real" / "a.toml").write_text("", encoding="utf-8")
    (tmp_path / "real" / "sub" / "b.toml").write_text("", encoding="utf-8")
    (tmp_path / "elsewhere" / "c.toml").write_text("", encoding="utf-8")
    (tmp_path / "real" / "link.toml").symlink_to(tmp_path / "elsewhere" / "c.toml")
    (tmp_path / "real" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    paths = [tmp_path / "real" / "a.toml", tmp_path / "real" / "sub" / "b.toml", tmp_path / "real" / "link.toml",
             tmp_path / "real" / "linked" / "c.toml", tmp_path / "real" / "gone.toml"]
    for cwd in (tmp_path, tmp_path / "real", tmp_path / "elsewhere"):
        monkeypatch.chdir(cwd)
        assert display_paths(paths) == [display_path(p) for p in paths]
    assert display_paths(paths)[2] == "c.toml"  # from tmp_path/elsewhere, the link is the file it points to


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_load_that_compiles_many_files_says_so_before_it_starts(cache, few_rules, monkeypatch):
    """A first load compiles every rule file (12 s for the shipped ones): the loader tells its caller how many files it
    reads afresh before it starts, and a command says so to a person at a terminal — never into a redirected stderr
    — and nothing when the folder is in the cache, or when one file changed."""
    from scoring.cli import common
    from scoring.rules import library

    monkeypatch.setattr(library, "COMPILING_SAID", 3)
    files = len(list(few_rules.rglob("*.toml")))
    told: list[int] = []
    load_rule_dir(few_rules, compiling=told.append)
    assert told == [files]
    load_rule_dir(few_rules, compiling=told.append)
    child = in_effect(few_rules, "hunan.dept-overall", 2024)
    child.write_text(child.read_text(encoding="utf-8") + "# 改\n", encoding="utf-8")
    load_rule_dir(few_rules, compiling=told.append)
    assert told == [files]
    # every file's heads known, none compiled: a file validated alone (`load_rule_file`) keeps the heads of its folder
    monkeypatch.setenv("SCORING_CACHE_DIR", str(cache.parent / "heads"))
    load_rule_file(child, few_rules)
    load_rule_dir(few_rules, compiling=told.append)
    assert told == [files, files]

    for stream, said in ((io.StringIO(), False), (_Terminal(), True)):
        monkeypatch.setenv("SCORING_CACHE_DIR", str(cache.parent / f"empty-{said}"))
        monkeypatch.setattr(sys, "stderr", stream)
        common.load_library(few_rules)
        assert (f"正在编译 {files} 个规则文件" in stream.getvalue()) == said, stream.getvalue()


def _child(extends: str = '"national.project@2020.1"', ident: str = "test.child", version: str = "1") -> str:
    return f'format = 1\nextends = {extends}\n\n[rule_set]\nid = "{ident}"\nversion = "{version}"\ntitle = "子规则 {ident}"\n'


_PARENT = (FORMULAS / "national" / "project-2020.toml").read_text(encoding="utf-8")
_OTHER_TOLERANCE = ("claim_tolerance = 0.05", "claim_tolerance = 0.01")
# Folders a file validated alone (`load_rule_file`) finds its parent in: files by their place, and the file validated
# (outside the folder unless named by its place in it)
PARENT_FOLDERS = {
    "parent": ({"a/parent.toml": _PARENT}, None),
    "itself in the folder": ({"a/parent.toml": _PARENT, "b/child.toml": _child()}, "b/child.toml"),
    "parent broken": ({"a/parent.toml": _PARENT + "\n[[[ 断了"}, None),
    "parent missing": ({"a/other.toml": _PARENT.replace('version = "2020.1"', 'version = "2020.9"', 1)}, None),
    "two parents, the first by place": ({"a/parent.toml": _PARENT.replace(*_OTHER_TOLERANCE, 1), "b/parent.toml": _PARENT}, None),
    "two parents, the first broken": ({"a/parent.toml": _PARENT.replace(*_OTHER_TOLERANCE, 1) + "\n[[[", "b/parent.toml": _PARENT}, None),
    "a cycle": ({"x.toml": _child('"test.child@1"', "national.project", "2020.1")}, None),
    "the parent's extends a number": ({"p.toml": _child("3", "national.project", "2020.1")}, None),
    "files no rule file": ({"a/notes.toml": 'rule_set = "x"\nextends = 5\n', "b/t.toml": "[rule_set]\nid = 3\n", "c/parent.toml": _PARENT}, None),
    "a chain of three": ({"a/parent.toml": _PARENT, "m/mid.toml": _child(ident="mid")}, "mid@1"),
}


@pytest.mark.parametrize("name", PARENT_FOLDERS)
def test_a_file_validated_alone_finds_its_parent_alike_from_the_cache_or_without_it(name, tmp_path, monkeypatch):
    """`formulas validate FILE` finds the parent by the heads the cache's parts hold (each file's id@version and what
    it extends), reading whole only the files of the parent's chain: whatever the folder holds, it gives the rule set,
    or the message, that reading every file gives with the cache off — with the parts empty, and after a load of the
    folder has pooled every file's heads."""
    files, validated = PARENT_FOLDERS[name]
    rules = tmp_path / "rules"
    for place, text in files.items():
        (rules / place).parent.mkdir(parents=True, exist_ok=True)
        (rules / place).write_text(text, encoding="utf-8")
    child = rules / validated if validated and validated.endswith(".toml") else tmp_path / "child.toml"
    if not child.exists():
        child.write_text(_child(f'"{validated}"' if validated else '"national.project@2020.1"'), encoding="utf-8")

    def outcome():
        try:
            loaded = load_rule_file(child, rules)
        except ScoringError as exc:
            return str(exc)
        return loaded.ref, loaded.extends, loaded.sha256

    monkeypatch.setenv("SCORING_CACHE", "off")
    uncached = outcome()
    monkeypatch.delenv("SCORING_CACHE")
    monkeypatch.setenv("SCORING_CACHE_DIR", str(tmp_path / "cache"))
    assert outcome() == uncached
    load_rule_dir(rules)
    assert outcome() == uncached == outcome()


def test_the_examples_another_process_remembered_meanwhile_are_kept(cache):
    """`formulas validate` remembers the rule sets whose worked examples passed (`cache.remember_passed`): a process
    that read the list before another remembered its own keeps those too when it writes (review LH C3: the validations
    of a folder run for seconds, and the suite runs two at once)."""
    known = rule_cache.passed_examples()
    rule_cache.remember_passed(rule_cache.passed_examples(), ["another"])  # the other process, meanwhile
    rule_cache.remember_passed(known, ["mine"])
    assert list(rule_cache.passed_examples()) == ["another", "mine"]
    rule_cache.remember_passed(known, ["another"])  # known already: nothing written
    assert list(rule_cache.passed_examples()) == ["another", "mine"]
