"""Every list of a data file can come from Excel: a workbook (or CSV) named like the data file,
beside it, holds its rows, and they are read with the certificates' reader
(:mod:`generator.data.tables`).

- ``decisions/X.json`` + ``decisions/X.xlsx``, ``proposals/X.json`` + ``proposals/X.xlsx``: the
  collectives and individuals of each award group (``awards[]``). A row belongs to a group by a
  «Hình thức» column, or by its sheet (one sheet per form); either names the form by its number
  in ``awards`` (1, 2 …) or by the start of its name («Bằng khen», «Giấy khen»), when one group
  only starts so. A row is a collective or an individual by its «Loại» column, or by its name
  column («Tên tập thể» / «Họ và tên»), or by having a gender.
- ``units/X.json`` + ``units/X.xlsx``: the unit's registrations (đăng ký thi đua).
- ``campaign.json`` + ``campaign.xlsx``: the campaign's units.
- ``unit-reports/X.json`` + ``unit-reports/X.xlsx``: the unit's targets and results (figures
  of its báo cáo sơ kết / tổng kết); the numbers may be typed as Vietnamese write them
  ("97,3", "1.846").

The rows are added after the ones the JSON already has, then the whole file is checked against
its schema as usual. A row's own problems name the sheet, the row and the column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import DataError, Issue, ValidationFailed

from .tables import (
    BROKEN,
    MergeFill,
    Row,
    cell_text,
    column_name,
    csv_rows,
    differing,
    key,
    open_workbook,
    shared_fields,
    sheet_rows,
    vertical_merges,
)

LIST_SUFFIXES = (".xlsx", ".xlsm", ".csv")


@dataclass(frozen=True)
class Column:
    """A column of a list: the field it fills, its Vietnamese header (the first is written in
    templates), and the other headers a clerk may type."""

    field: str
    headers: tuple[str, ...]
    required: bool = False


AWARD_COLUMNS = (
    Column("form", ("Hình thức", "Hình thức khen thưởng")),
    Column("kind", ("Loại", "Tập thể, cá nhân", "Đối tượng")),
    Column("name", ("Tên tập thể, cá nhân", "Họ và tên", "Tên tập thể", "Tên", "Họ tên"), True),
    Column("gender", ("Giới tính", "Nam, Nữ")),
    Column("position", ("Chức vụ", "Chức danh", "Chức vụ, chức danh")),
    Column("unit", ("Đơn vị", "Đơn vị công tác", "Cơ quan, đơn vị", "Nơi công tác")),
    Column("register_number", ("Số sổ vàng", "Sổ vàng", "Số vào sổ")),
)
REGISTRATION_COLUMNS = (
    Column("name", ("Tên tập thể, cá nhân", "Tên tập thể hoặc họ tên cá nhân", "Họ và tên",
                    "Tên"), True),
    Column("position", ("Chức vụ", "Chức danh")),
    Column("title", ("Danh hiệu đăng ký", "Danh hiệu"), True),
)
UNIT_COLUMNS = (
    Column("code", ("Mã đơn vị", "Mã"), True),
    Column("name", ("Tên đơn vị", "Tên"), True),
    Column("abbreviation", ("Chữ viết tắt", "Viết tắt"), True),
    Column("kind", ("Loại đơn vị", "Loại")),
)
FIGURE_COLUMNS = (
    Column("content", ("Nội dung số", "Nội dung thi đua số", "Nội dung thi đua", "Nội dung"),
           True),
    Column("indicator", ("Chỉ tiêu", "Tên chỉ tiêu"), True),
    Column("measure", ("Đơn vị tính", "ĐVT"), True),
    Column("target", ("Kế hoạch", "Chỉ tiêu kế hoạch", "Kế hoạch đề ra"), True),
    Column("result", ("Thực hiện", "Kết quả", "Kết quả thực hiện"), True),
    Column("plan_target", ("Chỉ tiêu số", "Số thứ tự chỉ tiêu")),
)
NOMINATION_COLUMNS = (
    Column("kind", ("Loại", "Tập thể, cá nhân", "Đối tượng")),
    Column("name", ("Tên tập thể, cá nhân", "Họ và tên", "Tên tập thể", "Tên", "Họ tên"), True),
    Column("gender", ("Giới tính",)),
    Column("birth_date", ("Ngày sinh", "Ngày tháng năm sinh")),
    Column("position", ("Chức vụ", "Chức danh")),
    Column("unit", ("Đơn vị", "Đơn vị công tác")),
    Column("hometown", ("Quê quán",)),
    Column("qualification", ("Trình độ chuyên môn, nghiệp vụ", "Trình độ")),
    Column("form", ("Hình thức đề nghị", "Hình thức", "Hình thức khen thưởng"), True),
    Column("achievement", ("Thành tích", "Thành tích đề nghị khen"), True),
    Column("achievements", ("Thành tích đạt được", "Báo cáo thành tích"), True),
)
# The lists each schema can take from a workbook.
COLUMNS = {"decision": AWARD_COLUMNS, "proposal": AWARD_COLUMNS,
           "unit-plan": REGISTRATION_COLUMNS, "plan": UNIT_COLUMNS,
           "unit-report": FIGURE_COLUMNS,
           "nomination": NOMINATION_COLUMNS}
IGNORED = ("STT", "Số thứ tự", "TT", "Ghi chú")
GENDERS = {"nam": "nam", "ong": "nam", "nu": "nữ", "ba": "nữ"}
KINDS = {"tap the": "collectives", "ca nhan": "individuals"}


def list_file(path: Path) -> Path | None:
    """The workbook or CSV that holds *path*'s lists, if there is one beside it."""
    for suffix in LIST_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def attach_lists(path: Path, data: dict[str, Any], schema: str) -> dict[str, Any]:
    """*data* with the rows of the list file beside *path* added (unchanged without one)."""
    columns = COLUMNS.get(schema)
    table = list_file(path)
    if columns is None or table is None:
        return data
    issues: list[Issue] = []
    rows = list(read_rows(table, columns, issues))
    if schema in ("decision", "proposal"):
        data = _awards(data, rows, str(table), issues)
    elif schema == "unit-report":
        figures = [f for f in (_figure(values, where, str(table), issues)
                               for _, where, values in rows) if f is not None]
        data = {**data, "figures": [*data.get("figures", []), *figures]}
    elif schema == "nomination":
        from .nomination_rows import nominee_from_row
        found = [nominee_from_row(values, where, str(table), issues) for _, where, values in rows]
        data = {**data, "nominees": [*data.get("nominees", []), *filter(None, found)]}
    elif rows:
        field = "registrations" if schema == "unit-plan" else "units"
        data = {**data, field: [*data.get(field, []), *(values for _, _, values in rows)]}
    if issues:
        raise ValidationFailed(issues)
    return data


