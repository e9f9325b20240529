"""What an award's history forbids or questions: pure rules over what was granted before.

Each rule cites the text it rests on. Errors where the law is clear; warnings where the answer
depends on facts thidua cannot know (the history may start after the subject's first awards,
it does not record the years of hoàn thành tốt nhiệm vụ, and most forms have other ways in
than the one a history can see). Subjects are compared as the award lists compare them: the
same name in the same unit, after NFC, spacing and case (:func:`generator.vn.formats.same_name_key`).

The rules, each table-tested at its edges (tests/vn/test_eligibility.py):

- :func:`one_form_per_achievement` — the same achievement awarded twice;
- :func:`prerequisites` — a form whose earlier award is missing or too recent;
- :func:`two_state_level_forms` — two state-level forms for one subject in one year;
- :func:`same_person_in_two_units` — one person in two units' nominations;
- :func:`history_findings` — the first three together, as a build runs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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


# One achievement, one form. Law 06/2022/QH15 (in force 01/01/2024) says it in Điều 5 khoản 2:
# "không khen thưởng nhiều lần, nhiều hình thức cho một thành tích đạt được" — new in that law
# (vietjack.me, Luật 2022 Chương I, "Điểm mới"); shared/domain §2.1. Before it, the 2003 law as
# amended in 2013 (Điều 6 khoản 2) asked for awards that are "chính xác, công bằng" and a match
# between "tính chất, hình thức và đối tượng khen thưởng"; a second form for the same
# achievement broke that, but no article said it in these words, so that one is cited as it is.
ONE_ACHIEVEMENT_RULES: tuple[tuple[int, str], ...] = (
    (2024, ("mỗi thành tích chỉ được khen thưởng một hình thức (Luật Thi đua, khen thưởng 2022, "
           "Điều 5 khoản 2: không khen thưởng nhiều lần, nhiều hình thức cho một thành tích)")),
    (0, ("một thành tích đã được khen thưởng không được khen thêm hình thức khác (Luật Thi đua, "
        "Khen thưởng 2003, sửa đổi năm 2013, Điều 6 khoản 2: khen thưởng chính xác, công bằng, "
        "thống nhất giữa tính chất, hình thức và đối tượng)")),
)
ONE_ACHIEVEMENT = ONE_ACHIEVEMENT_RULES[0][1]


def one_achievement_rule(year: int) -> str:
    """The rule against two forms for one achievement, as the law in force in *year* says it."""
    return next(text for since, text in ONE_ACHIEVEMENT_RULES if year >= since)


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
                f"Quyết định số {before.decision} (tệp {before.source}); "
                f"{one_achievement_rule(candidate.year)}")))
    return findings


# -- forms as the rules see them -------------------------------------------------------------

def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().replace("uỷ", "ủy")


# The class of a form, by the start of its name; the first match wins. The names follow
# generator.vn.authority's table (shared/domain §2.2, §2.3).
CLASSES: tuple[tuple[str, str], ...] = (
    ("hcld3", r"huân chương lao động hạng ba"),
    ("hcld2", r"huân chương lao động hạng nhì"),
    ("hcld1", r"huân chương lao động hạng nhất"),
    ("bk_ttg", r"bằng khen của thủ tướng"),
    ("bk_bo", r"bằng khen"),
    ("cstd_tq", r"chiến sĩ thi đua toàn quốc"),
    ("cstd_cs", r"chiến sĩ thi đua cơ sở"),
    ("cstd_bo", r"chiến sĩ thi đua"),
)

# Hình thức khen thưởng cấp Nhà nước (shared/domain §2.2: Huân chương, Huy chương, danh hiệu
# vinh dự nhà nước, Giải thưởng Hồ Chí Minh / Nhà nước, Bằng khen của Thủ tướng Chính phủ, Cờ
# thi đua của Chính phủ, Chiến sĩ thi đua toàn quốc).
STATE_LEVEL = re.compile(
    r"(huân chương|huy chương|anh hùng|nhà giáo nhân dân|thầy thuốc nhân dân|nghệ sĩ nhân dân|"
    r"nghệ nhân nhân dân|giải thưởng hồ chí minh|giải thưởng nhà nước|"
    r"bằng khen của thủ tướng|cờ thi đua của chính phủ|chiến sĩ thi đua toàn quốc)")


def form_class(form: str) -> str | None:
    """The rules' name for a form ("bk_ttg", "cstd_cs" …), or None for the others."""
    text = _fold(form)
    return next((key for key, pattern in CLASSES if re.match(pattern, text)), None)


