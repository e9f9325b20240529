"""`thidua check --pages` (issue 13, point 1): the documents are laid out by LibreOffice and a
page that begins with "Nơi nhận:" (the signer parted from the text) is an error; without
LibreOffice the rule is skipped and check says so."""

from __future__ import annotations

import copy
from pathlib import Path

from docx.enum.text import WD_BREAK
from support import SAMPLE, needs_soffice
from support.docx_read import open_docx

from generator.check.pages import signer_alone


def test_signer_alone_reads_the_page_texts() -> None:
    body, footer = "Điều 3. Quyết định này …", "Nơi nhận:\n- Như Điều 3;\nBỘ TRƯỞNG"
    assert signer_alone([body, body + "\n" + footer]) is None
    assert signer_alone([body, "2\nDỰ THẢO\n" + footer]) == 2      # number and mark aside
    assert signer_alone([footer]) is None                           # page 1 is never alone


def _signer_pushed_to_its_own_page(source: Path, target: Path) -> Path:
    """The decision with a page break just before its footer table: what a body ending
    exactly at the bottom of a page does without "Keep with next"."""
    document = open_docx(str(source))
    footer = next(t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận"))
    breaker = copy.deepcopy(footer._tbl.getprevious())
    for child in list(breaker):
        if child.tag.endswith("}r"):
            breaker.remove(child)
    footer._tbl.addprevious(breaker)
    paragraph = next(p for p in document.paragraphs if p._p is breaker)
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    document.save(str(target))
    return target


@needs_soffice
def test_a_signer_alone_on_its_page_fails_check_pages(run, tmp_path: Path) -> None:
    assert run("plan", str(SAMPLE), "-o", str(tmp_path)).exit_code == 0
    good = tmp_path / "Kế hoạch 15-KH-VPCP.docx"
    bad = _signer_pushed_to_its_own_page(good, tmp_path / "alone.docx")
    assert "ND30-SIGNER-ALONE" not in run("check", str(bad)).stdout   # not without --pages
    result = run("check", "--pages", str(good), str(bad))
    assert result.exit_code == 1
    lines = [x for x in result.stdout.splitlines() if "ND30-SIGNER-ALONE" in x]
    assert len(lines) == 1 and lines[0].startswith(f"{bad}: trang ")


def test_without_libreoffice_the_page_rule_is_skipped_and_said(run, tmp_path, monkeypatch):
    assert run("plan", str(SAMPLE), "-o", str(tmp_path)).exit_code == 0
    from generator.errors import ConversionError
    from generator.render import pdf

    def missing() -> str:
        raise ConversionError("no soffice")

    monkeypatch.setattr(pdf, "find_soffice", missing)
    result = run("check", "--pages", str(tmp_path / "Kế hoạch 15-KH-VPCP.docx"))
    assert "bỏ qua kiểm tra theo trang (ND30-SIGNER-ALONE): không có LibreOffice" \
        in result.stderr
    assert "ND30-SIGNER-ALONE" not in result.stdout
