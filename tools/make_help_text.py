"""Write generator/cli/help_text.py: Click's rendering of ``thidua --help``, which the command
prints without importing Click (generator/cli/__init__.py). Run it after changing the group's
help, an option of the group or the short help of a command; tests/test_cli_startup.py fails
until the stored text is Click's again.

    python tools/make_help_text.py

The help is stored for the two widths Click lays it out in most often: 78 (a terminal of 80
columns, and output that is not a terminal) and 98 (a terminal of 100 columns or more, as the
group's max_content_width is 100). At any other width thidua lets Click lay it out.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "generator" / "cli" / "help_text.py"
# Click's width is the terminal's columns, at most max_content_width (100), less 2.
COLUMNS = {78: 80, 98: 100}
# The group run through Click, never through the stored text. (click.testing.CliRunner will not
# do: it lays every help out 80 columns wide, whatever the terminal.)
THROUGH_CLICK = "from generator.cli.commands import main; main(prog_name='thidua')"

HEADER = '''"""Click's rendering of ``thidua --help`` (generator.cli.commands.main) by the width it is laid
out in, line end included: what generator.cli prints without importing Click. Written by
tools/make_help_text.py, checked against Click by tests/test_cli_startup.py; do not edit."""

HELP = {
'''


def rendered(columns: int, *args: str) -> str:
    """What ``thidua --help`` (or *args*) prints through Click, *columns* columns wide."""
    env = {**os.environ, "COLUMNS": str(columns), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-c", THROUGH_CLICK, *(args or ["--help"])],
                            capture_output=True, env=env, check=True)
    return result.stdout.decode("utf-8")


def module_text() -> str:
    parts = [HEADER]
    for width, columns in COLUMNS.items():
        text = rendered(columns)
        assert "\\" not in text and '"""' not in text and text.endswith("\n"), text
        parts.append(f'    {width}: """\\\n{text}""",\n')
    parts.append("}\n")
    return "".join(parts)


def main() -> None:
    TARGET.write_text(module_text(), encoding="utf-8")
    print(f"written: {TARGET}")


if __name__ == "__main__":
    main()
