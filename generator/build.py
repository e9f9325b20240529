"""The pipeline: load → validate → build the context → render → write.

Everything is checked and rendered in memory before the first file is written, and the writing
is one transaction with the register (:mod:`generator.store.transaction`): a run that fails
leaves the output folders and the register as they were.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.data.lists import attach_lists
from generator.data.loader import load_json
from generator.data.schema import schema_issues
from generator.documents import PLAN, DocumentKind, Source, detect_kind
from generator.documents import common as context
from generator.render.output import safe_filename
from generator.render.user_templates import (
    TemplateFile,
    find_template,
    is_builtin_label,
    template_label,
    templates_from,
    title_measure,
)
from generator.store import history, register
from generator.store.backend import Target
from generator.store.manifest import Manifest, publication
from generator.store.transaction import File, Outcome, Publication, publish
from generator.vn.linebreaks import plain_spaces

if TYPE_CHECKING:
    from generator.vn.eligibility import Granted

from .errors import (
    DataError,
    Issue,
    ThiduaError,
    UnknownDocumentKind,
    ValidationFailed,
)
from .report import Head, issues_of, merged


@dataclass(frozen=True)
class Rendered:
    """A document rendered in memory, not yet written."""

    source: Path
    kind: DocumentKind
    name: str
    content: bytes
    warnings: tuple[Issue, ...] = ()
    entry: register.Entry | None = None    # None for a draft without a number
    data: dict[str, Any] | None = None     # the validated data it was built from
    extras: tuple[tuple[str, bytes], ...] = ()  # files beside it (a report's charts, figures)
    template: str = ""                     # the template it was filled from (template_label)

    @property
    def awards(self) -> tuple[history.Award, ...]:
        """A numbered decision's recipients, for the history: made when asked (a run records
        them only with a register, and 10,000 rows take 20 ms)."""
        return decision_awards(self.kind, self.data or {}, self.entry)


@dataclass(frozen=True)
class Written:
    """A document in its folder, with the warnings its data raised. *kept*: the folder already
    held exactly this document, and it was left untouched."""

    path: Path
    warnings: tuple[Issue, ...] = ()
    kept: bool = False
    extras: tuple[Path, ...] = ()      # written beside it with it (a report's charts, figures)
    template: str = ""            # a user's template it was filled from ("" for a built-in)


# The list of documents thidua wrote into a folder (certificates have their own, manifest.csv).
DOCUMENTS_MANIFEST = "documents.csv"
DOCUMENTS_HEADER = ("file", "type", "number", "source", "sha256", "template")
# Headers of earlier versions, still read (their rows get "" for the columns they lack).
DOCUMENTS_OLD_HEADERS = (("file", "type", "number", "source", "sha256"),)


def load_valid(path: Path, kind: DocumentKind | None = None) -> tuple[DocumentKind, dict[str, Any]]:
    """Load *path* strictly and check it against its schema (ValidationFailed lists all)."""
    file = str(path)
    data = load_json(path)
    kind = kind or detect_kind(path, data)
    if kind is None:
        from generator.documents import KINDS
        names = ", ".join(KINDS)
        raise UnknownDocumentKind(
            f"{file}: không xác định được loại dữ liệu; hãy thêm \"$schema\" vào tệp hoặc dùng "
            f"--kind (một trong: {names}).")
    if not isinstance(data, dict):
        raise DataError(file, "tệp dữ liệu phải là một đối tượng JSON { … }")
    data = attach_lists(path, data, kind.schema)    # a workbook beside the file: its lists
    issues = schema_issues(data, kind.schema, file)
    if issues:
        raise ValidationFailed(issues)
    return kind, data


def resolve_campaign(source: Source, field: str) -> Source:
    """Load the campaign a data file points at; the campaign's own errors keep its name."""
    target = (source.path.parent / source.data[field]).resolve()
    where = Issue(source.file, f"$.{field}", "")
    if not target.is_file():
        raise ValidationFailed([replace(where, message="không tìm thấy tệp Kế hoạch của cơ "
                                                       f"quan {target}")])
    try:
        _, campaign = load_source(target, PLAN)
    except (ValidationFailed, DataError) as err:
        # One head for the campaign's errors: a report prints them under it, once.
        head = Head(where.file, where.path, f"tệp Kế hoạch của cơ quan {target} có lỗi:",
                    nested=tuple(issues_of(err)))
        raise ValidationFailed([head]) from err
    return replace(source, campaign=campaign.data, campaign_path=target)


