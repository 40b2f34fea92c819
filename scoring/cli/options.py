"""Options more than one command takes, declared once for typer."""

from __future__ import annotations

import typer

RulesDir = typer.Option(None, "--rules-dir", help="规则文件目录（默认：环境变量 SCORING_RULES_DIR，否则随附的规则文件）", file_okay=False)
