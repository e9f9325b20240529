"""A user's own templates: exported, edited and saved by LibreOffice itself (through its UNO
bridge, so its run splitting and XML are in play), checked, rendered, read back; templates
planted with faults, each caught at its place; hostile templates stopped."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from support import SAMPLE, SAMPLE_DIR, SOFFICE, TESTS

from generator.certificates.batch import write_certificates
from generator.certificates.engine import Printing
from generator.check.run import check_files
from generator.render import engine, user_templates
from generator.render.user_templates import export_templates, templates_from
from generator.resources import template_bytes, template_names

UNO_PYTHON = "/usr/bin/python3"
HAS_UNO = SOFFICE is not None and os.path.exists(UNO_PYTHON) and subprocess.run(
    [UNO_PYTHON, "-c", "import uno"], capture_output=True, check=False).returncode == 0
if not HAS_UNO and os.environ.get("THIDUA_REQUIRE_SOFFICE"):
    raise RuntimeError("THIDUA_REQUIRE_SOFFICE is set but LibreOffice's Python bridge (python3-uno) "
                       "is missing")
needs_uno = pytest.mark.skipif(not HAS_UNO, reason="LibreOffice with python3-uno is needed")

DECISION = SAMPLE_DIR / "decisions" / "so-ket-2022.json"


def logo(path: Path) -> Path:
    import struct
    import zlib
    raw = b"".join(b"\x00" + b"\xc8\x1e\x1e" * 40 for _ in range(40))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 40, 8, 2,
                                                                      0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def add(after: str, text: str, bold: str = "") -> dict:
    return {"op": "add_paragraph", "after": after, "text": text, "bold": bold}


# Every fault of `templates check`, planted in the exported plan by LibreOffice: the edit, a
# piece of the text around the fault's place, and what the report says there.
PLANTED = [
    ({"op": "replace", "find": "{{ title }}", "with": "{{ titel }}"},
     "{{ titel }}", "biến «titel» không có"),
    ({"op": "replace", "find": "{{ movement.name|quoted }}", "with": "{{ movement.nam|quoted }}"},
     "{{ movement.nam|quoted }}", "trường «nam» không có trong «movement»"),
    ({"op": "replace", "find": "{{ closing|end_body }}", "with": "{{ closing|end_bodi }}"},
     "{{ closing|end_bodi }}", "bộ lọc «end_bodi» không có"),
    ({"op": "replace", "find": "{%p for item in requirements %}",
      "with": "{%p if requirements %}"}, "{%p endfor %}", "«{% endfor %}» không khớp"),
    (None, "{%p if requirements %}", "không được đóng"),     # the same edit, seen at its start
    (add("{{ doc.opening }}", "Mã: {{ doc.opening.__class__ }}"), "Mã: {{ doc.opening",
     "«__class__» bị cấm"),
    (add("{{ doc.period }}", "{% include 'khac.docx' %}"), "{% include", "include (chèn tệp"),
    (add("{{ doc.period }}", "{{ purposes.append('x') }}"), "purposes.append", "«append» bị cấm"),
    (add("2. Yêu cầu", "{{ title|safe }}"), "{{ title|safe }}", "bộ lọc «safe» bị cấm"),
    (add("1. Chủ đề", "Đề nghị {{ “Bộ” }}"), "Đề nghị", "ngoặc kép cong"),
    (add("3. Thời gian thực hiện", "{%tr for row in purposes %}"), "{%tr for row",
     "phải nằm trong một hàng của bảng"),
    (add("{{ loop.index }}. {{ item }}", "{% macro x() %}{% endmacro %}"), "{% macro",
     "macro (định nghĩa hàm)"),
    (add("III. GIẢI PHÁP THỰC HIỆN", "Cơ quan: {{ doc.agency"), "Cơ quan:", "mở mà không đóng"),
    (add("IV. HÌNH THỨC KHEN THƯỞNG", "{% if doc.parent %}Kính trình"), "cấp trên",
     "phải ở cùng một đoạn văn"),
    (add("Kính trình", "cấp trên{% endif %}"), "cấp trên", "mở ở phần thân"),
    (add("{{ signer.name }}", "{%p for x in purposes %}"), "{%p for x in purposes %}",
     "không được đóng"),
    (add("V. TỔ CHỨC THỰC HIỆN", "Thời hạn: {{ doc.period }}", bold="doc.per"), "Thời hạn:",
     "cảnh báo: thẻ «{{ doc.period }}» bị tách thành 3 đoạn định dạng"),
    ({"op": "header", "text": " {{ ten_co_quan }}"}, "{{ ten_co_quan }}",
     "biến «ten_co_quan» không có"),
]

# Templates that pass the check and would run away, or break the XML, when filled.
HOSTILE = {
    "slow": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "huge": "{% for i in range(100000) %}{{ title }}{% endfor %}",
    "repeat": "{{ title * 1000000 }}",
    "power": "{{ 2 ** 100000 }}",
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Folders of templates exported, then edited and saved by LibreOffice:
    "good" (every kind), "faulty" (PLANTED), and one per HOSTILE plan, and "broken_xml"."""
    if not HAS_UNO:
        pytest.skip("LibreOffice with python3-uno is needed")
    base = tmp_path_factory.mktemp("edited")
    exported = base / "exported"
    export_templates(exported)
    png = logo(base / "logo.png")
    folders = {name: base / name for name in ["good", "faulty", "broken_xml", "header",
                                              "hardwired", *HOSTILE]}
    for folder in folders.values():
        folder.mkdir()
    image = {"op": "image", "path": str(png), "width_mm": 12}
    good = {
        "plan.docx": [{"op": "font", "find": "{{ title }}", "font": "Arial"},
                      add("{{ doc.opening }}", "Thời gian thực hiện: {{ doc.period }}",
                          bold="doc.per"),
                      {"op": "move", "find": "{%p for item in responsibilities %}",
                       "until": "{%p endfor %}", "before": "{{ commendation.intro }}"},
                      {**image, "find": "{{ doc.agency }}"}],
        "bang_khen.docx": [{"op": "font", "find": "{{ achievement }}", "font": "DejaVu Serif",
                            "all": True},
                           {**image, "find": "{{ decision_line }}", "width_mm": 10}],
        "giay_khen.docx": [{"op": "font", "find": "{{ achievement }}", "font": "DejaVu Serif"}],
    }
    for name in [n for n in template_names() if n not in good]:    # decision, proposal, …
        good[name] = [{"op": "font", "find": "{{ doc.number_line }}", "font": "Arial"},
                      {**image, "find": "{{ doc.agency }}"}]
    jobs = [{"in": str(exported / n), "out": str(folders["good"] / n), "edits": e}
            for n, e in good.items()]
    jobs.append({"in": str(exported / "plan.docx"), "out": str(folders["faulty"] / "plan.docx"),
                 "edits": [edit for edit, _, _ in PLANTED if edit]})
    jobs.append({"in": str(exported / "plan.docx"), "out": str(folders["header"] / "plan.docx"),
                 "edits": [{"op": "header", "text": " {{ doc.number_line }}"}]})
    for name, text in HOSTILE.items():
        jobs.append({"in": str(exported / "plan.docx"), "out": str(folders[name] / "plan.docx"),
                     "edits": [add("{{ doc.opening }}", text)]})
    jobs.append({"in": str(exported / "plan.docx"), "out": str(folders["broken_xml"] /
                                                               "plan.docx"),
                 "edits": [add("{{ closing|end_body }}", "{% if doc.parent %}Kính gửi"),
                           add("{{ signer.name }}", "{% endif %}ký thay")]})
    # The built-in itself saved by LibreOffice: the draft choice in its section properties is
    # dropped, the draft header kept (what an export used to give).
    (base / "builtin_plan.docx").write_bytes(template_bytes("plan.docx"))
    jobs.append({"in": str(base / "builtin_plan.docx"),
                 "out": str(folders["hardwired"] / "plan.docx"), "edits": []})
    (base / "jobs.json").write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
    subprocess.run([UNO_PYTHON, str(TESTS / "support" / "lo_edit.py"), str(base / "jobs.json")],
                   check=True, timeout=300)
    return {"exported": exported, **folders}


