"""What a văn thư checks before trusting thidua with the register and the folder of issued
documents, tried through the command line as a clerk would."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import SAMPLE_DIR, write_json

from generator.store.transaction import REPLACED

DECISION = SAMPLE_DIR / "decisions" / "so-ket-2022.json"


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_that_fails_late_on_a_certificate_leaves_nothing(run, tmp_path):
    out = tmp_path / "out"
    folder = out / "Quyết định 120-QĐ-VPCP - Bằng khen"
    folder.mkdir(parents=True)
    (folder / "ghi chú.txt").write_text("của văn thư")
    # A file thidua did not write, named as one of the certificates: found only when the
    # certificates are published, after every document is ready.
    records = json.loads(DECISION.read_text(encoding="utf-8"))
    name = records["awards"][0]["individuals"][0]["name"]
    stranger = folder / f"Bằng khen - {name}.docx"
    stranger.write_bytes(b"not ours")
    before = files_of(out)
    db = tmp_path / "so.sqlite"
    result = run("build", str(SAMPLE_DIR), "-o", str(out), "--register", str(db))
    assert result.exit_code == 1
    assert str(stranger) in result.stderr and "--force" in result.stderr
    assert files_of(out) == before, "no document, certificate or manifest of this run is left"
    assert not db.exists() or sqlite3.connect(db).execute(
        "SELECT COUNT(*) FROM outgoing").fetchone()[0] == 0


def test_a_corrected_name_in_a_decision_leaves_no_stale_certificate(run, tmp_path):
    path = tmp_path / "qd.json"
    data = json.loads(DECISION.read_text(encoding="utf-8"))
    data["campaign"] = str(SAMPLE_DIR / "campaign.json")
    person = data["awards"][0]["individuals"][0]
    correct = person["name"]
    person["name"] = correct + "h"          # the misspelling
    write_json(path, data)
    out = tmp_path / "bk"
    assert run("certificates", str(path), "-o", str(out)).exit_code == 0
    person["name"] = correct
    write_json(path, data)
    again = run("certificates", str(path), "-o", str(out))
    assert again.exit_code == 0, again.stderr
    names = {p.name for p in out.glob("*.docx")}
    assert f"Bằng khen - {correct}h.docx" not in names and f"Bằng khen - {correct}.docx" in names
    assert "Đã chuyển 1 tệp cũ" in again.stdout and REPLACED in again.stdout
    assert [p.name for p in (out / REPLACED).rglob("*.docx")] == [f"Bằng khen - {correct}h.docx"]
    manifest = (out / "manifest.csv").read_text(encoding="utf-8-sig")
    assert f"{correct}h" not in manifest and correct in manifest


def test_a_rebuilt_document_replaces_its_earlier_version_and_a_renumbered_one_goes_aside(
        run, tmp_path, campaign_dir):
    out = tmp_path / "out"
    assert run("build", str(campaign_dir), "-o", str(out)).exit_code == 0
    path = campaign_dir / "decisions" / "so-ket-2022.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["document"]["number"] = 121
    write_json(path, data)
    again = run("build", str(campaign_dir), "-o", str(out))
    assert again.exit_code == 0, again.stderr
    assert (out / "Quyết định 121-QĐ-VPCP.docx").is_file()
    assert not (out / "Quyết định 120-QĐ-VPCP.docx").exists()
    aside = {p.name for p in (out / REPLACED).rglob("*.docx")}
    assert "Quyết định 120-QĐ-VPCP.docx" in aside
    assert "Giữ nguyên" in again.stdout         # the unchanged documents are left as they were
    listed = (out / "documents.csv").read_text(encoding="utf-8-sig")
    assert "Quyết định 121-QĐ-VPCP.docx" in listed and "120-QĐ-VPCP.docx" not in listed


def read_only(folder: Path) -> bool:
    """Make *folder* unwritable even for root (ext4's immutable flag), where possible."""
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
    return made.returncode == 0


def writable(folder: Path) -> None:
    subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
    folder.chmod(0o755)


def test_a_read_only_output_folder_is_a_clear_error(run, tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    if not read_only(out):
        pytest.skip("cannot make a folder read-only here")
    try:
        result = run("certificates", str(DECISION), "-o", str(out))
        decision = run("decision", str(DECISION), "-o", str(out))
    finally:
        writable(out)
    for refused in (result, decision):
        assert refused.exit_code == 1 and "Traceback" not in refused.stderr
        assert str(out) in refused.stderr and "Không" in refused.stderr
    assert list(out.iterdir()) == []


def test_an_output_path_under_a_file_is_a_clear_error(run, tmp_path):
    (tmp_path / "tệp").write_text("x")
    result = run("certificates", str(DECISION), "-o", str(tmp_path / "tệp" / "bk"))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "Không tạo được thư mục" in result.stderr and "tệp" in result.stderr


def test_eight_clerks_one_number_through_the_command_line(tmp_path):
    """Eight `thidua decision` runs started together, each with its own file carrying the same
    number and ký hiệu: exactly one writes and records; the others name the number and the
    other file, and write nothing."""
    data = json.loads((SAMPLE_DIR / "decisions" / "dot-xuat-2021.json").read_text("utf-8"))
    data["campaign"] = str(SAMPLE_DIR / "campaign.json")
    data["document"]["number"] = 700
    paths = []
    for i in range(8):
        data["title"] = f"Về việc khen thưởng đột xuất lần {i + 1}"
        paths.append(write_json(tmp_path / f"qd-{i}.json", data))
    db, out = tmp_path / "so.sqlite", tmp_path / "out"
    start = time.time() + 2
    script = ("import sys, time; time.sleep(max(0, float(sys.argv[1]) - time.time())); "
              "sys.argv = ['thidua', *sys.argv[2:]]; from generator.cli import run; run()")
    processes = [subprocess.Popen([sys.executable, "-c", script, str(start), "decision",
                                   str(p), "-o", str(out), "--register", str(db)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  cwd=tmp_path) for p in paths]
    results = [(p.wait(timeout=300), *p.communicate()) for p in processes]
    winners = [r for r in results if r[0] == 0]
    assert len(winners) == 1, results
    for code, _, err in results:
        if code != 0:
            assert code == 1 and "Traceback" not in err
            assert "700/QĐ-VPCP" in err or "vừa ghi" in err or "không do thidua ghi" in err, err
    rows = sqlite3.connect(db).execute("SELECT number, source FROM outgoing").fetchall()
    assert len(rows) == 1 and rows[0][0] == 700
    assert sorted(p.name for p in out.iterdir()) == ["Quyết định 700-QĐ-VPCP.docx",
                                                     "documents.csv"]


def test_every_written_file_is_readable_by_colleagues_as_the_umask_allows(run, tmp_path):
    old = os.umask(0o002)           # a shared folder's usual umask: group may read and write
    try:
        folder = tmp_path / "campaign"
        shutil.copytree(SAMPLE_DIR, folder)
        assert run("init-unit", str(folder / "campaign.json"), "--unit", "PL").exit_code == 0
        assert run("plan", str(folder / "campaign.json"), "-o", str(tmp_path / "out")
                   ).exit_code == 0
    finally:
        os.umask(old)
    for path in [folder / "units" / "PL.json", *(tmp_path / "out").iterdir()]:
        assert path.stat().st_mode & 0o777 == 0o664, path


def test_an_unchanged_rebuild_keeps_every_file_and_moves_nothing(run, tmp_path):
    out = tmp_path / "out"
    assert run("build", str(SAMPLE_DIR), "-o", str(out)).exit_code == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")}
    again = run("build", str(SAMPLE_DIR), "-o", str(out))
    assert again.exit_code == 0, again.stderr
    assert again.stdout.count("Giữ nguyên") == 11 and "Đã chuyển" not in again.stdout
    assert "Đã ghi 0 Bằng khen, Giấy khen" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")} == before
    assert not list(out.rglob(REPLACED))


@pytest.mark.parametrize(("unit", "refused"), [
    ("Vụ Tổ chức cán bộ, Văn phòng Chính phủ", True),      # the same person twice
    ("Vụ Pháp luật, Văn phòng Chính phủ", False),          # two people of one name
])
def test_a_decision_and_a_spreadsheet_list_treat_a_repeated_name_alike(run, tmp_path, unit,
                                                                       refused):
    import openpyxl
    data = json.loads(DECISION.read_text(encoding="utf-8"))
    data["campaign"] = str(SAMPLE_DIR / "campaign.json")
    first = data["awards"][0]["individuals"][0]
    data["awards"][0]["individuals"][20].update(name=first["name"], unit=unit)
    decision = run("decision", str(write_json(tmp_path / "qd.json", data)), "-o",
                   str(tmp_path / "out"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Giới tính", "Chức vụ", "Đơn vị"])
    sheet.append([first["name"], "Nam", "Chuyên viên", first["unit"]])
    sheet.append([first["name"], "Nam", "Chuyên viên", unit])
    book.save(tmp_path / "ds.xlsx")
    listed = run("certificates", str(tmp_path / "ds.xlsx"), "--decision",
                 str(SAMPLE_DIR / "certificates" / "bang-khen.json"), "-o", str(tmp_path / "bk"))
    assert (decision.exit_code, listed.exit_code) == ((1, 1) if refused else (0, 0)), (
        decision.stderr, listed.stderr)
    if refused:
        assert "đã có ở $.awards[0].individuals[0]" in decision.stderr
        assert "đã có ở" in listed.stderr and "dòng 2" in listed.stderr


def test_the_command_line_says_which_hidden_sheets_it_did_not_read(run, tmp_path):
    import openpyxl
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Giới tính", "Chức vụ", "Đơn vị"])
    book.active.append(["Nguyễn Văn An", "Nam", "Chuyên viên", "Vụ Tổ chức cán bộ"])
    old = book.create_sheet("Năm trước")
    old.sheet_state = "hidden"
    old.append(["Họ và tên"])
    old.append(["Lê Thị Cũ"])
    book.save(tmp_path / "ds.xlsx")
    result = run("certificates", str(tmp_path / "ds.xlsx"), "--decision",
                 str(SAMPLE_DIR / "certificates" / "bang-khen.json"), "-o", str(tmp_path / "bk"))
    assert result.exit_code == 0, result.stderr
    assert f"{tmp_path / 'ds.xlsx'}: sheet Năm trước: cảnh báo: sheet đang ẩn" in result.stderr
    assert [p.name for p in (tmp_path / "bk").glob("*.docx")] == ["Bằng khen - Nguyễn Văn An.docx"]


def test_a_gender_written_as_in_excel_is_accepted_in_json_too(run, tmp_path):
    data = json.loads(DECISION.read_text(encoding="utf-8"))
    data["campaign"] = str(SAMPLE_DIR / "campaign.json")
    person = data["awards"][0]["individuals"][1]
    person["gender"] = "Nữ"
    path = write_json(tmp_path / "qd.json", data)
    assert run("validate", str(path)).exit_code == 0
    result = run("certificates", str(path), "-o", str(tmp_path / "bk"))
    assert result.exit_code == 0, result.stderr
    from support.docx_read import all_paragraphs, open_docx
    document = open_docx((tmp_path / "bk" / f"Bằng khen - {person['name']}.docx").read_bytes())
    text = "\n".join(p.text for p in all_paragraphs(document))
    assert f"Bà {person['name']}" in text
