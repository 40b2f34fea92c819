"""Compiled rule sets: what the engine evaluates.

Produced by `rules.compiler` from a validated `RuleFile` (`rules.schema`): every expression
compiled and vetted, every cross-reference checked.  Plain frozen objects (`scoring.plain`), no
validation left to do, read back from the on-disk cache without pydantic.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from decimal import Decimal

from ..engine.readings import Reading
from ..errors import FileProblem
from ..plain import Plain
from .declared import GoldenTest, GradeBand, Group, InputDecl, Parameter, RuleSetInfo, Tier
from .expressions import Expression


class CompiledModel(Plain):
    """Base of the compiled objects: plain frozen objects (`scoring.plain`), no pydantic."""


class CompiledBand(CompiledModel):
    lower: Expression | None
    lower_inclusive: bool
    upper: Expression | None
    upper_inclusive: bool
    score: Expression
    label: str

    def describe(self) -> str:
        """The band as an interval, e.g. "(N, 0.8 * N]"."""
        if self.label:
            return self.label
        low = "(-∞" if self.lower is None else ("[" if self.lower_inclusive else "(") + str(self.lower)
        high = "+∞)" if self.upper is None else str(self.upper) + ("]" if self.upper_inclusive else ")")
        return f"{low}, {high}"


class CompiledNotApplicable(CompiledModel):
    when: Expression
    score: Expression | None  # None: left to an evaluator's judgement
    reason: str


class CompiledCheck(CompiledModel):
    expr: Expression
    message: str
    severity: str
    unverifiable: tuple[str, ...] = ()  # indicator ids left unscored when the check fails

    def said(self, inputs: dict, values) -> str:
        """The failed check's message with the sheet's figures it read, in the order the rules
        declare them ("…（全年预算数＝40万元，全年执行数＝46.5万元）"): the officer sees which
        figures to look at (review BW C6).  ``values``: the usable inputs by name."""
        from ..numbers import fmt

        shown = []
        for name, decl in inputs.items():
            value = values.get(name) if name in self.expr.names else None
            if value is None:
                continue
            text = ("是" if value else "否") if isinstance(value, bool) else f"{fmt(value)}{decl.unit}"
            shown.append(f"{decl.label}＝{text}")
        return f"{self.message}（{'，'.join(shown)}）" if shown else self.message

    def place(self, where: str, inputs: dict, values) -> str:
        """Where the failed check is: at the first figure it read, in the order the rules declare
        them ("…#dept.inputs.duty_targets_set"), so a workbook's message names that figure's row
        (review CC A2); ``where`` + ".inputs" where it read none."""
        first = next((name for name in inputs if name in self.expr.names and values.get(name) is not None), None)
        return f"{where}.inputs.{first}" if first is not None else f"{where}.inputs"


class CompiledMethod(CompiledModel):
    id: str
    label: str
    rule_text: str
    reads: str
    comparator: str | None
    score: Expression | None
    judgement_unless_met: bool
    overshoot: Expression | None
    text_met: tuple[str, ...] = ()  # tiers at which a worded actual meets the target (RowMethod.text_met)
    text_target: str | None = None  # the words a worded actual is graded against (RowMethod.text_target)
    text_words: frozenset[str] = frozenset()  # the words that meet it (RowMethod.text_words), normalised


class CompiledDurations(CompiledModel):
    """A bare duration in one of ``groups`` (`rows.no_comparator.durations`): read with ``method``,
    as the default where the name without its head (``heads``) has a least duration
    (``unless_names``) as its last word of either list and no wait (``waits``) in it, and with ``unclear`` where it ends with a
    head that says neither (``unclear_heads``) and has no word of ``unless_names`` or ``names``."""

    groups: tuple[str, ...]
    units: frozenset[str]
    method: str
    unless_names: tuple[str, ...]
    names: tuple[str, ...] = ()
    waits: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    unclear_heads: tuple[str, ...] = ()
    unclear: str | None = None
    least_heads: tuple[str, ...] = ()  # "年限", "寿命": a life, always least
    saved: tuple[str, ...] = ()  # "压缩", "缩短": time saved, more is better ...
    saved_heads: tuple[str, ...] = ()  # ... where the name ends in one of these ("天数", "时间")
    saved_breaks: tuple[str, ...] = ()  # ... and not right before these ("后": "压缩后审批时限")
    limit_heads: tuple[str, ...] = ()  # "周期", "间隔": a period between two things, a limit


class CompiledRows(CompiledModel):
    weight: Decimal | None
    rule_text: str
    decision: str
    select: dict[str, str]
    rule_names: dict[str, str]
    group_methods: dict[str, str]  # a group's word → its method, longest word first (rows.group_methods)
    methods: dict[str, CompiledMethod]
    tiers: dict[str, Tier]
    vocabulary: dict[str, str]
    text_equal_to_target: str | None
    overshoot_threshold: Decimal | None
    strength: tuple[tuple[str, int], ...]  # (word, level), longest word first
    weaker_tier: str | None
    reached_tier: str | None
    no_comparator_zero: str | None
    no_comparator_groups: dict[str, str]
    no_comparator_durations: CompiledDurations | None = None
    no_comparator_lower: str | None = None  # the method of a row named as lower is better ("故障率")
    no_comparator_doubtful: str | None = None  # the method of a row a harm only for a doubtful word of work set aside
    no_comparator_unstated: str | None = None  # the method a bare figure of unstated direction is also read with
    no_comparator_group_exceptions: tuple[str, ...] = ()  # rates to reach ("成本节约率") take no method from their group
    no_comparator_names: tuple[tuple[str, str], ...] = ()  # (name ending, method id), the longest first ("补助标准")
    negated_tier: str | None = None
    strength_levels: int = 0
    # rows.target_words: a worded actual against the target's own words (`TargetWords`)
    target_negations: tuple[str, ...] = ()  # longest first
    target_negated_tier: str | None = None
    none_alike: bool = False
    contained_with: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()  # "了": an actual's, between the target's words ("促进了…发展")
    alike: tuple[frozenset[str], ...] = ()  # phrases saying the same thing ("不高于预算", "未超预算")
    no_answers: tuple[str, ...] = ()  # a phrase starting with one answers nothing
    ranks: tuple[dict[str, int], ...] = ()  # each ranking: word → its rank, 0 the best (words of one rank share it)
    rank_floor_words: tuple[str, ...] = ()  # "及以上", "或", "标准": a target of a rank and these asks for at least it
    yes_no: tuple[frozenset[str], ...] = ()  # (the yes answers, the no answers)
    opposites: tuple[tuple[str, str], ...] = ()  # ("提升", "下降"): changes going opposite ways (rows.strength)
    change_words: tuple[str, ...] = ()  # every word of `opposites`: the changes wording can name
    unchanged: frozenset[str] = frozenset()  # "持平", "零增长": wording saying nothing changed
    hedges: tuple[str, ...] = ()  # "有待", "差距": wording that says the effect is still to come (rows.strength)
    scope_words: tuple[str, ...] = ()  # "全面": an actual's strength only right before the target's change
    reversals: tuple[str, ...] = ()  # "扭转", "遏制": before an opposite change, it was stopped
    forecasts: tuple[str, ...] = ()  # "可", "会": before a strength word, the effect is still to come (rows.strength)
    modal_words: tuple[str, ...] = ()  # "机会", "认可": words ending in one of `forecasts`, which then is none
    prefix_comparators: frozenset[str] = frozenset()  # before a target, they state nothing ("=1次" in Xinjiang's forms)


class CompiledPart(CompiledModel):
    id: str
    name: str
    weight: Decimal
    score: Expression | None
    band_on: Expression | None
    bands: tuple[CompiledBand, ...]
    not_applicable: tuple[CompiledNotApplicable, ...]
    cap_min: Decimal | None
    cap_max: Decimal | None


class CompiledValue(CompiledModel):
    name: str
    label: str
    expr: Expression
    percent: bool = False  # shown as a percentage (ValueDecl.percent)


class Indicator(CompiledModel):
    id: str
    name: str
    group: tuple[str, ...]
    weight: Decimal
    rule_text: str
    description: str
    decision: str
    values: tuple[CompiledValue, ...]
    parts: tuple[CompiledPart, ...]
    cap_min: Decimal | None
    cap_max: Decimal | None
    rounding: int
    single: bool  # True when the file gave no parts: the indicator is its own single part
    weight_adjustable: bool = False


class Deduction(CompiledModel):
    id: str
    name: str
    group: tuple[str, ...]
    per_finding: Decimal
    max_deduction: Decimal | None
    rule_text: str
    description: str


# RuleSet.misprinted_groups by content hash: asked for every sheet printing a subtotal
_MISPRINTED: dict[str, dict[tuple[str, ...], Decimal]] = {}


class RuleSet(CompiledModel):
    """A loaded, validated rule set: what the engine evaluates."""

    info: RuleSetInfo
    path: str
    sha256: str
    groups: tuple[Group, ...]
    inputs: dict[str, InputDecl]
    parameters: dict[str, Parameter]
    indicators: tuple[Indicator, ...]
    deductions: tuple[Deduction, ...]
    checks: tuple[CompiledCheck, ...]
    rows: CompiledRows | None
    reading: Reading
    required_inputs: frozenset[str]  # inputs some indicator's formula reads: missing ones are errors
    grades: tuple[GradeBand, ...]
    tests: tuple[GoldenTest, ...]
    extends: tuple[str, ...]  # the chain of rule sets this one inherits from, nearest first
    resolved: dict  # the resolved rule set as plain data: what the hash is taken over
    # Defects of the source document the rules were transcribed from (a printed group weight that
    # does not add up): the file is valid, and every sheet it scores reports them.
    source_defects: tuple[FileProblem, ...]
    # The sha256 this id@version was released with, where the folder's ledger lists it
    # (`rules.released`): content that no longer has it is said on every sheet it scores.
    released: str | None = None
    # the revision that now scores this version's sheets (`revises`, the last of a chain), set by the
    # library: a sheet naming this version is scored under it, and told (`pipeline.pinned_rules_findings`)
    revised_by: str | None = None
    # Where the fields the cache reads back late (`DEFERRED_FIELDS`, `LAZY_FIELDS`) are kept until
    # first asked for, in a rule set read back from the cache (`defer_bulky_fields`): (the library's
    # pickled `DEFERRED_FIELDS`, this rule set's index in them, its `LAZY_FIELDS` each pickled apart).
    _deferred: tuple[PickledValue, int, dict[str, PickledValue]] | None = None

    def __getattr__(self, name: str):
        # Called only for a name not in the instance: a deferred field, asked for the first time.  One
        # thread at a time: another may have filled it, and ended the deferral, since this lookup began
        # (review HX B1: "no attribute 'reading'" under threads of the web service).
        own = self.__dict__
        with _READING:
            if name in own:
                return own[name]
            deferred = own.get("_deferred")
            if deferred is None:
                raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")
            holder, at, parts = deferred
            if name in parts:
                own[name] = parts[name].value()
            elif name in DEFERRED_FIELDS:
                for field, value in holder.value()[at].items():
                    own.setdefault(field, value)  # a copy (`narrowed`) keeps a deferred field it was given
            else:
                raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")
            return own[name]

    def narrowed(self, **changes) -> RuleSet:
        """A copy with ``changes``, for use in this process (the what-if search's rule set of one indicator): unlike
        `plain.replace`, it leaves the fields kept pickled until first asked for so in the copy too, rather than reading
        back the worked examples and resolved data of every rule set of the library first (0.45 s, on the first
        what-if of each library a server loads).  A field given here is never refilled."""
        unknown = [name for name in changes if name not in self._fields]
        if unknown:
            raise TypeError(f"{type(self).__name__}: unknown field(s) {', '.join(map(repr, unknown))}")
        copy = object.__new__(RuleSet)
        with _READING:
            copy.__dict__.update(self.__dict__)
        copy.__dict__.update(changes)
        return copy

    def _complete(self) -> RuleSet:
        # `plain.replace` and `plain.dump` read the dict: a copy must not refill a field it was given
        own = self.__dict__
        if own.get("_deferred") is not None:
            with _READING:
                if own.get("_deferred") is not None:
                    for name in (*DEFERRED_FIELDS, *LAZY_FIELDS):
                        if name not in own:
                            self.__getattr__(name)
                    own["_deferred"] = None
        return self

    # What reads the fields from the instance's dict reads them complete.
    def __eq__(self, other: object) -> bool:
        if isinstance(other, RuleSet):
            other._complete()
        return super(RuleSet, self._complete()).__eq__(other)

    def __iter__(self):
        return super(RuleSet, self._complete()).__iter__()

    def __repr__(self) -> str:
        return super(RuleSet, self._complete()).__repr__()

    def __str__(self) -> str:
        return super(RuleSet, self._complete()).__str__()

    @property
    def modified_since_release(self) -> bool:
        """Whether this version was released with other content than it has now."""
        return self.released is not None and self.released != self.sha256

    @property
    def unreleased_revision(self) -> bool:
        """Whether this version revises another (`revises`) and is not listed as released: it
        scores the sheets the revised one would, and says so on each."""
        return self.info.revises is not None and self.released is None

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def version(self) -> str:
        return self.info.version

    @property
    def region_path(self) -> tuple[str, ...]:
        """The region as a path from province down; () for national rules."""
        return region_path(self.info.region)

    @property
    def misprinted_groups(self) -> dict[tuple[str, ...], Decimal]:
        """The group headers whose printed weight the rules know to be the source's own error (the
        weights of the indicators under it add up to another), by path: a sheet copying the form
        prints them so ("项目绩效 35" over 44 points of lines)."""
        known = _MISPRINTED.get(self.sha256)
        if known is None:
            known = {}
            for g in self.groups:
                if g.printed_weight is not None:
                    lines = [d.weight for d in self.indicators if tuple(d.group[: len(g.path)]) == tuple(g.path)]
                    if lines and sum(lines, Decimal(0)) != g.printed_weight:
                        known[tuple(g.path)] = g.printed_weight
            if len(_MISPRINTED) < 256:
                _MISPRINTED[self.sha256] = known
        return known

    @property
    def warnings(self) -> tuple[str, ...]:
        """The source defects as `formulas validate` prints them: file, key and message."""
        return tuple(str(p) for p in self.source_defects)

    @property
    def ref(self) -> str:
        """``id@version``, the way users name a rule set."""
        return f"{self.info.id}@{self.info.version}"

    def covers(self, region: tuple[str, ...]) -> bool:
        """Whether a unit in ``region`` (province first) lies in the rule set's region, however
        either writes the names ("新疆" is "新疆维吾尔自治区", "攀枝花" is "攀枝花市")."""
        return region_covers(self.region_path, region)

    def indicator(self, key: str) -> Indicator | None:
        """Find an indicator by id or by its printed Chinese name."""
        for ind in self.indicators:
            if key in (ind.id, ind.name):
                return ind
        return None

    def deduction(self, key: str) -> Deduction | None:
        """Find a deduction item by id or printed name."""
        for item in self.deductions:
            if key in (item.id, item.name):
                return item
        return None


# The fields only `formulas test`, `formulas show` and `formulas diff` read (golden examples, the
# resolved file): half of what the cached library holds, so reading it back in a fresh process
# leaves them pickled until asked for.
DEFERRED_FIELDS = ("tests", "resolved")

# The readings and row rules: most of the rest of the cached library's reading time (their compiled
# patterns are compiled again as they are read), while a command scoring one sheet reads one rule
# set's.  Each distinct value is pickled apart and read back when a rule set first asks for it;
# the rule sets holding one value share the object read.
LAZY_FIELDS = ("reading", "rows")


# Reading a value kept pickled back, in any thread: one at a time, so that its holders share one object
_READING = threading.RLock()


def _unlock_in_child() -> None:
    # A worker forked while another thread of its parent read a value would start with the lock held, by a thread it
    # does not have; it reads the values it shares with its parent (`batch.pool.Inherited`) under a lock of its own.
    global _READING
    _READING = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_unlock_in_child)


class PickledValue:
    """A value kept pickled until first asked for, then read back once: what every holder of it
    shares.  Pickling it again copies the bytes, not the value.  Read back from the rule cache, its
    bytes stay among the entry's until first asked for too (``source``: `cache.entry_value`)."""

    __slots__ = ("_blob", "_value", "_read", "_source")

    def __init__(self, blob: bytes | None, source: tuple | None = None) -> None:
        self._blob = blob
        self._value = None
        self._read = False
        self._source = source  # (where the bytes are, and which): copied out by `blob`

    @classmethod
    def of(cls, value: object) -> PickledValue:
        """``value`` pickled."""
        return cls(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def blob(self) -> bytes:
        """The pickled bytes, copied from where they were left on the first request."""
        blob = self._blob
        if blob is None:
            with _READING:
                if self._blob is None:
                    source, where = self._source
                    self._blob, self._source = source.read(where), None
                blob = self._blob
        return blob

    def value(self):
        """The value, read back on the first request: one object, whichever thread asks first (review HW B2)."""
        if not self._read:
            with _READING:
                if not self._read:
                    self._value = pickle.loads(self.blob())
                    self._read = True
        return self._value

    def __reduce__(self):
        return PickledValue, (self.blob(),)


def defer_bulky_fields(rule_sets: list[RuleSet], pickle_of: Callable[[object], bytes | None] = lambda value: None) -> list[RuleSet]:
    """Copies of ``rule_sets`` that keep `DEFERRED_FIELDS` and `LAZY_FIELDS` pickled until first
    read: what the cache stores.  The copies give the same values as the originals for every field.
    ``pickle_of`` gives the pickle of a value where it is already at hand (`cache.Parts.pickle_of`);
    values whose pickles are equal are equal, and are neither compared nor pickled again."""
    holder = PickledValue.of(_as_pickled([{n: getattr(r, n) for n in DEFERRED_FIELDS} for r in rule_sets], pickle_of))
    # the revisions of a rule set and those built on it mostly read and score rows alike: one object for
    # each distinct value, pickled once (53 rule sets hold 15 readings and 14 row rules)
    distinct: dict[str, list] = {name: [] for name in (*_SHARED_FIELDS, *LAZY_FIELDS)}
    # each value already met by its identity: rule sets read back from a folder's parts, or shared by
    # `library._share_equal_parts`, mostly hold the very same objects, which need no comparing
    known: dict[str, dict[int, int]] = {name: {} for name in distinct}
    # each distinct value by its pickle, where one is at hand (a part the load read back or made): a value whose pickle
    # was met is that value, uncompared; one whose pickle was not is compared as before (equal values may pickle
    # otherwise: a set's order follows the hash seed of the process that pickled it)
    by_pickle: dict[str, dict[bytes, int]] = {name: {} for name in distinct}
    pickled: dict[str, list[PickledValue]] = {name: [] for name in LAZY_FIELDS}
    out = []
    for at, r in enumerate(rule_sets):
        copy = object.__new__(RuleSet)
        copy.__dict__.update((k, v) for k, v in r._complete().__dict__.items() if k not in DEFERRED_FIELDS)
        parts: dict[str, PickledValue] = {}
        for name, seen in distinct.items():
            value = copy.__dict__[name]
            index = known[name].get(id(value))
            blob = None
            if index is None:
                blob = pickle_of(value)
                index = by_pickle[name].get(blob) if blob is not None else None
            if index is None:
                index = next((i for i, v in enumerate(seen) if v == value), None)
            if index is None:
                index = len(seen)
                seen.append(value)
                if name in pickled:
                    pickled[name].append(PickledValue(blob) if blob is not None else PickledValue.of(value))
            if blob is not None:
                by_pickle[name].setdefault(blob, index)
            known[name][id(value)] = index  # (every value stays alive, in ``rule_sets``, while ids are kept)
            if name in pickled:
                del copy.__dict__[name]
                parts[name] = pickled[name][index]
            else:
                copy.__dict__[name] = seen[index]
        copy.__dict__["_deferred"] = (holder, at, parts)
        out.append(copy)
    return out


class _Pickle:
    """A value whose pickle is at hand, pickled as those bytes: read back, it is the value again."""

    __slots__ = ("blob",)

    def __init__(self, blob: bytes) -> None:
        self.blob = blob

    def __reduce__(self):
        return pickle.loads, (self.blob,)


def _as_pickled(deferred: list[dict], pickle_of: Callable[[object], bytes | None]) -> list[dict]:
    """The `DEFERRED_FIELDS` of each rule set with each value, and each section of the resolved data, whose pickle
    is at hand (`shareable_parts`) put as that pickle: copying their bytes is a fraction of pickling the values, most
    of keeping a folder's library after one of its files changed.  One `_Pickle` for each distinct pickle: read
    back, the rule sets holding it share one object, as they did."""
    made: dict[bytes, _Pickle] = {}

    def one(value):
        blob = pickle_of(value)
        if blob is None:
            return value
        found = made.get(blob)
        if found is None:
            found = made[blob] = _Pickle(blob)
        return found

    out = []
    for fields in deferred:
        fields = {name: one(value) for name, value in fields.items()}
        resolved = fields.get("resolved")
        if isinstance(resolved, dict):
            fields["resolved"] = {k: one(v) for k, v in resolved.items()}
        out.append(fields)
    return out


# Fields many rule sets hold equal values of, kept as one object each (`defer_bulky_fields`)
_SHARED_FIELDS = ("indicators", "checks", "inputs", "grades", "groups", "parameters", "deductions")


def shareable_parts(rule_set: RuleSet) -> list:
    """The parts of a compiled rule set that the revisions of one rule set, and the rule sets built on one parent,
    mostly hold equal: its readings, row rules, worked examples and the fields of `_SHARED_FIELDS`, and each
    section of its resolved data.  A folder's parts keep each once (`cache.Parts`), as the library shares
    most of them (`library._share_equal_parts`, `defer_bulky_fields`): never changed once compiled, so holders
    may share one object."""
    own = rule_set.__dict__
    found = [own.get(name) for name in (*LAZY_FIELDS, "tests", *_SHARED_FIELDS)]
    resolved = own.get("resolved")
    if isinstance(resolved, dict):
        found += [v for k, v in resolved.items() if k != "rule_set" and isinstance(v, (dict, list))]
    # (not None, nor an empty tuple: one object everywhere already)
    return [value for value in found if value is not None and not (isinstance(value, (tuple, list, dict)) and not value)]


def region_path(region: str | list[str]) -> tuple[str, ...]:
    """Normalise a rule file's region: "全国" or [] → (); "四川省" → ("四川省",)."""
    if isinstance(region, str):
        return () if region in ("全国", "") else (region,)
    return tuple(r for r in region if r not in ("全国", ""))


# Endings an administrative name may be written with or without: "新疆维吾尔自治区" is "新疆" and
# "四川省" "四川".  Counties' 县/区 stay: "朝阳区" and "朝阳县" are different places.
_REGION_ENDINGS = ("维吾尔族自治区", "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def region_covers(path: tuple[str, ...], region: tuple[str, ...]) -> bool:
    """Whether a unit in ``region`` lies in the region ``path`` (both province first)."""
    return len(region) >= len(path) and all(region_key(a) == region_key(b) for a, b in zip(region, path))


def region_key(name: str) -> str:
    """A region's name without the ending it may be written with or without."""
    name = "".join(name.split())
    for ending in _REGION_ENDINGS:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            return name[: -len(ending)]
    return name


def required_inputs(indicators: list[Indicator], inputs: dict) -> frozenset[str]:
    """The inputs some indicator's formula reads (directly or through its intermediate values).

    An input only a consistency check reads, or none reads (年初预算数 on the national form), is
    not required: a sheet that leaves it out has lost nothing the rules score.
    """
    names: set[str] = set()
    for ind in indicators:
        exprs = [v.expr for v in ind.values]
        for part in ind.parts:
            exprs += [e for e in (part.score, part.band_on) if e is not None]
            for band in part.bands:
                exprs += [e for e in (band.lower, band.upper, band.score) if e is not None]
            for na in part.not_applicable:
                exprs += [e for e in (na.when, na.score) if e is not None]
        for e in exprs:
            names |= e.names
    return frozenset(n for n in names if n in inputs)