def is_state_level(form: str) -> bool:
    """True for a form the State decides (cấp Nhà nước)."""
    return STATE_LEVEL.match(_fold(form)) is not None


def _law(year: int) -> str:
    return ("Luật Thi đua, khen thưởng 2022" if year >= 2024
            else "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013)")


# -- prerequisites ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Prerequisite:
    """*form* needs *count* earlier awards of *needs* in consecutive years, the last no more
    than a year before (consecutive titles), or one earlier award at least *gap* years before
    (a form after another). *strict*: the law allows no other way in, so a history that covers
    the years and shows none is an error; otherwise a warning."""

    form: str                 # a class of form_class
    needs: str
    label: str                # the earlier form as a message names it
    article: str              # the article in the law of the candidate's year
    count: int = 1
    gap: int = 0
    strict: bool = False
    kinds: tuple[str, ...] = ("individual", "collective")


PREREQUISITES: tuple[Prerequisite, ...] = (
    # Điều 22 (both laws): chosen among those with 3 consecutive "Chiến sĩ thi đua cơ sở"
    # (tdkt.toaan.gov.vn for the 2003 law; baoyenbai.com.vn for the 2022 law); the title is
    # considered in the year of the third (thuvienphapluat.vn on TT 08/2019/TT-BLĐTBXH).
    Prerequisite("cstd_bo", "cstd_cs", "Chiến sĩ thi đua cơ sở", "Điều 22", count=3,
                 strict=True, kinds=("individual",)),
    # Điều 21 (both laws): among those with 2 consecutive Chiến sĩ thi đua bộ, ban, ngành,
    # tỉnh (lawnet.vn; pa.hcmup.edu.vn for the older text).
    Prerequisite("cstd_tq", "cstd_bo", "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "Điều 21",
                 count=2, strict=True, kinds=("individual",)),
    # Điều 73 khoản 1 điểm b of the 2022 law: already a Bằng khen of a ministry or province,
    # then 05 years or more (phunuquandoi.vn); ND 91/2017 Điều 38 likewise ("05 năm tiếp
    # theo"). Điểm a and c (movement, đột xuất) need no earlier Bằng khen: a warning.
    Prerequisite("bk_ttg", "bk_bo", "Bằng khen cấp bộ, ban, ngành, tỉnh", "Điều 73", gap=5),
    # Điều 44 khoản 1 điểm e of the 2022 law: already a Bằng khen of the Prime Minister, then
    # 05 years (shared/domain §2.4, S36); điểm g (long contribution) needs none: a warning.
    Prerequisite("hcld3", "bk_ttg", "Bằng khen của Thủ tướng Chính phủ", "Điều 44", gap=5),
)


def _consecutive_run(years: set[int], end: int) -> int:
    """How many consecutive years end at *end* in *years*."""
    run = 0
    while end - run in years:
        run += 1
    return run


def _covered(history: Sequence[Granted], needs: str, since: int) -> bool:
    """True when the history records the earlier form for anyone in or before *since*: it then
    keeps that form from far enough back for its silence about a subject to mean something."""
    return any(form_class(g.form) == needs and g.year <= since for g in history)