def plain(text: str) -> str:
    """*text* with the no-break space and hyphen of vn.linebreaks as ordinary ones."""
    return text.replace("\u00a0", " ").replace("\u2011", "-")


def all_text(document) -> str:
    """Every paragraph's text, in tables too, one a line."""
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t"))
                     for p in document.element.body.iter(f"{W}p"))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def manifest_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "documents.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def same_ids(xml: str) -> str:
    """*xml* with pictures' relationship ids, and the section properties' header references
    (an exported template has its own header parts, the draft mark in them), set aside."""
    xml = re.sub(r'<w:headerReference [^>]*/>', '', xml)
    # docxtpl marks the text before a tag "preserve": the built-in's last, before its sectPr's
    xml = re.sub(r'<w:t xml:space="preserve">(\S(?:[^<]*\S)?)</w:t>', r'<w:t>\1</w:t>', xml)
    return re.sub(r'r:embed="rId\d+"', 'r:embed="rId"', xml)


MARK = "DỰ THẢO"


def header_texts(path: Path) -> list[tuple[int, str, str]]:
    """(section, 'default'|'first', text) of every header each section shows."""
    document = docx.Document(str(path))
    out = []
    for index, section in enumerate(document.sections):
        for kind, header in (("default", section.header), ("first", section.first_page_header)):
            out.append((index, kind, "".join(
                "".join(t.text or "" for t in p.iter(f"{W}t"))
                for p in header._element.iter(f"{W}p")
                if next(p.iterancestors(f"{W}p"), None) is None)))
    return out


def body(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


# ---------------------------------------------------------------------------- export


def test_export_writes_every_builtin_cleaned(tmp_path, run):
    result = run("templates", "export", str(tmp_path / "mau"))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "mau").iterdir())
    assert names == template_names()
    assert {"bang_khen.docx", "giay_khen.docx", "plan.docx", "decision.docx"} <= set(names)
    for path in (tmp_path / "mau").iterdir():
        with zipfile.ZipFile(path) as archive:
            members = archive.namelist()
            assert archive.testzip() is None
            app = archive.read("docProps/app.xml").decode()
            core = archive.read("docProps/core.xml").decode()
            rels = "".join(archive.read(m).decode() for m in members if m.endswith(".rels"))
            types = archive.read("[Content_Types].xml").decode()
        assert not [m for m in members if "thumbnail" in m or m.startswith("customXml")]
        assert "Normal.dotm" not in app and "Macintosh" not in app
        assert "2013-12-23" not in core and "{{" not in core
        assert "thumbnail" not in rels and "customXml" not in rels and "thumbnail" not in types
        docx.Document(str(path))          # python-docx opens it: every relationship resolves


