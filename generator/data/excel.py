"""Workbooks ready to fill: ``thidua excel-template KIND`` writes the list of a data file as a
clerk fills it in Excel, and :mod:`generator.data.lists` reads it back.

Each workbook has a «Danh sách» sheet with the Vietnamese headers the reader knows, its header
row frozen, its columns sized, drop-down lists (data validation) for what has a fixed set of
values (the form, Tập thể/Cá nhân, Nam/Nữ, the campaign's units and titles), and an «Hướng dẫn»
sheet (read by no one but the clerk: the reader skips it).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from .lists import AWARD_COLUMNS, FIGURE_COLUMNS, REGISTRATION_COLUMNS, UNIT_COLUMNS, Column

TEMPLATE_KINDS = ("decision", "proposal", "unit-plan", "plan", "unit-report")
WIDTHS = {"form": 28, "kind": 12, "name": 32, "gender": 11, "position": 24, "unit": 40,
          "register_number": 16, "title": 32, "code": 12, "abbreviation": 14,
          "content": 34, "indicator": 44, "measure": 14, "target": 12, "result": 12,
          "plan_target": 12}
ROWS = 500          # how far down the drop-downs reach
_GUIDE = {
    "decision": "Danh sách tập thể, cá nhân được khen thưởng của Quyết định {stem}.json. Lưu "
                "tệp này cạnh tệp JSON, cùng tên ({stem}.xlsx).",
    "proposal": "Danh sách tập thể, cá nhân đề nghị khen thưởng của Tờ trình {stem}.json. Lưu "
                "tệp này cạnh tệp JSON, cùng tên ({stem}.xlsx).",
    "unit-plan": "Đăng ký thi đua của đơn vị (units/<MÃ>.json). Lưu cạnh tệp JSON, cùng tên "
                 "(units/<MÃ>.xlsx).",
    "plan": "Danh sách đơn vị của phong trào. Lưu cạnh campaign.json với tên campaign.xlsx.",
    "unit-report": "Chỉ tiêu và kết quả thực hiện trong báo cáo sơ kết, tổng kết của đơn vị "
                   "({stem}.json). Lưu cạnh tệp JSON, cùng tên ({stem}.xlsx).",
}


def template_workbook(kind: str, forms: Sequence[str] = (), units: Sequence[str] = (),
                      titles: Sequence[str] = (), stem: str = "X",
                      contents: Sequence[str] = ()) -> bytes:
    """The .xlsx of a list to fill for data of *kind* (decision, proposal, unit-plan, plan,
    unit-report; *contents*: the plan's contents, for the unit-report's drop-down)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    columns: tuple[Column, ...] = {"decision": AWARD_COLUMNS, "proposal": AWARD_COLUMNS,
                                   "unit-plan": REGISTRATION_COLUMNS,
                                   "plan": UNIT_COLUMNS, "unit-report": FIGURE_COLUMNS}[kind]
    if kind in ("decision", "proposal") and len(forms) <= 1:
        columns = tuple(c for c in columns if c.field != "form")
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["STT", *(c.headers[0] for c in columns)])
    bold = Font(name="Times New Roman", bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 6
    choices: dict[str, Sequence[str]] = {
        "form": [f"{i}. {f}"[:250] for i, f in enumerate(forms, 1)] if len(forms) > 1 else [],
        "kind": ["Tập thể", "Cá nhân"], "gender": ["Nam", "Nữ"], "unit": units,
        "title": titles,
        "content": [f"{i}. {c}"[:250] for i, c in enumerate(contents, 1)]}
    lists = book.create_sheet("Giá trị")      # the drop-downs' values, one column each
    lists.sheet_state = "hidden"
    for number, column in enumerate(columns, start=2):
        letter = sheet.cell(row=1, column=number).column_letter
        sheet.column_dimensions[letter].width = WIDTHS.get(column.field, 20)
        values = list(choices.get(column.field, ()))
        if not values:
            continue
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=number, value=value)
        source = f"'Giá trị'!${letter}$1:${letter}${len(values)}"
        strict = column.field in ("form", "kind", "gender", "content")
        validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True,
                                    showErrorMessage=strict, errorStyle="stop",
                                    errorTitle=column.headers[0],
                                    error="Hãy chọn một giá trị trong danh sách.")
        validation.add(f"{letter}2:{letter}{ROWS + 1}")
        sheet.add_data_validation(validation)
    guide = book.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 110
    for line in _guide(kind, columns, forms, stem):
        guide.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _guide(kind: str, columns: Sequence[Column], forms: Sequence[str], stem: str) -> list[str]:
    lines = [_GUIDE[kind].format(stem=stem), "",
             ("Điền từ dòng 2 của sheet «Danh sách», mỗi tập thể hoặc cá nhân một dòng. "
             "Không đổi tên các cột. Có thể thêm sheet khác: mọi sheet đang hiện có dòng tiêu "
             "đề như trên đều được đọc; sheet ẩn và sheet «Hướng dẫn» thì không."),
             "Kiểm tra trước khi soạn văn bản: thidua validate <tệp JSON>.", "", "Các cột:"]
    lines += [f"- {c.headers[0]}{' (bắt buộc)' if c.required else ''}; cũng nhận: "
              f"{', '.join(c.headers[1:]) or '—'}" for c in columns]
    if kind == "unit-report":
        lines += ["", ("Nội dung số: chọn nội dung thi đua của Kế hoạch của cơ quan (số thứ tự). "
                       "Kế hoạch, Thực hiện: chỉ ghi số (ví dụ 100 hoặc 97,3), đơn vị tính ghi "
                       "ở cột Đơn vị tính. Chỉ tiêu số: số thứ tự của chỉ tiêu trong Kế hoạch "
                       "của đơn vị (không bắt buộc).")]
    if kind in ("decision", "proposal"):
        lines += ["", ("Loại: «Tập thể» hoặc «Cá nhân» (bỏ trống: có Giới tính là cá nhân). Cá "
                      "nhân cần Chức vụ và Đơn vị.")]
        if len(forms) > 1:
            lines += [("Hình thức: chọn trong danh sách (số thứ tự trong tệp JSON), hoặc mỗi "
                      "hình thức một sheet đặt tên là số thứ tự đó:")]
            lines += [f"  {i}. {form}" for i, form in enumerate(forms, 1)]
    return lines


def template_choices(kind: str, data: Mapping[str, Any] | None,
                     campaign: Mapping[str, Any] | None) -> dict[str, list[str]]:
    """The drop-downs' values from a data file and its campaign."""
    data = data or {}
    campaign = campaign or (data if "units" in data else {})
    return {
        "forms": [str(g.get("form", "")) for g in data.get("awards", [])],
        "units": [str(u.get("name", "")) for u in campaign.get("units", [])],
        "titles": [str(t.get("name", "")) for t in
                   campaign.get("commendation", {}).get("titles", [])],
        "contents": [str(c) for c in campaign.get("contents", [])],
    }
