"""Prize money (tiền thưởng) computed, never typed: the coefficient the decree in force on the
decision's date gives a title or form, times the mức lương cơ sở in force that day, rounded as
the decree says.

Three decrees set the coefficients, each from its day of entry into force: Nghị định
91/2017/NĐ-CP (from 01/10/2017), Nghị định 98/2023/NĐ-CP (from 01/01/2024) and Nghị định
152/2025/NĐ-CP (from 01/7/2025). All three count on the base salary "đang có hiệu lực vào thời
điểm ban hành quyết định" and round the product up to the ten thousand đồng ("làm tròn số lên
hàng chục nghìn đồng"), read here as the words say: upwards (1.112.000 → 1.120.000, as the
question answered by the Ban Thi đua - Khen thưởng Trung ương on 02/7/2018 computes it; some
law portals round to the nearest instead, e.g. 223.500 → 220.000). Collectives get twice an individual's amount for Bằng khen, Giấy khen
and Huân chương; emulation titles have their own collective rows.

Every row cites where it was read (the `search` tool's pages corpus, 2026-12-02); a row marked
"not read" carries the previous decree's figure over and says so, so that a reader knows which
figures to check first against the Công báo text. Coefficients are kept in hundredths of the
base salary, as integers, so that 0,15 or 3,5 multiply without a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from .formats import amount_digits

_Dated = TypeVar("_Dated", "BaseSalary", "Decree")

# --- mức lương cơ sở, by the day it takes effect -------------------------------------------

@dataclass(frozen=True, slots=True)
class BaseSalary:
    """One base salary and the decree that set it, from *start* (inclusive)."""

    start: date
    amount: int
    decree: str


BASE_SALARIES: tuple[BaseSalary, ...] = (
    # Nghị định 47/2017/NĐ-CP: 1.300.000 đ from 01/7/2017 — not read in the corpus; consistent
    # with plo.vn on ND 91/2017 ("Bằng khen của Thủ tướng … 4,5 triệu đồng" = 3,5 × 1.300.000).
    BaseSalary(date(2017, 7, 1), 1_300_000, "Nghị định số 47/2017/NĐ-CP"),
    # Nghị định 72/2018/NĐ-CP: 1.390.000 đ from 01/7/2018 (banthiduakhenthuongtw.gov.vn Q&A of
    # 02/7/2018; toquoc.vn 05/6/2018 "mức lương cơ sở mới là 1.390.000 đồng/tháng").
    BaseSalary(date(2018, 7, 1), 1_390_000, "Nghị định số 72/2018/NĐ-CP"),
    # Nghị định 38/2019/NĐ-CP: 1.490.000 đ from 01/7/2019 (thuvienphapluat.vn, muthibiscus.com);
    # the rise to 1.600.000 planned for 01/7/2020 was never made (hieuluat.vn, luatvietnam.vn).
    BaseSalary(date(2019, 7, 1), 1_490_000, "Nghị định số 38/2019/NĐ-CP"),
    # Nghị định 24/2023/NĐ-CP of 14/5/2023: 1.800.000 đ from 01/7/2023 (sonoivu.namdinh.gov.vn).
    BaseSalary(date(2023, 7, 1), 1_800_000, "Nghị định số 24/2023/NĐ-CP"),
    # Nghị định 73/2024/NĐ-CP, khoản 2 Điều 3: 2.340.000 đ from 01/7/2024 (thuvienphapluat.vn;
    # news.laodong.vn).
    BaseSalary(date(2024, 7, 1), 2_340_000, "Nghị định số 73/2024/NĐ-CP"),
)


def _in_force(rows: tuple[_Dated, ...], day: date) -> _Dated | None:
    """The last of *rows* (in order of start) that has started by *day*."""
    return next((row for row in reversed(rows) if row.start <= day), None)


def base_salary_on(day: date) -> BaseSalary | None:
    """The base salary in force on *day* (None before the first row)."""
    return _in_force(BASE_SALARIES, day)


# --- the decrees and their rows -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Decree:
    """A decree that sets the coefficients, from *start* (inclusive), and its rounding rule."""

    key: str
    name: str                  # "Nghị định số 91/2017/NĐ-CP"
    start: date
    rounding: str              # the article that says how to round


ND91 = Decree("91/2017", "Nghị định số 91/2017/NĐ-CP", date(2017, 10, 1),
              # Khoản 2 Điều 68, quoted by banthiduakhenthuongtw.gov.vn and thuvienphapluat.vn.
              "khoản 2 Điều 68")
ND98 = Decree("98/2023", "Nghị định số 98/2023/NĐ-CP", date(2024, 1, 1),
              # The same words, quoted by phunuvietnam.vn (VGP, 07/01/2024); the article
              # number (the principles just before Điều 54's titles) was not read.
              "Điều 53")
ND152 = Decree("152/2025", "Nghị định số 152/2025/NĐ-CP", date(2025, 7, 1),
               # Not read: ND 152/2025 keeps ND 98's order four articles earlier (orders 55 →
               # 51, Bằng khen 58 → 54, both read); the rounding rule is taken as unchanged.
               "Điều 49")
DECREES = (ND91, ND98, ND152)


def decree_on(day: date) -> Decree | None:
    """The decree whose coefficients apply to a decision dated *day* (None before ND 91)."""
    return _in_force(DECREES, day)


@dataclass(frozen=True, slots=True)
class Coefficient:
    """What one decree gives one form: hundredths of the base salary for an individual and for
    a collective (None where the form is not given to that side), and the article."""

    individual: int | None
    collective: int | None
    article: str


@dataclass(frozen=True, slots=True)
class PrizeRow:
    """A title or form, recognised by the start of its name, and its coefficient per decree."""

    name: str
    pattern: str
    by_decree: dict[str, Coefficient]


def _same(individual: int | None, collective: int | None, articles: tuple[str, str, str]
          ) -> dict[str, Coefficient]:
    return {key: Coefficient(individual, collective, article)
            for key, article in zip(("91/2017", "98/2023", "152/2025"), articles, strict=True)}


def _medal(individual: int, articles: tuple[str, str, str]) -> dict[str, Coefficient]:
    # ND 91/2017 khoản 2 Điều 70: a collective gets twice an individual's amount (the Nam Định
    # table gives Huân chương Sao vàng 46,0 for an individual and 92,0 for a collective).
    return _same(individual, 2 * individual, articles)


_TITLES = ("Điều 69", "Điều 54", "Điều 50")   # ND 152's number inferred (its orders are 51)
_MEDALS = ("Điều 70", "Điều 55", "Điều 51")

# Order matters: the first row whose pattern matches wins (specific names first).
PRIZE_ROWS: tuple[PrizeRow, ...] = (
    # Danh hiệu thi đua. ND 91/2017 Điều 69 (thuvienphapluat.vn: điểm d khoản 1, điểm b khoản 2;
    # hoatieu.vn; luatvietnam.vn); ND 98/2023 Điều 54 (lsvn.vn, vietjack.me, thuvienphapluat.vn);
    # ND 152/2025: CSTĐ toàn quốc 4,5, CSTĐ bộ 3,0, LĐTT 0,3 (dantri.com.vn 06/12/2025), the
    # collective titles carried over (not read).
    PrizeRow("Chiến sĩ thi đua toàn quốc", r"chiến sĩ thi đua toàn quốc",
             _same(450, None, _TITLES)),
    PrizeRow("Chiến sĩ thi đua cơ sở", r"chiến sĩ thi đua cơ sở", _same(100, None, _TITLES)),
    PrizeRow("Chiến sĩ thi đua bộ, ban, ngành, tỉnh", r"chiến sĩ thi đua",
             _same(300, None, _TITLES)),
    PrizeRow("Tập thể lao động xuất sắc", r"tập thể lao động xuất sắc|đơn vị quyết thắng",
             _same(None, 150, _TITLES)),
    PrizeRow("Tập thể lao động tiên tiến", r"tập thể lao động tiên tiến|đơn vị tiên tiến",
             _same(None, 80, _TITLES)),
    PrizeRow("Lao động tiên tiến", r"lao động tiên tiến|chiến sĩ tiên tiến",
             _same(30, None, _TITLES)),
    PrizeRow("Cờ thi đua của Chính phủ", r"cờ thi đua của chính phủ",
             _same(None, 1200, _TITLES)),
    PrizeRow("Cờ thi đua của bộ, ban, ngành, tỉnh", r"cờ thi đua", _same(None, 800, _TITLES)),
    # Huân chương. ND 98/2023 Điều 55 (thuvienphapluat.vn, dangcongsan.vn) and ND 152/2025
    # Điều 51 (xazon.com, 2025) read in full: Sao vàng 46,0; Hồ Chí Minh 30,5; Độc lập / Quân
    # công 15,0 / 12,5 / 10,5; Lao động, Chiến công, Bảo vệ Tổ quốc 9,0 / 7,5 / 4,5; Đại đoàn
    # kết dân tộc 7,5; Dũng cảm 4,5; khoản 2: a collective twice an individual. ND 91/2017
    # Điều 70 gives the same (plo.vn; thuvienphapluat.vn: Hồ Chí Minh 30,5; điểm e, hạng nhất
    # 9,0); its Đại đoàn kết and Dũng cảm figures were not read.
    PrizeRow("Huân chương Sao vàng", r"huân chương sao vàng", _medal(4600, _MEDALS)),
    PrizeRow("Huân chương Hồ Chí Minh", r"huân chương hồ chí minh", _medal(3050, _MEDALS)),
    PrizeRow("Huân chương hạng Nhất", r"huân chương (độc lập|quân công) hạng nhất",
             _medal(1500, _MEDALS)),
    PrizeRow("Huân chương hạng Nhì", r"huân chương (độc lập|quân công) hạng nhì",
             _medal(1250, _MEDALS)),
    PrizeRow("Huân chương hạng Ba", r"huân chương (độc lập|quân công) hạng ba",
             _medal(1050, _MEDALS)),
    PrizeRow("Huân chương Lao động hạng Nhất",
             r"huân chương (lao động|chiến công|bảo vệ tổ quốc) hạng nhất", _medal(900, _MEDALS)),
    PrizeRow("Huân chương Lao động hạng Nhì",
             r"huân chương (lao động|chiến công|bảo vệ tổ quốc) hạng nhì", _medal(750, _MEDALS)),
    PrizeRow("Huân chương Lao động hạng Ba",
             r"huân chương (lao động|chiến công|bảo vệ tổ quốc) hạng ba", _medal(450, _MEDALS)),
    PrizeRow("Huân chương Đại đoàn kết dân tộc", r"huân chương đại đoàn kết dân tộc",
             _medal(750, _MEDALS)),
    PrizeRow("Huân chương Dũng cảm", r"huân chương dũng cảm", _medal(450, _MEDALS)),
    # Huy chương: 1,5 for an individual (plo.vn on ND 91/2017); article number not read.
    PrizeRow("Huy chương", r"huy chương", _same(150, None, ("Điều 72", "Điều 57", "Điều 53"))),
    # Bằng khen, Giấy khen. ND 91/2017 Điều 73: Thủ tướng 3,5, bộ/tỉnh 1,0, Giấy khen 0,3,
    # Giấy khen of a commune's Chủ tịch 0,15 (điểm d khoản 1), collectives twice an individual
    # (khoản 2) — lawnet.vn, hieuluat.vn, thuvienphapluat.vn. ND 152/2025 khoản 1 Điều 54:
    # Thủ tướng 3,5, bộ/tỉnh 1,5, Giấy khen 0,3 (giadinh.suckhoedoisong.vn, ja.laodong.vn).
    # ND 98/2023 Điều 58 (its khoản 1 điểm d on Kỷ niệm chương read on baochinhphu.vn): the
    # figures for Bằng khen and Giấy khen were not read; ND 91's are carried over.
    PrizeRow("Bằng khen của Thủ tướng Chính phủ", r"bằng khen của thủ tướng",
             {"91/2017": Coefficient(350, 700, "Điều 73"),
              "98/2023": Coefficient(350, 700, "Điều 58"),
              "152/2025": Coefficient(350, 700, "Điều 54")}),
    PrizeRow("Bằng khen của bộ, ban, ngành, tỉnh", r"bằng khen",
             {"91/2017": Coefficient(100, 200, "Điều 73"),
              "98/2023": Coefficient(100, 200, "Điều 58"),
              "152/2025": Coefficient(150, 300, "Điều 54")}),
    PrizeRow("Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
             r"giấy khen của (chủ tịch )?(ủy ban nhân dân|ubnd) (xã|phường|thị trấn)",
             {"91/2017": Coefficient(15, 30, "Điều 73"),
              "98/2023": Coefficient(30, 60, "Điều 58"),
              "152/2025": Coefficient(30, 60, "Điều 54")}),
    PrizeRow("Giấy khen", r"giấy khen",
             {"91/2017": Coefficient(30, 60, "Điều 73"),
              "98/2023": Coefficient(30, 60, "Điều 58"),
              "152/2025": Coefficient(30, 60, "Điều 54")}),
)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().replace("uỷ", "ủy")


def prize_row(form: str) -> PrizeRow | None:
    """The row of the table for a form's name (None when the table does not price it)."""
    text = _fold(form)
    return next((r for r in PRIZE_ROWS if re.match(r.pattern, text)), None)


