"""What every document kind is made of: a validated :class:`Source` and a
:class:`DocumentKind` (a schema, a template, a context builder and its cross-field checks)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue, LegalBasisError
from generator.vn import legal
from generator.vn.placeholders import placeholders

from .common import citation_issues, parse_date, style_issues


@dataclass(frozen=True)
class Source:
    """A validated data file and the campaign it belongs to (for kinds that have one)."""

    path: Path
    data: dict[str, Any]
    campaign: dict[str, Any] | None = None
    campaign_path: Path | None = None
    sort: str = "input"           # order of attached award lists: input, unit or name
    warnings: tuple[Issue, ...] = ()

    @property
    def file(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class DocumentKind:
    """How one kind of document is validated, filled in and named."""

    name: str                     # slug used for the schema, the template and --kind
    label: str                    # what a clerk calls it
    template: str
    build_context: Callable[[Source, date], dict[str, Any]]
    rules: Callable[[Source], list[Issue]]
    campaign_field: str | None = None  # the data field holding the campaign's relative path
    file_names: tuple[str, ...] = ()   # data file names recognised without --kind
    folder: str | None = None          # campaign sub-folder whose files are of this kind
    # Context names the kind derives beside the data's own fields (what a template may read
    # that the schema does not describe); `thidua templates check` without --data leaves their
    # inside unchecked.
    derived: tuple[str, ...] = ("doc",)

    @property
    def schema(self) -> str:
        return self.name

    def check(self, source: Source) -> list[Issue]:
        """The kind's cross-field rules, the placeholders left in the data, then warnings: the
        texts its căn cứ cite that were not in force on its date, and the state style."""
        return self.rules(source) + placeholder_issues(source) + \
            citation_issues(source.data, source.file, date.today()) + \
            style_issues(source.data, source.file)


# Off for library callers (and the drafts `thidua unit-plans` prints straight from the agency
# plan, placeholders and all); `thidua validate` warns; `thidua build` refuses, unless --draft.
_PLACEHOLDERS: ContextVar[str | None] = ContextVar("placeholders", default=None)


@contextmanager
def placeholder_policy(severity: str | None) -> Iterator[None]:
    """Within the block, placeholders are reported with *severity* ("error" stops a build,
    "warning" is only shown; None: not reported)."""
    token = _PLACEHOLDERS.set(severity)
    try:
        yield
    finally:
        _PLACEHOLDERS.reset(token)


def placeholder_issues(source: Source) -> list[Issue]:
    """One issue per value still in brackets, as ``thidua init-unit`` left it."""
    severity = _PLACEHOLDERS.get()
    if severity is None:
        return []
    hint = "" if severity == "warning" else " (hoặc thêm --draft để in bản dự thảo)"
    return [Issue(source.file, json_path(path),
                  f"«{text}» là chỗ để trống cần điền, chưa phải nội dung văn bản: hãy thay "
                  f"bằng nội dung thật{hint}", severity=severity)
            for path, text in placeholders(source.data)]


def check_dates(data: dict[str, Any], file: str) -> list[Issue]:
    """The document date must fall under a known legal regime."""
    value = parse_date(data["document"]["date"])
    if value is None:
        return []
    try:
        legal.regime_on(value)
    except LegalBasisError as err:
        return [Issue(file, "$.document.date", str(err))]
    return []
