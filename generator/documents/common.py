"""Build the context a template is filled with: the validated data plus derived values.

Templates read the data by its schema names (``title``, ``purposes``, ``signer.name`` …) and the
values the Vietnamese rules derive from it under ``doc`` (number line, date line, căn cứ,
Nơi nhận lines, signer lines). Everything derived is computed here, in one place, from pure
functions, so the templates hold no rules of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue
from generator.render import layout
from generator.vn import formats as vn
from generator.vn import legal, library, linebreaks
from generator.vn.placeholders import placeholders
from generator.vn.spelling import defines_short_name, style_problems


def parse_date(value: str | None) -> date | None:
    """A schema-valid 'YYYY-MM-DD' string (or None) as a date."""
    return date.fromisoformat(value) if value else None


def require_date(value: str) -> date:
    """A required, schema-valid 'YYYY-MM-DD' string as a date."""
    return date.fromisoformat(value)


def signer_chain(signer: dict[str, Any], body: str | None = None) -> list[dict[str, str]]:
    """The signer's authority lines above the title, top first: ``chain`` as given, or the
    one ``authority`` + ``head_title``; with "TM. *body*" on top for a collective body."""
    chain = list(signer.get("chain") or [])
    authority = signer.get("authority")
    if not chain and authority in ("TM.", "KT.", "TL.", "TUQ."):
        chain = [{"authority": authority, "title": signer["head_title"]}]
    if body and not any(link["authority"] == "TM." for link in chain):
        chain.insert(0, {"authority": "TM.", "title": body})
    return chain


def signer_lines(signer: dict[str, Any], body: str | None = None) -> list[str]:
    """Ô 7a/7b in upper case, one line per authority then the title: "KT. BỘ TRƯỞNG, CHỦ
    NHIỆM" / "PHÓ CHỦ NHIỆM"; "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"; "Q. …"
    prefixes the signer's own title. *body* adds "TM. <body>" when no TM. line is given."""
    title = vn.upper_vi(signer["title"])
    if signer.get("authority") == "Q.":
        title = f"Q. {title}"
    return [*(f"{link['authority']} {vn.upper_vi(link['title'])}"
              for link in signer_chain(signer, body)), title]


def signing_body(signer: dict[str, Any], issuer: dict[str, Any],
                 in_body_name: bool = True) -> str | None:
    """The collective the signer signs for ("TM."), if any: an issuer that works as a
    collective (Ủy ban nhân dân, Hội đồng …), unless the document is the head's own (a Chủ
    tịch's Quyết định: *in_body_name* False) or ``signer.collective`` says otherwise."""
    wanted = signer.get("collective")
    if wanted is False or (wanted is None and not in_body_name):
        return None
    kind = vn.collective_kind(issuer["name"])
    if kind is None and wanted:
        return issuer["name"]
    return kind


def check_signer(signer: dict[str, Any], issuer: dict[str, Any], file: str,
                 in_body_name: bool = True) -> list[Issue]:
    """The signer block is one the decree's forms use: authorities in order, at most three
    lines above the name, no chain and head_title mixed."""
    issues = []
    if signer.get("chain"):
        if "head_title" in signer:
            issues.append(Issue(file, "$.signer.head_title", "đã khai các dòng quyền hạn "
                                "($.signer.chain): bỏ head_title, ghi chức danh vào chain"))
        if signer.get("authority") not in (None, "Q."):
            issues.append(Issue(file, "$.signer.authority", "đã khai các dòng quyền hạn "
                                "($.signer.chain): authority chỉ còn dùng cho Q. (quyền)"))
    chain = signer_chain(signer, signing_body(signer, issuer, in_body_name))
    problem = vn.signing_chain_problem([link["authority"] for link in chain])
    if problem:
        shown = " / ".join(signer_lines(signer, signing_body(signer, issuer, in_body_name)))
        issues.append(Issue(file, "$.signer", f"quyền hạn ký «{shown}» không đúng thể thức: "
                                              f"{problem} (Nghị định 30/2020/NĐ-CP, Điều 13)"))
    lines = len(chain) + 1
    if lines > vn.MAX_SIGNER_TITLE_LINES:
        issues.append(Issue(file, "$.signer", f"khối chữ ký có {lines} dòng quyền hạn, chức vụ; "
                                              f"các mẫu của Nghị định 30/2020/NĐ-CP có tối đa "
                                              f"{vn.MAX_SIGNER_TITLE_LINES} dòng"))
    return issues


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


