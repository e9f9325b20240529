"""`thidua check`: the Nghị định 30/2020 conformance checker, on hand-made and generated .docx.

Every rule has passing documents (the clean clerk documents below, in several layouts) and at
least one failing document that breaks that rule alone. The documents are built in tmp_path by
tests/checker_fixtures.py the way a clerk types them in Word.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from support import ROOT, SAMPLE, SAMPLE_DIR
from support.checker_fixtures import DECISION, LEFT, LETTER, Clerk, build

from generator.build import build_campaign, render_file
from generator.check.rules.base import RULES, Finding
from generator.check.run import (
    FileReport,
    check_document,
    check_files,
    exit_code,
    format_json,
    format_text,
)
from generator.errors import UnreadableDocument


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def check(tmp_path: Path, clerk: Clerk, name: str = "plan.docx") -> list[Finding]:
    return check_document(build(clerk, tmp_path / name))


def show(findings: list[Finding]) -> str:
    return "\n".join(f"{f.rule} {f.where}: {f.message} ({f.expected} / {f.found})"
                     for f in findings)


# -- documents that follow the decree ---------------------------------------------------------

# Other kinds of document, for rules that must not assume a Kế hoạch.
DECIDE = {"type_name": "QUYẾT ĐỊNH", "abstract": "Về việc tặng Giấy khen năm 2024",
          "number": "Số: 125/QĐ-SNV", "body_items": tuple(DECISION),
          "recipients": ("- Như Điều 2;", "- Lưu: VT, VP.")}
LETTER_CLERK = {"type_name": "", "abstract": "", "number": "Số: 45/SNV-VP",
                "body_items": tuple(LETTER), "vv": "V/v bố trí kinh phí khen thưởng năm 2024",
                "recipients": ("- Như trên;", "- Lưu: VT, VP.")}

PEOPLES_COMMITTEE = {"parent": "", "agency": "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM",
                     "number": "Số: 05/KH-UBND",
                     "signer": ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")}
CHAIRMAN_DECISION = (("center", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM"), *DECISION[1:])

CLEAN = {
    "table-header-table-footer-direct": Clerk(),
    "tab-header": Clerk(header="tabs"),
    "tab-footer": Clerk(footer="tabs"),
    "stacked-footer": Clerk(footer="stacked"),
    "clerk-styles": Clerk(styled=True),
    "tabs-everywhere-underscore-rules": Clerk(header="tabs", footer="tabs", styled=True,
                                              agency_rule="underscores",
                                              tieu_ngu_rule="underscores",
                                              abstract_rule="underscores"),
    "drawn-lines-in-table": Clerk(agency_rule="shape", tieu_ngu_rule="shape"),
    "hoa-spelling-and-caps-format": Clerk(quoc_hieu="CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                          caps_quoc_hieu=True),
    "indent-by-tab-line-1.5": Clerk(body_indent_tab=True, body_line=1.5),
    "draft-number-and-date": Clerk(number="Số:      /KH-SNV",
                                   date_line="Hà Nam, ngày\u00a0\u00a0\u00a0\u00a0tháng\u00a0"
                                             "\u00a0\u00a0năm 2024", draft_mark=True),
    "landscape-with-wide-table": Clerk(landscape=True, wide_table=True,
                                       margins_mm=(20, 20, 30, 15)),
    "long-plan-numbered": Clerk(extra_paragraphs=40),
    "no-authority-prefix": Clerk(signer=("GIÁM ĐỐC",)),
    "january": Clerk(date_line="Hà Nam, ngày 31 tháng 01 năm 2024", number="Số: 112/KH-SNV"),
    "quyet-dinh": Clerk(**DECIDE),
    "cong-van-tab-footer": Clerk(**LETTER_CLERK, footer="tabs"),
    # Issue 12: a People's Committee signs for the collective; its Chủ tịch decides in his own
    # name; the decree's three-line block; a long name broken by the clerk where it belongs.
    "ubnd-signed-tm-three-lines": Clerk(**PEOPLES_COMMITTEE),
    "chairman-decides-without-tm": Clerk(**{**DECIDE, **PEOPLES_COMMITTEE,
                                            "number": "Số: 125/QĐ-UBND",
                                            "signer": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
                                            "body_items": CHAIRMAN_DECISION}),
    "long-name-broken-by-the-clerk": Clerk(agency="SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN\nNÔNG THÔN"),
}


@pytest.mark.parametrize("clerk", CLEAN.values(), ids=CLEAN.keys())
def test_a_clerk_document_that_follows_the_decree_has_no_errors(tmp_path: Path,
                                                                clerk: Clerk) -> None:
    findings = check(tmp_path, clerk)
    assert errors(findings) == [], show(findings)


def test_warnings_alone_do_not_fail_the_check(tmp_path: Path) -> None:
    # python-docx, like Word, leaves the east-Asian and complex-script slots on theme fonts.
    report = check_files([build(Clerk(), tmp_path / "plan.docx")])
    # A clerk's plan typed without "Keep with next" may leave the signer alone, and its
    # "… như sau:" line at the foot of a page (issue 13).
    assert {f.rule for f in report[0].findings} == {"ND30-FONT-SLOTS", "ND30-KEEP-SIGNER",
                                                     "ND30-LEAD-KEEP"}
    assert exit_code(report) == 0


# -- each rule broken alone -------------------------------------------------------------------

RECIPIENTS = ("- Ủy ban nhân dân tỉnh (để báo cáo);", "- Các phòng, đơn vị thuộc Sở;")
BREAKS: list[tuple[str, str, dict]] = [
    ("ND30-PAGE-SIZE", "letter-paper", {"page_mm": (215.9, 279.4)}),
    ("ND30-ORIENTATION", "landscape-without-table", {"landscape": True}),
    ("ND30-MARGINS", "left-25mm", {"margins_mm": (20, 20, 25, 15)}),
    ("ND30-MARGINS", "python-docx-defaults", {"margins_mm": (25.4, 25.4, 31.75, 31.75)}),
    ("ND30-FONT", "an-arial-sentence", {"odd_font_run": "Arial"}),
    ("ND30-FONT", "theme-font-left-in-normal", {"theme_font": True}),
    ("ND30-FONT", "normal-style-in-arial", {"font": "Arial", "header": "tabs"}),
    ("ND30-QUOC-HIEU", "lower-case", {"quoc_hieu": "Cộng hòa xã hội chủ nghĩa Việt Nam"}),
    ("ND30-QUOC-HIEU", "abbreviated", {"quoc_hieu": "CỘNG HÒA XHCN VIỆT NAM"}),
    ("ND30-QUOC-HIEU", "not-bold-tabs", {"quoc_hieu_bold": False, "header": "tabs"}),
    ("ND30-QUOC-HIEU", "14pt", {"quoc_hieu_size": 14}),
    ("ND30-TIEU-NGU", "en-dashes", {"tieu_ngu": "Độc lập – Tự do – Hạnh phúc"}),
    ("ND30-TIEU-NGU", "unspaced-hyphens-tabs",
     {"tieu_ngu": "Độc lập-Tự do-Hạnh phúc", "header": "tabs"}),
    ("ND30-TIEU-NGU", "upper-case", {"tieu_ngu": "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"}),
    ("ND30-TIEU-NGU", "12pt", {"tieu_ngu_size": 12}),
    ("ND30-TIEU-NGU", "no-rule-table", {"tieu_ngu_rule": "none"}),
    ("ND30-TIEU-NGU", "no-rule-tabs", {"tieu_ngu_rule": "none", "header": "tabs"}),
    ("ND30-CO-QUAN", "not-bold", {"agency_bold": False}),
    ("ND30-CO-QUAN", "lower-case-tabs", {"agency": "Sở Nội vụ", "header": "tabs"}),
    ("ND30-CO-QUAN", "no-rule-table", {"agency_rule": "none"}),
    ("ND30-CO-QUAN", "no-rule-tabs", {"agency_rule": "none", "header": "tabs"}),
    ("ND30-SO-KY-HIEU", "number-not-padded", {"number": "Số: 5/KH-SNV"}),
    ("ND30-SO-KY-HIEU", "type-abbreviation-of-another-type", {"number": "Số: 05/QĐ-SNV"}),
    ("ND30-SO-KY-HIEU", "spaces-around-hyphen-tabs",
     {"number": "Số: 05/KH - SNV", "header": "tabs"}),
    ("ND30-SO-KY-HIEU", "no-colon", {"number": "Số 05/KH-SNV"}),
    ("ND30-SO-KY-HIEU", "year-in-symbol", {"number": "Số: 05/2024/KH-SNV"}),
    ("ND30-SO-KY-HIEU", "decision-numbered-as-a-plan", {**DECIDE, "number": "Số: 125/KH-SNV"}),
    ("ND30-DIA-DANH-NGAY", "day-not-padded", {"date_line": "Hà Nam, ngày 5 tháng 3 năm 2024"}),
    ("ND30-DIA-DANH-NGAY", "march-padded", {"date_line": "Hà Nam, ngày 05 tháng 03 năm 2024"}),
    ("ND30-DIA-DANH-NGAY", "january-not-padded-tabs",
     {"date_line": "Hà Nam, ngày 05 tháng 1 năm 2024", "header": "tabs"}),
    ("ND30-DIA-DANH-NGAY", "no-such-day", {"date_line": "Hà Nam, ngày 30 tháng 02 năm 2024"}),
    ("ND30-DIA-DANH-NGAY", "no-comma", {"date_line": "Hà Nam ngày 05 tháng 3 năm 2024"}),
    ("ND30-DIA-DANH-NGAY", "upright", {"date_italic": False}),
    ("ND30-TEN-LOAI", "lower-case", {"type_name": "Kế hoạch"}),
    ("ND30-TEN-LOAI", "not-bold", {"type_bold": False}),
    ("ND30-TRICH-YEU", "not-bold", {"abstract_bold": False}),
    ("ND30-TRICH-YEU", "no-rule", {"abstract_rule": "none"}),
    ("ND30-TRICH-YEU", "cong-van-v/v-14pt", {**LETTER_CLERK, "vv_size": 14}),
    ("ND30-BODY-INDENT", "decision-can-cu-not-indented", {**DECIDE, "body_indent_mm": 0}),
    ("ND30-CAN-CU", "can-cu-upright",
     {**DECIDE, "body_items": (DECISION[0], ("text", DECISION[1][1]), *DECISION[2:])}),
    ("ND30-CAN-CU", "can-cu-without-semicolon",
     {**DECIDE, "body_items": (DECISION[0], ("italic", DECISION[1][1].rstrip(";")),
                               *DECISION[2:])}),
    ("ND30-CAN-CU", "last-line-with-semicolon",
     {**DECIDE, "body_items": (*DECISION[:3], ("italic", DECISION[3][1][:-1] + ";"),
                               *DECISION[4:])}),
    ("ND30-BODY-SIZE", "12pt", {"body_size": 12}),
    ("ND30-BODY-SIZE", "12pt-in-clerk-style", {"body_size": 12, "styled": True}),
    ("ND30-BODY-ALIGN", "left-aligned", {"body_align": LEFT}),
    ("ND30-BODY-INDENT", "no-indent", {"body_indent_mm": 0}),
    ("ND30-BODY-INDENT", "2cm-in-clerk-style", {"body_indent_mm": 20, "styled": True}),
    ("ND30-BODY-SPACING", "no-space-after", {"body_after_pt": 0}),
    ("ND30-BODY-LINE-SPACING", "double", {"body_line": 2.0}),
    ("ND30-END-MARK", "full-stop-only", {"end_mark": "."}),
    ("ND30-NOI-NHAN", "upright", {"noi_nhan_italic": False}),
    ("ND30-NOI-NHAN", "no-colon-tabs", {"noi_nhan": "Nơi nhận", "footer": "tabs"}),
    ("ND30-NOI-NHAN-LIST", "13pt", {"recipient_size": 13}),
    ("ND30-NOI-NHAN-LIST", "no-luu-line-stacked",
     {"recipients": RECIPIENTS, "footer": "stacked"}),
    ("ND30-NOI-NHAN-LIST", "item-without-dash-tabs",
     {"recipients": ("Ủy ban nhân dân tỉnh;", "- Lưu: VT, VP."), "footer": "tabs"}),
    ("ND30-NOI-NHAN-LIST", "item-without-semicolon",
     {"recipients": ("- Ủy ban nhân dân tỉnh", "- Lưu: VT, VP.")}),
    ("ND30-SIGNER", "prefix-typed-wrong", {"signer": ("K.T GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")}),
    ("ND30-SIGNER", "not-bold-tabs", {"signer_bold": False, "footer": "tabs"}),
    ("ND30-SIGNER", "title-lower-case-stacked",
     {"signer": ("KT. Giám đốc", "PHÓ GIÁM ĐỐC"), "footer": "stacked"}),
    ("ND30-SIGNER-TM", "ubnd-plan-signed-without-tm",
     {**PEOPLES_COMMITTEE, "signer": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")}),
    ("ND30-SIGNER-TM", "ubnd-decision-in-the-committees-name-without-tm",
     {**DECIDE, **PEOPLES_COMMITTEE, "number": "Số: 125/QĐ-UBND",
      "signer": ("CHỦ TỊCH",),
      "body_items": (("center", "ỦY BAN NHÂN DÂN TỈNH HÀ NAM"), *DECISION[1:])}),
    ("ND30-SIGNER-LINES", "four-lines",
     {"signer": ("TM. HỘI ĐỒNG", "TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")}),
    ("ND30-HEADER-WRAP", "long-name-left-to-word",
     {"agency": "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN TỈNH HÀ NAM"}),
    ("ND30-HEADER-WRAP", "long-parent-left-to-word",
     {"parent": "ỦY BAN NHÂN DÂN TỈNH HÀ NAM VÀ CÁC CƠ QUAN TRỰC THUỘC"}),
    ("ND30-PAGE-NUMBER", "number-on-page-1", {"page_number": "page1"}),
    ("ND30-PAGE-NUMBER", "in-the-footer", {"page_number": "footer"}),
    ("ND30-PAGE-NUMBER", "left-aligned", {"page_number": "left"}),
    # Issue 13, point 7: drafts say so on every page; blanks are not signed.
    ("ND30-DU-THAO", "draft-without-the-mark", {"number": "Số:      /KH-SNV"}),
    ("ND30-DU-THAO", "undated-draft-without-the-mark",
     {"date_line": "Hà Nam, ngày    tháng    năm 2024"}),
    ("ND30-DU-THAO", "signed-and-still-marked", {"draft_mark": True}),
    ("ND30-PLACEHOLDER", "signer-name-left-blank", {"name": "(Họ và tên)"}),
    # Point 9: thidua's own header table was 170 mm in a 165 mm text area.
    ("ND30-TABLE-WIDTH", "header-table-170-mm", {"header_mm": (62, 108)}),
]


@pytest.mark.parametrize("rule, changes", [(r, c) for r, _, c in BREAKS],
                         ids=[f"{r}-{i}" for r, i, _ in BREAKS])
def test_a_document_breaking_one_rule_reports_that_rule_only(tmp_path: Path, rule: str,
                                                             changes: dict) -> None:
    findings = errors(check(tmp_path, replace(Clerk(), **changes)))
    assert {f.rule for f in findings} == {rule}, show(findings)
    assert all(f.message and f.where for f in findings)


def test_every_rule_has_a_failing_case() -> None:
    broken = {rule for rule, _, _ in BREAKS}
    warnings = {r for r, spec in RULES.items() if spec.severity == "warning"}
    certificates = {r for r in RULES if r.startswith("CERT-")}    # test_checker_certificates
    pages = {"ND30-SIGNER-ALONE"}                   # needs LibreOffice: test_check_pages
    ballots = {"BALLOT-ORDER"}                      # test_checker_forms
    assert set(RULES) - broken - certificates - pages - ballots == warnings


def test_a_long_plan_without_page_numbers_gets_a_warning(tmp_path: Path) -> None:
    findings = check(tmp_path, Clerk(extra_paragraphs=40, page_number="none"))
    assert errors(findings) == []
    assert [f.rule for f in findings if f.rule.startswith("ND30-PAGE")] == \
        ["ND30-PAGE-NUMBER-MISSING"]
    short = check(tmp_path, Clerk(page_number="none"), "short.docx")
    assert not [f for f in short if f.rule.startswith("ND30-PAGE")]


def test_decomposed_unicode_gets_a_warning(tmp_path: Path) -> None:
    decomposed = "Tổ chức phong trào thi đua năm 2024".replace("ổ", "o\u0302\u0309")
    findings = check(tmp_path, Clerk(abstract=decomposed))
    assert errors(findings) == []
    assert "ND30-UNICODE" in {f.rule for f in findings}


# -- missing blocks: one finding each, never a crash ------------------------------------------

MISSING = [
    ("ND30-QUOC-HIEU", {"quoc_hieu": ""}),
    ("ND30-TIEU-NGU", {"tieu_ngu": ""}),
    ("ND30-CO-QUAN", {"parent": "", "agency": ""}),
    ("ND30-SO-KY-HIEU", {"number": ""}),
    ("ND30-DIA-DANH-NGAY", {"date_line": ""}),
    ("ND30-TEN-LOAI", {"type_name": "", "abstract": ""}),
    ("ND30-TRICH-YEU", {"abstract": ""}),
    ("ND30-NOI-NHAN", {"noi_nhan": "", "recipients": ()}),
    ("ND30-NOI-NHAN-LIST", {"recipients": ()}),
    ("ND30-SIGNER", {"signer": (), "name": ""}),
]


@pytest.mark.parametrize("rule, changes", MISSING, ids=[r for r, _ in MISSING])
def test_a_missing_block_gets_exactly_one_finding(tmp_path: Path, rule: str,
                                                  changes: dict) -> None:
    findings = errors(check(tmp_path, replace(Clerk(), **changes)))
    assert [f.rule for f in findings] == [rule], show(findings)
    assert "Không tìm thấy" in findings[0].message


def test_an_empty_document_reports_each_missing_block_once(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    rules = [f.rule for f in errors(check_document(path))]
    for block in ("ND30-QUOC-HIEU", "ND30-TIEU-NGU", "ND30-CO-QUAN", "ND30-SO-KY-HIEU",
                  "ND30-DIA-DANH-NGAY", "ND30-TEN-LOAI", "ND30-NOI-NHAN", "ND30-SIGNER"):
        assert rules.count(block) == 1, rules
    assert "ND30-PAGE-SIZE" in rules           # python-docx's blank page is US Letter


# -- one hand-made document with five mistakes ------------------------------------------------


def test_five_distinct_mistakes_are_reported_exactly(tmp_path: Path) -> None:
    clerk = Clerk(header="tabs", footer="tabs", styled=True,
                  margins_mm=(20, 20, 25, 15),                          # left margin 25 mm
                  odd_font_run="Arial",                                 # one sentence in Arial
                  date_line="Hà Nam, ngày 05 tháng 03 năm 2024",        # "tháng 03"
                  body_align=LEFT,                                      # body not justified
                  noi_nhan_italic=False)                                # "Nơi nhận:" upright
    findings = errors(check(tmp_path, clerk))
    assert sorted(f.rule for f in findings) == sorted([
        "ND30-MARGINS", "ND30-FONT", "ND30-DIA-DANH-NGAY", "ND30-BODY-ALIGN", "ND30-NOI-NHAN"]), \
        show(findings)
    by_rule = {f.rule: f for f in findings}
    assert by_rule["ND30-MARGINS"].found == "25,0 mm"
    assert by_rule["ND30-FONT"].found == "Arial"
    assert by_rule["ND30-DIA-DANH-NGAY"].expected == "tháng 3"


# -- thidua's own output ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "plan.docx"
    path.write_bytes(render_file(SAMPLE, today=date(2026, 11, 29)).content)
    return path


def test_the_plan_thidua_generates_has_no_errors(sample_docx: Path) -> None:
    findings = check_document(sample_docx)
    assert errors(findings) == [], show(findings)


def test_every_document_of_the_sample_campaign_has_no_errors(tmp_path: Path) -> None:
    # Certificates follow the award designs (ND 85/2014), not Phụ lục I: only the documents.
    built = build_campaign(SAMPLE_DIR, tmp_path / "out", today=date(2026, 11, 29))
    documents = sorted(w.path for w in built.documents)
    assert documents
    reports = check_files(documents)
    assert exit_code(reports) == 0, format_text(reports)


def _edit_xml(source: Path, target: Path, old: str, new: str,
              part: str = "word/document.xml") -> Path:
    """Copy a .docx with one text replaced in one part (as a later edit would)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data, count = re.subn(old.encode(), new.encode(), data, count=1, flags=re.DOTALL)
                assert count == 1, old
            zout.writestr(item, data)
    return target


