"""Every word the command line prints is Chinese: help, usage errors from the parser, validation
messages and operating-system errors — checked on the real CLI."""

from __future__ import annotations

import re

import pytest

from scoring.files.os_errors import describe
from scoring.problems import error_message

from conftest import SUINING_CASE, run_cli

COMMANDS = [
    ("score",), ("diff",), ("explain",), ("template",), ("import",), ("batch",), ("generate",),
    ("formulas",), ("formulas", "list"), ("formulas", "show"), ("formulas", "diff"), ("formulas", "new"),
    ("formulas", "validate"), ("formulas", "test"),
]
# English that click, typer or pydantic would print
ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|default:|required|Error|Missing|No such|Invalid|"
    r"Try |for help|Got unexpected|requires|does not|is not|Input should|Value error|Aborted|env var|"
    r"completion for|the current shell"
)


def _english_left(text: str) -> list[str]:
    return ENGLISH.findall(text)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_is_chinese(command):
    done = run_cli(*command, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("用法：scoring ") or done.stdout.startswith("用法：python -m scoring ")
    assert "显示此帮助并退出。" in done.stdout
    assert _english_left(done.stdout) == [], done.stdout


def test_the_top_level_help_is_chinese_with_typers_completion_options():
    done = run_cli("--help")
    assert done.returncode == 0
    assert "--install-completion  为当前 shell 安装命令补全。" in done.stdout
    assert _english_left(done.stdout) == [], done.stdout


def test_no_arguments_shows_the_help_in_chinese():
    done = run_cli()
    assert done.returncode == 2
    assert "用法：" in done.stderr and "命令：" in done.stderr and _english_left(done.stderr) == []


@pytest.mark.parametrize("args, expected", [
    (("diff",), "错误：缺少参数 案例文件"),
    (("diff", str(SUINING_CASE), "--nope"), "错误：没有选项 --nope"),
    (("diff", str(SUINING_CASE), "--form", "json"), "错误：没有选项 --form（是否想用 --format？）"),
    (("batch", "cases", "--jobs", "x"), "错误：--jobs / -j 的值无效：应为整数，得到“x”"),
    (("batch", "cases", "--jobs", "0"), "错误：--jobs / -j 的值无效：应大于或等于 1"),
    (("generate", "--error-rate", "2", "--out", "x"), "错误：--error-rate 的值无效：应小于或等于 1"),
    (("diff", str(SUINING_CASE), "extra"), "错误：多余的参数：extra"),
    (("nosuch",), "错误：没有命令“nosuch”"),
    (("formulas", "nosuch"), "错误：没有命令“nosuch”"),
    (("template", "sichuan.project", "--out"), "错误：选项 --out 需要一个值"),
    (("template", "sichuan.project"), "错误：xlsx 模板须用 --out 指定输出文件"),
    (("formulas", "new", "national.project@2020.1"), "错误：缺少选项 --version"),
    (("generate", "--out", str(SUINING_CASE)), "是文件，应为目录"),
])
def test_usage_errors_are_chinese(args, expected):
    done = run_cli(*args)
    assert done.returncode == 2
    assert expected in done.stderr, done.stderr
    assert _english_left(done.stderr) == [], done.stderr
    assert "Traceback" not in done.stderr


def test_a_usage_error_shows_the_usage_and_how_to_get_help():
    done = run_cli("diff")
    lines = done.stderr.splitlines()
    assert lines[0].startswith("用法：") and lines[0].endswith("diff [选项] {案例文件}")
    assert lines[1].startswith("运行“") and lines[1].endswith("diff --help”查看帮助。")


def test_validation_messages_of_a_case_are_chinese(tmp_path):
    case = tmp_path / "case.toml"
    case.write_text(
        '[case]\nid = "x"\nunit = "u"\nregion = []\nyear = 1800\nsource = "s"\nextra = 1\n'
        '[[sheets]]\nid = "a b"\ntitle = 3\nrules = "sichuan.project"\ncomplete = "maybe"\n',
        encoding="utf-8",
    )
    done = run_cli("diff", str(case))
    assert done.returncode == 2
    for expected in ("case.region: 至少要有 1 项", "case.year: 应大于或等于 1990", "case.extra: 未知的键",
                     "sheets[0].id: 格式不符", "sheets[0].title: 应为文本", "sheets[0].complete: 应为 true 或 false"):
        assert expected in done.stderr, done.stderr
    assert _english_left(done.stderr) == [], done.stderr


def test_validation_messages_cover_the_error_types_the_models_raise():
    from pydantic import BaseModel, Field, ValidationError

    class Model(BaseModel):
        number: int = Field(ge=0, le=5)
        amount: float = 0
        flag: bool = False
        items: list[int] = Field(default=[], min_length=1)
        text: str = Field(default="x", pattern=r"^[a-z]+$", max_length=3)

    for data in ({}, {"number": "x"}, {"number": -1}, {"number": 9}, {"number": 1.5}, {"number": 1, "amount": "y"},
                 {"number": 1, "flag": "perhaps"}, {"number": 1, "items": []}, {"number": 1, "items": "s"},
                 {"number": 1, "text": "ABCD"}, {"number": 1, "text": 5}):
        with pytest.raises(ValidationError) as caught:
            Model.model_validate(data)
        for error in caught.value.errors():
            message = error_message(error)
            assert re.search(r"[\u4e00-\u9fff]", message) and not _english_left(message), (error, message)


def test_operating_system_errors_are_chinese(tmp_path):
    import errno

    for code in (errno.ENOENT, errno.EACCES, errno.EISDIR, errno.ENOSPC, errno.EROFS, errno.ENOTDIR, errno.ECHILD):
        text = describe(OSError(code, "English text"))
        assert "English" not in text and text
    assert describe(OSError(errno.ENOSPC, "x")) == "磁盘已满"
    done = run_cli("diff", str(tmp_path))
    assert done.returncode == 2 and "无法读取文件（是目录）" in done.stderr
    done = run_cli("diff", str(tmp_path / "none.toml"))
    assert done.returncode == 2 and "文件或目录不存在" in done.stderr
    assert _english_left(done.stderr) == []
