"""The ``thidua`` command line: a thin Click layer over the library.

Only this package imports Click or prints. The group and its commands are in
:mod:`generator.cli.commands`, what they share (options, the turning of errors into messages and
exit codes) in :mod:`generator.cli.common`.

Start-up: importing Click takes most of the time ``thidua --help`` would take, so this module
imports only the standard library and answers exactly ``thidua --help``, ``-h``, ``--version``
and ``-V`` by itself: the help is Click's own rendering of the group, stored in
:mod:`generator.cli.help_text` (a test renders it again and compares, and
``tools/make_help_text.py`` writes it), and the version is read as the Click option reads it.
Anything else, or any doubt about how Click would lay the help out here, goes through Click.
"""

from __future__ import annotations

import os
import sys

# typing is not imported either (a tenth of this start-up); mypy reads the block below.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .commands import main as main

# What Click would take instead of the command line (generator.cli.commands.main's shell
# completion variable, from the program name "thidua").
_COMPLETION_VARIABLE = "_THIDUA_COMPLETE"
# The group's max_content_width (generator.cli.common.CONTEXT).
MAX_CONTENT_WIDTH = 100


def run() -> None:
    """Entry point of the ``thidua`` command and of ``python -m generator``."""
    # A console that cannot show Vietnamese (PYTHONIOENCODING=ascii, an old Windows code page)
    # gets '?' for what it cannot show: a message must never crash a run that has written.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    answer = _answer_without_click(sys.argv[1:])
    if answer is not None:
        _write(answer)
        return
    from .commands import main
    main(prog_name="thidua")


def _answer_without_click(args: list[str]) -> str | None:
    """What Click would print for *args* (its line end included) when thidua knows it without
    Click, else None."""
    if len(args) != 1 or args[0] not in ("--help", "-h", "--version", "-V"):
        return None
    if _COMPLETION_VARIABLE in os.environ or not _utf8(sys.stdout):
        return None
    if args[0] in ("--version", "-V"):
        # read as common.show_version reads it
        from generator import __version__
        return f"thidua {__version__}\n"
    from .help_text import HELP
    return HELP.get(help_width())


def help_width() -> int:
    """The width Click's HelpFormatter lays the help out in: the terminal's columns as
    shutil.get_terminal_size() finds them (COLUMNS, else the terminal of sys.__stdout__, else
    80), at most MAX_CONTENT_WIDTH, less 2, at least 50. shutil itself is not imported: it
    costs more to import than the rest of this answer."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return max(min(columns, MAX_CONTENT_WIDTH) - 2, 50)


def _utf8(stream: Any) -> bool:
    """Whether Click would write to *stream* itself (a UTF-8 text stream): for any other
    encoding Click chooses its own writer, and the answer is left to it."""
    encoding = getattr(stream, "encoding", None)
    return isinstance(encoding, str) and encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def _write(text: str) -> None:
    """*text* on stdout, as click.echo writes it; a reader that has gone ends thidua as Click's
    main does then (status 1, not a word)."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        sys.exit(1)


def __getattr__(name: str) -> Any:
    # The group is imported on first use: `from generator.cli import main`.
    if name == "main":
        from .commands import main
        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

