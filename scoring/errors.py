"""The project's own error types. Every message is meant for finance staff and names its place."""

from __future__ import annotations

from dataclasses import dataclass


class ScoringError(Exception):
    """Input that cannot be used: a malformed file, an unknown rule set, a bad figure."""


@dataclass(frozen=True)
class FileProblem:
    """One problem in one file, at one key (dotted path, e.g. ``indicators[3].bands[0].upper``)."""

    path: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.key}: {self.message}"


class FileError(ScoringError):
    """A rule or case file cannot be used. Carries every problem found in it, each with its key."""

    def __init__(self, path: str, problems: list[FileProblem]):
        self.path = path
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):
        # a library whose folder holds a broken file is cached with it (`rules.library`): read
        # back, the error is rebuilt from its parts, not from the joined message alone
        return (type(self), (self.path, self.problems))
