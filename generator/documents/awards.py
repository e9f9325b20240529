"""What commendation decisions and proposals share: the award lists (groups, counts, order),
their checks (known forms, no empty groups, no duplicates) and the căn cứ they cite.

Counts in Điều 1 and in the Tờ trình are computed from the attached list, never typed, so the
decision and its list cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue
from generator.vn import authority as auth
from generator.vn import collation, legal
from generator.vn import formats as vn

from .common import basis_lines, check_issuer, check_signer, parse_date, plan_citation
from .kind import Source, check_dates

SORTS = ("input", "unit", "name")


def issuer_of(data: dict[str, Any], campaign: dict[str, Any] | None) -> dict[str, Any]:
    """The decision's own issuer, else the agency that runs the campaign."""
    if "issuer" in data:
        return data["issuer"]
    assert campaign is not None, "the schema requires an issuer without a campaign"
    return campaign["issuer"]


def _duplicates(group: dict[str, Any], index: int, file: str) -> list[Issue]:
    """The same collective, or the same person of the same unit, twice in one award group.
    Two people of one name in different units are two people (the rule the spreadsheet
    lists of certificates follow too)."""
    issues = []
    units: dict[str, str] = {}          # a long list names few units: each keyed once
    for side in ("collectives", "individuals"):
        seen: dict[tuple[str, str], int] = {}
        for position, entry in enumerate(group.get(side, [])):
            unit = entry.get("unit", "")
            unit_key = units.get(unit)
            if unit_key is None:
                unit_key = units[unit] = vn.same_name_key(unit)
            key = (vn.same_name_key(entry["name"]), unit_key)
            if key in seen:
                issues.append(Issue(file, json_path(("awards", index, side, position, "name")),
                                    f"«{entry['name']}» đã có ở $.awards[{index}].{side}"
                                    f"[{seen[key]}] trong cùng hình thức khen thưởng"))
            seen.setdefault(key, position)
    return issues


def _form_issues(group: dict[str, Any], index: int, file: str) -> tuple[auth.FormRule | None,
                                                                          list[Issue]]:
    where = json_path(("awards", index, "form"))
    rule = auth.form_rule(group["form"])
    if rule is None:
        known = "; ".join(auth.KNOWN_FORMS)
        return None, [Issue(file, where, f"không nhận ra hình thức «{group['form']}»; tên hình "
                                         f"thức phải bắt đầu như một trong: {known}")]
    issues = []
    for side, subject in (("collectives", "tập thể"), ("individuals", "cá nhân")):
        if group.get(side) and subject not in rule.subjects:
            issues.append(Issue(file, json_path(("awards", index, side)),
                                f"hình thức «{group['form']}» không tặng cho {subject}"))
    return rule, issues


def check_awards(data: dict[str, Any],
                 file: str) -> list[tuple[int, auth.FormRule | None, list[Issue]]]:
    """Per award group: its form rule and its issues (unknown form, empty, duplicates)."""
    out = []
    for index, group in enumerate(data["awards"]):
        rule, issues = _form_issues(group, index, file)
        if not group.get("collectives") and not group.get("individuals"):
            issues.append(Issue(file, json_path(("awards", index)),
                                "nhóm khen thưởng không có tập thể hay cá nhân nào"))
        issues += _duplicates(group, index, file)
        out.append((index, rule, issues))
    return out


def check_campaign_dates(data: dict[str, Any], campaign: dict[str, Any] | None, file: str,
                         campaign_path: object) -> list[Issue]:
    """A commendation of a movement cannot be dated before the movement starts."""
    day = data["document"]["date"]
    if campaign is None or day is None or day >= campaign["movement"]["start"]:
        return []
    return [Issue(file, "$.document.date",
                  f"ngày {day} trước ngày bắt đầu phong trào {campaign['movement']['start']} "
                  f"({campaign_path}, $.movement.start)")]


def _unit_of(entry: dict[str, Any]) -> str:
    return entry.get("unit") or entry["name"]


