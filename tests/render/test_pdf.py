"""PDFs as a clerk gets them: one per certificate, each showing its recipient, cut from the
print file; documents converted by two LibreOffice processes when there are many; and nothing
written when a page does not match (skipped where LibreOffice is not installed)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support import SAMPLE_DIR, needs_soffice

from generator.certificates.batch import write_certificates
from generator.errors import ConversionError
from generator.render import pdf
from generator.render.pdf import Page, convert_to_pdf, split_print_files

pytestmark = needs_soffice
DECISION = SAMPLE_DIR / "decisions" / "so-ket-2022.json"


def page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """`thidua certificates --pdf` over the sample decision (38 certificates)."""
    from click.testing import CliRunner

    from generator.cli import main
    out = tmp_path_factory.mktemp("certificates")
    result = CliRunner().invoke(main, ["certificates", str(DECISION), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    with (out / "manifest.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    return out, rows, result.output


def test_every_certificate_gets_a_pdf_of_one_page_showing_its_recipient(certificates):
    out, rows, output = certificates
    assert len(rows) == 38 and "PDF: đã ghi 38 tệp" in output
    for row in rows:
        texts = page_texts(out / (Path(row["file"]).stem + ".pdf"))
        assert len(texts) == 1
        assert row["recipient"].lstrip("'") in texts[0]
        assert "BẰNG KHEN" in texts[0]


def test_a_rerun_keeps_the_pdfs_it_already_wrote(certificates):
    from click.testing import CliRunner

    from generator.cli import main
    out, _, _ = certificates
    before = {p: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    result = CliRunner().invoke(main, ["certificates", str(DECISION), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert "PDF: đã ghi 0 tệp, giữ nguyên 38 tệp đã có" in result.output
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.pdf")} == before


@pytest.fixture(scope="module")
def print_file(tmp_path_factory):
    """The print file of three certificates, and their recipients."""
    from generator.build import decision_certificates
    records = decision_certificates(DECISION)[1][:3]
    folder = tmp_path_factory.mktemp("print")
    return write_certificates(records, folder, merge=True).files[0], [r.recipient for r in records]


def test_a_page_that_does_not_show_its_recipient_stops_every_pdf(print_file, tmp_path):
    path, names = print_file
    pages = [Page(0, i + 1, tmp_path / f"{i}.pdf", name) for i, name in enumerate(names)]
    pages[2] = pages[2]._replace(text=names[0])          # page 3 shows someone else
    with pytest.raises(ConversionError, match="trang 3: không thấy"):
        split_print_files([path], pages, [path] * 3)
    assert not list(tmp_path.glob("*.pdf"))


def test_a_print_file_with_another_number_of_pages_writes_nothing(print_file, tmp_path):
    path, names = print_file
    pages = [Page(0, i + 1, tmp_path / f"{i}.pdf", names[0]) for i in range(4)]
    with pytest.raises(ConversionError, match="có 3 trang, cần 4"):
        split_print_files([path], pages, [path] * 4)
    assert not list(tmp_path.glob("*.pdf"))


def test_pages_are_checked_even_where_the_quick_reading_fails(print_file, tmp_path,
                                                              monkeypatch):
    path, names = print_file
    monkeypatch.setattr(pdf, "_quick_text", lambda page, fonts: None)
    pages = [Page(0, i + 1, tmp_path / f"{i}.pdf", name) for i, name in enumerate(names)]
    split_print_files([path], pages, [path] * 3)
    assert [names[i] in page_texts(tmp_path / f"{i}.pdf")[0] for i in range(3)] == [True] * 3


def test_many_documents_are_converted_by_two_processes_each_into_its_own_pdf(tmp_path,
                                                                            monkeypatch):
    from generator.build import build_campaign
    documents = [w.path for w in build_campaign(SAMPLE_DIR, tmp_path / "docs",
                                                certificates=False).documents]
    runs = []
    real = pdf._run
    monkeypatch.setattr(pdf, "PARALLEL_FROM", 2)
    monkeypatch.setattr(pdf, "_run", lambda *a: (runs.append(a[2]), real(*a))[1])
    converted = convert_to_pdf(documents, tmp_path / "pdf")
    assert len(runs) == 2 and sorted(p for run in runs for p in run) == sorted(
        p.resolve() for p in documents)
    for document, target in zip(documents, converted.files, strict=True):
        assert target.stem == document.stem
        title = {"Kế": "KẾ HOẠCH", "Quyết": "QUYẾT ĐỊNH", "Tờ": "TỜ TRÌNH", "Báo": "BÁO CÁO"}
        assert title[document.name.split()[0]] in page_texts(target)[0]
