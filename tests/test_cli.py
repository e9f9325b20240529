"""The thidua command line: exit codes, messages, nothing written on failure, --force."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import SAMPLE, write_json

from generator import __version__
from generator.cli import main

COMMANDS = sorted(main.commands)


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"thidua {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_vietnamese_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Ví dụ:" in result.stdout and f"thidua {command}" in result.stdout
    summary = main.commands[command].get_short_help_str(limit=200)
    assert any(c in summary for c in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def test_main_help_lists_every_command(run):
    result = run("--help")
    assert result.exit_code == 0 and all(c in result.stdout for c in COMMANDS)


def test_validate_valid_file(run):
    result = run("validate", str(SAMPLE))
    assert result.exit_code == 0 and "Hợp lệ: 1 tệp." in result.stdout


def test_validate_reports_three_mistakes_with_paths_and_writes_nothing(run, tmp_path, campaign):
    campaign["document"]["number"] = 1.0
    campaign["signer"]["titel"] = "Bộ trưởng"
    del campaign["title"]
    path = write_json(tmp_path / "campaign.json", campaign)
    before = sorted(tmp_path.rglob("*"))
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:3] == [
        (f"{path}: $.document.number: phải là số nguyên (không có phần thập phân) hoặc null, "
         "không phải 1.0"),
        (f"{path}: $.signer.titel: trường này không có trong mẫu dữ liệu (có thể gõ nhầm tên) — "
         "có phải ý bạn là «title»?"),
        f"{path}: $.title: thiếu trường bắt buộc",
    ]
    assert lines[3] == "Có 3 lỗi trong 1 tệp (đã kiểm tra 1 tệp)."
    assert sorted(tmp_path.rglob("*")) == before


def test_validate_reports_every_file(run, tmp_path, campaign):
    good = write_json(tmp_path / "a" / "campaign.json", campaign)
    bad = tmp_path / "b" / "campaign.json"
    bad.parent.mkdir()
    bad.write_text('{"issuer": {"name": "x",}}', encoding="utf-8")
    result = run("validate", str(good), str(bad))
    assert result.exit_code == 1
    assert f"{bad}: dòng 1, cột 25: JSON không hợp lệ" in result.stderr
    worse = write_json(tmp_path / "c" / "campaign.json", {**campaign, "title": ""})
    result = run("validate", str(bad), str(good), str(worse))
    assert result.exit_code == 1
    assert f"{bad}: dòng 1, cột 25: JSON không hợp lệ" in result.stderr
    assert f"{worse}: $.title" in result.stderr
    assert "Có 3 lỗi trong 2 tệp (đã kiểm tra 3 tệp)." in result.stderr   # a blank title: 2


def test_a_campaign_with_two_errors_is_reported_once_for_every_file_that_uses_it(
        run, campaign_dir):
    plan = json.loads((campaign_dir / "campaign.json").read_text(encoding="utf-8"))
    del plan["title"], plan["signer"]
    write_json(campaign_dir / "campaign.json", plan)
    result = run("validate", str(campaign_dir))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("Có 2 lỗi trong 1 tệp")
    own = [line for line in lines if line.startswith(f"{campaign_dir / 'campaign.json'}: ")]
    assert len(own) == 2                         # each error once, at the campaign itself
    heads = [line for line in lines if "tệp Kế hoạch của cơ quan" in line]
    assert heads and all("đã in ở trên" in line for line in heads)
    # A unit plan alone: the campaign's errors nested under its head.
    result = run("validate", str(campaign_dir / "units" / "TCCB.json"))
    lines = result.stderr.splitlines()
    assert "tệp Kế hoạch của cơ quan" in lines[0]
    assert lines[1].startswith("  ") and lines[2].startswith("  ")
    assert lines[-1].startswith("Có 2 lỗi trong 1 tệp")


def test_build_reports_a_syntax_error_and_the_other_files_errors(run, campaign_dir, tmp_path):
    (campaign_dir / "units" / "CD.json").write_text('{"unit": "CD",}', encoding="utf-8")
    unit = json.loads((campaign_dir / "units" / "TCCB.json").read_text(encoding="utf-8"))
    unit["titel"] = "x"
    write_json(campaign_dir / "units" / "TCCB.json", unit)
    result = run("build", str(campaign_dir), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "CD.json: dòng 1, cột 15" in result.stderr
    assert "TCCB.json: $.titel" in result.stderr
    assert "Có 2 lỗi trong 2 tệp; chưa ghi tệp nào." in result.stderr
    assert not (tmp_path / "out").exists()


def test_validate_unknown_kind_without_schema_or_known_name(run, tmp_path, campaign):
    del campaign["$schema"]
    path = write_json(tmp_path / "khac.json", campaign)
    result = run("validate", str(path))
    assert result.exit_code == 1 and "--kind" in result.stderr
    assert run("validate", "--kind", "plan", str(path)).exit_code == 0


@pytest.mark.parametrize("args", [
    ["validate"], ["validate", "khong-co.json"], ["plan"], ["build", "."],
    ["schema", "khong-co"], ["nope"], ["validate", "--kind", "thu", str(SAMPLE)],
])
def test_usage_errors_exit_2(run, args):
    assert run(*args).exit_code == 2


def test_schema_prints_the_plan_schema(run):
    result = run("schema", "plan")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Kế hoạch triển khai phong trào thi đua"


def test_plan_writes_the_document_and_never_overwrites_without_force(run, tmp_path):
    out = tmp_path / "out"
    first = run("plan", str(SAMPLE), "-o", str(out))
    assert first.exit_code == 0
    target = out / "Kế hoạch 15-KH-VPCP.docx"
    assert target.is_file() and f"Đã ghi {target}" in first.stdout
    target.write_bytes(b"clerk's own edits")
    second = run("plan", str(SAMPLE), "-o", str(out))
    assert second.exit_code == 1 and "--force" in second.stderr
    assert target.read_bytes() == b"clerk's own edits"
    assert run("plan", str(SAMPLE), "-o", str(out), "--force").exit_code == 0
    assert target.read_bytes()[:2] == b"PK"
    # No temporary file left; the clerk's version kept aside, not lost.
    assert sorted(p.name for p in out.iterdir()) == [target.name, "documents.csv",
                                                     "đã thay thế"]
    (aside,) = (out / "đã thay thế").rglob("*.docx")
    assert aside.name == target.name and aside.read_bytes() == b"clerk's own edits"


def test_build_campaign_folder(run, tmp_path):
    out = tmp_path / "out"
    result = run("build", str(SAMPLE.parent), "-o", str(out))
    assert result.exit_code == 0
    assert (out / "Kế hoạch 15-KH-VPCP.docx").is_file()


def test_build_with_invalid_data_writes_nothing(run, campaign_dir, tmp_path):
    data = json.loads((campaign_dir / "campaign.json").read_text(encoding="utf-8"))
    data["document"]["date"] = "2021-13-01"
    write_json(campaign_dir / "campaign.json", data)
    out = tmp_path / "out"
    result = run("build", str(campaign_dir), "-o", str(out))
    assert result.exit_code == 1
    assert "$.document.date" in result.stderr and "chưa ghi tệp nào" in result.stderr
    assert not out.exists()


def test_build_folder_without_campaign_json(run, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("build", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "campaign.json" in result.stderr


def test_legacy_encoded_name_is_refused(run, tmp_path, campaign):
    campaign["signer"]["name"] = "TrÇn V¨n S¬n"
    path = write_json(tmp_path / "campaign.json", campaign)
    result = run("plan", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "$.signer.name" in result.stderr and "TCVN3" in result.stderr
    assert "Trần Văn Sơn" in result.stderr
    assert not (tmp_path / "out").exists()


def test_python_dash_m_generator_runs_the_same_cli(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "--version"],
                            capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0 and result.stdout.strip() == f"thidua {__version__}"


def test_no_traceback_for_a_directory_named_like_a_file(run, tmp_path):
    (tmp_path / "x.json").mkdir()
    result = run("plan", str(tmp_path / "x.json"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_output_path_that_is_a_file_is_a_clear_error(run, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("x")
    result = run("plan", str(SAMPLE), "-o", str(blocker / "sub"))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "Lỗi:" in result.stderr


def test_keyboard_free_output_names_are_safe(tmp_path):
    from generator.render.output import safe_filename
    assert safe_filename('Kế hoạch 15/KH:"VPCP"?') == "Kế hoạch 15_KH__VPCP__.docx"
    assert safe_filename("CON") == "_CON.docx"
    assert safe_filename("..") == "van-ban.docx"
    assert len(safe_filename("x" * 500)) <= 125
    assert safe_filename("a\u202eb\nc") == "a b c.docx"


@pytest.mark.parametrize("char", [
    "\u00a0",      # no-break space (Zs), common in names pasted from Excel
    "\u2028",      # line separator (Zl)
    "\t", "\x1f",  # control characters (Cc)
    "\u00ad", "\u200d", "\ufeff",    # soft hyphen, zero-width joiner, BOM (Cf)
    "\ue000",      # private use (Co)
    "\U000e0001",  # language tag (Cf, outside the BMP)
])
def test_invisible_and_spacing_characters_become_one_space_in_names(char):
    from generator.render.output import safe_filename
    assert safe_filename(f"Bằng khen - Lê{char}{char}Thị Hà") == "Bằng khen - Lê Thị Hà.docx"


def test_printable_names_are_kept_as_typed():
    from generator.render.output import safe_filename
    assert safe_filename("Bằng khen - Đặng Thị Ánh Tuyết (Ê-đê) №2") == \
        "Bằng khen - Đặng Thị Ánh Tuyết (Ê-đê) №2.docx"


def test_output_directory_is_created(run, tmp_path):
    out = tmp_path / "a" / "b" / "c"
    assert run("plan", str(SAMPLE), "-o", str(out)).exit_code == 0
    assert Path(out / "Kế hoạch 15-KH-VPCP.docx").is_file()


def test_pdf_without_libreoffice_is_a_clear_error_and_writes_nothing(run, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    result = run("plan", str(SAMPLE), "-o", str(tmp_path / "out"), "--pdf")
    assert result.exit_code == 1 and "LibreOffice" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="needs LibreOffice")
def test_build_with_pdf_converts_every_document(run, tmp_path):
    result = run("build", str(SAMPLE.parent), "-o", str(tmp_path / "out"), "--pdf")
    assert result.exit_code == 0, result.stderr
    docx = sorted(p.stem for p in (tmp_path / "out").glob("*.docx"))
    pdf = sorted(p.stem for p in (tmp_path / "out").glob("*.pdf"))
    assert docx == pdf and len(docx) >= 10
    assert all(p.read_bytes()[:5] == b"%PDF-" for p in (tmp_path / "out").glob("*.pdf"))
    # the certificates too: one PDF beside each certificate
    folders = sorted((tmp_path / "out").glob("* - Bằng khen"))
    assert len(folders) == 3
    for folder in folders:
        certificates = sorted(p.stem for p in folder.glob("*.docx"))
        assert certificates == sorted(p.stem for p in folder.glob("*.pdf")) and certificates
    folder = tmp_path / "out" / "Quyết định 120-QĐ-VPCP - Bằng khen"
    assert f"PDF: đã ghi 38 tệp, giữ nguyên 0 tệp đã có, trong {folder}" in result.stdout


def test_check_on_everything_build_writes_is_clean(run, tmp_path):
    assert run("build", str(SAMPLE.parent), "-o", str(tmp_path / "out")).exit_code == 0
    files = sorted(str(p) for p in (tmp_path / "out").rglob("*.docx"))     # certificates too
    assert len(files) == 11 + 42      # 11 documents (the Báo cáo sơ kết too), 42 certificates
    result = run("check", *files)
    assert result.exit_code == 0, result.stdout
    # The sample's data is as a văn thư corrected it (issue 13, points 5 and 6: the Tờ trình
    # of 26/12/2022 cite Nghị định 79/2022, the 2025 decision dates Nghị định 36/2025, the
    # campaign writes "Nhân dân" and "lý do"): no error, no warning. The warnings themselves
    # are tested on planted faults (tests/documents/test_citations.py).
    warned = [line for line in result.stdout.splitlines() if "cảnh báo ND30-" in line]
    assert warned == []
    assert f"0 lỗi, 0 cảnh báo trong {len(files)} tệp" in result.stdout


def test_check_reports_a_wrong_margin_with_exit_1_and_json(run, tmp_path):
    from docx import Document
    from docx.shared import Mm
    assert run("plan", str(SAMPLE), "-o", str(tmp_path)).exit_code == 0
    path = tmp_path / "Kế hoạch 15-KH-VPCP.docx"
    document = Document(str(path))
    document.sections[0].left_margin = Mm(25)
    document.save(str(path))
    result = run("check", str(path))
    assert result.exit_code == 1 and "ND30-MARGINS" in result.stdout
    report = json.loads(run("check", str(path), "--format", "json").stdout)
    rules = [f["rule"] for f in report["files"][0]["findings"] if f["severity"] == "error"]
    assert rules == ["ND30-MARGINS"]      # the sample's own wording warnings aside


def test_check_unreadable_file_exits_2_without_traceback(run, tmp_path):
    fake = tmp_path / "cu.docx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result = run("check", str(fake))
    assert result.exit_code == 2 and "Traceback" not in result.stdout + result.stderr
    assert "không đọc được" in result.stdout


DECISION = SAMPLE.parent / "decisions" / "so-ket-2022.json"


def test_certificates_from_a_decision_file_one_per_recipient(run, tmp_path):
    result = run("certificates", str(DECISION), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    data = json.loads(DECISION.read_text(encoding="utf-8"))
    group = data["awards"][0]          # the Cờ thi đua group is a flag, not a certificate
    expected = len(group["collectives"]) + len(group["individuals"])
    files = sorted((tmp_path / "out").glob("*.docx"))
    assert len(files) == expected
    assert "Nguyễn Văn An" in " ".join(p.name for p in files)
    rows = (tmp_path / "out" / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == expected + 1
    again = run("certificates", str(DECISION), "-o", str(tmp_path / "out"))
    assert again.exit_code == 0 and f"giữ nguyên {expected} tệp" in again.stdout


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="needs LibreOffice")
def test_certificates_merged_with_pdf_is_one_print_file_of_one_page_each(run, tmp_path):
    from pypdf import PdfReader
    out = tmp_path / "out"
    result = run("certificates", str(DECISION), "-o", str(out), "--merge", "--pdf")
    assert result.exit_code == 0, result.stderr
    (docx,) = out.glob("*.docx")
    pdf = docx.with_suffix(".pdf")
    assert docx.name == "Bằng khen 120-QĐ-VPCP (in gộp).docx"
    assert f"Đã ghi {pdf}" in result.stdout
    group = json.loads(DECISION.read_text(encoding="utf-8"))["awards"][0]
    pages = PdfReader(pdf).pages
    assert len(pages) == len(group["collectives"]) + len(group["individuals"])
    assert "Nguyễn Văn An" in pages[len(group["collectives"])].extract_text()
    again = run("certificates", str(DECISION), "-o", str(out), "--merge", "--pdf")
    assert again.exit_code == 0 and f"Giữ nguyên (đã có) {pdf}" in again.stdout


def test_certificates_from_excel_needs_the_decision_json(run, tmp_path):
    folder = SAMPLE.parent / "certificates"
    usage = run("certificates", str(folder / "danh-sach.xlsx"), "-o", str(tmp_path / "x"))
    assert usage.exit_code == 2 and "--decision" in usage.stderr
    result = run("certificates", str(folder / "danh-sach.xlsx"), "--decision",
                 str(folder / "bang-khen.json"), "-o", str(tmp_path / "out"), "--merge", "-q")
    assert result.exit_code == 0, result.stderr
    assert len(list((tmp_path / "out").glob("*(in gộp).docx"))) == 1


def test_build_adds_the_certificates_of_every_decision(run, tmp_path):
    result = run("build", str(SAMPLE.parent), "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "Quyết định 120-QĐ-VPCP - Bằng khen"
    assert len(list(folder.glob("*.docx"))) == 38 and (folder / "manifest.csv").is_file()
    assert len(list((tmp_path / "Quyết định 87-QĐ-VPCP - Bằng khen").glob("*.docx"))) == 3


def test_validate_every_sample_file_including_the_certificate_decision(run):
    files = sorted(str(p) for p in SAMPLE.parent.rglob("*.json"))
    result = run("validate", *files)
    assert result.exit_code == 0, result.stderr
    assert f"Hợp lệ: {len(files)} tệp." in result.stdout


def test_validate_a_broken_certificate_decision(run, tmp_path):
    data = json.loads((SAMPLE.parent / "certificates" / "bang-khen.json").read_text("utf-8"))
    data["decision"]["number"] = 12.5
    path = tmp_path / "bk.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1 and f"{path}: $.decision.number: phải là số nguyên" in result.stderr


def test_file_names_are_bounded_in_bytes_not_only_characters():
    from generator.render.output import safe_filename
    name = safe_filename("Ưởng" * 100)
    assert len(name.encode("utf-8")) <= 205 and name.endswith(".docx")
    assert name.startswith("ƯởngƯởng")


@pytest.mark.parametrize("command", [["validate"], ["decision", "-o", "out"],
                                     ["certificates", "-o", "out"], ["plan", "-o", "out"]])
def test_json_nested_too_deep_is_refused_in_words_by_every_reader(run, tmp_path, command):
    # Python's json parser recurses per level: a hostile file must not reach its limit unsaid.
    deep = tmp_path / "sau.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    args = [command[0], str(deep), *[str(tmp_path / a) if a == "out" else a for a in command[1:]]]
    result = run(*args)
    assert result.exit_code == 1
    assert f"{deep}: " in result.stderr and "JSON lồng nhau quá sâu" in result.stderr
    assert not (tmp_path / "out").exists()
