"""Rule-file inheritance: a file that says ``extends = "id@version"`` is its parent with the
child's additions, overrides and removals applied.  This works on the raw TOML tables, before
validation, so the resolved rule set is validated — and hashed — as a whole.

Merge rules, per section:

* ``rule_set``: the child's keys override the parent's, each whole (a child's ``source`` replaces
  the parent's); id and version are always the child's own, and ``fiscal_years`` and ``revises``
  are never inherited (a revision that extends the version it corrects restates the years); a
  child for another region states its own ``effective_from``.
* ``inputs``, ``parameters``: by name; a child entry replaces the parent's entry whole.
* ``indicators``, ``deductions``: by ``id``; ``groups`` by ``path``; ``checks`` by ``expr``; a child
  entry replaces the parent's in place, a new one is appended.
* ``rows``: scalars override; ``select``, ``rule_names``, ``group_methods``, ``methods``, ``vocabulary`` merge by key;
  ``tiers`` by ``id``.
* ``rows.no_comparator``: each setting the child writes replaces the parent's, and ``groups`` merge by
  name.
* ``reading``: ``comparators``, ``comparator_suffixes`` and ``units`` merge by key; a list (``not_given``,
  ``none_words`` …) written by the child replaces the parent's.
* ``[remove]`` lists what the child drops: ``inputs``, ``parameters``, ``indicators``,
  ``deductions``, ``groups``, ``checks``, ``methods``, ``select``, ``rule_names``, ``group_methods``, ``vocabulary``, ``tiers``.
* ``tests`` are never inherited: a child's golden examples are its own.
"""

from __future__ import annotations

from ..errors import FileProblem

# keys of [rule_set] that describe the file itself, not the rules a child builds on
_NOT_INHERITED = ("fiscal_years", "revises")
_KEYED_LISTS = {"indicators": "id", "deductions": "id", "groups": "path", "checks": "expr"}
_DICTS = ("inputs", "parameters")
_ROW_DICTS = ("select", "rule_names", "group_methods", "methods", "vocabulary")
_READING_DICTS = ("comparators", "comparator_suffixes", "units")
REMOVABLE = frozenset({*_KEYED_LISTS, *_DICTS, *_ROW_DICTS, "tiers"})


def ref_of(raw: dict) -> str | None:
    """``id@version`` of a raw rule file, or None when its identity is not even written."""
    info = raw.get("rule_set")
    if not isinstance(info, dict) or not isinstance(info.get("id"), str) or info.get("version") is None:
        return None
    return f"{info['id']}@{info['version']}"


def resolve(path: str, raw: dict, by_ref: dict[str, tuple[str, dict]], trail: tuple[str, ...] = ()) -> tuple[dict, list[FileProblem], list[str]]:
    """Resolve ``extends`` recursively. Returns the merged table, problems, and the chain of refs."""
    parent_ref = raw.get("extends")
    if parent_ref is None:
        # indicators and deductions written twice the compiler refuses by their ids; these it would take twice
        return raw, [p for name in ("groups", "checks") if isinstance(raw.get(name), list) for p in _written_twice(path, name, raw[name])], []
    if not isinstance(parent_ref, str) or "@" not in parent_ref:
        return raw, [FileProblem(path, "extends", "应写成“规则集ID@版本”，例如 national.project@2020.1（必须指明版本，结果才可复现）")], []
    me = ref_of(raw) or path
    if parent_ref in trail or parent_ref == me:
        chain = " → ".join([*trail, me, parent_ref])
        return raw, [FileProblem(path, "extends", f"继承关系成环：{chain}")], []
    if parent_ref not in by_ref:
        known = "、".join(sorted(by_ref)) or "（无）"
        return raw, [FileProblem(path, "extends", f"找不到被继承的规则集 {parent_ref}；规则目录中有：{known}")], []
    parent_path, parent_raw = by_ref[parent_ref]
    parent, problems, chain = resolve(parent_path, parent_raw, by_ref, (*trail, me))
    if problems:
        return raw, [FileProblem(path, "extends", f"被继承的规则集 {parent_ref} 无法使用：{p.key}: {p.message}") for p in problems], []
    merged, merge_problems = merge(path, parent, raw)
    return merged, merge_problems, [parent_ref, *chain]


