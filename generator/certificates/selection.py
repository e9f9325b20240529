"""Which certificates a run prints, and in what order: ``--sort`` and ``--only``.

Sorting follows the decision's attached list (:func:`generator.documents.awards.sort_entries`):
within each decision, collectives before individuals as the list prints them, then as given
(input), grouped by unit in the order units first appear (unit), or by name in Vietnamese
order — given name, middle, family name for people (name; :mod:`generator.vn.collation`).

``--only`` is for the clerk who reprints a few spoiled sheets. Each value picks certificates by
what the clerk has in hand:

- ``7``, ``3,7``, ``12-15``: their numbers in print order — the page of the merged file, the
  STT column of manifest.csv (after --sort);
- ``dòng 12``, ``dòng 12-15``, ``Sheet2!dòng 4``: rows of the Excel/CSV list, as its error
  messages name them;
- ``đơn vị: Vụ Tổng hợp``: every certificate of a unit (a collective of that name too);
- anything else: a recipient's name (``Nguyễn Văn An``, ``Ông Nguyễn Văn An``), compared
  without regard to case, spacing or Unicode form.

A value that picks nothing is an error naming it: a typo never prints an empty batch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.errors import Issue, ValidationFailed
from generator.vn import collation
from generator.vn import formats as vn

from .model import Certificate

SORTS = ("input", "unit", "name")
_KIND_ORDER = {"collective": 0, "individual": 1}
_NUMBERS = re.compile(r"\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*")
_ROWS = re.compile(r"(?:(?P<sheet>.+)!)?\s*dòng\s+(?P<rows>\d+(?:\s*-\s*\d+)?)", re.IGNORECASE)
_UNIT = re.compile(r"đơn\s*vị\s*:\s*(?P<unit>.+)", re.IGNORECASE)
_ROW_OF = re.compile(r"(?:(?P<sheet>.+)!)?dòng (?P<row>\d+)$")


def sort_certificates(records: Sequence[Certificate], sort: str) -> list[Certificate]:
    """*records* in the order *sort* (input, unit, name) prints them; stable."""
    if sort not in SORTS:
        raise ValueError(f"sort: one of {SORTS}, not {sort!r}")
    if sort == "input":
        return list(records)
    decisions: dict[object, int] = {}
    units: dict[tuple[object, str, str], int] = {}
    for record in records:
        decisions.setdefault(record.decision, len(decisions))
        units.setdefault(_unit_key(record), len(units))

    def key(record: Certificate) -> tuple[object, ...]:
        if sort == "unit":
            third: object = units[_unit_key(record)]
        elif record.kind == "individual":
            third = collation.name_key(record.name)
        else:
            third = collation.sort_key(record.name)
        return decisions[record.decision], _KIND_ORDER[record.kind], third

    return sorted(records, key=key)


def _unit_key(record: Certificate) -> tuple[object, str, str]:
    # A collective stands for its own unit, as in the decision's list.
    return record.decision, record.kind, vn.same_name_key(record.unit or record.name)


def select(records: Sequence[Certificate], specs: Sequence[str]) -> list[int]:
    """The indexes (in *records*' order) of the certificates *specs* pick; ValidationFailed
    naming every value that picks none, or a number beyond the batch ('danh-sach.xlsx:
    --only dòng 99: …')."""
    chosen: set[int] = set()
    issues: list[Issue] = []
    file = records[0].source.file if records else ""
    for spec in specs:
        picked, problem = _picked(records, spec.strip())
        if problem:
            issues.append(Issue(file, f"--only {spec}", problem))
        chosen |= picked
    if issues:
        raise ValidationFailed(issues)
    return sorted(chosen)


def _picked(records: Sequence[Certificate], spec: str) -> tuple[set[int], str]:
    """The indexes one value picks, or a problem in words."""
    if not spec:
        return set(), "giá trị trống"
    if _NUMBERS.fullmatch(spec):
        numbers = _ranges(spec)
        beyond = sorted(n for n in numbers if not 1 <= n <= len(records))
        if beyond:
            return set(), (f"số thứ tự {beyond[0]} không có: lô chỉ có {len(records)} Bằng "
                           "khen, Giấy khen (đánh số theo thứ tự in, như cột STT của "
                           "manifest.csv)")
        return {n - 1 for n in numbers}, ""
    rows = _ROWS.fullmatch(spec)
    if rows:
        return _by_row(records, rows.group("sheet"), _ranges(rows.group("rows")))
    unit = _UNIT.fullmatch(spec)
    if unit:
        wanted = vn.same_name_key(unit.group("unit"))
        found = {i for i, r in enumerate(records) if wanted in _units_of(r)}
        return found, "" if found else f"không có ai thuộc đơn vị «{unit.group('unit').strip()}»"
    wanted = vn.same_name_key(spec)
    found = {i for i, r in enumerate(records)
             if wanted in (vn.same_name_key(r.name), vn.same_name_key(r.recipient))}
    return found, "" if found else (f"không có người nhận nào tên «{spec}» (để chọn theo số "
                                    "thứ tự: 7 hoặc 3-5; theo dòng Excel: «dòng 12»; theo đơn "
                                    "vị: «đơn vị: Vụ Tổng hợp»)")


def _units_of(record: Certificate) -> set[str]:
    """The units a certificate belongs to: its unit as written ('Phòng Tổng hợp, Vụ Tổng
    hợp, Văn phòng Chính phủ') and each unit it names ('Vụ Tổng hợp'); a collective is one."""
    text = record.unit or (record.name if record.kind == "collective" else "")
    return {vn.same_name_key(text)} | {vn.same_name_key(part) for part in text.split(",")}


def _ranges(text: str) -> set[int]:
    numbers: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        low, high = int(first), int(last or first)
        if high - low > 1_000_000:      # a typo, not a print run
            high = low
        numbers.update(range(min(low, high), max(low, high) + 1))
    return numbers


def _by_row(records: Sequence[Certificate], sheet: str | None,
            wanted: set[int]) -> tuple[set[int], str]:
    found: set[int] = set()
    spans: dict[str, list[int]] = {}        # sheet → the rows that hold a recipient
    for index, record in enumerate(records):
        row = _ROW_OF.fullmatch(record.source.row)
        if row is None:
            continue
        spans.setdefault(row.group("sheet") or "", []).append(int(row.group("row")))
        same_sheet = sheet is None or vn.same_name_key(row.group("sheet") or "") == \
            vn.same_name_key(sheet)
        if same_sheet and int(row.group("row")) in wanted:
            found.add(index)
    if not spans:
        return set(), ("«dòng …» chọn theo dòng của danh sách Excel/CSV; danh sách này là tệp "
                       "Quyết định: hãy chọn theo số thứ tự (cột STT của manifest.csv) hoặc tên")
    where = f" của sheet «{sheet}»" if sheet else ""
    rows = "; ".join(f"{name + '!' if name else ''}dòng {min(r)}–{max(r)}"
                     for name, r in spans.items())
    return found, "" if found else (f"không có người nhận nào ở dòng này{where} (người nhận ở "
                                    f"{rows})")
