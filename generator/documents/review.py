"""The agency's báo cáo sơ kết / tổng kết of a movement (a Báo cáo: văn bản có tên loại, Mẫu
1.4 of Phụ lục III, Nghị định 30/2020/NĐ-CP, which names the báo cáo among the types it serves;
ký hiệu BC, Phụ lục III, Mục I — as read in the decree's text, the team's domain notes § 1.4
and § 1.6, source S4; no căn cứ block: Mẫu 1.4 has none of its own), built from the
plan (``campaign.json``), the units' reports (``unit-reports/*.json``, schema
``unit-report``) and the decisions it names (``decisions/*.json``).

What the units did is printed per content of the plan, attributed to each unit; every figure
of commendation is counted from the decisions' lists by :mod:`.figures` (never typed). The
context carries the tables as text for the template, and the charts as plain data
(``doc["charts"]``) for :mod:`generator.render.charts`, taken from the same tables.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.data.lists import attach_lists
from generator.data.loader import json_path, load_json
from generator.data.schema import schema_issues
from generator.errors import DataError, Issue, ValidationFailed
from generator.vn import formats as vn

from . import figures as fig
from .awards import issuer_of
from .common import check_signer, header_context, plan_citation, require_date
from .kind import DocumentKind, Source, check_dates

UNIT_REPORTS = "unit-reports"       # the campaign sub-folder of the units' reports

# The award history of the register a build was given (generator.store.history rows, as plain
# mappings: year, number, symbol, date, form, kind, name, unit), or None without a register.
# Set by the pipeline around rendering (:func:`recorded_awards`): a kind does not open the
# register itself.
_HISTORY: ContextVar[tuple[Mapping[str, Any], ...] | None] = ContextVar("history", default=None)


@contextmanager
def recorded_awards(rows: Sequence[Mapping[str, Any]] | None) -> Iterator[None]:
    """Within the block, reports with ``"history": true`` also count the decisions the
    register's award history holds for their period."""
    token = _HISTORY.set(tuple(rows) if rows is not None else None)
    try:
        yield
    finally:
        _HISTORY.reset(token)
_ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")


@dataclass
class Inputs:
    """What a report is built from, loaded and checked: the units' reports (unit name,
    report) in the campaign's order of units, the decisions' recipients, and every issue."""

    reports: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)       # "120/QĐ-VPCP", as listed
    from_history: list[str] = field(default_factory=list)    # those only the register holds
    recipients: list[fig.Recipient] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def _load(path: Path, schema: str) -> tuple[dict[str, Any] | None, list[Issue]]:
    """A data file read strictly, its Excel lists attached, checked against *schema*."""
    try:
        data = load_json(path)
        if not isinstance(data, dict):
            return None, [Issue(str(path), "$", "tệp dữ liệu phải là một đối tượng JSON { … }")]
        data = attach_lists(path, data, schema)
    except DataError as err:
        return None, [Issue(err.file, f"dòng {err.line}" if getattr(err, "line", None) else "$",
                            str(err).split(": ", 1)[-1])]
    except ValidationFailed as err:
        return None, list(err.issues)
    issues = schema_issues(data, schema, str(path))
    return (None if issues else data), issues


def ordinal(number: int) -> str:
    """'thứ nhất', 'thứ hai', … 'thứ tư' (not 'thứ bốn'), then 'thứ 11'."""
    return f"thứ {_ORDINALS[number - 1] if number <= len(_ORDINALS) else number}"