def load_source(path: Path, kind: DocumentKind | None = None,
                sort: str = "input") -> tuple[DocumentKind, Source]:
    """Load, validate and cross-check one data file, with its campaign when it names one.

    Warnings do not stop the build; they travel with the source for the caller to show.
    """
    kind, data = load_valid(path, kind)
    source = Source(path, data, sort=sort)
    if kind.campaign_field and kind.campaign_field in data:
        source = resolve_campaign(source, kind.campaign_field)
    # Cross-field rules assume the shapes the schema guarantees.
    issues = kind.check(source)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise ValidationFailed(errors)
    return kind, replace(source, warnings=tuple(i for i in issues if i.severity != "error"))


LIST_SUFFIXES = (".xlsx", ".xlsm", ".csv")


def validate_files(paths: list[Path], kind: DocumentKind | None = None,
                   decision: Path | None = None) -> tuple[list[ThiduaError], list[Issue]]:
    """Validate every file; return the errors and the warnings of all of them. An .xlsx/.csv
    list is checked with what it belongs to: the decision JSON *decision* (a certificates
    list, as `thidua certificates` reads it), or the data file of the same name beside it."""
    issues: list[Issue] = []
    warnings: list[Issue] = []
    for path in paths:
        try:
            if path.suffix.lower() in LIST_SUFFIXES:
                warnings += _validate_list(path, kind, decision)
                continue
            if kind is None and _is_certificate_decision(path):
                from generator.certificates.records import load_decision
                load_decision(path)     # the decision JSON that goes with an .xlsx/.csv list
                continue
            warnings += load_source(path, kind)[1].warnings
        except ThiduaError as err:      # a file that cannot be read hides no other file
            issues += issues_of(err, path)
    return ([ValidationFailed(merged(issues))] if issues else []), warnings


def _validate_list(path: Path, kind: DocumentKind | None,
                   decision: Path | None) -> list[Issue]:
    """The warnings of one clerk's list, checked row by row; its errors are raised."""
    beside = path.with_suffix(".json")
    if decision is None and beside.is_file():
        return list(load_source(beside, kind)[1].warnings)     # it reads its lists from *path*
    if decision is None:
        raise DataError(path, "danh sách Excel/CSV được kiểm tra cùng Quyết định mà nó thuộc "
                              "về: thêm --decision TỆP.json (tệp thông tin Quyết định, như "
                              "lệnh certificates), hoặc đặt tệp dữ liệu .json cùng tên cạnh "
                              "danh sách")
    from generator.certificates.records import load_decision, records_from_table

    hidden: list[Issue] = []
    records_from_table(path, load_decision(decision), warnings=hidden)
    return hidden


def load_json_lenient(path: Path) -> dict[str, Any] | None:
    """A data file read strictly, without its lists or its schema (None if it is not an
    object): what `thidua excel-template` needs of it."""
    data = load_json(path) if path.is_file() else None
    return data if isinstance(data, dict) else None


def data_files(paths: list[Path]) -> list[Path]:
    """The files to check for *paths*: a file as given; a campaign folder's data files in
    build order; any other folder's JSON files, sorted."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
        elif (path / "campaign.json").is_file():
            files += campaign_files(path)
        else:
            files += sorted(p for p in path.rglob("*.json") if p.is_file())
    return list(dict.fromkeys(files))


def _is_certificate_decision(path: Path) -> bool:
    """A JSON whose "$schema" names the certificates schema (read leniently: a file that is
    not valid JSON is reported by the strict loader afterwards)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):     # nested too deep: the loader says so
        return False
    return isinstance(data, dict) and str(data.get("$schema", "")).endswith(
        "/certificates.schema.json")


