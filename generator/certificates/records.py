"""The readers of recipient lists: a decision file, a spreadsheet or plain dicts become
:class:`~generator.certificates.model.Certificate` records.

A list
comes from a spreadsheet (.xlsx or .csv with Vietnamese headers) or from plain dicts (the
recipients of a decision file). Every row is checked before a single certificate is written: a
clerk gets the whole list of problems, each naming the sheet, the row and the column.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import sys
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.data.loader import decode_bytes, load_json, text_problem
from generator.data.schema import schema_issues
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


def key(text: str) -> str:
    """Comparison key for headers and coded values: no case, accents, spaces or punctuation."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text)
                       if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", stripped.casefold()).split())


HEADERS = {key(alias): field for field, aliases in ALIASES.items()
           for alias in aliases.split("|")}


def clean(value: Any) -> str:
    """A cell as text: numbers without '.0', dates as dd/mm/yyyy, every kind of space (the
    non-breaking ones Excel users paste) collapsed, NFC."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        value = int(value) if value.is_integer() else f"{value:g}".replace(".", ",")
    elif isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.strftime("%d/%m/%Y")
    text = unicodedata.normalize("NFC", str(value))
    # str.split() splits on NBSP and the other Unicode spaces. Interned: a unit or an
    # achievement repeated down a list of 10,000 rows is then kept once.
    return sys.intern(" ".join(text.split()))


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


def records_from_table(path: Path, decision: Decision) -> list[Certificate]:
    """Certificates from an .xlsx (every sheet with a name column) or a UTF-8 .csv list."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise DataError(path, "danh sách phải là tệp Excel .xlsx hoặc .csv (tệp .xls cũ: hãy "
                              "mở bằng Excel và lưu lại dạng .xlsx)")
    records: list[Certificate] = []
    issues: list[Issue] = []
    found = False
    if suffix in (".csv", ".txt"):
        found = _read_sheet(str(path), "", _csv_rows(path), decision, records, issues)
    else:
        book = _open_workbook(path)
        try:
            for sheet in book.worksheets:
                rows = _numbered(sheet.iter_rows(min_row=1, values_only=True))
                found |= _read_sheet(str(path), sheet.title, rows, decision, records, issues)
        finally:
            book.close()      # read-only workbooks keep the file open until closed
    if not found:
        raise DataError(path, "không tìm thấy dòng tiêu đề có cột «Họ và tên» hoặc «Tên tập "
                              f"thể» (trong {HEADER_SEARCH_ROWS} dòng đầu của mỗi sheet)")
    return _finish(records, issues, str(path))


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

Row = tuple[int, tuple[Any, ...]]


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook  # imported here: only lists need it
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        # data_only: a formula cell gives the value Excel last computed, not "=A1&B1".
        return load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as err:
        raise DataError(path, "không tìm thấy tệp") from err
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        raise DataError(path, f"không đọc được tệp Excel ({err})") from err


def _csv_rows(path: Path) -> Iterator[Row]:
    try:
        text = decode_bytes(path.read_bytes(), str(path))
    except FileNotFoundError as err:
        raise DataError(path, "không tìm thấy tệp") from err
    first = text.split("\n", 1)[0]
    # Excel in a Vietnamese locale saves CSV with ';' (the comma is the decimal separator).
    delimiter = max((";", ",", "\t"), key=first.count)
    return _numbered(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _numbered(rows: Iterable[Sequence[Any]]) -> Iterator[Row]:
    return ((number, tuple(row)) for number, row in enumerate(rows, start=1))


def _read_sheet(file: str, sheet: str, rows: Iterator[Row], decision: Decision,
                records: list[Certificate], issues: list[Issue]) -> bool:
    """Read one sheet into *records*/*issues*; False if it has no header row (skipped)."""
    header = _find_header(rows)
    if header is None:
        return False
    labels, pending = header
    columns = _columns(labels)
    prefix = f"{sheet}!" if sheet else ""
    fields = {field for _, (field, _) in columns.items()}
    if "name" not in fields:
        return False
    names = tuple((field, label) for label, (field, _) in columns.items())
    for row_number, cells in _data_rows(pending, rows):
        values, implied = _row_values(cells, columns, labels)
        if not any(values.get(f) for f in LABELS):
            continue                     # an empty row, or one with only its STT left over
        where = Source(file, f"{prefix}dòng {row_number}", names)
        _collect(values, implied, where, decision, records, issues)
    return True


def _find_header(rows: Iterator[Row]) -> tuple[list[str], list[Row]] | None:
    """The header row (the first with a name column) merged with a sub-header row below it
    (merged header cells: 'Chức vụ, đơn vị' over 'Chức vụ' | 'Đơn vị')."""
    for row_number, cells in rows:
        labels = [clean(c) for c in cells]
        if row_number > HEADER_SEARCH_ROWS:
            return None
        if any(HEADERS.get(key(label), ("",))[0] == "name" for label in labels):
            following = next(rows, None)
            if following is None:
                return labels, []
            below = [clean(c) for c in following[1]]
            if any(key(b) in HEADERS for b in below) and not _is_numbering(below):
                merged = [b or a for a, b in zip(labels, below + [""] * len(labels), strict=False)]
                return merged, []
            return labels, [following]
    return None


def _is_numbering(cells: list[str]) -> bool:
    """The '(1) (2) (3)…' row that official forms put under their headers."""
    filled = [c for c in cells if c]
    return len(filled) >= 2 and all(re.fullmatch(r"\(?\d+\)?", c) for c in filled)


def _data_rows(pending: list[Row], rows: Iterator[Row]) -> Iterator[Row]:
    rows = itertools.chain(pending, rows)
    first = next(rows, None)
    if first is not None and not _is_numbering([clean(c) for c in first[1]]):
        yield first
    yield from rows


def _columns(labels: list[str]) -> dict[str, tuple[str, Kind | None]]:
    """Header label → (field, kind implied by the column); unknown columns are ignored."""
    return {label: HEADERS[key(label)] for label in labels
            if label and HEADERS.get(key(label), ("",))[0]}


def _row_values(cells: tuple[Any, ...], columns: dict[str, tuple[str, Kind | None]],
                labels: list[str]) -> tuple[dict[str, str], Kind | None]:
    values: dict[str, str] = {}
    implied: Kind | None = None
    for label, cell in zip(labels, cells, strict=False):
        if label not in columns:
            continue
        field, kind = columns[label]
        text = clean(cell)
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
