"""Commendation decisions (Quyết định khen thưởng) and proposals upward (Tờ trình): their
checks and the context their templates are filled with.

Counts in Điều 1 and in the Tờ trình are computed from the attached list, never typed, so the
decision and its list cannot disagree.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue
from generator.vn import authority as auth
from generator.vn import collation
from generator.vn import formats as vn

from .common import (
    basis_lines,
    document_citation,
    header_context,
    plan_citation,
    require_date,
)

SORTS = ("input", "unit", "name")


def issuer_of(data: dict[str, Any], campaign: dict[str, Any] | None) -> dict[str, Any]:
    """The decision's own issuer, else the agency that runs the campaign."""
    if "issuer" in data:
        return data["issuer"]
    assert campaign is not None, "the schema requires an issuer without a campaign"
    return campaign["issuer"]


# -- checks ------------------------------------------------------------------------------------

def _duplicates(group: dict[str, Any], index: int, file: str) -> list[Issue]:
    issues = []
    for side in ("collectives", "individuals"):
        seen: dict[str, int] = {}
        for position, entry in enumerate(group.get(side, [])):
            key = vn.same_name_key(entry["name"])
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


def check_decision(data: dict[str, Any], campaign: dict[str, Any] | None, file: str,
                   campaign_path: object) -> list[Issue]:
    """Decision rules: forms known and within the signer's authority, no empty groups or
    duplicates, not dated before the campaign."""
    level = data["authority"]["level"]
    issues = check_campaign_dates(data, campaign, file, campaign_path)
    for index, rule, group_issues in check_awards(data, file):
        issues += group_issues
        if rule is not None and auth.exceeds(rule.level, level):
            decider = auth.LEVEL_NAMES[rule.level]
            issues.append(Issue(file, json_path(("awards", index, "form")),
                                f"«{data['awards'][index]['form']}» do {decider} quyết định, "
                                f"vượt thẩm quyền của {data['authority']['title']}: cần lập Tờ "
                                "trình đề nghị cấp trên (thidua proposal), không ra Quyết định"))
    return issues


def check_proposal(data: dict[str, Any], campaign: dict[str, Any] | None, file: str,
                   campaign_path: object) -> list[Issue]:
    """Proposal rules; asking upward for a form the agency decides itself is a warning."""
    issues = check_campaign_dates(data, campaign, file, campaign_path)
    to_level = data["to"]["level"]
    for index, rule, group_issues in check_awards(data, file):
        issues += group_issues
        if rule is None:
            continue
        if auth.rank(rule.level) <= auth.rank("bộ"):
            issues.append(Issue(file, json_path(("awards", index, "form")),
                                f"«{data['awards'][index]['form']}» thuộc thẩm quyền của "
                                f"{auth.LEVEL_NAMES[rule.level]}: cơ quan có thể tự quyết định, "
                                "không cần Tờ trình", severity="warning"))
        elif auth.exceeds(rule.level, to_level) and not (
                rule.level == "chủ tịch nước" and to_level == "thủ tướng"):
            # A Huân chương is proposed to the Prime Minister, who submits it to the President.
            issues.append(Issue(file, "$.to.level",
                                f"Tờ trình đề nghị «{data['awards'][index]['form']}» phải gửi "
                                f"{auth.LEVEL_NAMES[rule.level]} (Huân chương: gửi Thủ tướng "
                                "Chính phủ để trình Chủ tịch nước)"))
    return issues


# -- context -----------------------------------------------------------------------------------

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
    for index, group in enumerate(data["awards"], 1):
        collectives = sort_entries(group.get("collectives", []), sort, individual=False)
        individuals = sort_entries(group.get("individuals", []), sort, individual=True)
        labels = iter(range(1, 3))
        groups.append({
            "form": group["form"],
            "heading": f"{vn.roman(index)}. {vn.upper_vi(group['form'])}",
            "counts": vn.count_phrase(len(collectives), len(individuals)),
            "achievement": group["achievement"].rstrip("."),
            "collectives": [_row(e, False) for e in collectives],
            "individuals": [_row(e, True) for e in individuals],
            "collective_label": f"{next(labels)}. Tập thể" if collectives else "",
            "individual_label": f"{next(labels)}. Cá nhân" if individuals else "",
            "prize": group.get("prize"),
        })
    return groups


def _prize_sentence(group: dict[str, Any]) -> str | None:
    prize = group["prize"]
    if not prize:
        return None
    parts = [f"mỗi {label} {vn.amount_line(prize[side])}"
             for side, label, rows in (("collective", "tập thể", group["collectives"]),
                                       ("individual", "cá nhân", group["individuals"]))
             if rows and prize.get(side)]
    if not parts:
        return None
    return f"Kèm theo {group['form']} là tiền thưởng: {'; '.join(parts)}, trích từ {prize['source']}."


def _bases(data: dict[str, Any], campaign: dict[str, Any] | None, today: date,
           last: str = ".") -> list[str]:
    extra = list(data.get("extra_bases", []))
    if campaign is not None:
        extra.append(plan_citation(campaign))
    return basis_lines(data["document"], extra, today, last)


def _movement_phrase(campaign: dict[str, Any] | None, kind: str) -> str:
    if campaign is None:
        return ""
    stage = {"sơ kết": " sơ kết", "tổng kết": " tổng kết"}.get(kind, "")
    return f"{stage} phong trào thi đua {vn.quoted(campaign['movement']['name'])}".rstrip()


