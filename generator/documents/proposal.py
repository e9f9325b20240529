"""Proposals upward (Tờ trình đề nghị khen thưởng, Mẫu 1.3 of Phụ lục III, Nghị định
30/2020) and their attached list: what goes to which authority, the council's meeting cited."""

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
    issuer_of,
    kind_check,
    movement_phrase,
)
from .common import (
    document_citation,
    header_context,
    printed_line,
    printed_title,
    require_date,
)
from .kind import DocumentKind


def proposer_level(data: dict[str, Any], campaign: dict[str, Any] | None) -> str:
    """The tier of the body that sends the Tờ trình: ``issuer.level``, else read from its name."""
    issuer = issuer_of(data, campaign)
    return issuer.get("level") or auth.issuer_level(issuer["name"])


def check_proposal(data: dict[str, Any], campaign: dict[str, Any] | None, file: str,
                   campaign_path: object) -> list[Issue]:
    """Proposal rules; asking upward for a form the proposer's tier decides itself is a
    warning naming that tier."""
    issues = check_campaign_dates(data, campaign, file, campaign_path)
    to_level, own = data["to"]["level"], proposer_level(data, campaign)
    day = decision_day(data)
    for level, path in ((to_level, "$.to.level"), (own, "$.issuer.level")):
        problem = auth.level_problem(level, day)
        if problem:
            issues.append(Issue(file, path, problem))
    for index, rule, group_issues in check_awards(data, file):
        issues += group_issues
        if rule is None:
            continue
        form = data["awards"][index]["form"]
        if auth.may_decide(own, rule, day):
            who = auth.LEVEL_NAMES[own] if own in rule.deciders else rule.deciders_phrase()
            issues.append(Issue(file, json_path(("awards", index, "form")),
                                f"«{form}» thuộc thẩm quyền của {who}: cơ quan có thể tự quyết "
                                f"định, không cần Tờ trình ({rule.citation(day)})",
                                severity="warning"))
        elif not auth.may_decide(to_level, rule, day) and not (
                rule.level == "chủ tịch nước" and to_level == "thủ tướng"):
            # A Huân chương is proposed to the Prime Minister, who submits it to the President.
            issues.append(Issue(file, "$.to.level",
                                f"Tờ trình đề nghị «{form}» phải gửi {rule.deciders_phrase()} "
                                "(Huân chương: gửi Thủ tướng Chính phủ để trình Chủ tịch nước; "
                                f"{rule.citation(day)})"))
    return issues


def _submitted(form: str, to_level: str) -> bool:
    """True when the addressee does not decide *form* but submits it to the Chủ tịch nước (a
    Huân chương, Huy chương or danh hiệu vinh dự nhà nước proposed to the Thủ tướng): Luật Thi
    đua, khen thưởng 2022, Điều 77 (the Chủ tịch nước decides them)."""
    rule = auth.form_rule(form)
    return bool(rule and rule.level == "chủ tịch nước" and to_level != "chủ tịch nước")


def closing_line(issuer: str, to_title: str, to_level: str, forms: list[str]) -> str:
    """The Tờ trình's last sentence: the addressee is asked to decide only what it decides, and
    to submit to the Chủ tịch nước what the Chủ tịch nước decides."""
    own = [f for f in forms if not _submitted(f, to_level)]
    up = [f for f in forms if _submitted(f, to_level)]
    if not up:
        action = "quyết định"
    elif not own:
        action = "trình Chủ tịch nước quyết định"
    else:
        action = (f"quyết định tặng {', '.join(own)} và trình Chủ tịch nước quyết định tặng "
                  f"{', '.join(up)}")
    return f"{issuer} kính trình {to_title} xem xét, {action}./."


def proposal_context(data: dict[str, Any], campaign: dict[str, Any] | None, today: date,
                     sort: str = "input") -> dict[str, Any]:
    """Context of a Tờ trình đề nghị khen thưởng and its list (templates/proposal.docx)."""
    issuer = issuer_of(data, campaign)
    doc = header_context({**data, "issuer": issuer}, "Tờ trình")
    groups = award_groups(data, sort)
    to = data["to"]
    forms = ", ".join(dict.fromkeys(g["form"] for g in groups))
    movement = movement_phrase(campaign, data["kind"])
    council = data["council"]
    meeting = vn.date_words(require_date(council["meeting_date"]))
    votes = f", {council['votes']}" if council.get("votes") else ""
    requests = []
    for group in groups:
        verb = "trình Chủ tịch nước tặng" if _submitted(group["form"], to["level"]) else "tặng"
        requests.append(f"{issuer['name']} kính đề nghị {to['title']} xem xét, {verb} "
                        f"{group['form']} cho {group['counts']} (có danh sách kèm theo) đã có "
                        f"thành tích {group['achievement']}.")
    dossier = data.get("dossier") or [
        "Báo cáo thành tích của các tập thể, cá nhân được đề nghị khen thưởng",
        f"Biên bản họp {council['name']} {meeting}",
        "Danh sách tập thể, cá nhân được đề nghị khen thưởng"]
    citation = document_citation("Tờ trình", data["document"], issuer)
    doc.update(
        title=printed_title(data.get("title") or f"Về việc đề nghị tặng {forms}" + (
            f" cho các tập thể, cá nhân có thành tích xuất sắc trong{movement}" if movement
            else ""), {**data, "issuer": issuer}),
        to=f"Kính gửi: {to['title']}.",
        bases=award_bases(data, campaign, today),
        process=(f"{meeting[:1].upper()}{meeting[1:]}, {council['name']} đã họp xét{votes}, thống "
                 f"nhất đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc"
                 f"{' trong' + movement if movement else ''} (Biên bản họp {meeting})."),
        summary=data.get("summary", []),
        requests=requests,
        dossier=vn.recipient_lines(dossier[:-1], f"- {dossier[-1].rstrip('.;')}."),
        closing=closing_line(issuer["name"], to["title"], to["level"],
                             list(dict.fromkeys(g["form"] for g in groups))),
        groups=groups,
        attachment=printed_line(
            f"({citation.replace('Tờ trình số', 'Kèm theo Tờ trình số', 1)})",
            {**data, "issuer": issuer}),
        list_title="DANH SÁCH",
        list_summary=printed_title(f"Tập thể, cá nhân được đề nghị tặng {forms}",
                                   {**data, "issuer": issuer}),
    )
    doc["recipient_lines"] = ["- Như trên;", *doc["recipient_lines"]]
    return {**data, "doc": doc}


PROPOSAL = DocumentKind(
    name="proposal",
    label="Tờ trình đề nghị khen thưởng",
    template="proposal.docx",
    build_context=lambda s, today: proposal_context(s.data, s.campaign, today, s.sort),
    rules=kind_check(check_proposal),
    campaign_field="campaign",
    folder="proposals",
)
