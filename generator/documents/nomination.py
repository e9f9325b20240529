"""A unit's nominations for one cycle (đề nghị khen thưởng, ``nominations/<MÃ>.json``) and the
báo cáo thành tích of each collective and individual they name, in the form the decree in
force on the nomination's date prescribes (:mod:`generator.vn.report_forms`).

A nomination file holds many nominees; each gets a report of its own. :func:`report_context`
builds the context of one of them; the kind's own ``build_context`` is the first nominee's
(the cycle, :mod:`generator.cycle`, renders every one).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue
from generator.vn import authority as auth
from generator.vn import formats as vn
from generator.vn.report_forms import report_form

from .common import check_signer, header_context, parse_date
from .kind import DocumentKind, Source
from .unit_plan import find_unit, unit_issuer

# The head's confirmation beside an individual's signature (the forms' "THỦ TRƯỞNG ĐƠN VỊ XÁC
# NHẬN, ĐỀ NGHỊ"), on two lines so that it fits its half of the page.
CONFIRMATION = ("THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ")
# Fields an individual's report needs (the forms' "I. Sơ lược lý lịch"), with their labels.
PERSON_FIELDS = (("gender", "Giới tính"), ("position", "Chức vụ"), ("birth_date", "Ngày sinh"))


def nominee_unit(nominee: dict[str, Any], unit: dict[str, Any], agency: dict[str, Any]) -> str:
    """Where the nominee works, as the decision's list prints it: the nominee's own ``unit``,
    else "<unit>, <agency>" for a person and the unit for a collective."""
    if nominee.get("unit"):
        return str(nominee["unit"])
    if nominee["subject"] == "cá nhân":
        return f"{unit['name']}, {agency['name']}"
    return str(unit["name"])


def check_nomination(source: Source) -> list[Issue]:
    """The unit exists in the campaign; forms are known and fit the subject; a person has the
    fields the report prints; nobody twice for one form; a form exists for the date."""
    data, file, campaign = source.data, source.file, source.campaign or {}
    issues: list[Issue] = []
    unit = find_unit(campaign, data["unit"]) if campaign else None
    if campaign and unit is None:
        known = ", ".join(u["code"] for u in campaign.get("units", []))
        issues.append(Issue(file, "$.unit", f"mã đơn vị «{data['unit']}» không có trong "
                                            f"{source.campaign_path} ($.units: {known})"))
    day = parse_date(data["date"])
    if day is not None and report_form("tập thể", day) is None:
        issues.append(Issue(file, "$.date", f"ngày {data['date']} trước khi Nghị định "
                                             "91/2017/NĐ-CP có hiệu lực: không có mẫu báo cáo "
                                             "thành tích"))
    issues += check_signer(data["signer"], {"name": unit["name"] if unit else ""}, file)
    seen: dict[tuple[str, str], int] = {}
    for index, nominee in enumerate(data["nominees"]):
        issues += _nominee_issues(nominee, index, file)
        key = (vn.same_name_key(nominee["form"]), vn.same_name_key(nominee["name"]))
        if key in seen:
            issues.append(Issue(file, json_path(("nominees", index, "name")),
                                f"«{nominee['name']}» đã được đề nghị «{nominee['form']}» ở "
                                f"$.nominees[{seen[key]}]"))
        seen.setdefault(key, index)
    return issues


def _nominee_issues(nominee: dict[str, Any], index: int, file: str) -> list[Issue]:
    issues = []
    rule = auth.form_rule(nominee["form"])
    where = ("nominees", index)
    if rule is None:
        issues.append(Issue(file, json_path((*where, "form")),
                            f"không nhận ra hình thức «{nominee['form']}»; tên hình thức phải "
                            f"bắt đầu như một trong: {'; '.join(auth.KNOWN_FORMS)}"))
    elif nominee["subject"] not in rule.subjects:
        issues.append(Issue(file, json_path((*where, "subject")),
                            f"hình thức «{nominee['form']}» không tặng cho {nominee['subject']}"))
    if nominee["subject"] == "cá nhân":
        issues += [Issue(file, json_path(where), f"cá nhân cần «{label}» ({field}) để lập báo "
                                                 "cáo thành tích và danh sách")
                   for field, label in PERSON_FIELDS if not nominee.get(field)]
    return issues


def _records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: r["year"])


def _person_lines(nominee: dict[str, Any], unit_text: str) -> list[str]:
    born = parse_date(nominee["birth_date"])
    lines = [f"- Họ tên: {nominee['name']}",
             f"- Sinh ngày, tháng, năm: {born:%d/%m/%Y}" if born else "",
             f"- Giới tính: {vn.upper_vi(nominee['gender'][:1])}{nominee['gender'][1:]}",
             f"- Quê quán: {nominee.get('hometown', '')}",
             f"- Trú quán: {nominee.get('residence', '')}",
             f"- Đơn vị công tác: {unit_text}",
             f"- Chức vụ (Đảng, chính quyền, đoàn thể): {nominee['position']}",
             f"- Trình độ chuyên môn, nghiệp vụ: {nominee.get('qualification', '')}",
             f"- Học hàm, học vị, danh hiệu, giải thưởng: {nominee.get('honours', '')}"]
    # A line the data leaves empty is left out rather than printed as a blank to fill.
    return [line for line in lines if line and not line.endswith(": ")]


def _sections(nominee: dict[str, Any], unit_text: str) -> list[dict[str, Any]]:
    """Sections I and II of the forms (III, the awards already received, is two tables)."""
    report = nominee["report"]
    measures = report.get("measures", [])
    if nominee["subject"] == "tập thể":
        situation = ([f"Trụ sở: {nominee['address']}."] if nominee.get("address") else [])
        first = {"heading": "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", "parts": [
            {"label": "1. Đặc điểm, tình hình", "paragraphs": situation + report.get("summary", [])
             or [f"{nominee['name']} thuộc {unit_text}."]},
            {"label": "2. Chức năng, nhiệm vụ", "paragraphs": report.get("duties", [])
             or ["Theo quy định về chức năng, nhiệm vụ của đơn vị."]}]}
        results = [{"label": "1. Kết quả đạt được", "paragraphs": report["achievements"]}]
        if measures:
            results.append({"label": "2. Các biện pháp, giải pháp công tác",
                            "paragraphs": measures})
    else:
        first = {"heading": "I. SƠ LƯỢC LÝ LỊCH",
                 "parts": [{"label": "", "paragraphs": _person_lines(nominee, unit_text)}]}
        results = [{"label": "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận",
                    "paragraphs": report.get("duties", [])
                    or [f"{nominee['position']}, {unit_text}."]},
                   {"label": "2. Thành tích đạt được của cá nhân",
                    "paragraphs": [*report["achievements"], *measures]}]
    return [first, {"heading": "II. THÀNH TÍCH ĐẠT ĐƯỢC", "parts": results}]


def padded(lines: list[str], count: int) -> list[str]:
    """*lines* with empty lines after them up to *count*: two signatures side by side keep
    their names on one level."""
    return [*lines, *[""] * (count - len(lines))]


def report_context(source: Source, index: int, today: date) -> dict[str, Any]:
    """Context of the báo cáo thành tích of nominee *index* (templates/achievement_report.docx).

    The report is the unit's (its header and the nomination's date; no number, as the forms);
    a collective's is signed by the head of the unit, an individual's by the person, with the
    head's confirmation beside it (the forms' two signatures)."""
    data, campaign = source.data, source.campaign or {}
    nominee = data["nominees"][index]
    unit = find_unit(campaign, data["unit"]) or {"name": data["unit"], "abbreviation": data["unit"]}
    issuer = unit_issuer(campaign, unit)
    day = parse_date(data["date"]) or today
    form = report_form(nominee["subject"], day)
    base = {"issuer": issuer, "document": {"number": None, "date": data["date"]},
            "signer": data["signer"], "archive": {"units": [unit["abbreviation"]]},
            "recipients": [f"Hội đồng Thi đua - Khen thưởng {campaign['issuer']['name']}"
                           if campaign else "Hội đồng Thi đua - Khen thưởng"]}
    doc = header_context(base, "Báo cáo")
    unit_text = nominee_unit(nominee, unit, campaign.get("issuer", {"name": ""}))
    individual = nominee["subject"] == "cá nhân"
    head = [*doc["signer_lines"]]
    # The forms (Nghị định 91/2017 Mẫu 01/02, 98/2023 Phụ lục I Mẫu 02/03, as reproduced e.g.
    # by hoatieu.vn "mau-bao-cao-thanh-tich-de-nghi-khen-tang-tap-the") print the unit, the
    # Quốc hiệu and "…, ngày … tháng … năm …", but no "Số:": a báo cáo thành tích is a part of
    # the dossier, not a numbered document, so it is dated by the unit and is no draft.
    doc.update(number_line="", draft=False)
    doc.update(
        file_stem=f"Báo cáo thành tích - {nominee['name']} ({data['unit']})",
        form_label=form.label() if form else None,
        title=f"Đề nghị tặng {nominee['form']}",
        subject_line="" if individual else f"Tên tập thể đề nghị: {nominee['name']}",
        sections=_sections(nominee, unit_text),
        titles=_records(nominee["report"].get("titles", [])),
        awards=_records(nominee["report"].get("awards", [])),
        closing=(f"Trên đây là báo cáo thành tích đề nghị tặng {nominee['form']} của "
                 f"{nominee['name']}./."),
        signer_lines=(padded(["NGƯỜI BÁO CÁO THÀNH TÍCH"], len(CONFIRMATION) + len(head))
                      if individual else head),
        signer_name=nominee["name"] if individual else data["signer"]["name"],
        left_lines=[*CONFIRMATION, *head] if individual else [],
        left_name=data["signer"]["name"] if individual else "",
    )
    return {**data, "doc": doc}


NOMINATION = DocumentKind(
    name="nomination",
    label="Báo cáo thành tích",
    template="achievement_report.docx",
    build_context=lambda s, today: report_context(s, 0, today),
    rules=check_nomination,
    campaign_field="campaign",
    folder="nominations",
)