def unit_report_issues(data: dict[str, Any], file: str, campaign: Mapping[str, Any],
                       unit_plan: Mapping[str, Any] | None) -> list[Issue]:
    """A unit's report names a unit of the campaign, contents the plan has, and targets its
    own plan has."""
    codes = [u["code"] for u in campaign["units"]]
    issues = []
    if data["unit"] not in codes:
        issues.append(Issue(file, "$.unit", f"mã đơn vị «{data['unit']}» không có trong danh "
                                            "sách $.units của campaign.json"))
    count = len(campaign["contents"])
    for name in ("contents", "figures"):
        for index, item in enumerate(data.get(name, [])):
            if item["content"] > count:
                issues.append(Issue(file, json_path((name, index, "content")),
                                    f"nội dung thi đua số {item['content']} không có: Kế hoạch "
                                    f"của cơ quan có {count} nội dung (1 đến {count})"))
    # A unit unknown, or without a plan file of its own (it works from the agency's draft):
    # there are no targets to cite, and saying so again per figure would only be noise.
    targets = (unit_plan or {}).get("targets", [])
    known = unit_plan is not None and data["unit"] in codes
    cited = data.get("figures", []) if known else []
    for index, item in enumerate(cited):
        wanted = item.get("plan_target")
        if wanted is not None and wanted > len(targets):
            issues.append(Issue(file, json_path(("figures", index, "plan_target")),
                                f"chỉ tiêu số {wanted} không có trong Kế hoạch của đơn vị "
                                f"(units/{data['unit']}.json có {len(targets)} chỉ tiêu)"))
    for index, award in enumerate(data.get("awards", [])):
        for part in ("women", "direct_workers"):
            if award.get(part, 0) > award["individuals"]:
                issues.append(Issue(file, json_path(("awards", index, part)),
                                    f"{award[part]} lớn hơn số cá nhân ({award['individuals']})"))
    return issues


def _unit_plan(campaign_path: Path, code: str) -> dict[str, Any] | None:
    """The unit's own plan (units/<CODE>.json), whose targets a report's figures may cite;
    None when there is none or it cannot be read (its own checks report that)."""
    path = campaign_path.parent / "units" / f"{code}.json"
    try:
        data = load_json(path) if path.is_file() else None
    except DataError:
        return None
    return data if isinstance(data, dict) else None


def check_unit_report(source: Source) -> list[Issue]:
    """`thidua validate unit-reports/X.json`: the report against its campaign and unit plan."""
    if source.campaign is None or source.campaign_path is None:
        return []
    return unit_report_issues(source.data, source.file, source.campaign,
                              _unit_plan(source.campaign_path, source.data["unit"]))


def _not_a_document(source: Source, _today: date) -> dict[str, Any]:
    raise DataError(source.file, "báo cáo của đơn vị là dữ liệu để tổng hợp vào Báo cáo sơ kết, "
                                 "tổng kết của cơ quan (reports/*.json), không in thành văn bản "
                                 "riêng")


def _unit_reports(source: Source, inputs: Inputs) -> None:
    campaign, data = source.campaign or {}, source.data
    folder = (source.campaign_path or source.path).parent / UNIT_REPORTS
    names = {u["code"]: u["name"] for u in campaign["units"]}
    order = list(names)
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        report, issues = _load(path, "unit-report")
        inputs.issues += issues
        if report is None or report["stage"] != data["stage"] or (
                report.get("phase") != data.get("phase")):
            continue
        own = unit_report_issues(report, str(path), campaign,
                                 _unit_plan(source.campaign_path or source.path, report["unit"]))
        if report["unit"] in found:
            own.append(Issue(str(path), "$.unit", f"đơn vị «{report['unit']}» đã có báo cáo "
                                                  f"{data['stage']} khác: {found[report['unit']][0]}"))
        inputs.issues += own
        if not own:
            found[report["unit"]] = (str(path), report)
    inputs.reports = [(names[code], found[code][1]) for code in order if code in found]


def _decisions(source: Source, inputs: Inputs) -> None:
    data, campaign = source.data, source.campaign or {}
    start, end = data["period"]["start"], data["period"]["end"]
    for index, relative in enumerate(data["decisions"]):
        # Named as the campaign's own list names it ("x/decisions/y.json", not "x/reports/../
        # decisions/y.json"), so an error of a decision is reported once, not twice.
        path = Path(os.path.normpath(source.path.parent / relative))
        where = json_path(("decisions", index))
        if not path.is_file():
            inputs.issues.append(Issue(source.file, where, f"không tìm thấy tệp Quyết định {path}"))
            continue
        decision, issues = _load(path, "decision")
        inputs.issues += issues
        if decision is None:
            continue
        number, day = decision["document"]["number"], decision["document"]["date"]
        if number is None or day is None:
            inputs.issues.append(Issue(source.file, where, f"Quyết định {relative} chưa có số "
                                       "hoặc ngày ban hành: chỉ tính Quyết định đã ban hành"))
            continue
        if not start <= day <= end:
            inputs.issues.append(Issue(source.file, where, f"Quyết định {relative} ngày {day}, "
                                       f"ngoài kỳ báo cáo ({start} đến {end})"))
            continue
        issuer = issuer_of(decision, campaign)
        label = (f"{vn.document_number(number)}/"
                 f"{vn.document_symbol('Quyết định', issuer['abbreviation'])}")
        if label in inputs.decisions:
            inputs.issues.append(Issue(source.file, where, f"Quyết định {label} được kê hai lần"))
            continue
        inputs.decisions.append(label)
        inputs.recipients += fig.recipients_of(decision, label, campaign["units"])


