"""Build the context a template is filled with: the validated data plus derived values.

Templates read the data by its schema names (``title``, ``purposes``, ``signer.name`` …) and the
values the Vietnamese rules derive from it under ``doc`` (number line, date line, căn cứ,
Nơi nhận lines, signer lines). Everything derived is computed here, in one place, from pure
functions, so the templates hold no rules of their own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import legal
from . import vn_format as vn


def parse_date(value: str | None) -> date | None:
    """A schema-valid 'YYYY-MM-DD' string (or None) as a date."""
    return date.fromisoformat(value) if value else None


def signer_lines(signer: dict[str, Any]) -> list[str]:
    """Ô 7a/7b in upper case: 'KT. BỘ TRƯỞNG, CHỦ NHIỆM' then 'PHÓ CHỦ NHIỆM', etc."""
    authority = signer.get("authority")
    title = vn.upper_vi(signer["title"])
    if authority is None:
        return [title]
    if authority == "Q.":
        return [f"Q. {title}"]
    return [f"{authority} {vn.upper_vi(signer['head_title'])}", title]


def header_context(data: dict[str, Any], type_name: str) -> dict[str, Any]:
    """Ô 1–4 and 9b/7 values shared by every document with the standard header and footer."""
    issuer, document = data["issuer"], data["document"]
    day = parse_date(document["date"])
    year = day.year if day else document["year"]
    parent = issuer.get("parent")
    return {
        "parent": vn.upper_vi(parent["name"]) if parent else None,
        "agency": vn.upper_vi(issuer["name"]),
        "number_line": vn.number_line(document["number"], type_name, issuer["abbreviation"]),
        "place_date": vn.place_date_line(issuer["place"], day, year),
        "recipient_lines": vn.recipient_lines(
            data["recipients"],
            vn.archive_line(data["archive"]["units"], data["archive"].get("copies"))),
        "signer_lines": signer_lines(data["signer"]),
    }


def basis_lines(data: dict[str, Any], today: date) -> list[str]:
    """Căn cứ lines: the emulation law in force on the document's date, then the extra ones."""
    document = data["document"]
    day = parse_date(document["date"])
    ref = legal.reference_day(day, day.year if day else document["year"], today)
    bases = [*legal.emulation_bases(ref), *data.get("extra_bases", [])]
    return vn.basis_lines([f"Căn cứ {b}" for b in bases])


def plan_opening(data: dict[str, Any]) -> str:
    """The sentence after the căn cứ: 'Thực hiện phong trào thi đua “…” do … phát động …'."""
    if "opening" in data:
        return data["opening"]
    title = data["title"]
    lowered = title[:1].lower() + title[1:]
    subject = f"{data['issuer']['name']} ban hành Kế hoạch {lowered} như sau:"
    parent = data["movement"].get("implements")
    if parent is None:
        return subject[:1].upper() + subject[1:]
    launched = vn.date_words(parse_date(parent["launched_on"]))
    return (f"Thực hiện phong trào thi đua {vn.quoted(parent['name'])} do "
            f"{parent['launched_by']} phát động {launched}, {subject}")


def period_line(movement: dict[str, Any]) -> str:
    start, end = parse_date(movement["start"]), parse_date(movement["end"])
    return f"Từ {vn.date_words(start)} đến {vn.date_words(end)}."


def plan_context(data: dict[str, Any], today: date) -> dict[str, Any]:
    """Context of the agency's Kế hoạch (templates/plan.docx)."""
    doc = header_context(data, "Kế hoạch")
    doc.update(
        bases=basis_lines(data, today),
        opening=plan_opening(data),
        period=period_line(data["movement"]),
    )
    return {**data, "doc": doc}