def proper_names(campaign: dict[str, Any]) -> tuple[str, ...]:
    """Names a title typed in capitals may contain, with their own spelling."""
    movement, issuer = campaign["movement"], campaign["issuer"]
    implements = movement.get("implements") or {}
    return (movement["name"], implements.get("name", ""), issuer["name"], issuer["place"],
            "Thủ tướng Chính phủ", "Chính phủ", "Việt Nam", "COVID-19")


def campaign_title(campaign: dict[str, Any]) -> str:
    """The plan's trích yếu as a sentence, however it was typed (capitals are lowered with the
    proper names kept)."""
    return vn.sentence_case(campaign["title"], proper_names(campaign))


def plan_citation(campaign: dict[str, Any]) -> str:
    """The agency plan as other documents cite it: 'Kế hoạch số 15/KH-VPCP ngày … của Văn
    phòng Chính phủ về triển khai phong trào thi đua …'."""
    plan = document_citation("Kế hoạch", campaign["document"], campaign["issuer"])
    return f"{plan} về {vn.lower_first(campaign_title(campaign))}"


def unbroken_names(data: dict[str, Any]) -> tuple[str, ...]:
    """Names in *data* that a line must not split: the issuer, its parent body, the signer."""
    issuer = data.get("issuer") or {}
    parent = issuer.get("parent") or {}
    signer = data.get("signer") or {}
    return tuple(n for n in (issuer.get("name"), parent.get("name"), signer.get("name")) if n)


# The trích yếu of the built-in templates: "TD Trích yếu", Times New Roman 14 bold, centred
# over the text area (A4 less the margins of Phụ lục I: 210 - 30 - 15 = 165 mm). Lines are
# set a little narrower than the measure, so that a rounding in Word's own measuring never
# pushes a word to a line of its own.
TITLE_SIZE_PT, TITLE_BOLD, TITLE_WIDTH_PT = 14, True, 165 * 72 / 25.4 * 0.97


# The measure of the template the document is rendered with (size pt, bold, text width pt),
# set by the build for a user's template that sets its own (render.user_templates.title_measure).
_TITLE_MEASURE: ContextVar[tuple[float, bool, float] | None] = ContextVar("title_measure",
                                                                         default=None)


@contextmanager
def title_measure(size_pt: float, bold: bool, text_width_pt: float) -> Iterator[None]:
    """Titles built inside the block are balanced for this measure (a user's template)."""
    token = _TITLE_MEASURE.set((size_pt, bold, text_width_pt * 0.97))
    try:
        yield
    finally:
        _TITLE_MEASURE.reset(token)


def printed_title(text: str, data: dict[str, Any]) -> str:
    """A trích yếu as printed: no line break inside a word, a name or "COVID-19", never a
    last line of one word, and its lines balanced (issue 13, point 2) — the breaks given as
    line breaks ("\n", which the renderer writes as <w:br/>)."""
    kept = linebreaks.title_text(text, unbroken_names(data))
    size, bold, width = _TITLE_MEASURE.get() or (TITLE_SIZE_PT, TITLE_BOLD, TITLE_WIDTH_PT)
    return "\n".join(linebreaks.balanced(
        kept, lambda line: layout.text_width(line, size, bold), width))


def printed_line(text: str, data: dict[str, Any]) -> str:
    """A line such as "(Kèm theo Quyết định số …)" with its words and names kept whole."""
    return linebreaks.keep_together(text, unbroken_names(data))


def _fitted(text: str, bold: bool) -> list[str]:
    return vn.header_lines(vn.upper_vi(text), lambda t: layout.fits_header_column(t, bold))


def agency_lines(issuer: dict[str, Any]) -> list[str]:
    """Ô 2, the issuing body: its own ``lines`` when given, else its name fitted to the
    header's column ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NINH")."""
    if issuer.get("lines"):
        return [vn.upper_vi(line) for line in issuer["lines"]]
    return _fitted(issuer["name"], bold=True)


def parent_lines(issuer: dict[str, Any]) -> list[str]:
    """Ô 2, the governing body above the issuer, in the short form the decree allows
    ("UBND TỈNH QUẢNG NINH"), fitted to the column; none when there is no parent."""
    parent = issuer.get("parent")
    if not parent:
        return []
    return _fitted(parent.get("short_name") or vn.short_agency_name(parent["name"]), bold=False)


