"""The document kinds thidua knows, each a schema + a template + a context builder + checks,
registered in :data:`KINDS`.

A new kind is one module here defining a :class:`DocumentKind` (with its schema in ``schemas/``
and its template in ``templates/``), named in ``_MODULES`` below; the loader, validator,
renderer and writer are shared by all of them. A kind whose data points at another file (a unit
plan at its campaign) names it in ``campaign_field``; the pipeline loads it and cross-file errors
then name both files. Shared context helpers live in ``common``; what decisions and proposals
share, in ``awards``. ``review`` is the báo cáo sơ kết / tổng kết (kind ``report``), whose
figures ``figures`` counts, and the units' reports it gathers (kind ``unit-report``: data that
is validated, never rendered on its own).
The commendation cycle adds ``nomination`` (a unit's nominations and their
báo cáo thành tích) and ``cycle`` (``council_minutes``: the council's tally and its Biên bản);
its ballots (``ballot``) have no data file of their own and are not in :data:`KINDS`.

It may import :mod:`generator.vn`, :mod:`generator.data`, :mod:`generator.errors` and the pure
geometry of :mod:`generator.render.layout` (to fit the header's lines to their column); never
docx, Jinja or Click: a kind builds data, the renderer turns it into a document.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import UnknownDocumentKind

from .kind import DocumentKind, Source, placeholder_policy

if TYPE_CHECKING:
    from .council_minutes import CYCLE
    from .decision import DECISION
    from .nomination import NOMINATION
    from .plan import PLAN
    from .proposal import PROPOSAL
    from .review import REPORT, UNIT_REPORT
    from .unit_plan import UNIT_PLAN

    KINDS: dict[str, DocumentKind]

__all__ = ["CYCLE", "DECISION", "KINDS", "NOMINATION", "PLAN", "PROPOSAL", "REPORT", "UNIT_PLAN",
           "UNIT_REPORT", "DocumentKind", "Source", "detect_kind", "kind_named",
           "placeholder_policy"]

# Each kind's module is imported on first use (PEP 562): `thidua certificates` needs the
# decision and its campaign's plan, not the council's minutes, the reports or the nominations,
# whose modules and rule tables cost a tenth of its start-up. The order is KINDS' order.
_MODULES = {"PLAN": "plan", "UNIT_PLAN": "unit_plan", "DECISION": "decision",
            "PROPOSAL": "proposal", "REPORT": "review", "UNIT_REPORT": "review",
            "NOMINATION": "nomination", "CYCLE": "council_minutes"}


def __getattr__(name: str) -> Any:
    if name == "KINDS":
        value: Any = {kind.name: kind for kind in map(__getattr__, _MODULES)}
    elif name in _MODULES:
        value = getattr(importlib.import_module(f".{_MODULES[name]}", __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value         # looked up once
    return value


def _kinds() -> dict[str, DocumentKind]:
    """KINDS, from inside this module (where a global name never reaches __getattr__)."""
    kinds: dict[str, DocumentKind] = globals().get("KINDS") or __getattr__("KINDS")
    return kinds


def kind_named(name: str) -> DocumentKind:
    try:
        return _kinds()[name]
    except KeyError:
        known = ", ".join(_kinds())
        raise UnknownDocumentKind(f"Không có loại văn bản «{name}». Các loại có: {known}.") from None


def detect_kind(path: Path, data: Any) -> DocumentKind | None:
    """The kind named by the data's "$schema", else by its file or folder name."""
    if isinstance(data, dict) and isinstance(data.get("$schema"), str):
        tail = data["$schema"].rsplit("/", 1)[-1]
        for kind in _kinds().values():
            if tail == f"{kind.schema}.schema.json":
                return kind
    for kind in _kinds().values():
        if path.name in kind.file_names or (kind.folder and path.parent.name == kind.folder):
            return kind
    return None
