"""The document kinds thidua knows, each a schema + a template + a context builder.

Adding a kind means adding one :class:`DocumentKind` here (and its schema and template); the
loader, validator, renderer and writer are shared by all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import context, legal
from .errors import Issue, LegalBasisError, UnknownDocumentKind
from .loader import json_path


@dataclass(frozen=True)
class DocumentKind:
    """How one kind of document is validated, filled in and named."""

    name: str                     # slug used for the schema, the template and --kind
    label: str                    # what a clerk calls it
    type_name: str                # tên loại, keyed in vn_format.DOCUMENT_TYPE_ABBREVIATIONS
    template: str
    build_context: Callable[[dict[str, Any], date], dict[str, Any]]
    check: Callable[[dict[str, Any], str], list[Issue]]
    file_names: tuple[str, ...] = ()   # data file names recognised without --kind

    @property
    def schema(self) -> str:
        return self.name

    def output_name(self, data: dict[str, Any]) -> str:
        """'Kế hoạch 15-KH-VPCP' (or '… (dự thảo)' without a number): readable and unique."""
        number = data["document"]["number"]
        symbol = context.vn.document_symbol(self.type_name, data["issuer"]["abbreviation"])
        if number is None:
            return f"{self.type_name} {symbol} (dự thảo)"
        return f"{self.type_name} {context.vn.document_number(number)}-{symbol}"


def check_dates(data: dict[str, Any], file: str) -> list[Issue]:
    """The document date must fall under a known legal regime."""
    value = context.parse_date(data["document"]["date"])
    if value is None:
        return []
    try:
        legal.regime_on(value)
    except LegalBasisError as err:
        return [Issue(file, "$.document.date", str(err))]
    return []


def check_plan(data: dict[str, Any], file: str) -> list[Issue]:
    """Rules across fields of a campaign plan that a schema cannot express."""
    issues = check_dates(data, file)
    movement = data["movement"]
    if movement["end"] < movement["start"]:
        issues.append(Issue(file, "$.movement.end",
                            f"ngày kết thúc {movement['end']} trước ngày bắt đầu "
                            f"{movement['start']}"))
    codes: dict[str, int] = {}
    for index, unit in enumerate(data["units"]):
        if unit["code"] in codes:
            issues.append(Issue(file, json_path(("units", index, "code")),
                                f"mã đơn vị «{unit['code']}» trùng với $.units"
                                f"[{codes[unit['code']]}]"))
        codes.setdefault(unit["code"], index)
    for index, task in enumerate(data["responsibilities"]):
        for position, code in enumerate(task.get("units", [])):
            if code not in codes:
                issues.append(Issue(file, json_path(("responsibilities", index, "units", position)),
                                    f"mã đơn vị «{code}» không có trong danh sách $.units"))
    return issues


PLAN = DocumentKind(
    name="plan",
    label="Kế hoạch triển khai phong trào thi đua",
    type_name="Kế hoạch",
    template="plan.docx",
    build_context=context.plan_context,
    check=check_plan,
    file_names=("campaign.json",),
)

KINDS: dict[str, DocumentKind] = {kind.name: kind for kind in (PLAN,)}


def kind_named(name: str) -> DocumentKind:
    try:
        return KINDS[name]
    except KeyError:
        known = ", ".join(KINDS)
        raise UnknownDocumentKind(f"Không có loại văn bản «{name}». Các loại có: {known}.") from None


def detect_kind(path: Path, data: Any) -> DocumentKind | None:
    """The kind named by the data's "$schema", else by its file name; None if neither says."""
    if isinstance(data, dict) and isinstance(data.get("$schema"), str):
        tail = data["$schema"].rsplit("/", 1)[-1]
        for kind in KINDS.values():
            if tail == f"{kind.schema}.schema.json":
                return kind
    for kind in KINDS.values():
        if path.name in kind.file_names:
            return kind
    return None
