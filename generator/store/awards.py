"""The award history in and out of Excel: the agency's existing sổ vàng (sổ theo dõi khen
thưởng) imported, so that the history's checks work from the first decision thidua builds,
and the history exported as a workbook a clerk prints or keeps.

An import is all or nothing: every row of the sheet is read and checked first, every problem is
reported at once by sheet, row and column, and nothing is written unless the whole sheet is
right. It is idempotent: the rows recorded from a workbook are replaced by its next import (a
row deleted from the workbook leaves the history with it), in one transaction with the
register's write lock (:func:`generator.store.register.writing`). A decision thidua built itself
is never overwritten by an imported row.

Only the public functions of :mod:`generator.store.history` touch the history's table.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from generator.data.tables import clean, key, open_workbook, sheet_rows
from generator.errors import DataError, Issue, OutputError, ValidationFailed
from generator.render.output import write_atomic
from generator.vn.formats import same_name_key

from . import backend, history, register
from .backend import Target


@dataclass(frozen=True)
class Column:
    """One column of the sổ vàng: the field it fills, the headers it is known by (compared
    without case, accents or punctuation) and whether a row must fill it."""

    field: str
    headers: tuple[str, ...]
    required: bool = True


COLUMNS: tuple[Column, ...] = (
    Column("register_number", ("Số sổ vàng", "Số vào sổ", "Sổ vàng"), required=False),
    Column("kind", ("Đối tượng", "Tập thể/Cá nhân", "Loại")),
    Column("name", ("Họ và tên, tên tập thể", "Họ và tên / Tên tập thể", "Họ và tên",
                    "Tên tập thể", "Tên")),
    Column("unit", ("Đơn vị", "Đơn vị công tác", "Thuộc đơn vị"), required=False),
    Column("form", ("Hình thức khen thưởng", "Hình thức, danh hiệu", "Danh hiệu", "Hình thức")),
    Column("achievement", ("Thành tích", "Thành tích khen thưởng"), required=False),
    Column("decision", ("Số quyết định", "Số, ký hiệu quyết định", "Quyết định số")),
    Column("date", ("Ngày quyết định", "Ngày ký", "Ngày ký quyết định")),
)
HEADINGS = tuple(c.headers[0] for c in COLUMNS)        # what the export writes
KINDS = {"ca nhan": "individual", "tap the": "collective"}
KIND_NAMES = {"individual": "Cá nhân", "collective": "Tập thể"}
HEADER_SEARCH = 15          # the header row is looked for among the first rows (cover lines)
_LABEL = re.compile(r"(\d{1,6})\s*/\s*([0-9A-ZĐ][0-9A-ZĐ-]*)")
_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


# -- reading the sổ vàng ----------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """Where a value sits: the sheet, the row and the column, as a clerk finds it in Excel."""

    sheet: str
    row: int
    column: int | None = None
    heading: str = ""

    def __str__(self) -> str:
        where = f"trang «{self.sheet}», dòng {self.row}"
        if self.column is not None:
            where += f", cột {_letter(self.column)} («{self.heading}»)"
        return where


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _header(rows: list[tuple[int, tuple[Any, ...]]]) -> tuple[int, dict[str, int]] | None:
    """The header row (its number and each field's column), or None."""
    known = {key(h): c.field for c in COLUMNS for h in c.headers}
    for row_number, cells in rows[:HEADER_SEARCH]:
        fields: dict[str, int] = {}
        for index, cell in enumerate(cells):
            field = known.get(key(clean(cell)))
            if field and field not in fields:
                fields[field] = index
        if "form" in fields and "name" in fields:
            return row_number, fields
    return None


def _day(value: Any) -> str | None:
    """A decision's date as ISO, from a date cell or 'dd/mm/yyyy' text; None if it is not one."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    text = clean(value)
    match = _DAY.fullmatch(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1])).isoformat()
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class Read:
    """The awards read from a workbook, with the place of each (for later messages)."""

    awards: list[history.Award]
    places: list[Place]


def _row_award(cells: tuple[Any, ...], fields: dict[str, int], place: Place, source: str,
               headings: dict[str, str]) -> tuple[history.Award | None, list[Issue]]:
    def value(field: str) -> Any:
        index = fields.get(field)
        return cells[index] if index is not None and index < len(cells) else None

    def at(field: str) -> str:
        index = fields.get(field)
        return str(Place(place.sheet, place.row, index, headings.get(field, "")))

    issues = []
    text = {f: clean(value(f)) for f in fields}
    for column in COLUMNS:
        if column.required and not text.get(column.field):
            where = at(column.field) if column.field in fields else str(place)
            issues.append(Issue(source, where,
                                f"thiếu «{headings.get(column.field) or column.headers[0]}»"))
    kind = KINDS.get(key(text.get("kind", "")))
    if text.get("kind") and kind is None:
        issues.append(Issue(source, at("kind"), f"«{text['kind']}» không phải «Cá nhân» hay "
                                                "«Tập thể»"))
    label = _LABEL.fullmatch(text.get("decision", "").upper())
    if text.get("decision") and label is None:
        issues.append(Issue(source, at("decision"), f"«{text['decision']}» không phải số, ký "
                                                    "hiệu quyết định (ví dụ 120/QĐ-VPCP)"))
    day = _day(value("date")) if text.get("date") else None
    if text.get("date") and day is None:
        issues.append(Issue(source, at("date"), f"«{text['date']}» không phải ngày (ngày/tháng/"
                                                "năm, ví dụ 30/06/2022)"))
    if issues or kind is None or label is None or day is None:
        return None, issues
    return history.Award(int(day[:4]), int(label[1]), label[2], day, text["form"], kind,
                         text["name"], text.get("unit", ""), text.get("achievement", ""),
                         text.get("register_number", ""), source), []


def _same_file_issues(read: Read, source: str) -> list[Issue]:
    """Within the workbook: one award listed twice, one decision given two dates."""
    issues = []
    seen: dict[tuple[Any, ...], Place] = {}
    dates: dict[tuple[int, int, str], tuple[str | None, Place]] = {}
    for award, place in zip(read.awards, read.places, strict=True):
        decision = (award.year, award.number, award.symbol)
        row = (*decision, same_name_key(award.form), award.subject)
        if row in seen:
            issues.append(Issue(source, str(place), f"trùng với dòng {seen[row].row} (cùng người, "
                                                    "cùng hình thức, cùng quyết định)"))
        seen.setdefault(row, place)
        day, first = dates.setdefault(decision, (award.date, place))
        if day != award.date:
            issues.append(Issue(source, str(place), (
                f"Quyết định số {award.number:02d}/{award.symbol} ghi ngày "
                f"{_date_text(award.date)}, dòng {first.row} ghi ngày {_date_text(day)}")))
    return issues


def read_awards(path: Path, sheet_name: str | None = None) -> Read:
    """Read and check every row of the sổ vàng at *path* (the first sheet unless named);
    raise ValidationFailed listing every problem, by sheet, row and column."""
    source = str(path.resolve()) if path.exists() else str(path)
    archive, book = open_workbook(path)
    try:
        names = list(book.sheetnames)
        if sheet_name is not None and sheet_name not in names:
            raise DataError(path, f"không có trang «{sheet_name}» (các trang: "
                                  f"{', '.join(f'«{n}»' for n in names)})")
        sheet = book[sheet_name or names[0]]
        rows = list(sheet_rows(str(path), sheet))
    finally:
        book.close()
        archive.close()
    found = _header(rows)
    if found is None:
        needed = ", ".join(f"«{c.headers[0]}»" for c in COLUMNS if c.required)
        raise ValidationFailed([Issue(str(path), f"trang «{sheet.title}»", (
            f"không thấy dòng tiêu đề trong {HEADER_SEARCH} dòng đầu; cần các cột {needed}"))])
    header_row, fields = found
    header_cells = dict(rows)[header_row]
    headings = {f: clean(header_cells[i]) for f, i in fields.items()}
    issues = [Issue(str(path), str(Place(sheet.title, header_row)),
                    f"thiếu cột «{c.headers[0]}»")
              for c in COLUMNS if c.required and c.field not in fields]
    if issues:
        raise ValidationFailed(issues)
    read = Read([], [])
    for row_number, cells in rows:
        if row_number <= header_row:
            continue
        place = Place(sheet.title, row_number)
        award, row_issues = _row_award(cells, fields, place, str(path), headings)
        issues += row_issues
        if award is not None:
            read.awards.append(_with_source(award, source))
            read.places.append(place)
    issues += _same_file_issues(read, str(path))
    if issues:
        raise ValidationFailed(issues)
    return read


def _with_source(award: history.Award, source: str) -> history.Award:
    return history.Award(award.year, award.number, award.symbol, award.date, award.form,
                         award.kind, award.name, award.unit, award.achievement,
                         award.register_number, source)


# -- writing them into the history -----------------------------------------------------------

def _built_elsewhere(path: Target, read: Read, source: str, file: str) -> list[Issue]:
    """Imported rows naming a decision the history already holds from another source (a
    decision thidua built, or another workbook): refused, so that neither overwrites the
    other."""
    held = {(a.year, a.number, a.symbol): a.source for a in history.awards(path)
            if a.source != source}
    issues = []
    for award, place in zip(read.awards, read.places, strict=True):
        other = held.get((award.year, award.number, award.symbol))
        if other is not None:
            issues.append(Issue(file, str(place), (
                f"Quyết định số {award.number:02d}/{award.symbol} năm {award.year} đã có trong "
                f"sổ theo dõi, ghi từ {other}; bỏ các dòng của quyết định này khỏi tệp nhập")))
    return issues


@dataclass(frozen=True)
class Imported:
    """What an import did: the rows now recorded from the workbook, their decisions, and how
    many rows of an earlier import of it were replaced."""

    rows: int
    decisions: int
    replaced: int


def import_awards(path: Path, register_path: Target,
                  sheet_name: str | None = None) -> Imported:
    """Record the sổ vàng at *path* in the history of the register at *register_path*
    (created if need be), replacing what an earlier import of the same workbook recorded."""
    read = read_awards(path, sheet_name)
    source = str(path.resolve())
    existed = backend.present(register_path)
    with register.writing(register_path) as db:
        assert db is not None
        # Read under the write lock (SQLite lets a reader in while a writer only holds it), so
        # that no run can record a decision between this check and the import.
        earlier = [a for a in history.awards(register_path) if a.source == source]
        issues = _built_elsewhere(register_path, read, source, str(path)) if existed else []
        if issues:
            raise ValidationFailed(issues)
        history.forget_source(db, source)
        history.record_in(db, read.awards)
    decisions = {(a.year, a.number, a.symbol) for a in read.awards}
    return Imported(len(read.awards), len(decisions), len(earlier))


# -- the history as a workbook ---------------------------------------------------------------

def _date_text(value: str | None) -> str:
    if not value:
        return ""
    year, month, day = value.split("-")
    return f"{day}/{month}/{year}"


def history_rows(awards: Sequence[history.Award]) -> list[list[str]]:
    """The rows of the export, in the columns the import reads back (HEADINGS)."""
    return [[a.register_number, KIND_NAMES.get(a.kind, a.kind), a.name, a.unit, a.form,
             a.achievement, f"{a.number:02d}/{a.symbol}", _date_text(a.date)] for a in awards]


WIDTHS = (14, 11, 32, 36, 40, 50, 18, 14)


def export_awards(register_path: Target, target: Path, year: int | None = None, *,
                  force: bool = False) -> int:
    """Write the history (one year, or all of it) to *target* (.xlsx), in the columns the
    import reads, so that an exported sổ can be corrected in Excel and imported again;
    return the number of rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    if target.suffix.lower() != ".xlsx":
        raise OutputError(f"Sổ theo dõi khen thưởng xuất ra tệp Excel .xlsx: {target}")
    if not backend.present(register_path):
        raise OutputError(f"Không có sổ đăng ký {backend.display(register_path)} (kiểm tra lại "
                          "đường dẫn).")
    awards = history.awards(register_path, year)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Năm {year}" if year else "Sổ theo dõi khen thưởng"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append(["STT", *HEADINGS])
    for line, row in enumerate(history_rows(awards), start=1):
        sheet.append([line, *row])
    for row_cells in sheet.iter_rows():
        for cell in row_cells:
            cell.font = Font(name="Times New Roman", size=12, bold=cell.row == 1)
            cell.alignment = Alignment(vertical="top", wrap_text=True,
                                       horizontal="center" if cell.row == 1 else None)
            cell.border = box
    for index, width in enumerate((6, *WIDTHS), start=1):
        sheet.column_dimensions[_letter(index - 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    out = io.BytesIO()
    book.save(out)
    write_atomic(target, out.getvalue(), force)
    return len(awards)