def _copied(value):
    """A copy of raw TOML data, whose containers are tables and arrays and whose other values (strings, numbers, dates)
    are never changed in place: what ``copy.deepcopy`` makes of it, at a fraction of its cost (a quarter of the time the
    shipped rule files took to compile went in deepcopy's bookkeeping)."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


def merge(path: str, parent: dict, child: dict) -> tuple[dict, list[FileProblem]]:
    """The child's table applied onto a copy of the parent's.  Neither is changed: ``out`` is the parent copied (less
    its worked examples, never inherited), so the helpers below change only what ``out`` holds."""
    out = {key: _copied(value) for key, value in parent.items() if key not in ("tests", "extends")}
    problems: list[FileProblem] = []
    removal = child.get("remove", {})
    if not isinstance(removal, dict):
        return out, [FileProblem(path, "remove", "应为表，例如 [remove] indicators = [\"x\"]")]
    for key in removal:
        if key not in REMOVABLE:
            problems.append(FileProblem(path, f"remove.{key}", f"不能删除 {key}；可删除：{'、'.join(sorted(REMOVABLE))}"))

    for key, value in child.items():
        if key in ("extends", "remove"):
            continue
        if key == "rule_set" and isinstance(value, dict) and isinstance(out.get("rule_set"), dict):
            # shallow: a child naming its own source replaces the parent's source whole; the
            # fiscal years a rule governs are never inherited (a 2024 form does not govern 2019)
            parent_info = {k: v for k, v in out["rule_set"].items() if k not in _NOT_INHERITED}
            if "region" in value and not _same_region(value["region"], parent_info.get("region")) and "effective_from" not in value:
                # another region's rules are in force from their own date: the parent's would
                # silently make the 2022 Baoshan rules score 2020 sheets (review BY C2)
                problems.append(FileProblem(path, "rule_set.effective_from", f"另一地区的规则集须写明自己的生效日期（所继承的 "
                                            f"{parent_info.get('id')} 生效于 {parent_info.get('effective_from')}，不沿用）"))
            out["rule_set"] = {**parent_info, **_copied(value)}
        elif key in _DICTS and isinstance(value, dict) and isinstance(out.get(key, {}), dict):
            out[key] = {**out.get(key, {}), **value}
        elif key in _KEYED_LISTS and isinstance(value, list):
            problems += _written_twice(path, key, value)
            out[key] = _merge_keyed(out.get(key, []), value, _KEYED_LISTS[key])
        elif key == "rows" and isinstance(value, dict) and isinstance(out.get("rows", {}), dict):
            out["rows"] = _merge_rows(out.get("rows", {}), value)
        elif key == "reading" and isinstance(value, dict) and isinstance(out.get("reading"), dict):
            out["reading"] = _merge_reading(out["reading"], value)
        else:
            out[key] = _copied(value)

    for key, names in removal.items():
        if key not in REMOVABLE:
            continue
        if not isinstance(names, list):
            problems.append(FileProblem(path, f"remove.{key}", "应为名称列表"))
            continue
        problems += _remove(path, out, key, names)
    return out, problems


def _same_region(a: object, b: object) -> bool:
    """Whether two raw regions name one place however written ("新疆维吾尔自治区" and ["新疆"]:
    review CA B3); a value that is no region is its own."""
    from .model import region_key, region_path

    def path(value: object):
        if isinstance(value, str) or (isinstance(value, list) and all(isinstance(x, str) for x in value)):
            return tuple(region_key(x) for x in region_path(value))
        return value

    return a == b or path(a) == path(b)


def _merge_keyed(base: list, over: list, key: str) -> list:
    # ``base`` is merge's own copy: a new list of its items and copies of the child's
    out = list(base)
    index = {_key(item, key): i for i, item in enumerate(out) if isinstance(item, dict)}
    for item in over:
        k = _key(item, key) if isinstance(item, dict) else None
        if k is not None and k in index:
            out[index[k]] = _copied(item)
        else:
            out.append(_copied(item))
    return out


def _written_twice(path: str, name: str, items: list) -> list[FileProblem]:
    """An entry the child itself writes twice (an indicator id, a check's expr): merged one after
    the other, the second would silently replace the first, as it replaces the parent's (review CF
    A4: a second `execution` scored the sheet); in a file that extends nothing, a check written
    twice would be said twice (its indicators and deductions the compiler holds to their ids)."""
    field = _KEYED_LISTS[name]
    first: dict = {}
    problems = []
    for j, item in enumerate(items):
        k = _key(item, field) if isinstance(item, dict) else None
        if k is None or not isinstance(k, (str, tuple)):
            continue
        if k in first:
            shown = "/".join(k) if isinstance(k, tuple) else k
            problems.append(FileProblem(path, f"{name}[{j}]", f"{field} “{shown}”在本文件中写了两次（第 {first[k] + 1} 项和第 {j + 1} 项）："
                                                     "后写的会覆盖先写的，请删去其中一项"))
        else:
            first[k] = j
    return problems


def _key(item: dict, key: str):
    value = item.get(key)
    return tuple(value) if isinstance(value, list) else value


def _merge_rows(base: dict, over: dict) -> dict:
    out = dict(base)  # merge's own copy: only the keys the child writes are set anew
    for key, value in over.items():
        if key in _ROW_DICTS and isinstance(value, dict):
            out[key] = {**out.get(key, {}), **_copied(value)}
        elif key == "tiers" and isinstance(value, list):
            out["tiers"] = _merge_keyed(out.get("tiers", []), value, "id")
        elif key == "no_comparator" and isinstance(value, dict) and isinstance(out.get(key), dict):
            # each setting the child writes replaces the parent's; its groups merge by name
            merged = {**out[key], **_copied(value)}
            if isinstance(value.get("groups"), dict) and isinstance(out[key].get("groups"), dict):
                merged["groups"] = {**out[key]["groups"], **_copied(value["groups"])}
            out[key] = merged
        else:
            out[key] = _copied(value)
    return out


def _merge_reading(base: dict, over: dict) -> dict:
    out = dict(base)  # merge's own copy: only the keys the child writes are set anew
    for key, value in over.items():
        if key in _READING_DICTS and isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **_copied(value)}
        else:
            out[key] = _copied(value)
    return out


def _remove(path: str, out: dict, key: str, names: list) -> list[FileProblem]:
    problems = []
    if key in _ROW_DICTS or key == "tiers":
        container = out.get("rows", {})
    else:
        container = out
    current = container.get(key)
    for name in names:
        wanted = tuple(name) if isinstance(name, list) else name
        if isinstance(current, dict) and wanted in current:
            del current[wanted]
        elif isinstance(current, list) and any(_key(item, _KEYED_LISTS.get(key, "id")) == wanted for item in current if isinstance(item, dict)):
            container[key] = current = [item for item in current if not (isinstance(item, dict) and _key(item, _KEYED_LISTS.get(key, "id")) == wanted)]
        else:
            problems.append(FileProblem(path, f"remove.{key}", f"被继承的规则集中没有可删除的 {name}"))
    return problems
