"""Commendation decisions (Quyết định khen thưởng, Mẫu 1.2 of Phụ lục III, Nghị định
30/2020) and their attached list: the signer's authority checked, Điều 1's counts computed from
the list, never typed."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue
from generator.vn import authority as auth
from generator.vn import formats as vn

from .awards import (
    award_bases,
    award_groups,
    check_awards,
    check_campaign_dates,
    decision_day,
    in_body_name,
    issuer_of,
    kind_check,
    movement_phrase,
)
from .common import document_citation, header_context
from .kind import DocumentKind


def check_decision(data: dict[str, Any], campaign: dict[str, Any] | None, file: str,
                   campaign_path: object) -> list[Issue]:
    """Decision rules: forms known and within the signer's authority on the decision's date,
    no empty groups or duplicates, not dated before the campaign."""
    level = data["authority"]["level"]
    day = decision_day(data)
    issues = check_campaign_dates(data, campaign, file, campaign_path)
    problem = auth.level_problem(level, day)
    if problem:
        issues.append(Issue(file, "$.authority.level", problem))
    for index, rule, group_issues in check_awards(data, file):
        issues += group_issues
        if rule is not None and not auth.may_decide(level, rule, day):
            issues.append(Issue(file, json_path(("awards", index, "form")),
                                f"«{data['awards'][index]['form']}» do {rule.deciders_phrase()} "
                                f"quyết định, vượt thẩm quyền của {data['authority']['title']}: "
                                "cần lập Tờ trình đề nghị cấp có thẩm quyền (thidua proposal), "
                                f"không ra Quyết định ({rule.citation(day)})"))
    return issues


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
    doc = header_context(base, "Quyết định", in_body_name(data))
    groups = award_groups(data, sort)
    articles = decision_articles(data, groups)
    forms = ", ".join(dict.fromkeys(g["form"] for g in groups))
    movement = movement_phrase(campaign, data["kind"])
    title = data.get("title") or (
        f"Về việc tặng {forms} cho các tập thể, cá nhân đã có thành tích"
        + (f" trong{movement}" if movement else {"đột xuất": " đột xuất"}.get(data["kind"], "")))
    citation = document_citation("Quyết định", data["document"], {**issuer,
                                                                  "name": data["authority"]["title"]})
    doc.update(
        title=title,
        authority=vn.upper_vi(data["authority"]["title"]),
        # Mẫu 1.2: every căn cứ ends with ";" — the "Theo đề nghị" line closes the block.
        bases=award_bases(data, campaign, today, last=";"),
        proposal=f"Theo đề nghị của {data['proposed_by'].rstrip('.')}.",
        articles=articles,
        groups=groups,
        attachment=f"({citation.replace('Quyết định số', 'Kèm theo Quyết định số', 1)})",
        list_title="DANH SÁCH",
        list_summary=f"Tập thể, cá nhân được tặng {forms}",
    )
    doc["recipient_lines"] = [f"- Như Điều {len(articles)};", *doc["recipient_lines"]]
    return {**data, "doc": doc}


DECISION = DocumentKind(
    name="decision",
    label="Quyết định khen thưởng",
    template="decision.docx",
    build_context=lambda s, today: decision_context(s.data, s.campaign, today, s.sort),
    check=kind_check(check_decision),
    campaign_field="campaign",
    folder="decisions",
)
