"""Hand-made Kế hoạch documents for the checker's tests, built with python-docx the way a clerk
types them in Word: plain python-docx defaults (Letter paper, theme fonts in the document
defaults, 10 pt after each paragraph) that the clerk then corrects by hand, direct formatting or
the clerk's own styles, a header built with a borderless table or with tab stops, a footer built
with a table, with tabs, or as stacked paragraphs.

A :class:`Clerk` holds every choice the clerk makes, all of them right by default; a test
changes one field to break exactly one rule of Nghị định 30/2020.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

BODY = [
    ("heading", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("text", ("Thực hiện Kế hoạch số 12/KH-UBND ngày 20 tháng 01 năm 2024 của Ủy ban nhân dân "
             "tỉnh về tổ chức phong trào thi đua, Sở Nội vụ ban hành Kế hoạch như sau:")),
    ("heading", "1. Mục đích"),
    ("text", ("Động viên công chức, viên chức và người lao động thi đua hoàn thành xuất sắc "
             "nhiệm vụ chính trị được giao trong năm 2024.")),
    ("heading", "2. Yêu cầu"),
    ("text", ("Việc tổ chức phong trào thi đua phải thiết thực, hiệu quả, tránh hình thức; khen "
             "thưởng kịp thời, chính xác, công khai, công bằng.")),
    ("heading", "II. TỔ CHỨC THỰC HIỆN"),
    ("text", ("Các phòng, đơn vị thuộc Sở căn cứ Kế hoạch này xây dựng kế hoạch cụ thể và báo "
             "cáo kết quả thực hiện về Văn phòng Sở trước ngày 15 tháng 12 năm 2024")),
]
# A Quyết định (Mẫu 1.2): the authority and "QUYẾT ĐỊNH:" are centred bold lines of the body,
# the căn cứ are italic, the articles start with a bold "Điều N.".
DECISION = [
    ("center", "GIÁM ĐỐC SỞ NỘI VỤ TỈNH HÀ NAM"),
    ("italic", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
    ("italic", ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy "
               "định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;")),
    ("italic", "Theo đề nghị của Chánh Văn phòng Sở."),
    ("center", "QUYẾT ĐỊNH:"),
    ("article", ("Điều 1. Tặng Giấy khen của Giám đốc Sở Nội vụ cho 05 tập thể và 12 cá nhân đã "
                "có thành tích xuất sắc trong phong trào thi đua năm 2024.")),
    ("article", ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở và các tập "
                "thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này")),
]
# A công văn (Mẫu 1.5): no type name; "Kính gửi:" then the body.
LETTER = [
    ("center", "Kính gửi: Sở Tài chính tỉnh Hà Nam."),
    ("text", ("Thực hiện Kế hoạch số 12/KH-UBND ngày 20 tháng 01 năm 2024 của Ủy ban nhân dân "
             "tỉnh, Sở Nội vụ đề nghị Sở Tài chính bố trí kinh phí khen thưởng năm 2024.")),
    ("text", "Sở Nội vụ trân trọng đề nghị Quý Sở quan tâm, phối hợp thực hiện"),
]
FILLER = ("Các phòng, đơn vị tổ chức sơ kết, đánh giá kết quả phong trào thi đua, lựa chọn tập "
          "thể, cá nhân tiêu biểu để đề nghị khen thưởng theo quy định hiện hành của pháp luật.")


@dataclass
class Clerk:
    """Every choice a clerk makes when typing the plan; the defaults follow the decree."""

    header: str = "table"                 # "table" | "tabs"
    footer: str = "table"                 # "table" | "tabs" | "stacked"
    styled: bool = False                  # body in the clerk's own styles, not direct formatting
    page_mm: tuple[float, float] = (210, 297)
    margins_mm: tuple[float, float, float, float] = (20, 20, 30, 15)   # top, bottom, left, right
    landscape: bool = False
    wide_table: bool = False
    font: str = "Times New Roman"         # the Normal style's font
    theme_font: bool = False              # leave Normal on the theme's font (Word's default)
    odd_font_run: str | None = None       # one run of the body typed in another font
    caps_quoc_hieu: bool = False          # Quốc hiệu typed in lower case, shown with "All caps"
    parent: str = "UBND TỈNH HÀ NAM"
    agency: str = "SỞ NỘI VỤ"
    agency_bold: bool = True
    agency_rule: str = "border"           # "border" | "shape" | "underscores" | "none"
    quoc_hieu: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    quoc_hieu_bold: bool = True
    quoc_hieu_size: float = 12
    tieu_ngu: str = "Độc lập - Tự do - Hạnh phúc"
    tieu_ngu_size: float = 13
    tieu_ngu_rule: str = "border"
    number: str = "Số: 05/KH-SNV"
    date_line: str = "Hà Nam, ngày 05 tháng 3 năm 2024"
    date_italic: bool = True
    type_name: str = "KẾ HOẠCH"
    type_bold: bool = True
    abstract: str = "Tổ chức phong trào thi đua năm 2024"
    abstract_bold: bool = True
    abstract_rule: str = "border"         # "border" | "underscores" | "none"
    body_size: float = 14
    body_align: Any = JUSTIFY
    body_indent_mm: float = 12.7
    body_indent_tab: bool = False         # indent the first line by typing a tab
    body_after_pt: float = 6
    body_line: float = 1.0
    end_mark: str = "./."
    extra_paragraphs: int = 0             # make the plan longer than a page
    noi_nhan: str = "Nơi nhận:"
    noi_nhan_italic: bool = True
    recipients: tuple[str, ...] = ("- Ủy ban nhân dân tỉnh (để báo cáo);",
                                   "- Ban Thi đua - Khen thưởng tỉnh;",
                                   "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, VP.")
    recipient_size: float = 11
    signer: tuple[str, ...] = ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    signer_bold: bool = True
    name: str = "Nguyễn Văn An"
    page_number: str = "header"           # "header" | "page1" | "footer" | "left" | "none"
    body_items: tuple[tuple[str, str], ...] = ()   # another kind of document (DECISION …)
    vv: str = ""                          # a công văn's trích yếu, under the number
    draft_mark: bool = False              # "DỰ THẢO" in the page headers (page 1's too)
    header_mm: tuple[float, float] | None = None   # the header table's column widths
    vv_size: float = 12


def build(clerk: Clerk, path: Path) -> Path:
    """Save the clerk's plan to *path*."""
    document = docx.Document()
    _page(document, clerk)
    _normal(document, clerk)
    (_header_table if clerk.header == "table" else _header_tabs)(document, clerk)
    _title(document, clerk)
    _body(document, clerk)
    {"table": _footer_table, "tabs": _footer_tabs, "stacked": _footer_stacked}[clerk.footer](
        document, clerk)
    _page_number(document, clerk)
    document.save(str(path))
    return path