def test_export_never_overwrites_without_force(tmp_path, run):
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "plan.docx").write_bytes(b"my own plan")
    result = run("templates", "export", str(folder))
    assert result.exit_code == 1
    assert "plan.docx" in result.stderr and "--force" in result.stderr
    assert (folder / "plan.docx").read_bytes() == b"my own plan"
    assert not (folder / "decision.docx").exists()          # nothing written at all
    assert run("templates", "export", str(folder), "--force").exit_code == 0
    assert zipfile.is_zipfile(folder / "plan.docx")


def test_exported_templates_render_the_sample_as_the_builtins_do(tmp_path, run):
    export_templates(tmp_path / "mau")
    assert run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "a")).exit_code == 0
    result = run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "b"), "--templates",
                 str(tmp_path / "mau"))
    assert result.exit_code == 0, result.output
    assert f"(mẫu riêng: {tmp_path / 'mau' / 'plan.docx'})" in result.stdout
    built_in, own = manifest_rows(tmp_path / "a"), manifest_rows(tmp_path / "b")
    assert {"có sẵn: plan.docx", "có sẵn: unit_plan.docx", "có sẵn: decision.docx",
            "có sẵn: proposal.docx"} <= {r["template"] for r in built_in}
    assert all(r["template"].startswith("có sẵn: ") for r in built_in)
    assert {Path(r["template"]).parent for r in own} == {tmp_path / "mau"}
    for row in built_in:
        if row["file"].endswith(".docx"):   # the same XML (pictures' relationship ids aside)
            assert same_ids(body(tmp_path / "a" / row["file"])) == same_ids(
                body(tmp_path / "b" / row["file"]))
            # the same page headers, each section's (the draft mark is in them, conditional)
            assert header_texts(tmp_path / "a" / row["file"]) == header_texts(
                tmp_path / "b" / row["file"]), row["file"]


def test_a_manifest_of_the_previous_version_is_still_read(tmp_path, run):
    out = tmp_path / "out"
    assert run("plan", str(SAMPLE), "-o", str(out)).exit_code == 0
    rows = manifest_rows(out)
    old = io.StringIO()
    writer = csv.writer(old, lineterminator="\n")
    writer.writerow(["file", "type", "number", "source", "sha256"])
    writer.writerows([[r[k] for k in ("file", "type", "number", "source", "sha256")]
                      for r in rows])
    (out / "documents.csv").write_text(old.getvalue(), encoding="utf-8-sig")
    result = run("plan", str(SAMPLE), "-o", str(out))      # no --force needed: it is ours
    assert result.exit_code == 0, result.output
    assert "Giữ nguyên" in result.stdout
    assert manifest_rows(out)[0]["template"] == "có sẵn: plan.docx"


# ---------------------------------------------------------------------------- edited in LibreOffice


@needs_uno
def test_a_plan_edited_in_libreoffice_is_checked_and_rendered(edited, tmp_path, run):
    template = edited["good"] / "plan.docx"
    checked = run("templates", "check", str(template), "--kind", "plan", "--data", str(SAMPLE))
    assert checked.exit_code == 0, checked.output
    # The field typed with a bold part is split by LibreOffice into three runs: said, not refused.
    assert "cảnh báo: thẻ «{{ doc.period }}» bị tách thành 3 đoạn định dạng" in checked.stdout
    out = tmp_path / "out"
    result = run("plan", str(SAMPLE), "-o", str(out), "--templates", str(edited["good"]))
    assert result.exit_code == 0, result.output
    [row] = manifest_rows(out)
    assert row["template"] == str(template)
    document = docx.Document(str(out / row["file"]))
    # Names and terms carry no-break spaces and hyphens (vn.linebreaks): read as a clerk reads.
    texts = [plain(p.text) for p in document.paragraphs]
    title = next(p for p in document.paragraphs
                 if plain(p.text).startswith("Triển khai phong trào"))
    assert {r.font.name for r in title.runs if r.text.strip()} == {"Arial"}
    added = texts.index("Thời gian thực hiện: Từ ngày 24 tháng 9 năm 2021 đến ngày 31 tháng 12 "
                        "năm 2022.")
    assert texts[added - 1].startswith("Thực hiện phong trào thi đua")      # after the opening
    responsibility = next(i for i, t in enumerate(texts) if t.startswith("1. Các Vụ, Cục, đơn vị"))
    intro = next(i for i, t in enumerate(texts) if t.startswith("Các tập thể, cá nhân đạt tiêu chí"))
    assert texts[responsibility - 1] == "IV. HÌNH THỨC KHEN THƯỞNG" and responsibility < intro
    header = document.tables[0].cell(0, 0)
    assert "VĂN PHÒNG CHÍNH PHỦ" in [plain(p.text) for p in header.paragraphs]
    assert header._tc.xpath(".//pic:pic") and document.inline_shapes
    # `thidua check` reads it as it reads the built-ins', and sees the font that was changed.
    [report] = check_files([out / row["file"]])
    assert [(f.rule, f.found) for f in report.findings if f.severity == "error"] == [
        ("ND30-FONT", "Arial")]