def register_entry(source: Source, context: dict[str, Any]) -> register.Entry | None:
    """What the register records for a rendered document; None while it has no number."""
    doc = context["doc"]
    entry = doc["entry"]
    if entry["number"] is None:
        return None
    # the trích yếu as words: its no-break spaces and balanced line breaks are print layout
    # (so the sổ, `register list` and the export need no cleaning of their own)
    summary = plain_spaces(doc.get("title") or context["title"])
    return register.Entry(entry["year"], entry["number"], entry["symbol"], entry["type"],
                          entry["date"], summary, entry["signer"], str(source.path.resolve()))


def render_source(kind: DocumentKind, source: Source, today: date | None = None) -> Rendered:
    """Render a loaded source in memory."""
    from generator.companions import finish

    # A user's template (--templates, units/<CODE>/templates/, the campaign's templates/),
    # whose own measure the trích yếu's lines are balanced for.
    template = find_template(kind.template, source.path, source.campaign_path)
    measure = title_measure(template) if isinstance(template, TemplateFile) else None
    with (context.title_measure(measure.size_pt, measure.bold, measure.width_pt) if measure
          else nullcontext()):
        built = kind.build_context(source, today or date.today())
    entry = register_entry(source, built)
    name = safe_filename(built["doc"]["file_stem"])
    from generator.render.engine import render  # python-docx: not for a certificate run

    content, extras = finish(built, render(template, built, stable=True), Path(name).stem)
    return Rendered(source.path, kind, name, content, source.warnings, entry, source.data,
                    tuple((safe_filename(n, suffix=""), b) for n, b in extras),
                    template=template_label(template))


def recipients(data: dict[str, Any]) -> list[tuple[str, dict[str, Any], str, dict[str, Any]]]:
    """(JSON path, award group, 'collective'/'individual', entry) for every recipient of a
    decision's or a proposal's award lists."""
    found = []
    for index, group in enumerate(data.get("awards", [])):
        for side, kind in (("collectives", "collective"), ("individuals", "individual")):
            for position, entry in enumerate(group.get(side, [])):
                found.append((f"$.awards[{index}].{side}[{position}].name", group, kind, entry))
    return found


def decision_awards(kind: DocumentKind, data: dict[str, Any],
                    entry: register.Entry | None) -> tuple[history.Award, ...]:
    """The history rows of a numbered decision (none for a draft or another kind)."""
    if kind.name != "decision" or entry is None:
        return ()
    return tuple(history.Award(entry.year, entry.number, entry.symbol, entry.date,
                               group["form"], side, person["name"], person.get("unit", ""),
                               group["achievement"], person.get("register_number", ""),
                               entry.source)
                 for _, group, side, person in recipients(data))


def register_check(documents: list[Rendered], register_path: Target | None) -> None:
    """Refuse, before anything is written and all at once, what the register forbids: a
    number already given to another document, and an award its history forbids. What the
    history only questions is added to the warnings of the document concerned (the items of
    *documents* are replaced in place)."""
    if register_path is None:
        return
    issues = register.conflicts(register_path, [d.entry for d in documents if d.entry])
    found = _history_issues(documents, [a.granted() for a in history.awards(register_path)])
    issues += [i for i in found if i.severity == "error"]
    if issues:
        raise ValidationFailed(issues)
    for index, document in enumerate(documents):
        extra = tuple(i for i in found if i.severity != "error" and i.file == str(document.source))
        if extra:
            documents[index] = replace(document, warnings=document.warnings + extra)


def _document_year(document: Rendered) -> int:
    """The year a document's awards count in: its number's year, else its date's or the
    year of a draft."""
    if document.entry:
        return document.entry.year
    head = (document.data or {}).get("document", {})
    return int((head.get("date") or "")[:4] or head.get("year") or 0)


