"""scripts/name_directions.py, the rule authors' check of how bare row names are read, run as they run it."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_each_name_is_said_with_the_direction_its_row_was_scored_in():
    done = subprocess.run([sys.executable, "scripts/name_directions.py", "投诉件数", "受益人数", "项目完成率"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    said = {line.split("\t")[0]: line.split("\t")[1] for line in done.stdout.splitlines()}
    # a harm counted is fewer the better; people served and a rate of work done, the more the better
    assert said == {"投诉件数": "越低越好", "受益人数": "越高越好", "项目完成率": "越高越好"}, done.stdout


def test_the_names_of_the_snapshot_are_read_as_it_says():
    """Some 4,600 names from the rule files' worked examples, the shipped cases, test_rows.py and review rounds, each with the
    direction the national rules in effect read it in (tests/snapshots/name-directions.tsv): a revision of the
    readings changes none of them unless it means to, and then writes the snapshot again (`--write`)."""
    done = subprocess.run([sys.executable, "scripts/name_directions.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[0]) > 1000, done.stdout
