"""The web app's only door into the engine: loading rules, reading submissions, scoring, what-if,
explanations and downloads.  Routes and storage never import engine modules themselves, so a
reorganisation of the engine only re-points the imports here.

Everything returned is plain data (dicts, lists, strings; numbers as decimal strings), ready for
JSON, templates and the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from ..batch.collect import Problem
from ..batch.run import BatchResult, not_a_case, sort_key
from ..batch.summary import DIFFERING, IndicatorLine, SheetSummary, region_text
from ..cases.load import load_case
from ..cases.model import Case, Figure, region_parts
from ..cases.schema import validate_case
from ..cases.table import TableProblem, TableRow, known_labels, not_a_sheet, read_table, row_to_case
from ..engine.engine import Engine
from ..engine.lean import LeanEngine, lean_summary
from ..engine.results import CaseReport, SheetDiff
from ..errors import FileError, ScoringError
from ..files.archive import ZipBounds, clean_name, zip_members
from ..files.reading import reword_path
from ..numbers import NumberError, fmt, is_too_large, to_decimal, written_year
from ..output.data import report_dict
from ..output.docx import batch_review, docx_bytes
from ..output.formats import CaseOutput, render_case, writer
from ..output.html_report import grade_table
from ..output.labels import SEVERITY_LABELS, STATUS_LABELS, delta_text
from ..output.reasons import deduction_reason, deduction_status, line_reason
from ..output.rule_set import render_rule_set
from ..output.svg_charts import dumbbells, histogram, scatter
from ..output.text import render_explain
from ..plain import dump, dump_json, replace
from ..problems import pydantic_problems
from ..review.pipeline import choose_rules, report_loaded, sheet_rules
from ..rules.changes import diff_rule_sets
from ..rules.library import RuleLibrary, default_rules_dir, load_rule_dir, unrevised
from ..rules.model import RuleSet

CASE_SUFFIXES = (".toml", ".json", ".xlsx")


# -- rules -------------------------------------------------------------------------------------


class Rules:
    """The rule library of a folder, reloaded when any rule file in it changes (so "the rules now
    in effect" are always those on disk, without restarting the server)."""

    def __init__(self, directory: Path | str | None = None):
        self.directory = None if directory is None else Path(directory)
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._library: RuleLibrary | None = None

    def public(self, message: str) -> str:
        """A message for a browser without the server's folders in it (`without_folder`)."""
        return without_folder(message, self.directory or default_rules_dir())

    def _fingerprint(self) -> tuple:
        folder = self.directory or default_rules_dir()
        entries = []
        for path in sorted(Path(folder).rglob("*.toml")):
            try:
                st = path.stat()
            except OSError:
                continue
            entries.append((str(path), st.st_mtime_ns, st.st_size))
        return tuple(entries)

    def library(self) -> RuleLibrary:
        """The library as the files are now.  Raises ScoringError if the folder is unusable."""
        stamp = self._fingerprint()
        with self._lock:
            if self._library is None or stamp != self._stamp:
                self._library = load_rule_dir(self.directory, read_every_file=True)  # it lists every rule set
                self._stamp = stamp
            return self._library


def rule_choices(library: RuleLibrary) -> list[dict]:
    """Every rule set a sheet is scored under, for the chooser: region, sheet type, years in
    effect.  A version another revises is left out (review CC A5: listed first, under the same
    name, it scored her figures without the revision's checks); its page and `/fill/ID@VERSION`
    still show it, saying it was revised."""
    out = []
    for r in sorted(unrevised(library.rule_sets), key=lambda r: (r.info.sheet_type, r.region_path, r.id, r.version)):
        out.append({
            "ref": r.ref, "id": r.id, "version": r.version, "title": r.info.title,
            "region": "/".join(r.region_path) or "全国", "sheet_type": r.info.sheet_type,
            "from": r.info.effective_from.isoformat(), "to": r.info.effective_to.isoformat() if r.info.effective_to else "",
            "sha256": r.sha256, "rows": r.rows is not None,
        })
    return out


def grade_labels(rule_sets: Iterable[RuleSet]) -> list[str]:
    """The result grades the rule sets declare, best first ("优", "良", "中", "差")."""
    labels: list[str] = []
    for rule_set in rule_sets:
        for band in sorted(rule_set.grades, key=lambda b: (b.lower is None, -(b.lower or 0))):
            if band.label not in labels:
                labels.append(band.label)
    return labels


def form_model(rule_set: RuleSet) -> dict:
    """What the fill-in form shows for a rule set: the figures, the indicator lines (with the
    weights a sheet may print otherwise), the deduction items, the result grades, and whether the
    sheet has target/actual rows (and the 赋分规则 they may name)."""
    return {
        "ref": rule_set.ref,
        "title": rule_set.info.title,
        "sheet_type": rule_set.info.sheet_type,
        "region": list(rule_set.region_path),
        "year": rule_set.info.sole_fiscal_year,
        "total": fmt(rule_set.info.total),
        "sha256": rule_set.sha256,
        "inputs": [
            {"name": n, "label": d.label, "unit": d.unit, "type": d.type, "notes": d.notes,
             "default": None if d.default is None else (d.default if isinstance(d.default, bool) else fmt(d.default))}
            for n, d in rule_set.inputs.items()
        ],
        "indicators": [
            {"id": i.id, "name": i.name, "group": list(i.group), "weight": fmt(i.weight), "rule_text": i.rule_text,
             "adjustable": i.weight_adjustable}
            for i in rule_set.indicators
        ],
        "deductions": [
            {"id": d.id, "name": d.name, "group": list(d.group), "per_finding": fmt(d.per_finding), "rule_text": d.rule_text}
            for d in rule_set.deductions
        ],
        "grades": grade_labels([rule_set]),
        "rows": rule_set.rows is not None,
        "row_rule_text": rule_set.rows.rule_text if rule_set.rows is not None else "",
        "rule_names": list(rule_set.rows.rule_names) if rule_set.rows is not None else [],
    }


# -- the form ----------------------------------------------------------------------------------


class FormError(Exception):
    """What is wrong with the form, as messages for the person filling it."""

    def __init__(self, messages: list[str]):
        super().__init__("；".join(messages))
        self.messages = messages


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _mapping(data: dict, key: str) -> dict:
    # what a script sent is not trusted to have the shape the page's own script gives it
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def case_from_form(data: dict, library: RuleLibrary, with_others: bool = False) -> tuple[Case, RuleSet]:
    """The case the form describes, validated like a case file; raises FormError.  Its first sheet
    is the one in the form; with ``with_others``, an opened file's other sheets (carried by the form,
    not shown) stand where they stood in the file — a download never drops them."""
    if not isinstance(data, dict):
        raise FormError(["表单数据格式不正确"])
    try:
        # a lone surrogate ("\ud800", a broken emoji pasted) is valid JSON but no text: every output
        # would fail on it (review DZ A2: HTTP 500), as a JSON case file is refused for it
        json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        raise FormError(["表单中含有无效的字符（孤立的代理码点，如粘贴进来的残缺表情符号），请删除后重新输入"]) from None
    except RecursionError:
        raise FormError(["表单数据嵌套过深，无法读取"]) from None
    ref = _text(data.get("rules"))
    try:
        rule_set = library.find(ref)
    except ScoringError as exc:
        raise FormError([str(exc)]) from None
    messages = []
    year = None  # left blank: the sheet does not print its fiscal year (scored, with a warning, as a case file is)
    if _text(data.get("year")):
        try:
            year = year_of(_text(data.get("year")))
        except ScoringError as exc:
            messages.append(str(exc))
    region = region_parts(_text(data.get("region"))) or list(rule_set.region_path) or ["全国"]
    evaluated = _text(data.get("evaluated"))
    if evaluated:
        try:
            dt.date.fromisoformat(evaluated)
        except ValueError:
            messages.append(f"填报日期应为“年-月-日”，如 2025-03-31，得到“{evaluated}”")
    sheet_id = _text(data.get("sheet_id"))
    sheet: dict = {"id": sheet_id if re.fullmatch(r"[A-Za-z0-9_.-]+", sheet_id) else "sheet",
                   "title": _text(data.get("title")) or rule_set.info.sheet_type, "rules": rule_set.ref}
    for key in SHEET_HEAD:
        if _text(data.get(key)):
            sheet[key] = _text(data.get(key))
    if data.get("complete") is False:
        sheet["complete"] = False  # a transcription of part of the sheet, carried from an opened case file
    inputs = {}
    for name, fig in _mapping(data, "inputs").items():
        if not isinstance(fig, dict) or name not in rule_set.inputs:
            continue
        if fig.get("undisclosed"):
            inputs[name] = {"undisclosed": True}
            continue
        value = _text(fig.get("value"))
        if value == "":
            continue
        if rule_set.inputs[name].type == "flag":
            inputs[name] = {"value": value in ("是", "true", "1")}
        else:
            inputs[name] = {"value": value}
    sheet["inputs"] = inputs
    sheet["claims"] = {k: {"score": _text(v)} for k, v in _mapping(data, "claims").items() if _text(v)}
    sheet["findings"] = {k: {"value": _text(v)} for k, v in _mapping(data, "findings").items() if _text(v)}
    if _text(data.get("claimed_total")):
        sheet["claimed_total"] = {"score": _text(data.get("claimed_total"))}
    if _text(data.get("claimed_grade")):
        sheet["claimed_grade"] = {"grade": _text(data.get("claimed_grade"))}
    # the weights the sheet prints, where it prints another than the rules' (blank: as the rules)
    sheet["weights"] = {k: _text(v) for k, v in _mapping(data, "weights").items() if _text(v)}
    rows = []
    for row in data.get("rows") if isinstance(data.get("rows"), list) else []:
        if not isinstance(row, dict) or not any(_text(row.get(key)) for key in (*ROW_LABELS, "group1", "group2")):
            continue
        entry = {"name": _text(row.get("name")), "group": [g for g in (_text(row.get("group1")), _text(row.get("group2"))) if g]}
        for key in ("nature", "rule", "target", "unit", "actual", "weight", "claimed", *ROW_CARRIED):
            if _text(row.get(key)):
                entry[key] = _text(row.get(key))
        rows.append(entry)
    ids = {row["id"] for row in rows if row.get("id")}
    for row in rows:
        if row.get("part_of") and row["part_of"] not in ids:
            # its parent row was deleted in the form: the row stands on its own ("其中…" rows are
            # still taken as the parts of the row above them, as in any form)
            del row["part_of"]
    if rows:
        sheet["rows"] = rows
    if isinstance(data.get("subtotals"), list):
        # the group headers' printed weights and subtotals, as the form's table gives them ("产出指标/数量指标")
        sheet["subtotals"] = [sub for sub in map(_subtotal, data["subtotals"]) if sub is not None]
    if isinstance(data.get("stated_rates"), list):
        # carried from an opened case file: the form does not edit them, but they are still checked
        sheet["stated_rates"] = data["stated_rates"]
    if isinstance(sheet.get("stated_rates"), list):
        sheet["stated_rates"] = [r for r in (_retied(rate, sheet["inputs"]) for rate in sheet["stated_rates"]) if r is not None]
    info = {"id": _text(data.get("case_id")) or "web", "unit": _text(data.get("unit")) or "（未填单位名称）",
            "region": region, "year": year, "source": _text(data.get("source")) or "网页填报"}
    if _text(data.get("department")):
        info["department"] = _text(data.get("department"))
    if evaluated:
        info["evaluated"] = evaluated
    sheets = [sheet]
    if with_others and isinstance(data.get("others"), list):
        for other in data["others"]:
            if isinstance(other, dict) and isinstance(other.get("sheet"), dict) and isinstance(other.get("at"), int):
                sheets.insert(max(0, min(other["at"], len(sheets))), other["sheet"])
    raw = {"case": info, "sheets": sheets}
    if messages:
        raise FormError(messages)
    try:
        return validate_case(raw), rule_set
    except ValidationError as exc:
        raise FormError([_form_problem(p.key, p.message, rule_set) for p in pydantic_problems("表单", exc)]) from None


# The official form's heading and signature fields that belong to the sheet (主管部门 and 填报日期
# belong to the case): 项目名称, 实施单位, 填报人, 审核人, 联系电话.
SHEET_HEAD = ("project", "implementer", "preparer", "reviewer", "phone", "sheet_type")
# What a row of an opened case file carries that the form does not show: its id and the row it is
# part of (其中… rows), the 偏差原因 column, a converted score (折算得分), where it was read — kept so the
# sheet scores as the file does.
ROW_CARRIED = ("id", "part_of", "deviation", "converted", "source", "note")
ROW_LABELS = {"group": "分组", "name": "三级指标", "nature": "指标性质", "rule": "赋分规则", "target": "年度指标值", "unit": "度量单位",
              "actual": "实际完成值", "weight": "分值", "claimed": "得分", "converted": "折算得分", "id": "行编号", "part_of": "所属行"}


def _form_problem(key: str, message: str, rule_set: RuleSet | None = None) -> str:
    """A validation problem in words of the form: "绩效指标第 3 行“分值”：…", "预算执行率 的自评得分：…"."""
    key = key.removeprefix("sheets[0].").removeprefix("表单#sheet: ").removeprefix("表单#sheet")
    field, sep, detail = message.partition(": ")
    if sep and field.startswith("weights.") and not key.partition(".")[2]:  # the sheet's validator names the weight
        key, message = field, detail
    head, _, rest = key.partition(".")
    if head.startswith("rows["):
        index = int(head[5:-1]) + 1
        if not rest and sep and field in ROW_LABELS:  # a row's validator names the field in its message
            rest, message = field, detail
        return f"绩效指标第 {index} 行" + (f"“{ROW_LABELS.get(rest, rest)}”" if rest else "") + f"：{message}"
    if head.startswith("subtotals["):
        index = int(head[10:-1]) + 1
        what = {"group": "分组", "weight": "分值", "claimed": "小计得分"}.get(rest, rest)
        return f"分组标题第 {index} 行" + (f"“{what}”" if what else "") + f"：{message}"
    if head in ("claims", "findings") and rest:
        target = rule_set and (rule_set.indicator(rest) or rule_set.deduction(rest))
        what = "自评得分" if head == "claims" else "发现问题数"
        return f"{target.name if target else rest} 的{what}：{message}"
    if head == "inputs" and rest:
        decl = rule_set.inputs.get(rest) if rule_set else None
        return f"{decl.label if decl else rest}：{message}"
    if head == "weights" and rest:
        target = rule_set and rule_set.indicator(rest)
        return f"{target.name if target else rest} 的分值：{message}"
    if head == "claimed_total":
        return f"自评总分：{message}"
    if head == "claimed_grade":
        return f"自评等级：{message}"
    return f"{key}：{message}" if key else message


# A stated rate carried by the form names the figures it was printed beside (found by their values
# when the file is opened), so that it is checked against those figures as they are typed now
_TIES = {"numerator": "numerator_from", "denominator": "denominator_from"}


def _tied(rate: dict, sheet) -> dict:
    """A stated rate of an opened sheet, with the inputs its amounts are (by value)."""
    out = dict(rate)
    for part, tie in _TIES.items():
        amount = rate.get(part)
        name = next((n for n, fig in sheet.inputs.items() if isinstance(fig.value, Decimal) and not isinstance(fig.value, bool)
                     and amount is not None and fig.value == Decimal(str(amount))), None)
        if name is not None:
            out[tie] = name
    return out


def _subtotal(sub: object) -> dict | None:
    """A group header as the form sends it (its group written "一级/二级", blank figures left out),
    as a case file holds it; None for a line with no figure.  A line with figures and no group is
    kept, for the case model to refuse naming it."""
    if not isinstance(sub, dict):
        return None
    group = sub.get("group")
    parts = [g.strip() for g in group.split("/")] if isinstance(group, str) else group if isinstance(group, list) else []
    out: dict = {"group": [g for g in parts if isinstance(g, str) and g.strip()]}
    for key in ("weight", "claimed"):
        if _text(sub.get(key)):
            out[key] = _text(sub.get(key))
    for key in ("includes", "source"):
        if sub.get(key):
            out[key] = sub[key]
    return out if "weight" in out or "claimed" in out else None


def _retied(rate: object, inputs: dict) -> dict | None:
    """A carried stated rate with its amounts taken from the figures it was printed beside, as the
    form now holds them; None where one of them is no longer given (nothing to check it against)."""
    if not isinstance(rate, dict):
        return rate  # refused by the case model, which says why
    out = {k: v for k, v in rate.items() if k not in _TIES.values()}
    for part, tie in _TIES.items():
        name = rate.get(tie)
        if not isinstance(name, str):
            continue
        figure = inputs.get(name)
        value = figure.get("value") if isinstance(figure, dict) and not figure.get("undisclosed") else None
        if value in (None, "") or not _plain_amount(value):
            # not given, or not a plain amount ("111.27万元", 10^15): the figure is read, or refused, as
            # an input, which the rate cannot be held against (review DZ A4: the whole form was refused)
            return None
        out[part] = value
    return out


def _plain_amount(value: object) -> bool:
    """Whether a typed figure is a plain number a stated rate can be held against: no unit, no sign
    of a percentage, below 10^15."""
    try:
        number = to_decimal(value) if isinstance(value, str) else Decimal(str(value))
    except (NumberError, ArithmeticError, ValueError):
        return False
    return not is_too_large(number) and not (isinstance(value, str) and value.strip().endswith(("%", "％")))


def form_values(case: Case, sheet_id: str | None, library: RuleLibrary) -> dict:
    """An opened case (file or workbook) as the form's values: the sheet ``sheet_id`` or the first."""
    sheet = next((s for s in case.sheets if s.id == sheet_id), case.sheets[0])
    rule_set = choose_rules(library, case, sheet)
    data = {
        "rules": rule_set.ref, "unit": case.case.unit, "region": "/".join(case.case.region), "year": case.case.year,
        "case_id": case.case.id, "source": case.case.source, "title": sheet.title,
        "claimed_total": _plain(sheet.claimed_total.score) if sheet.claimed_total else "",
        "claimed_grade": sheet.claimed_grade.grade if sheet.claimed_grade else "",
        "department": case.case.department, "evaluated": case.case.evaluated.isoformat() if case.case.evaluated else "",
        **{key: getattr(sheet, key) for key in SHEET_HEAD}, "complete": sheet.complete,
        "inputs": {}, "claims": {}, "findings": {}, "weights": {}, "rows": [],
    }
    for key, weight in sheet.weights.items():
        target = rule_set.indicator(key)
        data["weights"][target.id if target else key] = _plain(weight)
    for name, fig in sheet.inputs.items():
        value = fig.value
        # a figure written as the form printed it ("253.87万元", "二百五十三") stays as written, for
        # the form to score and show as the file does, never emptied
        shown = fig.written if value is None and fig.written else ("是" if value else "否") if isinstance(value, bool) else _plain(value)
        if fig.percent_sign and shown:
            shown += "%"  # as written: the sign is what the engine refuses an amount for (review DZ A1)
        data["inputs"][name] = {"undisclosed": fig.undisclosed, "value": shown}
    for key, claim in sheet.claims.items():
        target = rule_set.indicator(key) or rule_set.deduction(key)
        data["claims"][target.id if target else key] = _plain(claim.score)
    for key, fig in sheet.findings.items():
        target = rule_set.deduction(key)
        data["findings"][target.id if target else key] = "" if fig.undisclosed else _plain(fig.value)
    for row in sheet.rows:
        group = list(row.group) + ["", ""]
        data["rows"].append({"group1": group[0], "group2": group[1], "name": row.name, "nature": row.nature or "",
                             "rule": row.rule or "", "target": row.target or "", "unit": row.unit or "",
                             "actual": row.actual or "", "weight": _plain(row.weight), "claimed": _plain(row.claimed),
                             **{key: _plain(getattr(row, key)) for key in ROW_CARRIED}})
    dumped = dump(sheet, "json", exclude_none=True)
    data["sheet_id"] = sheet.id
    # the file's other sheets, carried untouched by the form so that a download keeps them
    data["others"] = [{"at": i, "sheet": dump(s, "json", exclude_none=True)} for i, s in enumerate(case.sheets) if s is not sheet]
    data["subtotals"] = dumped.get("subtotals", [])
    data["stated_rates"] = [_tied(rate, sheet) for rate in dumped.get("stated_rates", [])]
    return {"values": data, "sheets": [{"id": s.id, "title": s.title} for s in case.sheets], "sheet": sheet.id}


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def score_form(data: dict, library: RuleLibrary, engine: Engine, what_if: bool = True) -> dict:
    """Score the form: per indicator the computed score or range, status and reason; the total;
    the findings; and, for every figure that could earn points, what it would take."""
    try:
        case, rule_set = case_from_form(data, library)
        report = report_loaded(case, "表单", library, engine)
    except FormError as exc:
        return {"ok": False, "errors": exc.messages}
    except FileError as exc:
        return {"ok": False, "errors": [_form_problem(p.key, p.message, library.find(data["rules"])) for p in exc.problems]}
    except ScoringError as exc:
        return {"ok": False, "errors": [str(exc)]}
    sd = report.sheets[0]
    out = sheet_payload(report, sd)
    out["ok"] = True
    out["what_if"] = figure_what_if(case, rule_set, engine, sd) if what_if else []
    return out


def sheet_payload(report: CaseReport, sd: SheetDiff) -> dict:
    """One scored sheet as plain data: the report's JSON plus Chinese labels, reasons and each
    indicator's full explanation (the same text as `scoring explain`)."""
    data = report_dict(CaseReport(report.case_id, report.unit, report.path, [sd], sd.findings))
    sheet = data["sheets"][0]
    for row, ind in zip(sd.indicators, sheet["indicators"]):
        c = row.comparison
        ind["status_label"] = STATUS_LABELS.get(c.status, c.status)
        ind["range"] = bool(row.result.interval or (c.computed is None and c.low is not None))
        ind["shown"] = f"{fmt(c.low)}～{fmt(c.high)}" if ind["range"] else (fmt(c.computed) or "无法核验")
        # a claim outside the range the rules allow is off by a range, as the diff prints it (the JSON keeps the number)
        ind["delta_shown"] = delta_text(c)
        ind["reason"] = line_reason(row)
        # the sheet's heading line (rules and hash) is shown once on the page, not under every indicator
        ind["explain"] = render_explain(CaseReport(report.case_id, report.unit, report.path, [sd], []), row.result.id,
                                        names=False).strip().split("\n", 1)[-1].lstrip()
    for d, ded in zip(sd.sheet.deductions, sheet["deductions"]):
        # a deduction owed and not taken is an over-claim on the page as in the diff (review CC A3)
        status = deduction_status(d, sd.sheet.tolerance)
        ded["status"], ded["status_label"], ded["reason"] = status or None, STATUS_LABELS.get(status, ""), deduction_reason(d)
    total = sheet["total"]
    total["status_label"] = STATUS_LABELS.get(total["status"], total["status"])
    for f in data["findings"]:
        f["severity_label"] = SEVERITY_LABELS[f["severity"]]
    return {"sheet": sheet, "findings": data["findings"], "unit": report.unit, "case": report.case_id}


# -- what-if -----------------------------------------------------------------------------------

_STEPS = {"amount": Decimal("0.01"), "percent": Decimal("0.01"), "count": Decimal(1), "ratio": Decimal("0.0001")}
_MAX_STEPS = 60


def figure_what_if(case: Case, rule_set: RuleSet, engine: Engine, sd: SheetDiff) -> list[dict]:
    """For each figure an indicator below full marks reads: the nearest value of that figure (all
    else unchanged) at which the indicator reaches the best score that figure alone can give it.

    Found by the engine itself — sampling the figure, then bisecting on it — so it holds for any
    rule set and any formula, band table or special case; every answer is re-scored to confirm it.
    """
    sheet = case.sheets[0]
    out = []
    standing = _Standing(engine, rule_set, sheet, case.case.year)
    for row in sd.indicators:
        ind = row.result
        if not ind.verifiable or ind.weight is None or ind.computed >= ind.weight or rule_set.indicator(ind.id) is None:
            continue
        single = rule_set.narrowed(indicators=(rule_set.indicator(ind.id),), deductions=())
        for use in ind.inputs:
            decl = rule_set.inputs.get(use.name)
            if decl is None or use.state not in ("given", "default"):
                continue
            probe = _Probe(engine, single, sheet, case.case.year, use.name)
            if probe(use.value) != ind.computed:
                continue  # the indicator depends on more than this rule set's single indicator: no claim made
            found = _flag_gain(probe, use.value) if decl.type == "flag" else _number_gain(probe, use.value, decl, ind.weight)
            if found is None:
                continue
            value, score = found
            # the whole sheet with that value: a figure the rule file's own checks refuse beside
            # the others, or one that costs other indicators more than it gains, is no advice
            net = standing.gain(use.name, use.value, value)
            if net is None or net <= 0:
                continue
            out.append(_what_if_line(decl, use.name, use.value, value, ind, score, net))
    return out


class _Standing:
    """The whole sheet under a change of one figure: the sum of its indicators' scores (the low
    end of each range) and the errors it gives, against the sheet as it is."""

    def __init__(self, engine: Engine, rules: RuleSet, sheet, year: int | None):
        self.engine, self.rules, self.year = engine, rules, year
        self.inputs = dict(sheet.inputs)
        self.sheet = replace(sheet, claims={}, claimed_total=None, claimed_grade=None)
        self.now = self._score(None, None)

    def _score(self, name: str | None, value) -> tuple[Decimal, frozenset] | None:
        inputs = dict(self.inputs)
        if name is not None:
            inputs[name] = Figure(value=value)
        try:
            result = self.engine.score_sheet(replace(self.sheet, inputs=inputs), self.rules, "what-if", self.year)
        except ScoringError:
            return None
        total = sum((ind.computed if ind.computed is not None else ind.low_raw or Decimal(0) for ind in result.indicators), Decimal(0))
        return total, frozenset((f.code, f.where) for f in result.findings if f.severity == "error")

    def gain(self, name: str, current, value) -> Decimal | None:
        """How much the sheet's indicators gain with ``name`` at ``value``; None where that gives
        an error the sheet does not have now."""
        if self.now is None:
            return None
        after = self._score(name, value)
        if after is None or not after[1] <= self.now[1]:
            return None
        return after[0] - self.now[0]


class _Probe:
    """The score (rounded as the rule says) the rule set's one indicator gets when one figure takes
    a given value; None when the rules refuse the value."""

    def __init__(self, engine: Engine, rules: RuleSet, sheet, year: int, name: str):
        self.engine, self.rules, self.year, self.name = engine, rules, year, name
        self.inputs = dict(sheet.inputs)
        self.sheet = replace(sheet, claims={}, findings={}, rows=[], subtotals=[], stated_rates=[], claimed_total=None)

    def __call__(self, value) -> Decimal | None:
        inputs = dict(self.inputs)
        inputs[self.name] = Figure(value=value)
        try:
            result = self.engine.score_sheet(replace(self.sheet, inputs=inputs), self.rules, "what-if", self.year)
        except ScoringError:
            return None
        ind = result.indicators[0]
        if any(f.code == "invalid_input" for f in result.findings):
            return None  # a value the rules refuse (below min, above max) is no option
        return ind.computed


def _number_gain(probe: _Probe, current: Decimal, decl, weight: Decimal) -> tuple[Decimal, Decimal] | None:
    step = _STEPS.get(decl.type, Decimal("0.01"))
    now = probe(current)
    others = [v for v in probe.inputs.values() if not v.undisclosed and isinstance(v.value, Decimal)]
    # anchors: values a formula is likely to turn on (zero, the sheet's other figures, the bounds)
    anchors = {Decimal(0)} | {v.value for v in others}
    if decl.min is not None:
        anchors.add(decl.min)
    if decl.max is not None:
        anchors.add(decl.max)
    if decl.type == "percent":
        anchors |= {Decimal(100), Decimal(-100)}
    scaled = {current * k for k in (Decimal("0.5"), Decimal("0.9"), Decimal("1.1"), Decimal(2), Decimal(10))} | {current + 1, current - 1}
    scored = [(c, probe(c), c in anchors) for c in anchors | scaled if c != current]
    scored = [(c, s, a) for c, s, a in scored if s is not None]
    if not scored or now is None:
        return None
    best = max(s for _, s, _ in scored)
    if best <= now or (best < weight and not any(a for _, s, a in scored if s == best)):
        # below full marks, a best found only by scaling the figure is where the search stopped,
        # not a score the figure tops out at: say nothing rather than something arbitrary
        return None
    scored = [(c, s) for c, s, _ in scored]
    # the reachable best nearest to the figure as it is
    target = min((c for c, s in scored if s == best), key=lambda c: abs(c - current))
    lo, hi = current, target  # probe(lo) < best, probe(hi) == best
    for _ in range(_MAX_STEPS):
        if abs(hi - lo) <= step:
            break
        mid = (lo + hi) / 2
        if probe(mid) == best:
            hi = mid
        else:
            lo = mid
    # a figure as it would be written (on the step), the nearest to the current one that the
    # engine confirms; the boundary lies within one step of ``hi``
    up = hi > current
    answer = hi.quantize(step, rounding="ROUND_FLOOR" if up else "ROUND_CEILING")
    for _ in range(3):
        if (answer > current if up else answer < current) and probe(answer) == best:
            return answer, best
        answer += step if up else -step
    return (hi, best) if probe(hi) == best else None


def _flag_gain(probe: _Probe, current: bool) -> tuple[bool, Decimal] | None:
    now, other = probe(current), probe(not current)
    if now is None or other is None or other <= now:
        return None
    return (not current), other


def _what_if_line(decl, name: str, current, value, ind, score: Decimal, net: Decimal | None = None) -> dict:
    full = score == ind.weight
    gain = score - ind.computed
    outcome = f"{ind.name} 可得满分 {fmt(ind.weight)} 分" if full else f"{ind.name} 可得 {fmt(score)} 分（仅改这一项数字所能达到的最高分）"
    if isinstance(value, bool):
        text = f"{decl.label} 若为“{'是' if value else '否'}”，{outcome}（+{fmt(gain)} 分）"
        shown = "是" if value else "否"
    else:
        change = value - current
        verb = "再增加" if change > 0 else "减少"
        # a rate changes by percentage points ("减少 1.63 个百分点（即 -4.63%）"), never by "1.63 %"
        by = f"{fmt(abs(change))} 个百分点（即 {fmt(value)}%）" if decl.unit == "%" else f"{fmt(abs(change))} {decl.unit}（即 {fmt(value)} {decl.unit}）"
        text = f"{decl.label} {verb} {by}，{outcome}（+{fmt(gain)} 分）".replace(" ）", "）")
        shown = fmt(value)
    if net is not None and net != gain:
        text += f"；其他指标随之变化，全表合计 +{fmt(net)} 分"  # the figure feeds other indicators too
    return {"input": name, "indicator": ind.id, "value": shown, "score": fmt(score), "gain": fmt(gain), "full": full, "text": text}


# -- downloads ---------------------------------------------------------------------------------


def case_toml(case: Case, header: str = "由 scoring 网页填报导出") -> str:
    """The case as a case file (TOML), the way `scoring import` writes one."""
    return writer("toml", "case")(dump(case, "python", exclude_none=True), header=header)


def workbook_bytes(report: CaseReport, case: Case, library: RuleLibrary) -> bytes:
    """The scored workbook (`scoring diff --format xlsx`)."""
    return render_case(CaseOutput(report, case, library.find), "xlsx")


def review_docx_bytes(report: CaseReport, case: Case) -> bytes:
    """The review a bureau sends (`scoring diff --format docx`), as a Word document."""
    return render_case(CaseOutput(report, case), "docx")


def template_bytes(rule_set: RuleSet, case: Case) -> bytes:
    """The fill-in workbook of the rule set, filled with the case's first sheet (the form's): a
    unit can carry on in Excel and bring it back."""
    data = dump(case, "python", exclude_none=True)
    return writer("xlsx", "template")(rule_set, data["case"], data["sheets"][0])


def report_for(case: Case, shown: str, library: RuleLibrary, engine: Engine) -> CaseReport:
    """Score a case (raises ScoringError)."""
    return report_loaded(case, shown, library, engine)


# -- uploads -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """What one upload may hold.  Zip members are counted and sized from their headers before
    anything is decompressed, and again while reading (a header can lie)."""

    file_bytes: int = 8 << 20
    request_bytes: int = 64 << 20
    files: int = 1000
    zip_members: int = 1000
    zip_total: int = 128 << 20
    zip_ratio: int = 200  # a member inflating more than this is a bomb, not a spreadsheet


@dataclass
class Loaded:
    """One submission read from an upload: its case, where it came from and its content hash."""

    shown: str  # the name as the client gave it (for messages only, never a path)
    kind: str  # toml | json | xlsx | csv-row
    content_hash: str
    case: Case
    data: bytes | None = None  # the submitted file (None for a table row)


@dataclass
class Failed:
    shown: str
    reason: str


def safe_name(name: str) -> str:
    """The last part of a client-given name, stripped of anything a file system might read as a
    path or a device; only ever shown, never used to open a file."""
    return clean_name(name)


def read_uploads(files: list[tuple[str, bytes]], workdir: Path, limits: Limits, library: RuleLibrary | None = None) -> tuple[list[Loaded], list[Failed]]:
    """Read every uploaded file (and every member of an uploaded zip).  A file that cannot be used
    becomes a Failed with its reason; the others are read.  Files are handed to the readers
    through a private folder inside ``workdir`` under names this function makes, and removed.
    With ``library``, case tables may name their columns by the rule files' labels (the header
    `scoring template --format csv` hands out), as in a batch."""
    loaded: list[Loaded] = []
    failed: list[Failed] = []
    for name, data in files:
        shown = safe_name(name)
        suffix = PurePosixPath(shown).suffix.lower()
        if len(data) > limits.file_bytes:
            failed.append(Failed(shown, f"{shown}：文件过大（{len(data)} 字节，每个文件最多 {limits.file_bytes} 字节）"))
        elif suffix == ".zip":
            _read_zip(shown, data, workdir, limits, loaded, failed, library)
        else:
            _read_one(shown, data, workdir, loaded, failed, library)
    return loaded, failed


def _read_zip(shown: str, data: bytes, workdir: Path, limits: Limits, loaded: list, failed: list, library: RuleLibrary | None = None) -> None:
    bounds = ZipBounds(limits.zip_members, limits.zip_total, limits.file_bytes, limits.zip_ratio)
    for inner, content, reason in zip_members(shown, data, bounds):
        if content is None:
            failed.append(Failed(inner, f"{inner}：{reason}"))
        else:
            _read_one(inner, content, workdir, loaded, failed, library)


def _read_one(shown: str, data: bytes, workdir: Path, loaded: list, failed: list, library: RuleLibrary | None = None) -> None:
    suffix = PurePosixPath(shown).suffix.lower()
    if suffix not in (*CASE_SUFFIXES, ".csv"):
        failed.append(Failed(shown, f"{shown}：不是可复核的文件（只接受 .toml、.json、.xlsx 案例文件，.csv 案例表，或它们的 .zip 压缩包）"))
        return
    workdir.mkdir(parents=True, exist_ok=True)
    private = Path(_tempdir(workdir))
    path = private / f"upload{suffix}"
    try:
        path.write_bytes(data)
        if suffix == ".csv":
            _read_table(shown, path, loaded, failed, library)
        else:
            try:
                case, _ = load_case(path)
            except ScoringError as exc:
                if not_a_case(path):  # a rule file or a generator's manifest: one line, as a batch skips it
                    failed.append(Failed(shown, f"{shown}：不是案例文件（既没有 case 也没有 sheets，是规则文件或清单？），未复核"))
                else:
                    failed.append(Failed(shown, in_page_words(reword_path(str(exc), path, shown), shown)))
                return
            except Exception as exc:  # noqa: BLE001 - a hostile file must not cost the rest of the upload
                failed.append(Failed(shown, f"{shown}：无法读取（{type(exc).__name__}: {exc}）"))
                return
            for sheet_id, why in case._refused:  # a sheet the file holds that could not be read: its others are
                failed.append(Failed(f"{shown}#{sheet_id}", f"{shown}#{sheet_id}：{why}"))
            loaded.append(Loaded(shown, suffix[1:], hashlib.sha256(data).hexdigest(), case, data))
    finally:
        for child in private.iterdir():
            child.unlink()
        private.rmdir()


# What a workbook's refusal tells a command-line user to run, as the page tells it: on the web the
# template is the 单位填报 page's download, and the hidden sheet is nobody's business (review CE D1).
_PAGE_WORDS = (
    ("（网页“填报模板 (.xlsx)”，或 scoring template 规则集）", "（在“单位填报”页选定地区、年度和表类型后，下载“填报模板 (.xlsx)”）"),
    ("（缺少隐藏的工作表“_规则”）", "（缺少模板中记录规则集的隐藏工作表）"),
    ("工作表“_规则”中", "模板中记录规则集的隐藏工作表中"),
    ("scoring template 生成的", "“单位填报”页下载的"),
    ("用 scoring template 重新生成", "在“单位填报”页重新下载模板"),
    ("用 scoring template 另生成一个模板", "在“单位填报”页另下载一个模板"),
)


def in_page_words(message: str, shown: str) -> str:
    """A refusal worded for the command line, as the web page says it."""
    for cli, page in _PAGE_WORDS:
        message = message.replace(cli, page)
    if message.startswith(f"{shown}: "):
        message = f"{shown}：{message[len(shown) + 2:]}"
    return message


def _tempdir(workdir: Path) -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="upload-", dir=workdir)


def _read_table(shown: str, path: Path, loaded: list, failed: list, library: RuleLibrary | None = None) -> None:
    try:
        for entry in read_table(path, known_labels(library) if library is not None else None):
            if isinstance(entry, TableProblem):
                failed.append(Failed(f"{shown}:{entry.line}", reword_path(entry.message, path, shown)))
            if not isinstance(entry, TableRow):
                continue
            where = f"{shown}:{entry.line}"
            try:
                case = row_to_case(entry, library)
            except ScoringError as exc:
                if not not_a_sheet(entry):  # a total or a note at the table's foot is no submission, as in a batch (review GB B7)
                    failed.append(Failed(where, reword_path(str(exc), path, shown)))
                continue
            case = replace(case, case=replace(case.case, source=reword_path(case.case.source, path, shown)))
            # a row is the same submission wherever it stands: its header and cells, not the file name or line
            digest = hashlib.sha256(json.dumps([entry.header.columns, entry.cells], ensure_ascii=False).encode()).hexdigest()
            loaded.append(Loaded(where, "csv-row", digest, case))
    except ScoringError as exc:
        failed.append(Failed(shown, reword_path(str(exc), path, shown)))


# -- scoring stored submissions -----------------------------------------------------------------


@dataclass
class ScoredSheet:
    """One sheet of a stored submission as scored now: the summary columns and the explanation."""

    sheet_id: str
    title: str
    rules_id: str = ""
    rules_version: str = ""
    rules_sha256: str = ""
    claimed: Decimal | None = None
    computed: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    delta: Decimal | None = None
    total_status: str = ""
    worst_status: str = ""
    worst_severity: str | None = None
    errors: int = 0
    warnings: int = 0
    grade: str = ""  # the grade the rules give ("良～优" for a range); "" when they declare none
    claimed_grade: str = ""  # the grade the sheet states, else its claimed total's
    failure: str = ""  # the sheet could not be scored (unknown rules, unusable keys)
    detail: dict = field(default_factory=dict)  # the explanation: no longer stored (explain_result), kept for older rows


def without_folder(message: str, folder: Path | str) -> str:
    """A message for a browser without the server's rules folder in it: "规则目录 /srv/…/formulas 中
    没有规则集 X" is "规则目录中没有规则集 X" to people on other machines."""
    folder = str(folder)
    # the folder as a path only (followed by a separator): a relative "formulas" is also a word of
    # the advice "scoring formulas list" (review CA C4)
    return re.sub(re.escape(folder) + r"(?=[/\\])", "规则目录", message.replace(f"规则目录 {folder} 中", "规则目录中"))


