"""A small legal library (issue 13, point 5): the texts a căn cứ cites most, when each was in
force and what replaced it, so that a document dated after a text ended is warned, naming the
replacement, and a text cited without its date is offered the date.

Nothing is rewritten: the rules only say what they found; the clerk decides (a căn cứ may
rightly cite an old text, e.g. a decision on achievements of an earlier period).

Each row gives its source. "domain §N" is shared/domain/documents-and-law.md (its sources and
confidence there); S = secondary sources, as marked in that file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .formats import date_words


@dataclass(frozen=True)
class Text:
    """One legal text: how it is cited, from when to when it was in force (both ends
    inclusive), and what replaced it."""

    kind: str                  # "Luật", "Nghị định", "Thông tư"
    number: str | None         # "91/2017/NĐ-CP"; a law is cited by its name and date
    signed: date | None        # None: the date is not confirmed, so it is never offered
    issuer: str
    title: str
    in_force: date
    until: date | None         # last day in force; None: in force
    replaced_by: str | None    # the number (or the name and year) of the replacement
    source: str

    @property
    def name(self) -> str:
        """'Nghị định số 91/2017/NĐ-CP', or the law's name."""
        return f"{self.kind} số {self.number}" if self.number else self.title

    def covers(self, day: date) -> bool:
        return self.in_force <= day and (self.until is None or day <= self.until)


_THI_DUA = "Luật Thi đua, khen thưởng"
_VPCP = "quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Văn phòng Chính phủ"

LIBRARY: tuple[Text, ...] = (
    # -- emulation law and its detailing texts (domain §0 and §6, S)
    Text("Luật", None, date(2003, 11, 26), "Quốc hội", _THI_DUA, date(2004, 7, 1),
         date(2023, 12, 31), "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
         "domain §0, §6 (15/2003/QH11; replaced by 06/2022/QH15 from 01/01/2024)"),
    Text("Luật", None, date(2022, 6, 15), "Quốc hội", _THI_DUA, date(2024, 1, 1), None, None,
         "domain §0, §6 (06/2022/QH15, in force 01/01/2024)"),
    Text("Nghị định", "91/2017/NĐ-CP", date(2017, 7, 31), "Chính phủ",
         "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
         date(2017, 7, 31), date(2023, 12, 31), "98/2023/NĐ-CP",
         "domain §0, §6 (replaced by ND 98/2023 from 01/01/2024)"),
    Text("Thông tư", "12/2019/TT-BNV", date(2019, 11, 4), "Bộ Nội vụ",
         "quy định chi tiết thi hành một số điều của Nghị định số 91/2017/NĐ-CP",
         date(2020, 1, 1), date(2023, 12, 31), None,
         "domain §0, §6 (in force 01/01/2020; ends with the 2003 law; its successor TT "
         "01/2024/TT-BNV is not confirmed, so none is named)"),
    Text("Nghị định", "98/2023/NĐ-CP", date(2023, 12, 31), "Chính phủ",
         "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
         date(2024, 1, 1), date(2025, 6, 30), "152/2025/NĐ-CP",
         "domain §0, §6 (in force 01/01/2024; replaced by ND 152/2025 from 01/7/2025)"),
    Text("Nghị định", "152/2025/NĐ-CP", date(2025, 6, 14), "Chính phủ",
         "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi "
         "tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",
         date(2025, 7, 1), None, None, "domain §0, §6 (14/6/2025, in force 01/7/2025)"),
    # -- the Văn phòng Chính phủ's functions (domain §6, S)
    Text("Nghị định", "150/2016/NĐ-CP", date(2016, 11, 11), "Chính phủ", _VPCP,
         date(2016, 11, 11), date(2022, 10, 5), "79/2022/NĐ-CP",
         "domain §6 (in force in 2021; replaced by ND 79/2022 of 06/10/2022)"),
    Text("Nghị định", "79/2022/NĐ-CP", date(2022, 10, 6), "Chính phủ", _VPCP,
         date(2022, 10, 6), date(2025, 2, 28), "36/2025/NĐ-CP",
         "domain §6 (06/10/2022; then ND 36/2025, whose preamble cites the Luật Tổ chức "
         "Chính phủ of 18/02/2025, in force 01/3/2025)"),
    Text("Nghị định", "36/2025/NĐ-CP", date(2025, 2, 25), "Chính phủ", _VPCP, date(2025, 3, 1),
         None, None,
         "tailieu.vn/doc/nghi-dinh-so-362025nd-cp-2906313.html (the decree's own header: "
         "\"Số: 36/2025/NĐ-CP Hà Nội, ngày 25 tháng 02 năm 2025\"); thuviennhadat.vn vbpl "
         "644368 (title and preamble)"),
    # -- the document format (domain §1)
    Text("Nghị định", "30/2020/NĐ-CP", date(2020, 3, 5), "Chính phủ", "về công tác văn thư",
         date(2020, 3, 5), None, None, "domain §1 (05/3/2020, in force the same day)"),
    # -- organic laws (domain §6, "Organic laws in căn cứ"; generator/vn/legal.py)
    Text("Luật", None, date(2015, 6, 19), "Quốc hội", "Luật Tổ chức Chính phủ",
         date(2016, 1, 1), date(2025, 2, 28), "Luật Tổ chức Chính phủ ngày 18 tháng 02 năm "
         "2025", "domain §6 (the 2025 law, in force 01/3/2025, replaces it)"),
    Text("Luật", None, date(2025, 2, 18), "Quốc hội", "Luật Tổ chức Chính phủ",
         date(2025, 3, 1), None, None, "domain §6 (ND 36/2025's preamble cites it)"),
    Text("Luật", None, date(2015, 6, 19), "Quốc hội", "Luật Tổ chức chính quyền địa phương",
         date(2016, 1, 1), date(2025, 6, 30), "Luật Tổ chức chính quyền địa phương ngày 16 "
         "tháng 6 năm 2025", "domain §6 (two-tier local government from 01/7/2025)"),
    Text("Luật", None, date(2025, 6, 16), "Quốc hội", "Luật Tổ chức chính quyền địa phương",
         date(2025, 7, 1), None, None, "domain §6"),
)

