"""The "DỰ THẢO" mark (issue 13, point 7): a document without its number or date shows the
boxed word under the Số on page 1 and in the page header of every other page, its attached
list included; a numbered, dated document shows it nowhere. `thidua check` reports a draft
without the mark, a signed document with it, and blanks left in brackets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.docx_read import open_docx

from generator.check.run import check_document
from generator.render import engine

MARK = "DỰ THẢO"


def _make_draft(campaign_dir: Path, name: str = "so-ket-2022.json") -> None:
    path = campaign_dir / "decisions" / name
    data = json.loads(path.read_text(encoding="utf-8"))
    data["document"]["year"] = int(data["document"]["date"][:4])
    data["document"].update(number=None, date=None)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    # The báo cáo sơ kết counts issued decisions only, and refuses to count a draft.
    for report in (campaign_dir / "reports").glob("*.json"):
        report.unlink()


def _header_texts(document) -> list[tuple[int, str, str]]:
    """(section, 'default'|'first', text) of every header each section shows."""
    out = []
    for index, section in enumerate(document.sections):
        out.append((index, "default", "".join(p.text for p in section.header.paragraphs)))
        first = section.first_page_header
        out.append((index, "first", "".join(p.text for p in first.paragraphs)))
    return out


@pytest.fixture
def built(run, tmp_path: Path, campaign_dir: Path) -> Path:
    _make_draft(campaign_dir)
    out = tmp_path / "out"
    result = run("build", str(campaign_dir), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def test_a_draft_decision_is_marked_on_every_page(built: Path) -> None:
    [draft] = built.glob("Quyết định QĐ-VPCP (dự thảo).docx")
    document = open_docx(str(draft))
    number_cell = document.tables[0].cell(1, 0)
    assert [p.text.replace("\xa0", " ") for p in number_cell.paragraphs] == [
        "Số:       /QĐ-VPCP", MARK]
    mark = number_cell.paragraphs[1]
    assert mark.style.font.bold and mark.style.font.size.pt == 13
    assert mark.style.element.find(".//{*}rPr/{*}bdr") is not None     # the box
    headers = {(s, k): t for s, k, t in _header_texts(document)}
    assert len(document.sections) == 2
    assert MARK in headers[0, "default"] and "2" in headers[0, "default"]  # with the number
    assert MARK not in headers[0, "first"]       # page 1 has it under the Số instead
    assert MARK in headers[1, "default"] and MARK in headers[1, "first"]  # the attached list


def test_a_signed_decision_has_no_mark(built: Path) -> None:
    document = open_docx(str(built / "Quyết định 87-QĐ-VPCP.docx"))
    assert all(MARK not in text for _, _, text in _header_texts(document))
    assert MARK not in document.tables[0].cell(1, 0).text


@pytest.mark.parametrize("template", ["decision.docx", "plan.docx", "unit_plan.docx",
                                      "proposal.docx"])
def test_the_mark_keeps_the_compiled_path(template: str) -> None:
    """The mark is chosen in the body (section properties), not by a tag in a header part,
    which would send every document of the template through stock docxtpl."""
    ready = engine.prepared(template)
    assert ready is not None and ready.text is not None


def test_check_accepts_the_marked_draft_and_the_signed_document(built: Path) -> None:
    for name in ("Quyết định QĐ-VPCP (dự thảo).docx", "Quyết định 87-QĐ-VPCP.docx"):
        rules = [f.rule for f in check_document(built / name)]
        assert "ND30-DU-THAO" not in rules, name


def _strip_marks(source: Path, target: Path) -> Path:
    document = open_docx(str(source))
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            for p in header.paragraphs:
                if MARK in p.text:
                    p._p.getparent().remove(p._p)
    for p in document.tables[0].cell(1, 0).paragraphs:
        if p.text == MARK:
            p._p.getparent().remove(p._p)
    document.save(str(target))
    return target


def test_check_reports_a_draft_without_the_mark(built: Path, tmp_path: Path) -> None:
    bare = _strip_marks(built / "Quyết định QĐ-VPCP (dự thảo).docx", tmp_path / "bare.docx")
    [finding] = [f for f in check_document(bare) if f.rule == "ND30-DU-THAO"]
    assert finding.severity == "error"
    assert "trang 1" in finding.where and "phần 2" in finding.where


def test_check_reports_a_signed_document_still_marked(built: Path, tmp_path: Path) -> None:
    document = open_docx(str(built / "Quyết định 87-QĐ-VPCP.docx"))
    document.sections[0].header.add_paragraph(MARK)
    document.save(str(tmp_path / "signed.docx"))
    [finding] = [f for f in check_document(tmp_path / "signed.docx")
                 if f.rule == "ND30-DU-THAO"]
    assert "vẫn ghi “DỰ THẢO”" in finding.message


def test_check_reports_placeholders_error_when_signed_warning_in_a_draft(
        built: Path, tmp_path: Path) -> None:
    for name, severity in (("Quyết định 87-QĐ-VPCP.docx", "error"),
                           ("Quyết định QĐ-VPCP (dự thảo).docx", "warning")):
        document = open_docx(str(built / name))
        [footer] = [t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận")]
        footer.cell(0, 1).paragraphs[-1].text = "(Họ và tên)"
        target = tmp_path / f"{severity}.docx"
        document.save(str(target))
        found = [f for f in check_document(target) if f.rule == "ND30-PLACEHOLDER"]
        assert [(f.severity, f.found) for f in found] == [(severity, "(Họ và tên)")], name


def test_the_init_unit_draft_passes_check_with_its_blanks_warned(run, tmp_path: Path,
                                                                 campaign_dir: Path) -> None:
    """The draft `init-unit` starts has '(Họ và tên)' where the signer's name goes: the
    name's place, not a missing name (it used to fail ND30-SIGNER)."""
    assert run("init-unit", str(campaign_dir / "campaign.json"), "--unit", "PL").exit_code == 0
    out = tmp_path / "out"
    assert run("build", str(campaign_dir), "-o", str(out), "--draft").exit_code == 0
    [draft] = out.glob("Kế hoạch KH-PL*.docx")
    findings = check_document(draft)
    assert [f for f in findings if f.severity == "error"] == []
    assert ("warning", "(Họ và tên)") in [(f.severity, f.found) for f in findings
                                          if f.rule == "ND30-PLACEHOLDER"]
