"""`scoring formulas diff A B`: what changed between two rule sets, in words a finance officer
can read — indicators, parameters, inputs and vocabulary added, removed or changed, and the words
the rows' readings list ([reading], [rows.no_comparator] …) gained and lost."""

from __future__ import annotations

import json
from typing import Any

from .model import RuleSet

FIELD_LABELS = {
    "name": "名称", "group": "分组", "weight": "分值", "score": "计分公式", "bands": "分档表",
    "band_on": "分档依据", "values": "中间值", "not_applicable": "特殊情形", "parts": "组成部分",
    "cap": "上下限", "rounding": "保留小数位数", "rule_text": "评分规则原文", "decision": "取舍说明",
    "description": "指标解释", "label": "名称", "unit": "单位", "type": "类型", "min": "最小值",
    "max": "最大值", "default": "默认值", "default_reason": "默认值理由", "notes": "说明",
    "value": "数值", "source": "来源", "per_finding": "每处扣分", "max_deduction": "最多扣分",
    "reads": "读取", "judgement_unless_met": "未达标交评价人判断", "overshoot": "超额幅度公式",
    "text_met": "文字完成值达到指标值的档次", "text_target": "文字完成值对照的说法", "text_words": "文字完成值达到的说法",
    "low": "下限", "high": "上限", "message": "提示", "severity": "级别", "expr": "表达式",
    "title": "标题", "region": "地区", "sheet_type": "表类型", "effective_from": "生效日期",
    "effective_to": "失效日期", "total": "满分", "score_floor": "总分下限", "printed_weight": "所印分值",
    "text_equal_to_target": "完成值与指标值文字相同时的评级", "overshoot_threshold": "超额提示阈值（%）",
    "document": "文件", "clause": "条款", "fiscal_years": "适用年度", "first": "起始年度", "last": "终止年度",
    "reason": "理由", "sheet_type_aliases": "表类型的其他写法", "claim_tolerance": "容差",
}


def _show(value: Any) -> str:
    """A value of a rule file as a reader of the diff reads it: text in quotes, a list of texts
    joined (“四川省/遂宁市”), a table as its fields by name ("文件“…”；条款“…”"), never JSON."""
    if isinstance(value, str):
        return f"“{value}”"
    if value is None:
        return "（无）"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return f"“{'/'.join(value)}”" if value else "（无）"
    if isinstance(value, dict):
        return "；".join(f"{FIELD_LABELS.get(k, k)} {_show(v)}" for k, v in value.items() if v is not None) or "（无）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _changes(old: dict, new: dict) -> list[str]:
    out = []
    for key in sorted(set(old) | set(new), key=lambda k: list(FIELD_LABELS).index(k) if k in FIELD_LABELS else 99):
        a, b = old.get(key), new.get(key)
        if a != b:
            out.append(f"{FIELD_LABELS.get(key, key)} {_show(a)} → {_show(b)}")
    return out


def _keyed(items: list[dict], key: str) -> dict:
    return {(tuple(i[key]) if isinstance(i[key], list) else i[key]): i for i in items}


def _collection(title: str, old: dict, new: dict, name_of) -> list[str]:
    lines = []
    for k in old:
        if k not in new:
            lines.append(f"删除{title}{name_of(k, old[k])}")
    for k in new:
        if k not in old:
            lines.append(f"新增{title}{name_of(k, new[k])}")
    for k in old:
        if k in new and old[k] != new[k]:
            changes = _changes(old[k], new[k]) if isinstance(old[k], dict) and isinstance(new[k], dict) else [f"{_show(old[k])} → {_show(new[k])}"]
            lines.append(f"修改{title}{name_of(k, new[k])}：" + "；".join(changes))
    return lines


# The sections of [rows] `diff_rule_sets` says item by item; the rest of [rows] and [reading] are said word by word.
_ROWS_ITEMWISE = ("methods", "tiers", "vocabulary", "select", "rule_names", "group_methods")


def _words(value: Any) -> list[str]:
    """The entries of a list a rule file writes, each as it reads ("增长/下降" for a pair)."""
    return ["/".join(map(str, v)) if isinstance(v, list) else str(v) for v in (value or [])]