def score_case(case: Case, shown: str, library: RuleLibrary, engine: Engine) -> list[ScoredSheet]:
    """Score every sheet of a case on its own, so one sheet with unknown rules does not cost
    its siblings (as `scoring batch` does), on the lean path: what is stored is the summary, and
    the explanation is worked out again on the traced path when someone opens it (`explain_result`)."""
    out = []
    for sheet in case.sheets:
        try:
            rules = sheet_rules(library, case, sheet, f"{shown}#{sheet.id}")
            lean = _LEAN.lines(case, sheet, shown, library)
        except ScoringError as exc:
            # kept and shown in the browser: a sheet naming unknown rules must not show the server's folders (review BZ D1)
            out.append(ScoredSheet(sheet.id, sheet.heading, failure=without_folder(str(exc), library.directory)))
            continue
        except Exception as exc:  # noqa: BLE001 - one broken sheet must not stop the others
            out.append(ScoredSheet(sheet.id, sheet.heading, failure=f"程序内部错误（请报告）：{type(exc).__name__}: {exc}"))
            continue
        s = lean_summary(lean, shown, case.case.id, case.case.unit, sheet.id, sheet.heading, rules, 0, region_text(case.case.region), case.case.year)
        t = lean.total
        out.append(ScoredSheet(
            sheet.id, sheet.heading, rules.id, rules.version, rules.sha256,
            s.claimed, s.computed, t.low, t.high, s.delta, s.total_status, s.worst_status, s.worst_severity,
            s.errors, s.warnings, s.grade, s.claimed_grade,
        ))
    return out


