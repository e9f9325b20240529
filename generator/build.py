"""The pipeline: load → validate → build the context → render → write.

Everything is checked and rendered in memory before the first file is written, so a run that
fails writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .documents import KINDS, DocumentKind, detect_kind
from .errors import DataError, OutputError, ThiduaError, UnknownDocumentKind, ValidationFailed
from .loader import load_json
from .output import check_writable, safe_filename, write_atomic
from .render import render
from .schema import schema_issues


@dataclass(frozen=True)
class Rendered:
    """A document rendered in memory, not yet written."""

    source: Path
    kind: DocumentKind
    name: str
    content: bytes


def load_valid(path: Path, kind: DocumentKind | None = None) -> tuple[DocumentKind, dict[str, Any]]:
    """Load *path* strictly and validate it; ValidationFailed lists every issue."""
    file = str(path)
    data = load_json(path)
    kind = kind or detect_kind(path, data)
    if kind is None:
        names = ", ".join(KINDS)
        raise UnknownDocumentKind(
            f"{file}: không xác định được loại dữ liệu; hãy thêm \"$schema\" vào tệp hoặc dùng "
            f"--kind (một trong: {names}).")
    if not isinstance(data, dict):
        raise DataError(file, "tệp dữ liệu phải là một đối tượng JSON { … }")
    issues = schema_issues(data, kind.schema, file)
    if not issues:
        # Cross-field rules assume the shapes the schema guarantees.
        issues = kind.check(data, file)
    if issues:
        raise ValidationFailed(issues)
    return kind, data


def validate_files(paths: list[Path], kind: DocumentKind | None = None) -> list[ThiduaError]:
    """Validate every file; return the errors of all of them (empty when all are valid)."""
    errors: list[ThiduaError] = []
    for path in paths:
        try:
            load_valid(path, kind)
        except ThiduaError as err:
            errors.append(err)
    return errors


def render_file(path: Path, kind: DocumentKind | None = None,
                today: date | None = None) -> Rendered:
    """Validate and render one data file in memory."""
    kind, data = load_valid(path, kind)
    context = kind.build_context(data, today or date.today())
    return Rendered(path, kind, safe_filename(kind.output_name(data)),
                    render(kind.template, context))


def write_all(documents: list[Rendered], out_dir: Path, force: bool = False) -> list[Path]:
    """Write rendered documents into *out_dir*, refusing (before writing any) to overwrite."""
    targets = [out_dir / d.name for d in documents]
    duplicates = sorted({str(t) for t in targets if targets.count(t) > 1})
    if duplicates:
        raise OutputError("Hai văn bản trùng tên tệp (trùng số, ký hiệu): " + ", ".join(duplicates))
    check_writable(targets, force)
    return [write_atomic(t, d.content, force) for t, d in zip(targets, documents)]


def build_file(path: Path, out_dir: Path, force: bool = False, kind: DocumentKind | None = None,
               today: date | None = None) -> Path:
    """Validate, render and write one document; returns its path."""
    return write_all([render_file(path, kind, today)], out_dir, force)[0]


def campaign_files(folder: Path) -> list[Path]:
    """The data files of a campaign folder, in build order."""
    main = folder / "campaign.json"
    if not main.is_file():
        raise DataError(folder, "thư mục phong trào phải có tệp campaign.json")
    return [main]


def build_campaign(folder: Path, out_dir: Path, force: bool = False,
                   today: date | None = None) -> list[Path]:
    """Build every document of a campaign folder; nothing is written if any file fails."""
    rendered, errors = [], []
    for path in campaign_files(folder):
        try:
            rendered.append(render_file(path, today=today))
        except ValidationFailed as err:
            errors.extend(err.issues)
    if errors:
        raise ValidationFailed(errors)
    return write_all(rendered, out_dir, force)
