"""The sổ đăng ký văn bản đi as a workbook a văn thư prints or keeps: the columns of Phụ lục IV,
Mục I of Nghị định 30/2020/NĐ-CP ("Mẫu sổ đăng ký văn bản đi": its cover lines, then at least
ten columns, numbered (1) to (10)), filled from the register.

What the register does not know is left for the văn thư to write by hand: Nơi nhận, bản lưu and
số lượng bản come from the signed document, Ngày chuyển and Ký nhận from the day it is sent.
openpyxl writes the workbook (already a dependency for the clerks' lists): merged cover lines,
frozen header rows and a print set-up that repeats them on every page, as a hand-made sổ has.
The same sổ as a .docx (python-docx, as the documents): A4 landscape with the margins of
Phụ lục I, Mục I of the decree, the cover lines, then one table whose two header rows repeat
on every page (w:tblHeader) and whose rows never break across pages (w:cantSplit).
"""

from __future__ import annotations

import io
from pathlib import Path

from generator.errors import OutputError
from generator.render.output import write_atomic

from .backend import Target
from .register import Entry, entries

# Phụ lục IV, Mục I, khoản 2 of Nghị định 30/2020/NĐ-CP: "Tối thiểu gồm 10 nội dung".
COLUMNS = ("Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
           "Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản",
           "Ngày chuyển", "Ký nhận", "Ghi chú")
WIDTHS = (16, 12, 60, 22, 30, 22, 9, 12, 12, 24)
DOCX_MM = (24, 22, 64, 30, 26, 22, 14, 18, 14, 18)     # 252 mm: A4 landscape less margins
_CENTRED = (0, 1, 6)        # số ký hiệu, ngày tháng, số lượng bản


def format_date(value: str | None) -> str:
    """dd/mm/yyyy, with the leading zeros a sổ writes; blank while the date is not fixed."""
    if not value:
        return ""
    year, month, day = value.split("-")
    return f"{day}/{month}/{year}"


def _row(entry: Entry) -> list[str]:
    # the trích yếu's own line breaks are the document's layout, not the sổ's
    summary = " ".join(entry.summary.split())
    return [entry.label, format_date(entry.date), f"{entry.type}: {summary}", entry.signer,
            "", "", "", "", "", ""]


def _cover(rows: list[Entry], agency: str, parent: str, year: int) -> list[str]:
    """The cover lines of Phụ lục IV's sổ: the agencies, the title, the year, the dates and
    numbers it spans."""
    first = format_date(min((r.date for r in rows if r.date), default=""))
    last = format_date(max((r.date for r in rows if r.date), default=""))
    return [parent.upper(), agency.upper(), "SỔ ĐĂNG KÝ VĂN BẢN ĐI", f"Năm: {year}",
            f"Từ ngày {first} đến ngày {last}",
            f"Từ số {rows[0].label if rows else ''} đến số {rows[-1].label if rows else ''}"]


def _docx(cover: list[str], rows: list[Entry]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    # A4 landscape; margins of Nghị định 30/2020, Phụ lục I, Mục I (top and bottom 20–25 mm,
    # left 30–35 mm, right 15–20 mm)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.element.rPr.rFonts.set(_w("eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(0)
    for line, text in enumerate(cover, start=1):
        if not text:
            continue
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = line <= 3
        run.font.size = Pt(14 if line == 3 else 12)
    document.add_paragraph()
    table = document.add_table(rows=2 + len(rows), cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(mm) for mm in DOCX_MM]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    lines = [list(COLUMNS), [f"({n})" for n in range(1, len(COLUMNS) + 1)],
             *(_row(entry) for entry in rows)]
    for index, (row, values) in enumerate(zip(table.rows, lines, strict=True)):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < 2:
            properties.append(OxmlElement("w:tblHeader"))     # repeated on every page
        for column, (cell, value, width) in enumerate(zip(row.cells, values, widths,
                                                          strict=True)):
            cell.width = width          # Word reads the cells' widths, LibreOffice the grid's
            paragraph = cell.paragraphs[0]
            if index < 2 or column in _CENTRED:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(value)
            run.bold = index == 0
            run.font.size = Pt(11)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _w(name: str) -> str:
    from docx.oxml.ns import qn
    return qn(f"w:{name}")


def export_register(path: Target, target: Path, agency: str, year: int, *,
                    parent: str = "", force: bool = False) -> int:
    """Write the year's sổ đăng ký văn bản đi of the register at *path* to *target* (.xlsx
    or, ready to print, .docx); return the number of documents in it."""
    content, count = register_file(path, target, agency, year, parent=parent)
    write_atomic(target, content, force)
    return count


def register_file(path: Target, target: Path, agency: str, year: int, *,
                  parent: str = "") -> tuple[bytes, int]:
    """The file :func:`export_register` writes (its format by *target*'s suffix), and the
    number of documents in it, not written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        raise OutputError(f"Sổ đăng ký xuất ra tệp Excel .xlsx hoặc Word .docx, không phải "
                          f"«{target.suffix or '(không đuôi)'}»: {target}")
    rows = entries(path, year)
    if suffix == ".docx":
        return _docx(_cover(rows, agency, parent, year), rows), len(rows)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Năm {year}"
    cover = _cover(rows, agency, parent, year)
    for line, text in enumerate(cover, start=1):
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=len(COLUMNS))
        cell = sheet.cell(line, 1, text)
        cell.alignment = Alignment(horizontal="center")
        cell.font = Font(name="Times New Roman", size=14 if line == 3 else 12, bold=line <= 3)
    head = len(cover) + 2
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for column, (title, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True), start=1):
        for line, text in ((head, title), (head + 1, f"({column})")):
            cell = sheet.cell(line, column, text)
            cell.font = Font(name="Times New Roman", size=12, bold=line == head)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = box
        sheet.column_dimensions[cell.column_letter].width = width
    for line, entry in enumerate(rows, start=head + 2):
        for column, text in enumerate(_row(entry), start=1):
            cell = sheet.cell(line, column, text)
            cell.font = Font(name="Times New Roman", size=12)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = box
    sheet.freeze_panes = sheet.cell(head + 2, 1)
    sheet.print_title_rows = f"{head}:{head + 1}"
    sheet.page_setup.orientation = "landscape"     # ten columns: printed sideways
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), len(rows)
