"""The báo cáo sơ kết of the sample, built as a clerk builds it: its figures equal what the
decisions' lists hold (counted here from the JSON, independently of generator.documents.
figures), every table adds up, the charts show the tables' numbers (read back from the SVG
and the matplotlib figure), the workbook holds the same, and `thidua check` passes it."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook
from support import SAMPLE_DIR, write_json

from generator.render import charts

STEM = "Báo cáo 132-BC-VPCP"
REPORT = SAMPLE_DIR / "reports" / "so-ket-2022.json"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from generator.build import build_campaign
    out = tmp_path_factory.mktemp("bao-cao") / "out"
    build_campaign(SAMPLE_DIR, out, certificates=False)
    return out


@pytest.fixture(scope="module")
def document(built):
    return Document(str(built / f"{STEM}.docx"))


# What the sample's decisions (2021, 2022) print per recipient, worked by hand: Nghị định
# 91/2017/NĐ-CP coefficients times the base salary of Nghị định 38/2019 (1.490.000 đồng): the
# Bằng khen of a minister 1.0 for a person and twice that for a collective (Điều 73, 71), the
# Cờ thi đua of a ministry 8.0 (Điều 70). An amount typed in the data wins.
PRINTED = {("Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "collective"): 2_980_000,
           ("Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "individual"): 1_490_000,
           ("Cờ thi đua của Văn phòng Chính phủ", "collective"): 11_920_000}


def decisions_counted_by_hand() -> dict[str, tuple[int, int, int]]:
    """form -> (collectives, individuals, prize money), straight from the decisions' JSON."""
    counts: dict[str, tuple[int, int, int]] = {}
    for relative in json.loads(REPORT.read_text(encoding="utf-8"))["decisions"]:
        decision = json.loads((REPORT.parent / relative).read_text(encoding="utf-8"))
        for group in decision["awards"]:
            c, i = len(group.get("collectives", [])), len(group.get("individuals", []))
            prize = group.get("prize", {})
            each = {side: prize.get(side, PRINTED.get((group["form"], side), 0))
                    for side in ("collective", "individual")}
            money = c * each["collective"] + i * each["individual"]
            before = counts.get(group["form"], (0, 0, 0))
            counts[group["form"]] = (before[0] + c, before[1] + i, before[2] + money)
    return counts


def table_titled(document, words: str) -> list[list[str]]:
    """The rows (cell texts) of the table whose title paragraph holds *words*."""
    body = document.element.body
    children = list(body.iterchildren())
    for index, child in enumerate(children):
        if child.tag.endswith("}p") and words in "".join(child.itertext()):
            for following in children[index + 1:]:
                if following.tag.endswith("}tbl"):
                    table = next(t for t in document.tables if t._tbl is following)
                    return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError(f"no table titled {words!r}")


def number(text: str) -> float:
    return float(text.replace(".", "").replace(",", ".")) if text.strip() else 0


def test_the_build_writes_the_report_its_charts_and_its_workbook(built):
    names = {p.name for p in built.iterdir()}
    assert {f"{STEM}.docx", f"{STEM} - Số liệu.xlsx"} <= names
    for n in (1, 2, 3):
        assert {f"{STEM} - Biểu đồ {n}.png", f"{STEM} - Biểu đồ {n}.svg"} <= names
    listed = (built / "documents.csv").read_text(encoding="utf-8-sig")
    assert f"{STEM} - Biểu đồ 1.svg" in listed and f"{STEM} - Số liệu.xlsx" in listed


def test_the_report_is_a_bao_cao_of_mau_1_4(document):
    text = "\n".join(p.text for p in document.paragraphs)
    header = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "Số: 132/BC-VPCP" in header and "Hà Nội, ngày 15 tháng 7 năm 2022" in header
    assert "BÁO CÁO" in text
    assert "Sơ kết phong trào thi đua “Văn phòng Chính phủ tận tâm" in text
    assert "Thực hiện Kế hoạch số 15/KH-VPCP ngày 24 tháng 9 năm 2021" in text
    assert text.rstrip().endswith("./.")
    for number_, ordinal in enumerate(("nhất", "hai", "ba", "tư", "năm", "sáu"), 1):
        assert f"{number_}. Kết quả thực hiện nội dung thi đua thứ {ordinal}" in text


