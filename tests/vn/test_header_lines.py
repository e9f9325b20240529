"""The header's agency lines (Nghị định 30/2020, Phụ lục I, ô 2), broken where the meaning
allows and measured with Times New Roman's widths."""

from __future__ import annotations

import pytest

from generator.render import layout
from generator.vn import formats as vn


def fitted(name: str, bold: bool = True) -> list[str]:
    return vn.header_lines(name, lambda t: layout.fits_header_column(t, bold))


@pytest.mark.parametrize("name, lines", [
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH"]),
    ("UỶ BAN NHÂN DÂN XÃ TIÊN YÊN", ["UỶ BAN NHÂN DÂN", "XÃ TIÊN YÊN"]),
    ("VĂN PHÒNG CHÍNH PHỦ", ["VĂN PHÒNG CHÍNH PHỦ"]),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", ["SỞ KHOA HỌC", "VÀ CÔNG NGHỆ"]),
    ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", ["SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"]),
    ("CÔNG ĐOÀN VĂN PHÒNG CHÍNH PHỦ", ["CÔNG ĐOÀN", "VĂN PHÒNG CHÍNH PHỦ"]),
    ("BAN THI ĐUA - KHEN THƯỞNG", ["BAN THI ĐUA -", "KHEN THƯỞNG"]),
    ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH QUẢNG NINH",
     ["HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG", "TỈNH QUẢNG NINH"]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_names_break_where_the_meaning_allows_and_every_line_fits(name, lines):
    assert fitted(name) == lines
    assert all(layout.fits_header_column(line, bold=True) for line in lines)


@pytest.mark.parametrize("name, short", [
    ("Ủy ban nhân dân tỉnh Quảng Ninh", "UBND tỉnh Quảng Ninh"),
    ("Uỷ ban nhân dân xã Tiên Yên", "UBND xã Tiên Yên"),
    ("Hội đồng nhân dân tỉnh Lào Cai", "HĐND tỉnh Lào Cai"),
    ("Văn phòng Chính phủ", "Văn phòng Chính phủ"),
])
def test_governing_bodies_take_the_abbreviation_the_decree_allows(name, short):
    assert vn.short_agency_name(name) == short


@pytest.mark.parametrize("name, collective", [
    ("Ủy ban nhân dân tỉnh Quảng Ninh", True), ("Hội đồng Thi đua - Khen thưởng tỉnh", True),
    ("Chính phủ", True), ("Sở Nội vụ", False), ("Văn phòng Chính phủ", False),
])
def test_collective_bodies(name, collective):
    assert vn.is_collective_body(name) is collective
