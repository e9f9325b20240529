"""Who may decide which title or form of commendation, at every tier and on every date
(shared/domain §2.5; Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 98/2023/NĐ-CP and, from
01/7/2025, Nghị định 152/2025/NĐ-CP), as a table with the article each row rests on.

A form is recognised by the start of its name. Each row names the tiers whose head decides it
(``deciders``); an authority may also decide what a tier below it in its own chain decides
(a Bộ trưởng what a unit of the ministry decides, a Chủ tịch UBND tỉnh what a Sở or a commune
decides). The central and the local chains meet only at the Prime Minister: a Chủ tịch UBND
tỉnh cannot give a minister's Bằng khen, nor a minister a province's. Anything beyond a signer's
authority needs a Tờ trình to the tier that decides it (a Huân chương goes from the Prime
Minister to the President).

Local government has two tiers from 01/7/2025 (tỉnh and xã): the district tier (cấp huyện)
exists only before that day, and a commune then answers directly to the province. Names of
provinces and communes are never listed here; the tier of an issuer is read from its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

LEVELS = ("xã", "huyện", "sở", "đơn vị", "tỉnh", "bộ", "thủ tướng", "chủ tịch nước")
LEVEL_NAMES = {
    "xã": "Chủ tịch Ủy ban nhân dân cấp xã",
    "huyện": "Chủ tịch Ủy ban nhân dân cấp huyện",
    "sở": "Thủ trưởng cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh (Giám đốc Sở)",
    "đơn vị": "Thủ trưởng đơn vị thuộc bộ",
    "tỉnh": "Chủ tịch Ủy ban nhân dân cấp tỉnh",
    "bộ": "Bộ trưởng, Thủ trưởng cơ quan ngang bộ",
    "thủ tướng": "Thủ tướng Chính phủ",
    "chủ tịch nước": "Chủ tịch nước",
}
TWO_TIERS = date(2025, 7, 1)       # local government in two tiers (tỉnh, xã) from this day
GRASSROOTS = ("đơn vị", "sở", "huyện", "xã")


def parent_level(level: str, day: date) -> str | None:
    """The tier directly above *level* on *day* (None above the President)."""
    if level == "xã":
        return "huyện" if day < TWO_TIERS else "tỉnh"
    return {"huyện": "tỉnh", "sở": "tỉnh", "đơn vị": "bộ", "bộ": "thủ tướng",
            "tỉnh": "thủ tướng", "thủ tướng": "chủ tịch nước"}.get(level)


def level_problem(level: str, day: date) -> str | None:
    """Why *level* cannot sign on *day*, or None."""
    if level == "huyện" and day >= TWO_TIERS:
        return ("cấp huyện chấm dứt hoạt động từ ngày 01/7/2025 (chính quyền địa phương hai "
                "cấp: tỉnh và xã); khen thưởng do Chủ tịch Ủy ban nhân dân cấp xã hoặc cấp tỉnh "
                "quyết định")
    return None


@dataclass(frozen=True)
class FormRule:
    """One row of the table: the forms whose name starts with *pattern*, who decides them,
    and the article of Luật Thi đua, khen thưởng 2022 the row rests on."""

    pattern: str                     # matched case-insensitively at the start of the name
    deciders: tuple[str, ...]        # the tiers whose head decides it
    article: str                     # "Điều 74"; "" where only the list of forms (Điều 9) says
    subjects: tuple[str, ...] = ("tập thể", "cá nhân")
    # Every form and title in the table carries a prize by law (Luật 2022 and its decree set
    # the amounts), so a decision always has its prize Điều.
    prize: bool = True

    @property
    def level(self) -> str:
        """The highest tier that decides it (the one a Tờ trình goes to)."""
        return max(self.deciders, key=LEVELS.index)

    def deciders_phrase(self) -> str:
        """Who decides it, as a message says it."""
        return " hoặc ".join(LEVEL_NAMES[d] for d in self.deciders)

    def citation(self, day: date) -> str:
        """The law and decree in force on *day* this row rests on."""
        if day < date(2024, 1, 1):
            return "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2005, 2013); Nghị định 91/2017/NĐ-CP"
        decree = "Nghị định 98/2023/NĐ-CP" if day < TWO_TIERS else "Nghị định 152/2025/NĐ-CP"
        article = f", {self.article}" if self.article else ", Điều 9"
        return f"Luật Thi đua, khen thưởng 2022{article}; {decree}"


_PROVINCE = r"(chủ tịch )?(ủy ban nhân dân|ubnd) (tỉnh|thành phố)"
_COMMUNE = r"(chủ tịch )?(ủy ban nhân dân|ubnd) (xã|phường|đặc khu|thị trấn)"
_DISTRICT = r"(chủ tịch )?(ủy ban nhân dân|ubnd) (huyện|quận|thị xã)"
_MINISTRY = r"(bộ trưởng|thủ trưởng|chủ nhiệm|bộ |văn phòng chính phủ)"

# Order matters: the first matching row wins, so specific names come before general ones.
# Articles: Law 2022 Art. 73 (Bằng khen của Thủ tướng), 74 (Bằng khen of a ministry, sector
# or province), 75 (Giấy khen), 21–24 (individual titles); the rest rest on the list of forms
# and titles (Art. 9) — domain file §2.2, §2.3, §2.5; the article numbers 22, 24 and 75 are
# marked unverified there.
FORM_RULES: tuple[FormRule, ...] = (
    FormRule(r"huân chương", ("chủ tịch nước",), "Điều 9"),
    FormRule(r"huy chương", ("chủ tịch nước",), "Điều 9"),
    FormRule(r"danh hiệu vinh dự nhà nước|anh hùng|nhà giáo nhân dân|thầy thuốc nhân dân",
             ("chủ tịch nước",), "Điều 9"),
    FormRule(r"bằng khen của thủ tướng", ("thủ tướng",), "Điều 73"),
    FormRule(r"cờ thi đua của chính phủ", ("thủ tướng",), "Điều 9", ("tập thể",)),
    FormRule(r"chiến sĩ thi đua toàn quốc", ("thủ tướng",), "Điều 21", ("cá nhân",)),
    FormRule(rf"bằng khen của {_PROVINCE}", ("tỉnh",), "Điều 74"),
    FormRule(rf"bằng khen của {_MINISTRY}", ("bộ",), "Điều 74"),
    FormRule(r"bằng khen", ("bộ", "tỉnh"), "Điều 74"),
    FormRule(rf"cờ thi đua của {_PROVINCE}", ("tỉnh",), "Điều 9", ("tập thể",)),
    FormRule(rf"cờ thi đua của {_MINISTRY}", ("bộ",), "Điều 9", ("tập thể",)),
    FormRule(r"cờ thi đua", ("bộ", "tỉnh"), "Điều 9", ("tập thể",)),
    FormRule(r"chiến sĩ thi đua (cấp )?tỉnh", ("tỉnh",), "Điều 22", ("cá nhân",)),
    FormRule(r"chiến sĩ thi đua bộ, ban, ngành, tỉnh", ("bộ", "tỉnh"), "Điều 22", ("cá nhân",)),
    FormRule(r"chiến sĩ thi đua (bộ|cấp bộ|ngành)", ("bộ",), "Điều 22", ("cá nhân",)),
    FormRule(r"tập thể lao động xuất sắc", ("bộ", "tỉnh"), "Điều 9", ("tập thể",)),
    FormRule(rf"giấy khen của {_COMMUNE}", ("xã",), "Điều 75"),
    FormRule(rf"giấy khen của {_DISTRICT}", ("huyện",), "Điều 75"),
    FormRule(r"giấy khen của (giám đốc sở|thủ trưởng sở|sở )", ("sở",), "Điều 75"),
    FormRule(r"giấy khen", GRASSROOTS, "Điều 75"),
    FormRule(r"chiến sĩ thi đua cơ sở", GRASSROOTS, "Điều 23", ("cá nhân",)),
    FormRule(r"tập thể lao động tiên tiến", GRASSROOTS, "Điều 9", ("tập thể",)),
    FormRule(r"lao động tiên tiến", GRASSROOTS, "Điều 24", ("cá nhân",)),
)

KNOWN_FORMS = ("Huân chương …", "Huy chương …", "Bằng khen của Thủ tướng Chính phủ",
               "Cờ thi đua của Chính phủ", "Chiến sĩ thi đua toàn quốc", "Bằng khen của …",
               "Cờ thi đua của …", "Chiến sĩ thi đua Bộ …", "Chiến sĩ thi đua cấp tỉnh",
               "Tập thể lao động xuất sắc", "Giấy khen …", "Chiến sĩ thi đua cơ sở",
               "Tập thể lao động tiên tiến", "Lao động tiên tiến")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().replace("uỷ", "ủy")


def form_rule(form: str) -> FormRule | None:
    """The rule for a form's name, or None when thidua does not know the form."""
    text = _fold(form)
    return next((r for r in FORM_RULES if re.match(r.pattern, text)), None)


