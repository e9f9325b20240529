"""The readers of recipient lists: a decision file, a spreadsheet or plain dicts become
:class:`~generator.certificates.model.Certificate` records.

A list comes from a spreadsheet (.xlsx or .csv with Vietnamese headers) or from plain dicts (the
recipients of a decision file). Every row is checked before a single certificate is written: a
clerk gets the whole list of problems, each naming the sheet, the row and the column.

A workbook is read as a clerk sees it in Excel:

- only visible sheets are read; each hidden one is reported as a warning;
- a cell merged down over several rows (one «Đơn vị» for a block of people) gives its value to
  every row of the merge inside the data area, that is below the header rows; a merge that
  also spans columns gives it to its first column only, so a value merged across a row is read
  once;
- Excel's escapes of characters that XML cannot hold (``_x000D_`` for a carriage return) are
  decoded, then the text is cleaned like any other;
- rows are read as the sheet really has them, whatever size the sheet claims, within the limits
  of :mod:`generator.data.limits` (file size, zip package, rows, columns, length of a field).

The same collective or person twice in one list is refused: same name and same unit after
NFC, whitespace and case folding (:func:`generator.vn.formats.same_name_key`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.data.loader import load_json, text_problem
from generator.data.schema import schema_issues
from generator.data.tables import (
    Merge,
    Row,
    clean,
    column_name,
    differing,
    key,
    shared_fields,
    unescape_excel,
)
from generator.data.tables import MergeFill as _MergeFill
from generator.data.tables import cell_text as _cell_text
from generator.data.tables import csv_rows as _csv_rows
from generator.data.tables import open_workbook as _open_workbook
from generator.data.tables import sheet_rows as _sheet_rows
from generator.data.tables import vertical_merges as _vertical_merges
from generator.documents.common import parse_date, signer_lines
from generator.errors import DataError, Issue, ValidationFailed
from generator.vn import formats as vn

from .engine import decision_issues, record_issues
from .model import LABELS, Certificate, Decision, Kind, Source

# Spreadsheet headers by field, compared through key(): without case, accents, spaces or
# punctuation. A name column can also say whether its rows are collectives or individuals;
# the field "" marks columns read but not printed.
ALIASES: dict[tuple[str, Kind | None], str] = {
    ("name", "individual"): "Họ và tên|Họ tên|Tên cá nhân",
    ("name", "collective"): "Tên tập thể",
    ("name", None): "Tên|Tên tập thể, cá nhân|Họ và tên, tên tập thể|Tên tập thể, họ và tên",
    ("kind", None): "Loại|Đối tượng|Tập thể, cá nhân",
    ("gender", None): "Giới tính|Danh xưng|Xưng hô|Ông, Bà|Nam, Nữ",
    ("position", None): "Chức vụ|Chức danh|Chức vụ, chức danh|Chức vụ, đơn vị|"
                        "Chức vụ, đơn vị công tác",
    ("unit", None): "Đơn vị|Đơn vị công tác|Cơ quan, đơn vị|Nơi công tác",
    ("achievement", None): "Thành tích|Nội dung thành tích",
    ("register", None): "Số sổ vàng|Sổ vàng|Số vào sổ",
    ("", None): "STT|Số thứ tự|TT|Ghi chú",
}
SALUTATIONS = {"nam": "Ông", "ong": "Ông", "nu": "Bà", "ba": "Bà"}
KINDS: dict[str, Kind] = {"tap the": "collective", "ca nhan": "individual",
                          "collective": "collective", "individual": "individual"}
HEADER_SEARCH_ROWS = 30          # a title block above the headers is common
# Units, positions and achievements repeat down a list: check each distinct text once.
_text_problem = lru_cache(maxsize=1024)(text_problem)




HEADERS = {key(alias): field for field, aliases in ALIASES.items()
           for alias in aliases.split("|")}




# ---------------------------------------------------------------------------- the decision

def load_decision(path: Path) -> Decision:
    """The decision JSON given alongside a list (schema 'certificates'), checked strictly."""
    data = load_json(path)
    if not isinstance(data, dict):
        raise DataError(path, "tệp quyết định phải là một đối tượng JSON { … }")
    return decision_from_data(data, str(path))


def decision_from_data(data: Mapping[str, Any], file: str) -> Decision:
    """A Decision from data valid against schemas/certificates.schema.json."""
    issues = schema_issues(data, "certificates", file)
    if issues:
        raise ValidationFailed(issues)
    document, issuer = data["decision"], data["issuer"]
    day = parse_date(document["date"])
    decision = Decision(
        form=data["form"], form_name=data["form_name"], authority=tuple(data["authority"]),
        number=document["number"],
        symbol=data.get("symbol") or vn.document_symbol("Quyết định", issuer["abbreviation"]),
        date=day, year=day.year if day else document["year"], place=issuer["place"],
        signer_lines=tuple(signer_lines(data["signer"])), signer_name=data["signer"]["name"],
        achievement=data.get("achievement", ""), file=file)
    issues = decision_issues(decision)
    if issues:
        raise ValidationFailed(issues)
    return decision


# ---------------------------------------------------------------------------- rows → records

def records_from_dicts(rows: Iterable[Mapping[str, Any]], decision: Decision, file: str,
                       path: str = "$.recipients") -> list[Certificate]:
    """Certificates from dicts with the keys name, kind ('collective'/'individual' or
    'tập thể'/'cá nhân'), gender or salutation, position, unit, achievement, register."""
    records: list[Certificate] = []
    issues: list[Issue] = []
    for index, row in enumerate(rows):
        values = {("gender" if k == "salutation" else k): clean(v) for k, v in row.items()}
        unknown = sorted(set(values) - set(LABELS))
        source = Source(file, f"{path}[{index}]")
        issues += [Issue(file, f"{source.row}.{k}", "trường không được hỗ trợ") for k in unknown]
        _collect(values, None, source, decision, records, issues)
    return _finish(records, issues, file)


def records_from_table(path: Path, decision: Decision,
                       warnings: list[Issue] | None = None) -> list[Certificate]:
    """Certificates from an .xlsx (every visible sheet with a name column) or a UTF-8 .csv list.

    Each hidden sheet, which is not read, is appended to *warnings* as an Issue of severity
    "warning" before any row is read, so a caller can show them even when the list is then
    refused (DataError, ValidationFailed)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise DataError(path, "danh sách phải là tệp Excel .xlsx hoặc .csv (tệp .xls cũ: hãy "
                              "mở bằng Excel và lưu lại dạng .xlsx)")
    records: list[Certificate] = []
    issues: list[Issue] = []
    hidden: list[tuple[str, str]] = []
    seen: list[str] = []        # what the sheets without a header row start with
    try:
        if suffix in (".csv", ".txt"):
            found = _read_sheet(str(path), "", _csv_rows(path), decision, records, issues,
                                seen=seen)
        else:
            found = _read_workbook(path, decision, records, issues, hidden, seen)
    finally:
        if warnings is not None:
            warnings += [_hidden_sheet(path, title) for title in hidden]
    if not found:
        skipped = "; sheet ẩn không được đọc: " + ", ".join(f"«{t}»" for t, _ in hidden)
        raise DataError(path, "không tìm thấy dòng tiêu đề có cột «Họ và tên» hoặc «Tên tập "
                              f"thể» (trong {HEADER_SEARCH_ROWS} dòng đầu của mỗi sheet)"
                              + (f"; đã thấy: {'; '.join(seen)}" if seen else "")
                              + (skipped if hidden else ""))
    # A decision file's own award lists are held to this rule by the decision's checks.
    return _finish(records, issues + _duplicate_recipients(records), str(path))


