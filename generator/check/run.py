"""`thidua check`: is a .docx laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I asks?

The library API of the checker (no Click, no printing):

- :func:`check_document` reads one .docx and returns its :class:`Finding` list;
- :func:`check_files` checks several files and never stops at an unreadable one;
- :func:`format_text`, :func:`format_json` and :func:`exit_code` turn reports into output.

The path of the data, one module per step: open the package (:mod:`~generator.checker_open`) →
resolve the formatting as Word does (:mod:`~generator.checker_read`) → read the lines in reading
order (:mod:`~generator.checker_lines`, :mod:`~generator.checker_doc`) → find the header, title,
body and footer blocks (:mod:`~generator.checker_blocks`) → run the rules
(:mod:`~generator.checker_rules` and its ``checker_rules_*`` groups).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.check.rules.base import RULES, Finding
from generator.check.rules.body import basis_rules, body_rules, end_rules, footer_rules
from generator.check.rules.certificate import certificate_rules, certificate_title
from generator.check.rules.citations import citation_rules
from generator.check.rules.drafts import draft_rules
from generator.check.rules.forms import BALLOT, REPORT, ballot_rules, document_form, report_filter
from generator.check.rules.header import header_rules, title_rules
from generator.check.rules.page import font_rules, page_number_rules, page_rules
from generator.check.rules.pagination import (
    lead_in_rules,
    numbering_rules,
    short_table_rules,
    signer_keep_rules,
)
from generator.check.rules.style import style_rules
from generator.check.rules.typography import line_break_rules, table_width_rules
from generator.errors import UnreadableDocument

from .blocks import Zones, find_zones
from .doc import WordDoc
from .open_docx import open_docx

__all__ = [
    "RULES",
    "FileReport",
    "Finding",
    "WordDoc",
    "check_document",
    "check_files",
    "exit_code",
    "format_json",
    "format_text",
]

# The order of the report: the page and its fonts first, then the blocks from top to bottom.
RULE_GROUPS: tuple[Callable[[WordDoc, Zones], Iterator[Finding]], ...] = (
    page_rules, font_rules, header_rules, title_rules, basis_rules, body_rules, end_rules,
    footer_rules, page_number_rules, draft_rules, line_break_rules, table_width_rules,
    citation_rules, style_rules, signer_keep_rules, short_table_rules, lead_in_rules,
    numbering_rules)


@dataclass(frozen=True)
class FileReport:
    """The result of checking one file: its findings, or why it could not be read."""

    path: Path
    findings: tuple[Finding, ...] = ()
    unreadable: str | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def check_document(path: Path) -> list[Finding]:
    """Every Nghị định 30/2020 finding for the .docx at *path*, in reading order of the rules.

    Raises UnreadableDocument (exit code 2) for anything that is not a readable .docx."""
    return run_rules(WordDoc(open_docx(Path(path))))


def run_rules(doc: WordDoc) -> list[Finding]:
    """Every finding for one opened document, page rules first, then top to bottom. A Bằng khen
    or Giấy khen is checked against its own design, not Phụ lục I; a phiếu bầu and a báo cáo
    thành tích against what their forms carry (rules/forms.py)."""
    title = certificate_title(doc)
    if title is not None:
        return list(certificate_rules(doc, title))
    zones = find_zones(doc)
    form = document_form(doc)
    if form == BALLOT:
        return list(ballot_rules(doc, zones))
    findings = (f for group in RULE_GROUPS for f in group(doc, zones))
    return list(report_filter(zones, findings) if form == REPORT else findings)


def check_files(paths: Iterable[Path]) -> list[FileReport]:
    """Check every file; an unreadable one is reported, not raised, so the others still run."""
    reports: list[FileReport] = []
    for path in map(Path, paths):
        try:
            reports.append(FileReport(path, tuple(check_document(path))))
        except UnreadableDocument as err:
            reports.append(FileReport(path, unreadable=str(err)))
    return reports


def exit_code(reports: Iterable[FileReport]) -> int:
    """0 clean (warnings allowed), 1 if any file breaks a rule, 2 if any file is unreadable."""
    reports = list(reports)
    if any(r.unreadable for r in reports):
        return UnreadableDocument.exit_code
    return 1 if any(r.errors for r in reports) else 0


_SEVERITY = {"error": "lỗi", "warning": "cảnh báo"}


def format_finding(path: Path, f: Finding) -> str:
    """'FILE: WHERE: lỗi RULE: message (cần: “…”, thấy: “…”) «excerpt»' on one line."""
    details = ", ".join(x for x in (f"cần: “{f.expected}”" if f.expected else "",
                                     f"thấy: “{f.found}”" if f.found else "") if x)
    excerpt = f" «{f.excerpt}»" if f.excerpt else ""
    tail = f" ({details})" if details else ""
    return f"{path}: {f.where}: {_SEVERITY[f.severity]} {f.rule}: {f.message}{tail}{excerpt}"


def format_text(reports: Iterable[FileReport]) -> str:
    """One line per finding, in Vietnamese, then one summary line."""
    lines: list[str] = []
    reports = list(reports)
    for report in reports:
        if report.unreadable:
            lines.append(f"không đọc được: {report.unreadable}")
            continue
        lines += [format_finding(report.path, f) for f in report.findings]
        if not report.findings:
            lines.append(f"{report.path}: đúng thể thức, không phát hiện lỗi.")
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports)
    unreadable = sum(1 for r in reports if r.unreadable)
    summary = f"Tổng cộng: {errors} lỗi, {warnings} cảnh báo trong {len(reports)} tệp"
    lines.append(summary + (f"; {unreadable} tệp không đọc được." if unreadable else "."))
    return "\n".join(lines)


def format_json(reports: Iterable[FileReport]) -> str:
    """The reports as JSON (UTF-8 text, Vietnamese kept as is), for other tools."""
    reports = list(reports)
    files = [{"path": str(r.path), "readable": r.unreadable is None, "message": r.unreadable,
              "errors": len(r.errors), "warnings": len(r.warnings),
              "findings": [asdict(f) for f in r.findings]} for r in reports]
    return json.dumps({"exit_code": exit_code(reports), "files": files}, ensure_ascii=False,
                      indent=2)
