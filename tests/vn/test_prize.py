"""Prize money (generator/vn/prize.py): each form at each base-salary and decree boundary.

The expected figures are worked by hand from the decrees' coefficients, the base salary in
force that day and the rounding up to the ten thousand đồng (ND 91/2017 khoản 2 Điều 68; the
same words in ND 98/2023), never read back from the code.
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.vn import prize as money

BK_BO = "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"
BK_TINH = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh"
BK_TTG = "Bằng khen của Thủ tướng Chính phủ"
GK = "Giấy khen của Vụ trưởng Vụ Tổ chức cán bộ"
GK_XA = "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tiên Yên"
I, C = "individual", "collective"


@pytest.mark.parametrize(("form", "side", "day", "amount"), [
    # Nghị định 91/2017 Điều 73: Bằng khen bộ/tỉnh 1,0, a collective twice.
    (BK_BO, I, date(2017, 10, 1), 1_300_000),       # ND 91 in force, ND 47/2017's 1.300.000
    (BK_BO, I, date(2018, 6, 30), 1_300_000),
    (BK_BO, I, date(2018, 7, 1), 1_390_000),        # ND 72/2018
    (BK_BO, I, date(2019, 6, 30), 1_390_000),
    (BK_BO, I, date(2019, 7, 1), 1_490_000),        # ND 38/2019
    (BK_BO, C, date(2022, 6, 30), 2_980_000),
    (BK_BO, I, date(2023, 6, 30), 1_490_000),
    (BK_BO, I, date(2023, 7, 1), 1_800_000),        # ND 24/2023
    (BK_TINH, C, date(2023, 12, 31), 3_600_000),
    # Nghị định 98/2023 Điều 58 from 01/01/2024 (same figure carried over).
    (BK_TINH, C, date(2024, 1, 1), 3_600_000),
    (BK_BO, I, date(2024, 6, 30), 1_800_000),
    (BK_BO, I, date(2024, 7, 1), 2_340_000),        # ND 73/2024
    (BK_BO, I, date(2025, 6, 30), 2_340_000),
    # Nghị định 152/2025 khoản 1 Điều 54 from 01/7/2025: 1,5.
    (BK_BO, I, date(2025, 7, 1), 3_510_000),
    (BK_TINH, C, date(2025, 7, 1), 7_020_000),
])
def test_bang_khen_bo_tinh_nd91_dieu_73_nd98_dieu_58_nd152_dieu_54(form, side, day, amount):
    assert money.prize_for(form, side, day).amount == amount


@pytest.mark.parametrize(("side", "day", "amount"), [
    (I, date(2017, 10, 1), 4_550_000),      # 3,5 × 1.300.000
    (I, date(2019, 6, 30), 4_870_000),      # 3,5 × 1.390.000 = 4.865.000, rounded up
    (I, date(2019, 7, 1), 5_220_000),       # 5.215.000 rounded up
    (C, date(2019, 7, 1), 10_430_000),      # 7,0 × 1.490.000
    (I, date(2023, 7, 1), 6_300_000),
    (I, date(2024, 7, 1), 8_190_000),
    (C, date(2025, 7, 1), 16_380_000),
])
def test_bang_khen_thu_tuong_nd91_dieu_73_nd152_dieu_54(side, day, amount):
    assert money.prize_for(BK_TTG, side, day).amount == amount


@pytest.mark.parametrize(("form", "side", "day", "amount"), [
    (GK, I, date(2019, 7, 1), 450_000),         # 0,3 × 1.490.000 = 447.000 ↑
    (GK, C, date(2019, 7, 1), 900_000),         # 894.000 ↑
    (GK, I, date(2023, 7, 1), 540_000),
    (GK, I, date(2024, 7, 1), 710_000),         # 702.000 ↑
    (GK, C, date(2025, 7, 1), 1_410_000),       # 1.404.000 ↑
    (GK_XA, I, date(2019, 7, 1), 230_000),      # ND 91 điểm d khoản 1 Điều 73: 0,15 → 223.500 ↑
    (GK_XA, C, date(2019, 7, 1), 450_000),
    (GK_XA, I, date(2025, 7, 1), 710_000),      # ND 152 Điều 54: every Giấy khen 0,3
])
def test_giay_khen_nd91_dieu_73_nd152_dieu_54(form, side, day, amount):
    assert money.prize_for(form, side, day).amount == amount


@pytest.mark.parametrize(("form", "side", "day", "amount"), [
    ("Chiến sĩ thi đua toàn quốc", I, date(2019, 7, 1), 6_710_000),      # 4,5 → 6.705.000 ↑
    ("Chiến sĩ thi đua toàn quốc", I, date(2024, 7, 1), 10_530_000),
    ("Chiến sĩ thi đua Bộ, ban, ngành, tỉnh", I, date(2019, 7, 1), 4_470_000),
    ("Chiến sĩ thi đua cấp tỉnh", I, date(2025, 7, 1), 7_020_000),
    ("Chiến sĩ thi đua cơ sở", I, date(2023, 6, 30), 1_490_000),
    ("Chiến sĩ thi đua cơ sở", I, date(2023, 7, 1), 1_800_000),
    ("Lao động tiên tiến", I, date(2024, 7, 1), 710_000),
    ("Tập thể lao động xuất sắc", C, date(2019, 7, 1), 2_240_000),     # 1,5 → 2.235.000 ↑
    ("Tập thể lao động tiên tiến", C, date(2019, 7, 1), 1_200_000),    # 0,8 → 1.192.000 ↑
    ("Tập thể lao động tiên tiến", C, date(2024, 7, 1), 1_880_000),    # 1.872.000 ↑
    ("Cờ thi đua của Chính phủ", C, date(2024, 7, 1), 28_080_000),
    ("Cờ thi đua của Văn phòng Chính phủ", C, date(2022, 6, 30), 11_920_000),
    ("Cờ thi đua của Ủy ban nhân dân tỉnh Quảng Ninh", C, date(2025, 7, 1), 18_720_000),
])
def test_emulation_titles_nd91_dieu_69_nd98_dieu_54(form, side, day, amount):
    assert money.prize_for(form, side, day).amount == amount


@pytest.mark.parametrize(("form", "side", "day", "amount"), [
    ("Huân chương Lao động hạng Ba", I, date(2019, 7, 1), 6_710_000),   # 4,5 → 6.705.000 ↑
    ("Huân chương Lao động hạng Ba", C, date(2019, 7, 1), 13_410_000),  # 9,0
    ("Huân chương Lao động hạng Nhất", I, date(2023, 7, 1), 16_200_000),
    ("Huân chương Độc lập hạng Ba", I, date(2024, 7, 1), 24_570_000),   # 10,5 × 2.340.000
    ("Huân chương Hồ Chí Minh", I, date(2019, 7, 1), 45_450_000),       # 45.445.000 ↑
    ("Huân chương Sao vàng", C, date(2023, 7, 1), 165_600_000),         # 92,0 (Nam Định table)
])
def test_orders_nd91_dieu_70(form, side, day, amount):
    assert money.prize_for(form, side, day).amount == amount


@pytest.mark.parametrize(("form", "side", "day"), [
    (BK_BO, I, date(2017, 9, 30)),                     # before ND 91/2017: not priced
    ("Chiến sĩ thi đua cơ sở", C, date(2022, 1, 1)),   # an individual title
    ("Cờ thi đua của Chính phủ", I, date(2022, 1, 1)),  # a collective title
    ("Kỷ niệm chương Vì sự nghiệp", I, date(2022, 1, 1)),
])
def test_what_the_table_does_not_price(form, side, day):
    assert money.prize_for(form, side, day) is None


@pytest.mark.parametrize(("day", "decree"), [
    (date(2017, 9, 30), None), (date(2017, 10, 1), "91/2017"), (date(2023, 12, 31), "91/2017"),
    (date(2024, 1, 1), "98/2023"), (date(2025, 6, 30), "98/2023"),
    (date(2025, 7, 1), "152/2025"),
])
def test_decree_in_force_by_date(day, decree):
    found = money.decree_on(day)
    assert (found.key if found else None) == decree


@pytest.mark.parametrize(("hundredths", "rounded"), [
    (0, 0), (1, 10_000), (1_000_000, 10_000), (1_000_001, 20_000),
    (44_700_000, 450_000), (45_000_000, 450_000),
])
def test_round_up_to_ten_thousand_nd91_khoan_2_dieu_68(hundredths, rounded):
    assert money.round_up(hundredths) == rounded


@pytest.mark.parametrize(("hundredths", "text"), [
    (15, "0,15"), (30, "0,3"), (100, "1,0"), (350, "3,5"), (1200, "12,0"), (3050, "30,5")])
def test_coefficients_are_written_as_the_decree_writes_them(hundredths, text):
    assert money.coefficient_text(hundredths) == text


def test_the_working_names_every_source():
    prize = money.prize_for(BK_TTG, I, date(2019, 7, 1))
    assert prize.working() == (
        "3,5 × 1.490.000 đồng (mức lương cơ sở theo Nghị định số 38/2019/NĐ-CP) = 5.220.000 "
        "đồng, làm tròn lên hàng chục nghìn đồng (Điều 73 Nghị định số 91/2017/NĐ-CP; "
        "khoản 2 Điều 68 Nghị định số 91/2017/NĐ-CP)")


def test_every_row_prices_every_decree():
    keys = {d.key for d in money.DECREES}
    for row in money.PRIZE_ROWS:
        assert set(row.by_decree) == keys, row.name


@pytest.mark.parametrize(("form", "side", "day", "amount"), [
    # Nghị định 98/2023 Điều 55 and Nghị định 152/2025 Điều 51, điểm g and h of khoản 1.
    ("Huân chương Đại đoàn kết dân tộc", C, date(2024, 7, 1), 35_100_000),   # 15,0 × 2.340.000
    ("Huân chương Dũng cảm", I, date(2025, 7, 1), 10_530_000),              # 4,5 × 2.340.000
    ("Huân chương Bảo vệ Tổ quốc hạng Nhì", I, date(2024, 1, 1), 13_500_000),  # 7,5 × 1.800.000
])
def test_orders_nd98_dieu_55_nd152_dieu_51(form, side, day, amount):
    assert money.prize_for(form, side, day).amount == amount
