"""The legal library (issue 13, point 5): texts cited on a day they were not in force are
reported with their replacement; texts cited without their date are offered it."""

from __future__ import annotations

from datetime import date

import pytest

from generator.vn.library import LIBRARY, citations

ND150 = ("Nghị định số 150/2016/NĐ-CP ngày 11 tháng 11 năm 2016 của Chính phủ quy định chức "
         "năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Văn phòng Chính phủ")


@pytest.mark.parametrize(("text", "day", "problems"), [
    (ND150, date(2021, 9, 24), []),                                   # in force in 2021
    (ND150, date(2022, 10, 5), []),                                   # its last day
    (ND150, date(2022, 10, 6), ["not in force"]),                     # ND 79/2022's first
    (ND150, date(2022, 12, 26), ["not in force"]),                    # the 211/TTr case
    ("Nghị định số 79/2022/NĐ-CP của Chính phủ", date(2023, 1, 1), ["no date"]),
    ("Nghị định 36/2025/NĐ-CP", date(2025, 8, 15), ["no date"]),
    ("Nghị định số 79/2022/NĐ-CP ngày 06/10/2022", date(2023, 1, 1), []),   # in figures
    ("Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023", date(2025, 6, 30), []),
    ("Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023", date(2025, 7, 1), ["not in force"]),
    ("Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025", date(2025, 6, 20),
     ["not yet in force"]),
    (("Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số "
      "điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005"), date(2021, 9, 24), []),
    ("Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003", date(2024, 3, 1), ["not in force"]),
    ("Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015", date(2025, 3, 1), ["not in force"]),
    ("Quyết định số 12/2025/QĐ-UBND ngày 20 tháng 7 năm 2025", date(2025, 8, 1), []),  # unknown
], ids=repr)
def test_citations(text: str, day: date, problems: list[str]) -> None:
    assert [c.problem for c in citations(text, day)] == problems


def test_the_warning_names_the_replacement_and_its_date() -> None:
    [found] = citations(ND150, date(2022, 12, 26))
    assert found.message(date(2022, 12, 26)) == (
        "Nghị định số 150/2016/NĐ-CP hết hiệu lực từ ngày 06/10/2022, trước ngày văn bản "
        "26/12/2022; đã được thay thế bởi Nghị định số 79/2022/NĐ-CP ngày 06 tháng 10 năm "
        "2022 (có hiệu lực từ ngày 06/10/2022)")


def test_a_text_cited_without_its_date_is_offered_it() -> None:
    [found] = citations("Căn cứ Nghị định số 91/2017/NĐ-CP của Chính phủ", date(2021, 1, 1))
    assert found.message(date(2021, 1, 1)).endswith(
        "thiếu ngày ban hành: Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017")


def test_every_row_has_a_source_and_chains_to_a_row_that_follows_it() -> None:
    by_number = {t.number: t for t in LIBRARY if t.number}
    for text in LIBRARY:
        assert text.source
        assert text.until is None or text.until >= text.in_force
        if text.replaced_by in by_number:
            successor = by_number[text.replaced_by]
            assert text.until is not None and \
                successor.in_force.toordinal() == text.until.toordinal() + 1, text.name
