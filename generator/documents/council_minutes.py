"""The cycle file (``cycle.json``): the meeting of the Hội đồng Thi đua - Khen thưởng, its
attendance and its tally, and the Biên bản that records them (Mẫu 1.9 of Phụ lục III, Nghị
định 30/2020/NĐ-CP: time, place, attendance, chair and secretary, course of the meeting, end,
copies, the secretary's and the chair's signatures).

Each nominee's result is the tally against the threshold of the law in force on the meeting's
date (:mod:`generator.vn.council`), printed with the article it rests on. What passes is then
routed by authority (:func:`route`): the agency's own decision, or a Tờ trình upward.

The nominees' positions and units come from the units' nominations, which
:mod:`generator.cycle` joins in as ``data["nominated"]``; rendered alone, the Biên bản shows the
tally's names only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue
from generator.vn import authority as auth
from generator.vn import council
from generator.vn import formats as vn

from .awards import movement_phrase
from .common import header_context, parse_date
from .kind import DocumentKind, Source, check_dates


def council_issuer(data: dict[str, Any], campaign: dict[str, Any]) -> dict[str, Any]:
    """The council issues its Biên bản under the agency (an advisory body keeps its own number
    series, Nghị định 30/2020 Điều 15): "VĂN PHÒNG CHÍNH PHỦ" / "HỘI ĐỒNG THI ĐUA - KHEN
    THƯỞNG", the agency's name dropped from the council's where it ends it."""
    agency = campaign["issuer"]
    name = data["council"]["name"]
    if vn.fold(name).endswith(" " + vn.fold(agency["name"])):
        name = name[: len(name) - len(agency["name"])].rstrip()
    parent = {key: agency[key] for key in ("name", "short_name") if key in agency}
    return {"name": name, "abbreviation": data["council"]["abbreviation"],
            "place": agency["place"], "parent": parent}


def agency_level(campaign: dict[str, Any]) -> str:
    issuer = campaign["issuer"]
    return issuer.get("level") or auth.issuer_level(issuer["name"])


def route(form: str, level: str, day: date) -> str | None:
    """Where an approved *form* goes from an agency of *level*: None when the agency decides
    it; else the tier its Tờ trình is addressed to (a Huân chương, a Huy chương or a danh hiệu
    vinh dự nhà nước goes to the Thủ tướng, who submits it to the Chủ tịch nước: Luật Thi đua,
    khen thưởng 2022, Điều 77)."""
    rule = auth.form_rule(form)
    if rule is None or auth.may_decide(level, rule, day):
        return None
    if rule.level == "chủ tịch nước" and level in ("bộ", "tỉnh"):
        return "thủ tướng"
    return rule.level


def members_count(data: dict[str, Any]) -> tuple[int, int]:
    """(all members, members present)."""
    members = data["council"]["members"]
    return len(members), sum(1 for m in members if m["present"])


def council_rules(data: dict[str, Any]) -> tuple[council.Threshold, ...]:
    """The council's own thresholds (its quy chế), for the forms the law leaves to it."""
    return tuple(council.council_rule(r["forms"], r["percent"], r["of"], r["source"],
                                      r.get("strict", False))
                 for r in data["council"].get("rules", []))


def meeting_day(data: dict[str, Any]) -> date:
    return parse_date(data["meeting"]["document"]["date"]) or date.today()


def verdicts(data: dict[str, Any]) -> list[list[tuple[dict[str, Any], council.Verdict]]]:
    """Per tally form, each result with its verdict."""
    members, present = members_count(data)
    day, rules = meeting_day(data), council_rules(data)
    return [[(r, council.verdict(vote["form"], r["for"], members, present, day, rules))
             for r in vote["results"]] for vote in data["tally"]]


def check_cycle(source: Source) -> list[Issue]:
    """Rules of the cycle file alone: members once each, chair and secretary known, quorum,
    counts that add up, forms known, each nominee once per form."""
    data, file = source.data, source.file
    issues = check_dates(data["meeting"], file)
    names: dict[str, int] = {}
    for index, member in enumerate(data["council"]["members"]):
        key = vn.same_name_key(member["name"])
        if key in names:
            issues.append(Issue(file, json_path(("council", "members", index, "name")),
                                f"«{member['name']}» đã có ở $.council.members[{names[key]}]"))
        names.setdefault(key, index)
    members = data["council"]["members"]
    chair = next((m for m in members if vn.same_name_key(m["name"]) ==
                  vn.same_name_key(data["council"]["chair"])), None)
    if chair is None or not chair["present"]:
        issues.append(Issue(file, "$.council.chair", f"người chủ trì «{data['council']['chair']}»"
                                                     " phải là thành viên Hội đồng có mặt"))
    total, present = members_count(data)
    if not council.quorum_met(present, total):
        issues.append(Issue(file, "$.council.members",
                            f"chỉ {present}/{total} thành viên có mặt, chưa đủ hai phần ba: cuộc "
                            "họp không đủ điều kiện biểu quyết (Nghị định 152/2025/NĐ-CP, Điều "
                            "45; quy chế hoạt động của Hội đồng)"))
    for index, vote in enumerate(data["tally"]):
        issues += _vote_issues(vote, index, present, total, file)
    return issues


