"""Unit plans straight from the agency plan: drafts for units that have no data file yet, and
pre-filled data files (`thidua init-unit`) for a unit to complete.

A draft is ordinary unit-plan data, so it goes through the same checks, renderer and writer as a
unit's own file.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from generator.documents import UNIT_PLAN, Source
from generator.render.output import write_atomic

from .build import Published, Rendered, load_source, render_source, write_all
from .errors import Issue, OutputError, ValidationFailed

SCHEMA_URL = "https://thidua.github.io/schemas/unit-plan.schema.json"
# What a unit has to fill in itself is written in brackets so that it stands out in the draft.
TARGET_PLACEHOLDER = "(Đơn vị ghi các chỉ tiêu thi đua cụ thể.)"
NAME_PLACEHOLDER = "(Họ và tên)"
_HEAD_TITLES = {"vụ": "Vụ trưởng", "cục": "Cục trưởng"}


def unit_signer(unit: dict[str, Any]) -> dict[str, str]:
    if "head" in unit:
        return {"title": unit["head"]["title"], "name": unit["head"]["name"]}
    return {"title": _HEAD_TITLES.get(unit.get("kind", ""), "Thủ trưởng đơn vị"),
            "name": NAME_PLACEHOLDER}


def _year(campaign: dict[str, Any]) -> int:
    document = campaign["document"]
    return int(document["date"][:4]) if document["date"] else int(document["year"])


def draft_unit_data(campaign: dict[str, Any], unit: dict[str, Any], campaign_ref: str,
                    examples: bool = False) -> dict[str, Any]:
    """Unit-plan data with everything inherited and clear places for the unit's own parts.

    With *examples*, one sample registration and one sample activity show the unit the shape
    of those tables (a printed draft leaves them out).
    """
    data: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "campaign": campaign_ref,
        "unit": unit["code"],
        "document": {"number": None, "date": None, "year": _year(campaign)},
        "targets": [TARGET_PLACEHOLDER],
        "signer": unit_signer(unit),
        "recipients": [f"Lãnh đạo {campaign['issuer']['name']} (để báo cáo)",
                       "Các phòng, bộ phận thuộc đơn vị"],
        "archive": {"units": [unit["abbreviation"]]},
    }
    titles = campaign["commendation"].get("titles", [])
    if examples and titles:
        data["registrations"] = [{"name": unit["name"], "title": titles[0]["name"]}]
    if examples:
        data["activities"] = [{"content": "(Nội dung hoạt động)", "lead": "(Bộ phận chủ trì)",
                               "support": "(Bộ phận phối hợp)",
                               "deadline": campaign["movement"]["end"]}]
    return data


def _units(campaign: dict[str, Any], codes: list[str], file: str) -> list[dict[str, Any]]:
    known = {u["code"]: u for u in campaign["units"]}
    unknown = [c for c in codes if c not in known]
    if unknown:
        names = ", ".join(known)
        raise ValidationFailed([Issue(file, "$.units", f"không có đơn vị mã «{c}» (các mã có: "
                                                       f"{names})") for c in unknown])
    return [known[c] for c in codes] if codes else list(known.values())


def _checked(source: Source) -> Source:
    issues = UNIT_PLAN.check(source)
    if issues:
        raise ValidationFailed(issues)
    return source


def draft_unit_plans(campaign_path: Path, codes: list[str],
                     today: date | None = None) -> list[Rendered]:
    """Drafts, straight from the agency plan, for *codes* (or, with none, every unit that has
    no units/<CODE>.json of its own yet)."""
    _, plan = load_source(campaign_path)
    campaign = plan.data
    units = _units(campaign, codes, str(campaign_path))
    folder = campaign_path.parent / "units"
    if not codes:
        units = [u for u in units if not (folder / f"{u['code']}.json").exists()]
    rendered = []
    for unit in units:
        data = draft_unit_data(campaign, unit, "../" + campaign_path.name)
        source = Source(folder / f"{unit['code']}.json", data, campaign, campaign_path)
        rendered.append(render_source(UNIT_PLAN, _checked(source), today))
    return rendered


def build_unit_drafts(campaign_path: Path, out_dir: Path, codes: list[str], force: bool = False,
                      today: date | None = None) -> Published:
    """Write the drafts of :func:`draft_unit_plans`; nothing is written if any fails."""
    return write_all(draft_unit_plans(campaign_path, codes, today), out_dir, force)


def init_unit(campaign_path: Path, code: str, target: Path | None = None,
              force: bool = False) -> Path:
    """Write a pre-filled units/<CODE>.json (valid against the schema) for the unit to complete."""
    target, content = unit_file(campaign_path, code, target)
    return write_atomic(target, content, force)


def unit_file(campaign_path: Path, code: str, target: Path | None = None
              ) -> tuple[Path, bytes]:
    """The pre-filled units/<CODE>.json of :func:`init_unit` and where it goes, not written."""
    _, plan = load_source(campaign_path)
    (unit,) = _units(plan.data, [code], str(campaign_path))
    target = target or campaign_path.parent / "units" / f"{code}.json"
    if target.suffix.lower() != ".json":
        raise OutputError(f"Tệp dữ liệu phải có đuôi .json: {target}")
    reference = Path(os.path.relpath(campaign_path.resolve(), target.parent.resolve())).as_posix()
    data = draft_unit_data(plan.data, unit, reference, examples=True)
    _checked(Source(target, data, plan.data, campaign_path.resolve()))
    return target, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
