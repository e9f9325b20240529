"""Units' nominations for a commendation cycle (đề nghị khen thưởng) through the web app: the
form from nomination.schema.json, errors at their field, sending, the agency's review, the
báo cáo thành tích as a zip of .docx, and the walls between units and between papers."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from generator.store.submissions import AGENCY

BOTH_STORES = pytest.mark.parametrize("site", ["sqlite", "postgresql"], indirect=True)
CYCLE = "chu-ky-2022"
FORM = f"de-nghi/{CYCLE}"


def address(code: str = "TCCB", tail: str = "") -> str:
    return f"/don-vi/{code}/de-nghi/{CYCLE}{tail}"


def open_form(client, code="TCCB"):
    page = client.get(address(code))
    assert page.status_code == 200, page.text
    return page, client.plan_form(page.text)


def post(client, form, action="save", code="TCCB", **changes):
    return client.post(address(code), data={**form, **changes, "_action": action})


def test_a_unit_sees_its_nominations_from_the_cycle_folder(site):
    client = site.client("TCCB")
    page, form = open_form(client)
    assert "Đề nghị khen thưởng sơ kết (chu-ky-2022) — Vụ Tổ chức cán bộ" in page.text
    assert form["nominees.0.name"]                   # the cycle's nominations/TCCB.json
    assert form["signer.name"]
    assert form["date"] == "2022-06-10"
    # the plan is still one click away, and is a paper of its own
    assert 'href="/don-vi/TCCB/ke-hoach"' in page.text


def test_a_blank_name_is_shown_at_its_field_and_the_draft_is_kept(site):
    client = site.client("TCCB")
    _, form = open_form(client)
    answer = post(client, form, **{"nominees.0.name": "  "})
    assert answer.status_code == 422
    assert 'id="f-nominees-0-name-loi"' in answer.text
    assert "không được để trống" in answer.text
    assert "Đã lưu bản nháp (bản 1)" in answer.text
    assert site.store.current("TCCB", FORM).version == 1
    assert site.store.current("TCCB") is None        # the plan was not touched


@BOTH_STORES
def test_send_return_approve_and_the_reports_download(site):
    unit = site.client("TCCB")
    _, form = open_form(unit)
    name = form["nominees.0.name"]
    assert post(unit, form, "send").status_code == 303
    assert site.store.current("TCCB", FORM).state == "đã gửi"
    agency = site.client(AGENCY)
    listing = agency.get("/ban-thi-dua", query_string={"giay-to": FORM})
    assert "Vụ Tổ chức cán bộ" in listing.text and "đã gửi" in listing.text
    page = agency.get(address())
    answer = agency.post(address(tail="/xet-duyet"),
                         data={"_csrf": site.csrf(page.text), "_action": "return",
                               "comment": "Bổ sung số liệu thành tích năm 2022"})
    assert answer.status_code == 303
    again, form = open_form(unit)
    assert "Bổ sung số liệu thành tích năm 2022" in again.text
    assert post(unit, form, "send").status_code == 303
    page = agency.get(address())
    agency.post(address(tail="/xet-duyet"),
                data={"_csrf": site.csrf(page.text), "_action": "approve"})
    assert site.store.current("TCCB", FORM).state == "đã duyệt"
    assert site.store.current("TCCB") is None
    download = agency.get(address(tail="/bao-cao.zip"))
    assert download.status_code == 200
    assert download.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.data)) as archive:
        names = archive.namelist()
        assert len(names) == len(site.store.current("TCCB", FORM).data["nominees"])
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(archive.read(names[0])))
                         .paragraphs)
    assert "BÁO CÁO THÀNH TÍCH" in text.upper()
    assert name in text


def test_a_unit_without_nominations_starts_from_a_draft_and_cannot_send_it_empty(site):
    client = site.client("PL")
    _, form = open_form(client, "PL")
    assert "nominees.0.name" not in form
    answer = post(client, form, "send", code="PL")
    assert answer.status_code == 422
    assert ('<a href="#f-nominees">Tập thể, cá nhân được đề nghị: danh sách không được để '
            'trống</a>') in answer.text
    assert site.store.current("PL", FORM) is None


def test_a_row_is_added_and_filled(site):
    client = site.client("PL")
    _, form = open_form(client, "PL")
    answer = post(client, form, "add:nominees", code="PL")
    assert answer.status_code == 200
    form = client.plan_form(answer.text)
    assert "nominees.0.name" in form
    form.update({"nominees.0.subject": "cá nhân", "nominees.0.name": "Trần Thị Mai",
                 "nominees.0.form": "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ",
                 "nominees.0.achievement": "xuất sắc trong sơ kết phong trào",
                 "nominees.0.gender": "nữ", "nominees.0.position": "Chuyên viên",
                 "nominees.0.birth_date": "1990-05-01",
                 "signer.name": "Nguyễn Văn Luật"})
    answer = post(client, form, "add:nominees.0.report.achievements", code="PL")
    form = client.plan_form(answer.text)
    assert form["nominees.0.name"] == "Trần Thị Mai"            # kept across the row change
    form["nominees.0.report.achievements.0"] = "Hoàn thành xuất sắc 12 đề án được giao."
    saved = post(client, form, "preview", code="PL")
    assert saved.status_code == 303, saved.text
    data = site.store.current("PL", FORM).data
    assert data["nominees"][0]["name"] == "Trần Thị Mai"
    assert data["unit"] == "PL" and data["campaign"] == "../../campaign.json"
    preview = client.get(saved.location)
    assert preview.status_code == 200
    assert "Báo cáo thành tích - Vụ Pháp luật.zip" in preview.text
    assert "Trần Thị Mai" in preview.text and "Chuyên viên" in preview.text


def test_a_unit_cannot_read_or_write_another_units_nominations(site):
    client = site.client("KGVX")
    assert client.get(address("TCCB")).status_code == 403
    assert client.get(address("TCCB", "/bao-cao.zip")).status_code == 403
    page = client.get(address("KGVX"))
    answer = client.post(address("TCCB"), data={"_csrf": site.csrf(page.text),
                                                "_action": "save"})
    assert answer.status_code == 403
    # a unit field in the post does not move the data to another unit
    _, form = open_form(client, "KGVX")
    post(client, form, code="KGVX", unit="TCCB")
    assert site.store.current("KGVX", FORM).data["unit"] == "KGVX"
    assert site.store.current("TCCB", FORM) is None
    # nor can a unit review its own
    answer = client.post(address("KGVX", "/xet-duyet"),
                         data={"_csrf": site.csrf(page.text), "_action": "approve"})
    assert answer.status_code == 403


@pytest.mark.parametrize("cycle", ["khong-co", "..", "units", "%2e%2e"])
def test_only_the_campaigns_cycles_are_served(site, cycle):
    client = site.client("TCCB")
    assert client.get(f"/don-vi/TCCB/de-nghi/{cycle}").status_code == 404
