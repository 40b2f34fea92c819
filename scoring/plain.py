"""Plain frozen objects: what the engine reads once validation is done.

Compiled rule sets (`rules.model`, `rules.declared`) and cases (`cases.model`) are made of these,
so a command that scores from the cached rule library and a well-formed case file never imports
pydantic, which only the file formats' schemas (`rules.schema`, `rules.declarations`,
`cases.schema`) need.

A class lists its fields as annotations, with class-level defaults, as a dataclass does; making
one costs a few microseconds (`dataclasses.dataclass` costs about half a millisecond a class, and
there are some thirty).  Instances take keyword arguments only and check nothing: their makers
(the compiler, the case schema, the quick case reader) hand them validated values.  Fields cannot
be set after construction; names starting with "_" are private, set freely (`Sheet._lines`), and
compared like fields, as pydantic compares its private attributes.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal as _Decimal
from typing import Any, TypeVar

T = TypeVar("T", bound="Plain")
_MUTABLE = (dict, list, set)


class Plain:
    """Base of every plain object: keyword construction, frozen fields, value equality, pickling."""

    _fields: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}
    _privates: dict[str, Any] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = list(cls._fields)
        defaults = dict(cls._defaults)
        privates = dict(cls._privates)
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():
            if "ClassVar" in str(annotation):
                continue
            if name.startswith("_"):
                privates[name] = cls.__dict__.get(name)
                continue
            if name not in fields:
                fields.append(name)
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
        cls._fields, cls._defaults, cls._privates = tuple(fields), defaults, privates

    def _complete(self: T) -> T:
        """The object with every field in its dict (a rule set read back from the cache keeps some
        pickled until asked for: `rules.model.RuleSet`)."""
        return self

    def __init__(self, **values: Any) -> None:
        own = self.__dict__
        defaults = self._defaults
        for name in self._fields:
            if name in values:
                own[name] = values.pop(name)
            elif name in defaults:
                default = defaults[name]
                own[name] = default.copy() if type(default) in _MUTABLE else default
            else:
                raise TypeError(f"{type(self).__name__}: missing field {name!r}")
        if values:
            raise TypeError(f"{type(self).__name__}: unknown field(s) {', '.join(map(repr, values))}")
        own.update(self._privates)

    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_"):
            raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *(self.__dict__[name] for name in self._fields)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={self.__dict__[n]!r}' for n in self._fields)})"

    def __str__(self) -> str:
        # as pydantic's models print: "id='s1' title='…'"
        return " ".join(f"{n}={self.__dict__[n]!r}" for n in self._fields)

    def __iter__(self):
        """(name, value) of each field, as pydantic's models iterate: ``dict(obj)`` works."""
        return ((n, self.__dict__[n]) for n in self._fields)

    # Transitional: the pydantic-style names the tests and benchmarks call (scoring/ itself uses
    # `replace` and `dump`).
    def model_copy(self: T, update: dict[str, Any] | None = None) -> T:
        return replace(self, **(update or {}))

    def model_dump(self, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        return dump(self, mode, exclude_none)


def replace(obj: T, **changes: Any) -> T:
    """A copy of ``obj`` with ``changes`` (fields only; private attributes are kept), as
    `dataclasses.replace` and pydantic's ``model_copy(update=…)``; nothing is validated.  A
    dataclass is handed to `dataclasses.replace`."""
    if not isinstance(obj, Plain):
        import dataclasses

        return dataclasses.replace(obj, **changes)
    unknown = [name for name in changes if name not in obj._fields]
    if unknown:
        raise TypeError(f"{type(obj).__name__}: unknown field(s) {', '.join(map(repr, unknown))}")
    new = object.__new__(type(obj))
    new.__dict__.update(obj._complete().__dict__)
    new.__dict__.update(changes)
    return new


def dump(value: Any, mode: str = "python", exclude_none: bool = False) -> Any:
    """``value`` as plain data, as pydantic's ``model_dump(mode=…, exclude_none=…)`` gives it:
    fields in their order, private attributes left out; with mode "json", Decimals as strings and
    dates in ISO form."""
    if isinstance(value, Plain):
        out = {}
        own = value._complete().__dict__
        for name in value._fields:
            item = own[name]
            if item is None and exclude_none:
                continue
            out[name] = dump(item, mode, exclude_none)
        hook = getattr(value, "_dumped", None)  # an object whose plain data says more than its fields
        return out if hook is None else hook(out)
    if isinstance(value, dict):
        return {k: dump(v, mode, exclude_none) for k, v in value.items()}
    if isinstance(value, list):
        return [dump(v, mode, exclude_none) for v in value]
    if isinstance(value, tuple):
        items = [dump(v, mode, exclude_none) for v in value]
        return items if mode == "json" else tuple(items)
    if mode == "json":
        if isinstance(value, _Decimal):
            return str(value)
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()
        if isinstance(value, (set, frozenset)):
            return [dump(v, mode, exclude_none) for v in value]
    return value


def dump_json(value: Any, exclude_none: bool = False) -> str:
    """``value`` as compact JSON, as pydantic's ``model_dump_json`` writes it."""
    import json

    return json.dumps(dump(value, "json", exclude_none), ensure_ascii=False, separators=(",", ":"))
