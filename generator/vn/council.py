"""The council's vote (Hội đồng Thi đua - Khen thưởng): which share of favourable votes a
nominee needs, by form and by date, with the text each row rests on.

The law sets a threshold only for the highest titles: when the council of a ministry, sector or
province considers "Chiến sĩ thi đua" of its level, "Chiến sĩ thi đua toàn quốc" or a hero's
title, it meets and votes by secret ballot, and a nominee needs favourable votes from at least
90% of **all** the council's members (absent members give their opinion in writing, which is
counted). Every other form is voted under the council's own rules (quy chế hoạt động), which
the data names; without them thidua applies a majority of all members and says so.

Sources and how far they were read:

* Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 — quoted word for word by the Ban Thi đua - Khen
  thưởng Trung ương (banthiduakhenthuongtw.gov.vn, hỏi đáp "Quy định về Bỏ phiếu kín trong các
  HĐ"): confidence S.
* Nghị định 98/2023/NĐ-CP — its article on the council's vote was not found in any text the
  search tools hold; the 90% rule is carried over from 91/2017 and the row says so: confidence U.
* Nghị định 152/2025/NĐ-CP, Điều 45 — a third-party legal registry (public source code)
  summarises it as "2/3 dự họp, 90% thông qua Anh hùng/CSTĐTQ": confidence S (weak).

Pure rules: no docx, no Jinja, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

# The titles whose vote the decree itself regulates (matched at the start of the form's name,
# case-folded): the ministry's or province's Chiến sĩ thi đua, the national one, the heroes.
HIGH_TITLES = (r"chiến sĩ thi đua (toàn quốc|bộ|cấp bộ|ngành|cấp tỉnh|tỉnh)"
               r"|danh hiệu anh hùng|anh hùng")


@dataclass(frozen=True)
class Threshold:
    """One row: the forms whose name starts with *pattern* need ``share`` of the council's
    members (all of them: ``of="members"``; those present: ``of="present"``) on days from
    *start* to *end* (inclusive); *source* is the article, *confidence* V, S or U."""

    pattern: str
    start: date
    end: date | None
    share: Fraction
    of: str
    source: str
    confidence: str
    strict: bool = False           # True: more than the share ("quá"); False: at least it

    def covers(self, form: str, day: date) -> bool:
        return (self.start <= day and (self.end is None or day <= self.end)
                and re.match(self.pattern, _fold(form)) is not None)

    def phrase(self) -> str:
        """How the Biên bản states it: "từ 90% trở lên tổng số thành viên Hội đồng"."""
        percent = _percent_text(self.share * 100)
        base = "tổng số thành viên Hội đồng" if self.of == "members" else "số thành viên dự họp"
        return f"quá {percent}% {base}" if self.strict else f"từ {percent}% trở lên {base}"


THRESHOLDS: tuple[Threshold, ...] = (
    # Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 (S): secret ballot, ≥ 90% of all members.
    Threshold(HIGH_TITLES, date(2017, 9, 15), date(2023, 12, 31), Fraction(9, 10), "members",
              "Nghị định số 91/2017/NĐ-CP, Điều 45 khoản 8", "S"),
    # Nghị định 98/2023/NĐ-CP (U): article not read; the 91/2017 rule is kept.
    Threshold(HIGH_TITLES, date(2024, 1, 1), date(2025, 6, 30), Fraction(9, 10), "members",
              "Nghị định số 98/2023/NĐ-CP (bỏ phiếu kín; tỷ lệ như Nghị định 91/2017, Điều 45 "
              "khoản 8)", "U"),
    # Nghị định 152/2025/NĐ-CP, Điều 45 (S, weak): 2/3 present, ≥ 90%.
    Threshold(HIGH_TITLES, date(2025, 7, 1), None, Fraction(9, 10), "members",
              "Nghị định số 152/2025/NĐ-CP, Điều 45", "S"),
)

# Without a rule in the law or in the council's data: a majority of all members (practice of
# the councils' quy chế; U). The data's "rules" replace it.
DEFAULT = Threshold(r"", date(2017, 9, 15), None, Fraction(1, 2), "members",
                    "Quy chế hoạt động của Hội đồng (đa số thành viên)", "U", strict=True)

# A meeting needs two thirds of the members (Nghị định 152/2025, Điều 45, as summarised; the
# councils' quy chế say the same before it): below that its votes are not valid.
QUORUM = Fraction(2, 3)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().replace("uỷ", "ủy")


def _percent_text(value: Fraction) -> str:
    """90 → "90"; 200/3 → "66,67" (Vietnamese decimal comma)."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0").rstrip(".").replace(".", ",")


def threshold_for(form: str, day: date,
                  rules: tuple[Threshold, ...] = ()) -> Threshold:
    """The law's row for *form* on *day*, else the council's own rule (*rules*, first match),
    else :data:`DEFAULT`."""
    for row in (*THRESHOLDS, *rules):
        if row.covers(form, day):
            return row
    return DEFAULT


@dataclass(frozen=True)
class Verdict:
    """The result for one nominee."""

    passed: bool
    percent: Fraction          # favourable votes over the threshold's base, in %
    threshold: Threshold


def council_rule(forms: str, percent: int, of: str, source: str,
                 strict: bool = False) -> Threshold:
    """A threshold of the council's own quy chế for the forms whose name starts with *forms*
    (the law leaves them to it)."""
    return Threshold(re.escape(_fold(forms)), date(2017, 9, 15), None, Fraction(percent, 100),
                     of, source, "V", strict)


def verdict(form: str, votes_for: int, members: int, present: int, day: date,
            rules: tuple[Threshold, ...] = ()) -> Verdict:
    """Whether *votes_for* favourable votes carry *form*: compared exactly (fractions, no
    rounding), against all *members* or those *present* as the row says."""
    row = threshold_for(form, day, rules)
    base = members if row.of == "members" else present
    if base <= 0:
        return Verdict(False, Fraction(0), row)
    share = Fraction(votes_for, base)
    passed = share > row.share if row.strict else share >= row.share
    return Verdict(passed, share * 100, row)


def quorum_met(present: int, members: int) -> bool:
    """At least two thirds of the members attend (exactly, no rounding)."""
    return members > 0 and Fraction(present, members) >= QUORUM


def percent_text(value: Fraction) -> str:
    """A percentage as the Biên bản prints it: 88,89 (two decimals at most)."""
    return _percent_text(Fraction(round(value * 100), 100))


def tally_problem(votes_for: int, against: int, valid: int, ballots: int) -> str | None:
    """Why a nominee's counts cannot be right, or None: the favourable and unfavourable votes
    are among the valid ballots, which are among the ballots cast."""
    if votes_for + against > valid:
        return (f"số phiếu đồng ý ({votes_for}) cộng số phiếu không đồng ý ({against}) lớn hơn "
                f"số phiếu hợp lệ ({valid})")
    if valid > ballots:
        return f"số phiếu hợp lệ ({valid}) lớn hơn số phiếu phát ra ({ballots})"
    return None