def _vote_issues(vote: dict[str, Any], index: int, present: int, total: int,
                 file: str) -> list[Issue]:
    issues = []
    if auth.form_rule(vote["form"]) is None:
        issues.append(Issue(file, json_path(("tally", index, "form")),
                            f"không nhận ra hình thức «{vote['form']}»"))
    ballots = vote.get("ballots", present)
    seen: dict[tuple[str, str], int] = {}
    for position, result in enumerate(vote["results"]):
        where = ("tally", index, "results", position)
        problem = council.tally_problem(result["for"], result["against"], result["valid"],
                                        ballots)
        if problem:
            issues.append(Issue(file, json_path(where), problem))
        key = (vn.same_name_key(result["name"]), result.get("unit", ""))
        if key in seen:
            issues.append(Issue(file, json_path((*where, "name")),
                                f"«{result['name']}» đã có kết quả ở $.tally[{index}].results"
                                f"[{seen[key]}]"))
        seen.setdefault(key, position)
    if ballots > total:
        # Absent members may vote in writing (Nghị định 91/2017, Điều 45 khoản 8): at most
        # one ballot per member.
        issues.append(Issue(file, json_path(("tally", index, "ballots")),
                            f"số phiếu ({ballots}) lớn hơn tổng số thành viên Hội đồng "
                            f"({total})"))
    return issues


def _time(text: str) -> str:
    hours, minutes = text.split(":")
    return f"{int(hours)} giờ {minutes}"


def _row_name(result: dict[str, Any], nominated: dict[tuple[str, str], dict[str, Any]],
              form: str) -> str:
    found = nominated.get((vn.same_name_key(form), vn.same_name_key(result["name"])))
    if found and found.get("detail"):
        return f"{result['name']} ({found['detail']})"
    return str(result["name"])


def _ballots_line(ballots: int, present: int) -> str:
    """The ballots counted: the members present, plus absent members' written opinions
    (Nghị định 91/2017, Điều 45 khoản 8)."""
    if ballots <= present:
        return f"Số phiếu phát ra: {ballots}."
    return (f"Số phiếu: {ballots} ({present} phiếu của thành viên dự họp và {ballots - present} "
            "ý kiến bằng văn bản của thành viên vắng mặt).")


