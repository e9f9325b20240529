"""Which emulation law is in force on a date, and how a document cites it (căn cứ).

Three regimes (shared/domain/documents-and-law.md §0 and §6):

* until 31/12/2023: Luật Thi đua, Khen thưởng 2003 as amended in 2005 and 2013, Nghị định
  91/2017/NĐ-CP and Thông tư 12/2019/TT-BNV (the latter in force from 01/01/2020);
* 01/01/2024 – 30/06/2025: Luật Thi đua, khen thưởng 06/2022/QH15 and Nghị định 98/2023/NĐ-CP;
* from 01/07/2025: the same law and Nghị định 152/2025/NĐ-CP, which replaces 98/2023.

Real căn cứ blocks cite the 2003 law with its 2005 and 2013 amendments and omit 2009; the law's
name is written "Luật Thi đua, khen thưởng" in both eras, as the Government's own decrees do.
Circulars whose exact date is not confirmed (TT 01/2024, TT 15/2025) are not cited.

Decisions also cite the law that organises their issuer, before the emulation law, chosen by
the same date (shared/domain §6, "Organic laws in căn cứ"): Luật Tổ chức Chính phủ 2015 with
its 2019 amendment, then the 2025 law (of 18/02/2025, taken as in force from 01/3/2025); Luật
Tổ chức chính quyền địa phương 2015 with the same 2019 amendment, then the law of 16/6/2025
(in force 01/7/2025, two-tier local government).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.errors import LegalBasisError

from .formats import date_words


@dataclass(frozen=True)
class Instrument:
    """One legal text as it is cited in a căn cứ line."""

    kind: str            # "Luật", "Nghị định", "Thông tư"
    number: str | None   # "91/2017/NĐ-CP"; laws are cited by name and date only
    signed: date
    issuer: str | None   # "của Chính phủ"
    subject: str         # the trích yếu, or the law's name

    def citation(self) -> str:
        """The căn cứ text without 'Căn cứ' and without the final punctuation."""
        if self.kind == "Luật":
            return f"{self.subject} {date_words(self.signed)}"
        return (f"{self.kind} số {self.number} {date_words(self.signed)} "
                f"{self.issuer} {self.subject}")


@dataclass(frozen=True)
class Regime:
    """The set of emulation texts in force over a period (both ends inclusive)."""

    key: str
    start: date
    end: date | None
    laws: tuple[Instrument, ...]
    rules: tuple[Instrument, ...]

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


_LAW_NAME = "Luật Thi đua, khen thưởng"
_AMENDMENT = "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng"
_DETAIL = "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"

_ND91 = Instrument("Nghị định", "91/2017/NĐ-CP", date(2017, 7, 31), "của Chính phủ", _DETAIL)

REGIMES: tuple[Regime, ...] = (
    Regime(
        "2003", date(2020, 1, 1), date(2023, 12, 31),
        laws=(
            Instrument("Luật", None, date(2003, 11, 26), None, _LAW_NAME),
            Instrument("Luật", None, date(2005, 6, 14), None, _AMENDMENT),
            Instrument("Luật", None, date(2013, 11, 16), None, _AMENDMENT),
        ),
        rules=(
            _ND91,
            Instrument("Thông tư", "12/2019/TT-BNV", date(2019, 11, 4), "của Bộ trưởng Bộ Nội vụ",
                       "quy định chi tiết thi hành một số điều của Nghị định số 91/2017/NĐ-CP "
                       f"{date_words(_ND91.signed)} của Chính phủ {_DETAIL}"),
        ),
    ),
    Regime(
        "2022", date(2024, 1, 1), date(2025, 6, 30),
        laws=(Instrument("Luật", None, date(2022, 6, 15), None, _LAW_NAME),),
        rules=(Instrument("Nghị định", "98/2023/NĐ-CP", date(2023, 12, 31), "của Chính phủ",
                          _DETAIL),),
    ),
    Regime(
        "2022+152", date(2025, 7, 1), None,
        laws=(Instrument("Luật", None, date(2022, 6, 15), None, _LAW_NAME),),
        rules=(Instrument("Nghị định", "152/2025/NĐ-CP", date(2025, 6, 14), "của Chính phủ",
                          "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; "
                          "quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, "
                          "khen thưởng"),),
    ),
)


def regime_on(day: date) -> Regime:
    """The regime in force on *day*; raises LegalBasisError before 01/01/2020."""
    for regime in REGIMES:
        if regime.covers(day):
            return regime
    raise LegalBasisError(
        f"Chưa có căn cứ pháp lý về thi đua, khen thưởng cho ngày {day:%d/%m/%Y}: thidua chỉ "
        f"biết các văn bản có hiệu lực từ {REGIMES[0].start:%d/%m/%Y}."
    )


def emulation_bases(day: date) -> list[str]:
    """The căn cứ texts (law first, then decree and circular) in force on *day*.

    The amendments of the 2003 law are cited on the same line as the law, as real documents do.
    """
    regime = regime_on(day)
    laws = "; ".join(law.citation() for law in regime.laws)
    return [laws, *(rule.citation() for rule in regime.rules)]


def reference_day(value: date | None, year: int, today: date) -> date:
    """The day whose law a document cites: its own date, or for an undated draft the build day
    clamped into the draft's year (a draft is signed soon after it is built)."""
    if value is not None:
        return value
    return min(max(today, date(year, 1, 1)), date(year, 12, 31))


_AMENDMENT_2019 = Instrument("Luật", None, date(2019, 11, 22), None,
                             "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật "
                             "Tổ chức chính quyền địa phương")


@dataclass(frozen=True)
class OrganicLaw:
    """The law organising one branch of the State over a period (both ends inclusive)."""

    branch: str          # "trung ương" (the Government and its ministries) or "địa phương"
    start: date
    end: date | None
    laws: tuple[Instrument, ...]

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


ORGANIC_LAWS: tuple[OrganicLaw, ...] = (
    OrganicLaw("trung ương", date(2016, 1, 1), date(2025, 2, 28), (
        Instrument("Luật", None, date(2015, 6, 19), None, "Luật Tổ chức Chính phủ"),
        _AMENDMENT_2019)),
    OrganicLaw("trung ương", date(2025, 3, 1), None, (
        Instrument("Luật", None, date(2025, 2, 18), None, "Luật Tổ chức Chính phủ"),)),
    OrganicLaw("địa phương", date(2016, 1, 1), date(2025, 6, 30), (
        Instrument("Luật", None, date(2015, 6, 19), None, "Luật Tổ chức chính quyền địa phương"),
        _AMENDMENT_2019)),
    OrganicLaw("địa phương", date(2025, 7, 1), None, (
        Instrument("Luật", None, date(2025, 6, 16), None,
                   "Luật Tổ chức chính quyền địa phương"),)),
)


def organic_basis(branch: str, day: date) -> str:
    """The căn cứ text of the law organising *branch* on *day* (the 2019 amendment on the same
    line as the law it amends, as real preambles cite it)."""
    law = next(law for law in ORGANIC_LAWS if law.branch == branch and law.covers(day))
    return "; ".join(instrument.citation() for instrument in law.laws)
