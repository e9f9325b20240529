"""The files a báo cáo brings beside its .docx: its charts (PNG and SVG), placed in the .docx
too, and the workbook of its figures (.xlsx, one sheet per table).

Called by the pipeline (:func:`generator.build.render_source`) for any context whose ``doc``
has ``charts`` or ``sheets``; everything is made in memory and written with the document, in
the same transaction (:mod:`generator.store.transaction`).

The workbook holds plain values, not formulas: each total row is the sum the report prints,
computed once in :mod:`generator.documents.figures`, so the workbook shows it in any program
(a formula written by openpyxl has no value until a spreadsheet recalculates it).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

from generator.render.output import stable_zip

Extra = tuple[str, bytes]       # a file name beside the document, and its bytes


def finish(context: Mapping[str, Any], content: bytes, stem: str) -> tuple[bytes, list[Extra]]:
    """The .docx with its charts in place, and the files to write beside it (none for a
    document without charts or sheets)."""
    doc = context.get("doc", {})
    specs: Sequence[Mapping[str, Any]] = doc.get("charts") or []
    sheets: Sequence[Mapping[str, Any]] = doc.get("sheets") or []
    extras: list[Extra] = []
    if specs:
        content, extras = _charts(content, specs, stem)
    if sheets:
        extras.append((f"{stem} - Số liệu.xlsx", figures_workbook(sheets)))
    return content, extras


def _charts(content: bytes, specs: Sequence[Mapping[str, Any]], stem: str
            ) -> tuple[bytes, list[Extra]]:
    """Every chart drawn, placed in the .docx, and its PNG and SVG to write beside it."""
    from generator.render import charts  # matplotlib: only for a document with charts

    extras: list[Extra] = []
    pictures = {}
    for spec in specs:
        png, svg = charts.draw(spec)
        pictures[spec["marker"]] = png
        name = f"{stem} - Biểu đồ {spec['number']}"
        extras += [(f"{name}.png", png), (f"{name}.svg", svg)]
    return stable_zip(charts.embed(content, pictures)), extras


def figures_workbook(sheets: Sequence[Mapping[str, Any]]) -> bytes:
    """One sheet per table: its title, its header row (frozen), its rows, its total row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(name="Times New Roman", bold=True)
    plain = Font(name="Times New Roman")
    for table in sheets:
        sheet = book.create_sheet(str(table["name"])[:31])
        sheet.append([table["title"]])
        sheet["A1"].font = Font(name="Times New Roman", bold=True, size=13)
        sheet.append(list(table["headers"]))
        for cell in sheet[2]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for row in table["rows"]:
            sheet.append([_value(v) for v in row])
        if table.get("total"):
            sheet.append([_value(v) for v in table["total"]])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if not cell.font.bold:
                    cell.font = plain
        sheet.freeze_panes = "A3"
        for index, header in enumerate(table["headers"], 1):
            width = max([len(str(header))] + [len(str(r[index - 1])) for r in table["rows"]])
            sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = \
                min(max(width + 2, 8), 60)
    out = io.BytesIO()
    book.save(out)
    return stable_zip(_fixed_dates(out.getvalue()))


_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _fixed_dates(data: bytes) -> bytes:
    """openpyxl stamps the time of saving in docProps/core.xml: a fixed date instead, so the
    same figures give the same file (and a rebuild keeps it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "docProps/core.xml":
                body = _DATES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<3>", body)
            target.writestr(info, body)
    return out.getvalue()


def _value(value: Any) -> Any:
    """Numbers stay numbers (a clerk can add them up again); '' stays an empty cell."""
    return None if value == "" else value