def _form_block(index: int, vote: dict[str, Any], judged: list[tuple[dict[str, Any],
                council.Verdict]], present: int,
                nominated: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    row = judged[0][1].threshold
    return {
        "heading": f"{vn.point_label(index)} {vote['form']}",
        "lines": [(f"{_ballots_line(vote.get('ballots', present), present)} Tỷ lệ phiếu đồng ý "
                  f"cần đạt: {row.phrase()} ({row.source}).")],
        "rows": [{"name": _row_name(r, nominated, vote["form"]), "valid": r["valid"],
                  "votes_for": r["for"], "against": r["against"],
                  "percent": f"{council.percent_text(v.percent)}%",
                  "result": "Đạt" if v.passed else "Không đạt"} for r, v in judged],
    }


def _conclusions(data: dict[str, Any], campaign: dict[str, Any],
                 judged: list[list[tuple[dict[str, Any], council.Verdict]]],
                 subjects: dict[tuple[str, str], str]) -> list[str]:
    lines = []
    level, day = agency_level(campaign), meeting_day(data)
    targets = {p["to"]["level"]: p["to"]["title"] for p in data.get("proposals", [])}
    for vote, results in zip(data["tally"], judged, strict=True):
        passed = [r for r, v in results if v.passed]
        if not passed:
            lines.append(f"{vote['form']}: không có tập thể, cá nhân nào đạt tỷ lệ phiếu đồng ý "
                         "cần thiết.")
            continue
        kinds = [subjects.get((vn.same_name_key(vote["form"]), vn.same_name_key(r["name"])),
                              "cá nhân") for r in passed]
        counts = vn.count_phrase(kinds.count("tập thể"), kinds.count("cá nhân"))
        target = route(vote["form"], level, day)
        if target is None:
            lines.append(f"Đề nghị {data['decision']['authority']['title']} tặng {vote['form']} "
                         f"cho {counts}.")
        else:
            title = targets.get(target, auth.LEVEL_NAMES[target])
            lines.append(f"Đề nghị {data['decision']['authority']['title']} trình {title} "
                         f"xét tặng {vote['form']} cho {counts}.")
    return lines


def minutes_context(source: Source, today: date) -> dict[str, Any]:
    """Context of the Biên bản họp Hội đồng (templates/council_minutes.docx)."""
    data, campaign = source.data, source.campaign or {}
    meeting = data["meeting"]
    issuer = council_issuer(data, campaign)
    chair = data["council"]["chair"]
    members = data["council"]["members"]
    role = {vn.same_name_key(m["name"]): m["position"] for m in members}
    chair_role = _chair_role(role.get(vn.same_name_key(chair), ""))
    base = {"issuer": issuer, "document": meeting["document"], "recipients":
            meeting["recipients"], "archive": meeting["archive"],
            "signer": {"title": SIGNER_TITLES[chair_role], "name": chair, "collective": False}}
    doc = header_context(base, "Biên bản")
    total, present = members_count(data)
    nominated = {(vn.same_name_key(n["form"]), vn.same_name_key(n["name"])): n
                 for n in data.get("nominated", [])}
    subjects = {key: n["subject"] for key, n in nominated.items()}
    judged = verdicts(data)
    day = parse_date(meeting["document"]["date"])
    when = vn.date_words(day) if day else "ngày … tháng … năm …"
    units = list(dict.fromkeys(n["unit"] for n in data.get("nominated", [])))
    absent = [m for m in members if not m["present"]]
    secretary = data["council"]["secretary"]
    doc.update(
        title=(f"Họp {data['council']['name']} xét khen thưởng"
               f"{movement_phrase(campaign, data['kind']) if campaign else ''}"),
        opening=[f"Thời gian bắt đầu: {_time(meeting['start'])}, {when}.",
                 f"Địa điểm: {meeting['place']}."],
        attendance=f"Thành phần tham dự: {present}/{total} thành viên Hội đồng có mặt:",
        present=_listed([f"{m['name']}, {m['position']}" for m in members if m["present"]]),
        absent_line=f"Vắng mặt: {len(absent)} thành viên:",
        absent=_listed([f"{m['name']}, {m['position']}"
                        + (f" ({m['reason']})" if m.get("reason") else "") for m in absent]),
        roles=[f"Chủ trì: {chair}, {role.get(vn.same_name_key(chair), '')}.".replace(", .", "."),
               f"Thư ký (người ghi biên bản): {secretary}"
               + (f", {role[vn.same_name_key(secretary)]}." if vn.same_name_key(secretary)
                  in role else ".")],
        course=[(f"1. Thường trực Hội đồng báo cáo tổng hợp đề nghị khen thưởng của "
                f"{len(units) or 'các'} đơn vị"
                f"{' (' + ', '.join(units) + ')' if units else ''}."),
                ("2. Hội đồng thảo luận, bỏ phiếu kín từng hình thức khen thưởng; tỷ lệ phiếu "
                "đồng ý tính trên tổng số thành viên Hội đồng.")],
        tally_lead="3. Kết quả kiểm phiếu:",
        forms=[_form_block(i, vote, results, present, nominated)
               for i, (vote, results) in enumerate(zip(data["tally"], judged, strict=True))],
        conclusions=_conclusions(data, campaign, judged, subjects),
        closing=(f"Cuộc họp kết thúc vào {_time(meeting['end'])} cùng ngày, nội dung thảo luận "
                 "tại cuộc họp đã được các thành viên dự họp thông qua và cùng ký vào biên bản. "
                 f"Biên bản được lập thành {meeting['copies']:02d} bản./."),
        signer_lines=["TM. HỘI ĐỒNG", chair_role],
        signer_name=chair,
        left_lines=["THƯ KÝ", ""],
        left_name=secretary,
    )
    return {**data, "doc": doc}


# How the register names the chair's role (the document prints it in capitals).
SIGNER_TITLES = {"CHỦ TỊCH": "Chủ tịch Hội đồng", "PHÓ CHỦ TỊCH": "Phó Chủ tịch Hội đồng",
                 "CHỦ TỌA": "Chủ tọa"}


def _chair_role(position: str) -> str:
    """The chair signs for the council (Nghị định 30/2020, Điều 13: a collective body's
    documents are signed "TM." it), under his role in it; Mẫu 1.9's "CHỦ TỌA" when the chair
    holds no office in the council."""
    text = vn.fold(position)
    if "phó chủ tịch hội đồng" in text:
        return "PHÓ CHỦ TỊCH"
    if "chủ tịch hội đồng" in text:
        return "CHỦ TỊCH"
    return "CHỦ TỌA"


def _listed(items: list[str]) -> list[str]:
    """'- a;' … '- z.' lines."""
    return [f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


CYCLE = DocumentKind(
    name="cycle",
    label="Biên bản họp Hội đồng Thi đua - Khen thưởng",
    template="council_minutes.docx",
    build_context=minutes_context,
    rules=check_cycle,
    campaign_field="campaign",
    file_names=("cycle.json",),
)
