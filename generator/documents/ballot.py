"""The council's ballots (phiếu bầu): one page per form, listing the collectives and the
individuals the units nominated for it, in Vietnamese name order (given name, then middle and
family names, Vietnamese collation: :mod:`generator.vn.collation`), with a column to cross for
and one against.

A ballot is secret: no number, no signature, no Nơi nhận. It is printed under the council's
header so that the ballots of two councils cannot be mixed, and it is not an administrative
document of Nghị định 30/2020 (Điều 7 does not list it), so ``thidua check`` does not apply.
The kind is not in :data:`generator.documents.KINDS`: it has no data file of its own, its data
is the cycle file with the nominations joined in (``data["nominated"]``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.vn import collation
from generator.vn import formats as vn

from .common import header_context
from .council_minutes import council_issuer
from .kind import DocumentKind, Source, check_dates

INSTRUCTION = ("Đồng ý thì đánh dấu (X) vào cột «Đồng ý», không đồng ý thì đánh dấu (X) vào cột "
               "«Không đồng ý» ở dòng của từng tập thể, cá nhân.")
NOTE = ("Phiếu đánh dấu cả hai cột, hoặc ghi thêm tên, ở một dòng thì dòng đó không hợp lệ. "
        "Phiếu không ký tên.")


def ballot_pages(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One page per form of the tally (the council's order), its nominees sorted."""
    pages = []
    for vote in data["tally"]:
        named = [n for n in data.get("nominated", [])
                 if vn.same_name_key(n["form"]) == vn.same_name_key(vote["form"])]
        collectives = sorted((n for n in named if n["subject"] == "tập thể"),
                             key=lambda n: collation.sort_key(n["name"]))
        individuals = sorted((n for n in named if n["subject"] == "cá nhân"),
                             key=lambda n: collation.name_key(n["name"]))
        labels = iter(("1.", "2."))
        pages.append({
            "title": f"Xét đề nghị tặng {vote['form']}",
            "collectives": [{"name": n["name"]} for n in collectives],
            "individuals": [{"name": n["name"], "detail": n["detail"]} for n in individuals],
            "collective_label": f"{next(labels)} Tập thể" if collectives else "",
            "individual_label": f"{next(labels)} Cá nhân" if individuals else "",
        })
    return pages


def ballot_context(source: Source, today: date) -> dict[str, Any]:
    """Context of the ballots (templates/ballot.docx)."""
    data, campaign = source.data, source.campaign or {}
    meeting = data["meeting"]
    base = {"issuer": council_issuer(data, campaign), "document": meeting["document"],
            "recipients": meeting["recipients"], "archive": meeting["archive"],
            "signer": {"title": "Chủ tọa", "name": data["council"]["chair"],
                       "collective": False}}
    doc = header_context(base, "Biên bản")
    number = meeting["document"]["number"]
    doc.update(
        # No number and no ký hiệu on a secret ballot: the header keeps the place and date.
        number_line="",
        entry={**doc["entry"], "number": None},
        file_stem=f"Phiếu bầu - Biên bản {vn.document_number(number)}"
                  f"-{vn.document_symbol('Biên bản', data['council']['abbreviation'])}"
        if number else "Phiếu bầu (dự thảo)",
        ballots=ballot_pages(data),
        instruction=INSTRUCTION,
        note=NOTE,
    )
    return {**data, "doc": doc}


BALLOT = DocumentKind(
    name="ballot",
    label="Phiếu bầu",
    template="ballot.docx",
    build_context=ballot_context,
    rules=lambda source: check_dates(source.data["meeting"], source.file),
    campaign_field="campaign",
)
