"""The sổ đăng ký văn bản đi as a Word file to print (Nghị định 30/2020, Phụ lục IV, Mục I):
A4 landscape with the margins of Phụ lục I, Mục I, the cover lines, then one table whose two
header rows repeat on every page (w:tblHeader) and whose rows never break across pages
(w:cantSplit). The columns and their content come from generator.store.export."""

from __future__ import annotations

import io
from collections.abc import Sequence


def register_docx(cover: Sequence[str], lines: Sequence[Sequence[str]],
                  widths_mm: Sequence[float], centred: Sequence[int]) -> bytes:
    """A sổ as a Word file: *cover* lines (the first three bold), then one table of *lines*
    whose first two rows (titles, column numbers) repeat on every page; *widths_mm* per
    column, the *centred* columns' cells centred."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    # A4 landscape; margins of Nghị định 30/2020, Phụ lục I, Mục I (top and bottom 20–25 mm,
    # left 30–35 mm, right 15–20 mm)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(0)
    for line, text in enumerate(cover, start=1):
        if not text:
            continue
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = line <= 3
        run.font.size = Pt(14 if line == 3 else 12)
    document.add_paragraph()
    table = document.add_table(rows=len(lines), cols=len(widths_mm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(mm) for mm in widths_mm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for index, (row, values) in enumerate(zip(table.rows, lines, strict=True)):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < 2:
            properties.append(OxmlElement("w:tblHeader"))     # repeated on every page
        for column, (cell, value, width) in enumerate(zip(row.cells, values, widths,
                                                          strict=True)):
            cell.width = width          # Word reads the cells' widths, LibreOffice the grid's
            paragraph = cell.paragraphs[0]
            if index < 2 or column in centred:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(value)
            run.bold = index == 0
            run.font.size = Pt(11)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