def test_what_units_did_is_under_its_content_and_names_the_unit(document):
    texts = [p.text for p in document.paragraphs]
    first = texts.index("1. Kết quả thực hiện nội dung thi đua thứ nhất")
    second = texts.index("2. Kết quả thực hiện nội dung thi đua thứ hai")
    part = texts[first:second]
    assert any(t.startswith("- Vụ Khoa giáo - Văn xã: Tham mưu 12 đề xuất") for t in part)
    assert any(t.startswith("- Cổng Thông tin điện tử Chính phủ: Mở chuyên mục") for t in part)
    assert not any("Thẩm định 37 hồ sơ" in t for t in part)      # TCCB reported it under 2.
    fourth = texts.index("4. Kết quả thực hiện nội dung thi đua thứ tư")
    assert texts[fourth + 2] == "Chưa có đơn vị báo cáo kết quả thực hiện nội dung này."


def test_figures_by_form_equal_the_decisions_lists_and_their_money(document):
    rows = table_titled(document, "Kết quả khen thưởng theo hình thức")
    expected = decisions_counted_by_hand()
    body, total = rows[1:-1], rows[-1]
    assert {r[1]: (number(r[3]), number(r[4]), number(r[6])) for r in body} == expected
    assert total[1] == "Tổng cộng"
    assert number(total[3]) == sum(c for c, _, _ in expected.values()) == 7
    assert number(total[4]) == sum(i for _, i, _ in expected.values()) == 36
    assert number(total[6]) == sum(m for _, _, m in expected.values()) == 92_380_000
    text = "\n".join(p.text for p in document.paragraphs)
    assert "khen thưởng 7 tập thể và 36 cá nhân; tổng số tiền thưởng 92.380.000 đồng" in text
    assert "(số 87/QĐ-VPCP, 120/QĐ-VPCP)" in text


@pytest.mark.parametrize("title", ["theo hình thức", "theo đơn vị", "theo giới tính",
                                   "Khen thưởng của các đơn vị"])
def test_every_tables_total_row_is_the_sum_of_its_rows(document, title):
    rows = table_titled(document, title)
    header, body, total = rows[0], rows[1:-1], rows[-1]
    assert total[1] == "Tổng cộng" and body
    summed = [i for i, h in enumerate(header) if i >= 2 and total[i].strip()]
    assert summed
    for column in summed:
        assert number(total[column]) == sum(number(r[column]) for r in body), header[column]


def test_gender_and_units_cover_every_individual_once(document):
    gender = table_titled(document, "theo giới tính")
    units = table_titled(document, "theo đơn vị")
    people = sum(i for _, i, _ in decisions_counted_by_hand().values())
    assert number(gender[-1][-1]) == people == number(units[-1][3])
    assert [gender[0][2], gender[0][3]] == ["Nam", "Nữ"]


def test_unit_awards_leave_direct_workers_blank_where_not_recorded(document):
    rows = table_titled(document, "Khen thưởng của các đơn vị")
    kgvx = next(r for r in rows if r[1] == "Vụ Khoa giáo - Văn xã")
    assert kgvx[6] == "4" and kgvx[7] == ""
    assert rows[-1][7] == "7"      # 3 (Cổng TTĐT) + 4 (Công đoàn)


def test_targets_tables_show_each_units_target_and_result(document):
    rows = table_titled(document, "Kết quả thực hiện chỉ tiêu thi đua (nội dung b)")
    tccb = next(r for r in rows if r[2].startswith("Hồ sơ khen thưởng đột xuất"))
    assert tccb[1] == "Vụ Tổ chức cán bộ" and tccb[4:] == ["100", "97,3", "97,3"]


