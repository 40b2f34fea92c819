"""Every shipped case's `scoring diff --format json`, and the batch over cases/, is byte for byte
the checked-in snapshot (tests/snapshots/, written by scripts/snapshot_cases.py)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_shipped_cases_give_the_snapshot_json():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "snapshot_cases.py"), "--check"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "JSON and exit codes as in the snapshots" in done.stdout
