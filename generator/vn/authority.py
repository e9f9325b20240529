"""Who may decide which form of commendation (shared/domain §2.5), as a table.

A form is recognised by the start of its name; the level is the lowest authority that decides
it. A decision may grant only forms at or below its signer's level; anything above needs a
Tờ trình to the level that decides it (a Huân chương goes from the Prime Minister to the
President).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVELS = ("đơn vị", "bộ", "thủ tướng", "chủ tịch nước")
LEVEL_NAMES = {
    "đơn vị": "Thủ trưởng đơn vị thuộc bộ",
    "bộ": "Bộ trưởng, Thủ trưởng cơ quan ngang bộ",
    "thủ tướng": "Thủ tướng Chính phủ",
    "chủ tịch nước": "Chủ tịch nước",
}


@dataclass(frozen=True)
class FormRule:
    pattern: str     # matched case-insensitively at the start of the form's name
    level: str
    subjects: tuple[str, ...] = ("tập thể", "cá nhân")


# Order matters: the first matching rule wins, so specific names come before general ones.
FORM_RULES: tuple[FormRule, ...] = (
    FormRule(r"huân chương", "chủ tịch nước"),
    FormRule(r"huy chương", "chủ tịch nước"),
    FormRule(r"danh hiệu vinh dự nhà nước|anh hùng|nhà giáo nhân dân|thầy thuốc nhân dân",
             "chủ tịch nước"),
    FormRule(r"bằng khen của thủ tướng", "thủ tướng"),
    FormRule(r"cờ thi đua của chính phủ", "thủ tướng", ("tập thể",)),
    FormRule(r"chiến sĩ thi đua toàn quốc", "thủ tướng", ("cá nhân",)),
    FormRule(r"bằng khen", "bộ"),
    FormRule(r"cờ thi đua", "bộ", ("tập thể",)),
    FormRule(r"chiến sĩ thi đua (bộ|cấp bộ|ngành)", "bộ", ("cá nhân",)),
    FormRule(r"tập thể lao động xuất sắc", "bộ", ("tập thể",)),
    FormRule(r"giấy khen", "đơn vị"),
    FormRule(r"chiến sĩ thi đua cơ sở", "đơn vị", ("cá nhân",)),
    FormRule(r"tập thể lao động tiên tiến", "đơn vị", ("tập thể",)),
    FormRule(r"lao động tiên tiến", "đơn vị", ("cá nhân",)),
)

KNOWN_FORMS = ("Huân chương …", "Huy chương …", "Bằng khen của Thủ tướng Chính phủ",
               "Cờ thi đua của Chính phủ", "Chiến sĩ thi đua toàn quốc", "Bằng khen của …",
               "Cờ thi đua của …", "Chiến sĩ thi đua Bộ …", "Tập thể lao động xuất sắc",
               "Giấy khen …", "Chiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiến",
               "Lao động tiên tiến")


def form_rule(form: str) -> FormRule | None:
    """The rule for a form's name, or None when thidua does not know the form."""
    text = " ".join(form.split()).casefold()
    return next((r for r in FORM_RULES if re.match(r.pattern, text)), None)


def rank(level: str) -> int:
    return LEVELS.index(level)


def exceeds(form_level: str, authority_level: str) -> bool:
    """True when a form needs a higher authority than *authority_level*."""
    return rank(form_level) > rank(authority_level)
