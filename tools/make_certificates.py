"""Build templates/bang_khen.docx and templates/giay_khen.docx, and the sample certificate list.

Run by a developer; the .docx and .xlsx files are committed. The templates are ordinary Word files
a clerk can open and restyle: every size lives in a "TD …" paragraph style, and the batch engine
reads those styles back to decide whether a long name still fits (generator/certificates/engine.py).

Canonical order of a certificate (ND 50/2006 Art. 28, still followed; domain notes §3.2):
Quốc hiệu and Tiêu ngữ; the awarding authority in red; "TẶNG"; "BẰNG KHEN"/"GIẤY KHEN" in large
red letters; the recipient, position and unit; the achievement; bottom left the decision number
and date and the register number (số sổ vàng); bottom right place and date, the signer's title,
space for the signature and seal, the signer's name. Landscape, A3 for Bằng khen and A4 for
Giấy khen (the sizes ND 85/2014 sets could not be confirmed; clerks print on A3/A4 phôi).

    python tools/make_certificates.py            # templates and the sample list
"""

from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_templates import (
    add_border,
    borderless_table,
    set_defaults,
    set_fonts,
    twips_up,
)

from generator.certificates.engine import TAG_STYLE
from generator.certificates.page import LINE_HEIGHT
from generator.render.engine import fit_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "vpcp-covid19-2021" / "certificates"
RED = RGBColor(0xFF, 0x00, 0x00)        # "màu đỏ" of ND 50/2006 Art. 28
CENTER = WD_ALIGN_PARAGRAPH.CENTER
SLACK_PT = 18                             # kept free so rounding in Word never adds a page
END_STYLE = "TD Kết thúc"                 # a 1 pt last paragraph (Word ends a body with one)


# style: (size, bold, italic, red, space before, space after), in points
Sizes = dict[str, tuple[float, bool, bool, bool, float, float]]


@dataclass(frozen=True)
class Spec:
    """One certificate form: paper, margins and the size of every style (points)."""

    file: str
    form: str                                  # printed in red, large
    page_mm: tuple[int, int]                   # width, height (landscape)
    margins_mm: tuple[int, int, int, int]      # top, bottom, left, right
    middle_mm: int                             # width of the recipient block
    bottom_mm: tuple[int, int]                 # bottom table: decision column, signer column
    signature_mm: int                          # blank for signature and seal
    styles: Sizes


def _styles(scale: float, form_size: float) -> Sizes:
    def s(size: float) -> float:
        return round(size * scale * 2) / 2          # Word stores half points
    return {
        "TD Quốc hiệu": (s(18), True, False, False, 0, 0),
        "TD Tiêu ngữ": (s(19), True, False, False, 0, 0),
        "TD Cấp tặng": (s(22), True, False, True, 0, 0),
        "TD Tặng": (s(18), True, False, False, s(12), 0),
        "TD Tên hình thức": (form_size, True, False, True, s(6), s(6)),
        "TD Người nhận": (s(30), True, False, False, 0, s(6)),
        "TD Chức vụ đơn vị": (s(20), False, False, False, 0, s(6)),
        "TD Thành tích": (s(20), False, False, False, 0, 0),
        "TD Người nhận (nhỏ)": (s(24), True, False, False, 0, s(4)),
        "TD Chức vụ đơn vị (nhỏ)": (s(17), False, False, False, 0, s(4)),
        "TD Thành tích (nhỏ)": (s(17), False, False, False, 0, 0),
        "TD Quyết định khen thưởng": (s(15), False, False, False, 0, 0),
        "TD Địa danh ngày tháng": (s(17), False, True, False, 0, 0),
        "TD Quyền hạn ký": (s(17), True, False, False, 0, 0),
        "TD Họ tên người ký": (s(18), True, False, False, 0, 0),   # space before = signature
    }


BANG_KHEN = Spec("bang_khen.docx", "BẰNG KHEN", (420, 297), (30, 25, 40, 40), 290, (160, 180), 35,
                 _styles(1.0, 60))