def test_three_charts_are_in_the_docx_at_the_set_width(document):
    inline = document.inline_shapes
    assert len(inline) == 3
    assert all(abs(shape.width - Mm(charts.WIDTH_MM)) < Mm(0.1) for shape in inline)
    captions = [p.text for p in document.paragraphs if p.text.startswith("Biểu đồ ")]
    assert captions == ["Biểu đồ 1. Kết quả thực hiện so với chỉ tiêu kế hoạch (%)",
                        "Biểu đồ 2. Số tập thể, cá nhân được khen thưởng theo hình thức",
                        "Biểu đồ 3. Số tập thể, cá nhân được khen thưởng theo đơn vị"]


def svg_texts(path: Path) -> list[str]:
    root = ElementTree.fromstring(path.read_bytes())
    return [("".join(t.itertext())).strip() for t in root.iter("{http://www.w3.org/2000/svg}text")]


def svg_bars(path: Path) -> set[str]:
    root = ElementTree.fromstring(path.read_bytes())
    return {g.get("id", "") for g in root.iter("{http://www.w3.org/2000/svg}g")
            if g.get("id", "").startswith("cot-")}


def test_the_units_chart_shows_the_units_tables_numbers(built, document):
    rows = table_titled(document, "theo đơn vị")[1:-1]
    svg = built / f"{STEM} - Biểu đồ 3.svg"
    texts = svg_texts(svg)
    assert svg_bars(svg) == {f"cot-{s}-{i}" for s in (0, 1) for i in range(len(rows))}
    for row in rows:
        assert row[1] in texts                                   # the unit's name
    labels = sorted(t for t in texts if t.isdigit())
    shown = [r[c] for r in rows for c in (2, 3) if r[c] != "0"]
    # Bar labels are the values (zeros are not labelled); the axis ticks are digits too.
    for value in shown:
        assert labels.count(value) >= shown.count(value)


def test_the_charts_figure_holds_the_tables_values(document):
    """Read the drawn bars back from matplotlib: their lengths are the table's figures."""
    from generator.build import load_source
    from generator.documents import REPORT as KIND

    _, source = load_source(REPORT, KIND)
    context = KIND.build_context(source, date(2022, 7, 15))
    spec = next(c for c in context["doc"]["charts"] if c["name"] == "hinh-thuc")
    figure = charts.figure(spec)
    bars = [p for p in figure.axes[0].patches if (p.get_gid() or "").startswith("cot-")]
    widths = {p.get_gid(): p.get_width() for p in bars}
    rows = table_titled(document, "theo hình thức")[1:-1]
    for index, row in enumerate(rows):
        assert widths[f"cot-0-{index}"] == number(row[3])        # collectives
        assert widths[f"cot-1-{index}"] == number(row[4])        # individuals
    goals = next(c for c in context["doc"]["charts"] if c["name"] == "chi-tieu")
    drawn = [p.get_width() for p in charts.figure(goals).axes[0].patches]
    assert drawn == goals["series"][0]["values"] and 97.3 in drawn


def test_the_png_is_a_picture_and_the_same_data_draws_the_same_bytes(built):
    png = (built / f"{STEM} - Biểu đồ 2.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    spec = {"name": "x", "title": "t", "categories": ["Vụ Tổng hợp"],
            "series": [{"label": "Tập thể", "values": [3]}], "axis": "Số lượng",
            "reference": None}
    assert charts.draw(spec) == charts.draw(spec)


def test_the_workbook_holds_one_sheet_per_table_with_the_same_values(built, document):
    book = load_workbook(io.BytesIO((built / f"{STEM} - Số liệu.xlsx").read_bytes()))
    assert book.sheetnames == ["Chỉ tiêu", "Theo hình thức", "Theo đơn vị", "Theo giới tính",
                               "Khen thưởng của đơn vị"]
    sheet = book["Theo hình thức"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    docx_rows = table_titled(document, "theo hình thức")[1:]
    assert len(values) == len(docx_rows)
    for row, printed in zip(values, docx_rows, strict=True):
        assert [row[i] or 0 for i in (3, 4, 5, 6)] == [number(printed[i]) for i in (3, 4, 5, 6)]
    assert values[-1][1] == "Tổng cộng" and values[-1][6] == 92_380_000
    assert isinstance(values[0][6], int)      # plain numbers a clerk can add up again


def test_the_report_passes_thidua_check(run, built):
    result = run("check", str(built / f"{STEM}.docx"))
    assert result.exit_code == 0, result.stdout
    # the sample's data is as a văn thư corrected it: not even a warning
    warned = [line for line in result.stdout.splitlines() if "cảnh báo ND30-" in line]
    assert warned == []


# -- bad unit reports: a clear Vietnamese message naming the file and the field, exit 1,
#    nothing written.

@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, target)
    return target


