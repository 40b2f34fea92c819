"""`scoring serve`: the web app for a bureau's staff (scoring/web/)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import fail, say_compiling
from .options import RulesDir


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（默认只允许本机访问；其他地址必须设置访问令牌）"),
    port: int = typer.Option(8000, "--port", help="端口"),
    data: Path = typer.Option(Path("scoring-data"), "--data", help="数据目录：数据库文件和上传时的临时文件都只写在这里", file_okay=False),
    database: Optional[str] = typer.Option(None, "--database", help="数据库 URL（SQLAlchemy 格式，如 postgresql+psycopg://user@host/db，驱动须已安装）；默认为数据目录中的 SQLite 文件 scoring.db"),
    token_file: Optional[Path] = typer.Option(None, "--token-file", help="访问令牌所在的文件（也可用环境变量 SCORING_TOKEN）", dir_okay=False),
    max_file_mb: int = typer.Option(8, "--max-file-mb", help="每个上传文件（含压缩包内每个文件）的大小上限，MiB"),
    max_request_mb: int = typer.Option(64, "--max-request-mb", help="一次上传的总大小上限，MiB"),
    rules_dir: Optional[Path] = RulesDir,
) -> None:
    """启动网页服务：单位在线填报并即时计分，财政部门批量上传、复核、重新复核并保留历史。"""
    import os

    try:
        import uvicorn

        from ..web.app import Settings, create_app
        from ..web.security import is_loopback
        from ..web.service import Limits
    except ImportError as exc:
        fail(f"网页服务所需的组件未安装（缺少 {exc.name}）。请运行：python -m pip install 'scoring[web]'"
              f"（在源码目录中：python -m pip install -e '.[web]'）")
    from ..errors import ScoringError

    token = os.environ.get("SCORING_TOKEN") or None
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip() or None
        except OSError as exc:
            fail(f"无法读取令牌文件 {token_file}：{exc.strerror or exc}")
    if token is not None and len(token) < 16:
        fail("访问令牌太短：至少 16 个字符（可用 python -c \"import secrets; print(secrets.token_urlsafe(24))\" 生成）")
    if not is_loopback(host) and token is None:
        fail(f"拒绝启动：监听 {host} 会让其他计算机访问本服务，必须先设置访问令牌（--token-file 文件 或 环境变量 SCORING_TOKEN）。"
              "只在本机使用时请用默认地址 127.0.0.1。")
    if min(max_file_mb, max_request_mb) < 1:
        fail("上传大小上限至少为 1 MiB")
    limits = Limits(file_bytes=max_file_mb << 20, request_bytes=max_request_mb << 20, zip_total=max(max_request_mb, max_file_mb) << 21)
    from ..rules.library import load_rule_dir

    try:
        # compiled now, where the cache does not hold them (said at a terminal): not while the first visitor waits
        load_rule_dir(rules_dir, read_every_file=True, compiling=say_compiling)
    except ScoringError:
        pass  # an unusable folder is said by every page that needs it, as before
    try:
        application = create_app(Settings(data_dir=data, database_url=database, rules_dir=rules_dir, token=token, limits=limits))
    except ScoringError as exc:
        fail(str(exc))
    except ModuleNotFoundError as exc:  # the database URL names a driver that is not installed
        fail(f"无法启动：数据库 URL {database} 所需的驱动 {exc.name} 未安装：请先安装它（如 python -m pip install {exc.name}），"
             "或在 URL 中写明已安装的驱动（如 postgresql+psycopg://…）")
    except Exception as exc:  # noqa: BLE001 - a database URL or folder that can't be used: say which
        fail(f"无法启动：{type(exc).__name__}: {exc}")
    upgrade = application.state.upgrade
    if upgrade["added"] or upgrade["relaxed"]:
        changed = [f"新增 {'、'.join(upgrade['added'])}"] if upgrade["added"] else []
        changed += [f"{'、'.join(upgrade['relaxed'])} 可为空"] if upgrade["relaxed"] else []
        graded = f"；{upgrade['graded']} 张表已补记等级" if "results.grade" in upgrade["added"] else ""
        left = f"，{upgrade['ungraded']} 张表的规则已变，等级待“按现行规则重新复核全部”后记录" if upgrade["ungraded"] else ""
        typer.echo(f"数据库已升级（{'；'.join(changed)}）{graded}{left}", err=True)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"复核服务已启动：http://{shown}:{port}/ （数据目录 {data}；按 Ctrl+C 停止）", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)


def register(app: typer.Typer) -> None:
    """Add `serve` to ``app``."""
    app.command()(serve)
