"""A unit's nominations from Excel: ``nominations/<MÃ>.xlsx`` beside ``nominations/<MÃ>.json``
holds one nominee a row, read by the lists' reader (:mod:`generator.data.lists`) and added to
the JSON's ``nominees`` before the schema checks the whole file.

A row gives who (Loại, name, Giới tính, Ngày sinh, Chức vụ, Đơn vị), what for (Hình thức đề
nghị, Thành tích) and the report's achievements (Thành tích đạt được, one paragraph); the longer
parts of a báo cáo thành tích (sơ lược, chức năng, khen thưởng đã nhận) stay in the JSON.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from generator.errors import Issue

from .tables import key

SUBJECTS = {"tap the": "tập thể", "ca nhan": "cá nhân"}
GENDERS = {"nam": "nam", "ong": "nam", "nu": "nữ", "ba": "nữ"}
OPTIONAL = ("position", "unit", "hometown", "qualification")


def _birth_date(text: str) -> str | None:
    """dd/mm/yyyy (as the reader writes a date cell, or as a clerk types it) → yyyy-mm-dd."""
    found = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text.strip())
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def nominee_from_row(values: dict[str, str], where: str, file: str,
                     issues: list[Issue]) -> dict[str, Any] | None:
    """The nominee of one row, or None (its problems added to *issues*, naming the column)."""
    kind = values.get("kind", "")
    subject = SUBJECTS.get(key(kind)) if kind else (
        "cá nhân" if values.get("gender") else "tập thể")
    if subject is None:
        issues.append(Issue(file, f"{where}, cột Loại",
                            f"«{kind}» không hợp lệ; chỉ được là «Tập thể» hoặc «Cá nhân»"))
        return None
    nominee: dict[str, Any] = {"subject": subject, "form": values["form"],
                               "achievement": values["achievement"], "name": values["name"],
                               "report": {"achievements": [values["achievements"]]}}
    nominee.update({f: values[f] for f in OPTIONAL if values.get(f)})
    before = len(issues)
    if values.get("gender"):
        gender = GENDERS.get(key(values["gender"]))
        if gender is None:
            issues.append(Issue(file, f"{where}, cột Giới tính",
                                f"«{values['gender']}» không hợp lệ; chỉ được là Nam hoặc Nữ"))
        nominee["gender"] = gender
    if values.get("birth_date"):
        born = _birth_date(values["birth_date"])
        if born is None:
            issues.append(Issue(file, f"{where}, cột Ngày sinh", f"«{values['birth_date']}» "
                                "không phải một ngày (ghi ngày/tháng/năm, ví dụ 12/03/1984)"))
        nominee["birth_date"] = born
    return nominee if len(issues) == before else None