@needs_uno
def test_every_kind_renders_from_templates_edited_in_libreoffice(edited, tmp_path, run):
    for name in template_names():
        kind = "certificate" if name in ("bang_khen.docx", "giay_khen.docx") else None
        args = ["--kind", kind] if kind else []
        assert run("templates", "check", str(edited["good"] / name), *args).exit_code == 0
    out = tmp_path / "out"
    result = run("build", str(SAMPLE_DIR), "-o", str(out), "--templates", str(edited["good"]))
    assert result.exit_code == 0, result.output
    rows = manifest_rows(out)
    assert {Path(r["template"]).parent for r in rows} == {edited["good"]}
    rows = [r for r in rows if r["file"].endswith(".docx")]
    assert len(rows) >= 10
    reports = check_files([out / r["file"] for r in rows])
    for row, report in zip(rows, reports, strict=True):
        document = docx.Document(str(out / row["file"]))
        assert document.inline_shapes, row["file"]              # the logo
        errors = {f.rule for f in report.findings if f.severity == "error"}
        assert errors == {"ND30-FONT"}, (row["file"], report.findings)
    certificates = sorted(out.glob("*Bằng khen/*.docx"))
    assert len(certificates) == 42
    for path in certificates:
        text = all_text(docx.Document(str(path)))
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Số quyết định" in text


@needs_uno
def test_certificates_from_an_edited_template_plain_and_on_blanks(edited, tmp_path):
    from generator.build import decision_certificates

    records = decision_certificates(DECISION)[1]
    with templates_from(edited["good"]):
        plain = write_certificates(records, tmp_path / "plain", merge=True)
        blank = write_certificates(records, tmp_path / "blank", merge=True,
                                   printing=Printing(blank=True))
    [merged] = plain.files
    document = docx.Document(str(merged))
    text = all_text(document)
    assert text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == len(records)
    for record in records:
        assert record.recipient in text
    fonts = {r.font.name for t in document.tables for c in t._cells for p in c.paragraphs
             for r in p.runs if records[0].achievement[:20] in p.text} | {
        r.font.name for p in document.paragraphs for r in p.runs
        if records[0].achievement[:20] in p.text}
    assert fonts == {"DejaVu Serif"}
    assert len(document.inline_shapes) == len(records)              # one logo per page
    ids = [e.get("id") for e in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(set(ids)) == len(ids)                                # unique on every page
    blank_text = all_text(docx.Document(str(blank.files[0])))
    assert "CỘNG HÒA" not in blank_text and "TẶNG" not in blank_text
    for record in records:
        assert record.recipient in blank_text


@needs_uno
def test_unit_and_campaign_templates_fall_back_to_the_builtins(edited, tmp_path, run):
    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, campaign)
    (campaign / "templates").mkdir()
    shutil.copy(edited["good"] / "plan.docx", campaign / "templates" / "plan.docx")
    unit = campaign / "units" / "TCCB" / "templates"
    unit.mkdir(parents=True)
    shutil.copy(edited["good"] / "unit_plan.docx", unit / "unit_plan.docx")
    out = tmp_path / "out"
    result = run("build", str(campaign), "-o", str(out))
    assert result.exit_code == 0, result.output
    used = {Path(r["source"]).relative_to(campaign).as_posix(): r["template"]
            for r in manifest_rows(out)}
    assert used["campaign.json"] == str(campaign / "templates" / "plan.docx")
    assert used["units/TCCB.json"] == str(unit / "unit_plan.docx")
    assert used["units/CD.json"] == "có sẵn: unit_plan.docx"
    assert used["decisions/so-ket-2022.json"] == "có sẵn: decision.docx"
    # --templates comes first; what it lacks falls back to the campaign's, then the built-in.
    own = tmp_path / "own"
    own.mkdir()
    shutil.copy(edited["good"] / "decision.docx", own / "decision.docx")
    result = run("build", str(campaign), "-o", str(tmp_path / "out2"), "--templates", str(own))
    assert result.exit_code == 0, result.output
    used = {Path(r["source"]).relative_to(campaign).as_posix(): r["template"]
            for r in manifest_rows(tmp_path / "out2")}
    assert used["decisions/so-ket-2022.json"] == str(own / "decision.docx")
    assert used["campaign.json"] == str(campaign / "templates" / "plan.docx")


# ---------------------------------------------------------------------------- planted faults


@needs_uno
def test_check_reports_every_planted_fault_at_once_with_its_place(edited, run):
    template = edited["faulty"] / "plan.docx"
    result = run("templates", "check", str(template), "--kind", "plan")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    for edit, around, message in PLANTED:
        hits = [line for line in lines if message in line and "(gần: «" in line
                and around in line.rpartition("(gần: «")[2]]
        assert hits, (edit, message, result.stdout)
        part = "đầu trang (word/header" if edit and edit["op"] == "header" else "phần thân, "
        assert all(line.startswith(f"{template}: {part}") for line in hits), hits
        assert all(" đoạn " in line.split(": ")[1] for line in hits), hits
    assert any(f"{template}: phần thân, bảng 2, hàng 1, ô 2, đoạn" in line and
               "không được đóng" in line for line in lines)
    errors = sum(1 for line in lines if "cảnh báo:" not in line and ": " in line)
    assert f"{errors} lỗi" in result.stderr