_BY_NUMBER = {t.number: t for t in LIBRARY if t.number}

# "Nghị định số 150/2016/NĐ-CP", optionally followed by its date in words or in figures.
_CITED = re.compile(
    r"(?P<kind>Nghị định|Thông tư|Quyết định|Nghị quyết)\s+(?:số\s+)?"
    r"(?P<number>\d+/\d{4}/[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)"
    r"(?P<date>\s+ngày\s+(?:\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}))?")
_LAW = re.compile(r"(?P<name>Luật [^;.]*?)\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
                  r"\s+năm\s+(?P<y>\d{4})")


@dataclass(frozen=True)
class Citation:
    """What one citation in a căn cứ says against the library on a document's date."""

    text: Text
    cited: str            # the words as the document has them
    problem: str          # "not in force", "not yet in force", "no date"

    def message(self, day: date) -> str:
        """The warning, in Vietnamese, naming the replacement or offering the date."""
        name = self.text.name
        if self.problem == "no date":
            if self.text.signed is None:
                return f"«{self.cited}» thiếu ngày ban hành (Nghị định 30/2020/NĐ-CP, Phụ lục " \
                       "I: trích dẫn lần đầu ghi đủ số, ngày, cơ quan ban hành)"
            return (f"«{self.cited}» thiếu ngày ban hành: {name} "
                    f"{date_words(self.text.signed)}")
        if self.problem == "not yet in force":
            return (f"{name} chỉ có hiệu lực từ ngày {self.text.in_force:%d/%m/%Y}, sau ngày "
                    f"văn bản {day:%d/%m/%Y}")
        assert self.text.until is not None
        replaced = f"; đã được thay thế bởi {_replacement(self.text)}" \
            if self.text.replaced_by else ""
        return (f"{name} hết hiệu lực từ ngày "
                f"{date.fromordinal(self.text.until.toordinal() + 1):%d/%m/%Y}, trước ngày "
                f"văn bản {day:%d/%m/%Y}{replaced}")


def _replacement(text: Text) -> str:
    replaced = text.replaced_by or ""
    successor = _BY_NUMBER.get(replaced)
    if successor is None:
        return replaced
    when = f" {date_words(successor.signed)}" if successor.signed else ""
    return f"{successor.name}{when} (có hiệu lực từ ngày {successor.in_force:%d/%m/%Y})"


def citations(text: str, day: date) -> Iterator[Citation]:
    """Every text of the library *text* cites that was not in force on *day*, or is cited
    without its date; texts the library does not hold are not judged."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    for match in _CITED.finditer(text):
        found = _BY_NUMBER.get(match["number"])
        if found is None:
            continue
        cited = match.group(0).strip()
        if not found.covers(day):
            yield Citation(found, cited, "not yet in force" if day < found.in_force
                           else "not in force")
        elif match["date"] is None:
            yield Citation(found, cited, "no date")
    for match in _LAW.finditer(text):
        signed = date(int(match["y"]), int(match["m"]), int(match["d"]))
        name = match["name"].strip()
        law = next((t for t in LIBRARY if t.kind == "Luật" and t.signed == signed
                    and name.casefold().endswith(t.title.casefold())), None)
        if law is not None and not law.covers(day):
            yield Citation(law, match.group(0), "not yet in force" if day < law.in_force
                           else "not in force")
