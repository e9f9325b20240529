"""Rules over the award history (generator/vn/eligibility.py), each at its edges, with the
article it rests on in the test's name."""

from __future__ import annotations

import pytest

from generator.vn.eligibility import (
    Granted,
    Nominee,
    history_findings,
    one_form_per_achievement,
    prerequisites,
    same_person_in_two_units,
    two_state_level_forms,
)

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
        assert "120/QĐ-VPCP" in finding.message and "Điều 6 khoản 2" in finding.message


@pytest.mark.parametrize(("year", "law"), [
    (2023, "Luật Thi đua, Khen thưởng 2003, sửa đổi năm 2013, Điều 6 khoản 2"),
    (2024, "Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2"),   # Law 06/2022 from 01/01/2024
    (2026, "Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2"),
])
def test_one_form_per_achievement_cites_the_law_of_its_year(year, law):
    (finding,) = one_form_per_achievement([candidate(year=year)], [EARLIER])
    assert law in finding.message


# -- prerequisites, two state-level forms, one person in two units (issue 17) ----------------

AN = ("individual", "Nguyễn Văn An", "Vụ Tổ chức cán bộ")
BINH = ("individual", "Trần Thị Bình", "Vụ Pháp luật")
CSTD_CS, CSTD_BO = "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh"
BK_BO, BK_TTG = "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", \
    "Bằng khen của Thủ tướng Chính phủ"
HCLD3 = "Huân chương Lao động hạng Ba"


def granted(form: str, year: int, who: tuple[str, str, str] = AN, source: str = "old.json",
            achievement: str = "") -> Granted:
    kind, name, unit = who
    return Granted(form, kind, name, unit, achievement or f"thành tích năm {year}", year,
                   f"{year % 100:02d}/QĐ-VPCP", source)


def planted(*rows: tuple[str, int]) -> list[Granted]:
    """An's awards, and Bình's CSTĐ cơ sở and CSTĐ bộ of 2018 so the history covers the years."""
    return [granted(CSTD_CS, 2018, BINH), granted(CSTD_BO, 2018, BINH),
            *(granted(form, year) for form, year in rows)]


@pytest.mark.parametrize(("rows", "verdict"), [
    ([(CSTD_CS, 2021), (CSTD_CS, 2022), (CSTD_CS, 2023)], None),        # three, ending Y-1
    ([(CSTD_CS, 2022), (CSTD_CS, 2023), (CSTD_CS, 2024)], None),        # the third in Y
    ([(CSTD_CS, 2020), (CSTD_CS, 2021), (CSTD_CS, 2022)], "error"),     # ended two years ago
    ([(CSTD_CS, 2021), (CSTD_CS, 2023), (CSTD_CS, 2024)], "error"),     # not consecutive
    ([(CSTD_CS, 2023), (CSTD_CS, 2024)], "error"),                      # only two
    ([], "error"),
])
def test_cstd_bo_needs_three_consecutive_cstd_co_so_luat_2022_dieu_22(rows, verdict):
    findings = prerequisites([granted(CSTD_BO, 2024, source="new.json")], planted(*rows))
    assert [("warning" if f.warning else "error") for f in findings] == ([verdict] if verdict else [])
    if verdict:
        assert "03 lần liên tục" in findings[0].message
        assert "Luật Thi đua, khen thưởng 2022, Điều 22" in findings[0].message


def test_cstd_bo_is_only_a_warning_when_the_history_starts_too_late_dieu_22():
    recent = [granted(CSTD_CS, 2023), granted(CSTD_CS, 2024)]     # nobody's before 2021
    (finding,) = prerequisites([granted(CSTD_BO, 2024, source="new.json")], recent)
    assert finding.warning and "chưa đủ các năm trước" in finding.message


def test_the_2003_law_is_cited_before_2024_dieu_22():
    (finding,) = prerequisites([granted(CSTD_BO, 2022, source="new.json")], planted())
    assert "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013), Điều 22" in finding.message


@pytest.mark.parametrize(("rows", "refused"), [
    ([(CSTD_BO, 2022), (CSTD_BO, 2023)], False),
    ([(CSTD_BO, 2023), (CSTD_BO, 2024)], False),
    ([(CSTD_BO, 2023)], True),
    ([(CSTD_BO, 2021), (CSTD_BO, 2023)], True),
])
def test_cstd_toan_quoc_needs_two_consecutive_cstd_bo_luat_2022_dieu_21(rows, refused):
    findings = prerequisites([granted("Chiến sĩ thi đua toàn quốc", 2024, source="n.json")],
                             planted(*rows))
    assert bool(findings) == refused
    assert all(not f.warning and "02 lần liên tục" in f.message for f in findings)


@pytest.mark.parametrize(("rows", "warned", "words"), [
    ([(BK_BO, 2019)], False, ""),                         # five years before: the edge
    ([(BK_BO, 2020)], True, "mới 4 năm"),                 # too recent
    ([(BK_BO, 2016), (BK_BO, 2023)], True, "mới 1 năm"),  # the latest counts
    ([], True, "không ghi «Bằng khen cấp bộ, ban, ngành, tỉnh»"),
])
def test_bang_khen_thu_tuong_after_a_ministry_bang_khen_luat_2022_dieu_73(rows, warned, words):
    findings = prerequisites([granted(BK_TTG, 2024, source="n.json")], planted(*rows))
    assert bool(findings) == warned
    if warned:
        (finding,) = findings
        assert finding.warning and words in finding.message and "Điều 73" in finding.message


