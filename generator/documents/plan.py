"""The agency's plan (Kế hoạch triển khai phong trào thi đua, Mẫu 1.4 of Phụ lục III,
Nghị định 30/2020): its cross-field checks and its context."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue
from generator.vn import formats as vn

from .common import (
    basis_lines,
    campaign_title,
    check_bases_choice,
    check_issuer,
    check_phases,
    check_signer,
    header_context,
    period_line,
    phase_lines,
    printed_title,
    require_date,
)
from .kind import DocumentKind, Source, check_dates
from .unit_plan import unit_issuer


def plan_opening(data: dict[str, Any]) -> str:
    """The sentence after the căn cứ (or the first sentence of a plan without căn cứ):
    'Thực hiện <the higher document>, …' or 'Thực hiện phong trào thi đua “…” do … phát động
    …, <agency> ban hành Kế hoạch … như sau:'."""
    if "opening" in data:
        return data["opening"]
    title = campaign_title(data)
    subject = f"{data['issuer']['name']} ban hành Kế hoạch {vn.lower_first(title)} như sau:"
    parent = data["movement"].get("implements")
    if parent is None:
        return subject[:1].upper() + subject[1:]
    if parent.get("document"):
        return f"Thực hiện {parent['document'].rstrip(' ,.;')}, {subject}"
    launched = vn.date_words(require_date(parent["launched_on"]))
    return (f"Thực hiện phong trào thi đua {vn.quoted(parent['name'])} do "
            f"{parent['launched_by']} phát động {launched}, {subject}")


def plan_context(data: dict[str, Any], today: date) -> dict[str, Any]:
    """Context of the agency's Kế hoạch (templates/plan.docx)."""
    doc = header_context(data, "Kế hoạch")
    doc.update(
        bases=basis_lines(data["document"], data.get("extra_bases", []), today,
                          legal_bases=data.get("legal_bases", True)),
        opening=plan_opening(data),
        period=period_line(data["movement"]),
        phases=phase_lines(data["movement"]),
    )
    return {**data, "title": printed_title(campaign_title(data), data), "doc": doc}


def check_plan(source: Source) -> list[Issue]:
    """Rules across fields of a campaign plan that a schema cannot express."""
    data, file = source.data, source.file
    issues = [*check_dates(data, file), *check_issuer(data["issuer"], file),
              *check_signer(data["signer"], data["issuer"], file)]
    movement = data["movement"]
    issues += check_phases(movement, file) + check_bases_choice(data, file)
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
        issues += check_issuer(unit_issuer(data, unit), file, ("units", index))
    for index, task in enumerate(data["responsibilities"]):
        for position, code in enumerate(task.get("units", [])):
            if code not in codes:
                issues.append(Issue(file, json_path(("responsibilities", index, "units", position)),
                                    f"mã đơn vị «{code}» không có trong danh sách $.units"))
    return issues


def _context(source: Source, today: date) -> dict[str, Any]:
    return plan_context(source.data, today)


PLAN = DocumentKind(
    name="plan",
    label="Kế hoạch triển khai phong trào thi đua",
    template="plan.docx",
    build_context=_context,
    rules=check_plan,
    file_names=("campaign.json",),
)
