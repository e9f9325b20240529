"""The web app in a real browser: Debian's Chromium driven by Playwright against a live waitress
server on a free loopback port. Skipped when Chromium (or Playwright) is missing, unless
THIDUA_REQUIRE_CHROMIUM=1, which turns the skip into a failure. Playwright's own browsers are
never downloaded: the system's /usr/bin/chromium is used."""

from __future__ import annotations

import io
import os
import shutil
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from generator.store.submissions import AGENCY

CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
REQUIRED = os.environ.get("THIDUA_REQUIRE_CHROMIUM") == "1"

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:         # pragma: no cover - the test extra installs it
    sync_playwright = None

MISSING = ("Playwright is not installed" if sync_playwright is None
           else None if Path(CHROMIUM).exists() else f"Chromium is missing ({CHROMIUM})")
if MISSING and REQUIRED:
    raise RuntimeError(f"THIDUA_REQUIRE_CHROMIUM=1 but {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture
def live(site: Any) -> Iterator[str]:
    """The site served by waitress on a free port of 127.0.0.1, in a thread."""
    from waitress import create_server

    server = create_server(site.app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[Any]:
    assert sync_playwright is not None
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def shoot(page: Page, tmp_path: Path, name: str) -> None:
    """A full-page screenshot; copied to $THIDUA_SCREENSHOTS when set (to look at them)."""
    target = tmp_path / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    keep = os.environ.get("THIDUA_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(target, Path(keep) / target.name)


def sign_in(page: Page, base: str, code: str, secret: str) -> None:
    page.goto(f"{base}/dang-nhap")
    page.get_by_label("Mã đơn vị").fill(code)
    page.get_by_label("Mã bí mật").fill(secret)
    page.get_by_label("Mã bí mật").press("Enter")          # the keyboard alone signs in


def test_a_unit_fills_its_plan_and_the_agency_returns_it(site, live, browser, tmp_path):
    context = browser.new_context(accept_downloads=True, locale="vi-VN",
                                  viewport={"width": 1200, "height": 900})
    page = context.new_page()
    sign_in(page, live, "TCCB", site.secrets["TCCB"])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vụ Tổ chức cán bộ")

    # A wrong value: the error summary takes the focus and links to the field.
    number = page.locator("#f-document-number")
    number.fill("hai")
    name = page.locator("#f-signer-name")
    name.fill("")
    name.type(unicodedata.normalize("NFD", "Lê Thị Thu Hà"))       # decomposed input
    page.get_by_role("button", name="Lưu nháp").first.click()
    summary = page.locator("#tom-tat-loi")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Có 1 lỗi cần sửa")
    link = summary.get_by_role("link", name="Số và ngày Kế hoạch của đơn vị › Số văn bản")
    expect(link).to_contain_text("phải là số nguyên")
    shoot(page, tmp_path, "1-loi-tai-truong")
    link.click()
    expect(number).to_be_focused()
    expect(number).to_have_attribute("aria-invalid", "true")
    error_id = number.get_attribute("aria-describedby").split()[0]
    expect(page.locator(f"#{error_id}")).to_contain_text("phải là số nguyên")

    # Fixed, with a row added by keyboard, then saved and previewed.
    number.fill("2")
    page.get_by_role("button", name="Thêm dòng: Chỉ tiêu thi đua").press("Enter")
    page.locator("#f-targets-3").fill("Số hóa 100% hồ sơ khen thưởng.")
    page.get_by_role("button", name="Lưu và xem trước").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xem trước Kế hoạch")
    expect(page.locator(".doc")).to_contain_text("Số hóa 100% hồ sơ khen thưởng.")
    shoot(page, tmp_path, "2-xem-truoc")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải về: Kế hoạch 02-KH-TCCB.docx").click()
    download = info.value
    assert download.suggested_filename == "Kế hoạch 02-KH-TCCB.docx"
    document = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "Số hóa 100% hồ sơ khen thưởng." in text
    assert "Lê Thị Thu Hà" in text
    saved = site.store.current("TCCB").data
    assert saved["signer"]["name"] == unicodedata.normalize("NFC", "Lê Thị Thu Hà")

    # Sent; the agency returns it with a comment.
    page.get_by_role("link", name="Quay lại").click()
    page.get_by_role("button", name="Gửi Ban Thi đua").first.click()
    expect(page.locator(".state")).to_contain_text("đã gửi")
    agency_page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    sign_in(agency_page, live, AGENCY, site.secrets[AGENCY])
    expect(agency_page.get_by_role("heading", level=1)).to_have_text("Kế hoạch của các đơn vị")
    shoot(agency_page, tmp_path, "3-ban-thi-dua")
    agency_page.get_by_role("link", name="Vụ Tổ chức cán bộ").click()
    agency_page.get_by_label("Ý kiến khi trả lại").fill("Đề nghị bổ sung chỉ tiêu chuyển đổi số.")
    agency_page.get_by_role("button", name="Trả lại đơn vị").click()
    row = agency_page.get_by_role("row").filter(has_text="Vụ Tổ chức cán bộ")
    expect(row).to_contain_text("trả lại")

    page.reload()
    expect(page.locator(".returned")).to_contain_text("Đề nghị bổ sung chỉ tiêu chuyển đổi số.")
    expect(page.get_by_role("button", name="Lưu nháp").first).to_be_enabled()
    shoot(page, tmp_path, "4-don-vi-thay-y-kien")
    context.close()


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="needs LibreOffice and pdftoppm")
def test_the_preview_shows_the_pdf_pages_as_images(site, live, browser, tmp_path):
    page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    sign_in(page, live, "TCCB", site.secrets["TCCB"])
    page.goto(f"{live}/don-vi/TCCB/xem-truoc")
    page.get_by_role("link", name="Xem ảnh các trang như khi in").click()
    first = page.get_by_role("img", name="Trang 1 của Kế hoạch 02-KH-TCCB.docx")
    expect(first).to_be_visible(timeout=120_000)
    page.wait_for_function("img => img.complete && img.naturalWidth > 300",
                           arg=first.element_handle(), timeout=60_000)
    shoot(page, tmp_path, "5-anh-trang")


def test_the_form_works_without_javascript(site, live, browser, tmp_path):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1200,
                                                                       "height": 900})
    page = context.new_page()
    sign_in(page, live, "KGVX", site.secrets["KGVX"])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vụ Khoa giáo - Văn xã")
    before = page.locator("[id^=f-registrations-][id$=-name]").count()
    page.get_by_role("button", name="Thêm dòng: Đăng ký thi đua").click()
    expect(page.locator("[id^=f-registrations-][id$=-name]")).to_have_count(before + 1)
    page.locator(f"#f-registrations-{before}-name").fill("Phòng Tổng hợp")
    page.locator(f"#f-registrations-{before}-title").fill("Tập thể lao động tiên tiến")
    page.get_by_role("button", name="Xóa dòng 1 của bảng Đăng ký thi đua", exact=True).click()
    expect(page.locator("[id^=f-registrations-][id$=-name]")).to_have_count(before)
    page.get_by_role("button", name="Lưu nháp").first.click()
    expect(page.get_by_role("status")).to_have_text("Đã lưu.")
    saved = site.store.current("KGVX").data["registrations"]
    assert len(saved) == before and saved[-1]["name"] == "Phòng Tổng hợp"
    shoot(page, tmp_path, "6-khong-javascript")
    context.close()


