"""The counting of the báo cáo sơ kết / tổng kết (generator.documents.figures): planted lists
with known totals, every total the sum of its rows, money counted in one place."""

from __future__ import annotations

import pytest

from generator.documents import figures as fig

UNITS = [{"name": "Vụ Tổ chức cán bộ"}, {"name": "Vụ Khoa giáo - Văn xã"},
         {"name": "Cục Quản trị"}, {"name": "Vụ Tổng hợp"}]

# Planted: 3 + 1 collectives, 5 individuals (2 men, 2 women, 1 not recorded); money stated
# for the first group only: 3 × 1.000.000 + 5 × 500.000 = 5.500.000, the flag not priced.
DECISION_A = {"awards": [
    {"form": "Bằng khen của Bộ trưởng", "achievement": "x",
     "prize": {"collective": 1_000_000, "individual": 500_000, "source": "Quỹ"},
     "collectives": [{"name": "Phòng Y tế, Vụ Khoa giáo - Văn xã", "unit": "Vụ Khoa giáo - Văn xã"},
                     {"name": "Phòng Thi đua - Khen thưởng, Vụ Tổ chức cán bộ"},
                     {"name": "Tổ Công đoàn số 3"}],
     "individuals": [
         {"name": "Nguyễn Văn An", "gender": "nam", "position": "Chuyên viên",
          "unit": "Vụ Tổ chức cán bộ, Văn phòng Chính phủ"},
         {"name": "Trần Thị Ánh", "gender": "Nữ", "position": "Chuyên viên",
          "unit": "Vụ Khoa giáo - Văn xã, Văn phòng Chính phủ"},
         {"name": "Lê Văn Bình", "gender": "nam", "position": "Chuyên viên",
          "unit": "Vụ Tổng hợp, Văn phòng Chính phủ"},
         {"name": "Hoàng Thị Đào", "gender": "nữ", "position": "Phó Vụ trưởng",
          "unit": "Cục Quản trị, Văn phòng Chính phủ"},
         {"name": "Vũ Minh Đức", "position": "Chuyên viên",
          "unit": "Cục Quản trị, Văn phòng Chính phủ"}]}]}
DECISION_B = {"awards": [
    {"form": "Cờ thi đua", "achievement": "y",
     "collectives": [{"name": "Vụ Tổng hợp"}]}]}


@pytest.fixture
def planted() -> list[fig.Recipient]:
    return (fig.recipients_of(DECISION_A, "05/QĐ-VPCP", UNITS)
            + fig.recipients_of(DECISION_B, "07/QĐ-VPCP", UNITS))


def test_forms_count_what_the_lists_hold_and_the_money_they_state(planted):
    table = fig.by_form(planted)
    assert table.rows == (
        (1, "Bằng khen của Bộ trưởng", "05/QĐ-VPCP", 3, 5, 8, 5_500_000),
        (2, "Cờ thi đua", "07/QĐ-VPCP", 1, 0, 1, 0))
    assert table.total == ("", "Tổng cộng", "", 4, 5, 9, 5_500_000)
    assert fig.prize_money(planted) == (5_500_000, 1)     # the flag has no amount stated


def test_money_is_counted_by_one_function_that_takes_amounts_from_elsewhere(planted):
    # What the prize branch will pass: a statutory amount for what the decision leaves open.
    def statutory(r: fig.Recipient) -> int | None:
        return r.prize if r.prize is not None else 2_980_000
    assert fig.prize_money(planted, statutory) == (5_500_000 + 2_980_000, 0)
    assert fig.by_form(planted, statutory).total[6] == 8_480_000


def test_units_in_the_campaigns_order_and_the_unclaimed_last(planted):
    table = fig.by_unit(planted, UNITS)
    assert table.rows == ((1, "Vụ Tổ chức cán bộ", 1, 1, 2),
                          (2, "Vụ Khoa giáo - Văn xã", 1, 1, 2),
                          (3, "Cục Quản trị", 0, 2, 2),
                          (4, "Vụ Tổng hợp", 1, 1, 2),
                          (5, fig.OTHER_UNIT, 1, 0, 1))
    assert table.total[2:] == (4, 5, 9)


def test_gender_is_counted_never_guessed(planted):
    table = fig.by_gender(planted)
    assert table.rows == ((1, "Bằng khen của Bộ trưởng", 2, 2, 1, 5),)
    assert table.total[2:] == (2, 2, 1, 5)