def check_issuer(issuer: dict[str, Any], file: str, where: tuple[str | int, ...] = ("issuer",),
                 ) -> list[Issue]:
    """The header's lines say the issuer's name and each fits its column (Word would otherwise
    break it wherever the column ends)."""
    issues = []
    lines = issuer.get("lines")
    if lines and not vn.same_words(lines, issuer["name"]):
        issues.append(Issue(file, json_path((*where, "lines")),
                            f"các dòng {' / '.join(lines)} không khớp tên cơ quan "
                            f"«{issuer['name']}» ({json_path((*where, 'name'))})"))
    width = layout.column_width(layout.HEADER_LEFT_MM) * 25.4 / 72
    for bold, path, shown in ((True, (*where, "lines"), agency_lines(issuer)),
                              (False, (*where, "parent"), parent_lines(issuer))):
        for index, line in enumerate(shown):
            if not layout.fits_header_column(line, bold):
                wide = layout.text_width(line, layout.AGENCY_SIZE_PT, bold) * 25.4 / 72
                issues.append(Issue(file, json_path(path), f"dòng «{line}» rộng {wide:.0f} mm, "
                                    f"quá cột tên cơ quan ({width:.0f} mm): Word sẽ tự xuống "
                                    "dòng; hãy chia tên thành các dòng ngắn hơn"
                                    + (" (lines)" if bold else " (short_name)")))
                break
    return issues


def is_draft(data: dict[str, Any]) -> bool:
    """A document not ready to sign: without its number or date, or with a placeholder."""
    document = data["document"]
    return document["number"] is None or document["date"] is None or \
        next(placeholders(data), None) is not None


def header_context(data: dict[str, Any], type_name: str,
                   in_body_name: bool = True) -> dict[str, Any]:
    """Ô 1–4 and 9b/7 values shared by every document with the standard header and footer;
    *in_body_name* False for a document the head issues in his own name (no "TM.")."""
    issuer, document = data["issuer"], data["document"]
    day = parse_date(document["date"])
    year = day.year if day else document["year"]
    parent = parent_lines(issuer)
    return {
        "file_stem": file_stem(document["number"], type_name, issuer["abbreviation"]),
        # "DỰ THẢO" on every page: no number or no date yet, or blanks left to fill (which
        # only a --draft build lets through).
        "draft": is_draft(data),
        # Several lines of one block are one paragraph with line breaks (docxtpl turns "\n"
        # into w:br), so the short rule under it is measured on its longest line.
        "parent": "\n".join(parent) if parent else None,
        "agency": "\n".join(agency_lines(issuer)),
        "number_line": vn.number_line(document["number"], type_name, issuer["abbreviation"]),
        "place_date": vn.place_date_line(issuer["place"], day, year),
        "recipient_lines": vn.recipient_lines(
            data["recipients"],
            vn.archive_line(data["archive"]["units"], data["archive"].get("copies"))),
        "signer_lines": signer_lines(data["signer"],
                                     signing_body(data["signer"], issuer, in_body_name)),
        # What the register of outgoing documents (Phụ lục IV) records for this document.
        "entry": {"number": document["number"], "year": year,
                  "symbol": vn.document_symbol(type_name, issuer["abbreviation"]),
                  "type": type_name, "date": document["date"],
                  "signer": f"{data['signer']['title']} {data['signer']['name']}"},
    }


def basis_lines(document: dict[str, Any], extra: list[str], today: date,
                last: str = ".", organic: str | None = None, legal_bases: bool = True,
                ) -> list[str]:
    """Căn cứ lines: the law organising the issuer (*organic*: "trung ương" or "địa phương")
    and the emulation law in force on the document's date, then *extra*; the last ends with
    *last*. None at all when *legal_bases* is False (a plan that opens with "Thực hiện …")."""
    if not legal_bases:
        return []
    day = parse_date(document["date"])
    ref = legal.reference_day(day, day.year if day else document["year"], today)
    first = [legal.organic_basis(organic, ref)] if organic else []
    bases = [*first, *legal.emulation_bases(ref), *extra]
    return vn.basis_lines([f"Căn cứ {b}" for b in bases], last)


