"""The sổ đăng ký văn bản đi as a workbook a văn thư prints or keeps: the columns of Phụ lục IV,
Mục I of Nghị định 30/2020/NĐ-CP ("Mẫu sổ đăng ký văn bản đi": its cover lines, then at least
ten columns, numbered (1) to (10)), filled from the register.

What the register does not know is left for the văn thư to write by hand: Nơi nhận, bản lưu and
số lượng bản come from the signed document, Ngày chuyển and Ký nhận from the day it is sent.
openpyxl writes the workbook (already a dependency for the clerks' lists): merged cover lines,
frozen header rows and a print set-up that repeats them on every page, as a hand-made sổ has.
The same sổ as a .docx (drawn by generator.render.register_book): A4 landscape with the margins of
Phụ lục I, Mục I of the decree, the cover lines, then one table whose two header rows repeat
on every page (w:tblHeader) and whose rows never break across pages (w:cantSplit).
"""

from __future__ import annotations

import io
from pathlib import Path

from generator.errors import OutputError

from .backend import Target
from .register import Entry, entries

# Phụ lục IV, Mục I, khoản 2 of Nghị định 30/2020/NĐ-CP: "Tối thiểu gồm 10 nội dung".
COLUMNS = ("Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
           "Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản",
           "Ngày chuyển", "Ký nhận", "Ghi chú")
WIDTHS = (16, 12, 60, 22, 30, 22, 9, 12, 12, 24)
DOCX_MM = (24, 22, 64, 30, 26, 22, 14, 18, 14, 18)     # 252 mm: A4 landscape less margins
CENTRED = (0, 1, 6)        # số ký hiệu, ngày tháng, số lượng bản


def format_date(value: str | None) -> str:
    """dd/mm/yyyy, with the leading zeros a sổ writes; blank while the date is not fixed."""
    if not value:
        return ""
    year, month, day = value.split("-")
    return f"{day}/{month}/{year}"


def row(entry: Entry) -> list[str]:
    return [entry.label, format_date(entry.date), f"{entry.type}: {entry.summary}", entry.signer,
            "", "", "", "", "", ""]


def cover(rows: list[Entry], agency: str, parent: str, year: int) -> list[str]:
    """The cover lines of Phụ lục IV's sổ: the agencies, the title, the year, the dates and
    numbers it spans."""
    first = format_date(min((r.date for r in rows if r.date), default=""))
    last = format_date(max((r.date for r in rows if r.date), default=""))
    return [parent.upper(), agency.upper(), "SỔ ĐĂNG KÝ VĂN BẢN ĐI", f"Năm: {year}",
            f"Từ ngày {first} đến ngày {last}",
            f"Từ số {rows[0].label if rows else ''} đến số {rows[-1].label if rows else ''}"]


def register_lines(path: Target, agency: str, year: int, parent: str = ""
                   ) -> tuple[list[str], list[list[str]], int]:
    """The cover lines, the table (titles, column numbers, one row per document) and the
    number of documents of the year's sổ, for a writer other than the workbook's."""
    rows = entries(path, year)
    lines = [list(COLUMNS), [f"({n})" for n in range(1, len(COLUMNS) + 1)],
             *(row(entry) for entry in rows)]
    return cover(rows, agency, parent, year), lines, len(rows)


def register_file(path: Target, target: Path, agency: str, year: int, *,
                  parent: str = "") -> tuple[bytes, int]:
    """The workbook of the year's sổ (generator.register_export writes it, or the .docx), and the
    number of documents in it, not written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        raise OutputError(f"Sổ đăng ký xuất ra tệp Excel .xlsx hoặc Word .docx, không phải "
                          f"«{target.suffix or '(không đuôi)'}»: {target}")
    rows = entries(path, year)
    if suffix == ".docx":
        # the Word sổ is drawn by the renderer: the store writes no .docx itself
        raise OutputError(f"Sổ đăng ký dạng Word được ghi qua generator.register_export: {target}")
    book = Workbook()
    sheet = book.active
    sheet.title = f"Năm {year}"
    cover_lines = cover(rows, agency, parent, year)
    for line, text in enumerate(cover_lines, start=1):
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=len(COLUMNS))
        cell = sheet.cell(line, 1, text)
        cell.alignment = Alignment(horizontal="center")
        cell.font = Font(name="Times New Roman", size=14 if line == 3 else 12, bold=line <= 3)
    head = len(cover_lines) + 2
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
        for column, text in enumerate(row(entry), start=1):
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
