"""The agency builds from what it approved: the approved data written into the campaign folder
as the CLI's files, then the campaign's (or a cycle's) documents built by the CLI's own build
into the output folder and recorded in the register — refused whole, with nothing written, when
a file would be overwritten without «Ghi đè» or a build fails."""

from __future__ import annotations

import json

import docx
import pytest

from generator.store import register
from generator.store.submissions import AGENCY

BOTH_STORES = pytest.mark.parametrize("site", ["sqlite", "postgresql"], indirect=True)
CYCLE = "chu-ky-2022"


def send_and_approve(site, code, address, **changes):
    unit = site.client(code)
    page = unit.get(address)
    form = unit.plan_form(page.text)
    answer = unit.post(address, data={**form, **changes, "_action": "send"})
    assert answer.status_code == 303, answer.text
    agency = site.client(AGENCY)
    page = agency.get(address)
    answer = agency.post(f"{address.removesuffix('/ke-hoach')}/xet-duyet"
                         if address.endswith("/ke-hoach") else f"{address}/xet-duyet",
                         data={"_csrf": site.csrf(page.text), "_action": "approve"})
    assert answer.status_code == 303, answer.text
    return agency


def build(agency, site, action="build", force=False):
    page = agency.get("/ban-thi-dua/soan-van-ban")
    assert page.status_code == 200, page.text
    data = {"_csrf": site.csrf(page.text), "_action": action}
    if force:
        data["ghi_de"] = "1"
    return agency.post("/ban-thi-dua/soan-van-ban", data=data)


def registered(site):
    return register.entries(site.app.extensions["thidua"]["register"])


@BOTH_STORES
def test_an_approved_plan_is_written_and_the_campaign_built_into_the_register(site):
    target = site.folder / "units" / "TCCB.json"
    before = target.read_bytes()
    agency = send_and_approve(site, "TCCB", "/don-vi/TCCB/ke-hoach",
                              **{"targets.0": "Hoàn thành 100% nhiệm vụ được giao năm 2021"})
    listing = agency.get("/ban-thi-dua/soan-van-ban")
    assert "units/TCCB.json" in listing.text and "khác" in listing.text
    refused = build(agency, site)
    assert refused.status_code == 409
    assert "Tệp dữ liệu đã có với nội dung khác" in refused.text and "TCCB.json" in refused.text
    assert target.read_bytes() == before                        # nothing written
    assert not (site.folder / "van-ban").exists() and registered(site) == []

    done = build(agency, site, force=True)
    assert done.status_code == 200, done.text
    assert "Đã ghi 1 tệp dữ liệu" in done.text
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["targets"][0] == "Hoàn thành 100% nhiệm vụ được giao năm 2021"
    out = site.folder / "van-ban"
    plans = [p for p in out.glob("*.docx") if "Vụ Tổ chức cán bộ" in p.name
             or "TCCB" in p.name]
    assert plans, sorted(p.name for p in out.iterdir())
    text = "\n".join(p.text for p in docx.Document(plans[0]).paragraphs)
    assert "Hoàn thành 100% nhiệm vụ được giao năm 2021" in text
    numbers = {(e.number, e.symbol) for e in registered(site)}
    assert (15, "KH-VPCP") in numbers                           # the agency's plan, in the sổ
    assert len(numbers) == len(registered(site))

    again = build(agency, site)                                 # the same build: kept, once
    assert again.status_code == 200, again.text
    assert "(đã có, giữ nguyên)" in again.text
    assert len(registered(site)) == len(numbers)


def test_approved_nominations_go_into_the_cycle_and_its_documents_are_built(site):
    agency = send_and_approve(site, "TCCB", f"/don-vi/TCCB/de-nghi/{CYCLE}")
    done = build(agency, site, f"build:{CYCLE}", force=True)
    assert done.status_code == 200, done.text
    assert f"của đợt xét {CYCLE}" in done.text
    out = site.folder / "van-ban" / CYCLE
    names = {p.name for p in out.glob("*.docx")}
    assert any(n.startswith("Biên bản") for n in names), names
    assert any("Quyết định" in n for n in names), names
    assert any(e.symbol == "QĐ-VPCP" for e in registered(site))


def test_a_cycle_build_that_fails_writes_no_document_and_no_register_entry(site):
    """A nominee the council never voted on: the cycle's own error, shown; nothing built."""
    extra = {"nominees.3.subject": "cá nhân", "nominees.3.name": "Người Chưa Bỏ Phiếu"}
    unit = site.client("TCCB")
    address = f"/don-vi/TCCB/de-nghi/{CYCLE}"
    form = unit.plan_form(unit.get(address).text)
    form = unit.plan_form(unit.post(address, data={**form, "_action": "add:nominees"}).text)
    last = max(int(k.split(".")[1]) for k in form if k.startswith("nominees."))
    source = {k: v for k, v in form.items() if k.startswith("nominees.0.")}
    form.update({k.replace("nominees.0.", f"nominees.{last}.", 1): v for k, v in source.items()})
    form[f"nominees.{last}.name"] = extra["nominees.3.name"]
    answer = unit.post(address, data={**form, "_action": "send"})
    assert answer.status_code == 303, answer.text
    agency = site.client(AGENCY)
    page = agency.get(address)
    agency.post(f"{address}/xet-duyet", data={"_csrf": site.csrf(page.text),
                                               "_action": "approve"})
    failed = build(agency, site, f"build:{CYCLE}", force=True)
    assert failed.status_code == 409
    assert "Người Chưa Bỏ Phiếu" in failed.text
    assert not (site.folder / "van-ban" / CYCLE).exists()
    assert registered(site) == []


def test_only_the_agency_builds(site):
    client = site.client("TCCB")
    assert client.get("/ban-thi-dua/soan-van-ban").status_code == 403
    page = client.get("/don-vi/TCCB/ke-hoach")
    answer = client.post("/ban-thi-dua/soan-van-ban",
                         data={"_csrf": site.csrf(page.text), "_action": "build"})
    assert answer.status_code == 403
    assert not (site.folder / "van-ban").exists()