# -- unit implementing plans ------------------------------------------------------------------


def period_line(movement: dict[str, Any]) -> str:
    start, end = require_date(movement["start"]), require_date(movement["end"])
    return f"Từ {vn.date_words(start)} đến {vn.date_words(end)}."


def phase_lines(movement: dict[str, Any]) -> list[str]:
    """One line per phase of the movement: "- Giai đoạn 2025 - 2027: từ ngày … đến ngày …;
    sơ kết …", the last ending "."."""
    phases = movement.get("phases", [])
    lines = []
    for index, phase in enumerate(phases):
        start, end = require_date(phase["start"]), require_date(phase["end"])
        line = f"- {phase['name']}: từ {vn.date_words(start)} đến {vn.date_words(end)}"
        if phase.get("review"):
            line += f"; sơ kết {vn.date_words(require_date(phase['review']))}"
        lines.append(line + ("." if index == len(phases) - 1 else ";"))
    return lines


def check_phases(movement: dict[str, Any], file: str) -> list[Issue]:
    """Phases lie inside the movement, in order, without overlapping; a phase's sơ kết is not
    before it starts."""
    issues = []
    previous_end = None
    for index, phase in enumerate(movement.get("phases", [])):
        where = ("movement", "phases", index)
        if phase["end"] < phase["start"]:
            issues.append(Issue(file, json_path((*where, "end")),
                                f"giai đoạn «{phase['name']}» kết thúc trước khi bắt đầu"))
        if phase["start"] < movement["start"] or phase["end"] > movement["end"]:
            issues.append(Issue(file, json_path(where),
                                f"giai đoạn «{phase['name']}» ({phase['start']} – {phase['end']}) "
                                f"nằm ngoài thời gian phong trào {movement['start']} – "
                                f"{movement['end']}"))
        if previous_end is not None and phase["start"] <= previous_end:
            issues.append(Issue(file, json_path((*where, "start")),
                                f"giai đoạn «{phase['name']}» bắt đầu trước khi giai đoạn trước "
                                f"kết thúc ({previous_end})"))
        if phase.get("review") and phase["review"] < phase["start"]:
            issues.append(Issue(file, json_path((*where, "review")),
                                f"ngày sơ kết {phase['review']} trước khi giai đoạn bắt đầu"))
        previous_end = phase["end"]
    return issues


def check_bases_choice(data: dict[str, Any], file: str) -> list[Issue]:
    """A document without căn cứ cannot have extra căn cứ."""
    if data.get("legal_bases") is False and data.get("extra_bases"):
        return [Issue(file, "$.extra_bases", "văn bản không in phần căn cứ ($.legal_bases là "
                                             "false) nên không có căn cứ bổ sung")]
    return []


def citation_issues(data: dict[str, Any], file: str, today: date) -> list[Issue]:
    """Warnings for the căn cứ the data adds ($.extra_bases) that cite a text of the legal
    library not in force on the document's date (naming its replacement), or cite it without
    its date (offering it). What the user wrote is never changed (issue 13, point 5)."""
    document = data.get("document") or {}
    if "date" not in document:
        return []
    day = parse_date(document["date"])
    ref = legal.reference_day(day, day.year if day else document["year"], today)
    return [Issue(file, json_path(("extra_bases", index)), found.message(ref), "warning")
            for index, text in enumerate(data.get("extra_bases") or [])
            for found in library.citations(text, ref)]


# Lists of names (award recipients, up to tens of thousands): a name keeps its own spelling,
# and walking them would cost a 10,000-row decision a noticeable part of its run.
_NAME_LISTS = ("$schema", "awards")


def _strings(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, text) of every string in *data* outside _NAME_LISTS, walked without recursion."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in reversed(value.items())
                         if k not in _NAME_LISTS)
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))


def style_issues(data: dict[str, Any], file: str) -> list[Issue]:
    """Warnings for text the data holds against Phụ lục II's capitals and the decree's i/y
    spelling, each at its JSON path with the word to write instead (issue 13, point 6)."""
    strings = list(_strings(data))
    short_name = defines_short_name(text for _, text in strings)
    return [Issue(file, json_path(path), f"«{problem.found}» nên viết «{problem.expected}» "
                                         f"({problem.why})", "warning")
            for path, text in strings for problem in style_problems(text, short_name)]
