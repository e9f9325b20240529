"""`thidua check` on how a trích yếu is broken into lines (issue 13, point 2): a hyphenated
term or a two-syllable word split across lines, a last line of one word; and the same text
with no-break spaces and hyphens passes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from support.checker_fixtures import Clerk, build

from generator.check.run import check_document
from generator.vn.linebreaks import title_text

HYPHEN = "Phát động thi đua của các cơ quan thuộc Sở trong phòng, chống dịch COVID-19"
ONE_WORD = "Phát động thi đua của các cơ quan trong tỉnh trong phòng, chống dịch COVID-19"
WORD = "Tổ chức phong trào thi đua trong các phòng, đơn vị thuộc Sở Nội vụ và Ủy ban nhân dân tỉnh"


@pytest.mark.parametrize(("abstract", "found"), [
    (HYPHEN, "COVID-19"),
    (ONE_WORD, "ít nhất hai từ ở dòng cuối"),
    (WORD, "Ủy ban"),
], ids=["hyphen", "one-word-last-line", "two-syllable-word"])
def test_a_badly_broken_abstract_is_warned(tmp_path: Path, abstract: str, found: str) -> None:
    path = build(replace(Clerk(), abstract=abstract), tmp_path / "plan.docx")
    [finding] = [f for f in check_document(path) if f.rule == "ND30-LINE-BREAK"]
    assert finding.severity == "warning"
    assert finding.expected == found


@pytest.mark.parametrize("abstract", [HYPHEN, ONE_WORD, WORD])
def test_the_same_abstract_printed_by_thidua_passes(tmp_path: Path, abstract: str) -> None:
    path = build(replace(Clerk(), abstract=title_text(abstract)), tmp_path / "plan.docx")
    assert [f for f in check_document(path) if f.rule == "ND30-LINE-BREAK"] == []


def test_check_warns_of_capitals_and_i_y_in_the_body(tmp_path: Path) -> None:
    clerk = replace(Clerk(), abstract="Tổ chức phong trào thi đua vì sức khỏe nhân dân năm 2024")
    findings = check_document(build(clerk, tmp_path / "plan.docx"))
    [capitals] = [f for f in findings if f.rule == "ND30-VIET-HOA"]
    assert (capitals.severity, capitals.found, capitals.expected) == \
        ("warning", "nhân dân", "Nhân dân")


# -- pagination (points 1 and 9) ----------------------------------------------------------------


def _footer(document):
    return next(t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận"))


def test_a_signer_that_may_stand_alone_is_warned_and_thidua_s_is_not(run, tmp_path: Path):
    from support import SAMPLE
    from support.docx_read import open_docx

    assert run("plan", str(SAMPLE), "-o", str(tmp_path)).exit_code == 0
    path = tmp_path / "Kế hoạch 15-KH-VPCP.docx"
    assert "ND30-KEEP-SIGNER" not in {f.rule for f in check_document(path)}
    document = open_docx(str(path))
    footer = _footer(document)
    last = footer._tbl.getprevious()
    last.get_or_add_pPr().keepNext_val = False            # the last paragraph may part
    document.save(str(tmp_path / "loose.docx"))
    [finding] = [f for f in check_document(tmp_path / "loose.docx")
                 if f.rule == "ND30-KEEP-SIGNER"]
    assert "đoạn cuối" in finding.found and "hàng" not in finding.found
    for row in footer._tbl.tr_lst:                        # and now the row may split too
        row.trPr.remove(row.trPr.find("{*}cantSplit"))
    document.save(str(tmp_path / "split.docx"))
    [finding] = [f for f in check_document(tmp_path / "split.docx")
                 if f.rule == "ND30-KEEP-SIGNER"]
    assert "hàng của bảng" in finding.found


def test_short_lists_are_kept_whole_and_long_ones_may_break(run, tmp_path: Path, campaign_dir):
    from support.docx_read import open_docx

    out = tmp_path / "out"
    assert run("build", str(campaign_dir), "-o", str(out)).exit_code == 0
    for name in ("Quyết định 87-QĐ-VPCP.docx", "Quyết định 120-QĐ-VPCP.docx"):
        document = open_docx(str(out / name))
        for table in document.tables[2:]:                 # the attached list's tables
            data_rows = table.rows[1:]
            keeps = [p.style.paragraph_format.keep_with_next for row in data_rows[:-1]
                     for cell in row.cells for p in cell.paragraphs]
            assert table.rows[0].cells[0].paragraphs[0].style.paragraph_format.keep_with_next
            assert all(keeps) == (len(data_rows) <= 4), (name, len(data_rows))
        assert "ND30-TABLE-KEEP" not in {f.rule for f in check_document(out / name)}


def test_a_lead_in_line_that_may_end_a_page_alone_is_warned(run, tmp_path: Path):
    """Issue 13, point 9: "Hồ sơ kèm theo gồm:" at the foot of a page, its items on the next."""
    from support import SAMPLE_DIR
    from support.docx_read import open_docx

    proposal = SAMPLE_DIR / "proposals" / "bang-khen-thu-tuong.json"
    assert run("proposal", str(proposal), "-o", str(tmp_path)).exit_code == 0
    [path] = tmp_path.glob("Tờ trình*.docx")
    assert "ND30-LEAD-KEEP" not in {f.rule for f in check_document(path)}
    document = open_docx(str(path))
    [lead] = [p for p in document.paragraphs if p.text == "Hồ sơ kèm theo gồm:"]
    lead.paragraph_format.keep_with_next = False
    document.save(str(tmp_path / "loose.docx"))
    [finding] = [f for f in check_document(tmp_path / "loose.docx")
                 if f.rule == "ND30-LEAD-KEEP"]
    assert finding.severity == "warning" and finding.excerpt == "Hồ sơ kèm theo gồm:"


def test_a_list_of_one_form_numbered_i_is_warned(run, tmp_path: Path):
    """Issue 13, point 9: "I. BẰNG KHEN …" over a list that has no "II."."""
    from support import SAMPLE_DIR
    from support.docx_read import open_docx

    decision = SAMPLE_DIR / "decisions" / "dot-xuat-2021.json"
    assert run("decision", str(decision), "-o", str(tmp_path)).exit_code == 0
    [path] = tmp_path.glob("Quyết định*.docx")
    assert "ND30-SO-MUC" not in {f.rule for f in check_document(path)}
    document = open_docx(str(path))
    first = next(p for p in document.paragraphs if p.text in ("1. Tập thể", "1. Cá nhân"))
    first.insert_paragraph_before("I. BẰNG KHEN CỦA BỘ TRƯỞNG, CHỦ NHIỆM VĂN PHÒNG CHÍNH PHỦ")
    document.save(str(tmp_path / "numbered.docx"))
    [finding] = [f for f in check_document(tmp_path / "numbered.docx")
                 if f.rule == "ND30-SO-MUC"]
    assert finding.severity == "warning"
    assert finding.excerpt.startswith("I. BẰNG KHEN")
    two = SAMPLE_DIR / "decisions" / "so-ket-2022.json"                # I. and II.: fine
    assert run("decision", str(two), "-o", str(tmp_path / "two")).exit_code == 0
    [path] = (tmp_path / "two").glob("Quyết định*.docx")
    assert "ND30-SO-MUC" not in {f.rule for f in check_document(path)}