def read_rows(path: Path, columns: tuple[Column, ...], issues: list[Issue]
              ) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(sheet, row label, values) of every filled row of every visible sheet with a header."""
    file = str(path)
    headers = {key(h): c for c in columns for h in c.headers}
    found = False
    for sheet, rows in _sheets(path):
        for row_number, cells in rows:
            labels = [cell_text(c, True) for c in cells]
            if any(key(label) in headers for label in labels):
                break
        else:
            continue
        found = True
        read = [(i, headers[key(label)]) for i, label in enumerate(labels)
                if key(label) in headers]
        fields = {column.field for _, column in read}
        missing = [c.headers[0] for c in columns if c.required and c.field not in fields]
        if missing:
            issues.append(Issue(file, f"{sheet}!dòng {row_number}" if sheet else
                                f"dòng {row_number}", "thiếu cột " + ", ".join(
                                    f"«{m}»" for m in missing)))
            continue
        # Two columns of one field: each row fills one (the first filled one is read).
        doubled = shared_fields([(i, column.field) for i, column in read], labels)
        for number, cells in rows:
            where = f"{sheet}!dòng {number}" if sheet else f"dòng {number}"
            unclear = [problem for group in doubled if (problem := differing(
                [(f"«{label}» ({column_name(i, excel=bool(sheet))})",
                  cell_text(cells[i], True) if i < len(cells) else "") for i, label in group]))]
            issues += [Issue(file, where, problem) for problem in unclear]
            values: dict[str, str] = {}
            for index, column in read:
                text = cell_text(cells[index], True) if index < len(cells) else ""
                if text and not values.get(column.field):
                    values[column.field] = text
                    if column.field == "name" and key(labels[index]) in ("ten tap the",):
                        values.setdefault("kind", "Tập thể")
                    elif column.field == "name" and key(labels[index]) in ("ho va ten",
                                                                              "ho ten"):
                        values.setdefault("kind", "Cá nhân")
            if not any(v for f, v in values.items() if f != "kind"):
                continue
            lacking = [c for c in columns if c.required and not values.get(c.field)]
            issues += [Issue(file, f"{where}, cột {c.headers[0]}", "bị trống") for c in lacking]
            if not lacking and not unclear:
                yield sheet, where, values
    if not found:
        raise DataError(path, "không tìm thấy dòng tiêu đề (cần các cột "
                              + ", ".join(f"«{c.headers[0]}»" for c in columns if c.required)
                              + ")")


def _sheets(path: Path) -> Iterator[tuple[str, Iterator[Row]]]:
    if path.suffix.lower() == ".csv":
        yield "", csv_rows(path)
        return
    archive, book = open_workbook(path)
    file = str(path)
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible" or sheet.title.startswith("Hướng dẫn"):
                continue
            merges = vertical_merges(file, archive, sheet._worksheet_path, sheet.title)
            rows = sheet_rows(file, sheet)
            fill = MergeFill(merges)
            try:
                yield sheet.title, ((n, fill(n, cells)) for n, cells in rows)
            finally:
                rows.close()
    except BROKEN as err:
        raise DataError(path, f"không đọc được tệp Excel ({type(err).__name__})") from err
    finally:
        book.close()
        archive.close()


def _awards(data: dict[str, Any], rows: list[tuple[str, str, dict[str, str]]], file: str,
            issues: list[Issue]) -> dict[str, Any]:
    groups = [dict(group) for group in data.get("awards", [])]
    for sheet, where, values in rows:
        index = _group_of(values.get("form") or sheet, groups)
        if index is None:
            named = values.get("form") or sheet
            issues.append(Issue(file, f"{where}, cột Hình thức" if values.get("form") else where,
                                f"«{named}» không khớp với hình thức nào trong tệp JSON (ghi số "
                                f"thứ tự 1…{len(groups)} hoặc tên hình thức)"))
            continue
        side, entry = _entry(values, where, file, issues)
        if entry is not None:
            groups[index][side] = [*groups[index].get(side, []), entry]
    return {**data, "awards": groups} if groups else data


def _group_of(named: str, groups: Sequence[Mapping[str, Any]]) -> int | None:
    """The award group a sheet title or a «Hình thức» cell names: its number, or the start of
    one group's form only."""
    numbered = re.match(r"\s*(\d+)\s*[.)]?(\s|$)", named)    # "2. Giấy khen …" from a drop-down
    wanted = numbered.group(1) if numbered else key(named)
    if not wanted:
        return 0 if len(groups) == 1 else None
    if wanted.isdigit():
        index = int(wanted) - 1
        return index if 0 <= index < len(groups) else None
    matches = [i for i, g in enumerate(groups) if key(str(g.get("form", ""))).startswith(wanted)]
    exact = [i for i in matches if key(str(groups[i]["form"])) == wanted]
    if len(exact) == 1:
        return exact[0]
    return matches[0] if len(matches) == 1 else None


