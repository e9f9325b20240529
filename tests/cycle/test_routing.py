"""Where an approved form goes from the agency (generator/documents/council_minutes.route):
its own decision, or a Tờ trình to the tier that decides it (Luật Thi đua, khen thưởng 2022,
Điều 73–75, 77; generator/vn/authority.py)."""

from __future__ import annotations

from datetime import date

import pytest

from generator.documents.council_minutes import route


@pytest.mark.parametrize(("form", "level", "target"), [
    ("Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "bộ", None),     # Điều 74
    ("Giấy khen của Vụ trưởng Vụ Tổ chức cán bộ", "bộ", None),                   # Điều 75
    ("Chiến sĩ thi đua cơ sở", "bộ", None),                                      # Điều 23
    ("Bằng khen của Thủ tướng Chính phủ", "bộ", "thủ tướng"),                    # Điều 73
    ("Cờ thi đua của Chính phủ", "tỉnh", "thủ tướng"),
    ("Huân chương Lao động hạng Ba", "bộ", "thủ tướng"),     # Điều 77: via the Thủ tướng
    ("Huân chương Lao động hạng Ba", "tỉnh", "thủ tướng"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh", "sở", "tỉnh"),   # Điều 74
])
def test_luat_2022_dieu73_75_77_route_of_an_approved_form(form, level, target):
    assert route(form, level, date(2024, 6, 1)) == target
