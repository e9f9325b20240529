"""The README's quick start beyond the two commands CI runs (tests/test_readme.py runs those):
the virtual-environment line as written, and the thidua commands of the Windows blocks, as
written but for the path separator. Windows itself is not here: `py` is not run."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
from support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
QUICK = README[README.index("## Quick start"):README.index("## Hướng dẫn nhanh")]
FENCED = re.findall(r"```(sh|powershell|bat)\n(.*?)```", QUICK, flags=re.DOTALL)
BLOCKS = {lang: [line for line in body.splitlines() if line.strip()] for lang, body in FENCED
          if lang != "sh" or "venv" in body}


def test_every_platform_has_a_block_of_two_commands():
    assert sorted(BLOCKS) == ["bat", "powershell", "sh"]
    assert all(len(lines) == 2 for lines in BLOCKS.values())
    assert BLOCKS["sh"][0] == "python3 -m venv .venv && . .venv/bin/activate"
    assert BLOCKS["sh"][1] == "pip install . && thidua build samples/vpcp-covid19-2021 -o out"


@pytest.mark.skipif(sys.platform == "win32", reason="the POSIX block")
def test_the_venv_line_makes_an_environment_whose_pip_is_used(tmp_path):
    line = BLOCKS["sh"][0]
    script = f"{line} && command -v pip && python -c 'import sys; print(sys.prefix)'"
    # The venv is made from the Python running the tests (python3 may be another one here).
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "python3").symlink_to(sys.executable)
    done = subprocess.run(["sh", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          env={"PATH": f"{shim}:/usr/bin:/bin"}, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    pip, prefix = done.stdout.split()
    assert pip == str(tmp_path / ".venv" / "bin" / "pip")
    assert prefix == str(tmp_path / ".venv")


def windows_commands():
    for lang, lines in BLOCKS.items():
        if lang == "sh":
            continue
        yield from (pytest.param(line, id=f"{lang}-{index}") for index, line in enumerate(lines))


@pytest.mark.parametrize("line", list(windows_commands()))
def test_windows_lines_use_the_environment_by_its_path(line):
    programs = [part.split()[0] for part in re.split(r";|&&", line)]
    assert all(p in ("py", r".venv\Scripts\python", r".venv\Scripts\thidua") for p in programs)


@pytest.mark.parametrize("lang", ["powershell", "bat"])
def test_the_windows_thidua_command_runs_as_written(run, tmp_path, lang):
    (tmp_path / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
    (command,) = [line for line in BLOCKS[lang] if line.startswith(".venv\\Scripts\\thidua ")]
    args = shlex.split(command.removeprefix(".venv\\Scripts\\thidua ").replace("\\", "/"))
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "Kế hoạch 15-KH-VPCP.docx").is_file()


def test_the_windows_path_with_spaces_example_is_quoted_and_checks_clean(run, tmp_path):
    example = re.search(r'`(\.venv\\Scripts\\thidua check "[^"`]+")`', QUICK)
    assert example, "the quoting example"
    (tmp_path / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
    assert run("plan", "samples/vpcp-covid19-2021/campaign.json", "-o", "out").exit_code == 0
    args = shlex.split(example.group(1).removeprefix(".venv\\Scripts\\thidua ")
                       .replace("\\", "/"))
    assert len(args) == 2          # the quotes keep the path with spaces one argument
    result = run(*args)
    assert result.exit_code == 0, result.stdout
