"""What an award's history forbids or questions: pure rules over what was granted before.

Each rule cites the text it rests on. Errors where the law is clear; warnings where the answer
depends on facts thidua cannot know (the history may start after the subject's first awards).
Subjects are compared as the award lists compare them: the same name in the same unit, after
NFC, spacing and case (:func:`generator.vn.formats.same_name_key`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .formats import same_name_key


@dataclass(frozen=True, slots=True)
class Granted:
    """One recipient of one award, as the history keeps it."""

    form: str
    kind: str                  # "collective" or "individual"
    name: str
    unit: str
    achievement: str
    year: int
    decision: str              # "120/QĐ-VPCP"
    source: str                # the data file the decision was built from

    @property
    def subject(self) -> tuple[str, str, str]:
        return self.kind, same_name_key(self.name), same_name_key(self.unit)


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's verdict on one proposed award (the *index*-th candidate): the message and
    whether it is only a warning."""

    index: int
    candidate: Granted
    message: str
    warning: bool = False


# Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 5 (nguyên tắc): một hình thức khen thưởng
# cho một thành tích — shared/domain §2.1 ("no multiple forms for one achievement"). The
# earlier law (Luật 2003, amended 2013, Điều 6) said the same.
ONE_ACHIEVEMENT = "mỗi thành tích chỉ được khen thưởng một hình thức (Luật Thi đua, khen thưởng " \
                  "2022, Điều 5)"


def _achievement_key(text: str) -> str:
    return same_name_key(text.rstrip(" ."))


def one_form_per_achievement(candidates: Iterable[Granted],
                             history: Iterable[Granted]) -> list[Finding]:
    """A subject already awarded for the same achievement by another decision: refused."""
    earlier: dict[tuple[tuple[str, str, str], str], Granted] = {}
    for granted in history:
        earlier.setdefault((granted.subject, _achievement_key(granted.achievement)), granted)
    findings = []
    for index, candidate in enumerate(candidates):
        before = earlier.get((candidate.subject, _achievement_key(candidate.achievement)))
        if before is not None and before.source != candidate.source:
            findings.append(Finding(index, candidate, (
                f"«{candidate.name}» đã được tặng «{before.form}» cho thành tích này theo "
                f"Quyết định số {before.decision} (tệp {before.source}); {ONE_ACHIEVEMENT}")))
    return findings