@pytest.mark.parametrize("site", ["postgresql"], indirect=True)
def test_nominations_on_postgresql_from_the_unit_to_the_built_cycle(site, live, browser,
                                                                   tmp_path):
    """On a PostgreSQL store: a unit corrects and sends its nominations, the agency approves
    them and builds the cycle's documents, recorded in the register in the same database."""
    from generator.store import register

    page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    sign_in(page, live, "TCCB", site.secrets["TCCB"])
    page.get_by_role("link", name="Đề nghị khen thưởng sơ kết (chu-ky-2022)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Đề nghị khen thưởng sơ kết (chu-ky-2022) — Vụ Tổ chức cán bộ")
    name = page.locator("#f-nominees-0-name")
    kept = name.input_value()
    name.fill("")
    page.get_by_role("button", name="Lưu nháp").first.click()
    summary = page.locator("#tom-tat-loi")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    expect(name).to_be_focused()
    shoot(page, tmp_path, "7-de-nghi-loi")
    name.type(unicodedata.normalize("NFD", kept))
    page.get_by_role("button", name="Lưu và xem trước").first.click()
    expect(page.locator(".doc")).to_contain_text(kept)
    page.get_by_role("link", name="Quay lại").click()
    page.get_by_role("button", name="Gửi Ban Thi đua").first.click()
    expect(page.locator(".state")).to_contain_text("đã gửi")

    agency = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    sign_in(agency, live, AGENCY, site.secrets[AGENCY])
    agency.get_by_role("navigation", name="Giấy tờ").get_by_role(
        "link", name="Đề nghị khen thưởng sơ kết (chu-ky-2022)").click()
    row = agency.get_by_role("row").filter(has_text="Vụ Tổ chức cán bộ")
    expect(row).to_contain_text("đã gửi")
    row.get_by_role("link", name="Vụ Tổ chức cán bộ").click()
    agency.get_by_role("button", name="Duyệt").click()
    expect(agency.get_by_role("row").filter(has_text="Vụ Tổ chức cán bộ")).to_contain_text(
        "đã duyệt")
    agency.get_by_role("link", name="Soạn văn bản từ các bản đã duyệt").click()
    expect(agency.get_by_role("row").filter(has_text="TCCB")).to_contain_text(
        "chu-ky-2022")
    agency.get_by_label("Ghi đè tệp dữ liệu và văn bản đã có với nội dung khác").check()
    agency.get_by_role("button", name="Ghi dữ liệu và soạn văn bản đợt xét chu-ky-2022").click()
    done = agency.get_by_role("status")
    expect(done).to_contain_text("Đã xong", timeout=120_000)
    expect(done).to_contain_text("Biên bản")
    shoot(agency, tmp_path, "8-da-soan-dot-xet")
    assert unicodedata.is_normalized("NFC", (site.folder / "chu-ky-2022" / "nominations"
                                             / "TCCB.json").read_text(encoding="utf-8"))
    entries = register.entries(site.app.extensions["thidua"]["register"])
    assert any(e.symbol == "QĐ-VPCP" for e in entries)
