"""Straight-line code that reads one case-table header's cells under one rule set.

`lean_table` reads a row's inputs and claims column by column.  Written as a loop over the
columns, the loop itself (unpacking each column's plan, testing which check applies) costs
more than the reading; a batch of a million rows reads the same columns of the same header a
million times.  So for each header and rule set the reader writes the loop out once, one block
per column, and runs that instead.  The blocks do exactly what one turn of the loop does
(`read_input`, `read_claim` are that turn, and the blocks fall back on them for anything but a
plain number that passes its declaration's check), in the same order, so the findings come in
the same order too.

Safety: no text of the header or the rule file becomes code.  The source holds only column
positions (integers) and names this module makes up (``n3``, ``s3`` …); every input name, spec,
minimum and helper is bound as an object in the namespace the code runs in, which has no
builtins.
"""

from __future__ import annotations

from collections.abc import Callable

# The check a declaration makes of a plain number: none, at least a minimum, a whole number at
# least a minimum, or another (a flag, a maximum, a whole number without a minimum).
ANY, AT_LEAST, WHOLE_AT_LEAST, OTHER = 0, 1, 2, 3


def reader_source(inputs: list[tuple], claims: list[tuple[int, tuple[int, ...]]]) -> tuple[str, dict[str, object]]:
    """The source of ``read(c, x, states, found, where)`` for a header's ``inputs`` (name, its
    one column or -1, all its columns, spec, check, minimum — `lean_table._Plan.inputs`) and its
    indicators' ``claims`` (one column or -1, all columns), and the objects its names stand for
    (besides the helpers `compile_reader` adds)."""
    lines = ["def read(c, x, states, found, where):"]
    bound: dict[str, object] = {}
    for k, (name, column, columns, spec, check, minimum) in enumerate(inputs):
        bound[f"n{k}"], bound[f"s{k}"], bound[f"m{k}"], bound[f"a{k}"] = name, spec, minimum, spec.absent
        if column >= 0:
            lines.append(f"    t = c[{int(column)}].strip()")
        else:
            bound[f"o{k}"] = tuple(columns)
            lines += [f"    t = ONE(c, o{k})", "    if t is None:", "        return None"]
        slow = f"READ(t, n{k}, s{k}, {int(check)}, m{k}, x, states, found, where)"
        lines.append("    if t:")
        if check == OTHER:
            lines += [f"        if not {slow}:", "            return None"]
        else:
            test = {ANY: "v is not None", AT_LEAST: f"v is not None and v >= m{k}",
                    WHOLE_AT_LEAST: f"v is not None and v >= m{k} and '.' not in t"}[check]
            lines += [
                "        v = NUMBERS[t]",
                f"        if {test}:",
                f"            x[n{k}] = v",
                f"        elif not {slow}:",
                "            return None",
            ]
        lines += ["    else:", f"        a{k}(x, states, found, where)"]
    names = []
    for k, (column, columns) in enumerate(claims):
        names.append(f"c{k}")
        if not columns:
            lines.append(f"    c{k} = None")
            continue
        if column >= 0:
            lines.append(f"    t = c[{int(column)}].strip()")
        else:
            bound[f"f{k}"] = tuple(columns)
            lines += [f"    t = FIRST(c, f{k})", "    if t is None:", "        return None"]
        lines += [
            "    if t:",
            f"        c{k} = NUMBERS[t]",
            f"        if c{k} is None:",
            "            return None",
            "    else:",
            f"        c{k} = None",
        ]
    lines.append(f"    return [{', '.join(names)}]")
    return "\n".join(lines) + "\n", bound


def compile_reader(inputs: list[tuple], claims: list[tuple[int, tuple[int, ...]]], helpers: dict[str, Callable]) -> Callable:
    """`reader_source` compiled, with ``helpers`` (NUMBERS, READ, ONE, FIRST) bound."""
    source, bound = reader_source(inputs, claims)
    namespace: dict[str, object] = {"__builtins__": {}, **helpers, **bound}
    exec(compile(source, "<case-table reader>", "exec"), namespace)  # noqa: S102 - integers and made-up names only
    return namespace["read"]  # type: ignore[return-value]