# The lean path's generated code and bindings, kept for the life of the app (scoring runs in one
# worker thread at a time); rule sets that change get new code, keyed by their hash.
_LEAN = LeanEngine()


def explain_result(stored: dict, library: RuleLibrary, engine: Engine) -> dict:
    """The explanation of a stored result, scored again on the traced path from the stored case
    under the rule version it was scored with (checked by its sha256).  Raises ScoringError when
    that version is no longer in the rules folder."""
    case = case_from_json(stored["case_json"])
    sheet = next((s for s in case.sheets if s.id == stored["sheet_id"]), None)
    if sheet is None:
        raise ScoringError(f"提交的文件中没有表 {stored['sheet_id']}")
    single = case if len(case.sheets) == 1 else replace(case, sheets=[sheet])
    ref = f"{stored['rules_id']}@{stored['rules_version']}"
    report = report_loaded(single, stored["filename"], library, engine)
    if report.sheets[0].sheet.rules.sha256 != stored["rules_sha256"]:
        try:
            pinned = library.find(ref)
        except ScoringError:
            pinned = None
        if pinned is None or pinned.sha256 != stored["rules_sha256"]:
            raise ScoringError(f"这条记录按规则 {ref}（sha256 {stored['rules_sha256'][:12]}）复核，该版本已不在规则目录中，无法重新给出说明；请看最新的复核记录")
        report = report_loaded(single, stored["filename"], library, engine, rules_override=ref)
    sd = report.sheets[0]
    payload = sheet_payload(report, sd)
    payload["explain"] = render_explain(CaseReport(report.case_id, report.unit, report.path, [sd], []), None)
    return payload