# --- the computation -------------------------------------------------------------------------

ROUNDING_STEP = 10_000      # "làm tròn số lên hàng chục nghìn đồng"


def round_up(amount_hundredths: int) -> int:
    """An amount given in hundredths of a đồng, rounded up to the ten thousand đồng."""
    step = ROUNDING_STEP * 100
    return -(-amount_hundredths // step) * ROUNDING_STEP


def coefficient_text(hundredths: int) -> str:
    """'3,5' for 350, '0,15' for 15, '12,0' for 1200 — the decree's way of writing them."""
    whole, rest = divmod(hundredths, 100)
    decimals = f"{rest:02d}".rstrip("0") or "0"
    return f"{whole},{decimals}"


@dataclass(frozen=True, slots=True)
class Prize:
    """One computed amount and everything it was computed from."""

    amount: int
    coefficient: int           # hundredths of the base salary
    base: BaseSalary
    decree: Decree
    article: str

    def citation(self) -> str:
        """'Điều 73 Nghị định số 91/2017/NĐ-CP'."""
        return f"{self.article} {self.decree.name}"

    def working(self) -> str:
        """How the figure was reached, in the words a message uses."""
        return (f"{coefficient_text(self.coefficient)} × {amount_digits(self.base.amount)} đồng "
                f"(mức lương cơ sở theo {self.base.decree}) = {amount_digits(self.amount)} đồng, "
                f"làm tròn lên hàng chục nghìn đồng ({self.citation()}; "
                f"{self.decree.rounding} {self.decree.name})")


def prize_for(form: str, side: str, day: date) -> Prize | None:
    """The prize of *form* for one recipient on *side* ("collective" or "individual") of a
    decision dated *day*; None when no decree in the table prices it on that day."""
    row = prize_row(form)
    decree = decree_on(day)
    base = base_salary_on(day)
    if row is None or decree is None or base is None:
        return None
    rule = row.by_decree[decree.key]
    coefficient = rule.collective if side == "collective" else rule.individual
    if coefficient is None:
        return None
    return Prize(round_up(coefficient * base.amount), coefficient, base, decree, rule.article)
