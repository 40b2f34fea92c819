"""A batch's summary row of one scored sheet, kept small: a batch may hold a million of them.

Both evaluation paths give it: `summary_of` from a traced `SheetDiff`, `engine.lean.lean_summary` from
the lean path; the two are the same, field for field (tests/test_lean.py).
"""

from __future__ import annotations

import copyreg
from dataclasses import dataclass, fields
from decimal import Decimal
from operator import attrgetter

from ..engine.results import SheetDiff
from ..findings import SEVERITY_ORDER
from ..regions import FULL_NAMES
from ..review.grades import span_text
from ..rules.model import region_key

# From the most to the least alarming: a sheet's worst status is the first of these it has.
STATUS_RANK = {"invalid": 0, "over": 1, "unverifiable": 2, "incomplete": 3, "under": 4, "unclaimed": 5, "match": 6}
DIFFERING = frozenset({"over", "under", "invalid"})


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator whose claim differs from the rules, as the report explains it."""

    name: str
    weight: str
    claimed: str
    computed: str
    delta: str
    status: str
    reason: str


@dataclass(slots=True)
class SheetSummary:
    """One scored sheet, kept small: a batch may hold a million of these."""

    path: str
    case_id: str
    unit: str
    sheet_id: str
    title: str
    rules: str  # id@version
    sha256: str
    claimed: Decimal | None
    computed: Decimal | None
    delta: Decimal | None  # claimed − computed total
    total_status: str
    worst_status: str
    worst_severity: str | None  # error | warning | info | None
    errors: int
    warnings: int
    infos: int
    unverified_weight: Decimal
    findings: tuple[tuple[str, str, str, str], ...]  # (severity, code, message, where), errors and warnings only
    grade: str = ""  # the grade (or range of grades) the rules give, "良～优"
    claimed_grade: str = ""
    region: str = ""  # 地区, its parts joined by "/" (`region_text`), and the fiscal year: to sort and filter by
    year: int | None = None
    grades: tuple[str, ...] = ()  # every grade in that range, lowest first: ("中", "良", "优") for "中～优"
    differing: bool = False  # some line's claim is over, under or invalid: the report explains it
    line: int = 0  # the table line the sheet was read from (0: a case file)
    details: tuple[IndicatorLine, ...] = ()  # filled only by `summarize(..., details=True)`
    order: int = 0  # position in the input; ties in the sort keep it

    def __reduce__(self) -> tuple:
        # A batch sends every summary from its worker to the parent: pickled as the tuple of its
        # fields, a summary costs each side a third of what the dataclass's own state does.
        # (A subclass may have fields of its own: it is pickled as dataclasses pickle it.)
        if type(self) is not SheetSummary:
            return (copyreg.__newobj__, (type(self),), self.__getstate__())
        return (SheetSummary, _summary_fields(self))


_summary_fields = attrgetter(*(f.name for f in fields(SheetSummary)))
# where a summary's fields hold a Decimal or None
NUMBERS_AT = tuple(i for i, f in enumerate(fields(SheetSummary)) if f.name in ("claimed", "computed", "delta", "unverified_weight"))


class Packed(list):
    """Summaries as a worker sends them to the parent (`pack`): each the list of its fields, its
    numbers written out.  Pickled so, a block's summaries cost the worker a third of what they do
    as objects and the parent a fifth: no reduce call per summary, no Decimal made again from its
    text per number (the parent makes each written number once: `batch.run._Shared`)."""

    __slots__ = ()


def pack(sheets: list[SheetSummary]) -> Packed | list[SheetSummary]:
    """``sheets`` as a `Packed` list to send; as they are when one is not a plain `SheetSummary`."""
    packed = Packed()
    for s in sheets:
        if type(s) is not SheetSummary:
            return sheets
        row = list(_summary_fields(s))
        for i in NUMBERS_AT:
            if row[i].__class__ is Decimal:
                row[i] = str(row[i])  # written as it was: Decimal(str(x)) is x, exponent and sign too
        packed.append(row)
    return packed


def worst_status(statuses) -> str:
    """The most alarming of a sheet's statuses (its lines' and its total's)."""
    present = set(statuses)  # a sheet's twenty lines have two or three statuses among them
    for status in _RANKED:
        if status in present:
            return status
    return min(statuses, key=STATUS_RANK.__getitem__)  # none: raises as an unknown status does


_RANKED = tuple(sorted(STATUS_RANK, key=STATUS_RANK.__getitem__))


def by_severity(finding) -> int:
    """Sort key of findings: errors, then warnings, then infos (stable within each)."""
    return SEVERITY_ORDER[finding.severity]


def region_text(parts) -> str:
    """A region's parts as a summary shows them: "四川省/遂宁市/安居区", the province by its full name
    however it was written ("四川/遂宁市" is "四川省/遂宁市")."""
    parts = list(parts)
    if parts:
        # only a province-level name, short or in full: "吉林市" is a city and "海南藏族自治州" a
        # prefecture of 青海, written first without their province (review CE B4)
        full = FULL_NAMES.get(region_key(parts[0]))
        if full is not None and parts[0] in (full, region_key(parts[0])):
            parts[0] = full
    return "/".join(parts)


def summary_of(path: str, case_id: str, unit: str, sd: SheetDiff, line: int = 0, region: str = "", year: int | None = None) -> SheetSummary:
    """The summary row of one sheet scored on the traced path (``line``: of the table it was read
    from; ``region`` (`region_text`) and ``year``: the case's)."""
    total = sd.total.comparison
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in sd.findings:
        counts[f.severity] += 1
    worst = min((f.severity for f in sd.findings), key=SEVERITY_ORDER.__getitem__, default=None)
    rules = sd.sheet.rules
    return SheetSummary(
        path=path,
        case_id=case_id,
        unit=unit,
        sheet_id=sd.sheet.id,
        title=sd.sheet.title,
        rules=f"{rules.id}@{rules.version}",
        sha256=rules.sha256,
        claimed=total.claimed,
        computed=total.computed,
        delta=total.delta if total.claimed is not None else None,
        total_status=total.status,
        worst_status=worst_status([r.comparison.status for r in sd.indicators] + [total.status]),
        worst_severity=worst,
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
        unverified_weight=sd.total.unverified_weight,
        grade=span_text(sd.total.grades),
        claimed_grade=sd.total.claimed_grade or "",
        region=region,
        year=year,
        grades=sd.total.grades,
        differing=any(r.comparison.status in DIFFERING for r in sd.indicators),
        line=line,
        findings=tuple(
            (f.severity, f.code, f.message, f.where)
            for f in sorted(sd.findings, key=by_severity)
            if f.severity != "info"
        ),
    )
