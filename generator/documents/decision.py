"""Commendation decisions (Quyết định khen thưởng, Mẫu 1.2 of Phụ lục III, Nghị định
30/2020) and their attached list: the signer's authority checked, Điều 1's counts computed from
the list and Điều 2's prize money computed from the decree and the base salary in force on the
decision's date (:mod:`generator.vn.prize`), never typed; an amount typed anyway must equal the
computed one or say why it differs (``prize.reason``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue
from generator.vn import authority as auth
from generator.vn import formats as vn
from generator.vn import prize as money

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
from .common import document_citation, header_context, printed_line, printed_title
from .kind import DocumentKind


def organic_branch(data: dict[str, Any]) -> str | None:
    """Which organic law the decision cites first: local government for a province, district
    or commune; the Government's for the others when ``organic_law`` asks for it."""
    local = data["authority"]["level"] in ("tỉnh", "huyện", "xã", "sở")
    wanted = data.get("organic_law", data["authority"]["level"] in ("tỉnh", "huyện", "xã"))
    if not wanted:
        return None
    return "địa phương" if local else "trung ương"


def check_phase(data: dict[str, Any], campaign: dict[str, Any] | None, file: str,
                campaign_path: object) -> list[Issue]:
    """A decision that reviews a phase names one the campaign has, and is not dated before
    the phase starts."""
    name = data.get("phase")
    if name is None:
        return []
    phases = (campaign or {}).get("movement", {}).get("phases", [])
    phase = next((p for p in phases if vn.same_name_key(p["name"]) == vn.same_name_key(name)),
                 None)
    if phase is None:
        known = ", ".join(f"«{p['name']}»" for p in phases) or "(không có giai đoạn nào)"
        return [Issue(file, "$.phase", f"giai đoạn «{name}» không có trong phong trào "
                                       f"({campaign_path}, $.movement.phases: {known})")]
    day = data["document"]["date"]
    if day and day < phase["start"]:
        return [Issue(file, "$.document.date", f"ngày {day} trước khi giai đoạn «{name}» bắt đầu "
                                               f"({phase['start']})")]
    return []


def check_decision(data: dict[str, Any], campaign: dict[str, Any] | None, file: str,
                   campaign_path: object) -> list[Issue]:
    """Decision rules: forms known and within the signer's authority on the decision's date,
    no empty groups or duplicates, not dated before the campaign."""
    level = data["authority"]["level"]
    day = decision_day(data)
    issues = check_campaign_dates(data, campaign, file, campaign_path)
    issues += check_phase(data, campaign, file, campaign_path)
    problem = auth.level_problem(level, day)
    if problem:
        issues.append(Issue(file, "$.authority.level", problem))
    for index, rule, group_issues in check_awards(data, file):
        issues += group_issues
        issues += prize_issues(data["awards"][index], index, day, file)
        if rule is not None and not auth.may_decide(level, rule, day):
            issues.append(Issue(file, json_path(("awards", index, "form")),
                                f"«{data['awards'][index]['form']}» do {rule.deciders_phrase()} "
                                f"quyết định, vượt thẩm quyền của {data['authority']['title']}: "
                                "cần lập Tờ trình đề nghị cấp có thẩm quyền (thidua proposal), "
                                f"không ra Quyết định ({rule.citation(day)})"))
    return issues


SIDES = (("collectives", "collective", "tập thể"), ("individuals", "individual", "cá nhân"))


def prize_issues(group: dict[str, Any], index: int, day: date, file: str) -> list[Issue]:
    """A typed amount that differs from the one the decree gives: refused without a reason,
    showing the computation (the clerk may correct it, leave it out, or give the reason); with
    a reason, kept and reported as a warning naming both amounts."""
    prize = group.get("prize") or {}
    issues = []
    for side_list, side, label in SIDES:
        typed = prize.get(side)
        computed = money.prize_for(group["form"], side, day)
        if not group.get(side_list) or typed is None or computed is None:
            continue
        if typed == computed.amount:
            continue
        where = json_path(("awards", index, "prize", side))
        if prize.get("reason"):     # kept as typed; the reviewer is told, with the reason
            issues.append(Issue(file, where, (
                f"mức thưởng mỗi {label} {vn.amount_digits(typed)} đồng thay cho mức theo quy "
                f"định {vn.amount_digits(computed.amount)} đồng ({computed.citation()}), lý do: "
                f"{prize['reason']}"), "warning"))
        else:
            issues.append(Issue(file, where, (
                f"mức thưởng mỗi {label} {vn.amount_digits(typed)} đồng khác mức theo quy định "
                f"ngày {day:%d/%m/%Y}: {computed.working()}; hãy sửa, bỏ trống để tự tính, "
                f"hoặc ghi lý do tại {json_path(('awards', index, 'prize', 'reason'))}")))
    return issues


def group_amounts(group: dict[str, Any], day: date) -> dict[str, int | None]:
    """Each side's amount per recipient: the typed one when given (checked against the
    decree by :func:`prize_issues`), else the one computed for the decision's date."""
    prize = group.get("prize") or {}
    amounts: dict[str, int | None] = {}
    for _, side, _ in SIDES:
        computed = money.prize_for(group["form"], side, day)
        amounts[side] = prize.get(side, computed.amount if computed else None)
    return amounts


