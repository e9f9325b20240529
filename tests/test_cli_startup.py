"""`thidua --help` and `--version` answered without Click (generator/cli/__init__.py): the stored
help is Click's own, and every way of starting gives what Click gives, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator import cli
from generator.cli.help_text import HELP

# The command as it was before the shortcuts: generator.cli.run, always through Click.
THROUGH_CLICK = ("import generator.cli as cli; cli._answer_without_click = lambda args: None; "
                 "cli.run()")
# The command as installed: generator.cli.run (python -m generator runs it), and
# whether Click was imported is written last on stderr, after Click's sys.exit too.
THROUGH_RUN = ("import atexit, sys; atexit.register(lambda: sys.stderr.write("
               "'click imported' if 'click' in sys.modules else '')); "
               "from generator.cli import run; run()")
SHORTCUTS = ["--help", "-h", "--version", "-V"]


def started(code: str, args: list[str], env: dict[str, str], stdout=subprocess.PIPE):
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    environment.setdefault("PYTHONIOENCODING", "utf-8")
    environment.update(env)
    result = subprocess.run([sys.executable, "-c", code, *args], stdout=stdout,
                            stderr=subprocess.PIPE, env=environment, check=False)
    return result.returncode, result.stdout, result.stderr.decode("utf-8")


def width_of(columns: str | None) -> int:
    """Click's help width for COLUMNS=*columns* when the output is not a terminal."""
    try:
        number = int(columns or "")
    except ValueError:
        number = 0
    return max(min(number if number > 0 else 80, 100) - 2, 50)


def through_click(args: list[str], **env: str):
    return started(THROUGH_CLICK, args, env)


@pytest.mark.parametrize(("width", "columns"), [(78, 80), (98, 100)])
def test_the_stored_help_is_what_click_renders(width, columns):
    code, out, err = through_click(["--help"], COLUMNS=str(columns))
    assert (code, err) == (0, "")
    assert HELP[width] == out.decode("utf-8"), \
        "the group's help changed: run python tools/make_help_text.py"


# COLUMNS unset: the output is not a terminal, Click takes 80 columns.
@pytest.mark.parametrize("columns", [None, "80", "100", "160", "90", "30", "0", "x"])
@pytest.mark.parametrize("args", [[a] for a in SHORTCUTS])
def test_the_shortcuts_print_what_click_prints(args, columns):
    env = {} if columns is None else {"COLUMNS": columns}
    code, out, err = started(THROUGH_RUN, args, env)
    expected_code, expected_out, expected_err = through_click(args, **env)
    assert (code, out) == (expected_code, expected_out)
    stored = args[0] in ("--version", "-V") or width_of(columns) in HELP
    assert err == expected_err + ("" if stored else "click imported")


@pytest.mark.parametrize(("args", "env"), [
    (["--help", "--version"], {}),
    (["validate", "--help"], {}),
    ([], {}),
    (["--help"], {"PYTHONIOENCODING": "ascii"}),
    (["--help"], {"PYTHONIOENCODING": "latin-1"}),
    (["--help"], {"_THIDUA_COMPLETE": "bash_source"}),
])
def test_anything_else_goes_through_click(args, env):
    code, out, err = started(THROUGH_RUN, args, env)
    expected_code, expected_out, expected_err = through_click(args, **env)
    assert (code, out, err) == (expected_code, expected_out, expected_err + "click imported")


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_a_reader_that_has_gone_ends_it_as_click_does(args):
    read, write = os.pipe()
    os.close(read)
    try:
        ours = started(THROUGH_RUN, args, {}, stdout=write)
        theirs = started(THROUGH_CLICK, args, {}, stdout=write)
    finally:
        os.close(write)
    assert ours[0] == theirs[0] == 1
    assert ours[2] == theirs[2] == ""


@pytest.mark.parametrize("columns", ["1", "50", "52", "80", "99", "100", "101", "500", "-3",
                                     "", "abc"])
def test_the_width_is_clicks(monkeypatch, columns):
    import click.formatting
    monkeypatch.setenv("COLUMNS", columns)
    assert cli.help_width() == click.formatting.HelpFormatter(max_width=100).width


def test_the_group_is_still_importable_from_the_package():
    from generator.cli import main
    from generator.cli.commands import main as group
    assert main is group
    with pytest.raises(AttributeError):
        cli.nothing_here  # noqa: B018