def stored_summary(r: dict, detail: dict | None = None, order: int = 0) -> SheetSummary:
    """A stored result as a batch summary row, with its grades; with its ``detail`` (the
    explanation), also its differing indicators and its findings."""
    findings, lines = (), ()
    grade, claimed_grade = r.get("grade") or "", r.get("claimed_grade") or ""
    if detail:
        sheet = detail.get("sheet", {})
        total = sheet.get("total", {})
        if r.get("grade") is None:  # stored before grades were recorded: the explanation has them
            grade, claimed_grade = total.get("grade") or "", total.get("claimed_grade") or ""
        findings = tuple((f["severity"], f["code"], f["message"], f["where"]) for f in detail.get("findings", []) if f["severity"] != "info")
        lines = tuple(IndicatorLine(i["name"], i["weight"] or "未印出", i["claimed"] or "", i.get("shown") or i["computed"] or "",
                                    i.get("delta_shown") or i["delta"] or "", i["status"], i.get("reason") or "")
                      for i in sheet.get("indicators", []) if i["status"] in DIFFERING)
    return SheetSummary(
        path=r["filename"], case_id=r["case_id"], unit=r["unit"], sheet_id=r["sheet_id"], title=r["title"],
        rules=f"{r['rules_id']}@{r['rules_version']}", sha256=r["rules_sha256"], claimed=number(r["claimed"]),
        computed=number(r["computed"]), delta=number(r["delta"]), total_status=r["total_status"], worst_status=r["worst_status"],
        worst_severity=r["worst_severity"], errors=r["errors"], warnings=r["warnings"], infos=0, unverified_weight=Decimal(0),
        findings=findings, grade=grade, claimed_grade=claimed_grade, details=lines, order=order,
    )