def _grant(group: dict[str, Any]) -> str:
    return (f"Tặng {group['form']} cho {group['counts']} (có danh sách kèm theo) đã có thành "
            f"tích {group['achievement']}.")


def decision_articles(data: dict[str, Any], groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Điều 1 (grants), Điều 2 (prize money, when any), and the execution clause."""
    grants = [_grant(g) for g in groups]
    # One form: "Điều 1. Tặng …". Several: "Điều 1." on its own, then khoản "1. Tặng …".
    first = grants if len(grants) == 1 else ["", *(f"{i}. {g}" for i, g in enumerate(grants, 1))]
    articles = [first]
    prizes = [s for s in map(_prize_sentence, groups) if s]
    if prizes:
        articles.append(prizes)
    executors = ", ".join(data["executors"])
    articles.append(["Quyết định này có hiệu lực kể từ ngày ký.",
                     (f"{executors} và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm "
                      "thi hành Quyết định này./.")])
    return [{"label": f"Điều {i}.", "first": paragraphs[0], "rest": paragraphs[1:]}
            for i, paragraphs in enumerate(articles, 1)]


def decision_context(data: dict[str, Any], campaign: dict[str, Any] | None, today: date,
                     sort: str = "input") -> dict[str, Any]:
    """Context of a Quyết định khen thưởng and its attached list (templates/decision.docx)."""
    issuer = issuer_of(data, campaign)
    base = {**data, "issuer": issuer}
    doc = header_context(base, "Quyết định")
    groups = award_groups(data, sort)
    articles = decision_articles(data, groups)
    forms = ", ".join(dict.fromkeys(g["form"] for g in groups))
    movement = _movement_phrase(campaign, data["kind"])
    title = data.get("title") or (
        f"Về việc tặng {forms} cho các tập thể, cá nhân đã có thành tích"
        + (f" trong{movement}" if movement else {"đột xuất": " đột xuất"}.get(data["kind"], "")))
    citation = document_citation("Quyết định", data["document"], {**issuer,
                                                                  "name": data["authority"]["title"]})
    doc.update(
        title=title,
        authority=vn.upper_vi(data["authority"]["title"]),
        # Mẫu 1.2: every căn cứ ends with ";" — the "Theo đề nghị" line closes the block.
        bases=_bases(data, campaign, today, last=";"),
        proposal=f"Theo đề nghị của {data['proposed_by'].rstrip('.')}.",
        articles=articles,
        groups=groups,
        attachment=f"({citation.replace('Quyết định số', 'Kèm theo Quyết định số', 1)})",
        list_title="DANH SÁCH",
        list_summary=f"Tập thể, cá nhân được tặng {forms}",
    )
    doc["recipient_lines"] = [f"- Như Điều {len(articles)};", *doc["recipient_lines"]]
    return {**data, "doc": doc}


def proposal_context(data: dict[str, Any], campaign: dict[str, Any] | None, today: date,
                     sort: str = "input") -> dict[str, Any]:
    """Context of a Tờ trình đề nghị khen thưởng and its list (templates/proposal.docx)."""
    issuer = issuer_of(data, campaign)
    doc = header_context({**data, "issuer": issuer}, "Tờ trình")
    groups = award_groups(data, sort)
    to = data["to"]
    forms = ", ".join(dict.fromkeys(g["form"] for g in groups))
    movement = _movement_phrase(campaign, data["kind"])
    council = data["council"]
    meeting = vn.date_words(require_date(council["meeting_date"]))
    votes = f", {council['votes']}" if council.get("votes") else ""
    requests = []
    for group in groups:
        rule = auth.form_rule(group["form"])
        verb = ("trình Chủ tịch nước tặng" if rule and rule.level == "chủ tịch nước"
                and to["level"] != "chủ tịch nước" else "tặng")
        requests.append(f"{issuer['name']} kính đề nghị {to['title']} xem xét, {verb} "
                        f"{group['form']} cho {group['counts']} (có danh sách kèm theo) đã có "
                        f"thành tích {group['achievement']}.")
    dossier = data.get("dossier") or [
        "Báo cáo thành tích của các tập thể, cá nhân được đề nghị khen thưởng",
        f"Biên bản họp {council['name']} {meeting}",
        "Danh sách tập thể, cá nhân được đề nghị khen thưởng"]
    citation = document_citation("Tờ trình", data["document"], issuer)
    doc.update(
        title=data.get("title") or f"Về việc đề nghị tặng {forms}"
        + (f" cho các tập thể, cá nhân có thành tích xuất sắc trong{movement}" if movement else ""),
        to=f"Kính gửi: {to['title']}.",
        bases=_bases(data, campaign, today),
        process=(f"{meeting[:1].upper()}{meeting[1:]}, {council['name']} đã họp xét{votes}, thống "
                 f"nhất đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc"
                 f"{' trong' + movement if movement else ''} (Biên bản họp {meeting})."),
        summary=data.get("summary", []),
        requests=requests,
        dossier=vn.recipient_lines(dossier[:-1], f"- {dossier[-1].rstrip('.;')}."),
        closing=f"{issuer['name']} kính trình {to['title']} xem xét, quyết định./.",
        groups=groups,
        attachment=f"({citation.replace('Tờ trình số', 'Kèm theo Tờ trình số', 1)})",
        list_title="DANH SÁCH",
        list_summary=f"Tập thể, cá nhân được đề nghị tặng {forms}",
    )
    doc["recipient_lines"] = ["- Như trên;", *doc["recipient_lines"]]
    return {**data, "doc": doc}