def _finish(records: list[Certificate], issues: list[Issue], file: str) -> list[Certificate]:
    if not records and not issues:
        issues.append(Issue(file, "$", "danh sách không có người nhận nào"))
    issues += _duplicate_registers(records)
    if records:     # the fit depends on the template (engine)
        issues += [issue for record in records for issue in record_issues(record)]
    if issues:
        raise ValidationFailed(issues)
    return records


def _duplicate_registers(records: Sequence[Certificate]) -> list[Issue]:
    seen: dict[tuple[str, str], Certificate] = {}
    issues = []
    for record in records:
        if not record.register:
            continue
        first = seen.setdefault((record.decision.number_text, record.register), record)
        if first is not record:
            issues.append(Issue(record.source.file, record.source.path("register"),
                                f"số sổ vàng {record.register} trùng với {first.source.row}"))
    return issues


def _duplicate_recipients(records: Sequence[Certificate]) -> list[Issue]:
    """The same collective or person twice in one list: same name and same unit, compared as
    a decision file compares its award lists (generator.vn.formats.same_name_key). Two people
    of the same name in different units are two people."""
    seen: dict[tuple[str, str, str], Certificate] = {}
    issues = []
    for record in records:
        key = (record.kind, vn.same_name_key(record.name), vn.same_name_key(record.unit))
        first = seen.setdefault(key, record)
        if first is not record:
            unit = f" ({record.unit})" if record.unit else ""
            who = "cá nhân" if record.kind == "individual" else "tập thể"
            issues.append(Issue(record.source.file, record.source.path("name"),
                                f"«{record.name}»{unit} đã có ở {first.source.row}: một {who} "
                                "chỉ được ghi một lần trong danh sách"))
    return issues


