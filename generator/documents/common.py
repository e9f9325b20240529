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


# -- unit implementing plans ------------------------------------------------------------------


def period_line(movement: dict[str, Any]) -> str:
    start, end = require_date(movement["start"]), require_date(movement["end"])
    return f"Từ {vn.date_words(start)} đến {vn.date_words(end)}."