# -- formatting helpers -----------------------------------------------------------------------


def add_run(paragraph: Any, text: str, size: float | None = None, bold: bool | None = None,
            italic: bool | None = None) -> Any:
    run = paragraph.add_run(text)
    run.font.size = Pt(size) if size else None
    run.bold, run.italic = bold, italic
    return run


def add_paragraph(container: Any, align: Any = None, after: float = 0) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    return paragraph


def bottom_border(paragraph: Any) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{attr}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def vml_line(paragraph: Any, start_pt: float, end_pt: float) -> None:
    """A straight line drawn with Word's Insert > Shapes (the VML form older Words save)."""
    run = parse_xml(f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
                    f'<v:line from="{start_pt}pt,0" to="{end_pt}pt,0" strokeweight=".5pt"/>'
                    f"</w:pict></w:r>")
    paragraph._p.append(run)


def rule_after(container: Any, kind: str, indent_mm: float = 0) -> None:
    """The rule under a centred element, as an empty bordered paragraph or underscores."""
    if kind == "border":
        rule = add_paragraph(container, CENTER)
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(indent_mm)
        bottom_border(rule)
    elif kind in ("underscores", "shape"):
        add_run(add_paragraph(container, CENTER), "____________")


# -- the blocks -------------------------------------------------------------------------------


def _page(document: Any, clerk: Clerk) -> None:
    section = document.sections[0]
    width, height = clerk.page_mm
    section.page_width, section.page_height = Mm(width), Mm(height)
    if clerk.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(height), Mm(width)
    top, bottom, left, right = clerk.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


def _normal(document: Any, clerk: Clerk) -> None:
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    if not clerk.theme_font:
        normal.font.name = clerk.font       # ascii and hAnsi; eastAsia/cs stay on the theme