def _collect(values: dict[str, str], implied: Kind | None, source: Source, decision: Decision,
             records: list[Certificate], issues: list[Issue]) -> None:
    """Check one row; append its record, or every problem it has."""
    problems: list[tuple[str, str]] = [
        (field, problem) for field, text in values.items()
        if field in LABELS and (problem := _text_problem(text))]
    kind = implied
    if values.get("kind"):
        kind = KINDS.get(key(values["kind"]))
        if kind is None:
            problems.append(("kind", (f"«{values['kind']}» không hợp lệ; chỉ được là "
                                      "«Tập thể» hoặc «Cá nhân»")))
    name, salutation = _split_salutation(values.get("name", ""))
    kind = kind or ("individual" if values.get("gender") or salutation else "collective")
    if not name:
        problems.append(("name", "bị trống"))
    if kind == "individual":
        salutation = _salutation(values.get("gender", ""), salutation, problems)
    achievement = values.get("achievement") or decision.achievement
    if not achievement:
        problems.append(("achievement", ("bị trống (tệp quyết định cũng không có thành tích "
                                         "mặc định «achievement»)")))
    if problems:
        issues.extend(Issue(source.file, source.path(f), m) for f, m in problems)
        return
    records.append(Certificate(
        decision, kind, salutation if kind == "individual" else "", name,
        values.get("position", ""), values.get("unit", ""), achievement,
        values.get("register", ""), source))


def _split_salutation(name: str) -> tuple[str, str]:
    """'Ông Nguyễn Văn An' typed in the name column → ('Nguyễn Văn An', 'Ông')."""
    first, _, rest = name.partition(" ")
    if rest and first in ("Ông", "Bà"):
        return rest, first
    return name, ""


def _salutation(gender: str, from_name: str, problems: list[tuple[str, str]]) -> str:
    if not gender:
        if not from_name:
            problems.append(("gender", ("bị trống: cần Nam/Nữ (hoặc Ông/Bà) để in «Ông»/«Bà» "
                                        "trước họ tên")))
        return from_name
    salutation = SALUTATIONS.get(key(gender))
    if salutation is None:
        problems.append(("gender", f"«{gender}» không hợp lệ; chỉ được là Nam, Nữ, Ông hoặc Bà"))
    elif from_name and from_name != salutation:
        problems.append(("gender", f"«{gender}» không khớp với «{from_name}» ghi trong họ tên"))
    return salutation or ""


# ---------------------------------------------------------------------------- spreadsheets

Column = tuple[int, str, Kind | None]  # 0-based index, field, kind implied by the header

_HIDDEN = {
    "hidden": "sheet đang ẩn nên không được đọc; nếu sheet có người cần in, hãy bỏ ẩn (chuột "
              "phải vào tên sheet > Bỏ ẩn) rồi chạy lại",
    "veryHidden": "sheet bị ẩn hoàn toàn («very hidden», chỉ hiện lại được bằng VBA) nên không "
                  "được đọc; nếu sheet có người cần in, hãy chép sang một sheet thường",
}




def _hidden_sheet(path: Path, sheet: tuple[str, str]) -> Issue:
    title, state = sheet
    return Issue(str(path), f"sheet {title}", _HIDDEN.get(state, _HIDDEN["hidden"]),
                 severity="warning")




