"""The review of a case: each sheet under the rules chosen for it, scored on the traced path and
compared with its claims, with the findings about the choice of rules — what `score`, `diff`,
`explain`, the web app and a batch report show."""

from __future__ import annotations

import functools
from pathlib import Path

from ..cases.load import load_case
from ..cases.model import Case, Sheet
from ..engine.engine import Engine
from ..engine.figures import read_figures
from ..engine.results import CaseReport, SheetDiff
from ..engine.row_structure import indicator_rows
from ..errors import ScoringError
from ..findings import Finding, finding
from ..regions import PROVINCES
from ..rules.library import RuleLibrary, unrevised
from ..rules.model import RuleSet, region_key
from ..rules.released import modified_message
from .compare import diff_sheet


def report_case(
    path: Path | str, library: RuleLibrary, engine: Engine | None = None,
    rules_override: str | None = None, expect_hashes: list[str] | None = None,
) -> CaseReport:
    """Load a case file and score and compare every sheet in it. Raises ScoringError if unusable."""
    case, shown = load_case(path)
    return report_loaded(case, shown, library, engine or Engine(), rules_override, expect_hashes)


def choose_rules(library: RuleLibrary, case: Case, sheet: Sheet, rules_override: str | None = None) -> RuleSet:
    """The rule set a sheet is scored under: ``--rules`` if given, else the sheet's own ``rules``,
    else the one in effect for the case's region and year and the sheet's type."""
    ref = rules_override or sheet.rules
    if ref:
        return library.find(ref, case.case.year, case.case.evaluated)
    rules = library.select(case.case.region, case.case.year, sheet.sheet_type, case.case.evaluated)
    _figures_of_other_rules(library, sheet, rules, case.case.year)
    return rules


def _figures_of_other_rules(library: RuleLibrary, sheet: Sheet, rules: RuleSet, year: int | None) -> None:
    """A sheet whose figures are mostly another rule set's of its form (Sichuan's figures on a 2025
    sheet, when Sichuan's rules cover 2024 only) is refused in one sentence naming that rule set and
    what it covers, rather than with a line for every figure the chosen rules do not know."""
    unknown = [name for name in sheet.inputs if name not in rules.inputs]
    if not unknown or 2 * len(unknown) <= len(sheet.inputs):
        return
    # of a version and its revision, the revision: the one such a sheet would be scored under; a case
    # table's columns may name the figures by their labels (review ES B1) — the chosen rules' own labels
    # too, which are theirs however many other rule sets print them alike (review EU A1)
    from ..cases.table import input_headers, label_key  # the table reader loads the case schema: only on this path

    own = input_headers(rules)
    unknown = [name for name in unknown if label_key(name) not in own]
    if not unknown or 2 * len(unknown) <= len(sheet.inputs):
        return
    owner = ids = None
    for r in unrevised(library.rule_sets):
        if r is rules or not r.info.names_sheet_type(sheet.sheet_type or ""):
            continue
        headers = input_headers(r)
        ids = {name: name if name in r.inputs else headers.get(label_key(name)) for name in sheet.inputs}
        if None not in ids.values():
            owner = r
            break
    if owner is None:
        return
    raise ScoringError(
        f"本表的数字（{'、'.join(f'“{owner.inputs[ids[name]].label}”' for name in unknown[:3])}{'等' if len(unknown) > 3 else ''}"
        f"共 {len(unknown)} 项）是规则集 {owner.ref}"
        f"（{'/'.join(owner.region_path) or '全国'}，{_years(owner)}）所用的，而按本单位的地区和 {year if year is not None else '未写明的'} 年度"
        f"选用的是 {rules.ref}：{owner.ref} 不适用于本表。请核对年度和地区，或写明所用规则（案例文件中 rules = \"ID@版本\"，案例表中“规则”列）"
    )


def sheet_rules(library: RuleLibrary, case: Case, sheet: Sheet, where: str, rules_override: str | None = None) -> RuleSet:
    """`choose_rules`, with the sheet named in the error when no rule set can be chosen."""
    try:
        return choose_rules(library, case, sheet, rules_override)
    except ScoringError as exc:
        raise ScoringError(f"{where}: 规则：{exc}") from None


