"""`thidua check` on Bằng khen and Giấy khen: recognised as certificates and checked against the
award's design (order of the blocks, red lines, landscape, one per page), not Phụ lục I."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import RGBColor
from support.certificates import people

from generator.certificates.batch import write_certificates
from generator.check.rules.base import RULES, Finding
from generator.check.run import check_document


def rules(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.where) for f in findings]


def certificate(tmp_path: Path, form: str = "Bằng khen", merge: bool = False,
                count: int = 1) -> Path:
    return write_certificates(people(count, form), tmp_path / form, merge=merge).files[0]


def edited(path: Path, change) -> Path:
    document = docx.Document(str(path))
    change(document)
    out = path.with_name("edited.docx")
    document.save(str(out))
    return out


def paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text.strip() == text)


@pytest.mark.parametrize("form", ["Bằng khen", "Giấy khen"])
def test_certificates_thidua_writes_follow_the_design(tmp_path, form):
    assert check_document(certificate(tmp_path, form)) == []
    assert check_document(certificate(tmp_path / "merged", form, merge=True, count=3)) == []


def portrait(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = section.page_height, section.page_width


def black_title(document):
    for run in paragraph(document, "BẰNG KHEN").runs:
        run.font.color.rgb = RGBColor(0, 0, 0)


def without_tang(document):
    tang = paragraph(document, "TẶNG")._p
    tang.getparent().remove(tang)


def unsigned(document):
    for cell in (c for table in document.tables for c in table._cells):
        for p in cell.paragraphs:
            if p.text.strip() == "Trần Văn Sơn":
                p._p.getparent().remove(p._p)


def third_without_page_break(document):
    firsts = [p for p in document.paragraphs if p.text.startswith("CỘNG HÒA")]
    firsts[2].paragraph_format.page_break_before = False


# (rule, edit, print file?, where, words of the message): each edit breaks that rule alone.
BREAKS = [
    ("CERT-ORIENTATION", portrait, False, "trang giấy", "chiều ngang"),
    ("CERT-RED", black_title, False, "đoạn 6", "màu đỏ"),
    ("CERT-ORDER", without_tang, False, "đoạn 1", "“TẶNG”"),
    ("CERT-ORDER", unsigned, False, "đoạn 1", "họ tên người ký"),
    ("CERT-PAGE", third_without_page_break, True, "Bằng khen thứ 3: đoạn 33", "trang mới"),
]


@pytest.mark.parametrize("rule, edit, merge, where, words", BREAKS,
                         ids=[edit.__name__ for _, edit, *_ in BREAKS])
def test_a_certificate_breaking_one_rule_reports_that_rule_only(tmp_path, rule, edit, merge,
                                                                where, words):
    source = certificate(tmp_path, merge=merge, count=3 if merge else 1)
    findings = check_document(edited(source, edit))
    assert rules(findings) == [(rule, where)]
    assert words in findings[0].message


def test_every_certificate_rule_has_a_failing_case():
    assert {rule for rule, *_ in BREAKS} == {r for r in RULES if r.startswith("CERT-")}


def test_a_black_title_says_which_colour_it_found(tmp_path):
    (finding,) = check_document(edited(certificate(tmp_path), black_title))
    assert (finding.expected, finding.found, finding.excerpt) == ("màu đỏ", "000000", "BẰNG KHEN")


def test_a_decision_that_lists_bang_khen_is_still_an_administrative_document(tmp_path):
    from support import SAMPLE_DIR

    from generator.build import build_file
    written = build_file(SAMPLE_DIR / "decisions" / "so-ket-2022.json", tmp_path)
    assert all(not f.rule.startswith("CERT-") for f in check_document(written.documents[0].path))
