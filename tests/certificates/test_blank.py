"""Printing on pre-printed blanks (phôi): only what differs between certificates is printed,
each line where the full certificate prints it, and the whole page can be shifted to match a
printer. Read back from the .docx, and measured in the PDF LibreOffice makes of it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from support import SOFFICE
from support.certificates import people
from support.certificates import texts as batch_texts
from support.docx_read import open_docx

from generator.certificates.batch import write_certificates
from generator.certificates.engine import Printing
from generator.errors import RenderError
from generator.render.pdf import convert_to_pdf

PREPRINTED = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              "BỘ TRƯỞNG, CHỦ NHIỆM VĂN PHÒNG CHÍNH PHỦ", "TẶNG", "BẰNG KHEN"]
PDFTOTEXT = shutil.which("pdftotext")
needs_layout = pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None,
                                  reason="needs LibreOffice and pdftotext (poppler-utils)")


def texts(path: Path) -> list[str]:
    return batch_texts(open_docx(path.read_bytes()))


def test_a_blank_certificate_leaves_out_what_the_phoi_carries(tmp_path):
    full = write_certificates(people(2), tmp_path / "full").files[0]
    blank = write_certificates(people(2), tmp_path / "blank", printing=Printing(True)).files[0]
    assert all(line in texts(full) for line in PREPRINTED)
    assert not any(line in texts(blank) for line in PREPRINTED)
    variable = [t for t in texts(full) if t and t not in PREPRINTED]
    assert "Bà Nguyễn Văn 0000" in variable and "Số sổ vàng: 100" in variable
    assert [t for t in texts(blank) if t] == variable
    # The Tiêu ngữ's rule (a border of its style) is white: it keeps its place, prints nothing.
    document = open_docx(blank.read_bytes())
    rule_id = document.styles["TD Đường kẻ dài"].style_id
    (rule,) = [p for p in document.element.body.iter(qn("w:p"))
               if p.pPr is not None and p.pPr.pStyle is not None and p.pPr.pStyle.val == rule_id]
    assert [b.get(qn("w:color")) for b in rule.pPr.iter(qn("w:bottom"))] == ["FFFFFF"]


def test_a_shift_beyond_the_margins_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(RenderError, match="quá lề giấy"):
        write_certificates(people(3), tmp_path / "out", printing=Printing(True, (0, -31)))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("shift", "refusal"), [
    ((float("nan"), 0.0), "cần một số milimét"),
    ((0.0, float("inf")), "cần một số milimét"),
    ((1e308, 0.0), "quá lề giấy"),             # would overflow python-docx's EMUs
    ((-1e7, 0.0), "quá lề giấy"),
])
def test_a_shift_that_is_not_a_length_on_paper_is_refused_in_words(tmp_path, shift, refusal):
    with pytest.raises(RenderError, match=refusal):
        write_certificates(people(2), tmp_path / "out", printing=Printing(True, shift))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("value", "said"), [
    ("nan", "«nan» mm: chỉ dịch được trong khoảng ±300 mm"),
    ("1e308", "«1e308» mm: chỉ dịch được trong khoảng ±300 mm"),
    ("-inf", "«-inf» mm: chỉ dịch được trong khoảng ±300 mm"),
    ("hai", "«hai» không phải một số milimét"),
])
def test_the_command_refuses_a_shift_that_is_not_a_number_of_millimetres(run, tmp_path, value,
                                                                         said):
    from support import SAMPLE_DIR
    decision = str(SAMPLE_DIR / "decisions" / "so-ket-2022.json")
    result = run("certificates", decision, "-o", "xa", "--blank", "--shift-right", value)
    assert result.exit_code == 2
    assert "--shift-right" in result.stderr and said in result.stderr
    assert not (tmp_path / "xa").exists()


def words(pdf: Path) -> dict[str, tuple[float, float]]:
    """The first place (x, y in points) of every word on page 1."""
    out = subprocess.run([PDFTOTEXT, "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found: dict[str, tuple[float, float]] = {}
    for x, y, word in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)<', out):
        found.setdefault(word, (float(x), float(y)))
    return found


@needs_layout
def test_every_printed_line_is_where_the_full_certificate_has_it_and_shifts_exactly(tmp_path):
    runs = {"full": Printing(), "blank": Printing(True),
            "shifted": Printing(True, (2.0, -1.5))}                 # 2 mm right, 1.5 mm up
    docx = [write_certificates(people(1), tmp_path / name, printing=printing).files[0]
            for name, printing in runs.items()]
    pdfs = {name: words(convert_to_pdf([path], path.parent).files[0])
            for name, path in zip(runs, docx, strict=True)}
    full, blank, shifted = pdfs["full"], pdfs["blank"], pdfs["shifted"]
    assert "BẰNG" in full and "BẰNG" not in blank and "TẶNG" not in blank
    printed = ["0000", "Chuyên", "Đã", "1234/QĐ-VPCP", "Hà", "Sơn", "100"]
    for word in printed:
        assert blank[word] == pytest.approx(full[word], abs=0.05), word
        dx, dy = (s - b for s, b in zip(shifted[word], blank[word], strict=True))
        assert (dx, dy) == pytest.approx((2.0 * 72 / 25.4, -1.5 * 72 / 25.4), abs=0.1), word


def test_the_command_prints_on_blanks_and_refuses_a_shift_off_the_paper(run, tmp_path):
    from support import SAMPLE_DIR
    decision = str(SAMPLE_DIR / "decisions" / "so-ket-2022.json")
    result = run("certificates", decision, "-o", "phoi", "--merge", "--blank",
                 "--shift-down", "1.5")
    assert result.exit_code == 0, result.stderr
    (merged,) = (tmp_path / "phoi").glob("*.docx")
    assert "BẰNG KHEN" not in texts(merged) and "Ông Nguyễn Văn An" in texts(merged)
    again = run("certificates", decision, "-o", "phoi", "--merge", "--blank",
                "--shift-down", "1.5")
    assert "giữ nguyên 1 tệp" in again.stdout
    refused = run("certificates", decision, "-o", "xa", "--shift-right", "45")
    assert refused.exit_code == 1 and "quá lề giấy" in refused.stderr
    assert not (tmp_path / "xa").exists()
