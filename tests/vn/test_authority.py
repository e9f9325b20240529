"""Who decides which form at each tier and on each date (generator/vn/authority.py)."""

from __future__ import annotations

from datetime import date

import pytest

from generator.vn import authority as auth

BEFORE, AFTER = date(2025, 6, 30), date(2025, 7, 1)


@pytest.mark.parametrize("level, form, day, allowed", [
    ("tỉnh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh", AFTER, True),
    ("tỉnh", "Bằng khen của Bộ trưởng Bộ Nội vụ", AFTER, False),
    ("bộ", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh", AFTER, False),
    ("bộ", "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", AFTER, True),
    ("tỉnh", "Cờ thi đua của Ủy ban nhân dân tỉnh Quảng Ninh", AFTER, True),
    ("tỉnh", "Chiến sĩ thi đua cấp tỉnh", AFTER, True),
    ("tỉnh", "Tập thể lao động xuất sắc", AFTER, True),
    ("tỉnh", "Bằng khen của Thủ tướng Chính phủ", AFTER, False),
    ("tỉnh", "Huân chương Lao động hạng Ba", AFTER, False),
    ("sở", "Giấy khen của Giám đốc Sở Nội vụ", AFTER, True),
    ("sở", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh", AFTER, False),
    ("xã", "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tiên Yên", AFTER, True),
    ("xã", "Lao động tiên tiến", AFTER, True),
    ("tỉnh", "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tiên Yên", AFTER, True),
    # Before the two tiers, a commune answered to its district, not to the province directly.
    ("huyện", "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tiên Yên", BEFORE, True),
    ("huyện", "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tiên Yên", AFTER, False),
    ("đơn vị", "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", AFTER, False),
])
def test_who_may_decide_what(level, form, day, allowed):
    rule = auth.form_rule(form)
    assert rule is not None
    assert auth.may_decide(level, rule, day) is allowed


def test_every_row_cites_the_law_and_the_decree_in_force_on_the_day():
    rule = auth.form_rule("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh")
    assert rule is not None
    assert rule.citation(AFTER) == "Luật Thi đua, khen thưởng 2022, Điều 74; Nghị định 152/2025/NĐ-CP"
    assert rule.citation(BEFORE).endswith("Nghị định 98/2023/NĐ-CP")
    assert "91/2017" in rule.citation(date(2021, 10, 1))
    assert all(r.article for r in auth.FORM_RULES)


def test_the_district_tier_ends_on_1_july_2025():
    assert auth.level_problem("huyện", BEFORE) is None
    assert "01/7/2025" in (auth.level_problem("huyện", AFTER) or "")


@pytest.mark.parametrize("name, level", [
    ("Ủy ban nhân dân tỉnh Quảng Ninh", "tỉnh"), ("Uỷ ban nhân dân thành phố Hải Phòng", "tỉnh"),
    ("Ủy ban nhân dân xã Tiên Yên", "xã"), ("Ủy ban nhân dân phường Hạ Long", "xã"),
    ("Sở Nội vụ", "sở"), ("Văn phòng Chính phủ", "bộ"),
])
def test_the_tier_of_an_issuer_is_read_from_its_name(name, level):
    assert auth.issuer_level(name) == level
