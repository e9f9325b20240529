"""A dry run (``--dry-run``): everything a run would do, found the way the run finds it, and
nothing done.

The data is loaded, validated and rendered in memory exactly as for the real run (so a dry run
fails where the run would fail, with the same messages); the register is read, never written;
then each file the run would publish is judged by the rule of
:func:`generator.store.transaction.publish`: written new, kept (already identical), replaced
(an earlier version of thidua's own, moved into ``đã thay thế/``) or refused (a file thidua did
not write, without --force). Certificates are rendered and hashed without being written.
The summary a clerk checks before printing comes with it: certificates per folder, per form
and per unit, the numbers the register would record, the prize money of each decision.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.store import register
from generator.store.backend import Target
from generator.store.transaction import Publication, sha256_of
from generator.vn import authority as auth

from .build import (
    CertificateOptions,
    Parts,
    Rendered,
    campaign_parts,
    documents_publication,
    register_check,
    render_file,
    uncertified_of,
)
from .documents import DocumentKind
from .documents.awards import decision_day
from .documents.decision import group_amounts, group_total

WRITE, KEEP, REPLACE, REFUSE = "write", "keep", "replace", "refuse"


@dataclass(frozen=True)
class Batch:
    """What a batch of certificates would be: its folder, how many of each action, by form
    and by unit, and the files it would refuse."""

    folder: Path
    count: int
    actions: Counter[str]
    forms: Counter[str]
    units: Counter[str]
    refused: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Preview:
    """What a run would do. *documents*: (path, action) per document; *stale*: files it would
    move into đã thay thế/ because the data no longer produces them; *entries*: the numbers it
    would record in the register; *prizes*: (decision, total in đồng, forms whose amount the
    data leaves to "theo quy định hiện hành")."""

    documents: list[tuple[Path, str]] = field(default_factory=list)
    batches: list[Batch] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    entries: list[register.Entry] = field(default_factory=list)
    prizes: list[tuple[str, int, tuple[str, ...]]] = field(default_factory=list)
    uncertified: tuple[str, ...] = ()

    @property
    def refused(self) -> list[Path]:
        return [p for p, action in self.documents if action == REFUSE] + \
            [p for batch in self.batches for p in batch.refused]


def actions(publication: Publication, force: bool) -> dict[Path, str]:
    """Each file's fate, by the rule transaction._plan applies (kept in step with it by
    tests/test_cli_dry_run.py, which runs both on the same folders)."""
    listings: dict[Path, set[str]] = {}
    manifests = set(publication.manifests)
    found: dict[Path, str] = {}
    for item in publication.files:
        if item.folder not in listings:
            try:
                listings[item.folder] = {entry.name for entry in os.scandir(item.folder)}
            except (FileNotFoundError, NotADirectoryError):
                listings[item.folder] = set()
        if item.name not in listings[item.folder]:
            found[item.target] = WRITE
            continue
        current = "" if item.target.is_dir() else sha256_of(item.target)
        if current == item.sha256:
            found[item.target] = KEEP
        elif current and (force or item.target in manifests
                          or publication.known.get(item.target) == current):
            found[item.target] = REPLACE
        else:
            found[item.target] = REFUSE
    return found


def preview_documents(documents: list[Rendered], out_dir: Path, force: bool = False,
                      register_path: Target | None = None) -> Preview:
    """The dry run of writing rendered *documents* (`thidua plan`, `decision`, …)."""
    register_check(documents, register_path)
    publication = documents_publication(documents, out_dir, force)
    fates = actions(publication, force)
    # Without a register nothing is recorded: no number to show as "would be recorded".
    entries = list(publication.entries) if register_path is not None else []
    return Preview([(out_dir / d.name, fates[out_dir / d.name]) for d in documents], [],
                   list(publication.stale), entries, prizes(documents))


def preview_file(path: Path, out_dir: Path, force: bool = False, kind: DocumentKind | None = None,
                 today: date | None = None, sort: str = "input",
                 register_path: Target | None = None) -> Preview:
    """The dry run of `thidua plan/unit-plan/decision/proposal FILE`."""
    return preview_documents([render_file(path, kind, today, sort)], out_dir, force,
                             register_path)


def preview_certificates(records: Sequence[Any], out_dir: Path, force: bool = False,
                         options: CertificateOptions | None = None,
                         only: Sequence[int] | None = None) -> Batch:
    """The dry run of one batch of certificates: rendered and hashed, nothing written."""
    from generator.certificates.batch import MANIFEST, plan_certificates
    from generator.certificates.engine import PLAIN

    options = options or CertificateOptions()
    publication = plan_certificates(records, out_dir, merge=options.merge, jobs=options.jobs,
                                    force=force, printing=options.printing or PLAIN,
                                    progress=options.progress, only=only)
    fates = [(path, action) for path, action in actions(publication, force).items()
             if path.name != MANIFEST]
    chosen = [records[i] for i in only] if only is not None else list(records)
    return Batch(out_dir, len(chosen), Counter(action for _, action in fates),
                 Counter(r.decision.form_name for r in chosen),
                 Counter(r.unit or r.name for r in chosen),
                 tuple(path for path, action in fates if action == REFUSE))


def preview_campaign(folder: Path, out_dir: Path, force: bool = False, today: date | None = None,
                     sort: str = "input", register_path: Target | None = None,
                     options: CertificateOptions | None = None,
                     parts: Parts | None = None) -> Preview:
    """The dry run of `thidua build FOLDER`: every document and every certificate."""
    rendered, batches = (parts or campaign_parts)(folder, today, sort, True, register_path)
    preview = preview_documents(rendered, out_dir, force, register_path)
    options = options or CertificateOptions()
    progress = _progress_over(sum(len(r) for _, r in batches), options)
    start = 0
    for name, records in batches:
        step = CertificateOptions(options.merge, options.jobs, options.printing,
                                  progress(start))
        preview.batches.append(preview_certificates(records, out_dir / name, force, step))
        start += len(records)
    return Preview(preview.documents, preview.batches, preview.stale, preview.entries,
                   preview.prizes, uncertified_of(rendered))


def _progress_over(total: int, options: CertificateOptions
                   ) -> Callable[[int], Callable[[int, int], None] | None]:
    def at(start: int) -> Callable[[int, int], None] | None:
        if options.progress is None:
            return None
        return lambda done, _n: options.progress(start + done, total)
    return at


def prizes(documents: list[Rendered]) -> list[tuple[str, int, tuple[str, ...]]]:
    """The prize money each decision awards, as its Điều 2 prints it: each group's amount
    (typed, or computed from the decree and the base salary on the decision's date:
    documents.decision.group_amounts) times its recipients, and the forms that carry a prize
    "theo quy định hiện hành" that no table prices."""
    found = []
    for document in documents:
        if document.kind.name != "decision" or not document.data:
            continue
        day = decision_day(document.data)
        total, unstated = 0, []
        for group in document.data.get("awards", []):
            amounts = group_amounts(group, day)
            total += group_total(group, amounts)
            rule = auth.form_rule(group["form"])
            if not any(amounts.values()) and (group.get("prize") is not None or (rule and rule.prize)):
                unstated.append(group["form"])      # "theo quy định hiện hành" (decision.py)
        found.append((document.name.removesuffix(".docx"), total, tuple(unstated)))
    return found