def _header_table(document: Any, clerk: Clerk) -> None:
    table = document.add_table(rows=2, cols=2)
    if clerk.header_mm:
        for column, width in zip(table.columns, clerk.header_mm):
            column.width = Mm(width)
    _header_cell(table.cell(0, 0), clerk, [(clerk.parent, 12, False),
                                           (clerk.agency, 12, clerk.agency_bold)],
                 clerk.agency_rule)
    _header_cell(table.cell(0, 1), clerk, [
        (clerk.quoc_hieu, clerk.quoc_hieu_size, clerk.quoc_hieu_bold),
        (clerk.tieu_ngu, clerk.tieu_ngu_size, True)], clerk.tieu_ngu_rule)
    for cell, text, italic in ((table.cell(1, 0), clerk.number, None),
                               (table.cell(1, 1), clerk.date_line, clerk.date_italic)):
        cell.paragraphs[0].alignment = CENTER
        if text:
            add_run(cell.paragraphs[0], text, 13, None, italic)
    if clerk.vv:
        vv = add_paragraph(table.cell(1, 0), CENTER)
        vv.paragraph_format.space_before = Pt(6)
        add_run(vv, clerk.vv, clerk.vv_size)


def _header_cell(cell: Any, clerk: Clerk, items: list[tuple[str, float, bool]],
                 rule: str) -> None:
    """Centred lines in a header cell, then the rule under the last one."""
    paragraphs = iter([cell.paragraphs[0]])
    for text, size, bold in (item for item in items if item[0]):
        paragraph = next(paragraphs, None) or add_paragraph(cell, CENTER)
        paragraph.alignment = CENTER
        run = add_run(paragraph, text, size, bold)
        if clerk.caps_quoc_hieu and text == clerk.quoc_hieu:
            run.text, run.font.all_caps = text.lower(), True
    if rule == "shape":
        vml_line(add_paragraph(cell, CENTER), 40, 100)
    else:
        rule_after(cell, rule, 15)


def _tab_row(document: Any, pieces: list[tuple[str, float, bool | None, bool | None]],
             stops_mm: tuple[float, ...] = (32, 118)) -> Any:
    """A header or footer line typed with centre tab stops and a leading tab."""
    paragraph = add_paragraph(document, LEFT)
    for stop in stops_mm:
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(stop), WD_TAB_ALIGNMENT.CENTER)
    for text, size, bold, italic in pieces:
        add_run(paragraph, "\t")
        if text:
            add_run(paragraph, text, size, bold, italic)
    return paragraph


def _header_tabs(document: Any, clerk: Clerk) -> None:
    _tab_row(document, [(clerk.parent, 12, False, None),
                        (clerk.quoc_hieu, clerk.quoc_hieu_size, clerk.quoc_hieu_bold, None)])
    _tab_row(document, [(clerk.agency, 12, clerk.agency_bold, None),
                        (clerk.tieu_ngu, clerk.tieu_ngu_size, True, None)])
    rules = add_paragraph(document, LEFT)
    for kind, (start, end) in ((clerk.agency_rule, (70, 110)), (clerk.tieu_ngu_rule, (240, 430))):
        if kind in ("border", "shape"):
            vml_line(rules, start, end)
        elif kind == "underscores":
            add_run(rules, "\t__________")
    _tab_row(document, [(clerk.number, 13, None, None),
                        (clerk.date_line, 13, None, clerk.date_italic)])


def _title(document: Any, clerk: Clerk) -> None:
    if clerk.type_name:
        add_run(add_paragraph(document, CENTER), clerk.type_name, 14, clerk.type_bold)
    if clerk.abstract:
        add_run(add_paragraph(document, CENTER), clerk.abstract, 14, clerk.abstract_bold)
        rule_after(document, clerk.abstract_rule, 60)


