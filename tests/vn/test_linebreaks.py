"""Where a line may not break (issue 13, point 2): no-break spaces inside words and names,
non-breaking hyphens inside "COVID-19"-like terms, a trích yếu never ending on one word."""

from __future__ import annotations

import pytest

from generator.render.layout import text_width
from generator.vn.linebreaks import (
    NB_HYPHEN,
    NBSP,
    balanced,
    keep_together,
    no_lonely_last_word,
    plain_spaces,
    quoted_in_pieces,
    title_text,
    whole_name,
    wrap,
)

S, H = NBSP, NB_HYPHEN


@pytest.mark.parametrize(("text", "expected"), [
    ("đại dịch COVID-19", f"đại{S}dịch COVID{H}19"),
    ("Số 15/KH-VPCP", f"Số 15/KH{H}VPCP"),                      # "Số" capitalised: a label
    ("Kế hoạch số 15/KH-VPCP", f"Kế hoạch số{S}15/KH{H}VPCP"),
    ("ngày 24 tháng 9 năm 2021", f"ngày{S}24 tháng{S}9 năm{S}2021"),
    ("Cổng Thông tin điện tử Chính phủ", f"Cổng Thông{S}tin điện{S}tử Chính{S}phủ"),
    ("của Bộ trưởng, Chủ nhiệm", f"của Bộ{S}trưởng, Chủ{S}nhiệm"),
    ("Huân chương Lao động hạng Ba", f"Huân{S}chương Lao{S}động hạng{S}Ba"),
    ("Phó Thủ tướng Chính phủ", f"Phó{S}Thủ{S}tướng Chính{S}phủ"),   # the longest word wins
    ("2021 - 2022", "2021 - 2022"),                               # a spaced dash may break
    ("Hội đồng Thi đua - Khen thưởng", f"Hội{S}đồng Thi{S}đua - Khen{S}thưởng"),
    ("chính phủ điện tử", f"chính{S}phủ điện{S}tử"),              # a word in any case
    ("Văn phònga", "Văn phònga"),                                 # whole words only
], ids=repr)
def test_keep_together(text: str, expected: str) -> None:
    assert keep_together(text) == expected
    assert plain_spaces(keep_together(text)) == text          # not a letter changed


def test_names_from_the_data_are_kept_whole() -> None:
    assert keep_together("Vụ Tổ chức cán bộ đề nghị", ["Vụ Tổ chức cán bộ"]) == \
        f"Vụ{S}Tổ{S}chức{S}cán{S}bộ đề nghị"
    assert whole_name(" Nguyễn  Văn An ") == f"Nguyễn{S}Văn{S}An"


@pytest.mark.parametrize(("text", "expected"), [
    ("quyết tâm chiến thắng COVID-19”", f"quyết tâm chiến thắng{S}COVID-19”"),
    ("một", "một"),
    ("hai từ", f"hai{S}từ"),
    ("giai đoạn 2025 - 2030", f"giai đoạn 2025{S}-{S}2030"),
    ("dài " + "x" * 30, "dài " + "x" * 30),                     # too long to bind safely
], ids=repr)
def test_no_lonely_last_word(text: str, expected: str) -> None:
    assert no_lonely_last_word(text) == expected


def _wrap(text: str) -> list[str]:
    """The trích yếu as Word breaks it: 14 pt bold over the 165 mm text area."""
    return wrap(text, lambda t: text_width(t, 14, True), 165 * 72 / 25.4)


def test_the_211_ttr_title_no_longer_breaks_covid_or_ends_on_one_word() -> None:
    title = ("Về việc đề nghị tặng Huân chương Lao động hạng Ba cho các tập thể, cá nhân có "
             "thành tích xuất sắc trong tổng kết phong trào thi đua “Văn phòng Chính phủ tận "
             "tâm, hiệp lực, vì đất nước, quyết tâm chiến thắng đại dịch COVID-19”")
    before = _wrap(title)
    assert len(before[-1].split()) == 1                       # "COVID-19”" alone: the bug
    after = _wrap(title_text(title))
    assert len(after[-1].split(" ")) == 1 and NBSP in after[-1]   # two words bound
    assert not any(line.endswith(("COVID-", "Chính", "Bộ")) for line in after)


def test_wrap_breaks_after_a_plain_hyphen_only() -> None:
    def width(t: str) -> float:
        return len(t)

    assert wrap("aa bb COVID-19 cc", width, 12) == ["aa bb COVID-", "19 cc"]
    assert wrap(f"aa bb COVID{H}19 cc", width, 12) == ["aa bb", f"COVID{H}19 cc"]
    assert wrap(f"aa{S}bb cc", width, 5) == [f"aa{S}bb", "cc"]


def _width(t: str) -> float:
    return text_width(t, 14, True)


MEASURE = 165 * 72 / 25.4          # the text area of Phụ lục I, in points


@pytest.mark.parametrize("title", [
    "Về việc tặng Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ",        # one line
    ("Về việc đề nghị tặng Huân chương Lao động hạng Ba cho các tập thể, cá nhân có thành tích "
     "xuất sắc trong tổng kết phong trào thi đua “Văn phòng Chính phủ tận tâm, hiệp lực, vì "
     "đất nước, quyết tâm chiến thắng đại dịch COVID-19”"),
    ("Triển khai phong trào thi đua đặc biệt “Văn phòng Chính phủ tận tâm, hiệp lực, vì đất "
     "nước, quyết tâm chiến thắng đại dịch COVID-19”"),
], ids=["one line", "211/TTr", "15/KH"])
def test_balanced_lines_keep_the_count_and_even_out_the_lengths(title: str) -> None:
    kept = title_text(title)
    greedy, even = wrap(kept, _width, MEASURE), balanced(kept, _width, MEASURE)
    assert len(even) == len(greedy)                           # never one line more
    assert " ".join(even) == kept                             # not a letter changed
    assert all(_width(line) <= MEASURE for line in even)
    if len(even) > 1:
        widths = [_width(line) for line in even]
        # the greedy last line is the short one; balanced, no line is under 3/4 of the longest
        assert min(widths) >= 0.75 * max(widths) > 0
        assert _width(greedy[-1]) <= min(widths)


def test_a_quoted_name_breaks_only_after_its_commas() -> None:
    text = "thi đua “Văn phòng Chính phủ tận tâm, hiệp lực, vì đất nước” năm 2021"
    assert quoted_in_pieces(text) == (
        f"thi đua “Văn{S}phòng{S}Chính{S}phủ{S}tận{S}tâm, hiệp{S}lực, vì{S}đất{S}nước” năm 2021")
    long = "“" + " ".join(["chữ"] * 9) + ", ngắn gọn”"
    assert quoted_in_pieces(long) == "“" + " ".join(["chữ"] * 9) + f", ngắn{S}gọn”"
    # the 15/KH title: "tận" / "tâm" was a word split across two lines
    lines = balanced(title_text("Triển khai phong trào thi đua đặc biệt “Văn phòng Chính phủ "
                                "tận tâm, hiệp lực, vì đất nước, quyết tâm chiến thắng đại dịch "
                                "COVID-19”"), _width, MEASURE)
    assert not any(line.endswith("tận") for line in lines)