def pin_findings(case: Case, sheet: Sheet, rules: RuleSet, where: str, override: bool, library: RuleLibrary) -> list[Finding]:
    """Rules named by the case (or ``--rules``) that were written for another region or another
    year still score the sheet, with a warning: the choice is the user's, but it is visible.  Rules
    chosen by region and year that are of a broader region than its own form's rules, because
    those do not govern its year, are said too (`fallback_findings`)."""
    if not (override or sheet.rules):
        return fallback_findings(library, tuple(case.case.region), case.case.year, sheet.sheet_type, rules, where)
    return pinned_rules_findings(tuple(case.case.region), case.case.year, case.case.evaluated, sheet.sheet_type, rules, where, override)


def fallback_findings(library: RuleLibrary, region: tuple[str, ...], year: int | None, sheet_type: str | None, rules: RuleSet,
                      where: str) -> list[Finding]:
    """A sheet scored under rules of a broader region than rule sets of its form that cover its
    unit but not its year: a warning naming them and the years they govern where the sheet is of
    a later year than they govern (Hunan's 2024 rules, a 2025 sheet: its province's rules for
    that year are likely missing from the folder), a note where it is of an earlier one (a 2023
    Sichuan sheet, before Sichuan's own rules).  Where no rule set of the form covers the unit, a
    warning if its province is written nearly as one some rule set covers (胡南省 beside 湖南省)."""
    own = library.narrower_rules(region, sheet_type, rules) if sheet_type else ()
    if not own:
        near = library.near_regions(region, sheet_type, rules) if sheet_type else ()
        if near:
            # "胡南省": a province written nearly as one whose rules exist, scored under broader rules
            return [finding(
                "rules_fallback", f"地区“{region[0]}”与规则集 {'、'.join(r.ref for r in near)} 的地区“{near[0].region_path[0]}”相近，是否写错了？"
                f"本表按 {rules.ref}（{'/'.join(rules.region_path) or '全国'}）计分", f"{where}.rules",
            )]
        provincial = library.provincial_rules(sheet_type, rules) if sheet_type and region and not rules.region_path else ()
        if provincial and region_key(region[0]) not in PROVINCES and region[0] != "全国":
            # "伊犁哈萨克自治州/伊宁市": a region not written from its province cannot select a province's rules
            places = "、".join(dict.fromkeys(r.region_path[0] for r in provincial))
            return [finding(
                "rules_fallback", f"地区“{'/'.join(region)}”不是从省级行政区写起的，无法判断是否适用{places}等地的规则，本表按 {rules.ref}（全国）计分；"
                f"请在地区中写明所在省份", f"{where}.rules",
            )]
    if not own or year is None:
        return []
    place = "/".join(own[0].region_path)
    told = f"{place}的规则集 {'、'.join(f'{r.ref}（{_years(r)}）' for r in own)}不适用于 {year} 年度，本表按 {rules.ref}（{'/'.join(rules.region_path) or '全国'}）计分"
    if all(r.info.effective_from.year > year for r in own):
        return [finding("rules_fallback", told, f"{where}.rules", "info")]
    return [finding("rules_fallback", f"{told}；如 {place} 已有 {year} 年度的规则，请将其规则文件加入规则目录", f"{where}.rules")]