def _listed(section: str, old: dict, new: dict) -> list[str]:
    """What the words a section of a rule file lists ([reading], [rows.no_comparator] …) gained and lost, key by key
    ("reading.harm_words：新增“错案”、“错判”"): a revision of the rules' vocabulary is most of what a revision is."""
    lines = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        where = f"{section}.{key}"
        if isinstance(a, dict) or isinstance(b, dict):
            lines += _listed(where, a if isinstance(a, dict) else {}, b if isinstance(b, dict) else {})
        elif isinstance(a, list) or isinstance(b, list):
            was, now = _words(a), _words(b)
            added, removed = [w for w in now if w not in was], [w for w in was if w not in now]
            said = ([f"新增“{'”“'.join(added)}”"] if added else []) + ([f"删除“{'”“'.join(removed)}”"] if removed else [])
            lines.append(f"{where}：" + ("；".join(said) or "次序改变"))
        else:
            lines.append(f"{where}：{_show(a)} → {_show(b)}")
    return lines


def diff_rule_sets(a: RuleSet, b: RuleSet) -> list[str]:
    """Every difference between two resolved rule sets, one readable line each."""
    old, new = a.resolved, b.resolved
    lines = []
    info = _changes({k: v for k, v in old["rule_set"].items() if k not in ("id", "version")},
                    {k: v for k, v in new["rule_set"].items() if k not in ("id", "version")})
    lines += [f"规则集信息：{c}" for c in info]
    lines += _collection("参数", old.get("parameters", {}), new.get("parameters", {}), lambda k, v: f"“{v.get('label', k)}”（{k}）")
    lines += _collection("输入", old.get("inputs", {}), new.get("inputs", {}), lambda k, v: f"“{v.get('label', k)}”（{k}）")
    lines += _collection("指标", _keyed(old.get("indicators", []), "id"), _keyed(new.get("indicators", []), "id"), lambda k, v: f"“{v.get('name', k)}”（{k}）")
    lines += _collection("扣分项", _keyed(old.get("deductions", []), "id"), _keyed(new.get("deductions", []), "id"), lambda k, v: f"“{v.get('name', k)}”（{k}）")
    lines += _collection("分组标题", _keyed(old.get("groups", []), "path"), _keyed(new.get("groups", []), "path"), lambda k, v: f"“{'/'.join(k)}”")
    lines += _collection("输入检查", _keyed(old.get("checks", []), "expr"), _keyed(new.get("checks", []), "expr"), lambda k, v: f"“{k}”")
    rows_old, rows_new = old.get("rows") or {}, new.get("rows") or {}
    scalar_old = {k: v for k, v in rows_old.items() if not isinstance(v, (dict, list))}
    scalar_new = {k: v for k, v in rows_new.items() if not isinstance(v, (dict, list))}
    lines += [f"逐行规则：{c}" for c in _changes(scalar_old, scalar_new)]
    lines += _collection("逐行计分方法", rows_old.get("methods", {}), rows_new.get("methods", {}), lambda k, v: f"“{v.get('label', k)}”（{k}）")
    lines += _collection("评级档次", _keyed(rows_old.get("tiers", []), "id"), _keyed(rows_new.get("tiers", []), "id"), lambda k, v: f"“{v.get('label', k)}”（{k}）")
    lines += _collection("词表用语", rows_old.get("vocabulary", {}), rows_new.get("vocabulary", {}), lambda k, v: f"“{k}”（评为 {v}）")
    lines += _collection("方法选择", rows_old.get("select", {}), rows_new.get("select", {}), lambda k, v: f"“{k}”（→ {v}）")
    lines += _collection("赋分规则名称", rows_old.get("rule_names", {}), rows_new.get("rule_names", {}), lambda k, v: f"“{k}”（→ {v}）")
    lines += _collection("指标分组的计分方法", rows_old.get("group_methods", {}), rows_new.get("group_methods", {}), lambda k, v: f"“{k}”（→ {v}）")
    lines += _listed("rows", {k: v for k, v in rows_old.items() if isinstance(v, (dict, list)) and k not in _ROWS_ITEMWISE},
                     {k: v for k, v in rows_new.items() if isinstance(v, (dict, list)) and k not in _ROWS_ITEMWISE})
    lines += _listed("reading", old.get("reading") or {}, new.get("reading") or {})
    return lines