def _entry(values: dict[str, str], where: str, file: str, issues: list[Issue]
           ) -> tuple[str, dict[str, str] | None]:
    kind = values.get("kind", "")
    side = KINDS.get(key(kind)) if kind else ("individuals" if values.get("gender")
                                              else "collectives")
    if side is None:
        issues.append(Issue(file, f"{where}, cột Loại", f"«{kind}» không hợp lệ; chỉ được là "
                                                        "«Tập thể» hoặc «Cá nhân»"))
        return "", None
    entry = {"name": values["name"]}
    if values.get("unit"):
        entry["unit"] = values["unit"]
    if values.get("register_number"):
        entry["register_number"] = values["register_number"]
    if side == "individuals":
        entry["position"] = values.get("position", "")
        entry["unit"] = values.get("unit", "")
        missing = [c for c, f in (("Chức vụ", "position"), ("Đơn vị", "unit")) if not entry[f]]
        issues += [Issue(file, f"{where}, cột {c}", "bị trống (cá nhân cần chức vụ và đơn vị)")
                   for c in missing]
        if values.get("gender"):
            gender = GENDERS.get(key(values["gender"]))
            if gender is None:
                issues.append(Issue(file, f"{where}, cột Giới tính",
                                    f"«{values['gender']}» không hợp lệ; chỉ được là Nam hoặc Nữ"))
            else:
                entry["gender"] = gender
        if missing:
            return side, None
    return side, entry


_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_LEADING = re.compile(r"^\s*(\d+)")


def figure_number(text: str) -> float | int | None:
    """A number as a Vietnamese clerk types it: "97,3" (decimal comma), "1.846" (dots between
    thousands), "97.3", "100%"; None if it is not one."""
    value = text.strip().rstrip("%").strip().replace(" ", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(value):
        value = value.replace(".", "")
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() else number


def _figure(values: dict[str, str], where: str, file: str, issues: list[Issue]
            ) -> dict[str, Any] | None:
    """One row of targets and results: the content number may be a drop-down's "2. …"."""
    figure: dict[str, Any] = {"indicator": values["indicator"], "measure": values["measure"]}
    bad = False
    for field, header in (("content", "Nội dung số"), ("plan_target", "Chỉ tiêu số")):
        if not values.get(field):
            continue
        found = _LEADING.match(values[field])
        if found is None:
            issues.append(Issue(file, f"{where}, cột {header}",
                                f"«{values[field]}» không phải là số thứ tự"))
            bad = True
        else:
            figure[field] = int(found.group(1))
    for field, header in (("target", "Kế hoạch"), ("result", "Thực hiện")):
        number = figure_number(values[field])
        if number is None:
            issues.append(Issue(file, f"{where}, cột {header}",
                                f"«{values[field]}» không phải là số"))
            bad = True
        else:
            figure[field] = number
    return None if bad else figure