def pinned_rules_findings(region: tuple[str, ...], year: int | None, evaluated, sheet_type: str | None, rules: RuleSet,
                          where: str, override: bool) -> list[Finding]:
    """`pin_findings` on the plain values of a sheet whose rules were named."""
    # a sheet names its rules in a case file's sheet and in a workbook's template alike ("案例" read
    # as a file she never wrote, review CC B1)
    how = "命令行 --rules " if override else "本表"
    out = []
    if not rules.covers(tuple(region)):
        out.append(finding(
            "rules_other_region", f"{how}指定的规则集 {rules.ref} 适用于 {'/'.join(rules.region_path)}，而本单位在 {'/'.join(region)}", f"{where}.rules",
        ))
    if year is not None and not rules.info.governs_fiscal_year(year):
        out.append(finding(
            "rules_other_year", f"{how}指定的规则集 {rules.ref} 不适用于 {year} 年度（{_years(rules)}）：请核对表中的年度", f"{where}.rules",
        ))
    if evaluated is not None and evaluated < rules.info.effective_from:
        out.append(finding(
            "rules_other_year", f"{how}指定的规则集 {rules.ref} 自 {rules.info.effective_from} 起施行，晚于评价日期 {evaluated}", f"{where}.rules",
        ))
    if sheet_type and not rules.info.names_sheet_type(sheet_type):
        out.append(finding(
            "rules_other_sheet_type", f"表类型为“{sheet_type}”，{how}指定的规则集 {rules.ref} 是“{rules.info.sheet_type}”的规则", f"{where}.rules",
        ))
    if rules.revised_by is not None:
        # a template made, or a case written, before the revision: its sheets still name the old version
        out.append(finding("rules_superseded", _superseded(how, rules.ref, rules.revised_by, rules.id), f"{where}.rules"))
    return out


@functools.lru_cache(maxsize=64)
def _superseded(how: str, ref: str, revised_by: str, rule_id: str) -> str:
    # one text for every sheet of a batch naming the old version: a million rows keep one copy
    # what to do where the version is named: a case file's or a case table's 规则, or a template made before (review CD C1)
    return (f"{how}指定的规则集 {ref} 已由 {revised_by} 修订（改正了其中的错误），本表仍按 {ref} 计分；"
            f"按修订后的规则复核：把所指定的规则改为 {revised_by}（或只写 {rule_id}），用填报模板填写的请重新生成模板再填")


def _years(rules: RuleSet) -> str:
    fy = rules.info.fiscal_years
    if fy is not None:
        return f"适用 {fy.first}～{fy.last or ''} 年度"
    return f"有效期 {rules.info.effective_from}～{rules.info.effective_to or ''}"


def year_unknown(rules: RuleSet, where: str) -> Finding:
    """A sheet of a case without a year, scored under the one rule set that could apply."""
    return finding("year_unknown", f"案例未写明年度：按唯一可能适用的规则集 {rules.ref} 计分；未写年份的日期无法读取", f"{where}.year")


def release_findings(rules: RuleSet, where: str) -> list[Finding]:
    """A released version whose content has changed since (`rules.released`): its scores are not
    the released rules' scores, however they are labelled; or a revision not yet released."""
    if rules.unreleased_revision:
        # a draft correction takes the revised version's sheets at once: said, so it is never silent
        return [finding("rules_revision", f"本表按规则集 {rules.ref} 计分：它是 {rules.info.revises} 的修订版本，尚未登记发布"
                                          f"（{rules.info.revises} 仍可用 --rules 指明）", f"{where}.rules")]
    if not rules.modified_since_release:
        return []
    return [finding("rules_modified", modified_message(rules.ref, rules.released, rules.sha256), f"{where}.rules")]


def rule_source_findings(rules: RuleSet) -> list[Finding]:
    """The rule set's own source defects (a printed group weight that does not add up), on every sheet it scores."""
    defects = rules.source_defects
    if len(defects) <= 1:
        return [finding("rule_source_defect", p.message, rules.path) for p in defects]
    # about the province's printed form, known and handled by the rules: one line on a unit's result,
    # not one per header (review CC C1: six of them read as faults of her own file)
    first = defects[0].message.split("（来源文件自身的错误")[0]
    return [finding("rule_source_defect", f"计分规则所依据的来源文件自身有 {len(defects)} 处错误（如：{first}），"
                                          "规则文件已逐条注明并按其处理，不影响本表计分", rules.path)]


