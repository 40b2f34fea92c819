"""Input figures written as the form prints them — "1,250.5万元", "12505000元", "/", "不适用" —
read with the sheet's rule set: its "not given" marks make the figure undisclosed, its units and
conversions turn the figure into the unit the input is declared in.  Anything else stops the sheet
with a message naming the place, as a figure that is not a number does in any other form.

The case model keeps such a figure as written (`Figure.written`), because only the rule set knows
its vocabulary; both evaluation paths read the sheet through `read_figures` first.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..cases.model import Figure, Sheet
from ..errors import FileError, FileProblem
from ..numbers import FLAGS, not_a_number
from ..plain import replace
from ..rules.declared import InputDecl
from ..rules.model import RuleSet
from .readings import FigureTooLarge, Reading, ValueParseError, parse_value

_ANY_DIGIT = re.compile(r"\d")
# A plain amount wholly in brackets, maybe with its unit: "(3.704)", "（1,250.5万元）"; not words with a
# figure ("（调整后预算100）") nor a percentage
_ACCOUNTING = re.compile(r"[(（](?P<figure>[0-9][0-9,]*(?:\.[0-9]+)?)(?:万元|亿元|元)?[)）]")


def read_figures(sheet: Sheet, rules: RuleSet, where: str) -> Sheet:
    """``sheet`` with every written figure of its inputs and deduction counts read under
    ``rules`` (the same sheet when none is written, which is the usual case).  Raises FileError
    naming each figure that cannot be read."""
    if not any(f.written is not None for f in (*sheet.inputs.values(), *sheet.findings.values())):
        return sheet
    problems: list[FileProblem] = []
    inputs = {name: _read(fig, rules.inputs.get(name), rules.reading, where, f"inputs.{name}", problems) for name, fig in sheet.inputs.items()}
    findings = {name: _read(fig, None, rules.reading, where, f"findings.{name}", problems) for name, fig in sheet.findings.items()}
    if problems:
        raise FileError(where, problems)
    return replace(sheet, inputs=inputs, findings=findings)


def _read(fig: Figure, decl: InputDecl | None, reading: Reading, where: str, key: str, problems: list[FileProblem]) -> Figure:
    text = fig.written
    if text is None:
        return fig
    compact = "".join(text.split())
    flag = decl is not None and decl.type == "flag"
    if flag and compact.lower() in FLAGS:
        # a yes/no written as a case table writes it ("否"), in a case file too (review DB B7)
        return Figure(value=FLAGS[compact.lower()], source=fig.source, note=fig.note)
    # what a yes/no is refused with: said as such, not as a figure that is no number
    refused = f"“{text}”不是“是”或“否”（“{decl.label}”填 是/否 或 true/false）" if flag else not_a_number(text)
    accounting = _ACCOUNTING.fullmatch(compact)
    if accounting is not None and _ANY_DIGIT.search(accounting["figure"].replace("0", "")):
        # accounting's negative ("(3.704)", "（1,250.5万元）" in a spreadsheet's export): the figure or its
        # opposite, which the reader of a target's "（≥95%）" cannot tell (review DB B2); "(0)" is 0 either way
        inner = compact[1:-1]
        problems.append(FileProblem(where, key, f"“{text}”整个写在括号中：会计写法中括号表示负数，请写成“-{inner}”或“{inner}”"))
        return fig
    try:
        parsed = parse_value(text, reading)
    except FigureTooLarge as exc:
        # "2000000000000000元": the slip a bare figure so large is, named as that one is (an invalid
        # input, the sheet scored), not a text that is no number (review DT A4)
        return Figure(value=exc.number, source=fig.source, note=fig.note)
    except ValueParseError:
        problems.append(FileProblem(where, key, refused))
        return fig
    if parsed.kind == "none":
        note = f"表中印为“{text}”" + (f"；{fig.note}" if fig.note else "")
        return Figure(undisclosed=True, source=fig.source, note=note)
    if flag or parsed.kind != "number" or parsed.comparator is not None or parsed.approximate or parsed.upto is not None \
            or parsed.either_way or parsed.change:
        # "111.27±1", "100-120", "同比增长5%": a range or a change, no figure (the low end was taken: review FW A2)
        problems.append(FileProblem(where, key, refused))
        return fig
    if decl is None and parsed.unit is not None and not _counts_things(parsed.unit, reading):
        # a count of findings in 元 or %: "2538700元" is no number of findings (review FW A3)
        problems.append(FileProblem(where, key, f"“{text}”的单位是“{parsed.written_unit or parsed.unit}”：发现问题数应写处数（如“3”或“3处”）"))
        return fig
    value = _in_unit(parsed.number, parsed.unit, decl, reading)
    if value is None:
        wanted = f"“{decl.unit}”" if decl is not None and decl.unit else "无单位的数"
        problems.append(FileProblem(where, key, f"“{text}”的单位“{parsed.unit}”不能换算成{wanted}（规则文件 [reading.units] 未给出换算）"))
        return fig
    return Figure(value=value, source=fig.source, note=fig.note)


def _counts_things(unit: str, reading: Reading) -> bool:
    """Whether a unit counts things ("处", "个", "项"): not a share, nor a unit the rule file converts (money,
    lengths, weights, times), which measures an amount."""
    if unit in ("%", "‰"):
        return False
    return not any(unit == member for family in reading.unit_families.values() for member, _ in family)


def _in_unit(number: Decimal, unit: str | None, decl: InputDecl | None, reading: Reading) -> Decimal | None:
    """``number`` (written in ``unit``) in the input's declared unit, or None when the rule file
    declares no way there.  A count of findings (no declaration) takes any unit it is written in."""
    if unit is None or decl is None:
        return number
    wanted = reading.unit(decl.unit) if decl.unit else None
    if wanted is None or unit == wanted:
        return number if wanted is not None or unit in reading.known_units else None
    base, factor = reading.to_base(unit)
    wanted_base, wanted_factor = reading.to_base(wanted)
    if base != wanted_base:
        return None
    return _trimmed(number * factor / wanted_factor)


def _trimmed(value: Decimal) -> Decimal:
    """Without the zeros a conversion appends: 12505000 元 is 1250.5 万元, not 1250.5000."""
    exponent = value.normalize().as_tuple().exponent
    return value.quantize(Decimal(1).scaleb(min(exponent, 0))) if isinstance(exponent, int) else value