def batch_charts(rows: Iterable[dict]) -> dict:
    """The batch report's charts (inline SVG) for stored results: the scatter of claimed against
    computed totals, the largest differences, the distribution of differences; and its table of
    grades."""
    sheets = [stored_summary(r) for r in rows]
    return {"count": len(sheets), "scatter": scatter(sheets), "dumbbells": dumbbells(sheets), "histogram": histogram(sheets),
            "grades": grade_table(sheets)}


def bureau_review_bytes(rows: Iterable[dict], detail_of) -> bytes:
    """The Word summary of stored results (`scoring batch --docx` for what the bureau holds):
    ``rows`` as the review table lists them, ``detail_of(result id)`` their stored explanations."""
    sheets, failures, submissions = [], [], set()
    for r in rows:
        submissions.add(r["submission_id"])
        if r["failure"]:
            failures.append(Problem(r["filename"], f"{r['filename']}#{r['sheet_id']}: {r['failure']}"))
            continue
        sheets.append(stored_summary(r, detail_of(r["id"]), order=len(sheets)))
    sheets.sort(key=sort_key)
    result = BatchResult(sheets, failures, [], len(submissions), len(submissions))
    return docx_bytes(batch_review(result, title="预算绩效自评复核汇总"))


def case_json(case: Case) -> str:
    """A case as stored: JSON with every figure as its written decimal string."""
    return dump_json(case, exclude_none=True)


