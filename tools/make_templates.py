"""Build the Word templates in templates/ (run by a developer; the .docx files are committed).

The templates are ordinary .docx files a clerk can open and restyle in Word; this script only
makes them reproducible. Every Jinja tag sits in a single run so docxtpl never sees a tag split
by Word's run boundaries. Layout facts come from Nghị định 30/2020/NĐ-CP, Phụ lục I.

    python tools/make_templates.py
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from generator.render import layout

FONT = "Times New Roman"
ROOT = Path(__file__).resolve().parent.parent
TEXT_WIDTH_MM = 210 - 30 - 15
# Header and footer tables fill the text area exactly (210 - 30 - 15 = 165 mm), as the mẫu of
# Phụ lục III draw them: wider, a centred table would stand out over both margins.
HEADER_LEFT_MM = layout.HEADER_LEFT_MM
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM   # 103 mm: the Quốc hiệu (88 mm) and the date
FOOTER_LEFT_MM, FOOTER_RIGHT_MM = 75, TEXT_WIDTH_MM - 75
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT

# name: (size, bold, italic, alignment, first-line indent mm, space before pt, space after pt)
STYLES = {
    "TD Cơ quan chủ quản": (12, False, False, CENTER, 0, 0, 0),
    "TD Cơ quan ban hành": (12, True, False, CENTER, 0, 0, 0),
    "TD Quốc hiệu": (12, True, False, CENTER, 0, 0, 0),
    "TD Tiêu ngữ": (13, True, False, CENTER, 0, 0, 0),
    "TD Số ký hiệu": (13, False, False, CENTER, 0, 6, 0),
    "TD Địa danh ngày tháng": (13, False, True, CENTER, 0, 6, 0),
    "TD Tên loại": (14, True, False, CENTER, 0, 18, 0),
    "TD Trích yếu": (14, True, False, CENTER, 0, 0, 0),
    "TD Căn cứ": (14, False, True, JUSTIFY, 12.7, 0, 6),
    "TD Nội dung": (14, False, False, JUSTIFY, 12.7, 0, 6),
    "TD Nội dung cuối": (14, False, False, JUSTIFY, 12.7, 0, 6),
    "TD Nội dung dẫn": (14, False, False, JUSTIFY, 12.7, 0, 6),
    "TD Mục": (14, True, False, JUSTIFY, 12.7, 6, 6),
    "TD Khoản": (14, True, False, JUSTIFY, 12.7, 0, 6),
    "TD Nơi nhận": (12, True, True, LEFT, 0, 0, 0),
    "TD Danh sách nơi nhận": (11, False, False, LEFT, 0, 0, 0),
    "TD Quyền hạn ký": (14, True, False, CENTER, 0, 0, 0),
    "TD Họ tên người ký": (14, True, False, CENTER, 0, 78, 0),
    "TD Số trang": (13, False, False, CENTER, 0, 0, 0),
    "TD Bảng": (13, False, False, LEFT, 0, 3, 3),
    "TD Bảng giữa": (13, False, False, CENTER, 0, 3, 3),
    "TD Bảng tiêu đề": (13, True, False, CENTER, 0, 3, 3),
    # The same two, kept with the next row: the rows of a short table (SHORT_TABLE_ROWS).
    "TD Bảng liền": (13, False, False, LEFT, 0, 3, 3),
    "TD Bảng giữa liền": (13, False, False, CENTER, 0, 3, 3),
    "TD Thẩm quyền": (14, True, False, CENTER, 0, 6, 6),
    "TD Quyết định": (14, True, False, CENTER, 0, 0, 6),
    "TD Kính gửi": (14, False, False, CENTER, 0, 0, 12),
    "TD Kèm theo": (14, False, True, CENTER, 0, 0, 0),
    "TD Đường kẻ ngắn": (1, False, False, CENTER, 0, 0, 0),
    "TD Đường kẻ dài": (1, False, False, CENTER, 0, 0, 0),
    "TD Dự thảo": (13, True, False, CENTER, 0, 6, 0),
}


def child(parent, tag: str, first: bool = False):
    """The *tag* child of *parent*, created if missing."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el


