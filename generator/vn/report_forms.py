"""Which form a báo cáo thành tích follows, by the nomination's date and its subject (a
collective or an individual): the decree detailing the emulation law in force prescribes them
in an appendix.

| period | collective | individual | source | conf. |
|---|---|---|---|---|
| until 31/12/2023 | Mẫu số 01 | Mẫu số 02 | Nghị định 91/2017/NĐ-CP, Phụ lục (shared/domain §2.6) | S |
| 01/01/2024 – 30/06/2025 | Mẫu số 02 | Mẫu số 03 | Nghị định 98/2023/NĐ-CP, Phụ lục I (lawnet.vn: "Template No. 02 Appendix I … collectives", "Individual Achievement Report (Form 03) … Decree 98") | S |
| from 01/07/2025 | — | — | Nghị định 152/2025/NĐ-CP (in force 01/7/2025, shared/domain §0, §6); its appendix was not found in any text the search tools hold | U |

Where the form's number is not confirmed the report carries no "Mẫu số" line: it follows the
structure the earlier forms share (I. sơ lược, II. thành tích, III. khen thưởng đã nhận), and
the build says so in a warning. Nghị định 98/2023 entered into force on 01/01/2024 (shared/domain
§6); regular (thường xuyên, theo đợt) reports only — the đột xuất and cống hiến forms are not
modelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReportForm:
    """One row: the form of a báo cáo thành tích for *subject* on days *start*–*end*."""

    decree: str                 # "98/2023/NĐ-CP"
    start: date
    end: date | None
    subject: str                # "tập thể" or "cá nhân"
    form: str | None            # "Mẫu số 02"; None when not confirmed
    appendix: str               # "Phụ lục I"
    source: str
    confidence: str

    def covers(self, subject: str, day: date) -> bool:
        return (self.subject == subject and self.start <= day
                and (self.end is None or day <= self.end))

    def label(self) -> str | None:
        """The line printed at the top right of the report, e.g. "Mẫu số 02, Phụ lục I Nghị
        định số 98/2023/NĐ-CP"; None when the number is not confirmed."""
        if self.form is None:
            return None
        appendix = f", {self.appendix}" if self.appendix else ""
        return f"{self.form}{appendix} Nghị định số {self.decree}"


_ND91 = "shared/domain §2.6 (Mẫu số 01 tập thể, Mẫu số 02 cá nhân)"
_ND98 = ("lawnet.vn: template-for-achievement-report-proposing-year-end-commendation-2024 "
         "(Mẫu số 02, Phụ lục I); detailed-instructions-for-writing-the-individual-achievement-"
         "report-form-03 (Mẫu số 03)")
_ND152 = "shared/domain §0, §6 (in force 01/7/2025); appendix not read"

REPORT_FORMS: tuple[ReportForm, ...] = (
    ReportForm("91/2017/NĐ-CP", date(2017, 9, 15), date(2023, 12, 31), "tập thể", "Mẫu số 01",
               "", _ND91, "S"),
    ReportForm("91/2017/NĐ-CP", date(2017, 9, 15), date(2023, 12, 31), "cá nhân", "Mẫu số 02",
               "", _ND91, "S"),
    ReportForm("98/2023/NĐ-CP", date(2024, 1, 1), date(2025, 6, 30), "tập thể", "Mẫu số 02",
               "Phụ lục I", _ND98, "S"),
    ReportForm("98/2023/NĐ-CP", date(2024, 1, 1), date(2025, 6, 30), "cá nhân", "Mẫu số 03",
               "Phụ lục I", _ND98, "S"),
    ReportForm("152/2025/NĐ-CP", date(2025, 7, 1), None, "tập thể", None, "", _ND152, "U"),
    ReportForm("152/2025/NĐ-CP", date(2025, 7, 1), None, "cá nhân", None, "", _ND152, "U"),
)


def report_form(subject: str, day: date) -> ReportForm | None:
    """The form in force for *subject* ("tập thể" or "cá nhân") on *day*; None before
    Nghị định 91/2017 took effect."""
    return next((row for row in REPORT_FORMS if row.covers(subject, day)), None)
