"""A real reader: LibreOffice opens the plan and lays it out (skipped where it is not installed;
.ci/run installs it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support import SAMPLE, SOFFICE, needs_soffice

from generator.build import render_file

pytestmark = needs_soffice


def to_pdf(docx: Path, out: Path) -> Path:
    profile = out / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = out / (docx.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice did not produce a PDF"
    return pdf


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory):
    from pypdf import PdfReader
    out = tmp_path_factory.mktemp("lo")
    docx = out / "plan.docx"
    docx.write_bytes(render_file(SAMPLE).content)
    reader = PdfReader(to_pdf(docx, out))
    return [page.extract_text() for page in reader.pages]


def test_libreoffice_opens_the_plan_and_lays_it_out_on_several_a4_pages(pdf_pages):
    assert len(pdf_pages) >= 2
    assert "KẾ HOẠCH" in pdf_pages[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_pages[0]
    assert "Trần Văn Sơn" in pdf_pages[-1]


def test_first_page_has_no_number_and_the_second_shows_2_at_the_top(pdf_pages):
    first_lines = [page.strip().splitlines()[0].strip() for page in pdf_pages]
    assert first_lines[0] != "1" and not first_lines[0].isdigit()
    assert first_lines[1] == "2"
    assert [int(line) for line in first_lines[1:]] == list(range(2, len(pdf_pages) + 1))


def test_libreoffice_opens_every_document_of_the_sample_campaign(tmp_path):
    from pypdf import PdfReader
    from support import SAMPLE_DIR

    from generator.build import build_campaign
    written = [w.path for w in build_campaign(SAMPLE_DIR, tmp_path / "out",
                                              certificates=False).documents]
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    *map(str, written)], check=True, capture_output=True, timeout=300)
    for docx in written:
        reader = PdfReader(tmp_path / "pdf" / (docx.stem + ".pdf"))
        first = reader.pages[0].extract_text()
        kind = docx.stem.split(" ")[0].upper().replace("QUYẾT", "QUYẾT ĐỊNH").replace(
            "TỜ", "TỜ TRÌNH").replace("KẾ", "KẾ HOẠCH")
        assert kind in first and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
        assert len(reader.pages) >= 2