@needs_uno
def test_a_faulty_template_stops_the_build_before_anything_is_written(edited, tmp_path, run):
    out = tmp_path / "out"
    result = run("build", str(SAMPLE_DIR), "-o", str(out), "--templates", str(edited["faulty"]))
    assert result.exit_code == 1
    assert "chưa dùng được" in result.stderr and "biến «titel» không có" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


# ---------------------------------------------------------------------------- hostile templates


@needs_uno
@pytest.mark.parametrize(("name", "message"), [
    ("slow", "quá 1 giây"),
    ("huge", "quá 1 triệu ký tự"),
    ("repeat", "phép nhân tạo ra quá"),
    ("power", "số mũ 100000 quá lớn"),
])
def test_a_runaway_template_is_stopped_with_its_place(edited, tmp_path, run, monkeypatch,
                                                      name, message):
    monkeypatch.setattr(user_templates, "MAX_SECONDS", 1.0)
    monkeypatch.setattr(user_templates, "MAX_OUTPUT", 1_000_000)
    assert run("templates", "check", str(edited[name] / "plan.docx")).exit_code == 0
    out = tmp_path / "out"
    result = run("plan", str(SAMPLE), "-o", str(out), "--templates", str(edited[name]))
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert str(edited[name] / "plan.docx") in result.stderr
    if name in ("slow", "huge"):
        assert "ở đoạn văn thứ" in result.stderr or "gần: «" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("source", [
    HOSTILE["slow"],
    # loops over data, not range(): the sandbox's range limit does not apply
    ("{% for a in rows %}{% for b in rows %}{% for c in rows %}{% endfor %}{% endfor %}"
     "{% endfor %}"),
])
def test_a_runaway_loop_is_stopped_on_a_thread_other_than_the_main_one(monkeypatch, source):
    """The web app renders on its server's threads, where no signal reaches: the loops
    themselves stop once the time limit has passed."""
    import threading
    import time

    monkeypatch.setattr(user_templates, "MAX_SECONDS", 0.5)
    template = engine.user_env().from_string(source)
    outcome: list[BaseException | str] = []

    def render() -> None:
        try:
            outcome.append(user_templates.bounded_render(template, {"rows": list(range(2000))},
                                                         source, "mau/plan.docx"))
        except BaseException as err:        # noqa: BLE001 - handed to the test's thread
            outcome.append(err)

    started = time.monotonic()
    worker = threading.Thread(target=render)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "the render was not stopped"
    assert time.monotonic() - started < 10
    [error] = outcome
    assert isinstance(error, user_templates.LimitExceeded)
    assert "Mẫu mau/plan.docx: điền mẫu quá 0.5 giây" in str(error)


def test_loops_keep_their_meaning_under_the_time_limit():
    source = ("{% for r in rows %}{{ loop.index }}/{{ loop.length }}{% if not loop.last %},"
              "{% endif %}{% else %}trống{% endfor %}|{% for r in [] %}x{% else %}trống{% endfor %}")
    template = engine.user_env().from_string(source)
    assert user_templates.bounded_render(template, {"rows": "abc"}, source, "m") == \
        "1/3,2/3,3/3|trống"


@needs_uno
def test_broken_xml_is_refused_with_its_place_even_past_the_check(edited, tmp_path, run,
                                                                  monkeypatch):
    template = edited["broken_xml"] / "plan.docx"
    checked = run("templates", "check", str(template))
    assert checked.exit_code == 1 and "phải ở cùng một đoạn văn" in checked.stdout
    # Were the check to miss it, the filled document would still never be written broken: the
    # sample has no parent agency, so the block opened in the body and closed in the signature
    # table takes away the end of a paragraph and the start of a table.
    monkeypatch.setattr(engine, "require_sound", lambda template, shape, env: [])
    out = tmp_path / "out"
    result = run("plan", str(SAMPLE), "-o", str(out), "--templates", str(template.parent))
    assert result.exit_code == 1, result.output
    assert f"Mẫu {template}: văn bản điền ra không phải XML hợp lệ" in result.stderr
    assert "đoạn văn thứ" in result.stderr and "gần: «" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_file_that_is_not_a_docx_is_refused(tmp_path, run):
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "plan.docx").write_bytes(b"{{ title }} not a zip")
    result = run("plan", str(SAMPLE), "-o", str(tmp_path / "out"), "--templates", str(folder))
    assert result.exit_code == 1
    assert "không phải tệp Word .docx" in result.stderr
    assert not (tmp_path / "out").exists()
    checked = run("templates", "check", str(folder / "plan.docx"))
    assert checked.exit_code == 1 and "không phải tệp Word .docx" in checked.stderr


WRITING = ["build", "plan", "unit-plan", "unit-plans", "decision", "proposal", "certificates",
           "report"]