def _history_issues(documents: list[Rendered], kept: list[Granted]) -> list[Issue]:
    """What the history forbids (errors) or questions (warnings) in each decision and proposal
    (generator.vn.eligibility: one form per achievement, prerequisites, two state-level forms
    in one year — the last also across the documents of this run)."""
    # read only when a register is checked
    from generator.vn.eligibility import Granted, history_findings

    listed: dict[int, list[tuple[str, dict[str, Any], str, dict[str, Any]]]] = {}
    candidates: dict[int, list[Granted]] = {}
    for index, document in enumerate(documents):
        if document.data is None or document.kind.name not in ("decision", "proposal"):
            continue
        source = str(document.source.resolve())
        year = _document_year(document)
        label = document.entry.label if document.entry else ""
        listed[index] = recipients(document.data)
        candidates[index] = [Granted(group["form"], side, person["name"], person.get("unit", ""),
                                     group["achievement"], year, label, source)
                             for _, group, side, person in listed[index]]
    issues: list[Issue] = []
    for index, own in candidates.items():
        document = documents[index]
        assert document.data is not None
        batch = [g for other, rows in candidates.items() if other != index for g in rows]
        occasional = document.data.get("kind") == "đột xuất"
        issues += [Issue(str(document.source), listed[index][f.index][0], f.message,
                         "warning" if f.warning else "error")
                   for f in history_findings(own, kept, occasional, batch)]
    return issues


def render_file(path: Path, kind: DocumentKind | None = None,
                today: date | None = None, sort: str = "input") -> Rendered:
    """Validate and render one data file in memory."""
    kind, source = load_source(path, kind, sort)
    return render_source(kind, source, today)


def documents_publication(documents: list[Rendered], out_dir: Path,
                          force: bool = False, awards: bool = True) -> Publication:
    """What writing *documents* into *out_dir* means for the folder: the files, their numbers,
    and the folder's manifest (documents.csv), which tells thidua's earlier files from others;
    with *awards*, the decisions' recipients too (what a register's history records)."""
    manifest = Manifest(out_dir / DOCUMENTS_MANIFEST, DOCUMENTS_HEADER, DOCUMENTS_OLD_HEADERS)
    earlier = manifest.read(force)
    files = [File.of(out_dir / d.name, d.content) for d in documents]
    sources = {str(d.source.resolve()) for d in documents}
    rows = [[d.name, d.kind.label, d.entry.label if d.entry else "(dự thảo)",
             str(d.source.resolve()), f.sha256, d.template]
            for d, f in zip(documents, files, strict=True)]
    for d in documents:     # a report's charts and figures, under the report's row data
        for extra_name, extra in d.extras:
            files.append(File.of(out_dir / extra_name, extra))
            rows.append([extra_name, f"{d.kind.label} (kèm theo)",
                         d.entry.label if d.entry else "(dự thảo)", str(d.source.resolve()),
                         files[-1].sha256, d.template])
    result = publication(manifest, files, rows, earlier, owned=lambda row: row["source"] in sources)
    result.entries = [d.entry for d in documents if d.entry is not None]
    if awards:                  # the decisions' recipients, for a register's history
        result.awards = [award for d in documents for award in d.awards]
    return result


@dataclass(frozen=True)
class Published:
    """What a run did: its documents, the certificate batches (`thidua build`), the earlier
    versions it moved into đã thay thế/, and notes on interrupted runs it finished or undid."""

    documents: list[Written]
    certificates: list[Any] = field(default_factory=list)    # batch.BatchResult per decision
    moved: tuple[Path, ...] = ()
    recovered: tuple[str, ...] = ()
    uncertified: tuple[str, ...] = ()   # recipients who get no certificate (Cờ thi đua), in words


CampaignBuild = Published       # the name build_campaign's result had before


