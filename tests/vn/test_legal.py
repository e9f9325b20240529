"""Which emulation law a document cites, by its date (three regimes, edges inclusive)."""

from datetime import date

import pytest

from generator.errors import LegalBasisError
from generator.vn import legal


@pytest.mark.parametrize(("day", "regime"), [
    (date(2020, 1, 1), "2003"),
    (date(2021, 9, 27), "2003"),
    (date(2023, 12, 31), "2003"),
    (date(2024, 1, 1), "2022"),
    (date(2025, 6, 27), "2022"),
    (date(2025, 6, 30), "2022"),
    (date(2025, 7, 1), "2022+152"),
    (date(2026, 11, 29), "2022+152"),
], ids=str)
def test_regime_on_date(day, regime):
    assert legal.regime_on(day).key == regime


def test_2021_cites_the_2003_law_as_amended_nd_91_and_tt_12():
    bases = legal.emulation_bases(date(2021, 9, 24))
    assert bases[0] == (
        "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số "
        "điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005; Luật sửa đổi, bổ sung "
        "một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013")
    assert bases[1].startswith("Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ")
    assert bases[2].startswith("Thông tư số 12/2019/TT-BNV ngày 04 tháng 11 năm 2019 của Bộ "
                               "trưởng Bộ Nội vụ")
    assert not any("2022" in b or "98/2023" in b for b in bases)


def test_2024_cites_the_2022_law_and_nd_98():
    assert legal.emulation_bases(date(2024, 5, 2)) == [
        "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        ("Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
         "thi hành một số điều của Luật Thi đua, khen thưởng"),
    ]


def test_from_july_2025_nd_152_replaces_nd_98():
    bases = legal.emulation_bases(date(2025, 7, 1))
    assert bases[1].startswith("Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025")
    assert not any("98/2023" in b for b in bases)


def test_dates_before_the_known_regimes_are_refused_in_vietnamese():
    with pytest.raises(LegalBasisError, match="01/01/2020"):
        legal.regime_on(date(2019, 12, 31))


@pytest.mark.parametrize(("year", "today", "expected"), [
    (2021, date(2026, 11, 29), date(2021, 12, 31)),
    (2026, date(2026, 11, 29), date(2026, 11, 29)),
    (2027, date(2026, 11, 29), date(2027, 1, 1)),
])
def test_undated_draft_cites_the_law_of_the_build_day_within_its_year(year, today, expected):
    assert legal.reference_day(None, year, today) == expected


def test_dated_document_cites_the_law_of_its_own_date():
    assert legal.reference_day(date(2021, 9, 24), 2021, date(2026, 1, 1)) == date(2021, 9, 24)
