"""The figures of a báo cáo sơ kết / tổng kết, counted from the decisions' lists and the units'
reports: pure functions over plain data (no docx, no Jinja, no files), each table a
:class:`Table` whose total row is the sum of its rows.

The same tables feed the Word tables, the charts and the workbook, so the three cannot
disagree. Prize money is counted by :func:`prize_money` alone, from the amount each recipient's
award group carries (``awards[].prize``); a caller that knows the statutory amounts (the
prize branch's ``generator/vn/prize.py``) passes them as *amount_of*.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.vn import formats as vn

OTHER_UNIT = "Đơn vị khác"
COLLECTIVE, INDIVIDUAL = "collective", "individual"


@dataclass(frozen=True)
class Recipient:
    """One collective or person on one decision's list."""

    decision: str           # "120/QĐ-VPCP"
    form: str
    kind: str               # COLLECTIVE or INDIVIDUAL
    name: str
    unit: str               # the campaign unit it belongs to, or OTHER_UNIT
    gender: str | None      # "nam", "nữ" or None (not recorded)
    prize: int | None       # the amount its group gives each of its kind; None: not stated


@dataclass(frozen=True)
class Table:
    """A table of the report: its heading, column headers, rows and, when the columns can be
    added up, the "Tổng cộng" row (the label in the second column, the first being the STT;
    the sum of each summed column; columns that are not summed hold '')."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    summed: tuple[int, ...] = ()    # indexes of the columns the total row adds up

    @property
    def total(self) -> tuple[Any, ...] | None:
        if not self.summed:
            return None
        cells: list[Any] = ["", "Tổng cộng", *([""] * (len(self.headers) - 2))]
        for column in self.summed:
            values = [row[column] for row in self.rows]
            # A column no row records (direct workers nobody counted) stays blank, not 0.
            recorded = any(v != "" for v in values) or not values
            cells[column] = sum(_number(v) for v in values) if recorded else ""
        return tuple(cells)


def _number(value: Any) -> int | float:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else 0


def unit_of(entry: Mapping[str, Any], units: Sequence[Mapping[str, Any]]) -> str:
    """The campaign unit an award list's entry belongs to: the unit whose name starts its
    ``unit`` field ("Vụ Tổ chức cán bộ, Văn phòng Chính phủ"), else the one its name ends with
    ("Phòng Y tế, Vụ Khoa giáo - Văn xã"); the longest name wins (a "Cục" inside a "Vụ" name
    never shadows it). None found: OTHER_UNIT."""
    field, name = vn.same_name_key(entry.get("unit", "")), vn.same_name_key(entry["name"])
    best = ""
    for unit in units:
        key = vn.same_name_key(unit["name"])
        hit = (field == key or field.startswith(key + ",") or name == key
               or name.endswith((", " + key, "," + key)))
        if hit and len(unit["name"]) > len(best):
            best = unit["name"]
    return best or OTHER_UNIT


def recipients_of(decision: Mapping[str, Any], label: str,
                  units: Sequence[Mapping[str, Any]]) -> list[Recipient]:
    """Every collective and person of a decision's award groups, in list order."""
    found = []
    for group in decision["awards"]:
        prize = group.get("prize") or {}
        for side, kind in (("collectives", COLLECTIVE), ("individuals", INDIVIDUAL)):
            for entry in group.get(side, []):
                gender = entry.get("gender")
                found.append(Recipient(label, group["form"], kind, entry["name"],
                                       unit_of(entry, units),
                                       gender.lower() if gender else None, prize.get(kind)))
    return found


def stated_amount(recipient: Recipient) -> int | None:
    """What the decision data carries today: its group's amount for the recipient's kind."""
    return recipient.prize


def prize_money(recipients: Iterable[Recipient],
                amount_of: Callable[[Recipient], int | None] = stated_amount
                ) -> tuple[int, int]:
    """(total prize money in đồng, how many recipients have no amount stated). The one place
    money is added up: every table and sentence of the report takes its figures from here."""
    total = missing = 0
    for recipient in recipients:
        amount = amount_of(recipient)
        if amount is None:
            missing += 1
        else:
            total += amount
    return total, missing


def _counts(recipients: Sequence[Recipient]) -> tuple[int, int]:
    collectives = sum(r.kind == COLLECTIVE for r in recipients)
    return collectives, len(recipients) - collectives


def by_form(recipients: Sequence[Recipient],
            amount_of: Callable[[Recipient], int | None] = stated_amount) -> Table:
    """Awards by form (hình thức, danh hiệu): its decisions, collectives, individuals, all,
    prize money."""
    rows: list[tuple[Any, ...]] = []
    for number, form in enumerate(dict.fromkeys(r.form for r in recipients), 1):
        mine = [r for r in recipients if r.form == form]
        collectives, individuals = _counts(mine)
        decisions = "\n".join(dict.fromkeys(r.decision for r in mine))   # one per line
        rows.append((number, form, decisions, collectives, individuals, len(mine),
                     prize_money(mine, amount_of)[0]))
    return Table("forms", "Kết quả khen thưởng theo hình thức",
                 ("STT", "Hình thức khen thưởng", "Quyết định", "Tập thể", "Cá nhân", "Cộng",
                  "Tiền thưởng (đồng)"), tuple(rows), (3, 4, 5, 6))


