"""Build the context a template is filled with: the validated data plus derived values.

Templates read the data by its schema names (``title``, ``purposes``, ``signer.name`` …) and the
values the Vietnamese rules derive from it under ``doc`` (number line, date line, căn cứ,
Nơi nhận lines, signer lines). Everything derived is computed here, in one place, from pure
functions, so the templates hold no rules of their own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.vn import formats as vn
from generator.vn import legal


def parse_date(value: str | None) -> date | None:
    """A schema-valid 'YYYY-MM-DD' string (or None) as a date."""
    return date.fromisoformat(value) if value else None


def require_date(value: str) -> date:
    """A required, schema-valid 'YYYY-MM-DD' string as a date."""
    return date.fromisoformat(value)


def signer_lines(signer: dict[str, Any]) -> list[str]:
    """Ô 7a/7b in upper case: 'KT. BỘ TRƯỞNG, CHỦ NHIỆM' then 'PHÓ CHỦ NHIỆM', etc."""
    authority = signer.get("authority")
    title = vn.upper_vi(signer["title"])
    if authority is None:
        return [title]
    if authority == "Q.":
        return [f"Q. {title}"]
    return [f"{authority} {vn.upper_vi(signer['head_title'])}", title]


def file_stem(number: int | None, type_name: str, abbreviation: str) -> str:
    """Output name of a document: 'Kế hoạch 15-KH-VPCP', or '… (dự thảo)' without a number."""
    symbol = vn.document_symbol(type_name, abbreviation)
    if number is None:
        return f"{type_name} {symbol} (dự thảo)"
    return f"{type_name} {vn.document_number(number)}-{symbol}"


def document_citation(type_name: str, document: dict[str, Any], issuer: dict[str, Any]) -> str:
    """'Kế hoạch số 15/KH-VPCP ngày 24 tháng 9 năm 2021 của Văn phòng Chính phủ'."""
    day = parse_date(document["date"])
    when = vn.date_words(day) if day else vn.draft_date_words(document["year"])
    number = vn.document_number(document["number"])
    symbol = vn.document_symbol(type_name, issuer["abbreviation"])
    return f"{type_name} số {number}/{symbol} {when} của {issuer['name']}"


def plan_citation(campaign: dict[str, Any]) -> str:
    """The agency plan as other documents cite it: 'Kế hoạch số 15/KH-VPCP ngày … của Văn
    phòng Chính phủ về triển khai phong trào thi đua …'."""
    plan = document_citation("Kế hoạch", campaign["document"], campaign["issuer"])
    return f"{plan} về {vn.lower_first(campaign['title'])}"


def header_context(data: dict[str, Any], type_name: str) -> dict[str, Any]:
    """Ô 1–4 and 9b/7 values shared by every document with the standard header and footer."""
    issuer, document = data["issuer"], data["document"]
    day = parse_date(document["date"])
    year = day.year if day else document["year"]
    parent = issuer.get("parent")
    return {
        "file_stem": file_stem(document["number"], type_name, issuer["abbreviation"]),
        "parent": vn.upper_vi(parent["name"]) if parent else None,
        "agency": vn.upper_vi(issuer["name"]),
        "number_line": vn.number_line(document["number"], type_name, issuer["abbreviation"]),
        "place_date": vn.place_date_line(issuer["place"], day, year),
        "recipient_lines": vn.recipient_lines(
            data["recipients"],
            vn.archive_line(data["archive"]["units"], data["archive"].get("copies"))),
        "signer_lines": signer_lines(data["signer"]),
        # What the register of outgoing documents (Phụ lục IV) records for this document.
        "entry": {"number": document["number"], "year": year,
                  "symbol": vn.document_symbol(type_name, issuer["abbreviation"]),
                  "type": type_name, "date": document["date"],
                  "signer": f"{data['signer']['title']} {data['signer']['name']}"},
    }


def basis_lines(document: dict[str, Any], extra: list[str], today: date,
                last: str = ".") -> list[str]:
    """Căn cứ lines: the emulation law in force on the document's date, then *extra*; the last
    ends with *last*."""
    day = parse_date(document["date"])
    ref = legal.reference_day(day, day.year if day else document["year"], today)
    bases = [*legal.emulation_bases(ref), *extra]
    return vn.basis_lines([f"Căn cứ {b}" for b in bases], last)


def plan_opening(data: dict[str, Any]) -> str:
    """The sentence after the căn cứ: 'Thực hiện phong trào thi đua “…” do … phát động …'."""
    if "opening" in data:
        return data["opening"]
    title = data["title"]
    subject = f"{data['issuer']['name']} ban hành Kế hoạch {vn.lower_first(title)} như sau:"
    parent = data["movement"].get("implements")
    if parent is None:
        return subject[:1].upper() + subject[1:]
    launched = vn.date_words(require_date(parent["launched_on"]))
    return (f"Thực hiện phong trào thi đua {vn.quoted(parent['name'])} do "
            f"{parent['launched_by']} phát động {launched}, {subject}")


def period_line(movement: dict[str, Any]) -> str:
    start, end = require_date(movement["start"]), require_date(movement["end"])
    return f"Từ {vn.date_words(start)} đến {vn.date_words(end)}."


def plan_context(data: dict[str, Any], today: date) -> dict[str, Any]:
    """Context of the agency's Kế hoạch (templates/plan.docx)."""
    doc = header_context(data, "Kế hoạch")
    doc.update(
        bases=basis_lines(data["document"], data.get("extra_bases", []), today),
        opening=plan_opening(data),
        period=period_line(data["movement"]),
    )
    return {**data, "doc": doc}


# -- unit implementing plans ------------------------------------------------------------------

def find_unit(campaign: dict[str, Any], code: str) -> dict[str, Any] | None:
    return next((u for u in campaign["units"] if u["code"] == code), None)


def assigned_tasks(campaign: dict[str, Any], code: str) -> list[str]:
    """Texts of the agency plan's tasks that fall to unit *code* (its own, or every unit's)."""
    return [task["text"] for task in campaign["responsibilities"]
            if task.get("all_units") or code in task.get("units", [])]


def unit_issuer(campaign: dict[str, Any], unit: dict[str, Any]) -> dict[str, Any]:
    """The unit issues its plan under the agency, which becomes its parent (ô 2)."""
    agency = campaign["issuer"]
    return {"name": unit["name"], "abbreviation": unit["abbreviation"], "place": agency["place"],
            "parent": {"name": agency["name"]}}


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
    doc.update(
        title=title,
        bases=basis_lines(data["document"], [plan_citation(campaign)], today),
        opening=(f"{unit['name']} xây dựng Kế hoạch thực hiện phong trào thi đua "
                 f"{vn.quoted(movement['name'])} như sau:"),
        agency_plan=f"số {vn.document_number(agency['number'])}/{agency_symbol}",
        movement=movement["name"],
        period=period_line(movement),
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
