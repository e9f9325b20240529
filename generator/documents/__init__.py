"""The document kinds thidua knows, each a schema + a template + a context builder + checks,
registered in :data:`KINDS`.

A new kind is one module here defining a :class:`DocumentKind` (with its schema in ``schemas/``
and its template in ``templates/``), added to :data:`KINDS` below; the loader, validator,
renderer and writer are shared by all of them. A kind whose data points at another file (a unit
plan at its campaign) names it in ``campaign_field``; the pipeline loads it and cross-file errors
then name both files. Shared context helpers live in ``common``; what decisions and proposals
share, in ``awards``. ``review`` is the báo cáo sơ kết / tổng kết (kind ``report``), whose
figures ``figures`` counts, and the units' reports it gathers (kind ``unit-report``: data that
is validated, never rendered on its own).

It may import :mod:`generator.vn`, :mod:`generator.data`, :mod:`generator.errors` and the pure
geometry of :mod:`generator.render.layout` (to fit the header's lines to their column); never
docx, Jinja or Click: a kind builds data, the renderer turns it into a document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import UnknownDocumentKind

from .decision import DECISION
from .kind import DocumentKind, Source, placeholder_policy
from .plan import PLAN
from .proposal import PROPOSAL
from .review import REPORT, UNIT_REPORT
from .unit_plan import UNIT_PLAN

__all__ = ["DECISION", "KINDS", "PLAN", "PROPOSAL", "REPORT", "UNIT_PLAN", "UNIT_REPORT",
           "DocumentKind", "Source", "detect_kind", "kind_named", "placeholder_policy"]

KINDS: dict[str, DocumentKind] = {kind.name: kind
                                  for kind in (PLAN, UNIT_PLAN, DECISION, PROPOSAL, REPORT,
                                               UNIT_REPORT)}


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
