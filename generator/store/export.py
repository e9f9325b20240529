"""The sổ đăng ký văn bản đi as a workbook a văn thư prints or keeps: the columns of Phụ lục IV,
Mục I of Nghị định 30/2020/NĐ-CP ("Mẫu sổ đăng ký văn bản đi": its cover lines, then at least
ten columns, numbered (1) to (10)), filled from the register.

What the register does not know is left for the văn thư to write by hand: Nơi nhận, bản lưu and
số lượng bản come from the signed document, Ngày chuyển and Ký nhận from the day it is sent.
openpyxl writes the workbook (already a dependency for the clerks' lists): merged cover lines,
frozen header rows and a print set-up that repeats them on every page, as a hand-made sổ has.
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


def format_date(value: str | None) -> str:
    """dd/mm/yyyy, with the leading zeros a sổ writes; blank while the date is not fixed."""
    if not value:
        return ""
    year, month, day = value.split("-")
    return f"{day}/{month}/{year}"


def _row(entry: Entry) -> list[str]:
    return [entry.label, format_date(entry.date), f"{entry.type}: {entry.summary}", entry.signer,
            "", "", "", "", "", ""]


def export_register(path: Target, target: Path, agency: str, year: int, *,
                    parent: str = "", force: bool = False) -> int:
    """Write the year's sổ đăng ký văn bản đi of the register at *path* to *target* (.xlsx);
    return the number of documents in it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    if target.suffix.lower() != ".xlsx":
        raise OutputError(f"Sổ đăng ký xuất ra tệp Excel .xlsx: {target}")
    rows = entries(path, year)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Năm {year}"
    first = format_date(min((r.date for r in rows if r.date), default=""))
    last = format_date(max((r.date for r in rows if r.date), default=""))
    cover = [parent.upper(), agency.upper(), "SỔ ĐĂNG KÝ VĂN BẢN ĐI", f"Năm: {year}",
             f"Từ ngày {first} đến ngày {last}",
             f"Từ số {rows[0].label if rows else ''} đến số {rows[-1].label if rows else ''}"]
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
    write_atomic(target, out.getvalue(), force)
    return len(rows)
