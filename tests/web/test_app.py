"""The web app through Flask's test client: sign-in, permissions, CSRF, limits, validation at
the field, versions, the review cycle and the .docx download."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from urllib.parse import unquote

import docx
import pytest

from generator.store.submissions import AGENCY
from generator.vn.collation import sort_key

# The tests whose outcome depends on the store run on a SQLite file and on PostgreSQL.
BOTH_STORES = pytest.mark.parametrize("site", ["sqlite", "postgresql"], indirect=True)


def open_form(client, code="TCCB"):
    page = client.get(f"/don-vi/{code}/ke-hoach")
    assert page.status_code == 200
    return client.plan_form(page.text)


def post(client, form, action="save", code="TCCB", **changes):
    return client.post(f"/don-vi/{code}/ke-hoach", data={**form, **changes, "_action": action})


# ------------------------------------------------------------------ sign-in

@BOTH_STORES
def test_a_wrong_secret_is_refused_in_vietnamese(site):
    client = site.client()
    page = client.get("/dang-nhap")
    answer = client.post("/dang-nhap", data={"_csrf": site.csrf(page.text), "code": "TCCB",
                                             "secret": "sai-roi"})
    assert answer.status_code == 401
    assert "Mã đơn vị hoặc mã bí mật không đúng." in answer.text
    assert client.get("/don-vi/TCCB/ke-hoach").status_code == 302     # still signed out


def test_the_session_cookie_is_strict_and_http_only(site):
    client = site.client()
    page = client.get("/dang-nhap")
    answer = client.post("/dang-nhap", data={"_csrf": site.csrf(page.text), "code": "tccb",
                                             "secret": site.secrets["TCCB"]})
    cookie = answer.headers["Set-Cookie"]
    assert "SameSite=Strict" in cookie and "HttpOnly" in cookie
    assert answer.location == "/"


def test_a_secret_is_stored_only_as_a_hash(site, tmp_path):
    raw = (tmp_path / "web.sqlite").read_bytes()
    assert site.secrets["TCCB"].encode() not in raw
    assert b"scrypt$" in raw


@BOTH_STORES
def test_resetting_a_secret_ends_the_units_sessions(site):
    client = site.client("TCCB")
    assert client.get("/don-vi/TCCB/ke-hoach").status_code == 200
    site.store.issue_secret("TCCB", "unit")
    assert client.get("/don-vi/TCCB/ke-hoach").status_code == 302


def test_sign_in_never_redirects_to_another_site(site):
    client = site.client()
    page = client.get("/dang-nhap")
    answer = client.post("/dang-nhap?next=//evil.example/x",
                         data={"_csrf": site.csrf(page.text), "code": "TCCB",
                               "secret": site.secrets["TCCB"]})
    assert answer.location == "/"


# ------------------------------------------------------------------ permissions

@pytest.mark.parametrize("path", ["/don-vi/KGVX/ke-hoach", "/don-vi/KGVX/xem-truoc",
                                  "/don-vi/KGVX/ke-hoach.docx", "/don-vi/KGVX/lich-su",
                                  "/ban-thi-dua", "/ban-thi-dua/ke-hoach.docx",
                                  "/ban-thi-dua/van-ban.zip"])
def test_a_unit_cannot_read_another_units_pages_or_the_agencys(site, path):
    answer = site.client("TCCB").get(path)
    assert answer.status_code == 403
    assert "Không được phép" in answer.text


@BOTH_STORES
def test_a_unit_cannot_write_another_units_plan_by_url(site):
    client = site.client("TCCB")
    form = open_form(client)
    answer = post(client, form, code="KGVX", **{"signer.name": "Kẻ Lạ"})
    assert answer.status_code == 403
    assert site.store.current("KGVX") is None


@BOTH_STORES
def test_a_unit_cannot_write_another_units_plan_by_form_field(site):
    client = site.client("TCCB")
    form = open_form(client)
    answer = post(client, form, unit="KGVX", campaign="../../khac/campaign.json",
                  **{"$schema": "http://evil.example/x.json"})
    assert answer.status_code == 303
    assert site.store.current("KGVX") is None
    saved = site.store.current("TCCB").data
    assert saved["unit"] == "TCCB" and saved["campaign"] == "../campaign.json"
    assert saved["$schema"].endswith("/unit-plan.schema.json")


def test_a_unit_cannot_review_its_own_plan(site):
    client = site.client("TCCB")
    form = open_form(client)
    post(client, form, action="send")
    answer = client.post("/don-vi/TCCB/xet-duyet", data={"_csrf": form["_csrf"],
                                                         "_action": "approve"})
    assert answer.status_code == 403
    assert site.store.current("TCCB").state == "đã gửi"


def test_the_agency_reads_but_does_not_write_a_units_plan(site):
    unit = site.client("TCCB")
    post(unit, open_form(unit))
    agency = site.client(AGENCY)
    page = agency.get("/don-vi/TCCB/ke-hoach")
    assert page.status_code == 200 and "disabled" in page.text
    assert post(agency, site.form(page.text)).status_code == 403


def test_a_code_the_campaign_does_not_have_is_not_found(site):
    assert site.client(AGENCY).get("/don-vi/KHONGCO/ke-hoach").status_code == 404


# ------------------------------------------------------------------ CSRF, hosts, sizes

def test_a_post_without_the_csrf_token_is_refused(site):
    client = site.client("TCCB")
    form = open_form(client)
    del form["_csrf"]
    answer = post(client, form)
    assert answer.status_code == 400
    assert "mã chống giả mạo không khớp" in answer.text
    assert site.store.current("TCCB") is None


def test_a_token_from_another_session_is_refused(site):
    other = open_form(site.client("KGVX"), "KGVX")["_csrf"]
    client = site.client("TCCB")
    form = open_form(client)
    assert post(client, form, _csrf=other).status_code == 400
    assert site.store.current("TCCB") is None


def test_signing_in_needs_the_csrf_token_too(site):
    answer = site.client().post("/dang-nhap", data={"code": "TCCB",
                                                    "secret": site.secrets["TCCB"]})
    assert answer.status_code == 400


def test_an_untrusted_host_header_is_refused(site):
    answer = site.client().get("/dang-nhap", headers={"Host": "evil.example"})
    assert answer.status_code == 400


def test_a_body_over_the_limit_is_refused_before_it_is_read(site):
    client = site.client("TCCB")
    form = open_form(client)
    answer = post(client, form, closing="x" * (1024 * 1024 + 10))
    assert answer.status_code == 413
    assert "Dữ liệu quá lớn" in answer.text
    assert site.store.current("TCCB") is None


def test_too_many_form_fields_are_refused(site):
    client = site.client("TCCB")
    form = open_form(client)
    form.update({f"targets.{i}": "x" for i in range(4000)})
    assert post(client, form).status_code == 413


def test_pages_carry_a_strict_content_security_policy(site):
    answer = site.client().get("/dang-nhap")
    assert "default-src 'self'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


# ------------------------------------------------------------------ the form

def test_the_form_round_trips_the_units_data_exactly(site):
    client = site.client("TCCB")
    post(client, open_form(client))
    original = __import__("json").loads((site.folder / "units/TCCB.json").read_text("utf-8"))
    assert site.store.current("TCCB").data == original


def test_every_field_has_a_bound_label(site):
    html = site.client("TCCB").get("/don-vi/TCCB/ke-hoach").text
    ids = re.findall(r'<(?:input|select|textarea) id="([^"]+)"', html)
    assert len(ids) > 40
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    assert [i for i in ids if i not in labelled] == []


def test_an_error_is_shown_at_its_field_and_in_a_focused_summary(site):
    client = site.client("TCCB")
    answer = post(client, open_form(client), **{"document.number": "hai",
                                                "activities.1.deadline": ""})
    assert answer.status_code == 422
    html = answer.text
    summary = html[html.index('id="tom-tat-loi"') - 80:html.index("</ul>")]
    assert "autofocus" in summary and 'role="alert"' in summary
    assert 'href="#f-document-number"' in summary
    assert 'href="#f-activities-1-deadline"' in summary
    field = re.search(r'<p class="error" id="f-document-number-loi">.*?</p>\s*'
                      r'<input id="f-document-number"[^>]*>', html, flags=re.DOTALL)
    assert field and 'aria-invalid="true"' in field.group(0)
    assert "phải là số nguyên" in field.group(0) and "&#34;hai&#34;" in field.group(0)
    # nothing typed is lost: the draft is kept, with the wrong value
    assert site.store.current("TCCB").data["document"]["number"] == "hai"


def test_a_blank_required_field_gets_one_message(site):
    client = site.client("TCCB")
    html = post(client, open_form(client), **{"signer.name": "  "}).text
    assert html.count('id="f-signer-name-loi"') == 1
    assert "Người ký › Họ và tên người ký: không được để trống" in html


def test_cross_file_rules_of_the_cli_apply(site):
    client = site.client("TCCB")
    html = post(client, open_form(client), **{"registrations.0.title": "Danh hiệu bịa"}).text
    assert 'href="#f-registrations-0-title"' in html
    assert "Danh hiệu bịa" in html


@BOTH_STORES
def test_decomposed_vietnamese_is_stored_composed_and_trimmed(site):
    client = site.client("TCCB")
    typed = unicodedata.normalize("NFD", "  Nguyễn Thị Hường ")
    assert post(client, open_form(client), **{"signer.name": typed}).status_code == 303
    name = site.store.current("TCCB").data["signer"]["name"]
    assert name == "Nguyễn Thị Hường" and unicodedata.is_normalized("NFC", name)


def test_rows_are_added_and_removed_without_javascript(site):
    client = site.client("TCCB")
    form = open_form(client)
    added = post(client, form, action="add:registrations")
    assert added.status_code == 200
    assert 'id="f-registrations-5-name"' in added.text            # a sixth, empty row
    assert "nội dung chưa được lưu" in added.text
    removed = post(client, form, action="remove:registrations.0")
    rows = site.form(removed.text)
    assert rows["registrations.0.name"] == "Phòng Thi đua - Khen thưởng"
    assert "registrations.4.name" not in rows
    assert site.store.current("TCCB") is None                       # neither was saved
    post(client, rows)
    assert len(site.store.current("TCCB").data["registrations"]) == 4


# ------------------------------------------------------------------ versions

@BOTH_STORES
def test_every_save_is_a_version_with_who_what_and_when(site):
    client = site.client("TCCB")
    post(client, open_form(client))
    post(client, open_form(client), **{"signer.name": "Trần Văn Mới"})
    versions = site.client("TCCB").get("/don-vi/TCCB/lich-su").text
    saved = site.store.versions("TCCB")
    assert [v.version for v in saved] == [2, 1]
    assert saved[0].author == "TCCB" and saved[0].changed == ["$.signer.name"]
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", saved[0].saved_at)
    assert "Người ký › Họ và tên người ký" in versions and "Trần Văn Mới" not in versions


@BOTH_STORES
def test_a_double_submit_is_one_version(site):
    client = site.client("TCCB")
    form = open_form(client)
    first = post(client, form, **{"signer.name": "Trần Văn Mới"})
    second = post(client, form, **{"signer.name": "Trần Văn Mới"})   # the same post again
    assert first.status_code == second.status_code == 303
    assert [v.version for v in site.store.versions("TCCB")] == [1]


@BOTH_STORES
def test_a_save_from_an_older_page_is_refused_and_nothing_is_lost(site):
    client = site.client("TCCB")
    old = open_form(client)
    post(client, old, **{"signer.name": "Bản thứ nhất"})
    answer = post(client, old, **{"signer.name": "Bản từ cửa sổ cũ"})
    assert answer.status_code == 409
    assert "đã được lưu ở nơi khác" in answer.text
    assert "Bản từ cửa sổ cũ" in answer.text                 # still in the form to copy
    assert site.store.current("TCCB").data["signer"]["name"] == "Bản thứ nhất"


# ------------------------------------------------------------------ the review cycle

@BOTH_STORES
def test_send_return_with_a_comment_then_approve(site):
    unit = site.client("TCCB")
    assert post(unit, open_form(unit), action="send").status_code == 303
    assert site.store.current("TCCB").state == "đã gửi"
    locked = post(unit, open_form(unit), **{"signer.name": "Sửa sau khi gửi"})
    assert locked.status_code == 409
    agency = site.client(AGENCY)
    listing = agency.get("/ban-thi-dua").text
    assert "đã gửi (1)" in listing
    token = site.csrf(listing)
    empty = agency.post("/don-vi/TCCB/xet-duyet", data={"_csrf": token, "_action": "return"})
    assert empty.status_code == 409 and "Hãy ghi lý do trả lại" in empty.text
    agency.post("/don-vi/TCCB/xet-duyet", data={"_csrf": token, "_action": "return",
                                                "comment": "Bổ sung chỉ tiêu về chuyển đổi số."})
    page = unit.get("/don-vi/TCCB/ke-hoach").text
    assert "Ban Thi đua trả lại, với ý kiến:" in page
    assert "Bổ sung chỉ tiêu về chuyển đổi số." in page
    form = site.form(page)
    form["targets.3"] = "100% hồ sơ được số hóa."
    assert post(unit, form, action="send").status_code == 303
    agency.post("/don-vi/TCCB/xet-duyet", data={"_csrf": token, "_action": "approve"})
    assert site.store.current("TCCB").state == "đã duyệt"
    actions = [v.action for v in site.store.versions("TCCB")]
    assert actions == ["duyệt", "gửi", "trả lại", "gửi"]
    bundle = agency.get("/ban-thi-dua/van-ban.zip")
    names = zipfile.ZipFile(io.BytesIO(bundle.data)).namelist()
    assert names == ["Kế hoạch 15-KH-VPCP.docx", "Kế hoạch 02-KH-TCCB.docx"]


def test_sending_refuses_placeholders_left_in_brackets(site):
    client = site.client("PL")       # no units/PL.json: the form starts from the draft
    form = open_form(client, "PL")
    assert form["targets.0"].startswith("(")
    answer = post(client, form, action="send", code="PL")
    assert answer.status_code == 422
    assert "là chỗ để trống cần điền" in answer.text
    assert site.store.current("PL") is None


@BOTH_STORES
def test_the_agency_list_is_in_vietnamese_order(site):
    html = site.client(AGENCY).get("/ban-thi-dua").text
    shown = re.findall(r'<td><a href="/don-vi/[A-Z0-9_]+/ke-hoach">([^<]+)</a></td>', html)
    assert len(shown) == len(site.store and __import__("json").loads(
        (site.folder / "campaign.json").read_text("utf-8"))["units"]) == 20
    assert shown == sorted(shown, key=sort_key)
    assert shown != sorted(shown)                  # plain code-point order would differ
    assert shown.index("Vụ Đổi mới doanh nghiệp") == shown.index("Vụ Công nghiệp") + 1


# ------------------------------------------------------------------ preview and download

def test_the_docx_download_has_the_vietnamese_name_and_the_units_text(site):
    client = site.client("TCCB")
    post(client, open_form(client), **{"targets.0": "Chỉ tiêu mới gõ trên trang web."})
    answer = client.get("/don-vi/TCCB/ke-hoach.docx")
    assert answer.status_code == 200
    disposition = answer.headers["Content-Disposition"]
    encoded = re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)
    assert unquote(encoded) == "Kế hoạch 02-KH-TCCB.docx"
    document = docx.Document(io.BytesIO(answer.data))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "Chỉ tiêu mới gõ trên trang web." in text
    assert "VỤ TỔ CHỨC CÁN BỘ" in text


def test_the_preview_shows_the_document_text_or_the_errors(site):
    client = site.client("TCCB")
    page = client.get("/don-vi/TCCB/xem-truoc")
    assert page.status_code == 200 and "Tải về: Kế hoạch 02-KH-TCCB.docx" in page.text
    assert "KẾ HOẠCH" in page.text
    post(client, open_form(client), **{"document.date": "2021-02-30"})
    broken = client.get("/don-vi/TCCB/xem-truoc")
    assert broken.status_code == 422
    assert "Chưa soạn được văn bản" in broken.text and "không phải là ngày có thật" in broken.text


def test_the_agency_downloads_its_own_plan(site):
    answer = site.client(AGENCY).get("/ban-thi-dua/ke-hoach.docx")
    assert answer.status_code == 200
    assert "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2015-KH-VPCP.docx" in (
        answer.headers["Content-Disposition"])
    document = docx.Document(io.BytesIO(answer.data))
    assert any("KẾ HOẠCH" in p.text for p in document.paragraphs)


def test_a_campaign_broken_while_serving_is_a_vietnamese_page_not_a_traceback(site):
    client = site.client("TCCB")
    (site.folder / "campaign.json").write_text('{"issuer": ', encoding="utf-8")
    answer = client.get("/don-vi/TCCB/ke-hoach")
    assert answer.status_code == 503
    assert "Không thực hiện được" in answer.text and "campaign.json" in answer.text
    assert "Traceback" not in answer.text


def test_a_session_ends_after_a_working_day(site):
    client = site.client("TCCB")
    with client.session_transaction() as session:
        session["since"] -= 11 * 3600
    assert client.get("/don-vi/TCCB/ke-hoach").status_code == 302


def test_registration_titles_are_offered_from_the_campaign(site):
    html = site.client("TCCB").get("/don-vi/TCCB/ke-hoach").text
    assert 'id="f-registrations-0-title" name="registrations.0.title"' in html
    assert 'list="goi-y-registrations-n-title"' in html
    listed = html[html.index('<datalist id="goi-y-registrations-n-title">'):]
    listed = listed[:listed.index("</datalist>")]
    assert re.findall(r'<option value="([^"]+)">', listed) == [
        "Tập thể lao động xuất sắc", "Tập thể lao động tiên tiến", "Chiến sĩ thi đua cơ sở",
        "Lao động tiên tiến"]


def test_the_agency_previews_its_own_plan(site):
    page = site.client(AGENCY).get("/ban-thi-dua/xem-truoc")
    assert page.status_code == 200
    assert "Xem trước Kế hoạch của cơ quan — Văn phòng Chính phủ" in page.text
    assert "Tải về: Kế hoạch 15-KH-VPCP.docx" in page.text
    assert site.client("TCCB").get("/ban-thi-dua/xem-truoc").status_code == 403


def test_a_page_image_is_only_of_the_current_document(site):
    client = site.client("TCCB")
    assert client.get("/don-vi/TCCB/trang/" + "0" * 64 + "/1.png").status_code == 404
    assert client.get("/don-vi/TCCB/trang/..%2F..%2Fetc/1.png").status_code == 404


@BOTH_STORES
def test_an_earlier_version_is_shown_and_taken_up_again_as_a_new_one(site):
    client = site.client("TCCB")
    post(client, open_form(client), **{"signer.name": "Người Ký Đầu"})
    post(client, open_form(client), **{"signer.name": "Người Ký Sau"})
    old = client.get("/don-vi/TCCB/lich-su/1")
    assert old.status_code == 200
    assert "Đang xem bản 1" in old.text and "Người Ký Đầu" in old.text
    assert 'name="_action" value="save"' not in old.text            # read-only
    token = site.csrf(old.text)
    answer = client.post("/don-vi/TCCB/lich-su/1/lay-lai", data={"_csrf": token, "_base": "2"})
    assert answer.status_code == 303
    assert site.store.current("TCCB").data["signer"]["name"] == "Người Ký Đầu"
    assert [v.version for v in site.store.versions("TCCB")] == [3, 2, 1]
    stale = client.post("/don-vi/TCCB/lich-su/2/lay-lai", data={"_csrf": token, "_base": "2"})
    assert stale.status_code == 409
    assert site.client("KGVX").get("/don-vi/TCCB/lich-su/1").status_code == 403
    assert client.get("/don-vi/TCCB/lich-su/9").status_code == 404


def test_repeated_wrong_secrets_lock_that_code_for_a_while(site):
    client = site.client()
    token = site.csrf(client.get("/dang-nhap").text)
    codes = [client.post("/dang-nhap", data={"_csrf": token, "code": "PL", "secret": "sai"}
                         ).status_code for _ in range(10)]
    assert set(codes) == {401}
    right = client.post("/dang-nhap", data={"_csrf": token, "code": "PL",
                                            "secret": site.secrets["PL"]})
    assert right.status_code == 429 and "hãy thử lại sau 15 phút" in right.text
    other = client.post("/dang-nhap", data={"_csrf": token, "code": "TCCB",
                                            "secret": site.secrets["TCCB"]})
    assert other.status_code == 302                 # only that code is locked