def _edit(folder: Path, name: str, change) -> Path:
    path = folder / "unit-reports" / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    return write_json(path, data)


@pytest.mark.parametrize(("change", "where", "words"), [
    (lambda d: d["contents"][0].update(content=9), "$.contents[0].content",
     "nội dung thi đua số 9 không có: Kế hoạch của cơ quan có 6 nội dung"),
    (lambda d: d.update(unit="XYZ"), "$.unit", "mã đơn vị «XYZ» không có trong danh sách"),
    (lambda d: d["figures"][0].update(target="một trăm"), "$.figures[0].target", "số"),
    (lambda d: d["figures"][0].update(plan_target=9), "$.figures[0].plan_target",
     "chỉ tiêu số 9 không có trong Kế hoạch của đơn vị"),
    (lambda d: d["awards"][0].update(women=99), "$.awards[0].women",
     "99 lớn hơn số cá nhân (6)"),
    (lambda d: d.pop("contents"), "$.contents", "thiếu trường bắt buộc"),
], ids=["content", "unit", "not-a-number", "plan-target", "women", "missing"])
def test_a_bad_unit_report_is_refused_by_build_naming_file_and_field(run, folder, tmp_path,
                                                                    change, where, words):
    path = _edit(folder, "KGVX-so-ket-2022.json", change)
    out = tmp_path / "out"
    result = run("build", str(folder), "-o", str(out))
    assert result.exit_code == 1
    line = next(line for line in result.stderr.splitlines() if str(path) in line)
    assert f"{where}:" in line and words in line, result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())
    again = run("validate", str(folder))
    assert again.exit_code == 1 and str(path) in again.stderr


def test_a_unit_report_that_is_not_json_is_one_clear_error(run, folder, tmp_path):
    (folder / "unit-reports" / "CD-so-ket-2022.json").write_text("{ hỏng", encoding="utf-8")
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "CD-so-ket-2022.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_decision_outside_the_period_is_refused(run, folder, tmp_path):
    path = folder / "reports" / "so-ket-2022.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["decisions"].append("../decisions/dot-xuat-2025.json")
    write_json(path, data)
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "$.decisions[2]" in result.stderr and "ngoài kỳ báo cáo" in result.stderr


def test_a_second_report_of_one_unit_for_one_stage_is_refused(run, folder, tmp_path):
    shutil.copy(folder / "unit-reports" / "CD-so-ket-2022.json",
                folder / "unit-reports" / "CD-ban-2.json")
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "đã có báo cáo sơ kết khác" in result.stderr


def test_a_unit_report_of_another_stage_is_left_out(folder, tmp_path):
    from generator.build import build_campaign
    _edit(folder, "CD-so-ket-2022.json", lambda d: d.update(stage="tổng kết"))
    build_campaign(folder, tmp_path / "out", certificates=False)
    text = "\n".join(p.text for p in Document(str(tmp_path / "out" / f"{STEM}.docx")).paragraphs)
    assert "Có 3/20 đơn vị gửi báo cáo sơ kết" in text and "Thăm hỏi, hỗ trợ 412" not in text


# -- the unit report's targets from Excel (thidua excel-template unit-report)

def _fill(template: Path, rows: list[list[object]], target: Path) -> None:
    book = load_workbook(template)
    sheet = book["Danh sách"]
    assert [c.value for c in sheet[1]] == ["STT", "Nội dung số", "Chỉ tiêu", "Đơn vị tính",
                                           "Kế hoạch", "Thực hiện", "Chỉ tiêu số"]
    for row in rows:
        sheet.append(row)
    book.save(target)