@pytest.mark.parametrize("old, new, rule", [
    ("tháng 9 năm 2021", "tháng 09 năm 2021", "ND30-DIA-DANH-NGAY"),
    ("15/KH-VPCP", "15/QĐ-VPCP", "ND30-SO-KY-HIEU"),
    ("phong trào thi đua đặc biệt này\\./\\.", "phong trào thi đua đặc biệt này.",
     "ND30-END-MARK"),
    ('<w:pgMar w:top="1134"', '<w:pgMar w:top="567"', "ND30-MARGINS"),
    ("<w:titlePg/>", "", "ND30-PAGE-NUMBER"),
])
def test_the_generated_plan_is_really_read(sample_docx: Path, tmp_path: Path, old: str,
                                           new: str, rule: str) -> None:
    edited = _edit_xml(sample_docx, tmp_path / "edited.docx", old, new)
    assert {f.rule for f in errors(check_document(edited))} == {rule}


def test_a_theme_font_counts_only_when_the_theme_says_times_new_roman(tmp_path: Path) -> None:
    themed = build(Clerk(theme_font=True), tmp_path / "themed.docx")
    assert {f.found for f in errors(check_document(themed))} == {"Cambria"}
    fixed = _edit_xml(themed, tmp_path / "fixed.docx", '<a:latin typeface="Cambria"',
                      '<a:latin typeface="Times New Roman"', "word/theme/theme1.xml")
    assert errors(check_document(fixed)) == []