def _read_workbook(path: Path, decision: Decision, records: list[Certificate],
                   issues: list[Issue], hidden: list[tuple[str, str]],
                   seen: list[str] | None = None) -> bool:
    """Read every visible sheet of an .xlsx into *records*/*issues*, after listing the hidden
    ones (title, state) in *hidden*; False if no sheet has a header row."""
    archive, book = _open_workbook(path)
    file = str(path)
    try:
        sheets = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
        hidden += [(sheet.title, sheet.sheet_state) for sheet in book.worksheets
                   if sheet.sheet_state != "visible"]
        found = False
        for sheet in sheets:
            # openpyxl's read-only sheets know their part but not their merged cells.
            merges = _vertical_merges(file, archive, sheet._worksheet_path, sheet.title)
            rows = _sheet_rows(file, sheet)
            try:
                found |= _read_sheet(file, sheet.title, rows, decision, records, issues, merges,
                                     excel=True, seen=seen)
            finally:
                rows.close()      # a sheet left unread must still close its part of the zip
        return found
    finally:
        book.close()      # read-only workbooks keep the file open until closed
        archive.close()
















def _read_sheet(file: str, sheet: str, rows: Iterator[Row], decision: Decision,
                records: list[Certificate], issues: list[Issue], merges: Sequence[Merge] = (),
                excel: bool = False, seen: list[str] | None = None) -> bool:
    """Read one sheet into *records*/*issues*; False if it has no header row (skipped), and
    then the first filled row it has is appended to *seen*, for the message."""
    header = _find_header(rows, excel, seen)
    if header is None:
        if seen is not None and sheet:
            seen[-1:] = [f"sheet «{sheet}»: {seen[-1]}"] if seen else []
        return False
    labels, pending = header
    columns = _columns(labels)
    prefix = f"{sheet}!" if sheet else ""
    fields = {field for _, (field, _) in columns.items()}
    if "name" not in fields:
        return False
    names = tuple((field, label) for label, (field, _) in columns.items())
    read = [(index, *columns[label]) for index, label in enumerate(labels) if label in columns]
    # Two columns of one field («Họ và tên» and «Tên tập thể»): each row fills one of them.
    doubled = shared_fields([(index, field) for index, field, _ in read], labels)
    fill = _MergeFill(merges)
    for row_number, cells in _data_rows(pending, rows, excel):
        values, implied = _row_values(cells, read, excel)
        if not any(values.get(f) for f in LABELS):
            continue                     # an empty row, or one with only its STT left over
        filled = fill(row_number, cells)
        if filled is not cells:
            values, implied = _row_values(filled, read, excel)
        where = Source(file, f"{prefix}dòng {row_number}", names)
        if doubled:
            issues += _ambiguous(filled, doubled, where, excel)
        _collect(values, implied, where, decision, records, issues)
    return True


def _ambiguous(cells: tuple[Any, ...], doubled: list[list[tuple[int, str]]], where: Source,
               excel: bool) -> list[Issue]:
    """A row that fills two columns of one field with different text (the first filled column
    would win, unsaid)."""
    found = []
    for group in doubled:
        problem = differing([(f"«{label}» ({column_name(i, excel)})",
                              _cell_value(cells[i] if i < len(cells) else None, excel))
                             for i, label in group])
        if problem is not None:
            found.append(Issue(where.file, where.row, problem))
    return found


def _find_header(rows: Iterator[Row], excel: bool = False, seen: list[str] | None = None
                 ) -> tuple[list[str], list[Row]] | None:
    """The header row (the first with a name column) merged with a sub-header row below it
    (merged header cells: 'Chức vụ, đơn vị' over 'Chức vụ' | 'Đơn vị'). Without one, the first
    filled row is appended to *seen* as the clerk's headers were: «A», «B»."""
    first: list[str] | None = None
    for row_number, cells in rows:
        labels = [_cell_text(c, excel) for c in cells]
        if first is None and any(labels):
            first = [label for label in labels if label]
        if row_number > HEADER_SEARCH_ROWS:
            break
        if any(HEADERS.get(key(label), ("",))[0] == "name" for label in labels):
            following = next(rows, None)
            if following is None:
                return labels, []
            below = [_cell_text(c, excel) for c in following[1]]
            if any(key(b) in HEADERS for b in below) and not _is_numbering(below):
                merged = [b or a for a, b in zip(labels, below + [""] * len(labels), strict=False)]
                return merged, []
            return labels, [following]
    if seen is not None:
        seen.append("dòng đầu có " + ", ".join(f"«{label}»" for label in first[:12])
                    if first else "không có dòng nào có chữ")
    return None


