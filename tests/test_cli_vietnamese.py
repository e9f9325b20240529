"""Every text a clerk reads from the command line is Vietnamese: Click's help, usage lines and
usage errors, the interruption message, the operating system's errors."""

from __future__ import annotations

import errno
import re

import click
import pytest

from generator import messages
from generator.cli import main

# Click's English, as it would print it (words of its own, not file names or option names).
ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Show this message|Show the version|\[required\]|\[default:|"
    r"Error:|Invalid value|Missing (argument|option|parameter|command)|No such (option|command)|"
    r"Try '|for help|does not exist|is a (file|directory)|is not (one of|a valid|readable)|"
    r"Got unexpected|requires an argument|does not take a value|Did you mean|Aborted|"
    r"\[OPTIONS\]|COMMAND \[ARGS\]|\b(PATH|TEXT|INTEGER|FLOAT|FILE|DIRECTORY|RANGE)\b|"
    r"Permission denied|Not a directory|No such file")


def commands(group: click.Group = main, prefix: tuple[str, ...] = ()
             ) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = commands()


def usage_errors(command: tuple[str, ...]) -> list[list[str]]:
    """Calls of *command* that Click refuses: no arguments, an unknown option, a missing file,
    a wrong value for every option that takes one."""
    calls = [[*command, "--khong-co"], [*command, "thua", "thua", "thua", "thua"]]
    target = main
    for name in command:
        target = target.commands[name]  # type: ignore[attr-defined]
    if command:
        calls.append(list(command))
        calls.append([*command, "khong-co-tep.json", "khong-co-tep-2.json"])
    for param in target.params:
        if isinstance(param, click.Option) and not param.is_flag and param.opts[0] != "--help":
            calls.append([*command, param.opts[-1]])                 # a value is missing
            calls.append([*command, param.opts[-1], "x-khong-hop-le"])
    return calls


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "thidua")
def test_help_is_vietnamese(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Cách dùng: thidua" in result.stdout and "Tùy chọn:" in result.stdout
    assert ENGLISH.findall(result.stdout) == []


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "thidua")
def test_usage_errors_are_vietnamese(run, command):
    for args in usage_errors(command):
        result = run(*args)
        if result.exit_code != 2:
            continue                   # a call that happens to be valid, or a data error
        text = result.stdout + result.stderr
        assert text.strip(), args
        assert ENGLISH.findall(text) == [], (args, text)


def test_a_wrong_choice_and_a_missing_folder_read_in_vietnamese(run):
    result = run("build", "khong-co", "-o", "out")
    assert result.exit_code == 2
    assert "Lỗi: Giá trị không hợp lệ cho 'THƯ_MỤC': Thư mục 'khong-co' không tồn tại." in \
        result.stderr
    result = run("build", ".", "-o", "out", "--sort", "tuoi")
    assert "không hợp lệ; chỉ được là 'input', 'unit', 'name'" in result.stderr


def test_interruption_is_vietnamese(monkeypatch, tmp_path):
    from click.testing import CliRunner

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr("generator.build.validate_files", interrupted)
    sample = tmp_path / "campaign.json"
    sample.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(sample)], standalone_mode=True)
    assert result.exit_code == 1
    assert "Đã dừng" in result.output and "Aborted" not in result.output


@pytest.mark.parametrize("code", [errno.EACCES, errno.ENOTDIR, errno.ENOENT, errno.ENOSPC])
def test_os_errors_in_words(code):
    import os
    english = os.strerror(code)
    assert english not in messages.os_words(f"Không ghi được /x/y: {english}")
    assert english not in messages.os_words(f"[Errno {code}] {english}: '/x'")
    assert "/x" in messages.os_error_text(OSError(code, english, "/x"))


def test_a_folder_the_system_refuses_is_reported_in_words(run, tmp_path):
    blocker = tmp_path / "tep"
    blocker.write_text("x", encoding="utf-8")
    result = run("plan", "--help")
    assert result.exit_code == 0
    from support import SAMPLE
    result = run("plan", str(SAMPLE), "-o", str(blocker / "out"))
    assert result.exit_code in (1, 2)
    assert ENGLISH.findall(result.stderr) == [], result.stderr


def test_a_reader_that_stops_reading_ends_the_run_quietly(tmp_path):
    """`thidua register list … | head -1`: the reader closes the pipe; thidua stops with the
    exit status of a Unix tool cut off by SIGPIPE, and says nothing in English."""
    import os
    import subprocess
    import sys

    from support import SAMPLE_DIR

    from generator.build import build_campaign
    from generator.cli.common import BROKEN_PIPE_EXIT

    db = tmp_path / "so.sqlite"
    build_campaign(SAMPLE_DIR, tmp_path / "out", register_path=db, certificates=False)
    read, write = os.pipe()
    os.close(read)          # the reader is gone before thidua writes its first line
    try:
        done = subprocess.run([sys.executable, "-m", "generator", "register", "list", str(db)],
                              check=False, stdout=write, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write)
    assert done.returncode == BROKEN_PIPE_EXIT
    assert done.stderr == ""            # no "Broken pipe", no "Exception ignored", no traceback
