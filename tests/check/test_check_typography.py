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
