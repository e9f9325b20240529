"""The one exception hierarchy of thidua.

Every failure the library reports is a :class:`ThiduaError`. Messages are written for the clerk
(Vietnamese first) and built from structured fields; the CLI is the only place that turns them
into output and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ThiduaError(Exception):
    """Root of every error thidua raises on purpose."""

    exit_code = 1


@dataclass(frozen=True)
class Issue:
    """One problem found in one input file, at one JSON path."""

    file: str
    path: str
    message: str
    severity: str = "error"     # "warning" issues are reported but do not stop a build

    def __str__(self) -> str:
        label = "cảnh báo: " if self.severity == "warning" else ""
        return f"{self.file}: {self.path}: {label}{self.message}"


class DataError(ThiduaError, ValueError):
    """A data file cannot be read as JSON at all (encoding, syntax, duplicate keys…)."""

    def __init__(self, file: str | Path, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        self.file = str(file)
        self.line = line
        self.column = column
        self.detail = message
        where = f" (dòng {line}, cột {column})" if line is not None else ""
        super().__init__(f"{self.file}{where}: {message}")


class ValidationFailed(ThiduaError, ValueError):
    """The data was read but breaks the schema or a cross-field rule; carries every issue."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


class UnknownDocumentKind(ThiduaError, LookupError):
    """A document kind or schema name that thidua does not know."""


class ResourceMissing(ThiduaError, FileNotFoundError):
    """A packaged template or schema is missing: the installation is broken."""


class LegalBasisError(ThiduaError, ValueError):
    """No legal regime is known for the date of a document."""


class RenderError(ThiduaError, RuntimeError):
    """The template could not be filled in (a template bug, or data it cannot show)."""


class OutputExists(ThiduaError, FileExistsError):
    """The output file exists and --force was not given."""


class OutputError(ThiduaError, OSError):
    """The output could not be written (permissions, disk, unsafe name)."""


class UnreadableDocument(ThiduaError, ValueError):
    """A file given to `thidua check` is not a readable .docx (a .doc, a PDF, a broken zip…)."""

    exit_code = 2


class ConversionError(ThiduaError, RuntimeError):
    """LibreOffice is missing or failed to convert documents to PDF."""
