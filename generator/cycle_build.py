"""Building a commendation cycle's documents (the cycle's data and rules: :mod:`generator.cycle`).

Everything is rendered in memory first: each nominee's báo cáo thành tích, the ballots, the
Biên bản, then the Quyết định and the Tờ trình — the clerk's edited files in the cycle's
``decisions/`` and ``proposals/`` when there are any, else straight from the tally, checked as
if they were files — and the decision's certificates; then all of it is published in one
transaction with the register, as :func:`generator.build.build_campaign` does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from generator.build import (
    CertificateOptions,
    Published,
    Rendered,
    build_campaign,
    load_source,
    register_entry,
    render_source,
    resolve_campaign,
)
from generator.cycle import Cycle, load_cycle, result_files
from generator.data.schema import schema_issues
from generator.documents import DECISION, PROPOSAL, DocumentKind, Source
from generator.documents.ballot import BALLOT
from generator.documents.council_minutes import CYCLE
from generator.documents.nomination import NOMINATION, report_context
from generator.errors import Issue, ValidationFailed
from generator.render.engine import render
from generator.render.output import safe_filename
from generator.store.backend import Target


def _joined(cycle: Cycle) -> Source:
    """The cycle source with the nominations joined in, as the Biên bản and ballots read them."""
    nominated = [{"form": n.entry["form"], "subject": n.entry["subject"],
                  "name": n.entry["name"], "unit": n.unit_code, "detail": n.detail()}
                 for n in cycle.nominees()]
    return replace(cycle.source, data={**cycle.data, "nominated": nominated})


def _rendered(kind: DocumentKind, source: Source, context: dict[str, Any],
              stem: str) -> Rendered:
    content = render(kind.template, context, stable=True)
    return Rendered(source.path, kind, safe_filename(stem), content, source.warnings,
                    register_entry(source, context), source.data)


def nomination_reports(source: Source, today: date) -> list[Rendered]:
    """The báo cáo thành tích of every nominee of one unit's nominations, rendered in memory
    (a name that comes twice gets " (2)", as in the cycle's build)."""
    out = []
    stems: dict[str, int] = {}
    for index in range(len(source.data["nominees"])):
        context = report_context(source, index, today)
        stem = context["doc"]["file_stem"]
        stems[stem] = stems.get(stem, 0) + 1
        if stems[stem] > 1:
            stem = f"{stem} ({stems[stem]})"
        out.append(_rendered(NOMINATION, source, context, stem))
    return out


def council_documents(cycle: Cycle, today: date) -> list[Rendered]:
    """The reports of every nominee, the ballots and the Biên bản, rendered in memory."""
    out = []
    stems: dict[str, int] = {}
    warned: set[str] = set()        # a nomination's warnings travel with its first report
    for nominee in cycle.nominees():
        context = report_context(nominee.source, nominee.index, today)
        stem = context["doc"]["file_stem"]
        stems[stem] = stems.get(stem, 0) + 1
        if stems[stem] > 1:
            stem = f"{stem} ({stems[stem]})"
        source = nominee.source
        if source.file in warned:
            source = replace(source, warnings=())
        warned.add(source.file)
        out.append(_rendered(NOMINATION, source, context, stem))
    joined = _joined(cycle)
    ballots = BALLOT.build_context(joined, today)
    out.append(_rendered(BALLOT, joined, ballots, ballots["doc"]["file_stem"]))
    minutes = CYCLE.build_context(joined, today)
    out.append(_rendered(CYCLE, joined, minutes, minutes["doc"]["file_stem"]))
    return out


def derived_source(path: Path, kind: DocumentKind, data: dict[str, Any],
                   sort: str = "input") -> Source:
    """A decision or a Tờ trình built from the tally, checked as if it were a file at *path*."""

    issues = schema_issues(data, kind.schema, str(path))
    if issues:
        raise ValidationFailed(issues)
    source = resolve_campaign(Source(path, data, sort=sort), "campaign")
    found = kind.check(source)
    errors = [i for i in found if i.severity == "error"]
    if errors:
        raise ValidationFailed(errors)
    return replace(source, warnings=tuple(i for i in found if i.severity != "error"))


def result_sources(cycle: Cycle, sort: str = "input") -> list[tuple[DocumentKind, Source]]:
    """The decision and the Tờ trình to build: the files in decisions/ and proposals/ when
    the clerk wrote them (`thidua cycle results`, then edits), else straight from the tally.
    A written file whose list no longer matches the tally keeps its edits and gets a warning."""

    written = [p for sub in ("decisions", "proposals")
               for p in sorted((cycle.folder / sub).glob("*.json"))]
    derived = result_files(cycle)
    if not written:
        return [(kind, derived_source(path, kind, data, sort)) for path, kind, data in derived]
    sources = []
    expected = {path.resolve(): data for path, _, data in derived}
    for path in written:
        kind, source = load_source(path, DECISION if path.parent.name == "decisions"
                                   else PROPOSAL, sort)
        wanted = expected.get(path.resolve())
        if wanted is None or wanted["awards"] != source.data["awards"]:
            note = Issue(str(path), "$.awards", "danh sách khác kết quả kiểm phiếu trong "
                                                f"{cycle.source.file}: tệp đã sửa tay được giữ; "
                                                "chạy «thidua cycle results --force» để lập lại",
                         severity="warning")
            source = replace(source, warnings=(*source.warnings, note))
        sources.append((kind, source))
    return sources


def render_cycle(folder: Path, today: date | None = None, sort: str = "input"
                 ) -> tuple[list[Rendered], list[tuple[str, list[Any]]]]:
    """Every document of the cycle rendered in memory, and each decision's certificates
    (folder name, records), checked, not yet written."""
    from generator.certificates.records import records_from_decision
    from generator.documents import common
    from generator.documents.awards import issuer_of

    day = today or date.today()
    cycle = load_cycle(folder)
    rendered = council_documents(cycle, day)
    batches = []
    for kind, source in result_sources(cycle, sort):
        rendered.append(render_source(kind, source, day))
        if kind is DECISION:
            issuer = issuer_of(source.data, source.campaign)
            stem = common.file_stem(source.data["document"]["number"], "Quyết định",
                                    issuer["abbreviation"])
            records = records_from_decision(source.data, issuer, source.file)
            if records:
                batches.append((safe_filename(f"{stem} - Bằng khen", suffix=""), records))
    return rendered, batches


def cycle_parts(folder: Path, today: date | None = None, sort: str = "input",
                certificates: bool = True, register_path: Target | None = None
                ) -> tuple[list[Rendered], list[tuple[str, list[Any]]]]:
    """What a cycle folder builds (build.Parts): its documents, and its decision's
    certificates unless *certificates* is False."""
    rendered, batches = render_cycle(folder, today, sort)
    return rendered, batches if certificates else []


def build_cycle(folder: Path, out_dir: Path, force: bool = False, today: date | None = None,
                sort: str = "input", certificates: bool = True,
                register_path: Target | None = None,
                options: CertificateOptions | None = None) -> Published:
    """Build a cycle folder: reports, ballots, Biên bản, Quyết định, Tờ trình and the
    certificates of the decision, all checked before anything is written and written as one
    transaction with the register, by the campaign's own writer (build.build_campaign)."""
    return build_campaign(folder, out_dir, force, today, sort, certificates, register_path,
                          options, parts=cycle_parts)
