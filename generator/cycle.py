"""The commendation cycle, from the units' nominations to the decision (shared/domain §2.6).

A cycle is a folder::

    cycle.json              the council's meeting, attendance and tally (schema "cycle"),
                            and the fixed parts of the decision and of each Tờ trình
    nominations/<MÃ>.json   one unit's nominations, with each nominee's báo cáo thành tích
    decisions/, proposals/  (optional) the Quyết định and Tờ trình as data, written by
                            `thidua cycle results` and edited by hand before the build

The path of data: load and cross-check (every nominee has one result, every result a nominee)
→ judge each result against the threshold of the law in force (:mod:`generator.vn.council`) →
route what passes by authority (:func:`generator.documents.council_minutes.route`): the agency
decides what its tier may, the rest goes upward in one Tờ trình per addressee → the decision and
proposals as plain data for the existing kinds → render every document (reports, ballots, Biên
bản, Quyết định, Tờ trình, certificates) and publish them in one transaction.

The decision's list is the clerk's: per form in the order the council voted, collectives then
individuals, units in the campaign's order and each unit's nominees as it listed them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from os.path import relpath
from pathlib import Path
from typing import Any

from generator.build import load_source
from generator.data.loader import json_path
from generator.documents import DECISION, PROPOSAL, DocumentKind, Source
from generator.documents.council_minutes import CYCLE, members_count, route, verdicts
from generator.documents.nomination import NOMINATION, nominee_unit
from generator.documents.unit_plan import find_unit
from generator.errors import DataError, Issue, ThiduaError, ValidationFailed
from generator.render.output import check_writable, write_atomic
from generator.report import issues_of, merged
from generator.vn import authority as auth
from generator.vn import council, eligibility
from generator.vn import formats as vn

CYCLE_FILE = "cycle.json"
NOMINATIONS = "nominations"
SCHEMA_URL = "https://thidua.github.io/schemas/{}.schema.json"
DEFAULT_DECISION_FILE = "khen-thuong.json"
LEVEL_SLUGS = {"thủ tướng": "thu-tuong", "chủ tịch nước": "chu-tich-nuoc", "bộ": "bo",
               "tỉnh": "tinh", "sở": "so", "xã": "xa", "huyện": "huyen", "đơn vị": "don-vi"}


def is_cycle_folder(folder: Path) -> bool:
    return (folder / CYCLE_FILE).is_file()


@dataclass(frozen=True)
class Nominee:
    """One collective or individual a unit nominated, where it is in its file."""

    source: Source
    index: int
    order: tuple[int, int]       # (unit's place in the campaign, place in its file)

    @property
    def entry(self) -> dict[str, Any]:
        return self.source.data["nominees"][self.index]

    @property
    def unit_code(self) -> str:
        return str(self.source.data["unit"])

    def key(self) -> tuple[str, str]:
        return vn.same_name_key(self.entry["form"]), vn.same_name_key(self.entry["name"])

    def unit_text(self) -> str:
        campaign = self.source.campaign or {}
        unit = find_unit(campaign, self.unit_code) or {"name": self.unit_code}
        return nominee_unit(self.entry, unit, campaign.get("issuer", {"name": ""}))

    def detail(self) -> str:
        """'Chuyên viên, Vụ Tổ chức cán bộ, Văn phòng Chính phủ' for a person, '' else."""
        if self.entry["subject"] != "cá nhân":
            return ""
        return f"{self.entry['position']}, {self.unit_text()}"

    def listed(self) -> dict[str, Any]:
        """The entry of the decision's or the proposal's list."""
        e = self.entry
        if e["subject"] == "tập thể":
            return {"name": e["name"], "unit": self.unit_text()}
        return {"name": e["name"], "gender": e["gender"], "position": e["position"],
                "unit": self.unit_text()}

    def where(self) -> str:
        return json_path(("nominees", self.index, "name"))


@dataclass(frozen=True)
class Outcome:
    """A nominee's tally, its verdict and where it goes (None: the agency's own decision)."""

    nominee: Nominee
    result: dict[str, Any]
    verdict: council.Verdict
    target: str | None


@dataclass(frozen=True)
class Cycle:
    folder: Path
    source: Source
    nominations: tuple[Source, ...]

    @property
    def data(self) -> dict[str, Any]:
        return self.source.data

    @property
    def campaign(self) -> dict[str, Any]:
        assert self.source.campaign is not None, "the schema requires the campaign"
        return self.source.campaign

    def nominees(self) -> list[Nominee]:
        units = {u["code"]: i for i, u in enumerate(self.campaign["units"])}
        found = [Nominee(s, i, (units.get(s.data["unit"], len(units)), i))
                 for s in self.nominations for i in range(len(s.data["nominees"]))]
        return sorted(found, key=lambda n: n.order)


# -- load and cross-check ------------------------------------------------------------------

def load_cycle(folder: Path) -> Cycle:
    """The cycle folder loaded strictly: every file's errors at once, then the cross-file
    rules; warnings travel with the sources."""

    issues: list[Issue] = []
    cycle_source: Source | None = None
    try:
        cycle_source = load_source(folder / CYCLE_FILE, CYCLE)[1]
    except ThiduaError as err:
        issues += issues_of(err, folder / CYCLE_FILE)
    nominations = []
    for path in sorted((folder / NOMINATIONS).glob("*.json")):
        try:
            nominations.append(load_source(path, NOMINATION)[1])
        except ThiduaError as err:
            issues += issues_of(err, path)
    if issues:
        raise ValidationFailed(merged(issues))
    assert cycle_source is not None
    if not nominations:
        raise DataError(folder / NOMINATIONS, "đợt xét chưa có đề nghị nào của đơn vị "
                                              "(nominations/<MÃ>.json)")
    cycle = Cycle(folder, cycle_source, tuple(nominations))
    found = cross_issues(cycle)
    errors = [i for i in found if i.severity == "error"]
    if errors:
        raise ValidationFailed(merged(errors))
    # the cross-file warnings travel with the cycle file: the Biên bản's build prints them
    warned = tuple(i for i in found if i.severity != "error")
    if warned:
        cycle = replace(cycle, source=replace(cycle_source,
                                              warnings=(*cycle_source.warnings, *warned)))
    return cycle


def cross_issues(cycle: Cycle) -> list[Issue]:
    """Nominations and tally agree: same campaign, one result per nominee, one nominee per
    result (a unit code in the result tells apart namesakes of two units)."""
    issues: list[Issue] = []
    campaign = cycle.source.campaign_path
    for source in cycle.nominations:
        if source.campaign_path != campaign:
            issues.append(Issue(source.file, "$.campaign", f"đề nghị thuộc Kế hoạch "
                                f"{source.campaign_path}, không phải Kế hoạch của đợt xét "
                                f"{campaign} ({cycle.source.file}, $.campaign)"))
    issues += _date_issues(cycle)
    issues += _same_person_issues(cycle)
    matched: set[tuple[str, int]] = set()
    for path, result, nominee in _pairs(cycle, issues):
        if nominee is not None:
            matched.add((nominee.source.file, nominee.index))
        elif result is not None:
            issues.append(Issue(cycle.source.file, path, f"«{result['name']}» không có trong đề "
                                "nghị nào của các đơn vị (nominations/) cho hình thức này"))
    for nominee in cycle.nominees():
        if (nominee.source.file, nominee.index) not in matched:
            issues.append(Issue(nominee.source.file, nominee.where(),
                                f"«{nominee.entry['name']}» (đề nghị «{nominee.entry['form']}») "
                                f"chưa có kết quả kiểm phiếu trong {cycle.source.file} "
                                "($.tally)"))
    return issues


def _same_person_issues(cycle: Cycle) -> list[Issue]:
    """One person nominated by two units (issue 17): an error where the law is clear, a
    warning where only the name (and birth date) match — :func:`eligibility.same_person_in_two_units`."""
    people = [n for n in cycle.nominees() if n.entry["subject"] == "cá nhân"]
    # compared by the campaign's unit that nominates, not the sub-unit the person works in
    names = {u["code"]: u["name"] for u in cycle.campaign["units"]}
    listed = [eligibility.Nominee(n.entry["name"], names.get(n.unit_code, n.unit_code),
                                  n.entry.get("birth_date") or "", "",
                                  f"{n.source.file}, {n.where()}") for n in people]
    year = int(cycle.data["meeting"]["document"]["date"][:4]) \
        if cycle.data["meeting"]["document"]["date"] else date.today().year
    return [Issue(people[d.index].source.file, people[d.index].where(), d.message,
                  severity="warning" if d.warning else "error")
            for d in eligibility.same_person_in_two_units(listed, year)]


def _date_issues(cycle: Cycle) -> list[Issue]:
    """The order of a cycle: the units nominate before the council meets, and the decision
    and the Tờ trình come after the meeting (they cite its Biên bản)."""
    meeting = cycle.data["meeting"]["document"]["date"]
    if meeting is None:
        return []
    issues = [Issue(s.file, "$.date", f"ngày đề nghị {s.data['date']} sau ngày họp Hội đồng "
                                      f"{meeting} ({cycle.source.file}, $.meeting)")
              for s in cycle.nominations if s.data["date"] > meeting]
    issued = [("$.decision.document.date", cycle.data["decision"]["document"]["date"])]
    issued += [(f"$.proposals[{i}].document.date", p["document"]["date"])
               for i, p in enumerate(cycle.data.get("proposals", []))]
    issues += [Issue(cycle.source.file, path, f"ngày {day} trước ngày họp Hội đồng {meeting}: "
                                              "văn bản lập sau khi Hội đồng xét")
               for path, day in issued if day is not None and day < meeting]
    return issues


def cycle_errors(folders: list[Path]) -> list[ThiduaError]:
    """What `thidua validate` adds for a cycle folder: the cross-file rules and the routing
    (each error once; the files' own errors were reported already)."""
    errors: list[ThiduaError] = []
    for folder in folders:
        if not is_cycle_folder(folder):
            continue
        try:
            result_files(load_cycle(folder))
        except ThiduaError as err:
            errors.append(err)
    return errors


def _pairs(cycle: Cycle, issues: list[Issue]
           ) -> Iterator[tuple[str, dict[str, Any], Nominee | None]]:
    """(JSON path, result, its nominee or None) for every result of the tally."""
    nominees = cycle.nominees()
    for index, vote in enumerate(cycle.data["tally"]):
        for position, result in enumerate(vote["results"]):
            path = json_path(("tally", index, "results", position, "name"))
            key = (vn.same_name_key(vote["form"]), vn.same_name_key(result["name"]))
            found = [n for n in nominees if n.key() == key
                     and result.get("unit", n.unit_code) == n.unit_code]
            if len(found) > 1:
                units = ", ".join(n.unit_code for n in found)
                issues.append(Issue(cycle.source.file, path, f"«{result['name']}» được nhiều "
                                    f"đơn vị đề nghị ({units}): ghi mã đơn vị vào \"unit\""))
                continue
            yield path, result, (found[0] if found else None)


def outcomes(cycle: Cycle) -> list[Outcome]:
    """Every nominee's outcome, in the council's order of forms, then the clerk's order."""
    level = cycle.campaign["issuer"].get("level") or auth.issuer_level(
        cycle.campaign["issuer"]["name"])
    day = _meeting_day(cycle)
    found: list[Outcome] = []
    judged = verdicts(cycle.data)
    by_result = {id(result): nominee for _, result, nominee in _pairs(cycle, [])
                 if nominee is not None}
    for vote, results in zip(cycle.data["tally"], judged, strict=True):
        rows = [Outcome(by_result[id(r)], r, v, route(vote["form"], level, day))
                for r, v in results if id(r) in by_result]
        found += sorted(rows, key=lambda o: (o.nominee.entry["subject"] != "tập thể",
                                             o.nominee.order))
    return found


def _meeting_day(cycle: Cycle) -> date:
    from generator.documents.council_minutes import meeting_day
    return meeting_day(cycle.data)


# -- results as the data of the existing kinds ---------------------------------------------

def _groups(chosen: list[Outcome]) -> list[dict[str, Any]]:
    """Award groups (form, achievement) in order, each with its collectives and individuals."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for outcome in chosen:
        entry = outcome.nominee.entry
        group = groups.setdefault((entry["form"], entry["achievement"]),
                                  {"form": entry["form"], "achievement": entry["achievement"]})
        side = "collectives" if entry["subject"] == "tập thể" else "individuals"
        group.setdefault(side, []).append(outcome.nominee.listed())
    return list(groups.values())


def _campaign_ref(cycle: Cycle, folder: Path) -> str:
    assert cycle.source.campaign_path is not None
    return relpath(cycle.source.campaign_path, (cycle.folder / folder).resolve()).replace(
        "\\", "/")


def _issued(settings: dict[str, Any]) -> dict[str, Any]:
    keys = ("extra_bases", "signer", "recipients", "archive", "document")
    return {k: settings[k] for k in keys if k in settings}


def decision_data(cycle: Cycle, found: list[Outcome]) -> dict[str, Any] | None:
    """The agency's Quyết định for what passed within its authority (None if nothing did)."""
    chosen = [o for o in found if o.verdict.passed and o.target is None]
    if not chosen:
        return None
    settings = cycle.data["decision"]
    return {"$schema": SCHEMA_URL.format("decision"),
            "campaign": _campaign_ref(cycle, Path("decisions")),
            "authority": settings["authority"], **_issued(settings),
            "proposed_by": settings["proposed_by"], "executors": settings["executors"],
            "kind": cycle.data["kind"], "awards": _groups(chosen)}


def _minutes_citation(cycle: Cycle) -> str:
    meeting = cycle.data["meeting"]["document"]
    number = vn.document_number(meeting["number"]).strip()
    symbol = vn.document_symbol("Biên bản", cycle.data["council"]["abbreviation"])
    day = meeting["date"]
    when = f" {vn.date_words(date.fromisoformat(day))}" if day else ""
    return f"Biên bản số {number}/{symbol}{when} của {cycle.data['council']['name']}"


def proposal_data(cycle: Cycle, found: list[Outcome], target: str,
                  settings: dict[str, Any]) -> dict[str, Any]:
    """The Tờ trình to *target* for what passed beyond the agency's authority."""
    chosen = [o for o in found if o.verdict.passed and o.target == target]
    total, present = members_count(cycle.data)
    kinds = [o.nominee.entry["subject"] for o in chosen]
    counts = vn.count_phrase(kinds.count("tập thể"), kinds.count("cá nhân"))
    data = {"$schema": SCHEMA_URL.format("proposal"),
            "campaign": _campaign_ref(cycle, Path("proposals")), "to": settings["to"],
            "council": {"name": cycle.data["council"]["name"],
                        "meeting_date": cycle.data["meeting"]["document"]["date"],
                        "votes": f"với {present}/{total} thành viên có mặt, bỏ phiếu kín"},
            **_issued(settings), "kind": cycle.data["kind"],
            "dossier": [f"Báo cáo thành tích của {counts} được đề nghị khen thưởng",
                        _minutes_citation(cycle),
                        "Danh sách tập thể, cá nhân được đề nghị khen thưởng"],
            "awards": _groups(chosen)}
    if settings.get("summary"):
        data["summary"] = settings["summary"]
    return data


def result_files(cycle: Cycle) -> list[tuple[Path, DocumentKind, dict[str, Any]]]:
    """(file, kind, data) of the decision and of each Tờ trình the tally produces. A form
    beyond the agency's authority with no Tờ trình for its addressee in cycle.json is an error
    naming who decides it."""
    found = outcomes(cycle)
    files: list[tuple[Path, DocumentKind, dict[str, Any]]] = []
    decision = decision_data(cycle, found)
    if decision is not None:
        name = cycle.data["decision"].get("file", DEFAULT_DECISION_FILE)
        files.append((cycle.folder / "decisions" / name, DECISION, decision))
    settings = {p["to"]["level"]: p for p in cycle.data.get("proposals", [])}
    issues = []
    for target in dict.fromkeys(o.target for o in found if o.verdict.passed and o.target):
        if target not in settings:
            forms = ", ".join(dict.fromkeys(o.nominee.entry["form"] for o in found
                                            if o.target == target and o.verdict.passed))
            issues.append(Issue(cycle.source.file, "$.proposals",
                                f"«{forms}» vượt thẩm quyền của cơ quan: cần một Tờ trình gửi "
                                f"{auth.LEVEL_NAMES[target]} (thêm vào $.proposals một mục có "
                                f"\"to\": {{\"level\": \"{target}\", …}})"))
            continue
        name = settings[target].get("file", f"de-nghi-{LEVEL_SLUGS[target]}.json")
        files.append((cycle.folder / "proposals" / name, PROPOSAL,
                      proposal_data(cycle, found, target, settings[target])))
    if issues:
        raise ValidationFailed(issues)
    return files


def data_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_results(folder: Path, force: bool = False) -> list[tuple[Path, bool]]:
    """Write the decision and the Tờ trình files of the tally into the cycle folder, for the
    clerk to read and edit before `thidua build`: (path, changed) for each. A file that
    already says exactly this is kept; another one is refused unless *force*."""
    files = [(path, data_bytes(data)) for path, _, data in result_files(load_cycle(folder))]
    changed = [(p, c) for p, c in files if not (p.is_file() and p.read_bytes() == c)]
    check_writable([p for p, _ in changed], force)
    for path, content in changed:
        write_atomic(path, content, force)
    return [(p, (p, c) in changed) for p, c in files]
