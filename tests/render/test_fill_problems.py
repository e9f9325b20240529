"""A user's template that fails while it is filled is said in Vietnamese: each message Jinja
3.1, its sandbox or Python gives (raised here by the sandbox thidua fills user templates in)
has its words; one thidua does not know keeps its own, after the error's name."""

from __future__ import annotations

import pytest

from generator.errors import RenderError
from generator.render.environment import user_env
from generator.render.user_templates import bounded_render, fill_problem


def failure(source: str, context: dict) -> BaseException:
    try:
        user_env().from_string(source).render(context)
    except Exception as err:  # noqa: BLE001 -- the failure is what is under test
        return err
    raise AssertionError(f"{source} did not fail")


@pytest.mark.parametrize(("source", "context", "said"), [
    ("{{ doc.title }}", {"doc": {}},
     "«title» không có trong dữ liệu (một mục không có «title»)"),
    ("{{ doc.a.b }}", {"doc": {"a": 1}}, "«b» không có trong dữ liệu (một số không có «b»)"),
    ("{{ khong_co }}", {}, "«khong_co» không có trong dữ liệu của loại văn bản này"),
    ("{{ rows[3] }}", {"rows": []}, "danh sách không có phần tử thứ 3"),
    ("{{ range(10**9) | list }}", {}, "bị hộp cát từ chối: range() dài quá 100.000 phần tử"),
    ("{{ ''.__class__ }}", {}, "bị hộp cát từ chối: «__class__» bị cấm trong mẫu"),
    ("{{ 1 / 0 }}", {}, "phép chia cho 0"),
    ("{{ 1 // 0 }}", {}, "phép chia cho 0"),
    ("{{ 1 + 'a' }}", {}, "phép «+» giữa một số và một chữ không tính được"),
])
def test_a_failure_jinja_gives_is_said_in_vietnamese(source, context, said):
    assert fill_problem(failure(source, context)) == said


def test_a_failure_it_does_not_know_keeps_its_name_and_message():
    assert fill_problem(LookupError("khác")) == "LookupError: khác"
    assert fill_problem(LookupError("khác"), named=False) == "khác"


def test_the_render_of_a_users_template_says_it_so():
    template = user_env().from_string("Kính gửi {{ doc.title }}")
    with pytest.raises(RenderError) as info:
        bounded_render(template, {"doc": {}}, "Kính gửi {{ doc.title }}", "mau/plan.docx")
    assert str(info.value).startswith("Lỗi khi điền mẫu mau/plan.docx: «title» không có trong "
                                      "dữ liệu (một mục không có «title»)")
    assert "dict object" not in str(info.value)
