"""What the README shows must run: every thidua command it gives on the sample campaign runs
as written, from a folder that holds `samples/` as the repository does."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest
from support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Inline code and shell lines; a quick-start line "pip install … && thidua …" gives its second part.
COMMANDS = sorted({part.strip() for span in re.findall(r"`([^`\n]+)`|^(?:.*&& )?(thidua .+)$",
                                                        README, flags=re.MULTILINE)
                   for part in span if part.startswith("thidua ") and "samples/" in part})


def test_the_readme_shows_sample_commands():
    assert len(COMMANDS) >= 3
    assert "thidua build samples/vpcp-covid19-2021 -o out" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_a_readme_command_runs_as_written(run, tmp_path, command):
    if "--pdf" in command and shutil.which("soffice") is None:
        pytest.skip("needs LibreOffice")
    (tmp_path / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0, result.stderr
    assert "Đã ghi" in result.stdout
