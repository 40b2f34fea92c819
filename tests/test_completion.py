"""Shell completion: the script typer writes for each shell, the answers the program gives to it,
and `--install-completion` writing into the user's shell set-up.  `--help` stays light."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, run_cli

# typer detects the user's shell from the process tree; under a test runner that is whatever
# started it, so the shell is named on the command line instead (typer's own switch for that).
NAMED_SHELL = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}


def _complete(words: str) -> list[str]:
    """What bash completion gets for the command line ``words`` (the cursor after the last word)."""
    env = {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)), "_SCORING_COMPLETE": "complete_bash"}
    done = run_cli(env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_completion_script_for_each_shell():
    bash = run_cli("--show-completion", "bash", env=NAMED_SHELL)
    assert bash.returncode == 0
    assert "_SCORING_COMPLETE=complete_bash" in bash.stdout and "complete -o default -F _scoring_completion scoring" in bash.stdout
    for shell, marker in (("zsh", "#compdef scoring"), ("fish", "complete --command scoring"), ("powershell", "Register-ArgumentCompleter")):
        done = run_cli("--show-completion", shell, env=NAMED_SHELL)
        assert done.returncode == 0 and marker in done.stdout, (shell, done.stdout[:200])


def test_the_program_answers_completion_requests():
    assert _complete("scoring form") == ["formulas"]
    assert _complete("scoring formulas ") == ["list", "show", "diff", "new", "validate", "test", "compile"]
    assert "--format" in _complete("scoring diff --f")
    assert _complete("scoring batch --re") == ["--report"]


def test_install_completion_writes_into_the_users_shell_setup(tmp_path):
    env = {**NAMED_SHELL, "HOME": str(tmp_path), "SHELL": "/bin/bash"}
    done = run_cli("--install-completion", "bash", env=env)
    assert done.returncode == 0, done.stderr
    script = tmp_path / ".bash_completions" / "scoring.sh"
    assert "_SCORING_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def test_help_loads_none_of_the_heavy_modules():
    """`scoring --help` starts in well under 0.2 s because it imports only the command line
    (typer/click); the models, tables and workbooks load when a command runs."""
    code = (
        "import sys\nsys.argv = ['scoring', '--help']\n"
        "from scoring.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pydantic', 'rich', 'openpyxl', 'tabulate', 'simpleeval', 'tomlkit') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, env={**os.environ})
    assert "--install-completion" in done.stdout and "--version" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"
