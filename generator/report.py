"""One report of every error of every file: each error once, nested errors under their head,
counted right ("Có N lỗi trong M tệp").

A file that cannot be read at all (a JSON syntax error) is one error of that file and hides
nothing else. A data file whose campaign has errors gets one head line (:class:`Head`) carrying
the campaign's errors; the report prints them under the first head, and once only, however many
unit plans or decisions point at the same campaign.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Issue, ThiduaError, ValidationFailed


@dataclass(frozen=True)
class Head(Issue):
    """An error that stands for the errors of another file (the campaign a unit plan names);
    they are *nested* under it."""

    nested: tuple[Issue, ...] = ()

    def __str__(self) -> str:
        return "\n".join([super().__str__(), *(f"  {line}" for issue in self.nested
                                               for line in str(issue).splitlines())])


def issues_of(err: ThiduaError, path: Path | str | None = None) -> list[Issue]:
    """Any error thidua raises about a file, as issues of that file."""
    if isinstance(err, ValidationFailed):
        return list(err.issues)
    if isinstance(err, DataError):
        where = f"dòng {err.line}, cột {err.column}" if err.line is not None else "$"
        return [Issue(err.file, where, err.detail)]
    file = str(path) if path is not None else ""
    return [Issue(file, "$", str(err).removeprefix(f"{file}: "))]


def leaves(issues: Iterable[Issue]) -> list[Issue]:
    """The errors themselves, heads opened, each once, in order."""
    found: dict[Issue, None] = {}
    for issue in issues:
        if isinstance(issue, Head):
            found.update(dict.fromkeys(leaves(issue.nested)))
        else:
            found[issue] = None
    return list(found)


def merged(issues: Iterable[Issue]) -> list[Issue]:
    """*issues* each once, in order (a head counts as itself)."""
    return list(dict.fromkeys(issues))


def lines(issues: Iterable[Issue]) -> list[str]:
    """The report's lines: every error once; a head's errors indented under it, or, when they
    were already printed, the head says where."""
    printed: set[Issue] = set()
    out: list[str] = []

    def emit(issue: Issue, indent: str) -> None:
        if isinstance(issue, Head):
            fresh = [i for i in issue.nested if not _all_printed(i, printed)]
            seen = " (các lỗi của tệp đó đã in ở trên)" if not fresh and issue.nested else ""
            out.append(indent + Issue.__str__(issue) + seen)
            for nested in fresh:
                emit(nested, indent + "  ")
        elif issue not in printed:
            out.append(indent + str(issue))
        printed.add(issue)

    for issue in merged(issues):
        if issue not in printed:
            emit(issue, "")
    return out


def _all_printed(issue: Issue, printed: set[Issue]) -> bool:
    if isinstance(issue, Head):
        return issue in printed or all(_all_printed(i, printed) for i in issue.nested)
    return issue in printed


def summary(issues: Iterable[Issue]) -> str:
    """'Có 3 lỗi trong 2 tệp' (errors counted once each, heads not counted)."""
    errors = leaves(issues)
    files = len({issue.file for issue in errors})
    return f"Có {len(errors)} lỗi trong {files} tệp"
