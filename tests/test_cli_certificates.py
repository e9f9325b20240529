"""`thidua certificates` and the certificates of `thidua build`: the same options (--merge,
--blank, --jobs, --sort, --only), a progress bar with count and time left on a terminal only,
and --pdf for everything written."""

from __future__ import annotations

import csv
import hashlib
import io
import re

import pytest
from support import SAMPLE_DIR, needs_soffice
from support.certificates import texts
from support.docx_read import open_docx

from generator.cli.common import Progress

DECISION = SAMPLE_DIR / "decisions" / "so-ket-2022.json"
FOLDER = "Quyết định 120-QĐ-VPCP - Bằng khen"
LIST = SAMPLE_DIR / "certificates" / "danh-sach.xlsx"
LIST_DECISION = SAMPLE_DIR / "certificates" / "bang-khen.json"


def manifest(folder):
    with (folder / "manifest.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.docx")}


def test_build_merges_and_prints_for_blanks_beside_the_full_file(run, tmp_path):
    out = tmp_path / "out"
    merged = run("build", str(SAMPLE_DIR), "-o", str(out), "--merge")
    assert merged.exit_code == 0, merged.stderr
    assert f"Đã ghi 1 tệp in gộp (38 Bằng khen, Giấy khen) vào {out / FOLDER}" in merged.stdout
    assert ("Không in Bằng khen, Giấy khen (không phải chứng nhận): Quyết định 120-QĐ-VPCP — "
            "Cờ thi đua của Văn phòng Chính phủ: 2 tập thể") in merged.stdout
    blank = run("build", str(SAMPLE_DIR), "-o", str(out), "--merge", "--blank",
                "--shift-down", "1.5")
    assert blank.exit_code == 0, blank.stderr
    assert sorted(digests(out / FOLDER)) == ["Bằng khen 120-QĐ-VPCP (in gộp).docx",
                                             "Bằng khen 120-QĐ-VPCP (in gộp, phôi).docx"]
    full = texts(open_docx((out / FOLDER / "Bằng khen 120-QĐ-VPCP (in gộp).docx").read_bytes()))
    phoi = texts(open_docx((out / FOLDER / "Bằng khen 120-QĐ-VPCP (in gộp, phôi).docx")
                           .read_bytes()))
    assert full.count("BẰNG KHEN") == 38 and "BẰNG KHEN" not in phoi
    assert "Ông Nguyễn Văn An" in full and "Ông Nguyễn Văn An" in phoi


def test_build_with_two_jobs_writes_the_same_certificates(run, tmp_path):
    assert run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "one")).exit_code == 0
    two = run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "two"), "--jobs", "2")
    assert two.exit_code == 0, two.stderr
    assert digests(tmp_path / "one" / FOLDER) == digests(tmp_path / "two" / FOLDER)
    assert len(digests(tmp_path / "two" / FOLDER)) == 38


def test_build_sorts_the_certificates_like_the_decisions_list(run, tmp_path):
    assert run("build", str(SAMPLE_DIR), "-o", str(tmp_path), "--sort", "name",
               "--merge").exit_code == 0
    rows = manifest(tmp_path / FOLDER)
    people = [r["Người nhận"].split(" ", 1)[1] for r in rows if r["Người nhận"][:3] in
              ("Ông", "Bà ")]
    from generator.vn.collation import name_key
    assert people == sorted(people, key=name_key) and len(people) == 34
    assert [r["STT"] for r in rows] == [str(n) for n in range(1, 39)]
    assert [r["Trang"] for r in rows] == [str(n) for n in range(1, 39)]


def test_certificates_reprint_chosen_rows_of_an_excel_list(run, tmp_path):
    out = tmp_path / "out"
    args = ["certificates", str(LIST), "--decision", str(LIST_DECISION), "-o", str(out),
            "--merge"]
    assert run(*args).exit_code == 0
    full = manifest(out)
    result = run(*args, "--only", "Cá nhân!dòng 5", "--only", full[0]["Người nhận"])
    assert result.exit_code == 0, result.stderr
    reprint = [r for r in manifest(out) if r["Trạng thái"].startswith("in lại")]
    assert [r["Tệp"] for r in reprint] == ["Bằng khen 1234-QĐ-VPCP (in lại).docx"] * 2
    assert [r["Người nhận"] for r in reprint] == [full[0]["Người nhận"], "Ông Trần Quốc Bảo"]
    assert (out / "Bằng khen 1234-QĐ-VPCP (in gộp).docx").is_file()
    wrong = run(*args, "--only", "dòng 999")
    assert wrong.exit_code == 1
    assert (f"{LIST}: --only dòng 999: không có người nhận nào ở dòng này (người nhận ở Tập "
            "thể!dòng 4–6; Cá nhân!dòng 4–") in wrong.stderr
    assert "chưa ghi tệp nào" in wrong.stderr


def test_certificates_sort_by_unit_groups_a_unit_together(run, tmp_path):
    result = run("certificates", str(DECISION), "-o", str(tmp_path), "--sort", "unit", "-q")
    assert result.exit_code == 0, result.stderr
    units = [r["Đơn vị"] for r in manifest(tmp_path) if r["Đơn vị"]]
    blocks = [u for i, u in enumerate(units) if i == 0 or units[i - 1] != u]
    assert len(blocks) == len(set(units))       # each unit in one block


def test_no_progress_bar_where_stderr_is_not_a_terminal(run, tmp_path):
    result = run("certificates", str(DECISION), "-o", str(tmp_path))
    assert result.exit_code == 0 and result.stderr == ""
    built = run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "b"))
    assert built.exit_code == 0 and "/42" not in built.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_the_count_and_the_time_left(monkeypatch):
    import click._termui_impl as termui
    now = [0.0]
    monkeypatch.setattr(termui.time, "time", lambda: now[0])
    screen = Terminal()
    with Progress("Bằng khen", file=screen) as bar:
        for done in range(1, 43):
            now[0] = 2.0 * done                 # two seconds per certificate
            bar.report(done, 42)
            if done == 20:
                middle = screen.getvalue().rsplit("\r", 1)[-1].replace("\x1b[?25l", "")
    # 22 left at about two seconds each (Click averages the steps since the bar opened)
    assert re.fullmatch(r"Bằng khen  \[#+-+\]  20/42  còn 00:00:4\d", middle), middle
    assert "42/42" in screen.getvalue()


@pytest.mark.parametrize("quiet", [True, False])
def test_the_progress_bar_is_hidden_when_quiet_or_not_a_terminal(quiet):
    screen = Terminal()
    plain = io.StringIO()
    with Progress("Bằng khen", quiet=quiet, file=screen) as one, \
            Progress("Bằng khen", file=plain) as two:
        for done in range(1, 6):
            one.report(done, 5)
            two.report(done, 5)
    assert plain.getvalue() == ""
    assert (screen.getvalue() == "") is quiet


@needs_soffice
def test_build_pdf_converts_the_merged_certificates_too(run, tmp_path):
    from pypdf import PdfReader
    result = run("build", str(SAMPLE_DIR), "-o", str(tmp_path), "--merge", "--pdf")
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / FOLDER / "Bằng khen 120-QĐ-VPCP (in gộp).pdf"
    assert f"Đã ghi {pdf}" in result.stdout
    assert len(PdfReader(pdf).pages) == 38
    assert (tmp_path / "Quyết định 120-QĐ-VPCP.pdf").is_file()
