"""Shared fixtures: the shipped rule files and cases, and a way to score one indicator."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from scoring import Engine, Sheet, load_rule_dir

# The compiled-rules cache of this test session (and of every CLI it runs) lives in its own folder,
# never in the user's; tests of the cache itself point it elsewhere.
os.environ["SCORING_CACHE_DIR"] = tempfile.mkdtemp(prefix="scoring-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
FORMULAS = ROOT / "formulas"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED004_CASE = CASES / "sichuan-suining-anju-jxb-2024.toml"


@pytest.fixture(scope="session")
def library():
    lib = load_rule_dir(FORMULAS)
    assert not lib.failures, lib.failures
    return lib


@pytest.fixture(scope="session")
def sichuan(library):
    return library.find("sichuan.dept-overall@2024.1")


@pytest.fixture(scope="session")
def score_indicator(sichuan):
    """Score one Sichuan indicator from the given inputs; every other input is undisclosed,
    except those the rule file gives a default (left out, so the default applies)."""
    engine = Engine()

    def run(indicator_id: str, **inputs):
        figures = {name: {"undisclosed": True} for name, decl in sichuan.inputs.items() if decl.default is None}
        for name, value in inputs.items():
            figures[name] = {"value": value if isinstance(value, bool) else Decimal(str(value))}
        sheet = Sheet(id="t", title="t", rules=sichuan.ref, inputs=figures)
        result = engine.score_sheet(sheet, sichuan, "test", 2024)
        return next(i for i in result.indicators if i.id == indicator_id)

    return run


def shipped_sheet_count() -> int:
    """How many sheets the shipped case files hold, counted from the files."""
    import tomllib

    return sum(len(tomllib.loads(path.read_text(encoding="utf-8"))["sheets"]) for path in CASES.glob("*.toml"))


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a user would; ``env`` adds to the environment."""
    environment = {**os.environ, **env} if env else None
    return subprocess.run([sys.executable, "-m", "scoring", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=environment)
