"""Commendation decisions and proposals: counts from the list, law by date, authority, list
order and layout."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from support import SAMPLE_DIR, write_json
from support.cases import apply_case, discover
from support.docx_read import body_paragraphs, bold, italic, open_docx, text_of

from generator.build import load_source, render_file
from generator.documents.awards import sort_entries
from generator.errors import ValidationFailed
from generator.vn import authority as auth
from generator.vn import formats as vn
from generator.vn.linebreaks import plain_spaces

TODAY = date(2026, 11, 29)
DECISIONS = sorted((SAMPLE_DIR / "decisions").glob("*.json"))
PROPOSALS = sorted((SAMPLE_DIR / "proposals").glob("*.json"))
SO_KET = SAMPLE_DIR / "decisions" / "so-ket-2022.json"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def render(path: Path, sort: str = "input"):
    return open_docx(render_file(path, today=TODAY, sort=sort).content)


def list_tables(document) -> list:
    """The tables of the attached list (after the footer table of the first section)."""
    return [t for t in document.tables if t.rows[0].cells[0].text == "STT"]


def test_samples_cover_the_issue():
    so_ket = load(SO_KET)
    people = sum(len(g.get("individuals", [])) + len(g.get("collectives", []))
                 for g in so_ket["awards"])
    units = {i["unit"] for g in so_ket["awards"] for i in g.get("individuals", [])}
    assert people >= 40 and len(units) >= 6 and len(so_ket["awards"]) >= 2
    kinds = {load(p)["kind"] for p in DECISIONS}
    assert {"sơ kết", "đột xuất"} <= kinds
    assert any(load(p)["document"]["date"] >= "2024-01-01" for p in DECISIONS)
    forms = {g["form"] for p in PROPOSALS for g in load(p)["awards"]}
    assert {"Bằng khen của Thủ tướng Chính phủ", "Huân chương Lao động hạng Ba"} <= forms


@pytest.mark.parametrize("path", [*DECISIONS, *PROPOSALS], ids=lambda p: p.stem)
def test_counts_in_the_text_equal_the_attached_list(path):
    data = load(path)
    document = render(path)
    text = text_of(document)
    tables = iter(list_tables(document))
    for group in data["awards"]:
        n_coll, n_ind = len(group.get("collectives", [])), len(group.get("individuals", []))
        phrase = vn.count_phrase(n_coll, n_ind)
        assert f"{group['form']} cho {phrase} (có danh sách kèm theo)" in text
        if n_coll:
            assert len(next(tables).rows) == n_coll + 1
        if n_ind:
            assert len(next(tables).rows) == n_ind + 1


def test_decision_layout_mau_1_2(tmp_path):
    document = render(SO_KET)
    texts = [p.text for p in body_paragraphs(document) if p.text.strip()]
    assert texts[0] == "QUYẾT ĐỊNH" and plain_spaces(texts[1]).startswith("Về việc tặng Bằng khen")
    assert "BỘ TRƯỞNG, CHỦ NHIỆM VĂN PHÒNG CHÍNH PHỦ" in texts
    paragraphs = {p.text: p for p in body_paragraphs(document)}
    assert bold(paragraphs["QUYẾT ĐỊNH:"])
    bases = [p for p in body_paragraphs(document) if p.text.startswith("Căn cứ")]
    assert all(italic(b) and b.text.endswith(";") for b in bases)
    assert bases[-1].text.startswith("Căn cứ Kế hoạch số 15/KH-VPCP ngày 24 tháng 9 năm 2021")
    proposal = paragraphs["Theo đề nghị của Vụ trưởng Vụ Tổ chức cán bộ."]
    assert italic(proposal)
    articles = [p for p in body_paragraphs(document) if p.text.startswith("Điều ")]
    assert [a.text.split(".")[0] for a in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    assert all(a.runs[0].bold for a in articles)
    # Computed, not typed: Nghị định 91/2017 Điều 73 (1,0 for an individual, twice for a
    # collective) times the 1.490.000 đồng of Nghị định 38/2019 on 30/6/2022.
    assert "Kèm theo Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ là tiền thưởng: " \
           "mỗi tập thể 2.980.000 đồng (Hai triệu chín trăm tám mươi nghìn đồng); mỗi cá nhân " \
           "1.490.000 đồng (Một triệu bốn trăm chín mươi nghìn đồng)" in text_of(document)
    assert texts[texts.index("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.") + 1].endswith(
        "chịu trách nhiệm thi hành Quyết định này./.")
    noi_nhan = [p.text for p in document.tables[1].cell(0, 0).paragraphs if p.text]
    assert noi_nhan[:2] == ["Nơi nhận:", "- Như Điều 3;"] and noi_nhan[-1] == "- Lưu: VT, TCCB (02b)."


def test_without_an_amount_the_prize_article_computes_it(tmp_path):
    # Issue 12: the forms carry a prize by law, so Điều 2 stays and the numbering with it.
    data = load(SO_KET)
    for group in data["awards"]:
        group.pop("prize")
    text = text_of(render(write_json(tmp_path / "decisions" / "x.json", {
        **data, "campaign": str((SO_KET.parent / data["campaign"]).resolve())})))
    # Issue 17: the amounts are then computed (Nghị định 91/2017 Điều 73, 1.490.000 đồng).
    assert ("Điều 2. Kèm theo Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ là tiền "
            "thưởng: mỗi tập thể 2.980.000 đồng (Hai triệu chín trăm tám mươi nghìn đồng); mỗi "
            "cá nhân 1.490.000 đồng (Một triệu bốn trăm chín mươi nghìn đồng), trích từ Quỹ thi "
            "đua, khen thưởng của Văn phòng Chính phủ.") in text
    assert "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in text
    assert "- Như Điều 3;" in text and "Điều 4" not in text


def test_attached_list_layout_mau_2_1():
    document = render(SO_KET)
    section = document.sections[-1]
    assert len(document.sections) == 2
    assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert section.different_first_page_header_footer
    text = [p.text for p in body_paragraphs(document)]
    start = text.index("DANH SÁCH")
    assert plain_spaces(text[start + 2]) == "(Kèm theo Quyết định số 120/QĐ-VPCP ngày 30 tháng 6 năm 2022 " \
                              "của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ)"
    assert italic(body_paragraphs(document)[start + 2])
    assert "I. BẰNG KHEN CỦA BỘ TRƯỞNG, CHỦ NHIỆM VĂN PHÒNG CHÍNH PHỦ" in text
    assert "II. CỜ THI ĐUA CỦA VĂN PHÒNG CHÍNH PHỦ" in text
    tables = list_tables(document)
    assert [c.text for c in tables[0].rows[0].cells] == ["STT", "Tên tập thể",
                                                          "Tiền thưởng (đồng)"]
    assert [c.text for c in tables[1].rows[0].cells] == ["STT", "Họ và tên",
                                                          "Chức vụ, đơn vị công tác",
                                                          "Tiền thưởng (đồng)"]
    for table in tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    data = load(SO_KET)
    first = data["awards"][0]["individuals"][0]
    assert [c.text for c in tables[1].rows[1].cells] == [
        "1", first["name"], f"{first['position']}, {first['unit']}", "1.490.000"]
    # Each table's sum under it and the list's total, counted from the list.
    people = len(data["awards"][0]["individuals"])
    flags = len(data["awards"][1]["collectives"])
    assert f"Cộng: {people} cá nhân × 1.490.000 đồng = " \
           f"{vn.amount_digits(people * 1_490_000)} đồng." in text
    total = (len(data["awards"][0]["collectives"]) * 2_980_000 + people * 1_490_000
             + flags * 11_920_000)
    lines = [p.text for p in body_paragraphs(document) if p.text.strip()]
    assert lines[-2] == f"Tổng số tiền thưởng: {vn.amount_line(total)}."
    assert f"Tổng số tiền thưởng là {vn.amount_line(total)}." in lines
    assert lines[-1] == "./."


NAMES = ["Đỗ Thị Ư", "Nguyễn Văn Ơn", "Lê Thị Ô", "Trần Văn Đào", "Phạm Văn Dũng", "Hồ Thị Ánh",
         "Vũ Văn An", "Ngô Thị Ấn", "Lý Văn Ăn", "Bùi Thị Hà", "Đặng Thị Hạ", "Mai Văn Hà",
         "Chu Văn Hả", "Kiều Thị Há", "Tạ Văn Hã", "Lâm Văn Hà"]
# a < ă < â decides before tones do: An < Ánh (prefix) < Ăn < Ấn.
EXPECTED = ["Vũ Văn An", "Hồ Thị Ánh", "Lý Văn Ăn", "Ngô Thị Ấn", "Phạm Văn Dũng",
            "Trần Văn Đào", "Bùi Thị Hà", "Lâm Văn Hà", "Mai Văn Hà", "Chu Văn Hả", "Tạ Văn Hã",
            "Kiều Thị Há", "Đặng Thị Hạ", "Lê Thị Ô", "Nguyễn Văn Ơn", "Đỗ Thị Ư"]


def test_name_order_is_vietnamese():
    people = [{"name": n, "position": "Chuyên viên", "unit": "Vụ Tổng hợp"} for n in NAMES]
    assert [p["name"] for p in sort_entries(people, "name", individual=True)] == EXPECTED


def test_sort_by_name_in_the_rendered_list(tmp_path):
    data = load(SO_KET)
    data["campaign"] = str((SO_KET.parent / data["campaign"]).resolve())
    data["awards"][0]["individuals"] = [
        {"name": n, "position": "Chuyên viên", "unit": "Vụ Tổng hợp"} for n in NAMES]
    path = write_json(tmp_path / "d.json", data)
    names = [r.cells[1].text for r in list_tables(render(path, "name"))[1].rows[1:]]
    assert names == EXPECTED
    assert [r.cells[1].text for r in list_tables(render(path, "input"))[1].rows[1:]] == NAMES


def test_sort_by_unit_groups_and_keeps_order_within_a_unit():
    people = [{"name": n, "position": "CV", "unit": u} for n, u in
              [("A", "Vụ 1"), ("B", "Vụ 2"), ("C", "Vụ 1"), ("D", "Vụ 3"), ("E", "Vụ 2")]]
    assert [p["name"] for p in sort_entries(people, "unit", individual=True)] == \
        ["A", "C", "B", "E", "D"]


@pytest.mark.parametrize(("day", "law", "decree"), [
    ("2023-12-31", "ngày 26 tháng 11 năm 2003", "91/2017/NĐ-CP"),
    ("2024-01-01", "ngày 15 tháng 6 năm 2022", "98/2023/NĐ-CP"),
    ("2025-06-30", "ngày 15 tháng 6 năm 2022", "98/2023/NĐ-CP"),
    ("2025-07-01", "ngày 15 tháng 6 năm 2022", "152/2025/NĐ-CP"),
])
def test_decision_cites_the_law_in_force_on_its_date(tmp_path, day, law, decree):
    data = load(SAMPLE_DIR / "decisions" / "dot-xuat-2025.json")
    data["document"]["date"] = day
    text = text_of(render(write_json(tmp_path / "d.json", data)))
    assert f"Căn cứ Luật Thi đua, khen thưởng {law}" in text and decree in text
    others = {"91/2017/NĐ-CP", "98/2023/NĐ-CP", "152/2025/NĐ-CP"} - {decree}
    assert not any(o in text for o in others)


def test_ad_hoc_decision_stands_alone_with_the_newest_bases():
    text = text_of(render(SAMPLE_DIR / "decisions" / "dot-xuat-2025.json"))
    assert "152/2025/NĐ-CP" in text and "Kế hoạch số" not in text
    assert "KT. BỘ TRƯỞNG, CHỦ NHIỆM" in text


def test_proposal_layout_and_request():
    document = render(SAMPLE_DIR / "proposals" / "huan-chuong-lao-dong-hang-ba.json")
    texts = [p.text for p in body_paragraphs(document) if p.text.strip()]
    assert texts[0] == "TỜ TRÌNH" and texts[2] == "Kính gửi: Thủ tướng Chính phủ."
    text = text_of(document)
    assert ("Văn phòng Chính phủ kính đề nghị Thủ tướng Chính phủ xem xét, trình Chủ tịch nước "
            "tặng Huân chương Lao động hạng Ba cho 1 tập thể và 1 cá nhân") in text
    assert "Ngày 20 tháng 12 năm 2022, Hội đồng Thi đua - Khen thưởng Văn phòng Chính phủ " \
           "đã họp xét" in text and "(Biên bản họp ngày 20 tháng 12 năm 2022)" in text
    assert "- Báo cáo thành tích của các tập thể, cá nhân được đề nghị khen thưởng;" in text
    assert "- Biên bản họp Hội đồng Thi đua - Khen thưởng Văn phòng Chính phủ ngày 20 tháng " \
           "12 năm 2022;" in text
    assert ("Văn phòng Chính phủ kính trình Thủ tướng Chính phủ xem xét, trình Chủ tịch nước "
            "quyết định./.") in text
    assert "(Kèm theo Tờ trình số 211/TTr-VPCP ngày 26 tháng 12 năm 2022 của Văn phòng " \
           "Chính phủ)" in plain_spaces(text)
    noi_nhan = [p.text for p in document.tables[1].cell(0, 0).paragraphs if p.text]
    assert noi_nhan[1] == "- Như trên;"


def test_bang_khen_thu_tuong_is_requested_directly():
    text = text_of(render(SAMPLE_DIR / "proposals" / "bang-khen-thu-tuong.json"))
    assert "kính đề nghị Thủ tướng Chính phủ xem xét, tặng Bằng khen của Thủ tướng Chính " \
           "phủ cho 2 tập thể và 3 cá nhân" in text


def test_proposal_for_a_form_the_agency_decides_is_a_warning(run, tmp_path):
    data = load(SAMPLE_DIR / "proposals" / "bang-khen-thu-tuong.json")
    data["campaign"] = str((SAMPLE_DIR / "campaign.json").resolve())
    data["awards"][0]["form"] = "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"
    path = write_json(tmp_path / "p.json", data)
    result = run("proposal", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert f"{path}: $.awards[0].form: cảnh báo: " in result.stderr
    assert "cơ quan có thể tự quyết định" in result.stderr
    assert len(list((tmp_path / "out").glob("*.docx"))) == 1


def _case_tests(kind: str, sample: Path):
    return [(kind, sample, name, case) for name, case in discover(kind, "invalid")]


CASES = [*_case_tests("decision", SO_KET),
         *_case_tests("proposal", SAMPLE_DIR / "proposals" / "huan-chuong-lao-dong-hang-ba.json")]


@pytest.mark.parametrize(("kind", "sample", "name", "case"), CASES,
                         ids=[f"{k}-{n}" for k, _, n, _ in CASES])
def test_authority_and_duplicate_errors_name_the_path_and_write_nothing(run, tmp_path, kind,
                                                                       sample, name, case):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, folder)
    target = folder / sample.parent.name / sample.name
    write_json(target, apply_case(load(target), case))
    with pytest.raises(ValidationFailed) as info:
        load_source(target)
    found = {i.path: i.message for i in info.value.issues}
    assert set(found) == set(case["expect"]), found
    for where, words in case["expect"].items():
        assert words in found[where]
    result = run(kind, str(target), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and str(target) in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("form", "level"), [
    ("Huân chương Lao động hạng Ba", "chủ tịch nước"),
    ("Huân chương Độc lập hạng Nhì", "chủ tịch nước"),
    ("Bằng khen của Thủ tướng Chính phủ", "thủ tướng"),
    ("Cờ thi đua của Chính phủ", "thủ tướng"),
    ("Chiến sĩ thi đua toàn quốc", "thủ tướng"),
    ("Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "bộ"),
    ("bằng  khen của Bộ trưởng Bộ Nội vụ", "bộ"),
    ("Cờ thi đua của Văn phòng Chính phủ", "bộ"),
    ("Tập thể lao động xuất sắc", "bộ"),
    ("Giấy khen của Vụ trưởng Vụ Tổ chức cán bộ", "đơn vị"),
    ("Chiến sĩ thi đua cơ sở", "đơn vị"),
    ("Lao động tiên tiến", "đơn vị"),
    ("Tập thể lao động tiên tiến", "đơn vị"),
])
def test_authority_table(form, level):
    rule = auth.form_rule(form)
    assert rule is not None and rule.level == level


def test_build_writes_every_decision_and_proposal(run, tmp_path):
    result = run("build", str(SAMPLE_DIR), "-o", str(tmp_path), "--sort", "name")
    assert result.exit_code == 0
    names = {p.name for p in tmp_path.glob("*.docx")}
    assert {"Quyết định 120-QĐ-VPCP.docx", "Quyết định 87-QĐ-VPCP.docx",
            "Quyết định 45-QĐ-VPCP.docx", "Tờ trình 210-TTr-VPCP.docx",
            "Tờ trình 211-TTr-VPCP.docx"} <= names



@pytest.mark.parametrize(("number", "words"), [
    (0, "không"), (5, "năm"), (10, "mười"), (11, "mười một"), (15, "mười lăm"),
    (21, "hai mươi mốt"), (25, "hai mươi lăm"), (101, "một trăm linh một"),
    (105, "một trăm linh năm"), (110, "một trăm mười"), (745000, "bảy trăm bốn mươi lăm nghìn"),
    (1490000, "một triệu bốn trăm chín mươi nghìn"), (1001, "một nghìn không trăm linh một"),
    (2000005, "hai triệu không trăm linh năm"), (1000000000, "một tỷ"),
    (2500000000, "hai tỷ năm trăm triệu"),
])
def test_number_in_words(number, words):
    assert vn.number_in_words(number) == words


def test_amount_line():
    assert vn.amount_line(2980000) == "2.980.000 đồng (Hai triệu chín trăm tám mươi nghìn đồng)"


@pytest.mark.parametrize(("c", "i", "phrase"), [(4, 34, "4 tập thể và 34 cá nhân"),
                                                 (0, 2, "2 cá nhân"), (1, 0, "1 tập thể")])
def test_count_phrase(c, i, phrase):
    assert vn.count_phrase(c, i) == phrase


def test_draft_decision_number_blank(tmp_path):
    data = load(SAMPLE_DIR / "decisions" / "dot-xuat-2025.json")
    data["document"] = {"number": None, "date": None, "year": 2026}
    text = text_of(render(write_json(tmp_path / "d.json", data)))
    assert re.search(r"Số: \u00a0+/QĐ-VPCP", text)
    assert re.search(r"\(Kèm theo Quyết định số \u00a0+/QĐ\u2011VPCP ngày\u00a0+tháng\u00a0+năm\u00a02026",
                     text)


@pytest.mark.parametrize("path", [*DECISIONS, *PROPOSALS], ids=lambda p: p.stem)
def test_the_list_numbers_its_forms_only_when_it_has_several(path):
    """Issue 13, point 9: "I. BẰNG KHEN …" over a list of one form is a heading of a list of
    one; the list's title already names the form. Two forms: I., II. as before."""
    forms = [g["form"] for g in load(path)["awards"]]
    lines = [plain_spaces(p.text).strip() for p in body_paragraphs(render(path))]
    headings = [t for t in lines if re.match(r"^[IVX]+\. ", t)]
    expected = ([f"{vn.roman(i)}. {vn.upper_vi(f)}" for i, f in enumerate(forms, 1)]
                if len(forms) > 1 else [])
    assert [h for h in headings if h in expected or any(vn.upper_vi(f) in h for f in forms)] \
        == expected
    start = lines.index(next(t for t in lines if t.startswith("(Kèm theo")))
    first = next(t for t in lines[start + 1:] if t)
    assert first == (expected[0] if expected else
                     "1. Tập thể" if load(path)["awards"][0].get("collectives") else "1. Cá nhân")