def _prerequisite_finding(rule: Prerequisite, index: int, candidate: Granted,
                          history: Sequence[Granted]) -> Finding | None:
    year = candidate.year
    mine = {g.year for g in history
            if g.subject == candidate.subject and form_class(g.form) == rule.needs}
    law = f"{_law(year)}, {rule.article}"
    if rule.count > 1:
        run = max(_consecutive_run(mine, year), _consecutive_run(mine, year - 1))
        if run >= rule.count:
            return None
        have = f"sổ theo dõi ghi {run} lần liên tục" if run else "sổ theo dõi không ghi lần nào"
        message = (f"«{candidate.name}»: «{candidate.form}» xét trong số những cá nhân có "
                   f"{rule.count:02d} lần liên tục đạt danh hiệu «{rule.label}» ({law}); "
                   f"{have} đến năm {year}")
        if rule.strict and _covered(history, rule.needs, year - rule.count):
            return Finding(index, candidate, message)
        return Finding(index, candidate, message + " — sổ theo dõi chưa đủ các năm trước, "
                       "hãy đối chiếu hồ sơ", warning=True)
    latest = max((y for y in mine if y <= year), default=None)
    if latest is None:
        return Finding(index, candidate, (
            f"«{candidate.name}»: sổ theo dõi không ghi «{rule.label}» trước «{candidate.form}» "
            f"— điều kiện của một trong các tiêu chuẩn ({law}); hãy đối chiếu tiêu chuẩn "
            "được áp dụng"), warning=True)
    if year - latest < rule.gap:
        return Finding(index, candidate, (
            f"«{candidate.name}»: «{rule.label}» năm {latest}, mới {year - latest} năm trước "
            f"«{candidate.form}»; tiêu chuẩn này cần từ {rule.gap:02d} năm trở lên sau đó "
            f"({law}); hãy đối chiếu tiêu chuẩn được áp dụng"), warning=True)
    return None


def prerequisites(candidates: Sequence[Granted], history: Iterable[Granted],
                  occasional: bool = False) -> list[Finding]:
    """A form whose earlier award the history does not show, or shows too recently. Awards
    for an đột xuất achievement are not bound to earlier ones (Điều 73 khoản 1 điểm c of the
    2022 law; ND 98/2023 Điều 4: đột xuất awards are no basis for regular ones either)."""
    if occasional:
        return []
    kept = list(history)
    findings = []
    for index, candidate in enumerate(candidates):
        cls = form_class(candidate.form)
        for rule in PREREQUISITES:
            if rule.form == cls and candidate.kind in rule.kinds and candidate.year:
                finding = _prerequisite_finding(rule, index, candidate, kept)
                if finding:
                    findings.append(finding)
    return findings


# -- two state-level forms in one year --------------------------------------------------------

# TT 08/2017/TT-BNV and TT 12/2019/TT-BNV (kiemsat.vn, 07/11/2017; shared/domain §2.4): within
# one year no two state-level forms are proposed for one collective or individual, except for
# an outstanding đột xuất achievement, a career's contribution (cống hiến) or length of service
# (niên hạn). The history does not record which kind an earlier award was, and the rule's text
# under the 2022 law was not read: a warning, never a refusal.
STATE_RULE = ("trong 01 năm không đề nghị 02 hình thức khen thưởng cấp Nhà nước cho một tập thể "
              "hoặc một cá nhân, trừ khen thưởng đột xuất, quá trình cống hiến, theo niên hạn "
              "(Thông tư 12/2019/TT-BNV)")


def two_state_level_forms(candidates: Sequence[Granted], history: Iterable[Granted],
                          occasional: bool = False) -> list[Finding]:
    """A state-level form for a subject that already has one from the same year (another
    decision or proposal, or another group of this one)."""
    if occasional:
        return []
    earlier: dict[tuple[tuple[str, str, str], int], Granted] = {}
    for granted in history:
        if is_state_level(granted.form):
            earlier.setdefault((granted.subject, granted.year), granted)
    findings = []
    for index, candidate in enumerate(candidates):
        if not (candidate.year and is_state_level(candidate.form)):
            continue
        key = (candidate.subject, candidate.year)
        before = earlier.get(key)
        if before is not None and before.source != candidate.source:
            where = f"văn bản số {before.decision}" if before.decision else before.source
            findings.append(Finding(index, candidate, (
                f"«{candidate.name}» đã có «{before.form}» năm {before.year} ({where}); "
                f"{STATE_RULE} — hãy kiểm tra loại khen thưởng trước"), warning=True))
        elif before is not None and before.form != candidate.form:
            findings.append(Finding(index, candidate, (
                f"«{candidate.name}» được đề nghị cả «{before.form}» và «{candidate.form}» "
                f"trong năm {candidate.year}; {STATE_RULE}"), warning=True))
        earlier.setdefault(key, candidate)
    return findings


