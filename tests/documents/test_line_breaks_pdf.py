"""Line breaks as LibreOffice sets them (issue 13, point 2): the sample's Tờ trình 211 used to
end a line with "COVID-" and leave "19”" alone on the trích yếu's last line; its trích yếu and
the list's "(Kèm theo …)" line now break only between words."""

from __future__ import annotations

from pathlib import Path

from support import SAMPLE_DIR, needs_soffice

from generator.render.pdf import convert_to_pdf


@needs_soffice
def test_the_211_ttr_breaks_its_title_between_words(run, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "out"
    proposal = SAMPLE_DIR / "proposals" / "huan-chuong-lao-dong-hang-ba.json"
    assert run("proposal", str(proposal), "-o", str(out)).exit_code == 0, "build"
    [docx] = out.glob("Tờ trình 211-TTr-VPCP.docx")
    [pdf] = convert_to_pdf([docx], tmp_path / "pdf").files
    lines = [" ".join(x.split()) for page in PdfReader(str(pdf)).pages
             for x in (page.extract_text() or "").splitlines()]
    title = lines[lines.index("TỜ TRÌNH") + 1:]
    title = title[:next(i for i, x in enumerate(title) if x.startswith("Kính gửi"))]
    assert len(title) >= 2 and title[-1].endswith("COVID-19”")
    assert len(title[-1].split(" ")) >= 2                      # never one word alone
    assert not any(x.endswith("-") for x in lines)             # no line ends inside a term
