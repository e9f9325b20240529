"""Capitals of Phụ lục II and the decree's i/y spelling (issue 13, point 6): what is warned,
what is left alone."""

from __future__ import annotations

import pytest

from generator.vn.spelling import defines_short_name, style_problems


@pytest.mark.parametrize(("text", "expected"), [
    ("bảo vệ sức khỏe nhân dân", [("VIET-HOA", "nhân dân", "Nhân dân")]),
    ("bảo vệ sức khỏe Nhân dân", []),
    ("Ủy ban nhân dân tỉnh Quảng Ninh", []),                      # an agency's name
    ("Hội đồng nhân dân tỉnh Sơn La", []),                        # Phụ lục II's own example
    ("Nghệ sĩ nhân dân", []),                                     # a title: not this rule's
    ("triển khai Phong trào thi đua đặc biệt", [("VIET-HOA", "Phong trào thi đua",
                                                "phong trào thi đua")]),
    ("Phong trào thi đua được tổ chức thiết thực", []),           # first word of a sentence
    ("- Phong trào thi đua được tổ chức", []),                    # after a bullet
    ("a) Phong trào thi đua năm 2024", []),                       # after a point label
    ("Kết quả tốt. Phong trào thi đua lan tỏa", []),              # a new sentence
    ("không gián đoạn vì bất cứ lí do nào", [("I-Y", "lí", "lý")]),
    ("quản lí, kĩ thuật, kỉ niệm, mĩ thuật, tỉ lệ", [("I-Y", "lí", "lý"), ("I-Y", "kĩ", "kỹ"),
                                                      ("I-Y", "kỉ", "kỷ"), ("I-Y", "mĩ", "mỹ"),
                                                      ("I-Y", "tỉ", "tỷ")]),
    ("đã hi sinh", [("I-Y", "hi sinh", "hy sinh")]),
    ("lính, tỉnh, kính", []),                                     # whole syllables only
    ("ông Lí Văn Bình", []),                                      # a name keeps its spelling
], ids=repr)
def test_style_problems(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(p.rule, p.found, p.expected) for p in style_problems(text)] == expected


def test_a_problem_says_where_it_is_and_why() -> None:
    [problem] = style_problems("vì sức khỏe nhân dân")
    assert problem.start == len("vì sức khỏe ") and "Phụ lục II, mục V.1" in problem.why


# Thanh Hóa's Kế hoạch 130/KH-UBND (27/6/2025) names its movement for short, "(sau đây viết tắt
# là Phong trào thi đua)": within that document the capital is its name, not a slip.
SHORT = ("Thực hiện Quyết định số 923/QĐ-TTg … (sau đây viết tắt là Phong trào thi đua), Ủy ban "
         "nhân dân tỉnh ban hành Kế hoạch triển khai Phong trào thi đua như sau:")


def test_a_short_name_defined_in_the_document_keeps_its_capital_phu_luc_ii_muc_i():
    assert defines_short_name([SHORT])
    assert defines_short_name(["x", "(sau đây gọi tắt là “Phong trào thi đua”)"])
    assert [p.rule for p in style_problems(SHORT, short_name=True)] == []
    later = "Các sở tổ chức Phong trào thi đua sâu rộng."
    assert [p.rule for p in style_problems(later, short_name=True)] == []


def test_without_the_definition_a_capital_mid_sentence_is_still_a_slip_phu_luc_ii_muc_v9():
    later = "Các sở tổ chức Phong trào thi đua sâu rộng."
    assert not defines_short_name([later, "Phong trào thi đua là động lực."])
    assert [p.expected for p in style_problems(later)] == ["phong trào thi đua"]
