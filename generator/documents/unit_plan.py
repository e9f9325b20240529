"""A unit's implementing plan (Kế hoạch của đơn vị): checked against its campaign, filled
with the tasks the agency plan assigns to the unit."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue
from generator.vn import formats as vn

from .common import (
    basis_lines,
    check_signer,
    header_context,
    period_line,
    phase_lines,
    plan_citation,
    printed_line,
    printed_title,
    require_date,
)
from .kind import DocumentKind, Source, check_dates


def find_unit(campaign: dict[str, Any], code: str) -> dict[str, Any] | None:
    return next((u for u in campaign["units"] if u["code"] == code), None)


def assigned_tasks(campaign: dict[str, Any], code: str) -> list[str]:
    """Texts of the agency plan's tasks that fall to unit *code* (its own, or every unit's)."""
    return [task["text"] for task in campaign["responsibilities"]
            if task.get("all_units") or code in task.get("units", [])]


def unit_issuer(campaign: dict[str, Any], unit: dict[str, Any]) -> dict[str, Any]:
    """The unit issues its plan under the agency, which becomes its parent (ô 2)."""
    agency = campaign["issuer"]
    parent = {key: agency[key] for key in ("name", "short_name") if key in agency}
    own = {"lines": unit["lines"]} if unit.get("lines") else {}
    return {"name": unit["name"], "abbreviation": unit["abbreviation"], "place": agency["place"],
            "parent": parent, **own}


def _section_numbers(names: list[str]) -> dict[str, str]:
    return {name: vn.roman(i) for i, name in enumerate(names, 1)}


def unit_plan_context(data: dict[str, Any], campaign: dict[str, Any],
                      today: date) -> dict[str, Any]:
    """Context of a unit's implementing plan (templates/unit_plan.docx).

    What the agency plan already says (movement, its number and date, contents, the tasks it
    gives this unit) comes from *campaign*; only the unit's own parts come from *data*.
    """
    unit = find_unit(campaign, data["unit"])
    assert unit is not None, "checked by check_unit_plan"
    movement = campaign["movement"]
    issuer = unit_issuer(campaign, unit)
    doc = header_context({**data, "issuer": issuer}, "Kế hoạch")
    title = data.get("title") or f"Thực hiện phong trào thi đua {vn.quoted(movement['name'])}"
    agency = campaign["document"]
    agency_symbol = vn.document_symbol("Kế hoạch", campaign["issuer"]["abbreviation"])
    sections = ["purposes", "contents"]
    sections += [s for s in ("registrations", "activities") if data.get(s)]
    opening = (f"{unit['name']} xây dựng Kế hoạch thực hiện phong trào thi đua "
               f"{vn.quoted(movement['name'])} như sau:")
    with_bases = data.get("legal_bases", True)
    if not with_bases:
        # No căn cứ: the agency plan is cited in the opening instead ("Thực hiện Kế hoạch …").
        opening = f"Thực hiện {plan_citation(campaign)}, {opening}"
    named = {**data, "issuer": issuer}
    doc.update(
        title=printed_title(title, named),
        bases=basis_lines(data["document"], [plan_citation(campaign)], today,
                          legal_bases=with_bases),
        opening=printed_line(opening, named),
        agency_plan=f"số {vn.document_number(agency['number'])}/{agency_symbol}",
        movement=movement["name"],
        period=period_line(movement),
        phases=phase_lines(movement),
        purposes=data.get("purposes") or [*campaign["purposes"], *campaign["requirements"]],
        contents=[*campaign["contents"], *data.get("contents", [])],
        tasks=assigned_tasks(campaign, unit["code"]),
        registrations=data.get("registrations", []),
        activities=[{**a, "deadline": f"{require_date(a['deadline']):%d/%m/%Y}",
                     "support": a.get("support", "")} for a in data.get("activities", [])],
        no=_section_numbers([*sections, "organisation"]),
        closing=data.get("closing") or (
            f"Trên đây là Kế hoạch thực hiện phong trào thi đua {vn.quoted(movement['name'])} "
            f"của {unit['name']}. Đề nghị các công chức, viên chức, người lao động trong đơn vị "
            "nghiêm túc triển khai thực hiện."),
    )
    return {**data, "doc": doc}


def _check_registrations(source: Source, offered: dict[str, str]) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(source.data.get("registrations", [])):
        where = ("registrations", index)
        if entry["title"] not in offered:
            names = ", ".join(f"«{t}»" for t in offered) or "(chưa khai danh hiệu nào)"
            issues.append(Issue(source.file, json_path((*where, "title")),
                                f"danh hiệu «{entry['title']}» không có trong phong trào "
                                f"({source.campaign_path}, $.commendation.titles: {names})"))
        key = vn.same_name_key(entry["name"])
        if key in seen:
            issues.append(Issue(source.file, json_path((*where, "name")),
                                f"«{entry['name']}» đã đăng ký ở $.registrations[{seen[key]}]; "
                                "mỗi tập thể, cá nhân chỉ đăng ký một lần"))
        seen.setdefault(key, index)
    return issues


def _check_deadlines(source: Source) -> list[Issue]:
    movement = source.campaign["movement"]  # type: ignore[index]
    start, end = movement["start"], movement["end"]
    issues = []
    for index, activity in enumerate(source.data.get("activities", [])):
        if not start <= activity["deadline"] <= end:
            issues.append(Issue(source.file, json_path(("activities", index, "deadline")),
                                f"thời hạn {activity['deadline']} nằm ngoài thời gian phong trào "
                                f"{start} – {end} ({source.campaign_path}, $.movement)"))
    return issues


def check_unit_plan(source: Source) -> list[Issue]:
    """Cross-file rules of a unit plan against its campaign."""
    data, campaign = source.data, source.campaign
    assert campaign is not None, "resolved before checking"
    issues = check_dates(data, source.file)
    if find_unit(campaign, data["unit"]) is None:
        return [*issues, Issue(source.file, "$.unit",
                               f"mã đơn vị «{data['unit']}» không có trong danh sách đơn vị "
                               f"của {source.campaign_path} ($.units)")]
    unit = find_unit(campaign, data["unit"])
    assert unit is not None
    issues += check_signer(data["signer"], unit_issuer(campaign, unit), source.file)
    if source.path.parent.name == "units" and source.path.stem != data["unit"]:
        issues.append(Issue(source.file, "$.unit", f"tệp tên {source.path.name} nhưng mã đơn vị "
                                                   f"là «{data['unit']}»"))
    offered = {t["name"]: t["subject"]
               for t in campaign["commendation"].get("titles", [])}
    issues += _check_registrations(source, offered)
    issues += _check_deadlines(source)
    own, agency = data["document"]["date"], campaign["document"]["date"]
    if own and agency and own < agency:
        issues.append(Issue(source.file, "$.document.date",
                            f"ngày {own} trước ngày Kế hoạch của cơ quan {agency} "
                            f"({source.campaign_path}, $.document.date)"))
    return issues


def _context(source: Source, today: date) -> dict[str, Any]:
    assert source.campaign is not None
    return unit_plan_context(source.data, source.campaign, today)


UNIT_PLAN = DocumentKind(
    name="unit-plan",
    label="Kế hoạch của đơn vị",
    template="unit_plan.docx",
    build_context=_context,
    rules=check_unit_plan,
    campaign_field="campaign",
    folder="units",
)