def case_from_json(text: str) -> Case:
    """A stored case, validated again."""
    return validate_case(json.loads(text, parse_float=Decimal))


def number(text: str | None) -> Decimal | None:
    """A decimal from a stored string (None stays None)."""
    if text in (None, ""):
        return None
    try:
        return to_decimal(text)
    except NumberError:
        return None


# -- rule pages --------------------------------------------------------------------------------


def rule_page(library: RuleLibrary, ref: str) -> dict:
    """One rule set for its page: identity, the text `formulas show` prints, parameters, the other
    versions of the same id.  Raises ScoringError for an unknown ref."""
    rs = library.find(ref)
    versions = sorted((r for r in library.rule_sets if r.id == rs.id), key=lambda r: r.info.effective_from)
    return {
        "ref": rs.ref, "id": rs.id, "version": rs.version, "title": rs.info.title, "sha256": rs.sha256,
        "path": rs.path, "region": "/".join(rs.region_path) or "全国", "sheet_type": rs.info.sheet_type,
        "from": rs.info.effective_from.isoformat(), "to": rs.info.effective_to.isoformat() if rs.info.effective_to else "",
        "total": fmt(rs.info.total), "source": rs.info.source.document, "clause": rs.info.source.clause, "notes": rs.info.source.notes,
        "text": render_rule_set(rs),
        "parameters": [
            {"name": n, "label": p.label, "unit": p.unit,
             "values": [{"value": fmt(v.value), "from": v.effective_from.isoformat(), "to": v.effective_to.isoformat() if v.effective_to else "", "source": v.source}
                        for v in ([p.value_for(rs.info.effective_from.year)] if p.value is not None else p.values) if v is not None]}
            for n, p in rs.parameters.items()
        ],
        "indicators": [
            {"id": i.id, "name": i.name, "group": "/".join(i.group), "weight": fmt(i.weight), "rule_text": i.rule_text, "decision": i.decision}
            for i in rs.indicators
        ],
        "deductions": [{"id": d.id, "name": d.name, "per_finding": fmt(d.per_finding), "rule_text": d.rule_text} for d in rs.deductions],
        "row_rules": (rs.rows.rule_text if rs.rows is not None else ""),
        "warnings": list(rs.warnings),
        "versions": [{"ref": r.ref, "version": r.version, "from": r.info.effective_from.isoformat(),
                      "to": r.info.effective_to.isoformat() if r.info.effective_to else "", "sha256": r.sha256} for r in versions],
        "extends": list(rs.extends),
    }