def test_a_collective_is_checked_for_the_bang_khen_thu_tuong_too_dieu_73():
    team = ("collective", "Phòng Y tế", "Vụ Khoa giáo - Văn xã")
    (finding,) = prerequisites([granted(BK_TTG, 2024, team, "n.json")],
                               [granted(BK_BO, 2022, team)])
    assert finding.warning and "mới 2 năm" in finding.message


@pytest.mark.parametrize(("rows", "warned"), [
    ([(BK_TTG, 2019)], False), ([(BK_TTG, 2020)], True), ([(BK_BO, 2010)], True)])
def test_huan_chuong_lao_dong_hang_ba_after_the_prime_ministers_luat_2022_dieu_44(rows, warned):
    findings = prerequisites([granted(HCLD3, 2024, source="n.json")], planted(*rows))
    assert bool(findings) == warned and all(f.warning for f in findings)


def test_an_occasional_award_is_bound_to_no_earlier_one_nd_98_2023_dieu_4():
    candidates = [granted(CSTD_BO, 2024, source="n.json"), granted(BK_TTG, 2024, source="n.json")]
    assert prerequisites(candidates, planted(), occasional=True) == []
    assert len(prerequisites(candidates, planted())) == 2


def test_a_collective_title_rule_does_not_apply_to_an_individual_form_dieu_22():
    team = ("collective", "Phòng Y tế", "Vụ Khoa giáo - Văn xã")
    assert prerequisites([granted(CSTD_BO, 2024, team, "n.json")], planted()) == []


@pytest.mark.parametrize(("history", "candidate", "warned"), [
    ([granted(BK_TTG, 2022)], granted(HCLD3, 2022, source="n.json"), True),
    ([granted(BK_TTG, 2022)], granted(HCLD3, 2023, source="n.json"), False),   # another year
    ([granted(BK_TTG, 2022, BINH)], granted(HCLD3, 2022, source="n.json"), False),
    ([granted(BK_BO, 2022)], granted(HCLD3, 2022, source="n.json"), False),   # not state-level
    ([granted(HCLD3, 2022, source="n.json")], granted(HCLD3, 2022, source="n.json"), False),
])
def test_two_state_level_forms_in_one_year_tt_12_2019(history, candidate, warned):
    findings = two_state_level_forms([candidate], history)
    assert bool(findings) == warned
    if warned:
        assert findings[0].warning and "cấp Nhà nước" in findings[0].message
        assert "22/QĐ-VPCP" in findings[0].message


def test_two_state_level_forms_in_one_document_tt_12_2019():
    both = [granted(BK_TTG, 2022, source="n.json"), granted(HCLD3, 2022, source="n.json")]
    (finding,) = two_state_level_forms(both, [])
    assert finding.index == 1 and "cả «Bằng khen của Thủ tướng Chính phủ»" in finding.message
    assert two_state_level_forms(both, [], occasional=True) == []


def test_history_findings_runs_every_rule_in_order():
    history = [*planted((BK_BO, 2023)), granted(BK_BO, 2024, achievement=ACHIEVEMENT)]
    candidate = granted(BK_TTG, 2024, source="n.json", achievement=ACHIEVEMENT)
    findings = history_findings([candidate], history)
    assert [f.warning for f in findings] == [False, True]
    assert "Điều 5" in findings[0].message and "Điều 73" in findings[1].message


def nominee(name: str, unit: str, birth: str = "", identity: str = "") -> Nominee:
    return Nominee(name, unit, birth, identity, f"{unit}.json")


@pytest.mark.parametrize(("second", "verdict"), [
    (nominee("Nguyễn Văn An", "Vụ Pháp luật", identity="001 085 012 345"), "error"),
    (nominee("Nguyễn Văn Ân", "Vụ Pháp luật", identity="001085012345"), "error"),  # typo in name
    (nominee("Nguyễn Văn An", "Vụ Tổ chức cán bộ", identity="001085012345"), None),  # same unit
    (nominee("Nguyễn Văn An", "Vụ Pháp luật", identity="001085099999"), None),  # two people
    (nominee(" nguyễn văn  AN", "Vụ Pháp luật", "1985-03-02"), "warning"),
    (nominee("Nguyễn Văn An", "Vụ Pháp luật", "1990-01-01"), None),         # two birth dates
    (nominee("Nguyễn Văn An", "Vụ Pháp luật"), "warning"),                  # nothing to tell
    (nominee("Nguyễn Văn Bình", "Vụ Pháp luật"), None),
])
def test_one_person_in_two_units_nominations_luat_2022_dieu_5(second, verdict):
    first = nominee("Nguyễn Văn An", "Vụ Tổ chức cán bộ", "1985-03-02", "001085012345")
    found = same_person_in_two_units([first, second])
    assert [("warning" if d.warning else "error") for d in found] == ([verdict] if verdict else [])
    if verdict:
        assert found[0].index == 1 and found[0].first == 0
        assert "Vụ Tổ chức cán bộ.json" in found[0].message and "Điều 5" in found[0].message


def test_the_state_level_rule_reads_the_other_documents_of_the_run_tt_12_2019():
    # Two Tờ trình of one run, one person: the Prime Minister's Bằng khen and a Huân chương.
    proposal = granted(BK_TTG, 2022, source="bk.json")
    other = Granted(HCLD3, *AN, "x", 2022, "211/TTr-VPCP", "hc.json")
    (finding,) = history_findings([proposal], [], batch=[other])     # empty history: this rule
    assert finding.warning and "văn bản số 211/TTr-VPCP" in finding.message
    assert history_findings([proposal], [], batch=[]) == []
    assert history_findings([proposal], [], occasional=True, batch=[other]) == []