def _history(source: Source, inputs: Inputs) -> None:
    """The decisions of the period that the register's history holds and no listed file is:
    their recipients as the history records them (no gender, no amount: the history keeps
    neither, and the tables say so by counting them apart)."""
    rows = _HISTORY.get()
    if not source.data.get("history") or rows is None:
        return
    start, end = source.data["period"]["start"], source.data["period"]["end"]
    units = (source.campaign or {})["units"]
    for row in rows:
        label = f"{vn.document_number(row['number'])}/{row['symbol']}"
        if not row.get("date") or not start <= row["date"] <= end or label in inputs.decisions:
            continue
        if label not in inputs.from_history:
            inputs.from_history.append(label)
        inputs.recipients.append(fig.Recipient(
            label, row["form"], row["kind"], row["name"],
            fig.unit_of({"name": row["name"], "unit": row["unit"]}, units), None, None))


def gather(source: Source) -> Inputs:
    """Load and check what the report is built from."""
    inputs = Inputs()
    _unit_reports(source, inputs)
    _decisions(source, inputs)
    _history(source, inputs)
    return inputs


def check_report(source: Source) -> list[Issue]:
    """The report's own rules, then every problem of the files it is built from (each named
    by its own file)."""
    data, file = source.data, source.file
    issues = [*check_dates(data, file),
              *check_signer(data["signer"], (source.campaign or {})["issuer"], file)]
    period = data["period"]
    if period["end"] < period["start"]:
        issues.append(Issue(file, "$.period.end", f"ngày {period['end']} trước ngày bắt đầu kỳ "
                                                  f"báo cáo {period['start']}"))
    day = data["document"]["date"]
    if day and day < period["end"]:
        issues.append(Issue(file, "$.document.date", f"ngày báo cáo {day} trước khi kỳ báo cáo "
                                                     f"kết thúc ({period['end']})"))
    phases = (source.campaign or {})["movement"].get("phases", [])
    if data.get("phase") and data["phase"] not in [p["name"] for p in phases]:
        issues.append(Issue(file, "$.phase", f"giai đoạn «{data['phase']}» không có trong "
                                             "$.movement.phases của campaign.json"))
    return issues + gather(source).issues


# -- the context ------------------------------------------------------------------------------

def chart(name: str, title: str, categories: Sequence[str],
          series: Sequence[tuple[str, Sequence[float]]], axis: str,
          reference: float | None = None) -> dict[str, Any]:
    """A chart as plain data: categories down the side, one bar series each (stacked)."""
    return {"name": name, "title": title, "categories": list(categories),
            "series": [{"label": label, "values": list(values)} for label, values in series],
            "axis": axis, "reference": reference}