def rule_versions_diff(library: RuleLibrary, old: str, new: str) -> dict:
    """`scoring formulas diff OLD NEW` as data.  Raises ScoringError for an unknown ref."""
    a, b = library.find(old), library.find(new)
    return {"old": a.ref, "new": b.ref, "old_sha": a.sha256, "new_sha": b.sha256, "lines": diff_rule_sets(a, b)}


def year_of(text: str) -> int:
    """A year typed in a form ("2024", "2024年", "2024年度", "２０２４", as a workbook's 年度 cell
    takes it: review CC B2); ScoringError in the form's words otherwise."""
    folded = written_year(text or "")
    if not (len(folded) == 4 and folded.isascii() and folded.isdigit()):
        raise ScoringError(f"年度应为四位数字，如 2024（填的是“{text}”）")
    return int(folded)


def _region(region: str) -> list[str]:
    return [p for p in region_parts(region) if p != "全国"]


def choose_sheet_rules(library: RuleLibrary, region: str, year: int, sheet_type: str) -> str:
    """The ref of the rule set in effect for a region, year and sheet type (raises ScoringError)."""
    return library.select(_region(region), year, sheet_type).ref


def fallback_notice(library: RuleLibrary, region: str, year: str, rule_set) -> str:
    """What the fill page says of rules of a broader region than the unit's own province's, which
    do not cover the year ("" when there are none), as `pipeline.fallback_findings` says it; and
    of a version another revises."""
    if rule_set.revised_by is not None:
        return (f"规则集 {rule_set.ref} 已由 {rule_set.revised_by} 修订（改正了其中的错误），按本页填报将仍按 {rule_set.ref} 计分；"
                f"请改用 {rule_set.revised_by} 填报")
    try:
        year_number = year_of(year)
    except ScoringError:
        return ""
    from ..review.pipeline import fallback_findings

    told = fallback_findings(library, tuple(_region(region)), year_number, rule_set.info.sheet_type, rule_set, "")
    return told[0].message if told else ""