def _is_numbering(cells: list[str]) -> bool:
    """The '(1) (2) (3)…' row that official forms put under their headers."""
    filled = [c for c in cells if c]
    return len(filled) >= 2 and all(re.fullmatch(r"\(?\d+\)?", c) for c in filled)


def _data_rows(pending: list[Row], rows: Iterator[Row], excel: bool = False) -> Iterator[Row]:
    rows = itertools.chain(pending, rows)
    first = next(rows, None)
    if first is not None and not _is_numbering([_cell_text(c, excel) for c in first[1]]):
        yield first
    yield from rows


def _columns(labels: list[str]) -> dict[str, tuple[str, Kind | None]]:
    """Header label → (field, kind implied by the column); unknown columns are ignored."""
    return {label: HEADERS[key(label)] for label in labels
            if label and HEADERS.get(key(label), ("",))[0]}


def _cell_value(cell: Any, excel: bool) -> str:
    """A cell's text as a field holds it: Excel's _xHHHH_ escapes decoded, then cleaned."""
    if excel and type(cell) is str and "_x" in cell:
        cell = unescape_excel(cell)
    return clean(cell)


def _row_values(cells: tuple[Any, ...], read: Sequence[Column],
                excel: bool = False) -> tuple[dict[str, str], Kind | None]:
    """The fields of one row from the columns *read*; of two columns of one field, the first
    that is filled wins."""
    values: dict[str, str] = {}
    implied: Kind | None = None
    width = len(cells)
    for index, field, kind in read:
        text = _cell_value(cells[index] if index < width else None, excel)
        if text and (field not in values or not values[field]):
            values[field] = text
            implied = kind if field == "name" else implied
        values.setdefault(field, text)
    return values, implied


# ---------------------------------------------------------------------------- decision files

CERTIFICATE_FORMS = ("Bằng khen", "Giấy khen")


def certificate_form(form_name: str) -> str | None:
    """'Bằng khen' or 'Giấy khen' for a form printed as a certificate; None for the others
    (a Cờ thi đua is a flag, a Huân chương is proposed upward, not decided here)."""
    folded = " ".join(form_name.split()).casefold()
    return next((f for f in CERTIFICATE_FORMS if folded.startswith(f.casefold())), None)


def uncertified(data: Mapping[str, Any]) -> list[str]:
    """The award groups of a decision that get no certificate, in words: '… (Cờ thi đua của …):
    2 tập thể' — a Cờ thi đua is a flag, handed over as it is."""
    lines = []
    for group in data.get("awards", []):
        if certificate_form(group["form"]) is None:
            counts = [f"{len(group.get(side, []))} {label}"
                      for side, label in (("collectives", "tập thể"), ("individuals", "cá nhân"))
                      if group.get(side)]
            lines.append(f"{group['form']}: {', '.join(counts) or 'không có ai'}")
    return lines


def _person_row(entry: Mapping[str, Any], kind: str) -> dict[str, Any]:
    row = {"name": entry["name"], "kind": kind, "register": entry.get("register_number", "")}
    if kind == "cá nhân":
        row.update(position=entry["position"], unit=entry["unit"], gender=entry.get("gender", ""))
    return row


def records_from_decision(data: Mapping[str, Any], issuer: Mapping[str, Any],
                          file: str) -> list[Certificate]:
    """Certificates for every recipient of every Bằng khen / Giấy khen group of a validated
    Quyết định khen thưởng (schema 'decision'), with its number and date."""
    records: list[Certificate] = []
    for index, group in enumerate(data["awards"]):
        form = certificate_form(group["form"])
        if form is None:
            continue
        decision = decision_from_data({
            "issuer": {k: issuer[k] for k in ("name", "abbreviation", "place")},
            "decision": data["document"], "form": form, "form_name": group["form"],
            "authority": [data["authority"]["title"]], "signer": data["signer"],
            "achievement": f"Đã có thành tích {group['achievement'].rstrip('.')}",
        }, file)
        for side, kind in (("collectives", "tập thể"), ("individuals", "cá nhân")):
            rows = [_person_row(e, kind) for e in group.get(side, [])]
            if rows:
                records += records_from_dicts(rows, decision, file,
                                              path=f"$.awards[{index}].{side}")
    return records
