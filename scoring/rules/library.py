"""The rule library: every rule set in a folder of formula files, and the choice of the one that
governs a sheet (by id and version, or by sheet type, region and year).

A folder is loaded once per process, and its compiled rule sets are cached on disk between
processes (`rules.cache`); a file that cannot be used is listed with its reason and the others
still load.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ScoringError
from ..files.limits import MAX_TEXT_FILE_BYTES, read_limited
from ..files.reading import display_path, display_paths, file_status, read_toml
from ..numbers import normalize_phrase
from ..plain import replace
from . import cache
from .model import RuleSet, defer_bulky_fields, region_covers, region_path
from .released import ledger_path, parse_ledger, read_ledger_bytes

# Points every command at another rule folder when --rules-dir is not given.
RULES_DIR_VARIABLE = "SCORING_RULES_DIR"


def shipped_rules_dir() -> Path:
    """The rule files shipped with the tool (the package `scoring.formulas`): the checkout's
    formulas/ in an editable install, the installed copy otherwise."""
    from .. import formulas

    # Installed packages are plain folders (pip never installs zipped), so the package's folder is
    # the rule folder: what importlib.resources would say, without importing it (6 ms, a third of
    # reading the cached rule library)
    return Path(formulas.__file__).parent


def default_rules_dir() -> Path:
    """The rule folder used when none is given: $SCORING_RULES_DIR, else the shipped rule files."""
    chosen = os.environ.get(RULES_DIR_VARIABLE, "").strip()
    return Path(chosen) if chosen else shipped_rules_dir()


def load_rule_file(path: Path | str, search_dir: Path | str | None = None) -> RuleSet:
    """Load, validate and compile one formula file. Raises FileError / ScoringError.

    A file that extends another finds its parent among the rule files under ``search_dir``
    (default: `default_rules_dir`).
    """
    from .compiler import compile_rule_file

    path = Path(path)
    raw = read_toml(path, json_too=False)
    by_ref: Mapping[str, tuple[str, dict]] = {}
    if raw.get("extends") is not None:
        folder = Path(search_dir) if search_dir is not None else default_rules_dir()
        if folder.is_dir():
            # each file's id@version, to find the parent by: from the parts a load of the folder kept, where it has
            # been loaded (parsing every shipped file took 5 s of each `formulas validate FILE`); only the files of
            # the parent's chain are read whole
            tables = _Tables(cache.Parts())
            found: dict[str, tuple[str, Path]] = {}
            for other in sorted(folder.rglob("*.toml")):
                if other.resolve() == path.resolve():
                    continue
                try:
                    data = read_limited(other)
                    ref, _ = tables.head(other, data, cache.file_digest(data))
                except (OSError, ScoringError):
                    continue
                if ref:
                    found.setdefault(ref, (display_path(other), other))
            by_ref = _TablesByRef(found, tables)
            rule_set = compile_rule_file(path, raw, by_ref)
            if tables.parts.made:
                tables.parts.save()
            return rule_set
    return compile_rule_file(path, raw, by_ref)


class _Tables:
    """The TOML tables of a folder's rule files, each read once: from the parts of the folders loaded before, where one
    held the same bytes, else parsed (and kept there) — and each file's heads, its id@version and the rule set it
    extends, kept apart: a folder whose files are all compiled in the parts needs only those (reading back every
    shipped file's table was a fifth of loading a copy of the rules with one file changed)."""

    def __init__(self, parts: cache.Parts) -> None:
        self.parts = parts
        self.read: dict[Path, dict] = {}
        self.bytes: dict[Path, tuple[bytes | None, bytes | None]] = {}

    def head(self, path: Path, data: bytes | None, digest: bytes | None) -> tuple[str | None, object]:
        """The file's id@version (None where it does not say) and its ``extends`` as written.  Raises as `read_toml`
        does."""
        from .inherit import ref_of

        self.bytes[path] = (data, digest)
        key = b"head\0" + digest if data is not None and digest is not None else None
        found = self.parts.get(key)
        if isinstance(found, tuple) and len(found) == 2:
            return found
        raw = self.table(path)
        head = (ref_of(raw), raw.get("extends"))
        self.parts.put(key, head)
        return head

    def table(self, path: Path) -> dict:
        """The file's TOML table (of the bytes `head` was given).  Raises as `read_toml` does."""
        raw = self.read.get(path)
        if raw is None:
            data, digest = self.bytes[path]
            key = b"raw\0" + digest if data is not None and digest is not None else None
            raw = self.parts.get(key)
            if not isinstance(raw, dict):
                raw = read_toml(path, data, json_too=False)
                self.parts.put(key, raw)
            self.read[path] = raw
        return raw


class _TablesByRef(Mapping):
    """id@version → (the file as shown, its TOML table), as inheritance looks a parent up, each table read only when
    looked up (`_Tables`)."""

    def __init__(self, where: dict[str, tuple[str, Path]], tables: _Tables) -> None:
        self.where, self.tables = where, tables

    def __getitem__(self, ref: str) -> tuple[str, dict]:
        shown, path = self.where[ref]
        return shown, self.tables.table(path)

    def __contains__(self, ref: object) -> bool:
        return ref in self.where  # (Mapping's own would read the table)

    def __iter__(self):
        return iter(self.where)

    def __len__(self) -> int:
        return len(self.where)


@dataclass(frozen=True)
class BrokenRuleFile:
    """A rule file that could not be used, with what its heading says of the sheets it is for (its
    lines read one by one where the file does not parse as a whole; None where it says nothing
    readable): a sheet it would govern is refused naming it, never scored under a broader
    region's rules instead."""

    path: str
    reason: str
    id: str | None = None
    region: tuple[str, ...] | None = None
    titles: frozenset[str] = frozenset()  # its sheet type and aliases, as `title_key` compares them
    first_year: int | None = None
    last_year: int | None = None
    extends: str | None = None  # the rule set it extends, whose heading fills what its own leaves out

    def would_govern(self, region: tuple[str, ...], year: int | None, sheet_type: str) -> bool:
        """Whether the file, had it loaded, could be the rule set of such a sheet."""
        from .declared import title_key

        return (self.region is not None and region_covers(self.region, region) and title_key(sheet_type) in self.titles
                and self.could_govern(year))

    def could_govern(self, year: int | None) -> bool:
        """Whether the file, had it loaded, could govern sheets of fiscal ``year`` (any, when unknown)."""
        return year is None or ((self.first_year is None or self.first_year <= year) and (self.last_year is None or year <= self.last_year))

    @property
    def named(self) -> str:
        return f"规则文件 {self.path}（{self.id or '规则集编号不明'}，{'/'.join(self.region or ()) or '全国'}）"


@dataclass
class RuleLibrary:
    """Every rule set found in a folder, and the files that could not be loaded."""

    directory: Path
    rule_sets: list[RuleSet]
    failures: list[ScoringError]
    # the files among the failures that could still be told apart by their heading
    broken: list[BrokenRuleFile] = field(default_factory=list)
    # the released versions the folder's ledger lists (id@version → sha256; `rules.released`), and
    # the ledger's lines that could not be read (no rule file is skipped for them)
    released: dict[str, str] = field(default_factory=dict)
    ledger_problems: list[ScoringError] = field(default_factory=list)
    # select's answers by region, year, sheet type and evaluation date: a batch asks the same few
    # questions for every sheet, and each answer folds every rule set's titles and regions
    _selected: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    # The files this process has not read, known by their status as holding the bytes the library
    # was compiled from (`cache.FileDigests`): shown path → (path, digest).  A rule set is handed out
    # only once its files are read and found so (`_as_read`).
    unread: dict[str, tuple[str, bytes]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _read_sets: set = field(default_factory=set, init=False, repr=False, compare=False)  # rule sets whose files were read
    folder: str = field(default="", init=False, repr=False, compare=False)  # the folder's full path, where files are unread

    def find(self, ref: str, year: int | None = None, evaluated: dt.date | None = None) -> RuleSet:
        """Find ``id`` or ``id@version``; with a bare id, the version that governs ``year``."""
        return self._as_read(lambda: self._found(ref, year, evaluated))

    def _found(self, ref: str, year: int | None, evaluated: dt.date | None) -> RuleSet:
        # a batch of case files names the same rule set on every sheet: each answer looks at every
        # rule set of the folder, so it is kept (a question with no answer raises, and is asked again)
        key = ("find", ref, year, evaluated)
        known = self._selected.get(key)
        if known is None:
            known = self._find(ref, year, evaluated)
            if len(self._selected) < 4096:
                self._selected[key] = known
        return known

    def _as_read(self, pick):
        """The rule set ``pick`` chooses, its own file and those it extends read and found to hold
        the bytes the library was compiled from.  A file known only by its status may hold others —
        written through a shared memory mapping, on a network file system whose client caches file
        status, on a system without change times (review GW) — and then the folder is loaded afresh,
        reading every file, and ``pick`` chooses again: a score never comes from bytes no file holds."""
        rule_set = pick()
        if self.unread and rule_set.ref not in self._read_sets:  # a batch asks for the same few for every row
            paths = {r.ref: r.path for r in self.rule_sets}
            if not self._still([rule_set.path, *(paths.get(ref, "") for ref in rule_set.extends)]):
                self._reload()
                rule_set = pick()
            self._read_sets.add(rule_set.ref)
        return rule_set

    def _still(self, shown: list[str]) -> bool:
        """Whether each of the files ``shown`` not read yet holds the bytes the library was compiled from
        (each read once: it is then no longer unread)."""
        same = True
        for name in shown:
            entry = self.unread.pop(name, None)
            if entry is None:
                continue
            try:
                same = cache.file_digest(read_limited(Path(entry[0]))) == entry[1] and same
            except (OSError, ScoringError):
                same = False
        return same

    def _reload(self) -> None:
        directory = self.directory
        fresh = load_rule_dir(self.folder or directory, read_every_file=True)
        self.__dict__.update(fresh.__dict__)
        self.directory = directory

    def _find(self, ref: str, year: int | None, evaluated: dt.date | None) -> RuleSet:
        rule_id, _, version = ref.partition("@")
        candidates = [r for r in self.rule_sets if r.id == rule_id and (not version or r.version == version)]
        if not candidates:
            broken = next((b for b in self.broken if b.id == rule_id), None)
            if broken is not None:
                raise ScoringError(f"规则集 {ref} 的{broken.named}无法使用：{broken.reason}")
            # the versions of that id, else the ids, not every version of each: a bureau reads this
            # in its summary (review BZ D1)
            versions = sorted(r.ref for r in self.rule_sets if r.id == rule_id)
            if versions:
                raise ScoringError(f"规则目录 {self.directory} 中没有规则集 {ref}；{rule_id} 已有的版本：{'、'.join(versions)}")
            known = "、".join(sorted({r.id for r in self.rule_sets})) or "（无）"
            raise ScoringError(f"规则目录 {self.directory} 中没有规则集 {ref}；已有的规则集：{known}（各版本见 scoring formulas list）")
        unusable = None if version else next((b for b in self.broken if b.id == rule_id and b.could_govern(year)), None)
        if unusable is not None:
            # a version of it that cannot be read may be the one that governs (a revision, most
            # likely): another version named for it would be a guess
            raise ScoringError(f"规则集 {ref} 的{unusable.named}无法使用：{unusable.reason}；请改正该规则文件，或用 ID@版本 指明另一版本")
        if not version and (year is not None or evaluated is not None):
            in_effect = [r for r in candidates if governs(r, year, evaluated)]
            if not in_effect:
                # the versions in force only: one a revision corrects covers the same years (review DS B5)
                raise ScoringError(f"规则集 {rule_id} 没有适用于 {_year_text(year)} 的版本；已有：{_listing(unrevised(candidates))}")
            candidates = in_effect
        if not version:
            candidates = unrevised(candidates)  # a bare id never names a version another corrects
        if len(candidates) > 1:
            raise ScoringError(f"规则集 {ref} 有多个版本同时适用：{_listing(candidates)}；请用 ID@版本 指明")
        return candidates[0]

    def narrower_rules(self, region: tuple[str, ...], sheet_type: str, chosen: RuleSet) -> tuple[RuleSet, ...]:
        """The rule sets of ``sheet_type`` covering ``region`` for a narrower region than
        ``chosen`` (which select passed over: they do not govern the sheet's year), the most
        specific first."""
        key = ("narrower", tuple(region), sheet_type, chosen.path, chosen.sha256)
        known = self._selected.get(key)
        if known is None:
            depth = len(chosen.region_path)
            known = tuple(sorted((r for r in unrevised(self.rule_sets) if len(r.region_path) > depth and r.covers(tuple(region))
                                  and r.info.names_sheet_type(sheet_type)), key=lambda r: (-len(r.region_path), r.ref)))
            if len(self._selected) < 4096:
                self._selected[key] = known
        return known

    def provincial_rules(self, sheet_type: str, chosen: RuleSet) -> tuple[RuleSet, ...]:
        """The rule sets of ``sheet_type`` for a region narrower than ``chosen``'s, whatever the
        unit's region: what a unit of a province could have been scored under."""
        key = ("provincial", sheet_type, chosen.path, chosen.sha256)
        known = self._selected.get(key)
        if known is None:
            depth = len(chosen.region_path)
            known = tuple(r for r in unrevised(self.rule_sets) if len(r.region_path) > depth and r.info.names_sheet_type(sheet_type))
            if len(self._selected) < 4096:
                self._selected[key] = known
        return known

    def near_regions(self, region: tuple[str, ...], sheet_type: str, chosen: RuleSet) -> tuple[RuleSet, ...]:
        """The rule sets of ``sheet_type`` more specific than ``chosen`` whose province is written
        nearly as the unit's but not the same ("胡南省" beside hunan's 湖南省): a slip, likely."""
        if not region:
            return ()
        key = ("near", tuple(region), sheet_type, chosen.path, chosen.sha256)
        known = self._selected.get(key)
        if known is None:
            import difflib

            from ..regions import PROVINCES
            from .model import region_key

            unit = region_key(region[0])
            known = () if unit in PROVINCES else tuple(
                r for r in unrevised(self.rule_sets) if len(r.region_path) > len(chosen.region_path) and r.info.names_sheet_type(sheet_type)
                and region_key(r.region_path[0]) != unit
                and difflib.SequenceMatcher(None, region_key(r.region_path[0]), unit).ratio() >= 0.5)
            if len(self._selected) < 4096:
                self._selected[key] = known
        return known

    def select(self, region: list[str] | tuple[str, ...], year: int | None, sheet_type: str, evaluated: dt.date | None = None) -> RuleSet:
        """The rule set for a sheet: its sheet type, governing fiscal ``year`` (and in force on the
        evaluation date, when the sheet gives one), for the most specific region that contains the
        unit's (county → city → province → national).  With the year unknown, the one rule set
        that could apply, or an error listing them."""
        region = tuple(region)
        key = (region, year, sheet_type, evaluated)
        known = self._selected.get(key)
        if known is None:
            try:
                known = self._as_read(lambda: self._select(region, year, sheet_type, evaluated))
            except ScoringError as exc:
                known = str(exc)
            if len(self._selected) < 4096:  # regions and titles are few; a hostile batch's are not
                self._selected[key] = known
        if isinstance(known, str):
            raise ScoringError(known)
        return known

    def _select(self, region: tuple[str, ...], year: int | None, sheet_type: str, evaluated: dt.date | None) -> RuleSet:
        # the rule sets of a sheet type, once per type: every region of a batch asks again, and each
        # revision released adds a rule set to fold the titles of
        typed = self._selected.get(("typed", sheet_type))
        if typed is None:
            typed = [r for r in self.rule_sets if r.info.names_sheet_type(sheet_type)]
            if len(self._selected) < 4096:
                self._selected[("typed", sheet_type)] = typed
        if not typed:
            broken = next((b for b in self.broken if b.would_govern(region, year, sheet_type)), None)
            if broken is not None:  # the only rule file of the form is broken: say so, not "no such form"
                raise ScoringError(f"可能适用于本表的{broken.named}无法使用：{broken.reason}；本表未计分，请改正该规则文件后再复核")
            kinds = "、".join(sorted({r.info.sheet_type for r in self.rule_sets})) or "（无）"
            # a form of another name the national rules may score (a 转移支付区域绩效目标自评表 laid out as
            # the project form): how to say so, as the sheet's own choice (review CO B1)
            national = sorted({(r.id, r.info.sheet_type) for r in self.rule_sets if not r.region_path})
            named = "、".join(f"{i}（{t}）" for i, t in national)
            hint = f"；如本表应按其中一种计分，请在表中写明所用规则（案例文件的 rules，案例表的“规则”列），如 {named}" if national else ""
            raise ScoringError(f"没有表类型为“{sheet_type}”的规则集；已有的表类型：{kinds}{hint}")
        matching = [r for r in typed if r.covers(region)]
        dated = unrevised([r for r in matching if governs(r, year, evaluated)])
        depth = max((len(r.region_path) for r in dated), default=-1)
        chosen_ids = {r.id for r in dated if len(r.region_path) == depth}
        shadowing = next((b for b in self.broken if b.would_govern(region, year, sheet_type)
                          and (len(b.region) > depth or (len(b.region) == depth and b.id in chosen_ids))), None)
        if shadowing is not None:
            # the province's own file is broken: scoring the sheet under the national rules instead
            # would give a verdict under rules that are not its own; and a broken version of the
            # very rule set chosen (a revision, most likely) may be the one that governs the sheet
            raise ScoringError(f"可能适用于本表的{shadowing.named}无法使用：{shadowing.reason}；本表未计分，请改正该规则文件后再复核")
        if not dated:
            where = "/".join(region) or "全国"
            # those of the sheet's region where there are any (another province's say nothing of it), in
            # force (a revised version covers the years of its revision), with the years they cover (review DS B5)
            listed = "适用于该地区的该表类型规则集有" if matching else "该表类型的规则集有"
            raise ScoringError(f"没有适用于 {where} {_year_text(year)}“{sheet_type}”的规则集；{listed}：{_listing(unrevised(matching or typed))}")
        if year is None and len(dated) > 1:
            # a provincial set for some years and the national one for all: which governs depends
            # on the year, so the year must be known
            raise ScoringError(f"案例未写明年度，{'/'.join(region)}“{sheet_type}”可能适用的规则集有：{_listing(dated)}；请补上 year，或用 rules = \"ID@版本\" 指明")
        best = [r for r in dated if len(r.region_path) == depth]
        if len(best) > 1:
            raise ScoringError(f"{'/'.join(region)} {_year_text(year)}“{sheet_type}”有多个同样适用的规则集：{_listing(best)}；请在案例中用 rules = \"ID@版本\" 指明，或用 --rules")
        return best[0]


# What the row scorer looks rows.select up by, besides a 指标性质 word: a target's comparator as its
# code, a bare number ("none"), a date, a worded actual (`engine.rows.RowScorer._by_values`)
SELECT_KEYS = (">=", ">", "<=", "<", "=", "none", "date", "text")


def select_doubts(rule_set: RuleSet) -> list[str]:
    """``rows.select`` keys no row will be scored by, each said: keys that fold into one ("定 性" and
    "定性": the last replaces the others), none/date/text not in lower case, a comparator written
    otherwise than as its code ("≥" is read as ">=" wherever it is printed, so the key is never
    looked up), and a key of symbols only that is no code ("=>", "≈": chosen only by a 指标性质 cell
    printing exactly it, which is rarely what was meant).  Said by `formulas validate` (reviews BY
    C4, CD B2), not refused."""
    rows = rule_set.rows
    if rows is None:
        return []
    doubts = []
    # keys written differently that read as one (blanks, full-width forms): the last written replaces the others
    written = (rule_set.resolved.get("rows") or {}).get("select") or {}
    folded: dict[str, list[str]] = {}
    for key in written:
        folded.setdefault(normalize_phrase(key), []).append(key)
    for key, spellings in folded.items():
        if len(spellings) > 1:
            doubts.append(f"rows.select 的键{'、'.join(f'“{k}”' for k in spellings)}读作同一写法“{key}”：只有最后写的"
                          f"“{spellings[-1]}” = \"{written[spellings[-1]]}\" 有效，其余被它取代")
    for key in rows.select:
        if key in SELECT_KEYS:
            continue
        if key.casefold() in SELECT_KEYS:
            doubts.append(f"rows.select 的键“{key}”应写作小写的“{key.casefold()}”：按“{key.casefold()}”查找，此键不会被用到")
            continue
        comparator = rule_set.reading.comparator(key)
        if comparator is not None:
            doubts.append(f"rows.select 的键“{key}”是比较符号 {comparator} 的写法：表中写成“{key}”的比较符号按 rows.select.\"{comparator}\" "
                          "选方法，此键不会被用到")
        elif not any(ch.isalnum() for ch in key):
            doubts.append(f"rows.select 的键“{key}”不是比较符号的代码（{'、'.join(SELECT_KEYS[:5])}）、none、date 或 text，也不是指标性质的文字："
                          f"只有“指标性质”一栏恰好印为“{key}”的行才按它选方法")
    return doubts


def region_doubt(rule_set: RuleSet) -> str:
    """Why a rule set's region may be no place a sheet is from ("" when it is one): its first name
    no province-level division ("保山市" before "云南省", "滇省", "云南省保山市" on one line).  No case
    written as the README asks matches it, so its sheets go to broader rules without a word; said by
    `formulas validate` (review BY C1), not refused: a made-up region is the test suite's own."""
    from ..regions import PROVINCES
    from .model import region_key

    path = rule_set.region_path
    if not path or region_key(path[0]) in PROVINCES:
        return ""
    if len(path) == 1 and any(path[0].startswith(p) for p in PROVINCES):
        return f"地区“{path[0]}”写在一项中：应逐级分开写，省、市、县各为一项，如 [\"云南省\", \"保山市\"]，否则按省、市逐级写地区的表都不会选用本规则集"
    return (f"地区的第一级“{path[0]}”不是省级行政区：地区应从省级行政区写起，逐级写下去，如 [\"云南省\", \"保山市\"]"
            "（全国性的规则写 \"全国\"），否则按省、市逐级写地区的表都不会选用本规则集")


def ties(rule_sets: list[RuleSet]) -> list[ScoringError]:
    """Rule sets that would tie when a sheet is scored: of one sheet type and one region, both
    governing a fiscal year, neither revising the other (`_select` refuses such a sheet).  Said
    by `formulas validate`, so the author meets it, not a bureau scoring a sheet (review BY C3)."""
    from .declared import title_key
    from .model import region_key

    # by every name a sheet may be chosen by: a form's aliases tie as its title does (review CA B2)
    groups: dict[tuple, list[RuleSet]] = {}
    for r in rule_sets:
        for name in dict.fromkeys(title_key(t) for t in (r.info.sheet_type, *r.info.sheet_type_aliases)):
            groups.setdefault((name, tuple(region_key(x) for x in r.region_path)), []).append(r)
    out = []
    said: set[tuple[str, ...]] = set()
    for (name, _), members in groups.items():
        if len(members) < 2:
            continue
        sheet_type = next((t for t in (members[0].info.sheet_type, *members[0].info.sheet_type_aliases) if title_key(t) == name), name)
        firsts = [r.info.fiscal_years.first if r.info.fiscal_years is not None else r.info.effective_from.year for r in members]
        years: dict[tuple[str, ...], list[int]] = {}
        for year in range(min(firsts), max(firsts) + 2):
            both = unrevised([r for r in members if r.info.governs_fiscal_year(year)])
            if len(both) > 1:
                years.setdefault(tuple(r.ref for r in both), []).append(year)
        for refs, tied in years.items():
            if refs in said:
                continue
            said.add(refs)
            chosen = [r for r in members if r.ref in refs]
            # the last year looked at stands for every later one: both govern it on, neither ends
            span = (f"{tied[0]} 年及以后" if tied[-1] == max(firsts) + 1 else f"{tied[0]} 年" if len(tied) == 1
                    else f"{tied[0]}～{tied[-1]} 年")
            # a released version without an end cannot be edited: its end is set by a revision
            open_ended = sorted((r for r in chosen if r.info.effective_to is None), key=lambda r: r.info.effective_from)
            way = (f"；没有失效日期的 {open_ended[0].ref} 需另立修订版本写明失效日期（scoring formulas new {open_ended[0].ref} "
                   "--version … --revision）" if open_ended else "")
            out.append(ScoringError(
                f"规则集 {_listing(chosen)}的地区和表类型（{sheet_type}）相同，都适用于 {span}的表：这些表将无法选定规则；"
                f"请改正其中一个文件的有效期（effective_from/effective_to、fiscal_years），或用 revises 写明修订关系{way}"
            ))
    return out


def unrevised(rule_sets: list[RuleSet]) -> list[RuleSet]:
    """``rule_sets`` less each one another of them revises (`revises`): a corrected version is
    chosen wherever the version it corrects would have been, which stays there to be named."""
    revised = {r.info.revises for r in rule_sets if r.info.revises}
    return [r for r in rule_sets if r.ref not in revised] if revised else rule_sets


def governs(rule_set: RuleSet, year: int | None, evaluated: dt.date | None = None) -> bool:
    """Whether the rule set governs sheets of fiscal ``year`` (any year when unknown) evaluated on
    ``evaluated`` (a rule cannot govern an evaluation made before it was issued)."""
    info = rule_set.info
    if evaluated is not None and evaluated < info.effective_from:
        return False
    return year is None or info.governs_fiscal_year(year)


def _year_text(year: int | None) -> str:
    return "年度不明时" if year is None else f"{year} 年"


def _listing(rule_sets: list[RuleSet]) -> str:
    return "、".join(f"{r.ref}（{'/'.join(r.region_path) or '全国'}，{_span(r)}）" for r in rule_sets)


def _span(rule_set: RuleSet) -> str:
    """The years a rule set governs, as its file declares them: fiscal years where it says which
    ("2019～ 年度": a sheet of 2015 sees why none governs it), else its dates in effect."""
    years = rule_set.info.fiscal_years
    if years is not None:
        return f"{years.first}～{rule_set.info.last_fiscal_year() or ''} 年度"
    return f"{rule_set.info.effective_from}～{rule_set.info.effective_to or ''}"


def load_rule_dir(directory: Path | str | None = None, read_every_file: bool = False,
                  compiling: Callable[[int], None] | None = None) -> RuleLibrary:
    """Load every ``*.toml`` under ``directory`` (default: `default_rules_dir`), resolving
    inheritance between them. A file that cannot be used is listed in ``failures``; the others load.
    ``compiling`` is told how many files are to be compiled, before they are, where there are
    `COMPILING_SAID` or more (a first load, or the cache emptied): some seconds, which a command says.

    A file whose status is the one it had when last read is not read to find the cached library
    (`cache.FileDigests`): it is read when a rule set it makes is first handed out
    (`RuleLibrary.find`, `select`), or, with ``read_every_file``, before the library is returned."""
    if directory is None:
        directory = default_rules_dir()
        if not directory.is_dir() and os.environ.get(RULES_DIR_VARIABLE, "").strip():
            raise ScoringError(f"规则目录 {directory}（环境变量 {RULES_DIR_VARIABLE}）不存在")
    directory = Path(directory)
    if not directory.is_dir():
        raise ScoringError(f"规则目录 {directory} 不存在")
    known = cache.FileDigests(str(directory))
    read: dict[Path, bytes | None] = {}
    found: dict[Path, tuple[os.stat_result, bytes | None]] = {}  # each file's status and digest
    unusable: list[ScoringError] = []
    for path in sorted(directory.rglob("*.toml")):
        # never opened unless it is a file: a pipe would hang every command, a link to a device
        # fill the memory, and one odd entry must not cost the other rule files (review CF A2)
        why, status = file_status(path)
        if why:
            unusable.append(ScoringError(f"{display_path(path)}: 无法读取：{why}"))
            continue
        remembered = None if read_every_file else known.get(path, status)
        found[path] = (status, remembered if remembered is not None else _read_digest(path, status, read, known))
    ledger = read_ledger_bytes(directory)
    shown = display_paths(list(found))

    def key_of(digests: list[bytes | None]) -> str:
        keyed = list(zip(shown, digests))
        if ledger is not None:
            keyed.append((display_path(ledger_path(directory)), cache.file_digest(ledger)))
        return cache.library_key(str(directory), keyed)

    cached = None if unusable else cache.load(key_of([digest for _, digest in found.values()]))  # said each time, as any file that cannot be used is
    if isinstance(cached, RuleLibrary):
        known.save()
        cached.directory = directory
        # by full path: a program may change its working folder before it asks for a rule set (review GZ A5)
        cached.unread = {name: (os.path.abspath(path), digest) for name, (path, (_, digest)) in zip(shown, found.items()) if path not in read}
        cached.folder = os.path.abspath(directory)
        return cached
    # Compiled from the bytes read now, and kept under their digests: a file known by its status
    # may have changed since (in the tick it was read in, on a clock that lags)
    key = key_of([_read_digest(path, status, read, known) if path not in read else digest for path, (status, digest) in found.items()])
    known.save()
    files = [(path, read[path]) for path in found]
    # Every object the parts give back or the compiler makes stays alive in the library: collections
    # meanwhile find nothing to free, and took a third of the parts' unpickling (as `cache.entry_value`)
    parts = cache.Parts()
    with cache.NoCollections():
        library = _load_files(directory, files, parts, ledger, compiling)
        library.failures[:0] = unusable
        library.rule_sets = _share_equal_parts(library.rule_sets, parts.pickle_of)
    # kept with its failures too: a folder holding one broken file (a draft, another province's
    # slip) would otherwise unpickle every other file's parts on every command, six times as slow;
    # the failures are read back as they were made, from the same bytes.  Not so a file that could
    # not be read at all: its bytes are in no key, and its message would outlive its cause
    if not unusable and all(data is not None for _, data in files):
        cache.store(key, replace(library, rule_sets=defer_bulky_fields(library.rule_sets, parts.pickle_of)))
    return library


# How many rule files to compile a load tells its caller of (`load_rule_dir`): the 284 shipped rule sets took 12 s
COMPILING_SAID = 20


def _read_digest(path: Path, status: os.stat_result, read: dict[Path, bytes | None], known: cache.FileDigests) -> bytes | None:
    """The digest of ``path``'s bytes, read into ``read`` and remembered in ``known`` (None: it
    cannot be read, which the loader reports when it reads it again)."""
    try:
        data = read[path] = read_limited(path)
    except (OSError, ScoringError):
        read[path] = None
        return None
    digest = cache.file_digest(data)
    known.put(path, status, digest)
    return digest


def _share_equal_parts(rule_sets: list[RuleSet], pickle_of: Callable[[object], bytes | None]) -> list[RuleSet]:
    """The rule sets with equal readings, row rules and sections of their resolved data held as one
    object each.  A revision and the rule sets built on one parent repeat them all; pickle keeps
    one copy of an object however often it is referred to, so the cached library is read back in
    the time of its distinct parts, not of every rule set's copies (they are never changed once
    compiled).  Values are equal where their pickles are; ``pickle_of`` gives those the folder's
    parts already hold (`cache.Parts.pickle_of`)."""
    import pickle

    seen: dict[bytes, object] = {}
    # each object by its identity: the rule sets read back from the folder's parts already share most of
    # theirs (`cache.Parts`), and an object met again needs no pickling (all stay alive meanwhile)
    met: dict[int, object] = {}

    def one(value):
        found = met.get(id(value))
        if found is None:
            found = met[id(value)] = seen.setdefault(pickle_of(value) or pickle.dumps(value, pickle.HIGHEST_PROTOCOL), value)
        return found

    out = []
    for r in rule_sets:
        changes: dict = {name: one(getattr(r, name)) for name in ("reading", "rows", *_SHARED_HEADS) if getattr(r, name) is not None}
        if isinstance(r.resolved, dict):
            changes["resolved"] = {k: one(v) if isinstance(v, (dict, list)) and k != "rule_set" else v for k, v in r.resolved.items()}
        # and each value of its heading (the source, the years, the totals): read back with every command, for every
        # rule set, they were a third of the time of reading the library's head
        changes["info"] = replace(r.info, **{k: one(v) for k, v in r.info.__dict__.items() if v is not None})
        out.append(replace(r, **changes))
    return out


# The fields of a rule set, besides its readings and row rules, that the rule sets of a chain mostly hold equal and
# every command reads back (`_share_equal_parts`)
_SHARED_HEADS = ("extends", "required_inputs", "source_defects")


def _load_files(directory: Path, files: list[tuple[Path, bytes | None]], parts: cache.Parts, ledger: bytes | None = None,
                compiling: Callable[[int], None] | None = None) -> RuleLibrary:
    # Only a file whose compiled rule set is in no part is compiled: a folder loaded from its parts
    # (a copy of the rules, a file broken or not compiled) needs none of the compiler (0.15 s to import)
    # each file's path as shown, worked out once: it resolves links, and a link switched while the
    # folder loads ("current" → a new release) must not give one file two names (review EJ A1)
    shown = dict(zip((path for path, _ in files), display_paths([path for path, _ in files])))
    digests = {shown[path]: cache.file_digest(data) for path, data in files if data is not None}
    # where each file lies in the folder: its compiled rule set is kept under that, not under the
    # path as shown, so that a copy of the folder elsewhere finds it (`cache.Parts`)
    places = {shown[path]: path.relative_to(directory).as_posix() for path, _ in files}
    heads: list[tuple[Path, object]] = []  # each file that parses, with the rule set it extends
    tables = _Tables(parts)
    failures: list[ScoringError] = []
    broken: list[BrokenRuleFile] = []
    found: dict[str, tuple[str, Path]] = {}
    # a file whose heads the parts lack is read afresh, and compiled: said before, where that is many (a first load)
    unknown = sum(1 for path, data in files if data is not None and not parts.holds(b"head\0" + digests[shown[path]]))
    said = compiling is not None and unknown >= COMPILING_SAID
    if said:
        compiling(unknown)
    for path, data in files:
        try:
            ref, extends = tables.head(path, data, digests.get(shown[path]))
        except Exception as exc:  # noqa: BLE001 - one file's failure, whatever it is, is that file's (`_unforeseen`)
            failure = _unforeseen(exc, shown[path])
            failures.append(failure)
            broken.append(_broken(path, data, None, failure))
            continue
        heads.append((path, extends))
        if ref and ref not in found:
            found[ref] = (shown[path], path)
    by_ref = _TablesByRef(found, tables)
    extended = {shown[path]: extends for path, extends in heads}
    keys = [_compiled_key(shown[path], extended, found, digests, places) for path, _ in heads]
    # and a file whose heads are known (`formulas validate FILE` keeps every file's) may still be compiled in no part
    afresh = sum(1 for key in keys if key is None or not parts.holds(key))
    if compiling is not None and not said and afresh >= COMPILING_SAID:
        compiling(afresh)
    rule_sets = []
    for (path, _), key in zip(heads, keys):
        rule_set = parts.get(key)
        if isinstance(rule_set, RuleSet):
            rule_set = _placed(rule_set, shown[path])
        else:
            from .compiler import compile_rule_file

            raw = None
            try:
                raw = tables.table(path)
                rule_set = compile_rule_file(path, raw, by_ref)
            except Exception as exc:  # noqa: BLE001 - as above
                failure = _unforeseen(exc, shown[path])
                failures.append(failure)
                broken.append(_broken(path, None, raw, failure))
                continue
            if rule_set.path == shown[path]:  # (named otherwise, a link switched meanwhile: kept under no key)
                parts.put(key, rule_set)
        rule_sets.append(rule_set)
    parts.save()
    refs = [r.ref for r in rule_sets]
    for ref in sorted({r for r in refs if refs.count(r) > 1}):
        paths = "、".join(r.path for r in rule_sets if r.ref == ref)
        failures.append(ScoringError(f"规则集 {ref} 在多个文件中重复定义：{paths}"))
    unreadable = {b.id for b in broken if b.id}  # a broken file's version may be the one revised
    for r in [r for r in rule_sets if r.info.revises and r.info.revises not in refs and r.id not in unreadable]:
        # skipped as the message says: kept, it would tie with the version it meant to revise
        rule_sets.remove(r)
        failures.append(ScoringError(f"{r.path}: rule_set.revises：规则目录中没有被修订的版本 {r.info.revises}；"
                                     f"已有：{'、'.join(x for x in sorted(set(refs)) if x.startswith(r.id + '@')) or '（无）'}"))
    released, problems = parse_ledger(ledger, display_path(ledger_path(directory)))
    rule_sets = [replace(r, released=released[r.ref]) if r.ref in released else r for r in rule_sets]
    rule_sets = _with_revisions(rule_sets)
    broken = [_completed(b, by_ref, broken) for b in broken]
    return RuleLibrary(directory, rule_sets, failures, [b for b in broken if b.region is not None], released=released,
                       ledger_problems=problems)


def _unforeseen(exc: Exception, shown: str) -> ScoringError:
    """``exc`` raised reading or compiling the file ``shown``, as a failure of that file: a `ScoringError` as it is;
    any other (a slip of this program that some file's content reaches) named so, and the folder's other files load."""
    if isinstance(exc, ScoringError):
        return exc
    return ScoringError(f"{shown}: 无法读取此规则文件（程序内部错误 {type(exc).__name__}：{exc}）；"
                        "其他规则文件不受影响，请将此文件报告给维护者")


def _compiled_key(shown: str, extended: dict[str, object], found: dict[str, tuple[str, Path]], digests: dict[str, bytes],
                  places: dict[str, str]) -> bytes | None:
    """The key a rule file's compiled rule set is kept under in the folder's parts: the file and
    every file it extends, by their places in the folder and their bytes — all that compiling it
    reads but the file's path as shown (`_placed`).  None where the chain cannot be followed (a
    parent missing, a cycle): such a file is compiled each time, and refused with the reason."""
    chain: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    while True:
        if shown not in digests:
            return None
        chain.append((places[shown], digests[shown]))
        parent = extended[shown]
        if parent is None:
            return cache.chain_key(chain)
        if not isinstance(parent, str) or parent in seen or parent not in found:
            return None
        seen.add(parent)
        shown = found[parent][0]


def _placed(rule_set: RuleSet, shown: str) -> RuleSet:
    """A compiled rule set read back from the parts, named by its file as shown here: the parts may
    be another folder's (a copy), or this one's seen from another working directory.  The path is
    all that compiling a file takes from where it lies, said in the rule set and in the source
    defects found in it (`test_rule_cache` holds a copy's rule sets to a compile from scratch)."""
    was = rule_set.path
    if was == shown:
        return rule_set
    return replace(rule_set, path=shown, source_defects=tuple(replace(d, path=shown) if d.path == was else d for d in rule_set.source_defects))


def _with_revisions(rule_sets: list[RuleSet]) -> list[RuleSet]:
    """Each rule set another revises, with the revision its sheets are now scored under (the last
    of a chain: 2024.1 → 2024.2 → 2024.3 gives 2024.3 to both), for a sheet that names it to be told."""
    revision = {r.info.revises: r.ref for r in rule_sets if r.info.revises}
    if not revision:
        return rule_sets
    out = []
    for r in rule_sets:
        latest, seen = revision.get(r.ref), {r.ref}
        while latest is not None and latest in revision and latest not in seen:  # (a cycle is validate's to refuse)
            seen.add(latest)
            latest = revision[latest]
        out.append(replace(r, revised_by=latest) if latest is not None else r)
    return out


def _loosely(line: str) -> dict:
    """A heading line that does not parse, read for what it names: region = ["四川省" (unclosed),
    sheet_type = 部门整体支出绩效自评表 (unquoted); {} for anything else."""
    key, _, value = line.partition("=")
    key = key.strip()
    if key not in ("region", "sheet_type", "id", "extends"):
        return {}
    quoted = re.findall(r'"([^"]*)"', value)
    if key == "region":
        return {key: quoted or [value.strip(" [],'\"")]} if (quoted or value.strip(" [],'\"")) else {}
    text = quoted[0] if quoted else value.split("#", 1)[0].strip(" '\"")
    return {key: text} if text else {}


def _completed(broken: BrokenRuleFile, by_ref: dict[str, tuple[str, dict]], others: list[BrokenRuleFile]) -> BrokenRuleFile:
    """A broken file's heading with what it leaves to the rule set it extends (a Xinjiang 单位整体
    file takes its region and years from xinjiang.project), read from that file — or from what
    could be read of it where it is broken too."""
    if not broken.extends:
        return broken
    parent = by_ref.get(broken.extends)
    if parent is not None:
        return _filled_from(broken, _broken(Path(parent[0]), None, parent[1], ScoringError("")))
    parent_id = broken.extends.partition("@")[0]
    unreadable = next((b for b in others if b is not broken and b.id == parent_id), None)
    return broken if unreadable is None else _filled_from(broken, unreadable)


def _filled_from(broken: BrokenRuleFile, inherited: BrokenRuleFile) -> BrokenRuleFile:
    """``broken``'s heading with what it leaves out taken from ``inherited``'s."""
    import dataclasses

    return dataclasses.replace(
        broken, region=broken.region if broken.region is not None else inherited.region,
        titles=broken.titles or inherited.titles, first_year=broken.first_year or inherited.first_year,
        last_year=broken.last_year or inherited.last_year,
    )


def _broken(path: Path, data: bytes | None, raw: dict | None, exc: ScoringError) -> BrokenRuleFile:
    """What a rule file that cannot be used says of the sheets it is for: its [rule_set] heading,
    from the parsed file, or line by line where the file does not parse (a slip further down
    leaves the heading readable)."""
    import tomllib

    from .declared import title_key

    heading = raw.get("rule_set") if isinstance(raw, dict) else None
    extends = raw.get("extends") if isinstance(raw, dict) else None
    if not isinstance(heading, dict):
        heading = {}
        try:
            if data is None:
                # no more than the bound the file was refused past (its heading is at its top): a
                # file of hundreds of megabytes must not cost as much memory (review CF A2)
                with open(path, "rb") as handle:
                    data = handle.read(MAX_TEXT_FILE_BYTES)
            text = data.decode("utf-8-sig", errors="ignore")
        except OSError:
            text = ""
        table = ""
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith("["):
                table = stripped.strip("[] ")
                continue
            if table in ("", "rule_set") and "=" in stripped:
                try:
                    found = tomllib.loads(stripped)
                except tomllib.TOMLDecodeError:
                    found = _loosely(stripped)  # the slip may be on this very line: region = ["四川省"
                if table == "rule_set":
                    heading.update(found)
                elif isinstance(found.get("extends"), str):
                    extends = found["extends"]
    def year(key: str) -> int | None:
        value = heading.get(key)
        return value.year if isinstance(value, dt.date) else None
    region = heading.get("region")
    titles = [t for t in (heading.get("sheet_type"), *(heading.get("sheet_type_aliases") or ())) if isinstance(t, str)]
    reason = str(exc)
    shown = display_path(path)
    reason = reason[len(shown) + 2:] if reason.startswith(shown + ": ") else reason
    if isinstance(region, list):
        # the names readable before a slip (["云南省", 5]): the file is at least for that province's sheets
        region = region[: next((i for i, r in enumerate(region) if not isinstance(r, str)), len(region))] or None
    first, last = year("effective_from"), year("effective_to")
    if first is not None and last is not None and last < first:
        # a period written backwards: the start is what the file says it is for, the end the likelier
        # slip (last year's left in a copy): it stops the sheets from its start on (reviews BY A1, CA B4)
        last = None
    return BrokenRuleFile(
        shown, reason, heading.get("id") if isinstance(heading.get("id"), str) else None,
        region_path(region) if isinstance(region, (str, list)) else None,
        frozenset(title_key(t) for t in titles), first, last,
        extends if isinstance(extends, str) else None,
    )
