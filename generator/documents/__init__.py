"""The document kinds thidua knows, each a schema + a template + a context builder + checks.

Adding a kind means adding one :class:`DocumentKind` here (and its schema and template); the
loader, validator, renderer and writer are shared by all of them. A kind whose data points at
another file (a unit plan at its campaign) names it in ``campaign_field``; the pipeline loads it
and cross-file errors then name both files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.data.loader import json_path
from generator.errors import Issue, LegalBasisError, UnknownDocumentKind
from generator.vn import formats as vn
from generator.vn import legal

from . import awards
from . import common as context


@dataclass(frozen=True)
class Source:
    """A validated data file and the campaign it belongs to (for kinds that have one)."""

    path: Path
    data: dict[str, Any]
    campaign: dict[str, Any] | None = None
    campaign_path: Path | None = None
    sort: str = "input"           # order of attached award lists: input, unit or name
    warnings: tuple[Issue, ...] = ()

    @property
    def file(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class DocumentKind:
    """How one kind of document is validated, filled in and named."""

    name: str                     # slug used for the schema, the template and --kind
    label: str                    # what a clerk calls it
    template: str
    build_context: Callable[[Source, date], dict[str, Any]]
    check: Callable[[Source], list[Issue]]
    campaign_field: str | None = None  # the data field holding the campaign's relative path
    file_names: tuple[str, ...] = ()   # data file names recognised without --kind
    folder: str | None = None          # campaign sub-folder whose files are of this kind

    @property
    def schema(self) -> str:
        return self.name


def check_dates(data: dict[str, Any], file: str) -> list[Issue]:
    """The document date must fall under a known legal regime."""
    value = context.parse_date(data["document"]["date"])
    if value is None:
        return []
    try:
        legal.regime_on(value)
    except LegalBasisError as err:
        return [Issue(file, "$.document.date", str(err))]
    return []


def check_plan(source: Source) -> list[Issue]:
    """Rules across fields of a campaign plan that a schema cannot express."""
    data, file = source.data, source.file
    issues = check_dates(data, file)
    movement = data["movement"]
    if movement["end"] < movement["start"]:
        issues.append(Issue(file, "$.movement.end",
                            f"ngày kết thúc {movement['end']} trước ngày bắt đầu "
                            f"{movement['start']}"))
    codes: dict[str, int] = {}
    for index, unit in enumerate(data["units"]):
        if unit["code"] in codes:
            issues.append(Issue(file, json_path(("units", index, "code")),
                                f"mã đơn vị «{unit['code']}» trùng với $.units"
                                f"[{codes[unit['code']]}]"))
        codes.setdefault(unit["code"], index)
    for index, task in enumerate(data["responsibilities"]):
        for position, code in enumerate(task.get("units", [])):
            if code not in codes:
                issues.append(Issue(file, json_path(("responsibilities", index, "units", position)),
                                    f"mã đơn vị «{code}» không có trong danh sách $.units"))
    return issues


def plan_context(source: Source, today: date) -> dict[str, Any]:
    return context.plan_context(source.data, today)


PLAN = DocumentKind(
    name="plan",
    label="Kế hoạch triển khai phong trào thi đua",
    template="plan.docx",
    build_context=plan_context,
    check=check_plan,
    file_names=("campaign.json",),
)


# -- unit plans ------------------------------------------------------------------------------

def _check_registrations(source: Source, offered: dict[str, str]) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(source.data.get("registrations", [])):
        where = ("registrations", index)
        if entry["title"] not in offered:
            names = ", ".join(f"«{t}»" for t in offered) or "(chưa khai danh hiệu nào)"
            issues.append(Issue(source.file, json_path((*where, "title")),
                                f"danh hiệu «{entry['title']}» không có trong phong trào "
                                f"({source.campaign_path}, $.commendation.titles: {names})"))
        key = vn.same_name_key(entry["name"])
        if key in seen:
            issues.append(Issue(source.file, json_path((*where, "name")),
                                f"«{entry['name']}» đã đăng ký ở $.registrations[{seen[key]}]; "
                                "mỗi tập thể, cá nhân chỉ đăng ký một lần"))
        seen.setdefault(key, index)
    return issues


def _check_deadlines(source: Source) -> list[Issue]:
    movement = source.campaign["movement"]  # type: ignore[index]
    start, end = movement["start"], movement["end"]
    issues = []
    for index, activity in enumerate(source.data.get("activities", [])):
        if not start <= activity["deadline"] <= end:
            issues.append(Issue(source.file, json_path(("activities", index, "deadline")),
                                f"thời hạn {activity['deadline']} nằm ngoài thời gian phong trào "
                                f"{start} – {end} ({source.campaign_path}, $.movement)"))
    return issues


def check_unit_plan(source: Source) -> list[Issue]:
    """Cross-file rules of a unit plan against its campaign."""
    data, campaign = source.data, source.campaign
    assert campaign is not None, "resolved before checking"
    issues = check_dates(data, source.file)
    if context.find_unit(campaign, data["unit"]) is None:
        return [*issues, Issue(source.file, "$.unit",
                               f"mã đơn vị «{data['unit']}» không có trong danh sách đơn vị "
                               f"của {source.campaign_path} ($.units)")]
    if source.path.parent.name == "units" and source.path.stem != data["unit"]:
        issues.append(Issue(source.file, "$.unit", f"tệp tên {source.path.name} nhưng mã đơn vị "
                                                   f"là «{data['unit']}»"))
    offered = {t["name"]: t["subject"]
               for t in campaign["commendation"].get("titles", [])}
    issues += _check_registrations(source, offered)
    issues += _check_deadlines(source)
    own, agency = data["document"]["date"], campaign["document"]["date"]
    if own and agency and own < agency:
        issues.append(Issue(source.file, "$.document.date",
                            f"ngày {own} trước ngày Kế hoạch của cơ quan {agency} "
                            f"({source.campaign_path}, $.document.date)"))
    return issues


def unit_plan_context(source: Source, today: date) -> dict[str, Any]:
    assert source.campaign is not None
    return context.unit_plan_context(source.data, source.campaign, today)


UNIT_PLAN = DocumentKind(
    name="unit-plan",
    label="Kế hoạch của đơn vị",
    template="unit_plan.docx",
    build_context=unit_plan_context,
    check=check_unit_plan,
    campaign_field="campaign",
    folder="units",
)

# -- commendation decisions and proposals -------------------------------------------------

def _award_checks(check: Callable[..., list[Issue]]) -> Callable[[Source], list[Issue]]:
    """A kind's check: the date's legal regime, then the award rules of *check*."""
    def run(source: Source) -> list[Issue]:
        return [*check_dates(source.data, source.file),
                *check(source.data, source.campaign, source.file, source.campaign_path)]
    return run


check_decision = _award_checks(awards.check_decision)
check_proposal = _award_checks(awards.check_proposal)


DECISION = DocumentKind(
    name="decision",
    label="Quyết định khen thưởng",
    template="decision.docx",
    build_context=lambda s, today: awards.decision_context(s.data, s.campaign, today, s.sort),
    check=check_decision,
    campaign_field="campaign",
    folder="decisions",
)

PROPOSAL = DocumentKind(
    name="proposal",
    label="Tờ trình đề nghị khen thưởng",
    template="proposal.docx",
    build_context=lambda s, today: awards.proposal_context(s.data, s.campaign, today, s.sort),
    check=check_proposal,
    campaign_field="campaign",
    folder="proposals",
)

KINDS: dict[str, DocumentKind] = {kind.name: kind
                                  for kind in (PLAN, UNIT_PLAN, DECISION, PROPOSAL)}


def kind_named(name: str) -> DocumentKind:
    try:
        return KINDS[name]
    except KeyError:
        known = ", ".join(KINDS)
        raise UnknownDocumentKind(f"Không có loại văn bản «{name}». Các loại có: {known}.") from None


def detect_kind(path: Path, data: Any) -> DocumentKind | None:
    """The kind named by the data's "$schema", else by its file or folder name."""
    if isinstance(data, dict) and isinstance(data.get("$schema"), str):
        tail = data["$schema"].rsplit("/", 1)[-1]
        for kind in KINDS.values():
            if tail == f"{kind.schema}.schema.json":
                return kind
    for kind in KINDS.values():
        if path.name in kind.file_names or (kind.folder and path.parent.name == kind.folder):
            return kind
    return None
