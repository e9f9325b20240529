"""Pagination that keeps together what belongs together (issue 13, point 1): the last body
paragraph keeps with Nơi nhận and the signer, whose row never splits; headings and lead-in
lines keep with what follows. Read back from the .docx of every kind, and from the PDF of a
decision whose body ends at the bottom of page 1 (Quyết định 87/QĐ-VPCP of the sample)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml.ns import qn
from support import SAMPLE_DIR, needs_soffice, pdf_pages
from support.docx_read import body_paragraphs, open_docx, para_format


def _build(tmp_path_factory, folder: Path, name: str) -> Path:
    from click.testing import CliRunner

    from generator.cli import main

    out = tmp_path_factory.mktemp(name) / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, SAMPLE_DIR, "pagination")


@pytest.fixture(scope="module")
def cycle_built(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, SAMPLE_DIR / "chu-ky-2022", "pagination-cycle")


def footer_table(document):
    return next(t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận"))


def first_section_body(document) -> list:
    """The paragraphs before the footer table (the body of the document proper)."""
    footer = footer_table(document)._tbl
    out = [p for p in body_paragraphs(document)
           if footer not in p._p.itersiblings(preceding=True)]
    return [p for p in out if p.text.strip()]


KINDS = ["Kế hoạch 15-KH-VPCP", "Kế hoạch 45-KH-TTĐT", "Quyết định 87-QĐ-VPCP",
         "Tờ trình 211-TTr-VPCP"]


@pytest.mark.parametrize("name", KINDS)
def test_the_last_body_paragraph_keeps_with_the_footer(built, name):
    document = open_docx(str(built / f"{name}.docx"))
    last = first_section_body(document)[-1]
    assert last.text.endswith("./.")
    assert para_format(last, "keep_with_next") is True
    assert last._p.getnext() is footer_table(document)._tbl
    row = footer_table(document).rows[0]._tr
    assert row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None


def test_lead_in_lines_keep_with_their_items(built):
    document = open_docx(str(built / "Tờ trình 211-TTr-VPCP.docx"))
    [lead] = [p for p in body_paragraphs(document) if p.text == "Hồ sơ kèm theo gồm:"]
    assert para_format(lead, "keep_with_next") is True
    decision = open_docx(str(built / "Quyết định 87-QĐ-VPCP.docx"))
    [verb] = [p for p in body_paragraphs(decision) if p.text == "QUYẾT ĐỊNH:"]
    assert para_format(verb, "keep_with_next") is True


@needs_soffice
def test_the_signer_is_not_alone_on_a_page(built, tmp_path):
    pages = pdf_pages(built / "Quyết định 87-QĐ-VPCP.docx", tmp_path)
    [page] = [p for p in pages if "Trần Văn Sơn" in p]
    assert "Nơi nhận:" in page
    # Above Nơi nhận on the signer's page there is the end of the body, not just the number.
    above = [line.strip() for line in page.split("Nơi nhận:")[0].splitlines() if line.strip()]
    assert any(line.endswith("Quyết định này./.") for line in above), above


def test_every_line_that_leads_into_what_follows_keeps_with_it(built, cycle_built):
    """A body line ending in ":" ("3. Kết quả kiểm phiếu:", "Hồ sơ kèm theo gồm:") is never
    the last line of a page with what it introduces on the next (issue 13, point 9)."""
    loose = []
    for path in sorted([*built.glob("*.docx"), *cycle_built.glob("*.docx")]):
        for paragraph in body_paragraphs(open_docx(str(path))):
            text = paragraph.text.strip()
            if text.endswith(":") and para_format(paragraph, "keep_with_next") is not True:
                loose.append(f"{path.name}: {text}")
    assert loose == []


def test_a_short_table_stays_whole_but_does_not_drag_what_follows(cycle_built):
    """A table of at most four rows keeps its rows together, but its last row does not keep
    with the next paragraph: the report's closing and signers then need not move with it,
    leaving half of page 1 empty (Báo cáo thành tích of Trần Thị Ánh Dương did)."""
    document = open_docx(str(cycle_built / "Báo cáo thành tích - Trần Thị Ánh Dương (KGVX).docx"))
    [table] = [t for t in document.tables if t.rows[0].cells[0].text == "Năm"]
    *rows, last = table.rows
    assert rows, "a header row and at least one body row"
    assert all(para_format(p, "keep_with_next") is True for r in rows for p in r.cells[1].paragraphs)
    assert all(para_format(p, "keep_with_next") is not True for p in last.cells[1].paragraphs)


@needs_soffice
def test_the_report_s_table_stays_on_its_first_page(cycle_built, tmp_path):
    first = pdf_pages(cycle_built / "Báo cáo thành tích - Trần Thị Ánh Dương (KGVX).docx",
                      tmp_path)[0]
    assert "Quyết định số 70/QĐ-VPCP" in first and "2. Hình thức khen thưởng" in first


def test_a_list_s_last_row_keeps_with_its_total_line(built):
    """"Cộng: 34 cá nhân × 1.490.000 đồng = …" never starts a page alone: the last row of a
    decision's list keeps with it, short table or long; a long table's other rows may break."""
    document = open_docx(str(built / "Quyết định 120-QĐ-VPCP.docx"))
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert {len(t.rows) - 1 for t in tables} >= {4, 34}
    for table in tables:
        nxt = table._tbl.getnext()
        assert "".join(nxt.itertext()).startswith("Cộng: ")
        *rows, last = table.rows[1:]
        assert all(para_format(p, "keep_with_next") is True for p in last.cells[1].paragraphs)
        long = len(table.rows) - 1 > 4
        assert all((para_format(p, "keep_with_next") is True) is not long
                   for r in rows for p in r.cells[1].paragraphs), len(table.rows)
