"""The typer application of `scoring`: its command groups, each registered here.

`review` (score, diff, explain), `forms` (template, import), `serve`, `batch` (batch, generate)
and `formulas` each define their commands and a `register(app)`; `options` holds the options they
share, `common` the helpers, `chinese` the command line's own words in Chinese, `progress` the
progress line of long runs.  Heavy modules are imported inside the commands, so that
`scoring --help` stays fast.
"""

from __future__ import annotations

import typer

from . import batch, forms, formulas, review, serve
from .chinese import App

# Plain help text (rich_markup_mode=None): rendering it through rich costs ~150 ms of imports
# on every `--help`, for boxes a terminal of finance staff doesn't need.
app = App(
    # --install-completion / --show-completion: typer's completion for bash, zsh, fish, PowerShell
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    no_args_is_help=True,
    help="按版本化的规则文件重新计算预算绩效自评得分，并指出自评得分与规则不符之处。",
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"scoring {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True, help="显示版本号并退出"),
) -> None:
    # Options of `scoring` itself; the commands are registered below.
    pass


# In the order `scoring --help` lists them (command groups after commands).
for group in (review, forms, serve, batch, formulas):
    group.register(app)