@pytest.mark.parametrize(("entry", "unit"), [
    ({"name": "Nguyễn Văn An", "unit": "Vụ Tổ chức cán bộ, Văn phòng Chính phủ"},
     "Vụ Tổ chức cán bộ"),
    ({"name": "Phòng Y tế, Vụ Khoa giáo - Văn xã"}, "Vụ Khoa giáo - Văn xã"),
    ({"name": "Vụ Tổng hợp"}, "Vụ Tổng hợp"),
    ({"name": "X", "unit": "vụ  tổ chức cán bộ"}, "Vụ Tổ chức cán bộ"),     # case, spaces
    ({"name": "Tổ Công đoàn số 3"}, fig.OTHER_UNIT),
    # "Vụ Tổng hợp" is not "Vụ Tổng hợp pháp chế": a name must end at a comma.
    ({"name": "A", "unit": "Vụ Tổng hợp pháp chế"}, fig.OTHER_UNIT),
], ids=["unit-field", "collective-name", "the-unit-itself", "spelling", "none", "prefix-only"])
def test_unit_of(entry, unit):
    assert fig.unit_of(entry, UNITS) == unit


REPORTS = [
    ("Vụ Khoa giáo - Văn xã", {"figures": [
        {"content": 1, "indicator": "Sáng kiến", "measure": "sáng kiến", "target": 4, "result": 5},
        {"content": 2, "indicator": "Hồ sơ đúng hạn", "measure": "%", "target": 100,
         "result": 97.3}],
        "awards": [{"form": "Giấy khen", "collectives": 1, "individuals": 6, "women": 4}]}),
    ("Cổng Thông tin điện tử Chính phủ", {"figures": [
        {"content": 2, "indicator": "Tin, bài", "measure": "tin", "target": 5, "result": 5}],
        "awards": [{"form": "Giấy khen", "collectives": 2, "individuals": 9, "women": 5,
                    "direct_workers": 3}]}),
]


def test_targets_against_results_per_content_and_in_all():
    every = fig.targets(REPORTS)
    assert [row[4:] for row in every.rows] == [(4, 5, 125.0), (100, 97.3, 97.3), (5, 5, 100.0)]
    assert every.total is None and fig.met(every) == (2, 3)
    second = fig.targets(REPORTS, 2)
    assert [row[1:3] for row in second.rows] == [("Vụ Khoa giáo - Văn xã", "Hồ sơ đúng hạn"),
                                                 ("Cổng Thông tin điện tử Chính phủ", "Tin, bài")]
    assert second.title.endswith("(nội dung b)")


def test_unit_awards_add_direct_workers_only_where_recorded():
    table = fig.unit_awards(REPORTS)
    assert table.rows[0][6:] == (4, "")          # not recorded: blank, not 0
    assert table.total[3:] == (3, 15, 18, 9, 3)
    nobody = fig.unit_awards([REPORTS[0]])
    assert nobody.total[6:] == (4, "")           # no report counts them: no total either


@pytest.mark.parametrize(("build", "parts", "whole"), [
    (lambda r: fig.by_form(r), (3, 4), 5), (lambda r: fig.by_unit(r, UNITS), (2, 3), 4),
    (lambda r: fig.by_gender(r), (2, 3, 4), 5), (lambda r: fig.unit_awards(REPORTS), (3, 4), 5)],
    ids=["forms", "units", "gender", "unit-awards"])
def test_every_total_is_the_sum_of_its_rows_and_the_parts_add_to_the_whole(planted, build,
                                                                           parts, whole):
    table = build(planted)
    assert table.rows
    for column in table.summed:
        assert table.total[column] == sum(row[column] or 0 for row in table.rows)
    for row in (*table.rows, table.total):
        assert row[whole] == sum(row[c] for c in parts)


@pytest.mark.parametrize(("value", "text"), [
    (0, "0"), (7, "7"), (1490000, "1.490.000"), (40_230_000, "40.230.000"), (97.3, "97,3"),
    (100.0, "100"), (125.0, "125"), ("Tổng cộng", "Tổng cộng"), ("", "")])
def test_number_text(value, text):
    assert fig.number_text(value) == text


def test_printed_table_is_text_with_its_total():
    printed = fig.printed(fig.by_form(fig.recipients_of(DECISION_A, "05/QĐ-VPCP", UNITS)))
    assert printed["rows"][0][-1] == "5.500.000"
    assert printed["total"] == ["", "Tổng cộng", "", "3", "5", "8", "5.500.000"]


def test_a_form_of_several_decisions_lists_each_once_one_per_line(planted):
    again = fig.recipients_of(DECISION_B, "09/QĐ-VPCP", UNITS)
    table = fig.by_form([*planted, *again, *again])
    assert table.rows[1][1:6] == ("Cờ thi đua", "07/QĐ-VPCP\n09/QĐ-VPCP", 3, 0, 3)