def history_findings(candidates: Sequence[Granted], history: Sequence[Granted],
                     occasional: bool = False, batch: Sequence[Granted] = ()) -> list[Finding]:
    """Every history rule for one document's recipients, in the order of the rules. *batch*:
    the other documents of the same run, not yet in the history, which the state-level rule
    also reads (two Tờ trình of one year for one person are the common case). With an empty
    history only that rule runs: there is nothing to find an earlier award in."""
    if not history:
        return two_state_level_forms(candidates, batch, occasional)
    return [*one_form_per_achievement(candidates, history),
            *prerequisites(candidates, history, occasional),
            *two_state_level_forms(candidates, [*history, *batch], occasional)]


# -- one person in two units' nominations -----------------------------------------------------

@dataclass(frozen=True, slots=True)
class Nominee:
    """One person as a unit's nomination lists them."""

    name: str
    unit: str
    birth_date: str = ""        # ISO date, or "" when the nomination does not give it
    identity: str = ""          # số định danh cá nhân / CCCD, or ""
    where: str = ""             # the file and JSON path, for the message


@dataclass(frozen=True, slots=True)
class Duplicate:
    """The *index*-th nominee is the same person as the *first*-th, in another unit."""

    index: int
    first: int
    message: str
    warning: bool = False


def _identity(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()).upper()


def same_person_in_two_units(nominees: Sequence[Nominee], year: int = 2024) -> list[Duplicate]:
    """One person nominated by two units in one cycle of *year*. The same identity number is
    the same person: an error (one achievement, one form — :func:`one_achievement_rule`; a
    person is commended through the unit that manages them). The same name and birth date without identity numbers
    to tell them apart, or the same name with no birth date at all, may be two people: a
    warning. Nominees of the same unit are the unit's own list's business, not this rule's."""
    found: list[Duplicate] = []
    seen_id: dict[str, int] = {}
    seen_name: dict[str, list[int]] = {}
    for index, person in enumerate(nominees):
        ident = _identity(person.identity)
        unit = same_name_key(person.unit)
        first = seen_id.get(ident) if ident else None
        if first is not None and same_name_key(nominees[first].unit) != unit:
            found.append(Duplicate(index, first, (
                f"«{person.name}» ({person.unit}) có cùng số định danh {person.identity} với "
                f"«{nominees[first].name}» do {nominees[first].unit} đề nghị "
                f"({nominees[first].where}); một người chỉ được một đơn vị đề nghị: "
                f"{one_achievement_rule(year)}")))
        elif first is None:
            for other in seen_name.get(same_name_key(person.name), []):
                twin = nominees[other]
                if same_name_key(twin.unit) == unit:
                    continue
                ids = _identity(twin.identity), ident
                if all(ids) and ids[0] != ids[1]:
                    continue            # two identity numbers: two people
                births = twin.birth_date, person.birth_date
                if all(births) and births[0] != births[1]:
                    continue            # two birth dates: two people
                same_birth = all(births)
                found.append(Duplicate(index, other, (
                    f"«{person.name}» ({person.unit}) trùng họ tên"
                    + (f" và ngày sinh {person.birth_date}" if same_birth else "")
                    + f" với người do {twin.unit} đề nghị ({twin.where}); nếu là một người, chỉ "
                    f"một đơn vị đề nghị: {one_achievement_rule(year)}"), warning=True))
                break
        if ident:
            seen_id.setdefault(ident, index)
        seen_name.setdefault(same_name_key(person.name), []).append(index)
    return found