def set_fonts(rpr_parent) -> None:
    """Times New Roman in all four font slots; theme fonts would otherwise win (Word quirk)."""
    rpr = child(rpr_parent, "w:rPr")
    fonts = child(rpr, "w:rFonts", first=True)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def set_defaults(document) -> None:
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    set_fonts(rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        child(rpr, tag).set(qn("w:val"), "28")
    lang = child(rpr, "w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "vi-VN")
    # Every built-in style of python-docx's default template names theme fonts: drop them.
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            if attr.endswith("Theme"):
                del fonts.attrib[attr]
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), FONT)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    set_fonts(normal.element)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE


def add_border(ppr, side: str, size: int = 6) -> None:
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")
    borders.append(line)


def add_styles(document) -> None:
    for name, (size, bold, italic, align, indent, before, after) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        set_fonts(style.element)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Mm(indent) if indent else None
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.widow_control = True
        if name.startswith("TD Đường kẻ"):
            # A 1 pt empty paragraph whose bottom border is the rule; the renderer sets its
            # indents to the length the decree asks for.
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(2)
            add_border(style.element.get_or_add_pPr(), "bottom")
        if name in KEEP_WITH_NEXT:
            fmt.keep_with_next = True
        if name == "TD Dự thảo":
            # The word in a single-line box (a character border), as the decree boxes the
            # other marks of ô 10b and 11.
            rpr = child(style.element, "w:rPr")
            box = OxmlElement("w:bdr")
            for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                                ("w:color", "000000")):
                box.set(qn(attr), value)
            rpr.append(box)


# Pagination (issue 13): a heading, a lead-in line ending in ":" and the lines above the
# articles keep with what follows them, and the last body paragraph ("TD Nội dung cuối")
# keeps with the footer table (Nơi nhận and signer), whose row does not split: the signer is
# never alone on a page.
KEEP_WITH_NEXT = ("TD Mục", "TD Khoản", "TD Tên loại", "TD Trích yếu", "TD Thẩm quyền",
                  "TD Quyết định", "TD Kính gửi", "TD Kèm theo", "TD Nội dung cuối",
                  "TD Nội dung dẫn", "TD Bảng tiêu đề", "TD Bảng liền", "TD Bảng giữa liền")
# A table of at most this many data rows is kept on one page (its rows keep with the next;
# Word and LibreOffice move it whole when it would split). Longer lists break between rows.
SHORT_TABLE_ROWS = 4


def twips_up(mm: float) -> Twips:
    """*mm* rounded up to whole twips, the unit Word stores: 15 mm must not become 14.99 mm."""
    return Twips(math.ceil(mm * 1440 / 25.4 - 1e-9))