def report_charts(forms: fig.Table, units: fig.Table, goals: fig.Table,
                  abbreviations: Mapping[str, str]) -> list[dict[str, Any]]:
    """The charts, each read off its table's rows (so a chart cannot show another figure)."""
    # Numbered in the order they appear in the report.
    charts = []
    if goals.rows:
        charts.append(chart("chi-tieu", "Kết quả thực hiện so với chỉ tiêu kế hoạch (%)",
                            [f"{abbreviations.get(str(r[1]), r[1])}: {r[2]}" for r in goals.rows],
                            [("Thực hiện so với kế hoạch (%)", [r[6] for r in goals.rows])],
                            "Tỷ lệ thực hiện so với kế hoạch (%)", reference=100.0))
    if forms.rows:
        charts.append(chart("hinh-thuc", "Số tập thể, cá nhân được khen thưởng theo hình thức",
                            [str(r[1]) for r in forms.rows],
                            [("Tập thể", [r[3] for r in forms.rows]),
                             ("Cá nhân", [r[4] for r in forms.rows])], "Số lượng"))
    if units.rows:
        charts.append(chart("don-vi", "Số tập thể, cá nhân được khen thưởng theo đơn vị",
                            [str(r[1]) for r in units.rows],
                            [("Tập thể", [r[2] for r in units.rows]),
                             ("Cá nhân", [r[3] for r in units.rows])], "Số lượng"))
    for number, item in enumerate(charts, 1):
        item["number"] = number
        item["caption"] = f"Biểu đồ {number}. {item['title']}"
        item["marker"] = f"[[biểu đồ {item['name']}]]"
    return charts


def sheet(table: fig.Table, name: str) -> dict[str, Any]:
    """A table as the figures workbook writes it: plain values, the total row as computed."""
    return {"name": name, "title": table.title, "headers": list(table.headers),
            "rows": [list(row) for row in table.rows],
            "total": list(table.total) if table.total else None}


def _content_sections(campaign: Mapping[str, Any], inputs: Inputs) -> list[dict[str, Any]]:
    sections = []
    for number, text in enumerate(campaign["contents"], 1):
        done = [f"- {unit}: {item['text'].rstrip()}" for unit, report in inputs.reports
                for item in report["contents"] if item["content"] == number]
        table = fig.targets(inputs.reports, number)
        sections.append({
            "heading": f"{number}. Kết quả thực hiện nội dung thi đua {ordinal(number)}",
            "content": f"Nội dung: {text.rstrip()}",
            "done": done or ["Chưa có đơn vị báo cáo kết quả thực hiện nội dung này."],
            "table": fig.printed(table) if table.rows else None,
        })
    return sections


def _models(inputs: Inputs) -> list[str]:
    return [f"- {m.get('kind', 'mô hình').capitalize()} {vn.quoted(m['name'])} ({unit}): "
            f"{m['description'].rstrip()}" for unit, report in inputs.reports
            for m in report.get("models", [])]


def awards_sentence(inputs: Inputs, period: Mapping[str, str], issuer: str) -> str:
    """What the decisions add up to, in one sentence (the tables carry the detail)."""
    start, end = require_date(period["start"]), require_date(period["end"])
    when = f"Từ {vn.date_words(start)} đến {vn.date_words(end)}"
    decisions = [*inputs.decisions, *inputs.from_history]
    if not decisions:
        return f"{when}, {issuer} chưa ban hành Quyết định khen thưởng nào trong phong trào."
    collectives = sum(r.kind == fig.COLLECTIVE for r in inputs.recipients)
    individuals = len(inputs.recipients) - collectives
    money, missing = fig.prize_money(inputs.recipients)
    count = vn.count_phrase(collectives, individuals) or "0 tập thể, cá nhân"
    text = (f"{when}, {issuer} đã ban hành {len(decisions)} Quyết định khen thưởng "
            f"(số {', '.join(decisions)}), khen thưởng {count}")
    if inputs.from_history:
        text += (f" (Quyết định số {', '.join(inputs.from_history)} theo sổ theo dõi khen "
                 "thưởng)")
    text += f"; tổng số tiền thưởng {vn.amount_line(money)}" if money else ""
    if missing:
        text += (f" ({missing} trường hợp Quyết định chưa ghi mức tiền thưởng, chưa tính vào "
                 "tổng số)")
    return text + ". Kết quả cụ thể tại các bảng dưới đây."


def units_sentence(campaign: Mapping[str, Any], inputs: Inputs, stage: str) -> str:
    names = [unit for unit, _ in inputs.reports]
    total = len(campaign["units"])
    if not names:
        return f"Chưa có đơn vị nào gửi báo cáo {stage}."
    return (f"Có {len(names)}/{total} đơn vị gửi báo cáo {stage}: {', '.join(names)}. Kết quả "
            "thực hiện các nội dung thi đua được tổng hợp như sau:")