def write_all(documents: list[Rendered], out_dir: Path, force: bool = False,
              register_path: Target | None = None) -> Published:
    """Write rendered documents into *out_dir* and record their numbers, as one transaction."""
    register_check(documents, register_path)
    outcome = publish(documents_publication(documents, out_dir, force,
                                            awards=register_path is not None),
                      force, register_path)
    return Published(_written(documents, out_dir, outcome), [], outcome.moved, outcome.recovered)


def _written(documents: list[Rendered], out_dir: Path, outcome: Outcome) -> list[Written]:
    kept = set(outcome.kept)
    return [Written(out_dir / d.name, d.warnings, out_dir / d.name in kept,
                    tuple(out_dir / name for name, _ in d.extras),
                    "" if is_builtin_label(d.template) else d.template)
            for d in documents]


def build_file(path: Path, out_dir: Path, force: bool = False, kind: DocumentKind | None = None,
               today: date | None = None, sort: str = "input",
               register_path: Target | None = None) -> Published:
    """Validate, render and write one document (recorded in the register when given)."""
    # Only a build (its reports) reads the award history, not `thidua certificates`.
    from generator.documents.review import recorded_awards
    with recorded_awards(history_rows(register_path)):
        rendered = render_file(path, kind, today, sort)
    return write_all([rendered], out_dir, force, register_path)


def history_rows(register_path: Target | None) -> list[dict[str, Any]] | None:
    """The register's award history as plain rows, for a report that counts it (None
    without a register)."""
    if register_path is None:
        return None
    return [asdict(award) for award in history.awards(register_path)]


SUBFOLDERS = ("units", "decisions", "proposals", "reports")


def campaign_files(folder: Path) -> list[Path]:
    """The data files of a campaign folder, in build order: the plan, then units/,
    decisions/ and proposals/."""
    main = folder / "campaign.json"
    if not main.is_file():
        raise DataError(folder, "thư mục phong trào phải có tệp campaign.json")
    return [main, *(p for sub in SUBFOLDERS for p in sorted((folder / sub).glob("*.json")))]


def render_all(items: list[tuple[Path, DocumentKind | None]], today: date | None = None,
               sort: str = "input") -> list[Rendered]:
    """Render every file; if any is invalid or unreadable, raise one ValidationFailed listing
    every issue of every file, each once."""
    rendered: list[Rendered] = []
    issues: list[Issue] = []
    for path, kind in items:
        try:
            rendered.append(render_file(path, kind, today, sort))
        except (ValidationFailed, DataError, UnknownDocumentKind) as err:
            issues += issues_of(err, path)
    if issues:
        raise ValidationFailed(merged(issues))
    return rendered


def decision_certificates(path: Path, sort: str = "input") -> tuple[str, list[Any]]:
    """The certificates (Bằng khen, Giấy khen) of every recipient of a decision file, checked
    (page fit, duplicates) but not yet written, in the order *sort* gives the decision's list,
    and the folder `thidua build` puts them in ('<decision> - Bằng khen')."""
    from generator.certificates.records import records_from_decision
    from generator.certificates.selection import sort_certificates
    from generator.documents import DECISION
    from generator.documents.awards import issuer_of

    _, source = load_source(path, DECISION)
    issuer = issuer_of(source.data, source.campaign)
    stem = context.file_stem(source.data["document"]["number"], "Quyết định",
                             issuer["abbreviation"])
    records = records_from_decision(source.data, issuer, source.file)
    return safe_filename(f"{stem} - Bằng khen", suffix=""), sort_certificates(records, sort)


@dataclass(frozen=True)
class CertificateOptions:
    """How `thidua build` prints the certificates of its decisions, as `thidua certificates`
    does: one print file per decision (*merge*), for pre-printed blanks (*printing*), with
    *jobs* workers; *progress(done, total)* counts every certificate of the build."""

    merge: bool = False
    jobs: int = 1
    printing: Any = None            # engine.Printing; None: plain paper
    progress: Any = None            # Callable[[int, int], None] | None


