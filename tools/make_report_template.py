"""Build templates/report.docx, the Báo cáo sơ kết / tổng kết (run by a developer; the .docx is
committed). It reuses the page, styles, header and footer of tools/make_templates.py, so the
report looks like every other document of thidua.

Mẫu 1.4 of Phụ lục III, Nghị định 30/2020/NĐ-CP (văn bản có tên loại: the Báo cáo is listed
there, ký hiệu BC in Phụ lục III, Mục I): header, "BÁO CÁO", trích yếu, body in mục I., khoản
1., the body ending "./.", Nơi nhận and signer. The decree has no rule for tables inside the
body beyond Phụ lục I, Phần I, Mục I (portrait, or landscape for wide tables); the tables
here fit the portrait text width (165 mm) in 13 pt, with their header row repeated on every
page. Charts are one paragraph holding a marker that generator/render/charts.py replaces by
the picture.

    python tools/make_report_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The sibling script (tools/ is not a package): its page, styles, header and footer.
from make_templates import (
    CENTER,
    ROOT,
    cell_paragraphs,
    child,
    footer_block,
    header_block,
    loop,
    new_document,
    paragraph,
    set_fonts,
    title_block,
)

# name: (size, bold, italic, keep with next, space before, space after)
EXTRA_STYLES = {
    "TD Tên bảng": (13, True, False, True, 6, 3),
    "TD Hình": (13, False, False, True, 6, 0),
    "TD Chú thích hình": (13, True, True, False, 3, 6),
}

# The tables: key in doc.tables (or the section's table), and (heading, width mm, centred).
FORMS = [("STT", 14, True), ("Hình thức khen thưởng", 41, False), ("Quyết định", 34, True),
         ("Tập thể", 17, True), ("Cá nhân", 17, True), ("Cộng", 15, True),
         ("Tiền thưởng (đồng)", 27, True)]
UNITS = [("STT", 14, True), ("Đơn vị", 81, False), ("Tập thể", 23, True),
         ("Cá nhân", 23, True), ("Cộng", 24, True)]
GENDER = [("STT", 14, True), ("Hình thức khen thưởng", 65, False), ("Nam", 19, True),
          ("Nữ", 19, True), ("Không ghi giới tính", 27, True), ("Cộng", 21, True)]
UNIT_AWARDS = [("STT", 14, True), ("Đơn vị", 27, False), ("Hình thức khen thưởng", 34, False),
               ("Tập thể", 15, True), ("Cá nhân", 15, True), ("Cộng", 16, True),
               ("Trong đó: nữ", 17, True),
               ("Trong đó: công nhân, người lao động trực tiếp", 27, True)]
TARGETS = [("STT", 14, True), ("Đơn vị", 27, False), ("Chỉ tiêu", 49, False),
           ("Đơn vị tính", 18, True), ("Kế hoạch", 19, True), ("Thực hiện", 19, True),
           ("Tỷ lệ (%)", 19, True)]


def add_extra_styles(document) -> None:
    for name, (size, bold, italic, keep, before, after) in EXTRA_STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
        set_fonts(style.element)
        fmt = style.paragraph_format
        fmt.alignment = CENTER
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.keep_with_next = keep


def _cell_width(table, index: int, width: int) -> None:
    for row in table.rows:
        row.cells[index].width = Mm(width)
    table.columns[index].width = Mm(width)


def figures_table(document, columns: list[tuple[str, int, bool]], var: str,
                  keep: bool = False) -> None:
    """A bordered table: the header row (repeated on every page), one row per item of
    ``var.rows``, and the bold total row when ``var.total`` is set (docxtpl's ``{%tr %}`` rows
    are dropped when rendered). With *keep*, the body rows keep with the next, so that a short
    table stays whole on one page."""
    table = document.add_table(rows=7, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    child(table._tbl.tblPr, "w:tblLayout").set(qn("w:type"), "fixed")
    for index, (heading, width, centred) in enumerate(columns):
        _cell_width(table, index, width)
        body = ("TD Bảng giữa" if centred else "TD Bảng") + (" liền" if keep else "")
        cell_paragraphs(document, table.cell(0, index), [("TD Bảng tiêu đề", heading)])
        cell_paragraphs(document, table.cell(2, index), [(body, f"{{{{ row[{index}] }}}}")])
        cell_paragraphs(document, table.cell(5, index),
                        [("TD Bảng tiêu đề", f"{{{{ {var}.total[{index}] }}}}")])
    for row, tag in ((1, f"{{%tr for row in {var}.rows %}}"), (3, "{%tr endfor %}"),
                     (4, f"{{%tr if {var}.total %}}"), (6, "{%tr endif %}")):
        cell_paragraphs(document, table.cell(row, 0), [("TD Bảng", tag)])
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


REPORT_TABLE_ROWS = 15


def titled_table(document, columns, var: str) -> None:
    paragraph(document, "TD Tên bảng", f"{{{{ {var}.number }}}} {{{{ {var}.title }}}}")
    # As make_templates.grid_tables: the table twice, chosen once per table, kept on one page
    # when short (Nghị định 30's reader must not turn a page inside a 3-row table). A report's
    # tables end in a total row, which alone on the next page reads as a table of its own:
    # up to REPORT_TABLE_ROWS rows (a third of a page) they are kept whole.
    counts = ", ".join(str(n) for n in range(1, REPORT_TABLE_ROWS + 1))
    paragraph(document, "TD Bảng", f"{{%p if {var}.rows|length in ({counts}) %}}")
    figures_table(document, columns, var, keep=True)
    paragraph(document, "TD Bảng", "{%p else %}")
    figures_table(document, columns, var)
    paragraph(document, "TD Bảng", "{%p endif %}")


def chart_block(document, name: str) -> None:
    """The chart *name* if the report has it: its marker paragraph, then its caption."""
    paragraph(document, "TD Hình", f"{{%p for c in doc.charts if c.name == '{name}' %}}")
    paragraph(document, "TD Hình", "{{ c.marker }}")
    paragraph(document, "TD Chú thích hình", "{{ c.caption }}")
    paragraph(document, "TD Hình", "{%p endfor %}")


def report_template():
    """Mẫu 1.4 for the Báo cáo sơ kết / tổng kết of a movement."""
    d = new_document("Báo cáo sơ kết, tổng kết phong trào thi đua")
    add_extra_styles(d)
    header_block(d)
    title_block(d, "BÁO CÁO", "{{ doc.title }}")
    paragraph(d, "TD Nội dung dẫn", "{{ doc.opening }}")     # "… như sau:" keeps with I.
    paragraph(d, "TD Mục", "I. KẾT QUẢ TRIỂN KHAI THỰC HIỆN PHONG TRÀO")
    # An overview line that ends in ":" leads into the contents: it keeps with them.
    paragraph(d, "TD Nội dung", "{%p for item in doc.overview %}")
    paragraph(d, "TD Nội dung", "{%p if item.endswith(':') %}")
    paragraph(d, "TD Nội dung dẫn", "{{ item }}")
    paragraph(d, "TD Nội dung", "{%p else %}")
    paragraph(d, "TD Nội dung", "{{ item }}")
    paragraph(d, "TD Nội dung", "{%p endif %}")
    paragraph(d, "TD Nội dung", "{%p endfor %}")
    paragraph(d, "TD Khoản", "{%p for s in doc.contents %}")
    paragraph(d, "TD Khoản", "{{ s.heading }}")
    paragraph(d, "TD Nội dung", "{{ s.content }}")
    loop(d, "TD Nội dung", "s.done", "{{ item }}")
    paragraph(d, "TD Tên bảng", "{%p if s.table %}")
    titled_table(d, TARGETS, "s.table")
    paragraph(d, "TD Tên bảng", "{%p endif %}")
    paragraph(d, "TD Khoản", "{%p endfor %}")
    paragraph(d, "TD Nội dung", "{%p if doc.goals_line %}")
    paragraph(d, "TD Nội dung", "{{ doc.goals_line }}")
    paragraph(d, "TD Nội dung", "{%p endif %}")
    chart_block(d, "chi-tieu")
    paragraph(d, "TD Mục", "II. MÔ HÌNH, SÁNG KIẾN, CÁCH LÀM HAY")
    loop(d, "TD Nội dung", "doc.models", "{{ item }}")
    paragraph(d, "TD Mục", "III. CÔNG TÁC KHEN THƯỞNG")
    paragraph(d, "TD Khoản", "1. Khen thưởng theo Quyết định của cơ quan")
    paragraph(d, "TD Nội dung", "{{ doc.awards_sentence }}")
    titled_table(d, FORMS, "doc.tables.forms")
    chart_block(d, "hinh-thuc")
    titled_table(d, UNITS, "doc.tables.units")
    chart_block(d, "don-vi")
    titled_table(d, GENDER, "doc.tables.gender")
    paragraph(d, "TD Khoản", "{%p if doc.own_awards %}")
    paragraph(d, "TD Khoản", "2. Khen thưởng của các đơn vị")
    paragraph(d, "TD Nội dung dẫn", "Theo báo cáo của các đơn vị, khen thưởng ở cấp đơn vị như sau "
                                "(cột công nhân, người lao động trực tiếp để trống khi đơn vị "
                                "không ghi nhận):")
    titled_table(d, UNIT_AWARDS, "doc.tables.unit_awards")
    paragraph(d, "TD Khoản", "{%p endif %}")
    paragraph(d, "TD Mục", "IV. ĐÁNH GIÁ CHUNG")
    paragraph(d, "TD Khoản", "1. Ưu điểm")
    loop(d, "TD Nội dung", "doc.strengths", "{{ item }}")
    paragraph(d, "TD Khoản", "2. Hạn chế, nguyên nhân")
    loop(d, "TD Nội dung", "doc.limitations", "{{ item }}")
    paragraph(d, "TD Mục", "V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    loop(d, "TD Nội dung", "doc.next_steps", "{{ item }}")
    paragraph(d, "TD Nội dung cuối", "{{ doc.closing|end_body }}")
    footer_block(d)
    return d


def main() -> None:
    report_template().save(ROOT / "templates" / "report.docx")
    print("templates/report.docx")


if __name__ == "__main__":
    main()