@pytest.mark.parametrize("command", WRITING)
def test_every_writing_command_takes_templates(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "--templates THƯ_MỤC" in result.stdout


@needs_uno
def test_certificates_command_says_which_template(edited, tmp_path, run):
    result = run("certificates", str(DECISION), "-o", str(tmp_path / "out"), "--templates",
                 str(edited["good"]))
    assert result.exit_code == 0, result.output
    assert f"Bằng khen: in từ mẫu riêng {edited['good'] / 'bang_khen.docx'}" in result.stdout
    plain = run("certificates", str(DECISION), "-o", str(tmp_path / "plain"))
    assert "mẫu riêng" not in plain.stdout
    # manifest.csv says, per certificate, the template it was printed from
    rows = certificate_rows(tmp_path / "out")
    assert rows and {row["Mẫu"] for row in rows} == {str(edited["good"] / "bang_khen.docx")}
    assert {row["Mẫu"] for row in certificate_rows(tmp_path / "plain")} == {
        "có sẵn: bang_khen.docx"}


def certificate_rows(folder):
    with (folder / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@needs_uno
def test_unit_plan_drafts_use_the_templates_given(edited, tmp_path, run):
    out = tmp_path / "out"
    result = run("unit-plans", str(SAMPLE), "-o", str(out), "--unit", "PL", "--templates",
                 str(edited["good"]))
    assert result.exit_code == 0, result.output
    [row] = manifest_rows(out)
    assert row["template"] == str(edited["good"] / "unit_plan.docx")
    assert docx.Document(str(out / row["file"])).inline_shapes


@needs_uno
def test_a_field_added_to_the_page_header_is_filled(edited, tmp_path, run):
    template = edited["header"] / "plan.docx"
    assert run("templates", "check", str(template), "--data", str(SAMPLE)).exit_code == 0
    out = tmp_path / "out"
    result = run("plan", str(SAMPLE), "-o", str(out), "--templates", str(edited["header"]))
    assert result.exit_code == 0, result.output
    [row] = manifest_rows(out)
    document = docx.Document(str(out / row["file"]))
    headers = {p.text for s in document.sections for h in (s.header, s.first_page_header)
               for p in h.paragraphs}
    assert any(text.endswith("Số: 15/KH-VPCP") for text in headers), headers
    assert not any("{{" in text for text in headers)


def _changed(source: bytes, member: str, old: str, new: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    text = members[member].decode("utf-8")
    assert old in text
    members[member] = text.replace(old, new).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_certificate_template_is_checked_for_what_its_engine_needs(tmp_path, run):
    from generator.resources import template_bytes

    folder = tmp_path / "mau"
    folder.mkdir()
    data = _changed(template_bytes("bang_khen.docx"), "word/styles.xml",
                    'w:val="TD Người nhận"/>', 'w:val="Người được khen"/>')
    (folder / "bang_khen.docx").write_bytes(data)
    result = run("templates", "check", str(folder / "bang_khen.docx"))
    assert result.exit_code == 1
    assert "thiếu kiểu đoạn văn «TD Người nhận»" in result.stdout
    printed = run("certificates", str(DECISION), "-o", str(tmp_path / "out"), "--templates",
                  str(folder))
    assert printed.exit_code == 1 and "TD Người nhận" in printed.stderr
    assert "Traceback" not in printed.output and not (tmp_path / "out").exists()


def test_a_tag_in_a_certificate_footer_is_a_fault(tmp_path, run):
    exported = tmp_path / "mau"
    export_templates(exported)
    data = (exported / "plan.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        footer = archive.read("word/header1.xml").decode()
    assert "PAGE" in footer
    # The plan's header, with a tag, put into the Bằng khen: only its body is filled.
    target = exported / "bang_khen.docx"
    with zipfile.ZipFile(target) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["word/footer9.xml"] = footer.replace("<w:t>2</w:t>", "<w:t>{{ recipient }}</w:t>"
                                                 ).replace("w:hdr", "w:ftr").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    target.write_bytes(out.getvalue())
    result = run("templates", "check", str(target))
    assert result.exit_code == 1
    assert "chân trang (word/footer9.xml), đoạn 1: Bằng khen, Giấy khen chỉ được điền ở phần " \
           "thân" in result.stdout


@pytest.mark.parametrize(("name", "content", "message"), [
    ("no-body", {"[Content_Types].xml": b"<Types/>"}, "không có phần thân"),
    ("bomb", {"word/document.xml": b" " * (65 * 1024 * 1024)}, "quá lớn khi giải nén"),
])
def test_a_broken_or_hostile_package_is_refused(tmp_path, run, name, content, message):
    folder = tmp_path / name
    folder.mkdir()
    with zipfile.ZipFile(folder / "plan.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in content.items():
            archive.writestr(member, data)
    for args in (["templates", "check", str(folder / "plan.docx")],
                 ["plan", str(SAMPLE), "-o", str(tmp_path / "out"), "--templates", str(folder)]):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_deep_nesting_and_loops_over_nothing_are_faults_not_crashes(tmp_path, run):
    exported = tmp_path / "mau"
    export_templates(exported)
    target = exported / "plan.docx"
    deep = "(" * 2000 + "title" + ")" * 2000
    target.write_bytes(_changed(target.read_bytes(), "word/document.xml", "{{ title }}",
                                "{{ " + deep + " }} {{ nothing.at.all }}"))
    result = run("templates", "check", str(target))
    assert result.exit_code == 1
    assert "lồng ngoặc quá sâu" in result.stdout or "sai cú pháp" in result.stdout
    assert "biến «nothing» không có" in result.stdout
    assert "Traceback" not in result.output


@needs_uno
def test_spawned_certificate_workers_use_the_same_templates(edited, tmp_path, monkeypatch):
    """Where workers are spawned (Windows, macOS, a threaded server) they do not inherit the
    run's context: the template folders reach them through the environment."""
    import multiprocessing

    from generator.build import decision_certificates
    from generator.certificates import batch

    monkeypatch.setattr(batch, "_context", lambda: multiprocessing.get_context("spawn"))
    records = decision_certificates(DECISION)[1]
    assert len(records) > 10
    with templates_from(edited["good"]):
        result = write_certificates(records, tmp_path / "out", jobs=2)
    assert user_templates.ENVIRONMENT not in os.environ
    bang_khen = [p for p, r in zip(result.files, records, strict=True) if r.decision.form ==
                 "Bằng khen"]
    assert bang_khen
    for path in bang_khen:
        assert docx.Document(str(path)).inline_shapes, path         # the edited template's logo


def test_a_certificate_block_from_body_into_a_table_is_caught_never_printed(tmp_path, run,
                                                                             monkeypatch):
    from generator.build import decision_certificates
    from generator.certificates import engine as certificate_engine
    from generator.errors import RenderError

    exported = tmp_path / "mau"
    export_templates(exported)
    target = exported / "bang_khen.docx"
    # Opened in the body's "TẶNG" line, closed in a cell of the signature table: left out, the
    # block takes away a paragraph's end and a table's start.
    data = _changed(target.read_bytes(), "word/document.xml", ">TẶNG<",
                    ">{% if recipient == 'không ai' %}TẶNG<")
    target.write_bytes(_changed(data, "word/document.xml", "{{ signer_name }}",
                                "{{ signer_name }}{% endif %}"))
    checked = run("templates", "check", str(target))
    assert checked.exit_code == 1
    assert "phải ở cùng một đoạn văn" in checked.stdout and "bảng" in checked.stdout
    monkeypatch.setattr(certificate_engine, "require_sound", lambda *args, **kwargs: [])
    records = decision_certificates(DECISION)[1]
    with templates_from(exported), pytest.raises(RenderError, match="không phải XML hợp lệ"):
        write_certificates(records, tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.docx"))


def test_filters_reaching_for_internals_are_forbidden(tmp_path, run):
    exported = tmp_path / "mau"
    export_templates(exported)
    target = exported / "plan.docx"
    target.write_bytes(_changed(target.read_bytes(), "word/document.xml", "{{ title }}",
                                "{{ title|attr('__class__') }}{{ purposes|map(attribute='_x')"
                                "|join }}"))
    result = run("templates", "check", str(target))
    assert result.exit_code == 1
    assert "phần thân, đoạn 2: «__class__» bị cấm" in result.stdout
    assert "phần thân, đoạn 2: «_x» bị cấm" in result.stdout


# ---------------------------------------------------------------------------- the draft mark

def _as_draft(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["document"]["year"] = int(data["document"]["date"][:4])
    data["document"].update(number=None, date=None)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for report in (path.parent.parent / "reports").glob("*.json"):
        report.unlink()         # the báo cáo counts issued decisions only


def _every_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join("".join(etree.fromstring(archive.read(n)).itertext())
                       for n in archive.namelist()
                       if re.match(r"word/(document|header\d+|footer\d+)\.xml$", n))


@needs_uno
@pytest.mark.parametrize("kind", ["plan", "decision"])
def test_templates_saved_by_libreoffice_mark_drafts_only(edited, tmp_path, run, campaign_dir,
                                                        kind):
    """An exported template, edited and saved in LibreOffice: a numbered document has no mark
    anywhere; a draft has it under the Số on page 1 and in every later page's header."""
    path = campaign_dir / ("campaign.json" if kind == "plan" else "decisions/so-ket-2022.json")
    signed = tmp_path / "signed"
    result = run(kind, str(path), "-o", str(signed), "--templates", str(edited["good"]))
    assert result.exit_code == 0, result.output
    [numbered] = [signed / r["file"] for r in manifest_rows(signed) if r["file"].endswith(".docx")]
    assert MARK not in _every_text(numbered)
    assert "ND30-DU-THAO" not in {f.rule for r in check_files([numbered]) for f in r.findings}
    _as_draft(path)
    drafts = tmp_path / "draft"
    result = run(kind, str(path), "-o", str(drafts), "--templates", str(edited["good"]))
    assert result.exit_code == 0, result.output
    [draft] = [drafts / r["file"] for r in manifest_rows(drafts) if r["file"].endswith(".docx")]
    document = docx.Document(str(draft))
    assert MARK in [p.text for p in document.tables[0].cell(1, 0).paragraphs]   # under the Số
    headers = {(s, k): t for s, k, t in header_texts(draft)}
    assert MARK in headers[0, "default"] and "2" in headers[0, "default"]   # page 2 on
    assert MARK not in headers[0, "first"]
    assert "{%" not in "".join(headers.values())
    if kind == "decision":                  # the attached list, a section of its own
        assert MARK in headers[1, "default"] and MARK in headers[1, "first"]
    assert "ND30-DU-THAO" not in {f.rule for r in check_files([draft]) for f in r.findings}


@needs_uno
def test_a_template_with_the_mark_hard_wired_is_refused_with_its_place(edited, tmp_path, run):
    template = edited["hardwired"] / "plan.docx"
    checked = run("templates", "check", str(template))
    assert checked.exit_code == 1
    assert re.search(r"đầu trang \(word/header\d+\.xml\), đoạn \d+: mẫu luôn in chữ «DỰ THẢO» ở "
                     r"đầu trang \(các trang, phần 1", checked.stdout), checked.stdout
    assert "văn bản đã ký cũng sẽ mang chữ này" in checked.stdout
    out = tmp_path / "out"
    result = run("plan", str(SAMPLE), "-o", str(out), "--templates", str(edited["hardwired"]))
    assert result.exit_code == 1 and "mẫu luôn in chữ «DỰ THẢO»" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_the_mark_without_its_condition_is_a_fault_in_each_place(tmp_path, run):
    """Without LibreOffice: the draft references left alone in the section properties (their
    condition gone), then the mark typed into the final header, bare or conditional."""
    folder = tmp_path / "mau"
    folder.mkdir()
    source = template_bytes("decision.docx")
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    bare = re.sub(r"\{% (if doc\.draft|endif) %\}", "", document)
    bare = re.sub(r"\{% else %\}<w:headerReference [^>]*/>", "", bare)
    data = _changed(source, "word/document.xml", document, bare)
    (folder / "decision.docx").write_bytes(data)
    checked = run("templates", "check", str(folder / "decision.docx"))
    assert checked.exit_code == 1
    found = re.findall(r"đầu trang \((word/header\d\.xml)\), đoạn \d+: mẫu luôn in chữ «DỰ THẢO» "
                       r"ở đầu trang \((các trang|trang đầu), phần (\d)", checked.stdout)
    assert sorted(found) == [("word/header3.xml", "các trang", "1"),
                             ("word/header4.xml", "trang đầu", "2")], checked.stdout
    # The exported form passes; the mark typed bare into its header does not.
    exported = tmp_path / "exported"
    export_templates(exported)
    assert run("templates", "check", str(exported / "decision.docx")).exit_code == 0
    marked = _changed((exported / "decision.docx").read_bytes(), "word/header2.xml",
                      "</w:hdr>", f"<w:p><w:r><w:t>{MARK}</w:t></w:r></w:p></w:hdr>")
    (folder / "decision.docx").write_bytes(marked)
    checked = run("templates", "check", str(folder / "decision.docx"))
    assert checked.exit_code == 1
    assert "đầu trang (word/header2.xml), đoạn" in checked.stdout
    assert "(trang đầu, phần 1" in checked.stdout


def test_an_exported_template_marks_drafts_from_its_final_headers(tmp_path):
    """The export: no tag left in the section properties, one header per kind, the mark
    in it between {%p if doc.draft %} and {%p endif %}; no header part left unreferenced."""
    export_templates(tmp_path)
    for name in ("plan.docx", "decision.docx", "proposal.docx", "unit_plan.docx"):
        with zipfile.ZipFile(tmp_path / name) as archive:
            document = archive.read("word/document.xml").decode("utf-8")
            headers = {n: archive.read(n).decode("utf-8") for n in archive.namelist()
                       if re.match(r"word/header\d+\.xml$", n)}
            rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
        for sect in re.findall(r"<w:sectPr.*?</w:sectPr>", document):
            assert "{%" not in sect, name
        for part, xml in headers.items():
            assert part.removeprefix("word/") in rels
            rid = re.search(rf'Id="(rId\d+)"[^>]*Target="{part.removeprefix("word/")}"', rels)
            assert rid and f'r:id="{rid.group(1)}"' in document, (name, part)
            text = "".join(etree.fromstring(xml.encode()).itertext())
            if MARK in text:
                assert text.index("{%p if doc.draft %}") < text.index(MARK) < text.index(
                    "{%p endif %}"), (name, part)


def test_the_trich_yeu_is_balanced_for_the_users_own_measure(tmp_path, run):
    """A template with the title in 13 pt and a 40 mm left margin (a text area of 140 mm, not
    165): the trích yếu's lines are balanced for that measure, each fitting it, not for the
    built-in 14 pt over 165 mm (issue 13)."""
    from generator.render.layout import text_width

    folder = tmp_path / "mau"
    export_templates(folder)
    path = folder / "decision.docx"
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    styles = members["word/styles.xml"].decode()
    start = styles.index('<w:name w:val="TD Trích yếu"/>')
    end = styles.index("</w:style>", start)
    styles = styles[:start] + styles[start:end].replace('<w:sz w:val="28"/>',
                                                       '<w:sz w:val="26"/>') + styles[end:]
    members["word/styles.xml"] = styles.encode()
    members["word/document.xml"] = members["word/document.xml"].replace(
        b'w:left="1701"', b'w:left="3118"')              # 55 mm: 210 - 55 - 15 = 140 mm
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    decision = SAMPLE_DIR / "decisions" / "so-ket-2022.json"
    own = run("decision", str(decision), "-o", str(tmp_path / "own"), "--templates", str(folder))
    assert own.exit_code == 0, own.output
    builtin = run("decision", str(decision), "-o", str(tmp_path / "builtin"))
    assert builtin.exit_code == 0, builtin.output

    def title_lines(out: Path) -> list[str]:
        document = docx.Document(str(next(out.glob("*.docx"))))
        paragraph = next(p for p in document.paragraphs if p.style.name == "TD Trích yếu")
        return [plain(line) for line in paragraph.text.split("\n")]

    mine, theirs = title_lines(tmp_path / "own"), title_lines(tmp_path / "builtin")
    assert " ".join(mine) == " ".join(theirs)                    # the same words
    assert len(mine) > len(theirs)                               # more lines in less width
    width = 140 * 72 / 25.4 * 0.97
    assert all(text_width(line, 13, True) <= width for line in mine), mine
    assert any(text_width(line, 14, True) > width for line in theirs), theirs