def campaign_parts(folder: Path, today: date | None = None, sort: str = "input",
                   certificates: bool = True, register_path: Target | None = None
                   ) -> tuple[list[Rendered], list[tuple[str, list[Any]]]]:
    """Every document of a campaign folder rendered in memory, and the certificates of each
    decision checked (folder name, records): all a build writes, nothing written yet. A
    report with "history" also counts what the register's award history holds."""
    from generator.documents.review import recorded_awards
    items: list[tuple[Path, DocumentKind | None]] = [(p, None) for p in campaign_files(folder)]
    with recorded_awards(history_rows(register_path)):
        rendered = render_all(items, today, sort)
    decisions = sorted((folder / "decisions").glob("*.json")) if certificates else []
    batches = [batch for batch in (decision_certificates(d, sort) for d in decisions)
               if batch[1]]
    return rendered, batches


def _progress_over(batches: list[tuple[str, list[Any]]], progress: Any) -> list[Any]:
    """One progress callback per batch, counting on from the batches before it."""
    if progress is None:
        return [None] * len(batches)
    total = sum(len(records) for _, records in batches)
    offsets = list(itertools.accumulate((len(r) for _, r in batches), initial=0))[:-1]
    return [lambda done, _n, start=start: progress(start + done, total) for start in offsets]


# What a folder builds, rendered in memory and not written: its documents and its certificate
# batches (folder name, records). campaign_parts for a campaign; a commendation cycle has its
# own (generator.cycle_build.cycle_parts), and both are written by build_campaign.
Parts = Callable[[Path, date | None, str, bool, Target | None],
                 tuple[list[Rendered], list[tuple[str, list[Any]]]]]


def build_campaign(folder: Path, out_dir: Path, force: bool = False, today: date | None = None,
                   sort: str = "input", certificates: bool = True,
                   register_path: Target | None = None,
                   options: CertificateOptions | None = None,
                   parts: Parts | None = None) -> Published:
    """Build every document of a campaign folder, and the certificates of its decisions.

    Everything is validated (certificates too) before anything is written, and everything is
    written as one transaction with the register: a failed build leaves nothing. *options*
    say how the certificates are printed (separate files on plain paper by default); *parts*
    what the folder holds (campaign_parts by default)."""
    from generator.certificates.batch import stage_certificates
    from generator.certificates.engine import PLAIN

    options = options or CertificateOptions()
    rendered, batches = (parts or campaign_parts)(folder, today, sort, certificates,
                                                  register_path)
    register_check(rendered, register_path)
    whole = documents_publication(rendered, out_dir, force, awards=register_path is not None)
    staged = []
    try:
        # The campaign's templates/ for the certificates, after any --templates of the run.
        with templates_from(folder / "templates", last=True):
            for (name, records), progress in zip(batches,
                                                 _progress_over(batches, options.progress),
                                                 strict=True):
                staged.append(stage_certificates(records, out_dir / name, force=force,
                                                 merge=options.merge, jobs=options.jobs,
                                                 printing=options.printing or PLAIN,
                                                 progress=progress))
                whole.add(staged[-1].publication)
        outcome = publish(whole, force, register_path)
    except BaseException:
        for batch in staged:
            batch.discard(failed=True)
        raise
    for batch in staged:
        batch.discard()
    return Published(_written(rendered, out_dir, outcome),
                     [batch.result(outcome) for batch in staged], outcome.moved,
                     outcome.recovered, uncertified_of(rendered) if certificates else ())


def uncertified_of(rendered: list[Rendered]) -> tuple[str, ...]:
    """'Quyết định 120/QĐ-VPCP — Cờ thi đua …: 2 tập thể' for each award group of the rendered
    decisions that gets no certificate."""
    from generator.certificates.records import uncertified

    return tuple(f"{d.name.removesuffix('.docx')} — {line}" for d in rendered
                 if d.kind.name == "decision" and d.data for line in uncertified(d.data))
