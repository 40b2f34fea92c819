"""What evaluation records besides the scores: nothing, or the whole trace.

Evaluation takes a recorder.  The full one (`FULL`) records what `score`, `diff` and `explain`
show: every input an indicator read (with its source and state), every intermediate value and
parameter with its value, the method a row was scored by, the expression and band each part
took, and the notes on caps and rounding.  The null one (`NULL`) records nothing: scores,
states, reasons and findings are the same, only the explanation is left out, so a batch or a
what-if that never shows it does not pay for it.  `engine.lean` goes further for batches: its
generated code has no recorder at all.
"""

from __future__ import annotations

from .results import IndicatorResult, InputUse, PartResult, ValueUse


class Recorder:
    """Records nothing (the null recorder); `FullRecorder` records the trace."""

    traced = False

    def input(self, into: dict[str, InputUse], use: InputUse) -> None:
        """An input the path read."""

    def value(self, into: dict[str, ValueUse] | list[ValueUse], use: ValueUse, first: bool = False) -> None:
        """An intermediate value, parameter or reading the path used; ``first`` puts it ahead of
        those already recorded (a row's method is shown before the readings that chose it)."""

    def part(self, part: PartResult, expression: object = None, band: str = "") -> None:
        """The expression a part was scored with, and its band."""

    def note(self, result: IndicatorResult, text: str) -> None:
        """A note on a cap or a rounding applied to an indicator."""


class FullRecorder(Recorder):
    """Records the whole trace into the results."""

    traced = True

    def input(self, into: dict[str, InputUse], use: InputUse) -> None:
        into[use.name] = use

    def value(self, into: dict[str, ValueUse] | list[ValueUse], use: ValueUse, first: bool = False) -> None:
        if isinstance(into, dict):
            into[use.name] = use
        elif first:
            into.insert(0, use)
        else:
            into.append(use)

    def part(self, part: PartResult, expression: object = None, band: str = "") -> None:
        if expression is not None:
            part.expression = str(expression)
        if band:
            part.band = band

    def note(self, result: IndicatorResult, text: str) -> None:
        result.notes.append(text)


NULL = Recorder()
FULL = FullRecorder()
