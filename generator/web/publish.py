"""What the agency does with what it approved: the approved data goes into the campaign folder
as the files the CLI reads (units/<MÃ>.json, <đợt xét>/nominations/<MÃ>.json), then the
documents are built by the CLI's own build (:func:`generator.build.build_campaign`, or
:func:`generator.cycle_build.build_cycle` for a cycle) into the output folder, recorded in the
register: a number issued once, nothing written if anything fails.

A data file that exists with other content is not replaced unless the agency asks (the web's
--force); one with the same content is left as it is. Every approved submission is checked
again against the campaign before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build import Published, build_campaign
from generator.cycle import NOMINATIONS, data_bytes
from generator.cycle_build import build_cycle
from generator.errors import OutputExists, ThiduaError
from generator.render.output import write_atomic
from generator.store.backend import Target

from . import papers
from .nominations import cycle_named
from .plans import Campaign


@dataclass(frozen=True)
class DataFile:
    """One approved submission as the file the CLI reads."""

    path: Path
    content: bytes
    unit: str
    paper: papers.Paper

    @property
    def state(self) -> str:
        """'mới' (no file yet), 'giữ nguyên' (the same content) or 'khác' (other content)."""
        if not self.path.is_file():
            return "mới"
        return "giữ nguyên" if self.path.read_bytes() == self.content else "khác"


def data_path(campaign: Campaign, paper: papers.Paper, code: str) -> Path:
    if paper.cycle is None:
        return campaign.folder / "units" / f"{code}.json"
    return paper.cycle.folder / NOMINATIONS / f"{code}.json"


def data_files(campaign: Campaign, approved: dict[str, dict[str, dict[str, Any]]]
               ) -> list[DataFile]:
    """The files of every approved submission (*approved*: paper form → unit → data), each
    checked against the campaign; a submission no longer valid stops everything."""
    files = []
    for paper in papers.papers(campaign):
        for code, data in sorted(approved.get(paper.form, {}).items()):
            if code not in campaign.units:
                continue            # a unit since removed from campaign.json
            errors, _ = papers.check(campaign, paper, code, data)
            if errors:
                first = errors[0]
                raise ThiduaError(f"{paper.noun} đã duyệt của {campaign.units[code]['name']} "
                                  f"không còn hợp lệ ({papers.display_file(paper, code)}, "
                                  f"{first.path}): {first.message}")
            files.append(DataFile(data_path(campaign, paper, code), data_bytes(data), code,
                                  paper))
    return files


def write_data(files: list[DataFile], force: bool = False) -> list[DataFile]:
    """Write the files that are new or (with *force*) changed; the ones written. Without
    *force*, a file with other content refuses the whole step before anything is written."""
    differing = [f for f in files if f.state == "khác"]
    if differing and not force:
        names = ", ".join(str(f.path) for f in differing)
        raise OutputExists(f"Tệp dữ liệu đã có với nội dung khác: {names}. Hãy chọn «Ghi đè» "
                           "nếu muốn thay bằng bản đã duyệt.")
    written = [f for f in files if f.state != "giữ nguyên"]
    for file in written:
        write_atomic(file.path, file.content, force=True)
    return written


def build(campaign: Campaign, out_dir: Path, register: Target | None,
          cycle: str | None = None, force: bool = False) -> Published:
    """The campaign's documents (or one cycle's, into its own sub-folder) built into
    *out_dir* and recorded in *register*, by the CLI's build."""
    if cycle is None:
        return build_campaign(campaign.folder, out_dir, force=force, register_path=register)
    found = cycle_named(campaign, cycle)
    if found is None:
        raise ThiduaError(f"Không có đợt xét «{cycle}» trong thư mục phong trào.")
    return build_cycle(found.folder, out_dir / cycle, force=force, register_path=register)