def test_findings_name_the_block_where_the_clerk_will_look(tmp_path: Path) -> None:
    findings = errors(check(tmp_path, Clerk(quoc_hieu_size=14, recipient_size=12)))
    where = {f.rule: f.where for f in findings}
    assert where["ND30-QUOC-HIEU"] == "bảng tiêu đề (hàng 1, cột 2)"
    assert where["ND30-NOI-NHAN-LIST"].startswith("bảng cuối văn bản (hàng 1, cột 1)")


def test_a_document_without_page_setup_is_checked_not_crashed(tmp_path: Path) -> None:
    source = build(Clerk(), tmp_path / "plan.docx")
    bare = _edit_xml(source, tmp_path / "bare.docx", "<w:sectPr.*</w:sectPr>", "")
    findings = errors(check_document(bare))
    assert [f.found for f in findings if f.rule == "ND30-PAGE-SIZE"] == ["không khai báo"]


# -- unreadable files -------------------------------------------------------------------------


def _ole(stream: str) -> bytes:
    """The start of an OLE compound file naming one stream in its directory."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + stream.encode("utf-16-le") + \
        b"\0" * 512


def _truncated(tmp_path: Path) -> bytes:
    data = build(Clerk(), tmp_path / "whole.docx").read_bytes()
    return data[: len(data) // 2]


def _not_word(member: str = "xl/workbook.xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(member, "<x/>")
    return out.getvalue()


UNREADABLE = {
    "word-97.doc": (lambda tmp: _ole("WordDocument"), "Word 97-2003"),
    "encrypted.docx": (lambda tmp: _ole("EncryptionInfo") + "EncryptedPackage".encode(
        "utf-16-le"), "mật khẩu"),
    "scan.pdf": (lambda tmp: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    "cut.docx": (_truncated, "bị hỏng"),
    "empty.docx": (lambda tmp: b"", "rỗng"),
    "book.docx": (lambda tmp: _not_word(), "bảng tính Excel"),
    "letter.odt": (lambda tmp: _not_word("content.xml"), "OpenDocument"),
    "no-document-part.docx": (lambda tmp: _not_word("word/styles.xml"),
                              "không đọc được nội dung"),
    "note.docx": (lambda tmp: "Kế hoạch".encode(), "không phải văn bản Word"),
}


@pytest.mark.parametrize("name", UNREADABLE)
def test_an_unreadable_file_raises_unreadable_document_in_vietnamese(tmp_path: Path,
                                                                      name: str) -> None:
    make, words = UNREADABLE[name]
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    with pytest.raises(UnreadableDocument) as caught:
        check_document(path)
    assert str(path) in str(caught.value) and words in str(caught.value)
    assert caught.value.exit_code == 2


def test_a_package_without_a_body_is_unreadable(tmp_path: Path) -> None:
    source = build(Clerk(), tmp_path / "plan.docx")
    empty = _edit_xml(source, tmp_path / "empty.docx", "<w:body>.*</w:body>", "")
    with pytest.raises(UnreadableDocument, match="bị hỏng"):
        check_document(empty)


@pytest.mark.parametrize("make", [lambda p: p, lambda p: p / "missing.docx"],
                         ids=["a-folder", "no-such-file"])
def test_a_path_that_is_not_a_file_is_unreadable(tmp_path: Path, make) -> None:
    with pytest.raises(UnreadableDocument, match="không"):
        check_document(make(tmp_path))


# -- reports ----------------------------------------------------------------------------------


@pytest.fixture
def three_files(tmp_path: Path) -> list[Path]:
    good = build(Clerk(), tmp_path / "good.docx")
    bad = build(Clerk(number="Số: 5/KH-SNV", body_size=12), tmp_path / "bad.docx")
    broken = tmp_path / "old.doc"
    broken.write_bytes(_ole("WordDocument"))
    return [good, bad, broken]


def test_check_files_reports_every_file_and_the_exit_code(three_files: list[Path]) -> None:
    reports = check_files(three_files)
    good, bad, broken = reports
    assert good.errors == [] and not good.unreadable
    assert {f.rule for f in bad.errors} == {"ND30-SO-KY-HIEU", "ND30-BODY-SIZE"}
    assert broken.unreadable and "Word 97-2003" in broken.unreadable
    assert (exit_code(reports), exit_code(reports[:2]), exit_code(reports[:1])) == (2, 1, 0)


def test_text_report_has_one_vietnamese_line_per_finding(three_files: list[Path]) -> None:
    reports = check_files(three_files)
    lines = format_text(reports).splitlines()
    findings = sum(len(r.findings) for r in reports)
    assert len(lines) == findings + 2             # + the unreadable file, + the summary
    bad = [x for x in lines if x.startswith(str(three_files[1])) and " lỗi " in x]
    assert any("ND30-SO-KY-HIEU" in x and "Số nhỏ hơn 10" in x for x in bad)
    assert any(x.startswith("không đọc được: ") and "Word 97-2003" in x for x in lines)
    warnings = sum(len(r.warnings) for r in reports)
    assert lines[-1] == f"Tổng cộng: 2 lỗi, {warnings} cảnh báo trong 3 tệp; 1 tệp không đọc được."


def test_json_report_carries_every_field(three_files: list[Path]) -> None:
    data = json.loads(format_json(check_files(three_files)))
    assert data["exit_code"] == 2
    good, bad, broken = data["files"]
    assert (good["errors"], bad["errors"], broken["readable"]) == (0, 2, False)
    first = next(f for f in bad["findings"] if f["severity"] == "error")
    assert set(first) == {"rule", "severity", "where", "excerpt", "expected", "found",
                          "message"}
    assert "Số" in json.dumps(data, ensure_ascii=False)


def test_a_clean_report_says_so() -> None:
    text = format_text([FileReport(Path("a.docx"))])
    assert text.splitlines()[0] == "a.docx: đúng thể thức, không phát hiện lỗi."


# -- documentation ----------------------------------------------------------------------------


def test_the_rules_table_documents_every_rule_with_its_severity() -> None:
    table = (ROOT / "docs" / "check-rules.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `((?:ND30|CERT|BALLOT)-[A-Z-]+)` \| (\w+) \|", table, re.MULTILINE))
    assert rows == {rule: spec.severity for rule, spec in RULES.items()}