def report_loaded(
    case: Case, path: str, library: RuleLibrary, engine: Engine,
    rules_override: str | None = None, expect_hashes: list[str] | None = None,
) -> CaseReport:
    """Score and compare an already loaded case. With ``expect_hashes``, refuse (ScoringError)
    any sheet whose rule set's sha256 does not start with one of them.

    A sheet that cannot be used (no rule set for it, a key its rules do not know) is refused
    alone, as a `sheet_refused` error naming why, and the case's other sheets are still scored;
    ScoringError only when no sheet can be."""
    findings: list[Finding] = []
    # sheets the file holds that could not be read at all (`cases.load.validated_case`)
    refused: list[Finding] = [finding("sheet_refused", why, f"{path}#{sheet_id}") for sheet_id, why in case._refused]
    first: ScoringError | None = None
    sheets = []
    lines = {}
    for sheet in case.sheets:
        where = f"{path}#{sheet.id}"
        rules = _checked_rules(library, case, sheet, where, rules_override, expect_hashes)
        try:
            if rules is None:
                rules = sheet_rules(library, case, sheet, where, rules_override)
            sheet_diff, placed = _report_sheet(case, sheet, rules, where, library, engine, rules_override)
        except ScoringError as exc:
            if len(case.sheets) == 1 and not case._refused:
                raise
            first = first or exc
            said = str(exc)
            refused.append(finding("sheet_refused", said[len(where) + 2:] if said.startswith(where + ": ") else said, where))
            continue
        if placed is not None:
            lines[where] = placed
        if case._read_notes and not sheets:
            # how a published sheet's cells were read, where it assumed or left something out
            # (`cases.published`): its one sheet's, as a batch's summary row counts them
            sheet_diff.findings[:0] = [finding("published_reading", note, where) for note in case._read_notes]
        findings.extend(sheet_diff.findings)
        sheets.append(sheet_diff)
    if not sheets and first is not None:
        raise first
    return CaseReport(case.case.id, case.case.unit, path, sheets, refused + findings, lines)


def _checked_rules(library: RuleLibrary, case: Case, sheet: Sheet, where: str, rules_override: str | None,
                   expect_hashes: list[str] | None) -> RuleSet | None:
    """With ``expect_hashes``, the sheet's rules, refusing the whole case (ScoringError) when their
    hash is not one expected: a changed rule file stops the command, it is not one sheet's matter."""
    if expect_hashes is None:
        return None
    rules = sheet_rules(library, case, sheet, where, rules_override)
    if not any(rules.sha256.startswith(h.lower()) for h in expect_hashes):
        raise ScoringError(
            f"{where}: 规则已变更：{rules.ref} 现在的 sha256 为 {rules.sha256}，与 --expect-hash 指定的 "
            f"{'、'.join(expect_hashes)} 不符；拒绝计分。请核对规则文件的改动（scoring formulas diff），确认后更新所记录的哈希"
        )
    return rules


def _report_sheet(case: Case, sheet: Sheet, rules: RuleSet, where: str, library: RuleLibrary, engine: Engine,
                  rules_override: str | None) -> tuple[SheetDiff, tuple | None]:
    """One sheet scored and compared, with its findings; and where a workbook's sheet was read
    from (`Sheet._lines`), as `CaseReport.lines` keeps it."""
    read_from = sheet._lines
    if rules_override is not None and sheet.sheet_type and not rules.info.names_sheet_type(sheet.sheet_type):
        # --rules is for the sheets of its form: another form's sheet given a verdict under it would
        # look authoritative and mean nothing (a case's own rules = "…" is its author's choice, kept)
        raise ScoringError(f"{where}: 命令行 --rules 指定的规则集 {rules.ref} 是“{rules.info.sheet_type}”的规则，本表是“{sheet.sheet_type}”：不按它计分")
    sheet = read_figures(sheet, rules, where)
    sheet, folded = indicator_rows(sheet, rules, where)
    placed = None
    if read_from is not None:
        worksheet, rows = read_from
        if folded:  # rows were taken out: a row's number no longer names its line
            rows = {k: v for k, v in rows.items() if not (k.startswith("rows[") or k.startswith("row"))}
        placed = (worksheet, rows)
    result = engine.score_sheet(sheet, rules, where, case.case.year)
    own = pin_findings(case, sheet, rules, where, rules_override is not None, library) + release_findings(rules, where) + folded + list(result.findings)
    if case.case.year is None:
        own.insert(0, year_unknown(rules, where))
    own.extend(rule_source_findings(rules))
    sheet_diff = diff_sheet(result, sheet, where, own)
    sheet_diff.findings = own
    return sheet_diff, placed
