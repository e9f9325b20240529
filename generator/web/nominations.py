"""A unit's nominations for one commendation cycle (đề nghị khen thưởng) as the web app sees
them: the cycles of the campaign, a unit's starting data, its check and its báo cáo thành tích
— through the CLI's own pipeline (the loader's text rules, the schema validator, the nomination
kind's rules against the campaign, the cycle's renderer), never a second one.

A cycle is a folder of the campaign holding cycle.json (:mod:`generator.cycle`); a unit's
nominations are the file nominations/<MÃ>.json of that folder, which the web app offers to
write once the agency has approved them (:mod:`generator.web.publish`).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.build import Rendered
from generator.cycle import CYCLE_FILE, NOMINATIONS, SCHEMA_URL
from generator.cycle_build import nomination_reports
from generator.data.loader import load_json
from generator.documents import NOMINATION, Source
from generator.errors import Issue, ThiduaError
from generator.unit_drafts import unit_signer

from .plans import (
    Campaign,
    Preview,
    check_data,
    content_key,
    document_text,
    own_data,
    remembered,
)

CAMPAIGN_REF = "../../campaign.json"     # from <cycle>/nominations/<MÃ>.json


@dataclass(frozen=True)
class CycleFolder:
    """A cycle of the campaign that units send nominations to."""

    name: str               # the folder's name: the part of the address (/de-nghi/<name>)
    folder: Path
    kind: str               # "sơ kết", "tổng kết", "đột xuất", "năm" … (cycle.json "kind")

    @property
    def label(self) -> str:
        return f"Đề nghị khen thưởng {self.kind} ({self.name})"


def cycles(campaign: Campaign) -> list[CycleFolder]:
    """The cycle folders directly in the campaign folder whose cycle.json points at this
    campaign, by name. A cycle.json that cannot be read is left out here; `thidua validate`
    and the agency's build name its fault."""
    found = []
    for folder in sorted(p for p in campaign.folder.iterdir() if p.is_dir()):
        path = folder / CYCLE_FILE
        if not path.is_file():
            continue
        try:
            data = load_json(path)
        except ThiduaError:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("campaign"), str):
            continue
        if (folder / data["campaign"]).resolve() != campaign.path:
            continue
        found.append(CycleFolder(folder.name, folder, str(data.get("kind") or "")))
    return found


def cycle_named(campaign: Campaign, name: str) -> CycleFolder | None:
    """The cycle whose folder is *name*: only a name :func:`cycles` lists, never a path."""
    return next((c for c in cycles(campaign) if c.name == name), None)


def display_file(cycle: CycleFolder, code: str) -> str:
    return f"{cycle.name}/{NOMINATIONS}/{code}.json"


def fixed_fields(code: str) -> dict[str, Any]:
    """The fields the server sets: the schema, the campaign and the unit's own code."""
    return {"$schema": SCHEMA_URL.format("nomination"), "campaign": CAMPAIGN_REF, "unit": code}


def starting_data(campaign: Campaign, cycle: CycleFolder, code: str) -> dict[str, Any]:
    """What the form shows before the unit's first save: its nominations/<MÃ>.json when the
    cycle has one, else a draft with the unit's head as signer and no nominee yet."""
    own = own_data(cycle.folder / NOMINATIONS / f"{code}.json")
    if own is not None:
        return own
    return {**fixed_fields(code), "date": date.today().isoformat(),
            "signer": unit_signer(campaign.units[code]), "nominees": []}


def check_nominations(campaign: Campaign, cycle: CycleFolder, code: str, data: dict[str, Any],
                      sending: bool = False) -> tuple[list[Issue], list[Issue], Source | None]:
    """(errors, warnings, source) of the unit's nominations, checked as the cycle's
    nominations/<MÃ>.json by the nomination kind (its schema also refuses an empty list)."""
    return check_data(NOMINATION, campaign, display_file(cycle, code),
                      cycle.folder / NOMINATIONS / f"{code}.json", data, sending)


def reports_zip(reports: list[Rendered], name: str, source: Source) -> Rendered:
    """The reports as one zip named *name* (zipfile marks Vietnamese names UTF-8)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for report in reports:
            archive.writestr(report.name, report.content)
    return Rendered(source.path, NOMINATION, name, buffer.getvalue())


def preview_of(campaign: Campaign, cycle: CycleFolder, code: str, data: dict[str, Any]
               ) -> tuple[list[Issue], Preview | None]:
    """(errors, preview) of the unit's nominations: every nominee's report, in one zip, with
    their text; rendered once per content."""
    def make() -> tuple[list[Issue], Preview | None]:
        errors, _, source = check_nominations(campaign, cycle, code, data)
        if source is None:
            return errors, None
        reports = nomination_reports(source, date.today())
        text: list[str] = []
        for report in reports:
            text += [f"— {report.name} —", *document_text(report.content)]
        name = f"Báo cáo thành tích - {campaign.units[code]['name']}.zip"
        return [], Preview(reports_zip(reports, name, source), tuple(text))
    return remembered(content_key(cycle.name, code, data, campaign.stamp), make)