def _body_style(document: Any, clerk: Clerk) -> Any:
    """The clerk's own 'Nội dung' style (a style name thidua has never heard of)."""
    style = document.styles.add_style("Nội dung", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(clerk.body_size)
    fmt = style.paragraph_format
    fmt.alignment = clerk.body_align
    fmt.first_line_indent = Mm(clerk.body_indent_mm)
    fmt.space_after, fmt.space_before, fmt.line_spacing = Pt(clerk.body_after_pt), Pt(0), \
        clerk.body_line
    return style


def _body(document: Any, clerk: Clerk) -> None:
    style = _body_style(document, clerk) if clerk.styled else None
    items = list(clerk.body_items) or \
        BODY[:-1] + [("text", FILLER)] * clerk.extra_paragraphs + BODY[-1:]
    for n, (kind, text) in enumerate(items):
        last = n == len(items) - 1
        paragraph = document.add_paragraph(style=style)
        if style is None:
            fmt = paragraph.paragraph_format
            paragraph.alignment = clerk.body_align
            fmt.first_line_indent = None if clerk.body_indent_tab else Mm(clerk.body_indent_mm)
            fmt.space_after, fmt.space_before = Pt(clerk.body_after_pt), Pt(0)
            fmt.line_spacing = clerk.body_line
        if kind == "center":
            paragraph.alignment, paragraph.paragraph_format.first_line_indent = CENTER, Mm(0)
        if clerk.body_indent_tab:
            paragraph.paragraph_format.first_line_indent = Mm(0)
            add_run(paragraph, "\t")
        size = None if style is not None else clerk.body_size
        text = text + (clerk.end_mark if last else "")
        if kind == "article":
            label, text = text.split(" ", 2)[:2], text.split(" ", 2)[2]
            add_run(paragraph, " ".join(label) + " ", size, True)
        add_run(paragraph, text, size, kind in ("heading", "center"), kind == "italic" or None)
        if clerk.odd_font_run and n == 3:
            add_run(paragraph, " Kế hoạch được triển khai đến toàn thể công chức.",
                    size).font.name = clerk.odd_font_run
    if clerk.wide_table:
        table = document.add_table(rows=2, cols=8)
        table.style = document.styles["Table Grid"]


def _recipient_lines(cell: Any, clerk: Clerk) -> None:
    if clerk.noi_nhan:
        add_run(add_paragraph(cell, LEFT), clerk.noi_nhan, 12, True, clerk.noi_nhan_italic)
    for line in clerk.recipients:
        add_run(add_paragraph(cell, LEFT), line, clerk.recipient_size)


def _signer_lines(cell: Any, clerk: Clerk, indent_mm: float = 0) -> None:
    lines = [(line, True) for line in clerk.signer] + [("", None)] * 3 + \
        ([(clerk.name, True)] if clerk.name else [])
    for text, _ in lines:
        paragraph = add_paragraph(cell, CENTER)
        paragraph.paragraph_format.left_indent = Mm(indent_mm) if indent_mm else None
        if text:
            add_run(paragraph, text, 14, clerk.signer_bold)


def _footer_table(document: Any, clerk: Clerk) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    _recipient_lines(left, clerk)
    _signer_lines(right, clerk)
    for cell in (left, right):
        first = cell.paragraphs[0]
        first._p.getparent().remove(first._p)       # the empty paragraph python-docx starts with


def _footer_tabs(document: Any, clerk: Clerk) -> None:
    left = ([(clerk.noi_nhan, 12, True, clerk.noi_nhan_italic)] if clerk.noi_nhan else []) + \
        [(line, clerk.recipient_size, None, None) for line in clerk.recipients]
    right = [(line, 14, clerk.signer_bold, None) for line in clerk.signer] + \
        [("", 14, None, None)] * 2 + ([(clerk.name, 14, clerk.signer_bold, None)]
                                      if clerk.name else [])
    for n in range(max(len(left), len(right))):
        paragraph = add_paragraph(document, LEFT)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(122), WD_TAB_ALIGNMENT.CENTER)
        if n < len(left):
            add_run(paragraph, *left[n])
        if n < len(right) and right[n][0]:
            add_run(paragraph, "\t")
            add_run(paragraph, *right[n])


def _footer_stacked(document: Any, clerk: Clerk) -> None:
    _signer_lines(document, clerk, indent_mm=80)
    _recipient_lines(document, clerk)


def _page_field(paragraph: Any) -> None:
    paragraph._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="26"/>'
        f"</w:rPr><w:t>2</w:t></w:r></w:fldSimple>"))


def _page_number(document: Any, clerk: Clerk) -> None:
    section = document.sections[0]
    if clerk.page_number == "none":
        return
    section.different_first_page_header_footer = clerk.page_number != "page1"
    part = section.footer if clerk.page_number == "footer" else section.header
    paragraph = part.paragraphs[0]
    paragraph.alignment = LEFT if clerk.page_number == "left" else CENTER
    _page_field(paragraph)
    if clerk.draft_mark:
        for header in (section.header, section.first_page_header):
            header.add_paragraph("DỰ THẢO").alignment = WD_ALIGN_PARAGRAPH.RIGHT