def report_context(source: Source, today: date) -> dict[str, Any]:
    """Context of the Báo cáo sơ kết / tổng kết (templates/report.docx)."""
    data, campaign = source.data, source.campaign or {}
    inputs = gather(source)
    if inputs.issues:
        raise ValidationFailed(inputs.issues)
    issuer = campaign["issuer"]
    doc = header_context({**data, "issuer": issuer}, "Báo cáo")
    stage = data["stage"]
    movement = campaign["movement"]["name"]
    forms = fig.by_form(inputs.recipients)
    units = fig.by_unit(inputs.recipients, campaign["units"])
    gender = fig.by_gender(inputs.recipients)
    own = fig.unit_awards(inputs.reports)
    goals = fig.targets(inputs.reports)
    abbreviations = {u["name"]: u["abbreviation"] for u in campaign["units"]}
    stage_title = stage.capitalize()
    phase = f" {data['phase']}" if data.get("phase") else ""
    achieved, count = fig.met(goals)
    doc.update(
        title=data.get("title") or f"{stage_title} phong trào thi đua {vn.quoted(movement)}{phase}",
        opening=(f"Thực hiện {plan_citation(campaign)}, {issuer['name']} báo cáo {stage} "
                 f"phong trào thi đua{phase} như sau:"),
        overview=[*data.get("overview", []), units_sentence(campaign, inputs, stage)],
        contents=_content_sections(campaign, inputs),
        goals_line=(f"Tổng hợp: {achieved}/{count} chỉ tiêu thi đua của các đơn vị đạt hoặc "
                    "vượt kế hoạch." if count else ""),
        models=_models(inputs) or ["Các đơn vị chưa báo cáo mô hình, sáng kiến, cách làm hay."],
        awards_sentence=awards_sentence(inputs, data["period"], issuer["name"]),
        tables={t.key: fig.printed(t) for t in (forms, units, gender, own, goals)},
        own_awards=bool(own.rows),
        strengths=data.get("strengths", []),
        limitations=data.get("limitations", []),
        next_steps=data.get("next_steps", []),
        closing=data.get("closing") or (
            f"Trên đây là Báo cáo {stage} phong trào thi đua {vn.quoted(movement)}{phase} của "
            f"{issuer['name']}./."),
        charts=report_charts(forms, units, goals, abbreviations),
        sheets=[sheet(t, name) for t, name in ((goals, "Chỉ tiêu"), (forms, "Theo hình thức"),
                                               (units, "Theo đơn vị"),
                                               (gender, "Theo giới tính"),
                                               (own, "Khen thưởng của đơn vị"))],
    )
    doc["numbered"] = _table_numbers(doc)
    return {**data, "doc": doc}


def _table_numbers(doc: dict[str, Any]) -> dict[str, str]:
    """'Bảng 1.' … in the order the tables appear in the report."""
    keys = [f"targets{i}" for i, s in enumerate(doc["contents"], 1) if s["table"]]
    keys += ["forms", "units", "gender"] + (["unit_awards"] if doc["own_awards"] else [])
    return {key: f"Bảng {number}." for number, key in enumerate(keys, 1)}


def _context(source: Source, today: date) -> dict[str, Any]:
    context = report_context(source, today)
    numbers = context["doc"]["numbered"]
    for section in context["doc"]["contents"]:
        if section["table"]:
            section["table"]["number"] = numbers[section["table"]["key"]]
    for key, table in context["doc"]["tables"].items():
        table["number"] = numbers.get(key, "")
    return context


UNIT_REPORT = DocumentKind(
    name="unit-report",
    label="Báo cáo của đơn vị",
    template="report.docx",         # never rendered: _not_a_document refuses
    build_context=_not_a_document,
    rules=check_unit_report,
    campaign_field="campaign",
    folder=UNIT_REPORTS,
)

REPORT = DocumentKind(
    name="report",
    label="Báo cáo sơ kết, tổng kết phong trào",
    template="report.docx",
    build_context=_context,
    rules=check_report,
    campaign_field="campaign",
    folder="reports",
)