def by_unit(recipients: Sequence[Recipient], units: Sequence[Mapping[str, Any]]) -> Table:
    """Awards by unit, in the campaign's order of units (those with none left out), then the
    recipients no unit claims."""
    order = [u["name"] for u in units] + [OTHER_UNIT]
    rows: list[tuple[Any, ...]] = []
    for name in order:
        mine = [r for r in recipients if r.unit == name]
        if mine:
            collectives, individuals = _counts(mine)
            rows.append((len(rows) + 1, name, collectives, individuals, len(mine)))
    return Table("units", "Kết quả khen thưởng theo đơn vị",
                 ("STT", "Đơn vị", "Tập thể", "Cá nhân", "Cộng"), tuple(rows), (2, 3, 4))


def by_gender(recipients: Sequence[Recipient]) -> Table:
    """Individuals by form and gender; a person whose gender the list does not give is
    counted as such, never guessed from the name."""
    people = [r for r in recipients if r.kind == INDIVIDUAL]
    rows: list[tuple[Any, ...]] = []
    for number, form in enumerate(dict.fromkeys(r.form for r in people), 1):
        mine = [r for r in people if r.form == form]
        men = sum(r.gender == "nam" for r in mine)
        women = sum(r.gender == "nữ" for r in mine)
        rows.append((number, form, men, women, len(mine) - men - women, len(mine)))
    return Table("gender", "Cá nhân được khen thưởng theo giới tính",
                 ("STT", "Hình thức khen thưởng", "Nam", "Nữ", "Không ghi giới tính", "Cộng"),
                 tuple(rows), (2, 3, 4, 5))


def unit_awards(reports: Sequence[tuple[str, Mapping[str, Any]]]) -> Table:
    """The awards the units made or received at their own level, as their reports give them
    ((unit name, report) pairs). Direct workers are added up only where a report records
    them; a row that does not shows '' (not recorded), not 0."""
    rows: list[tuple[Any, ...]] = []
    for unit, report in reports:
        for award in report.get("awards", []):
            rows.append((len(rows) + 1, unit, award["form"], award["collectives"],
                         award["individuals"], award["collectives"] + award["individuals"],
                         award.get("women", ""), award.get("direct_workers", "")))
    return Table("unit_awards", "Khen thưởng của các đơn vị",
                 ("STT", "Đơn vị", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Cộng",
                  "Trong đó: nữ", "Trong đó: công nhân, người lao động trực tiếp"),
                 tuple(rows), (3, 4, 5, 6, 7))


def ratio(target: float, result: float) -> float:
    """The result as a percentage of the target, to one decimal (targets are > 0)."""
    return round(result * 100 / target, 1)


def targets(reports: Sequence[tuple[str, Mapping[str, Any]]], content: int | None = None
            ) -> Table:
    """Targets against results of every unit (of one content of the plan, when given). The
    figures have different measures, so the table has no sum: its last row counts the
    targets and how many were met."""
    rows: list[tuple[Any, ...]] = []
    for unit, report in reports:
        for figure in report.get("figures", []):
            if content is not None and figure["content"] != content:
                continue
            rows.append((len(rows) + 1, unit, figure["indicator"], figure["measure"],
                         figure["target"], figure["result"],
                         ratio(figure["target"], figure["result"])))
    suffix = f" (nội dung {vn.point_label(content - 1)[:-1]})" if content else ""
    return Table(f"targets{content or ''}", "Kết quả thực hiện chỉ tiêu thi đua" + suffix,
                 ("STT", "Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện",
                  "Tỷ lệ (%)"), tuple(rows))


def met(table: Table) -> tuple[int, int]:
    """(targets met or exceeded, targets) of a targets table."""
    return sum(row[5] >= row[4] for row in table.rows), len(table.rows)


def number_text(value: Any) -> str:
    """A cell as the report prints it: integers with '.' between thousands (1.490.000),
    decimals with ',' (97,5); text unchanged."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        whole, _, part = f"{value:.1f}".partition(".")
        return f"{vn.amount_digits(int(whole))},{part}"
    return vn.amount_digits(int(value))


def printed(table: Table) -> dict[str, Any]:
    """A table as the template fills it: every cell as text, and the total row."""
    total = table.total
    return {"key": table.key, "title": table.title, "headers": list(table.headers),
            "rows": [[number_text(c) for c in row] for row in table.rows],
            "total": [number_text(c) for c in total] if total else None}
