"""Installed as people install a command-line tool: the wheel, in a fresh virtual environment, run
from a folder that is not the checkout.  Also the tool's version and where the rule files come
from (the shipped ones, `SCORING_RULES_DIR`, `--rules-dir`)."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from scoring import __version__

from conftest import CASES, FORMULAS, ROOT, in_effect, run_cli, shipped_sheet_count

SHIPPED = sorted(path.relative_to(FORMULAS).as_posix() for path in FORMULAS.rglob("*.toml"))
HUNAN = "hunan-miluo-shgzb-2024.toml"


def _run(args: list, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    return done


def _clean_env() -> dict[str, str]:
    # nothing may lead the installed tool back to the checkout
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "SCORING_RULES_DIR", "VIRTUAL_ENV")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from a copy of the sources (the checkout stays clean), installed with its
    dependencies into a new virtual environment; returns its bin folder."""
    root = tmp_path_factory.mktemp("install")
    src = root / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("scoring", "formulas"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    built = _run([*pip, "wheel", "--no-deps", "-q", "-w", root / "wheels", src])
    assert built.returncode == 0, built.stderr
    (wheel,) = (root / "wheels").glob("scoring-*.whl")
    target = root / "venv"
    venv.create(target, with_pip=False)  # pip of this interpreter installs into it (--python)
    bin_dir = target / ("Scripts" if os.name == "nt" else "bin")
    # --no-compile: the bytecode of every dependency's every module, compiled at install, was 3 s of the suite; the
    # tool's processes compile the modules they import (into the suite's PYTHONPYCACHEPREFIX, conftest.py)
    done = _run([*pip, "--python", bin_dir / "python", "install", "-q", "--no-compile", wheel])
    assert done.returncode == 0, done.stderr
    return bin_dir


def test_the_wheel_carries_the_rule_files_and_runs_outside_the_checkout(installed, tmp_path):
    scoring = installed / "scoring"
    shutil.copy(CASES / HUNAN, tmp_path / HUNAN)
    env = _clean_env()

    version = _run([scoring, "--version"], cwd=tmp_path, env=env)
    assert version.stdout.strip() == f"scoring {__version__}"

    listed = _run([scoring, "formulas", "list"], cwd=tmp_path, env=env)
    assert listed.returncode == 0, listed.stderr
    assert "site-packages" in listed.stdout and str(ROOT) not in listed.stdout  # the installed copy, not the checkout
    for path in SHIPPED:
        assert f"scoring/formulas/{path}" in listed.stdout.replace(os.sep, "/")
    # the ledger of released versions travels with them, and the installed tool validates its own files: the file
    # in effect for Hunan, checked against the ledger and its worked examples run (the checkout's suite validates
    # every shipped file; all of them here again would be a cold run of every worked example, some 16 s)
    (ledger,) = installed.parent.glob("lib/python*/site-packages/scoring/formulas/versions.lock")
    # … byte for byte the checkout's, every one (review of d4b9d97 C5: the validation below reads one)
    for path in [*SHIPPED, "versions.lock"]:
        assert (ledger.parent / path).read_bytes() == (FORMULAS / path).read_bytes(), path
    hunan = ledger.parent / in_effect(FORMULAS, "hunan.dept-overall", 2024).resolve().relative_to(FORMULAS.resolve())
    validated = _run([scoring, "formulas", "validate", hunan], cwd=tmp_path, env=env)
    assert validated.returncode == 0 and "未发布" not in validated.stdout, validated.stdout + validated.stderr
    assert "通过：hunan.dept-overall@" in validated.stdout

    diff = _run([scoring, "diff", HUNAN, "--format", "json"], cwd=tmp_path, env=env)
    assert diff.returncode == 1, diff.stderr  # the Hunan over-claim on 预算执行率
    report = json.loads(diff.stdout)
    execution = next(i for i in report["sheets"][0]["indicators"] if i["id"] == "execution")
    assert (execution["claimed"], execution["computed"], execution["status"]) == ("9.2", "9.01", "over")
    assert report["scoring_version"] == __version__

    # a plain install must not take next year's rules into its own folder
    new = _run([scoring, "formulas", "new", "hunan.dept-overall@2024.1", "--version", "2025.1"], cwd=tmp_path, env=env)
    assert new.returncode == 2 and "安装目录" in new.stderr and "--out" in new.stderr


def test_the_installed_tool_reads_another_rule_folder_from_the_environment(installed, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(FORMULAS / "sichuan" / "dept-overall-2024.toml", rules / "sichuan.toml")
    env = {**_clean_env(), "SCORING_RULES_DIR": str(rules)}
    listed = _run([installed / "scoring", "formulas", "list"], cwd=tmp_path, env=env)
    assert listed.returncode == 0, listed.stderr
    assert "sichuan.dept-overall@2024.1" in listed.stdout and "hunan" not in listed.stdout


def test_version_is_single_sourced():
    done = run_cli("--version")
    assert done.returncode == 0
    # the installed metadata (pyproject reads scoring.__version__) and the package say the same
    assert done.stdout.strip() == f"scoring {__version__}" == f"scoring {importlib.metadata.version('scoring')}"


def test_rules_dir_option_then_environment_then_shipped_files(tmp_path):
    only = tmp_path / "only-sichuan"
    only.mkdir()
    shutil.copy(FORMULAS / "sichuan" / "dept-overall-2024.toml", only / "s.toml")
    env = {"SCORING_RULES_DIR": str(only)}
    from_env = run_cli("formulas", "list", env=env)
    assert from_env.returncode == 0 and "sichuan.dept-overall@2024.1" in from_env.stdout and "hunan" not in from_env.stdout
    # --rules-dir wins over the environment
    option = run_cli("formulas", "list", "--rules-dir", str(FORMULAS), env=env)
    assert "hunan.dept-overall@2024.1" in option.stdout
    # the variable reaches every command, batch workers included: only the Sichuan department sheet has rules
    batch = run_cli("batch", str(CASES), "--jobs", "2", "--timeout", "30", "--format", "json", env=env)
    summary = json.loads(batch.stdout)
    assert [s["rules"] for s in summary["sheets"]] == ["sichuan.dept-overall@2024.1"] and summary["counts"]["failed"] == shipped_sheet_count() - 1
    missing = run_cli("formulas", "list", env={"SCORING_RULES_DIR": str(tmp_path / "nowhere")})
    assert missing.returncode == 2 and "SCORING_RULES_DIR" in missing.stderr and "不存在" in missing.stderr
    shipped = run_cli("formulas", "list")
    assert all(ref in shipped.stdout for ref in ("sichuan.dept-overall@2024.1", "national.project@2020.1"))
