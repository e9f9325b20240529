"""The form of a báo cáo thành tích by the nomination's date (generator/vn/report_forms.py),
at each edge of the decrees' periods, and as the rendered report prints it."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from support import SAMPLE_DIR
from support.docx_read import open_docx

from generator.build import load_source
from generator.documents import NOMINATION
from generator.documents.nomination import report_context
from generator.render.engine import render
from generator.vn.report_forms import report_form

NOMINATIONS = SAMPLE_DIR / "chu-ky-2022" / "nominations"


@pytest.mark.parametrize(("day", "subject", "label"), [
    (date(2023, 12, 31), "tập thể", "Mẫu số 01 Nghị định số 91/2017/NĐ-CP"),
    (date(2023, 12, 31), "cá nhân", "Mẫu số 02 Nghị định số 91/2017/NĐ-CP"),
    (date(2024, 1, 1), "tập thể", "Mẫu số 02, Phụ lục I Nghị định số 98/2023/NĐ-CP"),
    (date(2024, 1, 1), "cá nhân", "Mẫu số 03, Phụ lục I Nghị định số 98/2023/NĐ-CP"),
    (date(2025, 6, 30), "cá nhân", "Mẫu số 03, Phụ lục I Nghị định số 98/2023/NĐ-CP"),
    (date(2025, 7, 1), "cá nhân", None),     # Nghị định 152/2025: number not confirmed
    (date(2025, 7, 1), "tập thể", None),
])
def test_form_in_force_on_the_nomination_date(day, subject, label):
    form = report_form(subject, day)
    assert form is not None
    assert form.label() == label
    assert form.decree == {2023: "91/2017/NĐ-CP", 2024: "98/2023/NĐ-CP"}.get(
        day.year, "98/2023/NĐ-CP" if day < date(2025, 7, 1) else "152/2025/NĐ-CP")


def test_no_form_before_nd91_2017():
    assert report_form("cá nhân", date(2017, 9, 14)) is None


def _report_text(tmp_path: Path, day: str, index: int) -> tuple[str, str]:
    data = json.loads((NOMINATIONS / "TCCB.json").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["date"] = day
    data["campaign"] = str((SAMPLE_DIR / "campaign.json").resolve())
    path = tmp_path / "nominations" / "TCCB.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, source = load_source(path, NOMINATION)
    document = open_docx(render("achievement_report.docx",
                                report_context(source, index, date(2026, 1, 1))))
    header = "\n".join(p.text for p in document.sections[0].first_page_header.paragraphs)
    return header, "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize(("day", "label"), [
    ("2023-12-31", "Mẫu số 02 Nghị định số 91/2017/NĐ-CP"),
    ("2024-01-01", "Mẫu số 03, Phụ lục I Nghị định số 98/2023/NĐ-CP"),
    ("2025-07-01", ""),
])
def test_individual_report_prints_the_form_of_its_date(tmp_path, day, label):
    header, body = _report_text(tmp_path, day, 1)       # Đặng Thu Hằng
    assert header.strip() == label
    assert "BÁO CÁO THÀNH TÍCH" in body
    assert "Đề nghị tặng Chiến sĩ thi đua cấp bộ" in body
    assert "I. SƠ LƯỢC LÝ LỊCH" in body and "- Sinh ngày, tháng, năm: 12/03/1984" in body
    assert "2. Thành tích đạt được của cá nhân" in body


def test_collective_report_has_the_collective_sections(tmp_path):
    header, body = _report_text(tmp_path, "2024-05-01", 0)
    assert header.strip() == "Mẫu số 02, Phụ lục I Nghị định số 98/2023/NĐ-CP"
    assert "Tên tập thể đề nghị: Phòng Thi đua - Khen thưởng, Vụ Tổ chức cán bộ" in body
    for heading in ("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", "2. Chức năng, nhiệm vụ",
                    "II. THÀNH TÍCH ĐẠT ĐƯỢC", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"):
        assert heading in body
