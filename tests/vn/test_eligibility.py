"""Rules over the award history (generator/vn/eligibility.py), each at its edges."""

from __future__ import annotations

import pytest

from generator.vn.eligibility import Granted, one_form_per_achievement

ACHIEVEMENT = "xuất sắc trong phong trào thi đua đặc biệt phòng, chống đại dịch COVID-19"
EARLIER = Granted("Bằng khen của Bộ trưởng", "individual", "Nguyễn Văn An", "Vụ Tổ chức cán bộ",
                  ACHIEVEMENT, 2022, "120/QĐ-VPCP", "a.json")


def candidate(**changes) -> Granted:
    fields = {"form": "Bằng khen của Thủ tướng Chính phủ", "kind": "individual",
              "name": "Nguyễn Văn An", "unit": "Vụ Tổ chức cán bộ", "achievement": ACHIEVEMENT,
              "year": 2022, "decision": "", "source": "b.json", **changes}
    return Granted(**fields)


@pytest.mark.parametrize(("changes", "refused"), [
    ({}, True),                                             # another form, same achievement
    ({"form": "Bằng khen của Bộ trưởng"}, True),            # the same form again
    ({"name": " nguyễn  văn AN ", "achievement": ACHIEVEMENT + "."}, True),   # as lists compare
    ({"unit": "Vụ Pháp luật"}, False),                      # another person of the same name
    ({"kind": "collective"}, False),
    ({"achievement": "xuất sắc trong công tác năm 2022"}, False),   # another achievement
    ({"source": "a.json"}, False),                          # the same decision, rebuilt
])
def test_one_form_per_achievement_luat_2022_dieu_5(changes, refused):
    findings = one_form_per_achievement([candidate(**changes)], [EARLIER])
    assert bool(findings) == refused
    if refused:
        (finding,) = findings
        assert finding.index == 0 and not finding.warning
        assert "120/QĐ-VPCP" in finding.message and "Điều 5" in finding.message