def page_setup(section, landscape: bool = False) -> None:
    """A4, margins inside the decree's ranges: top/bottom 20, left 30, right 15 mm."""
    section.page_width, section.page_height = twips_up(210), twips_up(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = twips_up(297), twips_up(210)
    section.top_margin, section.bottom_margin = twips_up(20), twips_up(20)
    section.left_margin, section.right_margin = twips_up(30), twips_up(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def page_numbers(document, section) -> None:
    """Page number centred in the top margin from page 2; none on page 1 (Phụ lục I)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = document.styles["TD Số trang"]
    _page_field(paragraph.add_run())
    first = section.first_page_header.paragraphs[0]
    first.style = document.styles["TD Số trang"]


# The "DỰ THẢO" mark. Nghị định 30/2020 has no rule for it (its Điều 3 khoản 7 only names the
# "bản thảo"); the circular it replaced, Thông tư 01/2011/TT-BNV, put "DỰ THẢO" in a single-line
# box, capitals, 13–14 pt, upright, bold, right under the Số, ký hiệu (its "thành phần thể thức
# khác", as quoted by https://123docz.net/trich-doan/172296-cac-thanh-phan-the-thuc-khac.htm). That is ô 11's look in
# Nghị định 30 (Phụ lục I, Phần I, Mục III khoản 2 điểm c), so page 1 shows it there (in the
# header table, the body) and every other page shows it at the top right of the page header.
# Drafts get their own header parts, chosen in the body's section properties by a Jinja block:
# no part but the body holds a tag, so the templates keep the renderer's compiled path.
DRAFT_MARK = "DỰ THẢO"


def _draft_header(document, with_page_number: bool):
    """A header part holding the mark in a frame at the top right (out of the text flow, so
    the page number keeps its centred line), and the page number when asked; its rId."""
    from docx.blkcntnr import BlockItemContainer

    part, rid = document.part.add_header_part()
    container = BlockItemContainer(part.element, part)
    mark = container.add_paragraph(DRAFT_MARK, document.styles["TD Dự thảo"])
    ppr = mark._p.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    for attr, value in (("w:wrap", "around"), ("w:vAnchor", "text"), ("w:hAnchor", "margin"),
                        ("w:xAlign", "right"), ("w:y", "1")):
        frame.set(qn(attr), value)
    ppr.insert(1, frame)
    mark.paragraph_format.space_before = Pt(0)
    number = container.add_paragraph(style=document.styles["TD Số trang"])
    if with_page_number:
        _page_field(number.add_run())
    return rid


def draft_headers(document, sections, first_page_mark: tuple[bool, ...]) -> None:
    """In each section's properties, choose the draft header parts when ``doc.draft``.
    *first_page_mark*: whether the section's first page shows the mark in its header (page 1
    shows it under the Số instead)."""
    default_draft = _draft_header(document, with_page_number=True)
    first_draft = _draft_header(document, with_page_number=False)
    for section, first_mark in zip(sections, first_page_mark):
        sect = section._sectPr
        kinds = {"default": default_draft, **({"first": first_draft} if first_mark else {})}
        absent = []
        for kind, rid in kinds.items():
            ref = next((r for r in sect.findall(qn("w:headerReference"))
                        if r.get(qn("w:type")) == kind), None)
            draft = OxmlElement("w:headerReference")
            draft.set(qn("w:type"), kind)
            draft.set(qn("r:id"), rid)
            if ref is None:                 # the section inherits this header when final
                absent.append(draft)
                continue
            previous = ref.getprevious()
            if previous is None:
                sect.text = (sect.text or "") + "{% if doc.draft %}"
            else:
                previous.tail = (previous.tail or "") + "{% if doc.draft %}"
            ref.addprevious(draft)
            draft.tail = "{% else %}"
            ref.tail = "{% endif %}" + (ref.tail or "")
        if absent:
            for draft in reversed(absent):
                sect.insert(0, draft)
            sect.text = (sect.text or "") + "{% if doc.draft %}"
            absent[-1].tail = "{% endif %}" + (absent[-1].tail or "")


def _page_field(run) -> None:
    """A PAGE field in *run*, showing 2 until the reader updates it."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            if text == " PAGE ":
                el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def borderless_table(document, widths_mm: tuple[int, ...], rows: int):
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    for col, width in zip(table.columns, widths_mm):
        col.width = Mm(width)
    return table


def cell_paragraphs(document, cell, items: list[tuple[str, str]]) -> None:
    """Fill *cell* with (style, text) paragraphs, reusing the empty first paragraph."""
    first = True
    for style, text in items:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.style = document.styles[style]
        if text:
            paragraph.add_run(text)


def paragraph(document, style: str, text: str = ""):
    p = document.add_paragraph(style=document.styles[style])
    if text:
        p.add_run(text)
    return p


def header_block(document) -> None:
    """Ô 1–4: agency block and 'Số' on the left, Quốc hiệu, Tiêu ngữ and date on the right."""
    table = borderless_table(document, (HEADER_LEFT_MM, HEADER_RIGHT_MM), rows=2)
    cell_paragraphs(document, table.cell(0, 0), [
        ("TD Cơ quan chủ quản", "{%p if doc.parent %}"),
        ("TD Cơ quan chủ quản", "{{ doc.parent }}"),
        ("TD Cơ quan chủ quản", "{%p endif %}"),
        ("TD Cơ quan ban hành", "{{ doc.agency }}"),
        ("TD Đường kẻ ngắn", ""),
    ])
    cell_paragraphs(document, table.cell(0, 1), [
        ("TD Quốc hiệu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("TD Tiêu ngữ", "Độc lập - Tự do - Hạnh phúc"),
        ("TD Đường kẻ dài", ""),
    ])
    cell_paragraphs(document, table.cell(1, 0), [
        ("TD Số ký hiệu", "{{ doc.number_line }}"),
        ("TD Dự thảo", "{%p if doc.draft %}"),
        ("TD Dự thảo", DRAFT_MARK),
        ("TD Dự thảo", "{%p endif %}"),
    ])
    cell_paragraphs(document, table.cell(1, 1),
                    [("TD Địa danh ngày tháng", "{{ doc.place_date }}")])


def title_block(document, type_name: str, summary: str = "{{ title }}") -> None:
    """Ô 5a: the type name and the trích yếu with its short rule."""
    paragraph(document, "TD Tên loại", type_name)
    paragraph(document, "TD Trích yếu", summary)
    rule = paragraph(document, "TD Đường kẻ ngắn")
    rule.paragraph_format.space_after = Pt(12)


def footer_block(document) -> None:
    """Ô 9b (Nơi nhận) on the left and ô 7 (signer) on the right."""
    table = borderless_table(document, (FOOTER_LEFT_MM, FOOTER_RIGHT_MM), rows=1)
    # Space between the body and the footer as a cell margin, so that no empty paragraph is
    # needed and the Nơi nhận stays level with the signer's first line.
    margins = OxmlElement("w:tblCellMar")
    top = OxmlElement("w:top")
    top.set(qn("w:w"), "240")
    top.set(qn("w:type"), "dxa")
    margins.append(top)
    table._tbl.tblPr.append(margins)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cell_paragraphs(document, table.cell(0, 0), [
        ("TD Nơi nhận", "Nơi nhận:"),
        ("TD Danh sách nơi nhận", "{%p for line in doc.recipient_lines %}"),
        ("TD Danh sách nơi nhận", "{{ line }}"),
        ("TD Danh sách nơi nhận", "{%p endfor %}"),
    ])
    cell_paragraphs(document, table.cell(0, 1), [
        ("TD Quyền hạn ký", "{%p for line in doc.signer_lines %}"),
        ("TD Quyền hạn ký", "{{ line }}"),
        ("TD Quyền hạn ký", "{%p endfor %}"),
        ("TD Họ tên người ký", "{{ signer.name }}"),
    ])


def new_document(title: str):
    document = Document()
    set_defaults(document)
    add_styles(document)
    section = document.sections[0]
    page_setup(section)
    page_numbers(document, section)
    props = document.core_properties
    props.title, props.author, props.comments = title, "thidua", ""
    props.language = "vi-VN"
    # python-docx's blank document starts with one empty paragraph: remove it.
    body = document.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    return document


def loop(document, style: str, items: str, text: str, var: str = "item") -> None:
    """Three paragraphs: '{%p for var in items %}', the repeated line, '{%p endfor %}'."""
    paragraph(document, style, f"{{%p for {var} in {items} %}}")
    paragraph(document, style, text)
    paragraph(document, style, "{%p endfor %}")


def plan_template() -> Document:
    """Mẫu 1.4 (văn bản có tên loại) for the agency's Kế hoạch."""
    d = new_document("Kế hoạch triển khai phong trào thi đua")
    header_block(d)
    title_block(d, "KẾ HOẠCH")
    loop(d, "TD Căn cứ", "doc.bases", "{{ item }}")
    paragraph(d, "TD Nội dung dẫn", "{{ doc.opening }}")     # "… như sau:" keeps with I.
    paragraph(d, "TD Mục", "I. MỤC ĐÍCH, YÊU CẦU")
    paragraph(d, "TD Khoản", "1. Mục đích")
    loop(d, "TD Nội dung", "purposes", "- {{ item }}")
    paragraph(d, "TD Khoản", "2. Yêu cầu")
    loop(d, "TD Nội dung", "requirements", "- {{ item }}")
    paragraph(d, "TD Mục", "II. CHỦ ĐỀ, NỘI DUNG VÀ THỜI GIAN THI ĐUA")
    paragraph(d, "TD Khoản", "1. Chủ đề")
    paragraph(d, "TD Nội dung", "{{ movement.name|quoted }}.")
    paragraph(d, "TD Khoản", "2. Nội dung thi đua")
    loop(d, "TD Nội dung", "contents", "{{ loop.index0|point }} {{ item }}")
    paragraph(d, "TD Khoản", "3. Thời gian thực hiện")
    paragraph(d, "TD Nội dung", "{{ doc.period }}")
    loop(d, "TD Nội dung", "doc.phases", "{{ item }}")
    paragraph(d, "TD Mục", "III. GIẢI PHÁP THỰC HIỆN")
    loop(d, "TD Nội dung", "solutions", "{{ loop.index }}. {{ item }}")
    paragraph(d, "TD Mục", "IV. HÌNH THỨC KHEN THƯỞNG")
    paragraph(d, "TD Nội dung dẫn", "{{ commendation.intro }}")
    loop(d, "TD Nội dung", "commendation.forms",
         "- {{ item }}{{ ';' if not loop.last else '.' }}")
    paragraph(d, "TD Nội dung", "{%p for item in commendation.notes|default([]) %}")
    paragraph(d, "TD Nội dung", "{{ item }}")
    paragraph(d, "TD Nội dung", "{%p endfor %}")
    paragraph(d, "TD Mục", "V. TỔ CHỨC THỰC HIỆN")
    loop(d, "TD Nội dung", "responsibilities", "{{ loop.index }}. {{ item.text }}")
    paragraph(d, "TD Nội dung cuối", "{{ closing|end_body }}")
    footer_block(d)
    return d


def grid_table(document, columns: list[tuple[str, int, str, str]], items: str,
               keep: bool = False, total: bool = False):
    """A bordered table whose header row repeats on every page (w:tblHeader) and keeps with the
    first row, and whose body row repeats for each item: columns are (heading, width mm, cell
    text, cell style). With *keep*, every row but the last keeps with the next: a short table
    stays on one page, yet does not drag what follows it onto the next page (a report whose
    table and closing lines would all move, leaving half a page empty). With *total* (a line
    of totals follows the table: "Cộng: …"), the last row keeps with that line, so that it
    never starts a page alone."""
    # Rows: the header, then the tags (one row each, removed by docxtpl) around the body rows.
    # One branch per row (loop.last) only where the last row differs from the others.
    start, end = f"{{%tr for row in {items} %}}", "{%tr endfor %}"
    if keep == total:
        tags = [start, "kept" if keep else "plain", end]
    else:
        first, last = ("kept", "plain") if keep else ("plain", "kept")
        tags = [start, "{%tr if not loop.last %}", first, "{%tr else %}", last,
                "{%tr endif %}", end]
    table = document.add_table(rows=1 + len(tags), cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    child(table._tbl.tblPr, "w:tblLayout").set(qn("w:type"), "fixed")
    for index, (heading, width, text, style) in enumerate(columns):
        for row in table.rows:
            row.cells[index].width = Mm(width)
        table.columns[index].width = Mm(width)
        cell_paragraphs(document, table.cell(0, index), [("TD Bảng tiêu đề", heading)])
        for number, tag in enumerate(tags, 1):
            if tag in ("kept", "plain"):
                cell_paragraphs(document, table.cell(number, index),
                                [(f"{style} liền" if tag == "kept" else style, text)])
    for number, tag in enumerate(tags, 1):
        if tag not in ("kept", "plain"):
            cell_paragraphs(document, table.cell(number, 0), [("TD Bảng", tag)])
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    # A row must not break across pages: a split row loses its STT next to its text.
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


def grid_tables(document, columns: list[tuple[str, int, str, str]], items: str,
                total: bool = False) -> None:
    """The table of *items* twice, chosen once per table: kept on one page when it has at
    most SHORT_TABLE_ROWS rows. *total*: a line of totals follows (see grid_table)."""
    # No "<" in a tag: docxtpl unescapes it inside Jinja and the XML then breaks.
    counts = ", ".join(str(n) for n in range(1, SHORT_TABLE_ROWS + 1))
    paragraph(document, "TD Bảng", f"{{%p if {items}|length in ({counts}) %}}")
    grid_table(document, columns, items, keep=True, total=total)
    paragraph(document, "TD Bảng", "{%p else %}")
    grid_table(document, columns, items, total=total)
    paragraph(document, "TD Bảng", "{%p endif %}")


def unit_plan_template() -> Document:
    """Mẫu 1.4 for a unit's implementing plan, with the registrations and activities tables."""
    d = new_document("Kế hoạch thực hiện phong trào thi đua của đơn vị")
    header_block(d)
    title_block(d, "KẾ HOẠCH", "{{ doc.title }}")
    loop(d, "TD Căn cứ", "doc.bases", "{{ item }}")
    paragraph(d, "TD Nội dung dẫn", "{{ doc.opening }}")     # "… như sau:" keeps with I.
    paragraph(d, "TD Mục", "{{ doc.no.purposes }}. MỤC ĐÍCH, YÊU CẦU")
    loop(d, "TD Nội dung", "doc.purposes", "- {{ item }}")
    paragraph(d, "TD Mục", "{{ doc.no.contents }}. NỘI DUNG, CHỈ TIÊU THI ĐUA")
    paragraph(d, "TD Khoản", "1. Chủ đề")
    paragraph(d, "TD Nội dung", "{{ doc.movement|quoted }}.")
    paragraph(d, "TD Khoản", "2. Nội dung thi đua")
    loop(d, "TD Nội dung", "doc.contents", "{{ loop.index0|point }} {{ item }}")
    paragraph(d, "TD Khoản", "3. Chỉ tiêu thi đua")
    loop(d, "TD Nội dung", "targets", "- {{ item }}")
    paragraph(d, "TD Khoản", "4. Thời gian thực hiện")
    paragraph(d, "TD Nội dung", "{{ doc.period }}")
    loop(d, "TD Nội dung", "doc.phases", "{{ item }}")
    paragraph(d, "TD Mục", "{%p if doc.registrations %}")
    paragraph(d, "TD Mục", "{{ doc.no.registrations }}. ĐĂNG KÝ THI ĐUA")
    grid_tables(d, [("STT", 15, "{{ loop.index }}", "TD Bảng giữa"),
                   ("Tập thể, cá nhân", 55, "{{ row.name }}", "TD Bảng"),
                   ("Chức vụ", 37, "{{ row.position|default('') }}", "TD Bảng"),
                   ("Danh hiệu đăng ký", 58, "{{ row.title }}", "TD Bảng")],
               "doc.registrations")
    paragraph(d, "TD Mục", "{%p endif %}")
    paragraph(d, "TD Mục", "{%p if doc.activities %}")
    paragraph(d, "TD Mục", "{{ doc.no.activities }}. CÁC HOẠT ĐỘNG TRIỂN KHAI")
    grid_tables(d, [("STT", 15, "{{ loop.index }}", "TD Bảng giữa"),
                   ("Nội dung", 65, "{{ row.content }}", "TD Bảng"),
                   ("Chủ trì", 30, "{{ row.lead }}", "TD Bảng"),
                   ("Phối hợp", 30, "{{ row.support }}", "TD Bảng"),
                   ("Thời hạn", 25, "{{ row.deadline }}", "TD Bảng giữa")],
               "doc.activities")
    paragraph(d, "TD Mục", "{%p endif %}")
    paragraph(d, "TD Mục", "{{ doc.no.organisation }}. TỔ CHỨC THỰC HIỆN")
    paragraph(d, "TD Khoản", "1. Nhiệm vụ được giao tại Kế hoạch {{ doc.agency_plan }}")
    loop(d, "TD Nội dung", "doc.tasks", "- {{ item }}")
    paragraph(d, "TD Khoản", "{%p if organisation is defined %}")
    paragraph(d, "TD Khoản", "2. Phân công trong đơn vị")
    loop(d, "TD Nội dung", "organisation", "- {{ item }}")
    paragraph(d, "TD Khoản", "{%p endif %}")
    paragraph(d, "TD Nội dung cuối", "{{ doc.closing|end_body }}")
    footer_block(d)
    return d


def label_paragraph(document, style: str, label: str, text: str):
    """A paragraph whose bold *label* run ('Điều 1.') is followed by an upright *text* run."""
    p = paragraph(document, style)
    p.add_run(label).bold = True
    p.add_run(text)
    return p


def when(document, style: str, value: str) -> None:
    """Three paragraphs: the line *value*, only when it is not empty."""
    paragraph(document, style, f"{{%p if {value} %}}")
    paragraph(document, style, f"{{{{ {value} }}}}")
    paragraph(document, style, "{%p endif %}")


def list_section(document, amounts: bool = False) -> None:
    """Mẫu 2.1: the attached list on a new page, numbered from 1 on its own (Phụ lục I: an
    appendix's pages are numbered separately), no number on its first page. With *amounts*
    (a decision), each row shows its prize money and each table its sum, the list its total."""
    section = document.add_section()
    page_setup(section)
    start = OxmlElement("w:pgNumType")
    start.set(qn("w:start"), "1")
    section._sectPr.append(start)
    paragraph(document, "TD Tên loại", "{{ doc.list_title }}")
    paragraph(document, "TD Trích yếu", "{{ doc.list_summary }}")
    paragraph(document, "TD Kèm theo", "{{ doc.attachment }}")
    rule = paragraph(document, "TD Đường kẻ ngắn")
    rule.paragraph_format.space_after = Pt(12)
    paragraph(document, "TD Mục", "{%p for g in doc.groups %}")
    # No heading when the list has one form: its title names the form already (issue 13).
    paragraph(document, "TD Mục", "{%p if g.heading %}")
    paragraph(document, "TD Mục", "{{ g.heading }}")
    paragraph(document, "TD Mục", "{%p endif %}")
    paragraph(document, "TD Khoản", "{%p if g.collectives %}")
    paragraph(document, "TD Khoản", "{{ g.collective_label }}")
    money = [("Tiền thưởng (đồng)", 30, "{{ row.amount }}", "TD Bảng giữa")] if amounts else []
    grid_tables(document, [("STT", 15, "{{ loop.index }}", "TD Bảng giữa"),
                           ("Tên tập thể", 150 - (30 if amounts else 0), "{{ row.name }}",
                            "TD Bảng"), *money], "g.collectives", total=amounts)
    if amounts:
        when(document, "TD Nội dung", "g.collective_total")
    paragraph(document, "TD Khoản", "{%p endif %}")
    paragraph(document, "TD Khoản", "{%p if g.individuals %}")
    paragraph(document, "TD Khoản", "{{ g.individual_label }}")
    grid_tables(document, [("STT", 15, "{{ loop.index }}", "TD Bảng giữa"),
                          ("Họ và tên", 55, "{{ row.name }}", "TD Bảng"),
                          ("Chức vụ, đơn vị công tác", 95 - (30 if amounts else 0),
                           "{{ row.detail }}", "TD Bảng"), *money],
               "g.individuals", total=amounts)
    if amounts:
        when(document, "TD Nội dung", "g.individual_total")
    paragraph(document, "TD Khoản", "{%p endif %}")
    paragraph(document, "TD Mục", "{%p endfor %}")
    if amounts:
        when(document, "TD Nội dung", "doc.prize_total")
    paragraph(document, "TD Nội dung", "./.")


def decision_template() -> Document:
    """Mẫu 1.2 (Quyết định cá biệt quy định trực tiếp) with its list (Mẫu 2.1) attached."""
    d = new_document("Quyết định khen thưởng")
    header_block(d)
    paragraph(d, "TD Tên loại", "QUYẾT ĐỊNH")
    paragraph(d, "TD Trích yếu", "{{ doc.title }}")
    paragraph(d, "TD Đường kẻ ngắn")
    paragraph(d, "TD Thẩm quyền", "{{ doc.authority }}")
    loop(d, "TD Căn cứ", "doc.bases", "{{ item }}")
    paragraph(d, "TD Căn cứ", "{{ doc.proposal }}")
    paragraph(d, "TD Quyết định", "QUYẾT ĐỊNH:")
    paragraph(d, "TD Nội dung", "{%p for a in doc.articles %}")
    # The last article keeps with the footer table: the signer never stands alone on a page.
    for condition, style in (("{%p if loop.last %}", "TD Nội dung cuối"),
                             ("{%p else %}", "TD Nội dung")):
        paragraph(d, style, condition)
        label_paragraph(d, style, "{{ a.label }}", "{{ ' ' ~ a.first if a.first else '' }}")
        loop(d, style, "a.rest", "{{ item }}")
    paragraph(d, "TD Nội dung", "{%p endif %}")
    paragraph(d, "TD Nội dung", "{%p endfor %}")
    footer_block(d)
    list_section(d, amounts=True)
    return d


def proposal_template() -> Document:
    """Mẫu 1.4 for a Tờ trình sent upward ('Kính gửi' under the trích yếu), with its list."""
    d = new_document("Tờ trình đề nghị khen thưởng")
    header_block(d)
    title_block(d, "TỜ TRÌNH", "{{ doc.title }}")
    paragraph(d, "TD Kính gửi", "{{ doc.to }}")
    loop(d, "TD Căn cứ", "doc.bases", "{{ item }}")
    paragraph(d, "TD Nội dung", "{{ doc.process }}")
    loop(d, "TD Nội dung", "doc.summary", "{{ item }}")
    loop(d, "TD Nội dung", "doc.requests", "{{ item }}")
    paragraph(d, "TD Nội dung dẫn", "Hồ sơ kèm theo gồm:")
    loop(d, "TD Nội dung", "doc.dossier", "{{ item }}")
    paragraph(d, "TD Nội dung cuối", "{{ doc.closing }}")
    footer_block(d)
    list_section(d)
    return d


TEMPLATES = {"plan.docx": plan_template, "unit_plan.docx": unit_plan_template,
             "decision.docx": decision_template, "proposal.docx": proposal_template}


def main(names: list[str]) -> None:
    for name, build in TEMPLATES.items():
        if names and name not in names:
            continue
        document = build()
        sections = list(document.sections)
        draft_headers(document, sections, tuple(i > 0 for i in range(len(sections))))
        document.save(ROOT / "templates" / name)
        print(f"templates/{name}")


if __name__ == "__main__":
    main(sys.argv[1:])