def sort_entries(entries: list[dict[str, Any]], sort: str, individual: bool) -> list[dict]:
    """Order a list as given, grouped by unit (first appearance, stable), or by name
    (Vietnamese order: given name, middle, family name for people)."""
    if sort == "name":
        key = collation.name_key if individual else collation.sort_key
        return sorted(entries, key=lambda e: key(e["name"]))
    if sort == "unit":
        order: dict[str, int] = {}
        for entry in entries:
            order.setdefault(vn.same_name_key(_unit_of(entry)), len(order))
        return sorted(entries, key=lambda e: order[vn.same_name_key(_unit_of(e))])
    return list(entries)


def _row(entry: dict[str, Any], individual: bool) -> dict[str, str]:
    if individual:
        return {"name": entry["name"], "detail": f"{entry['position']}, {entry['unit']}"}
    return {"name": entry["name"], "detail": ""}


def award_groups(data: dict[str, Any], sort: str) -> list[dict[str, Any]]:
    """Each form with its counts and its sorted list, ready for Điều 1 and the attached list."""
    groups = []
    single = len(data["awards"]) == 1
    for index, group in enumerate(data["awards"], 1):
        collectives = sort_entries(group.get("collectives", []), sort, individual=False)
        individuals = sort_entries(group.get("individuals", []), sort, individual=True)
        labels = iter(range(1, 3))
        groups.append({
            "form": group["form"],
            # One form: the list's title names it, so no "I." heading of a list of one.
            "heading": "" if single else f"{vn.roman(index)}. {vn.upper_vi(group['form'])}",
            "counts": vn.count_phrase(len(collectives), len(individuals)),
            "achievement": group["achievement"].rstrip("."),
            "collectives": [_row(e, False) for e in collectives],
            "individuals": [_row(e, True) for e in individuals],
            "collective_label": f"{next(labels)}. Tập thể" if collectives else "",
            "individual_label": f"{next(labels)}. Cá nhân" if individuals else "",
            "prize": group.get("prize"),
        })
    return groups


def award_bases(data: dict[str, Any], campaign: dict[str, Any] | None, today: date,
                last: str = ".", organic: str | None = None) -> list[str]:
    extra = list(data.get("extra_bases", []))
    if campaign is not None:
        extra.append(plan_citation(campaign))
    return basis_lines(data["document"], extra, today, last, organic=organic)


def movement_phrase(campaign: dict[str, Any] | None, kind: str, phase: str | None = None) -> str:
    """' sơ kết phong trào thi đua “…”', or with a phase ' sơ kết giai đoạn 2025 - 2027 phong
    trào thi đua “…”'."""
    if campaign is None:
        return ""
    stage = {"sơ kết": " sơ kết", "tổng kết": " tổng kết"}.get(kind, "")
    if phase:
        stage = f"{stage} {vn.lower_first(phase)}"
    return f"{stage} phong trào thi đua {vn.quoted(campaign['movement']['name'])}".rstrip()


def decision_day(data: dict[str, Any]) -> date:
    """The day whose law decides who may grant what: the document's date, or for an undated
    draft the build day clamped into its year (as the căn cứ are chosen)."""
    document = data["document"]
    day = parse_date(document["date"])
    return legal.reference_day(day, day.year if day else document["year"], date.today())


def in_body_name(data: dict[str, Any]) -> bool:
    """A proposal speaks for the issuing body; a decision too, unless its authority line is a
    person ("Chủ tịch Ủy ban nhân dân tỉnh …" decides in his own name, without "TM.")."""
    authority = data.get("authority")
    return authority is None or vn.is_collective_body(authority["title"])


def kind_check(check: Callable[..., list[Issue]]) -> Callable[[Source], list[Issue]]:
    """A kind's check: the date's legal regime, then the award rules of *check*."""
    def run(source: Source) -> list[Issue]:
        own = source.data.get("issuer")
        issuer = issuer_of(source.data, source.campaign)
        return [*check_dates(source.data, source.file),
                *(check_issuer(own, source.file) if own else []),
                *check_signer(source.data["signer"], issuer, source.file,
                              in_body_name(source.data)),
                *check(source.data, source.campaign, source.file, source.campaign_path)]
    return run