GIAY_KHEN = Spec("giay_khen.docx", "GIẤY KHEN", (297, 210), (22, 18, 28, 28), 205, (111, 130), 25,
                 _styles(0.72, 42))


def add_styles(document, spec: Spec) -> None:
    for name, (size, bold, italic, red, before, after) in spec.styles.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
        if red:
            style.font.color.rgb = RED
        set_fonts(style.element)
        fmt = style.paragraph_format
        fmt.alignment = CENTER
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    document.styles["TD Họ tên người ký"].paragraph_format.space_before = Mm(spec.signature_mm)
    rule = document.styles.add_style("TD Đường kẻ dài", WD_STYLE_TYPE.PARAGRAPH)
    rule.base_style = document.styles["Normal"]
    rule.font.size = Pt(1)
    rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    rule.paragraph_format.line_spacing = Pt(2)
    add_border(rule.element.get_or_add_pPr(), "bottom")
    # Word gives a body that ends with a table a 14 pt paragraph of its own, which could
    # overflow the page: end with a 1 pt one instead.
    end = document.styles.add_style(END_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    end.base_style = document.styles["Normal"]
    end.font.size = Pt(1)
    end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    end.paragraph_format.line_spacing = Pt(1)
    # Jinja tag paragraphs vanish when rendered; small and grey so the template stays legible.
    tag = document.styles.add_style(TAG_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    tag.base_style = document.styles["Normal"]
    tag.font.size = Pt(8)
    tag.font.color.rgb = RGBColor(0x80, 0x80, 0x80)


def page_setup(document, spec: Spec) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = (twips_up(v) for v in spec.page_mm)
    top, bottom, left, right = (twips_up(v) for v in spec.margins_mm)
    section.top_margin, section.bottom_margin = top, bottom
    section.left_margin, section.right_margin = left, right
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def add(container, style: str, text: str = "") -> None:
    """A paragraph in *style* at the end of a document or a table cell (whose first, empty
    paragraph is reused: a cell must hold at least one)."""
    paragraphs = container.paragraphs
    first = paragraphs[0] if isinstance(container, _Cell) and len(paragraphs) == 1 else None
    if first is not None and not first.text and first.style.name == "Normal":
        paragraph = first
        paragraph.style = style
    else:
        paragraph = container.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)


def tag(container, text: str) -> None:
    add(container, TAG_STYLE, text)


def middle_block(cell) -> None:
    """Recipient, position and unit, achievement; a compact variant for long texts."""
    for condition, suffix in (("{%p if compact %}", " (nhỏ)"), ("{%p else %}", "")):
        tag(cell, condition)
        add(cell, "TD Người nhận" + suffix, "{{ recipient }}")
        tag(cell, "{%p if detail %}")
        add(cell, "TD Chức vụ đơn vị" + suffix, "{{ detail }}")
        tag(cell, "{%p endif %}")
        add(cell, "TD Thành tích" + suffix, "{{ achievement }}")
    tag(cell, "{%p endif %}")


def bottom_block(document, spec: Spec) -> None:
    table = borderless_table(document, spec.bottom_mm, rows=1)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    add(left, "TD Quyết định khen thưởng", "{{ decision_line }}")
    add(left, "TD Quyết định khen thưởng", "{{ decision_date }}")
    tag(left, "{%p if register %}")
    add(left, "TD Quyết định khen thưởng", "{{ register }}")
    tag(left, "{%p endif %}")
    add(right, "TD Địa danh ngày tháng", "{{ place_date }}")
    tag(right, "{%p for line in signer_lines %}")
    add(right, "TD Quyền hạn ký", "{{ line }}")
    tag(right, "{%p endfor %}")
    add(right, "TD Họ tên người ký", "{{ signer_name }}")


def height(spec: Spec, style: str, lines: int = 1) -> float:
    size, _, _, _, before, after = spec.styles[style]
    return before + lines * size * LINE_HEIGHT + after


def rule_after(spec: Spec) -> float:
    """Space between the Tiêu ngữ rule and the authority (not on the authority lines, which a
    loop repeats)."""
    return spec.styles["TD Tặng"][4] * 1.5


def middle_height(spec: Spec) -> float:
    """Points left for the recipient block once the worst-case header and bottom are placed
    (two lines of authority, two lines of signer title)."""
    top, bottom = spec.margins_mm[0], spec.margins_mm[1]
    page = (spec.page_mm[1] - top - bottom) * 72 / 25.4
    header = (height(spec, "TD Quốc hiệu") + height(spec, "TD Tiêu ngữ") + 2 + rule_after(spec)
              + height(spec, "TD Cấp tặng", 2) + height(spec, "TD Tặng")
              + height(spec, "TD Tên hình thức"))
    signer = (height(spec, "TD Địa danh ngày tháng") + height(spec, "TD Quyền hạn ký", 2)
              + spec.signature_mm * 72 / 25.4 + height(spec, "TD Họ tên người ký") + 1)
    return int(page - header - signer - SLACK_PT)


def certificate_template(spec: Spec):
    document = Document()
    set_defaults(document)
    add_styles(document, spec)
    page_setup(document, spec)
    body = document.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    add(document, "TD Quốc hiệu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    add(document, "TD Tiêu ngữ", "Độc lập - Tự do - Hạnh phúc")
    add(document, "TD Đường kẻ dài")
    document.paragraphs[-1].paragraph_format.space_after = Pt(rule_after(spec))
    tag(document, "{%p for line in authority %}")
    add(document, "TD Cấp tặng", "{{ line }}")
    tag(document, "{%p endfor %}")
    add(document, "TD Tặng", "TẶNG")
    add(document, "TD Tên hình thức", spec.form)
    table = borderless_table(document, (spec.middle_mm,), rows=1)
    row = table.rows[0]
    # An exact height keeps the bottom block in place and can never push it onto a second
    # page; the batch engine refuses any text that would not fit in it.
    row.height, row.height_rule = Pt(middle_height(spec)), WD_ROW_HEIGHT_RULE.EXACTLY
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    table.cell(0, 0).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    middle_block(table.cell(0, 0))
    bottom_block(document, spec)
    add(document, END_STYLE)
    fit_rules(document)
    props = document.core_properties
    props.title, props.author, props.comments = spec.form.capitalize(), "thidua", ""
    props.language = "vi-VN"
    return document


def sample_list(path: Path) -> None:
    """The sample list: two sheets, a merged title row, column numbers, numbers typed as cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.properties.creator = "thidua"
    book.properties.created = book.properties.modified = datetime(2021, 12, 15)
    collectives = book.active
    collectives.title = "Tập thể"
    _sheet(collectives, "DANH SÁCH TẬP THỂ ĐƯỢC TẶNG BẰNG KHEN",
           ["STT", "Tên tập thể", "Đơn vị", "Số sổ vàng"], [
               [1, "Vụ Tổ chức cán bộ", "Văn phòng Chính phủ", 2101],
               [2, "Phòng Hành chính - Tổng hợp", "Cục Hành chính - Quản trị II", 2102],
               [3, "Tổ công tác đặc biệt phòng, chống dịch COVID-19",
                "Văn phòng Chính phủ", 2103],
           ])
    people = book.create_sheet("Cá nhân")
    _sheet(people, "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN",
           ["STT", "Họ và tên", "Giới tính", "Chức vụ", "Đơn vị", "Số sổ vàng"], [
               [1, "Nguyễn Thị Minh Anh", "Nữ", "Chuyên viên chính",
                "Vụ Tổ chức cán bộ, Văn phòng Chính phủ", 2104],
               [2, " Trần Quốc Bảo\u00a0", "Nam", "Phó Vụ trưởng",
                "Vụ Khoa giáo - Văn xã, Văn phòng Chính phủ", 2105],
               [3, "Lê Hoàng Yến", "Nữ", "Chuyên viên", "Cổng Thông tin điện tử Chính phủ",
                2106],
               [4, "Phạm Đức Long", "Nam", "Lái xe",
                "Cục Hành chính - Quản trị II, Văn phòng Chính phủ", 2107],
           ])
    for sheet in book.worksheets:
        sheet["A1"].font = Font(bold=True)
        sheet["A1"].alignment = Alignment(horizontal="center")
        for cell in sheet[2]:
            cell.font = Font(bold=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _sheet(sheet, title: str, headers: list[str], rows: list[list[object]]) -> None:
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(headers)
    sheet.append([f"({i})" for i in range(1, len(headers) + 1)])
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDEF", (6, 40, 12, 22, 45, 12)):
        sheet.column_dimensions[column].width = width


# Parts of python-docx's blank document a certificate does not need. Every certificate file
# carries the template's parts, so 10,000 certificates would carry 10,000 copies: the Word 2010
# styles-with-effects duplicate, a thumbnail of a blank page, a bibliography store.
DROP_PARTS = {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/item1.xml",
              "customXml/itemProps1.xml", "customXml/_rels/item1.xml.rels"}
DROP_RELATIONS = re.compile(rb'<Relationship [^>]*Type="[^"]*(?:stylesWithEffects|thumbnail|'
                            rb'customXml)"[^>]*/>')
DROP_TYPES = re.compile(rb'<Override PartName="/(?:word/stylesWithEffects|customXml/)[^>]*/>')
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def used_styles(styles: bytes, *parts: bytes) -> bytes:
    """styles.xml with the styles the certificate uses (the defaults, every "TD …" style, what
    the parts name, and what those are based on), and no latent-style table."""
    root = etree.fromstring(styles)
    for latent in root.findall(f"{W}latentStyles"):
        root.remove(latent)
    by_id = {s.get(f"{W}styleId"): s for s in root.findall(f"{W}style")}
    keep = {i for i, s in by_id.items() if s.get(f"{W}default") == "1"
            or s.find(f"{W}name").get(f"{W}val").startswith("TD ")}
    for part in parts:
        keep |= {m.decode() for m in re.findall(rb'Style w:val="([^"]+)"', part)}
    todo = list(keep)
    while todo:
        style = by_id.get(todo.pop())
        for link in (style.findall("*") if style is not None else []):
            target = link.get(f"{W}val")
            if link.tag in (f"{W}basedOn", f"{W}next", f"{W}link") and target not in keep:
                keep.add(target)
                todo.append(target)
    for style_id, style in by_id.items():
        if style_id not in keep:
            root.remove(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def finish(path: Path) -> None:
    """Slim the package (see DROP_PARTS) and give every zip member and the document
    properties a fixed time, so that rebuilding an unchanged file gives the same bytes
    (python-docx and openpyxl stamp the time of saving) and commits show real changes only."""
    with zipfile.ZipFile(path) as source:
        members = {i.filename: source.read(i) for i in source.infolist()
                   if i.filename not in DROP_PARTS}
    for name in ("_rels/.rels", "word/_rels/document.xml.rels"):
        if name in members:
            members[name] = DROP_RELATIONS.sub(b"", members[name])
    members["[Content_Types].xml"] = DROP_TYPES.sub(b"", members["[Content_Types].xml"])
    if "word/styles.xml" in members:
        members["word/styles.xml"] = used_styles(members["word/styles.xml"],
                                                 members["word/document.xml"],
                                                 members.get("word/numbering.xml", b""))
    members["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*",
                                          rb"\g<1>2021-12-15T00:00:00Z",
                                          members["docProps/core.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            fixed = zipfile.ZipInfo(name, date_time=(2021, 12, 15, 0, 0, 0))
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(fixed, data)


def main(names: list[str]) -> None:
    for spec in (BANG_KHEN, GIAY_KHEN):
        if names and spec.file not in names:
            continue
        certificate_template(spec).save(ROOT / "templates" / spec.file)
        finish(ROOT / "templates" / spec.file)
        print(f"templates/{spec.file}")
    if not names or "sample" in names:
        sample_list(SAMPLE / "danh-sach.xlsx")
        finish(SAMPLE / "danh-sach.xlsx")
        print((SAMPLE / "danh-sach.xlsx").relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