def test_excel_template_for_a_unit_report_offers_the_plans_contents(run, folder, tmp_path):
    source = folder / "unit-reports" / "TCCB-so-ket-2022.json"
    template = tmp_path / "mau.xlsx"
    result = run("excel-template", "unit-report", "--from", str(source), "-o", str(template))
    assert result.exit_code == 0, result.stderr
    book = load_workbook(template)
    offered = [c.value for c in book["Giá trị"]["B"] if c.value]
    assert len(offered) == 6 and offered[1].startswith("2. Nỗ lực hết mình")
    assert "TCCB-so-ket-2022.xlsx" in book["Hướng dẫn"]["A1"].value


def test_targets_typed_in_excel_reach_the_report(run, folder, tmp_path):
    source = folder / "unit-reports" / "TCCB-so-ket-2022.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data.pop("figures")
    write_json(source, data)
    template = tmp_path / "mau.xlsx"
    assert run("excel-template", "unit-report", "--from", str(source), "-o",
               str(template)).exit_code == 0
    _fill(template, [[1, "2. Nỗ lực hết mình", "Hồ sơ thẩm định đúng hạn", "%", 100, "97,3", 2],
                     [2, "2", "Báo cáo quý", "báo cáo", "3", 3, None]],
          source.with_suffix(".xlsx"))
    out = tmp_path / "out"
    result = run("build", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    document = Document(str(out / f"{STEM}.docx"))
    rows = table_titled(document, "Kết quả thực hiện chỉ tiêu thi đua (nội dung b)")
    assert ["Vụ Tổ chức cán bộ", "Hồ sơ thẩm định đúng hạn", "%", "100", "97,3", "97,3"] in \
        [r[1:] for r in rows]


def test_a_bad_number_in_the_unit_reports_excel_names_sheet_row_and_column(run, folder,
                                                                           tmp_path):
    source = folder / "unit-reports" / "TCCB-so-ket-2022.json"
    template = tmp_path / "mau.xlsx"
    assert run("excel-template", "unit-report", "--from", str(source), "-o",
               str(template)).exit_code == 0
    _fill(template, [[1, "2", "Hồ sơ", "%", "một trăm", 97]], source.with_suffix(".xlsx"))
    out = tmp_path / "out"
    result = run("build", str(folder), "-o", str(out))
    assert result.exit_code == 1
    assert "TCCB-so-ket-2022.xlsx: Danh sách!dòng 2, cột Kế hoạch: «một trăm» không phải là số" \
        in result.stderr, result.stderr
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(("text", "value"), [
    ("97,3", 97.3), ("100", 100), ("1.846", 1846), ("97.3", 97.3), ("100%", 100),
    ("1.234,5", 1234.5), ("abc", None), ("", None), ("nan", None)])
def test_figure_numbers_as_clerks_type_them(text, value):
    from generator.data.lists import figure_number
    assert figure_number(text) == value


# -- the register's award history (--register): a report with "history": true also counts the
#    decisions of its period that only the register holds.

def test_with_history_the_register_s_decisions_of_the_period_are_counted(run, folder, tmp_path):
    db = tmp_path / "so.sqlite"
    first = run("decision", str(SAMPLE_DIR / "decisions" / "dot-xuat-2021.json"), "-o",
                str(tmp_path / "truoc"), "--register", str(db))
    assert first.exit_code == 0, first.stderr
    (folder / "decisions" / "dot-xuat-2021.json").unlink()
    path = folder / "reports" / "so-ket-2022.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["decisions"] = ["../decisions/so-ket-2022.json"]
    write_json(path, {**data, "history": True})
    out = tmp_path / "out"
    result = run("build", str(folder), "-o", str(out), "--register", str(db))
    assert result.exit_code == 0, result.stderr
    document = Document(str(out / f"{STEM}.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2 Quyết định khen thưởng (số 120/QĐ-VPCP, 87/QĐ-VPCP)" in text
    assert "(Quyết định số 87/QĐ-VPCP theo sổ theo dõi khen thưởng)" in text
    forms = table_titled(document, "theo hình thức")
    assert forms[-1][3:6] == ["7", "36", "43"]               # the same people as before
    # The history keeps no amount: 1 collective and 2 individuals of 87/QĐ are not priced.
    assert forms[-1][6] == "86.420.000" and "3 trường hợp Quyết định chưa ghi mức" in text
    gender = table_titled(document, "theo giới tính")
    assert gender[-1][4] == "2"                               # the history keeps no gender
    # Without "history", the same register adds nothing.
    write_json(path, data)
    again = run("build", str(folder), "-o", str(tmp_path / "out2"), "--register", str(db))
    assert again.exit_code == 0, again.stderr
    rows = table_titled(Document(str(tmp_path / "out2" / f"{STEM}.docx")), "theo hình thức")
    assert rows[-1][3:6] == ["6", "34", "40"]


def test_thidua_report_writes_the_report_alone_and_never_overwrites(run, tmp_path):
    out = tmp_path / "out"
    result = run("report", str(REPORT), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"Đã ghi {out / (STEM + '.docx')}" in result.stdout
    assert f"kèm theo: {STEM} - Biểu đồ 1.png" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{STEM}.docx", f"{STEM} - Số liệu.xlsx", "documents.csv",
         *(f"{STEM} - Biểu đồ {n}.{ext}" for n in (1, 2, 3) for ext in ("png", "svg"))])
    (out / f"{STEM} - Biểu đồ 2.svg").write_text("sửa tay", encoding="utf-8")
    again = run("report", str(REPORT), "-o", str(out))
    assert again.exit_code == 1 and "Biểu đồ 2.svg" in again.stderr
    assert (out / f"{STEM} - Biểu đồ 2.svg").read_text(encoding="utf-8") == "sửa tay"


def test_a_bad_listed_decision_is_reported_once(run, folder, tmp_path):
    path = folder / "decisions" / "so-ket-2022.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["awards"][0]["collectives"][0]["name"] = 5
    write_json(path, data)
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.count("$.awards[0].collectives[0].name") == 1, result.stderr


@pytest.mark.parametrize("step", ["staged", "moved", "placed", "recorded"])
def test_a_failure_while_writing_leaves_no_chart_no_workbook_no_report(folder, tmp_path,
                                                                       monkeypatch, step):
    from generator.build import build_campaign
    from generator.store import transaction

    class Injected(Exception):
        pass

    def fail(at: str) -> None:
        if at == step:
            raise Injected(at)

    monkeypatch.setattr(transaction, "STEP_HOOK", fail)
    out = tmp_path / "out"
    with pytest.raises(Injected):
        build_campaign(folder, out, certificates=False, register_path=tmp_path / "so.sqlite")
    left = [p.name for p in out.rglob("*")] if out.exists() else []
    assert not [name for name in left if name.startswith("Báo cáo")], left


def test_charts_are_set_in_times_new_roman_or_liberation_serif_in_greys(built):
    assert charts.font_family()[0] in charts.FONTS
    svg = (built / f"{STEM} - Biểu đồ 2.svg").read_text(encoding="utf-8")
    assert f"font-family: '{charts.font_family()[0]}'" in svg
    fills = set(re.findall(r"fill: ?(#[0-9a-fA-F]{6})", svg))
    # Print-friendly: every fill is a grey (red = green = blue).
    assert fills and all(f[1:3] == f[3:5] == f[5:7] for f in fills), fills
    assert "Tập thể" in svg and "Cá nhân" in svg        # the legend, in Vietnamese


def test_a_report_table_is_kept_whole_with_its_total_row(document):
    """A table of the report (at most 15 rows) keeps every row with the next, so its "Tổng
    cộng" row never stands alone on the next page (issue 13: Bảng 6 of 132/BC-VPCP did)."""
    from docx.oxml.ns import qn

    tables = [t for t in document.tables if t.rows[0].cells[0].text.strip() == "STT"]
    assert len(tables) >= 6
    for table in tables:
        assert len(table.rows) <= 16
        for row in table.rows[:-1]:
            for paragraph in row.cells[-1].paragraphs:
                style = paragraph.style
                kept = paragraph.paragraph_format.keep_with_next
                while kept is None and style is not None:
                    kept = style.paragraph_format.keep_with_next
                    style = style.base_style
                assert kept is True, (table.rows[0].cells[1].text, row.cells[0].text)
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
