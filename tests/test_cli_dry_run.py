"""--dry-run on every writing command: the same checks as the run, a report of what it would
write, replace, keep or refuse and of the numbers it would record; nothing written, nothing
recorded. The judgement is the transaction's own (tested here on the same folders)."""

from __future__ import annotations

import json

import pytest
from support import SAMPLE, SAMPLE_DIR, needs_soffice

DECISION = SAMPLE.parent / "decisions" / "so-ket-2022.json"


def listing(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def test_a_dry_run_of_a_build_reports_everything_and_writes_nothing(run, tmp_path):
    out, db = tmp_path / "out", tmp_path / "so.sqlite"
    result = run("build", str(SAMPLE_DIR), "-o", str(out), "--register", str(db), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert listing(tmp_path) == []                  # no folder, no register, nothing
    lines = result.stdout.splitlines()
    assert lines[0] == "Chạy thử (--dry-run): không ghi tệp nào, sổ đăng ký không đổi."
    assert f"Sẽ ghi mới: {out / 'Quyết định 120-QĐ-VPCP.docx'}" in lines
    at = lines.index(f"Bằng khen, Giấy khen: 38 vào {out / 'Quyết định 120-QĐ-VPCP - Bằng khen'}"
                     " (ghi mới 38 tệp)")
    assert lines[at + 1] == ("  theo hình thức: Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng "
                             "Chính phủ: 38")
    units = lines[at + 2].removeprefix("  theo đơn vị: ")
    assert "Vụ Tổ chức cán bộ, Văn phòng Chính phủ: 5" in units.split("; ")
    counts = [int(part.rpartition(": ")[2]) for part in units.split("; ")]
    data = json.loads(DECISION.read_text(encoding="utf-8"))
    group = data["awards"][0]
    assert sum(counts) == len(group["collectives"]) + len(group["individuals"]) == 38
    # the Cờ thi đua gets no certificate, and the run says so
    assert ("Không in Bằng khen, Giấy khen (không phải chứng nhận): Quyết định 120-QĐ-VPCP — "
            "Cờ thi đua của Văn phòng Chính phủ: 2 tập thể") in lines
    numbers = next(line for line in lines if line.startswith("Số sẽ ghi vào sổ đăng ký: "))
    assert "120/QĐ-VPCP" in numbers and "15/KH-VPCP" in numbers
    # What Điều 2 of 120/QĐ-VPCP prints, worked by hand (Nghị định 91/2017 × 1.490.000 đồng):
    # 4 collectives × 2.980.000 + 34 individuals × 1.490.000 + 2 Cờ thi đua × 11.920.000.
    assert 4 * 2_980_000 + 34 * 1_490_000 + 2 * 11_920_000 == 86_420_000
    assert "Tiền thưởng của Quyết định 120-QĐ-VPCP: 86.420.000 đồng" in lines


def test_a_dry_run_without_a_register_promises_no_number(run, tmp_path):
    result = run("decision", str(DECISION), "-o", str(tmp_path / "out"), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "sổ đăng ký: " not in result.stdout and listing(tmp_path) == []


def test_after_a_build_the_dry_run_says_kept_replaced_and_refused(run, tmp_path, campaign_dir):
    out = tmp_path / "out"
    assert run("build", str(campaign_dir), "-o", str(out)).exit_code == 0
    changed = out / "Quyết định 87-QĐ-VPCP.docx"
    path = campaign_dir / "decisions" / "dot-xuat-2021.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["awards"][0]["achievement"] += " trong năm 2021"      # decision 87 changes
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    stranger = out / "Tờ trình 210-TTr-VPCP.docx"
    stranger.write_bytes(b"not thidua's")             # a file thidua did not write
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = run("build", str(campaign_dir), "-o", str(out), "--dry-run")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"Sẽ thay (bản cũ chuyển vào «đã thay thế»): {changed}" in lines
    assert f"Giữ nguyên (đã có, đúng nội dung): {out / 'Kế hoạch 15-KH-VPCP.docx'}" in lines
    assert (f"Bằng khen, Giấy khen: 3 vào {out / 'Quyết định 87-QĐ-VPCP - Bằng khen'} "
            "(thay bản cũ 3 tệp)") in lines
    refused = ("Sẽ bị từ chối (tệp không do thidua ghi hoặc đã bị sửa; cần --force): "
               f"{stranger}")
    assert refused in lines
    assert "lệnh thật sẽ bị từ chối vì 1 tệp" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    # the run refuses exactly that file, and with --force the dry run's verdict is "replace"
    real = run("build", str(campaign_dir), "-o", str(out))
    assert real.exit_code == 1 and str(stranger) in real.stderr
    forced = run("build", str(campaign_dir), "-o", str(out), "--dry-run", "--force")
    assert forced.exit_code == 0
    assert f"Sẽ thay (bản cũ chuyển vào «đã thay thế»): {stranger}" in forced.stdout


def test_a_dry_run_fails_where_the_run_fails(run, tmp_path, campaign_dir):
    path = campaign_dir / "decisions" / "so-ket-2022.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["document"]["number"] = "một trăm"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    dry = run("build", str(campaign_dir), "-o", str(tmp_path / "out"), "--dry-run")
    real = run("build", str(campaign_dir), "-o", str(tmp_path / "out2"))
    assert dry.exit_code == real.exit_code == 1
    assert dry.stderr.replace("out", "") == real.stderr.replace("out2", "").replace("out", "")
    assert "$.document.number" in dry.stderr and not (tmp_path / "out").exists()


def test_a_dry_run_of_certificates_judges_every_file_and_writes_none(run, tmp_path):
    out = tmp_path / "out"
    assert run("certificates", str(DECISION), "-o", str(out), "-q").exit_code == 0
    (out / "Bằng khen - Lê Văn Bình.docx").write_bytes(b"edited")
    (out / "Bằng khen - Bùi Thị Vân.docx").unlink()
    before = listing(out)
    result = run("certificates", str(DECISION), "-o", str(out), "--dry-run")
    assert result.exit_code == 1, result.stdout
    assert (f"Bằng khen, Giấy khen: 38 vào {out} (ghi mới 1 tệp, giữ nguyên 36 tệp, bị từ chối "
            "1 tệp)") in result.stdout
    assert str(out / "Bằng khen - Lê Văn Bình.docx") in result.stdout
    assert listing(out) == before


@pytest.mark.parametrize("merge", [[], ["--merge"]], ids=["separate", "merged"])
def test_a_dry_run_of_a_reprint_counts_the_chosen(run, tmp_path, merge):
    result = run("certificates", str(DECISION), "-o", str(tmp_path / "out"), *merge,
                 "--only", "1-3", "--only", "Lê Văn Bình", "--dry-run")
    assert result.exit_code == 0, result.stderr
    files = 1 if merge else 4
    assert f"Bằng khen, Giấy khen: 4 vào {tmp_path / 'out'} (ghi mới {files} tệp)" in result.stdout
    assert listing(tmp_path) == []


@pytest.mark.parametrize("command", [
    ["plan", str(SAMPLE)], ["unit-plan", str(SAMPLE_DIR / "units" / "TCCB.json")],
    ["unit-plans", str(SAMPLE), "--unit", "PL"], ["proposal",
                                                  str(SAMPLE_DIR / "proposals" /
                                                      "bang-khen-thu-tuong.json")]])
def test_every_writing_command_has_a_dry_run(run, tmp_path, command):
    result = run(*command, "-o", str(tmp_path / "out"), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Chạy thử (--dry-run)") and "Sẽ ghi mới: " in result.stdout
    assert listing(tmp_path) == []


def _one_file_commands(tmp_path):
    """The commands that write one file, each with the file it writes."""
    db = tmp_path / "so.sqlite"
    from generator.build import build_campaign
    build_campaign(SAMPLE_DIR, tmp_path / "out", register_path=db, certificates=False)
    return [
        (["excel-template", "decision", "--from", str(DECISION)], tmp_path / "danh-sach.xlsx"),
        (["init-unit", str(SAMPLE), "--unit", "PL"], tmp_path / "PL.json"),
        (["register", "export", str(db), "--year", "2022", "--agency", "Văn phòng Chính phủ"],
         tmp_path / "so-2022.docx"),
    ]


def test_a_dry_run_of_a_one_file_command_says_what_it_would_write_and_writes_nothing(
        run, tmp_path):
    for command, target in _one_file_commands(tmp_path):
        result = run(*command, "-o", str(target), "--dry-run")
        assert result.exit_code == 0, (command, result.stderr)
        assert result.stdout.splitlines()[:2] == ["Chạy thử (--dry-run): không ghi tệp nào.",
                                                  f"Sẽ ghi mới: {target}"
                                                  + (" (4 văn bản năm 2022)"
                                                     if "register" in command else "")]
        assert not target.exists()
        # the file the dry run announced is the one the run writes
        assert run(*command, "-o", str(target)).exit_code == 0 and target.is_file()
        before = target.read_bytes()
        refused = run(*command, "-o", str(target), "--dry-run")
        assert refused.exit_code == 1
        assert f"lệnh thật sẽ bị từ chối vì đã có {target}. Dùng --force" in refused.stderr
        forced = run(*command, "-o", str(target), "--dry-run", "--force")
        assert forced.exit_code == 0 and f"Sẽ ghi đè (--force): {target}" in forced.stdout
        assert target.read_bytes() == before


def test_a_dry_run_of_a_one_file_command_still_checks_its_input(run, tmp_path):
    result = run("init-unit", str(SAMPLE), "--unit", "KHONGCO", "-o", str(tmp_path / "x.json"),
                 "--dry-run")
    assert result.exit_code == 1 and "KHONGCO" in result.stderr
    assert not (tmp_path / "x.json").exists()


@needs_soffice
def test_a_dry_run_with_pdf_lists_the_pdfs_and_foresees_an_existing_one(run, tmp_path):
    out = tmp_path / "out"
    result = run("build", str(SAMPLE_DIR), "-o", str(out), "--dry-run", "--pdf", "-q")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    documents = [line.removeprefix("Sẽ ghi mới: ") for line in lines
                 if line.startswith("Sẽ ghi mới: ") and line.endswith(".docx")]
    pdfs = [line.removeprefix("Sẽ ghi mới: ") for line in lines
            if line.startswith("Sẽ ghi mới: ") and line.endswith(".pdf")]
    assert len(documents) == len(pdfs) >= 10
    assert [str(out / (p.rpartition("/")[2].removesuffix(".docx") + ".pdf"))
            for p in documents] == pdfs
    assert (f"PDF của Bằng khen, Giấy khen: 38 tệp vào "
            f"{out / 'Quyết định 120-QĐ-VPCP - Bằng khen'}") in lines
    assert listing(tmp_path) == []
    # a PDF already there stops the real run at the conversion: the dry run says so
    out.mkdir()
    (out / "Quyết định 120-QĐ-VPCP.pdf").write_bytes(b"%PDF-1.4 old")
    refused = run("build", str(SAMPLE_DIR), "-o", str(out), "--dry-run", "--pdf", "-q")
    assert refused.exit_code == 1
    assert (f"sẽ dừng khi chuyển sang PDF vì đã có {out / 'Quyết định 120-QĐ-VPCP.pdf'}"
            in refused.stderr)
    assert listing(tmp_path) == ["out", "out/Quyết định 120-QĐ-VPCP.pdf"]
