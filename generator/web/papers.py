"""What a unit fills in through `thidua serve`, one :class:`Paper` each: its Kế hoạch, and its
nominations for each commendation cycle of the campaign. Views handle every paper the same way
(form, save, send, preview, history, review); this module says, per paper, which schema its
form comes from, where its data starts, how it is checked and what it renders — by calling
:mod:`.plans` or :mod:`.nominations`, which call the CLI's own pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.errors import Issue
from generator.store.submissions import NOMINATIONS, PLAN

from . import nominations, plans
from .plans import Campaign


@dataclass(frozen=True)
class Paper:
    form: str                   # the store's name for it: "ke-hoach", "de-nghi/<cycle>"
    schema: str                 # the schema its form is generated from
    noun: str                   # what the clerk calls it
    document: str               # what its preview renders
    endpoint: str               # the views' prefix: "plan" or "nominations"
    cycle: nominations.CycleFolder | None = None

    def args(self, code: str) -> dict[str, Any]:
        """The URL arguments of this paper's pages for unit *code*."""
        return {"code": code, **({"cycle": self.cycle.name} if self.cycle else {})}

    @property
    def heading(self) -> str:
        if self.cycle is None:
            return "Kế hoạch thực hiện phong trào thi đua"
        return self.cycle.label


PLAN_PAPER = Paper(PLAN, "unit-plan", "Kế hoạch", "Kế hoạch", "plan")


def nominations_paper(cycle: nominations.CycleFolder) -> Paper:
    return Paper(NOMINATIONS + cycle.name, "nomination", "Đề nghị khen thưởng",
                 "Báo cáo thành tích", "nominations", cycle)


def papers(campaign: Campaign) -> list[Paper]:
    """Every paper a unit of *campaign* sends: its plan, then one per cycle."""
    return [PLAN_PAPER, *(nominations_paper(c) for c in nominations.cycles(campaign))]


def starting_data(campaign: Campaign, paper: Paper, code: str) -> dict[str, Any]:
    if paper.cycle is None:
        return plans.starting_data(campaign, code)
    return nominations.starting_data(campaign, paper.cycle, code)


def fixed_fields(paper: Paper, code: str) -> dict[str, Any]:
    if paper.cycle is None:
        return plans.fixed_fields(code)
    return nominations.fixed_fields(code)


def display_file(paper: Paper, code: str) -> str:
    if paper.cycle is None:
        return plans.display_file(code)
    return nominations.display_file(paper.cycle, code)


def check(campaign: Campaign, paper: Paper, code: str, data: dict[str, Any],
          sending: bool = False) -> tuple[list[Issue], list[Issue]]:
    """(errors, warnings) of the unit's data for *paper*."""
    if paper.cycle is None:
        errors, warnings, _ = plans.check_plan(campaign, code, data, sending=sending)
    else:
        errors, warnings, _ = nominations.check_nominations(campaign, paper.cycle, code, data,
                                                            sending=sending)
    return errors, warnings


def preview_of(campaign: Campaign, paper: Paper, code: str, data: dict[str, Any]
               ) -> tuple[list[Issue], plans.Preview | None]:
    if paper.cycle is None:
        return plans.preview_of(campaign, code, data)
    return nominations.preview_of(campaign, paper.cycle, code, data)


def suggestions(campaign: Campaign, paper: Paper) -> dict[str, list[str]]:
    """Values the form offers while typing: the titles a unit registers for, or the forms
    and titles its nominees may be proposed for."""
    if paper.cycle is None:
        return plans.suggestions(campaign)
    commendation = campaign.data["commendation"]
    offered = [*commendation.get("forms", []),
               *(t["name"] for t in commendation.get("titles", []))]
    return {"nominees.#.form": offered} if offered else {}
