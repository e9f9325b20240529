"""The council's thresholds (generator/vn/council.py), each tested at its edges; the article a
row rests on is in the test's name."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from generator.vn import council

CSTD_BO = "Chiến sĩ thi đua cấp bộ"
CSTD_TQ = "Chiến sĩ thi đua toàn quốc"
BANG_KHEN = "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"


@pytest.mark.parametrize(("form", "votes", "members", "day", "passed"), [
    # 90% of all members, "từ 90% trở lên": 9 of 10 is exactly 90% and passes, 8 does not.
    (CSTD_BO, 9, 10, date(2023, 12, 31), True),
    (CSTD_BO, 8, 10, date(2023, 12, 31), False),
    # 9 members: 8 votes are 88.89%, below 90%: all nine are needed.
    (CSTD_TQ, 9, 9, date(2022, 6, 24), True),
    (CSTD_TQ, 8, 9, date(2022, 6, 24), False),
    ("Danh hiệu Anh hùng Lao động", 27, 30, date(2021, 1, 1), True),
    ("Danh hiệu Anh hùng Lao động", 26, 30, date(2021, 1, 1), False),
])
def test_nd91_2017_dieu45_khoan8_ninety_percent_of_all_members(form, votes, members, day,
                                                                 passed):
    result = council.verdict(form, votes, members, members - 1, day)
    assert result.passed is passed
    assert result.threshold.source == "Nghị định số 91/2017/NĐ-CP, Điều 45 khoản 8"
    assert result.threshold.phrase() == "từ 90% trở lên tổng số thành viên Hội đồng"


@pytest.mark.parametrize(("votes", "day", "passed"), [
    (9, date(2024, 1, 1), True), (8, date(2024, 1, 1), False),
    (9, date(2025, 6, 30), True), (8, date(2025, 6, 30), False),
])
def test_nd98_2023_secret_ballot_ninety_percent_first_and_last_day(votes, day, passed):
    result = council.verdict(CSTD_BO, votes, 10, 10, day)
    assert result.passed is passed
    assert result.threshold.source.startswith("Nghị định số 98/2023/NĐ-CP")
    assert result.threshold.confidence == "U"      # the article was not read: said so


@pytest.mark.parametrize(("votes", "passed"), [(9, True), (8, False)])
def test_nd152_2025_dieu45_ninety_percent_from_1_july_2025(votes, passed):
    result = council.verdict(CSTD_TQ, votes, 10, 7, date(2025, 7, 1))
    assert result.passed is passed
    assert result.threshold.source == "Nghị định số 152/2025/NĐ-CP, Điều 45"


@pytest.mark.parametrize(("votes", "members", "passed"), [
    (5, 9, True),       # 55.56%: more than half
    (4, 9, False),      # 44.44%
    (5, 10, False),     # exactly half is not a majority ("quá 50%")
    (6, 10, True),
])
def test_quy_che_default_majority_of_all_members_for_forms_the_law_leaves_to_the_council(
        votes, members, passed):
    result = council.verdict(BANG_KHEN, votes, members, members, date(2022, 6, 24))
    assert result.passed is passed
    assert result.threshold is council.DEFAULT
    assert result.threshold.phrase() == "quá 50% tổng số thành viên Hội đồng"


@pytest.mark.parametrize(("votes", "present", "passed"), [(7, 10, True), (6, 10, False),
                                                          (5, 7, True), (4, 7, False)])
def test_quy_che_rule_of_the_data_seventy_percent_of_those_present(votes, present, passed):
    rule = council.council_rule("Bằng khen", 70, "present", "Quy chế của Hội đồng, Điều 8")
    result = council.verdict(BANG_KHEN, votes, 12, present, date(2024, 3, 1), (rule,))
    assert result.passed is passed
    assert result.threshold.phrase() == "từ 70% trở lên số thành viên dự họp"


def test_a_council_rule_never_lowers_the_decree_threshold_nd91_2017_dieu45_khoan8():
    rule = council.council_rule("Chiến sĩ thi đua", 50, "members", "Quy chế")
    assert not council.verdict(CSTD_BO, 8, 10, 10, date(2023, 1, 1), (rule,)).passed


@pytest.mark.parametrize(("present", "members", "met"), [(6, 9, True), (5, 9, False),
                                                         (2, 3, True), (7, 11, False),
                                                         (0, 0, False)])
def test_nd152_2025_dieu45_two_thirds_quorum(present, members, met):
    assert council.quorum_met(present, members) is met


def test_percentages_are_exact_and_printed_with_a_decimal_comma():
    result = council.verdict(BANG_KHEN, 8, 9, 9, date(2022, 6, 24))
    assert result.percent == Fraction(800, 9)
    assert council.percent_text(result.percent) == "88,89"
    assert council.percent_text(Fraction(100)) == "100"


@pytest.mark.parametrize(("votes_for", "against", "valid", "ballots", "problem"), [
    (5, 3, 8, 8, None),
    (5, 3, 7, 8, "số phiếu đồng ý (5) cộng số phiếu không đồng ý (3) lớn hơn số phiếu hợp lệ (7)"),
    (5, 3, 9, 8, "số phiếu hợp lệ (9) lớn hơn số phiếu phát ra (8)"),
    (4, 3, 8, 8, None),                 # a ballot may leave a nominee unmarked
])
def test_tally_counts_add_up(votes_for, against, valid, ballots, problem):
    assert council.tally_problem(votes_for, against, valid, ballots) == problem
