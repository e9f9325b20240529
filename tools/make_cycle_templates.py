"""Build the Word templates of the commendation cycle (run by a developer; the .docx files are
committed): the báo cáo thành tích, the ballots and the Biên bản họp Hội đồng.

They reuse the page, styles and blocks of ``tools/make_templates.py`` (Nghị định 30/2020/NĐ-CP,
Phụ lục I), so every document of a campaign looks alike; only their bodies are new:

- ``achievement_report.docx``: the báo cáo thành tích of one collective or one individual, in
  the sections the decree's appendix forms share (generator/vn/report_forms.py);
- ``ballot.docx``: one phiếu bầu per page, one page per form;
- ``council_minutes.docx``: Mẫu 1.9 of Phụ lục III (Biên bản), with the attendance and, per
  form, a table of the votes against the threshold.

    python tools/make_cycle_templates.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_BREAK

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_templates as base
from make_templates import (
    borderless_table,
    cell_paragraphs,
    grid_tables,
    header_block,
    loop,
    new_document,
    paragraph,
    title_block,
)

ROOT = base.ROOT


def recipients_cell(document, cell) -> None:
    cell_paragraphs(document, cell, [
        ("TD Nơi nhận", "Nơi nhận:"),
        ("TD Danh sách nơi nhận", "{%p for line in doc.recipient_lines %}"),
        ("TD Danh sách nơi nhận", "{{ line }}"),
        ("TD Danh sách nơi nhận", "{%p endfor %}"),
    ])


def signer_cell(document, cell, lines: str, name: str) -> None:
    cell_paragraphs(document, cell, [
        ("TD Quyền hạn ký", f"{{%p for line in {lines} %}}"),
        ("TD Quyền hạn ký", "{{ line }}"),
        ("TD Quyền hạn ký", "{%p endfor %}"),
        ("TD Họ tên người ký", f"{{{{ {name} }}}}"),
    ])


def footer(document) -> None:
    """Ô 9b and ô 7 as every thidua document has them: Nơi nhận left, the signer right."""
    table = borderless_table(document, (base.FOOTER_LEFT_MM, base.FOOTER_RIGHT_MM), rows=1)
    table.rows[0]._tr.get_or_add_trPr().append(base.OxmlElement("w:cantSplit"))
    recipients_cell(document, table.cell(0, 0))
    signer_cell(document, table.cell(0, 1), "doc.signer_lines", "doc.signer_name")


def two_signers(document) -> None:
    """Two signatures side by side (Mẫu 1.9: THƯ KÝ left, CHỦ TỌA right; a báo cáo of an
    individual: the head's confirmation left, the reporter right), Nơi nhận under them in
    the same table: the signatures' row keeps with it, so Nơi nhận never stands alone."""
    # Both halves of the text area (165 mm, like the header and footer tables).
    half = base.TEXT_WIDTH_MM // 2
    table = borderless_table(document, (half, base.TEXT_WIDTH_MM - half), rows=2)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(base.OxmlElement("w:cantSplit"))
    signer_cell(document, table.cell(0, 0), "doc.left_lines", "doc.left_name")
    signer_cell(document, table.cell(0, 1), "doc.signer_lines", "doc.signer_name")
    for cell in table.rows[0].cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True
    recipients_cell(document, table.cell(1, 0))


def sections(document) -> None:
    """Sections "I. …" with khoản "1. …" and their paragraphs, as the context lists them."""
    paragraph(document, "TD Mục", "{%p for s in doc.sections %}")
    paragraph(document, "TD Mục", "{{ s.heading }}")
    paragraph(document, "TD Khoản", "{%p for part in s.parts %}")
    paragraph(document, "TD Khoản", "{%p if part.label %}")
    paragraph(document, "TD Khoản", "{{ part.label }}")
    paragraph(document, "TD Khoản", "{%p endif %}")
    loop(document, "TD Nội dung", "part.paragraphs", "{{ item }}")
    paragraph(document, "TD Khoản", "{%p endfor %}")
    paragraph(document, "TD Mục", "{%p endfor %}")


def record_table(document, label: str, heading: str, items: str) -> None:
    paragraph(document, "TD Khoản", label)
    paragraph(document, "TD Nội dung", f"{{%p if {items} %}}")
    grid_tables(document, [("Năm", 20, "{{ row.year }}", "TD Bảng giữa"),
                          (heading, 60, "{{ row.name }}", "TD Bảng"),
                          ("Số, ngày, tháng, năm của quyết định; cơ quan ban hành quyết định",
                           85, "{{ row.decision }}", "TD Bảng")], items)
    paragraph(document, "TD Nội dung", "{%p else %}")
    paragraph(document, "TD Nội dung", "Chưa có.")
    paragraph(document, "TD Nội dung", "{%p endif %}")


def achievement_report_template():
    """The báo cáo thành tích of one collective or individual (Nghị định 91/2017 Mẫu 01/02,
    98/2023 Phụ lục I Mẫu 02/03: the form's label is printed when it is confirmed)."""
    d = new_document("Báo cáo thành tích đề nghị khen thưởng")
    # The form's number sits at the top right of page 1, above the Quốc hiệu, as the decree's
    # appendix prints it: in the first page's header (the margin), outside the body's blocks.
    label = d.sections[0].first_page_header.paragraphs[0]
    label.alignment = base.WD_ALIGN_PARAGRAPH.RIGHT
    label.add_run("{{ doc.form_label or '' }}").italic = True
    header_block(d)
    title_block(d, "BÁO CÁO THÀNH TÍCH", "{{ doc.title }}")
    paragraph(d, "TD Thẩm quyền", "{%p if doc.subject_line %}")
    paragraph(d, "TD Thẩm quyền", "{{ doc.subject_line }}")
    paragraph(d, "TD Thẩm quyền", "{%p endif %}")
    sections(d)
    paragraph(d, "TD Mục", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    record_table(d, "1. Danh hiệu thi đua", "Danh hiệu thi đua", "doc.titles")
    record_table(d, "2. Hình thức khen thưởng", "Hình thức khen thưởng", "doc.awards")
    paragraph(d, "TD Nội dung cuối", "{{ doc.closing }}")
    paragraph(d, "TD Nội dung", "{%p if doc.left_lines %}")
    two_signers(d)
    paragraph(d, "TD Nội dung", "{%p else %}")
    footer(d)
    paragraph(d, "TD Nội dung", "{%p endif %}")
    return d


def ballot_template():
    """One phiếu bầu per page: the council, the form, the nominees in Vietnamese name order,
    a column to cross for each choice. A ballot carries no number and no signature (it is
    secret), so it is not an administrative document of Nghị định 30/2020."""
    d = new_document("Phiếu bầu")
    paragraph(d, "TD Nội dung", "{%p for b in doc.ballots %}")
    header_block(d)
    title_block(d, "PHIẾU BẦU", "{{ b.title }}")
    paragraph(d, "TD Nội dung", "{{ doc.instruction }}")
    paragraph(d, "TD Khoản", "{%p if b.collectives %}")
    paragraph(d, "TD Khoản", "{{ b.collective_label }}")
    grid_tables(d, [("STT", 15, "{{ loop.index }}", "TD Bảng giữa"),
                   ("Tên tập thể", 100, "{{ row.name }}", "TD Bảng"),
                   ("Đồng ý", 25, "", "TD Bảng giữa"),
                   ("Không đồng ý", 25, "", "TD Bảng giữa")], "b.collectives")
    paragraph(d, "TD Khoản", "{%p endif %}")
    paragraph(d, "TD Khoản", "{%p if b.individuals %}")
    paragraph(d, "TD Khoản", "{{ b.individual_label }}")
    grid_tables(d, [("STT", 15, "{{ loop.index }}", "TD Bảng giữa"),
                   ("Họ và tên", 42, "{{ row.name }}", "TD Bảng"),
                   ("Chức vụ, đơn vị công tác", 58, "{{ row.detail }}", "TD Bảng"),
                   ("Đồng ý", 25, "", "TD Bảng giữa"),
                   ("Không đồng ý", 25, "", "TD Bảng giữa")], "b.individuals")
    paragraph(d, "TD Khoản", "{%p endif %}")
    paragraph(d, "TD Nội dung", "{{ doc.note }}")
    paragraph(d, "TD Nội dung", "{%p if not loop.last %}")
    paragraph(d, "TD Nội dung").add_run().add_break(WD_BREAK.PAGE)
    paragraph(d, "TD Nội dung", "{%p endif %}")
    paragraph(d, "TD Nội dung", "{%p endfor %}")
    return d


def council_minutes_template():
    """Mẫu 1.9 of Phụ lục III (Biên bản): time, place, attendance, chair and secretary, the
    course of the meeting with the votes per form, the end, the copies, two signatures."""
    d = new_document("Biên bản họp Hội đồng Thi đua - Khen thưởng")
    header_block(d)
    title_block(d, "BIÊN BẢN", "{{ doc.title }}")
    loop(d, "TD Nội dung", "doc.opening", "{{ item }}")
    paragraph(d, "TD Nội dung dẫn", "{{ doc.attendance }}")
    loop(d, "TD Nội dung", "doc.present", "{{ item }}")
    paragraph(d, "TD Nội dung", "{%p if doc.absent %}")
    paragraph(d, "TD Nội dung dẫn", "{{ doc.absent_line }}")
    loop(d, "TD Nội dung", "doc.absent", "{{ item }}")
    paragraph(d, "TD Nội dung", "{%p endif %}")
    loop(d, "TD Nội dung", "doc.roles", "{{ item }}")
    paragraph(d, "TD Mục", "Nội dung cuộc họp:")
    loop(d, "TD Nội dung", "doc.course", "{{ item }}")
    # "3. Kết quả kiểm phiếu:" and each form's vote lines lead into what follows: they keep
    # with it, never alone at the foot of a page (issue 13).
    paragraph(d, "TD Nội dung dẫn", "{{ doc.tally_lead }}")
    paragraph(d, "TD Mục", "{%p for f in doc.forms %}")
    paragraph(d, "TD Khoản", "{{ f.heading }}")
    loop(d, "TD Nội dung dẫn", "f.lines", "{{ item }}")
    grid_tables(d, [("STT", 15, "{{ loop.index }}", "TD Bảng giữa"),
                   ("Tập thể, cá nhân", 50, "{{ row.name }}", "TD Bảng"),
                   ("Phiếu hợp lệ", 17, "{{ row.valid }}", "TD Bảng giữa"),
                   ("Đồng ý", 17, "{{ row.votes_for }}", "TD Bảng giữa"),
                   ("Không đồng ý", 20, "{{ row.against }}", "TD Bảng giữa"),
                   ("Tỷ lệ đồng ý", 22, "{{ row.percent }}", "TD Bảng giữa"),
                   ("Kết quả", 24, "{{ row.result }}", "TD Bảng giữa")], "f.rows")
    paragraph(d, "TD Mục", "{%p endfor %}")
    paragraph(d, "TD Mục", "Kết luận:")
    loop(d, "TD Nội dung", "doc.conclusions", "{{ item }}")
    paragraph(d, "TD Nội dung cuối", "{{ doc.closing }}")
    two_signers(d)
    return d


TEMPLATES = {"achievement_report.docx": achievement_report_template,
             "ballot.docx": ballot_template,
             "council_minutes.docx": council_minutes_template}


def main(names: list[str]) -> None:
    for name, build in TEMPLATES.items():
        if names and name not in names:
            continue
        document = build()
        target = ROOT / "templates" / name
        partial = target.with_suffix(".docx.tmp")     # a reader never sees half a template
        document.save(partial)
        partial.replace(target)
        print(f"templates/{name}")


if __name__ == "__main__":
    main(sys.argv[1:])