def may_decide(level: str, rule: FormRule, day: date) -> bool:
    """True when the head of *level* may decide *rule*'s forms on *day*: one of its deciders,
    or a tier above one of them in the same chain."""
    for decider in rule.deciders:
        tier: str | None = decider
        while tier is not None:
            if tier == level:
                return True
            tier = parent_level(tier, day)
    return False


def rank(level: str) -> int:
    return LEVELS.index(level)


def exceeds(form_level: str, authority_level: str) -> bool:
    """True when a form decided at *form_level* is beyond *authority_level* (same chain)."""
    rule = FormRule("", (form_level,), "")
    return not may_decide(authority_level, rule, TWO_TIERS)


def issuer_level(name: str) -> str:
    """The tier of an issuing body read from its name: a People's Committee of a province,
    a district or a commune, a Sở; anything else is taken as a ministry-level agency."""
    text = _fold(name)
    for pattern, level in ((r"(ủy ban nhân dân|ubnd) (tỉnh|thành phố)", "tỉnh"),
                           (r"(ủy ban nhân dân|ubnd) (xã|phường|đặc khu|thị trấn)", "xã"),
                           (r"(ủy ban nhân dân|ubnd) (huyện|quận|thị xã)", "huyện"),
                           (r"sở ", "sở")):
        if re.match(pattern, text):
            return level
    return "bộ"
