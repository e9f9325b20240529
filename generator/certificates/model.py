"""The certificate record model: one :class:`Certificate` per recipient, all sharing the
:class:`Decision` that awards them. Plain frozen data, read by ``records`` and printed by
``engine``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from generator.vn import formats as vn

Kind = Literal["collective", "individual"]
LABELS = {"name": "Họ và tên", "kind": "Loại", "gender": "Giới tính", "position": "Chức vụ",
          "unit": "Đơn vị", "achievement": "Thành tích", "register": "Số sổ vàng"}


@dataclass(frozen=True, slots=True)
class Decision:
    """What every certificate of one award decision shares."""

    form: str                      # "Bằng khen" or "Giấy khen": picks the template
    form_name: str                 # "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"
    authority: tuple[str, ...]     # the red lines, e.g. ("Bộ trưởng, Chủ nhiệm", "Văn phòng …")
    number: int | None
    symbol: str                    # "QĐ-VPCP"
    date: date | None
    year: int
    place: str
    signer_lines: tuple[str, ...]  # "BỘ TRƯỞNG, CHỦ NHIỆM" (or KT. … / PHÓ …)
    signer_name: str
    achievement: str               # default for rows that give none ("" if none)
    file: str                      # where it came from, for messages

    @property
    def number_text(self) -> str:
        """'1234/QĐ-VPCP' (the number is left blank in a draft)."""
        return f"{vn.document_number(self.number)}/{self.symbol}"

    @property
    def date_text(self) -> str:
        """'ngày 15 tháng 12 năm 2021' (day and month blank in a draft)."""
        return vn.date_words(self.date) if self.date else vn.draft_date_words(self.year)

    @property
    def place_date(self) -> str:
        return vn.place_date_line(self.place, self.date, self.year)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was read: file, row ('Sheet1!dòng 12' or '$.recipients[3]') and the
    header each field was read from (empty for dicts, whose paths name the key instead)."""

    file: str
    row: str
    columns: tuple[tuple[str, str], ...] = ()

    def path(self, field: str) -> str:
        if not self.row.startswith("$"):
            return f"{self.row}, cột {dict(self.columns).get(field, LABELS[field])}"
        return f"{self.row}.{field}"


@dataclass(frozen=True, slots=True)
class Certificate:
    """One certificate to print: one recipient of one decision."""

    decision: Decision
    kind: Kind
    salutation: str                # "Ông"/"Bà" for individuals, "" for collectives
    name: str
    position: str
    unit: str
    achievement: str
    register: str                  # số sổ vàng, "" if none
    source: Source

    @property
    def recipient(self) -> str:
        """The recipient line as printed: 'Ông Nguyễn Văn An' or 'Vụ Tổ chức cán bộ'."""
        return f"{self.salutation} {self.name}" if self.salutation else self.name

    @property
    def detail(self) -> str:
        """Position and unit on one line: 'Chuyên viên chính, Vụ Tổ chức cán bộ'."""
        return ", ".join(part for part in (self.position, self.unit) if part)