def _prize_sentence(group: dict[str, Any], issuer: dict[str, Any],
                    amounts: dict[str, int | None]) -> str | None:
    """The prize of one form: the amounts (typed or computed), else "theo quy định hiện hành"
    for a form that carries a prize by law the table cannot price; None for a form without."""
    prize = group.get("prize") or {}
    rule = auth.form_rule(group["form"])
    source = prize.get("source") or f"Quỹ thi đua, khen thưởng của {issuer['name']}"
    parts = [f"mỗi {label} {vn.amount_line(amount)}"
             for side_list, side, label in SIDES
             if group.get(side_list) and (amount := amounts[side]) is not None]
    if parts:
        return f"Kèm theo {group['form']} là tiền thưởng: {'; '.join(parts)}, trích từ {source}."
    if rule is None or not rule.prize:
        return None
    return (f"Kèm theo {group['form']} là tiền thưởng theo quy định hiện hành, trích từ "
            f"{source}.")


def group_total(group: dict[str, Any], amounts: dict[str, int | None]) -> int:
    """The prize money of one form: each side's amount times its count."""
    return sum((amounts[side] or 0) * len(group.get(side_list, []))
               for side_list, side, _ in SIDES)


def _grant(group: dict[str, Any]) -> str:
    return (f"Tặng {group['form']} cho {group['counts']} (có danh sách kèm theo) đã có thành "
            f"tích {group['achievement']}.")


def decision_articles(data: dict[str, Any], groups: list[dict[str, Any]],
                      issuer: dict[str, Any], day: date | None = None) -> list[dict[str, Any]]:
    """Điều 1 (grants), Điều 2 (prize money: always, for forms that carry a prize by law, with
    the amounts and their total in digits and words), and the execution clause; "Như Điều N" in
    Nơi nhận follows the count."""
    day = day or decision_day(data)
    grants = [_grant(g) for g in groups]
    # One form: "Điều 1. Tặng …". Several: "Điều 1." on its own, then khoản "1. Tặng …".
    first = grants if len(grants) == 1 else ["", *(f"{i}. {g}" for i, g in enumerate(grants, 1))]
    articles = [first]
    by_form = [(g, group_amounts(g, day)) for g in data["awards"]]
    prizes = [s for s in (_prize_sentence(g, issuer, a) for g, a in by_form) if s]
    total = sum(group_total(g, a) for g, a in by_form)
    if prizes and total:
        prizes.append(f"Tổng số tiền thưởng là {vn.amount_line(total)}.")
    if prizes:
        articles.append(prizes)
    executors = ", ".join(data["executors"])
    articles.append(["Quyết định này có hiệu lực kể từ ngày ký.",
                     (f"{executors} và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm "
                      "thi hành Quyết định này./.")])
    return [{"label": f"Điều {i}.", "first": paragraphs[0], "rest": paragraphs[1:]}
            for i, paragraphs in enumerate(articles, 1)]


def _list_amounts(data: dict[str, Any], groups: list[dict[str, Any]], day: date) -> int:
    """Put each recipient's amount into the attached list's rows (digits, or blank where the
    form has none) and each table's sum under it; return the total of the list."""
    total = 0
    for group, shown in zip(data["awards"], groups, strict=True):
        amounts = group_amounts(group, day)
        for side_list, side, label in SIDES:
            amount = amounts[side]
            rows = shown[side_list]
            shown[side_list] = [{**row, "amount": vn.amount_digits(amount) if amount else ""}
                                for row in rows]
            subtotal = (amount or 0) * len(rows)
            total += subtotal
            shown[f"{side}_total"] = (
                f"Cộng: {len(rows)} {label} × {vn.amount_digits(amount or 0)} đồng = "
                f"{vn.amount_digits(subtotal)} đồng." if subtotal else "")
    return total


def decision_context(data: dict[str, Any], campaign: dict[str, Any] | None, today: date,
                     sort: str = "input") -> dict[str, Any]:
    """Context of a Quyết định khen thưởng and its attached list (templates/decision.docx)."""
    issuer = issuer_of(data, campaign)
    base = {**data, "issuer": issuer}
    doc = header_context(base, "Quyết định", in_body_name(data))
    groups = award_groups(data, sort)
    day = decision_day(data)
    articles = decision_articles(data, groups, issuer, day)
    total = _list_amounts(data, groups, day)
    forms = ", ".join(dict.fromkeys(g["form"] for g in groups))
    movement = movement_phrase(campaign, data["kind"], data.get("phase"))
    title = data.get("title") or (
        f"Về việc tặng {forms} cho các tập thể, cá nhân đã có thành tích"
        + (f" trong{movement}" if movement else {"đột xuất": " đột xuất"}.get(data["kind"], "")))
    citation = document_citation("Quyết định", data["document"], {**issuer,
                                                                  "name": data["authority"]["title"]})
    doc.update(
        title=printed_title(title, base),
        authority=vn.upper_vi(data["authority"]["title"]),
        # Mẫu 1.2: every căn cứ ends with ";" — the "Theo đề nghị" line closes the block.
        bases=award_bases(data, campaign, today, last=";", organic=organic_branch(data)),
        proposal=f"Theo đề nghị của {data['proposed_by'].rstrip('.')}.",
        articles=articles,
        groups=groups,
        attachment=printed_line(
            f"({citation.replace('Quyết định số', 'Kèm theo Quyết định số', 1)})", base),
        list_title="DANH SÁCH",
        list_summary=printed_title(f"Tập thể, cá nhân được tặng {forms}", base),
        prize_total=f"Tổng số tiền thưởng: {vn.amount_line(total)}." if total else "",
    )
    doc["recipient_lines"] = [f"- Như Điều {len(articles)};", *doc["recipient_lines"]]
    return {**data, "doc": doc}


DECISION = DocumentKind(
    name="decision",
    label="Quyết định khen thưởng",
    template="decision.docx",
    build_context=lambda s, today: decision_context(s.data, s.campaign, today, s.sort),
    rules=kind_check(check_decision),
    campaign_field="campaign",
    folder="decisions",
)
