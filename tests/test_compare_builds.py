"""tools/compare_builds.py, the refactoring proof: equal folders agree, any changed part,
missing file or changed byte is reported, and zip timestamps are not a difference."""

from __future__ import annotations

import importlib.util
import time
import zipfile
from pathlib import Path

from support import ROOT

spec = importlib.util.spec_from_file_location("compare_builds", ROOT / "tools" / "compare_builds.py")
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)


def docx(path: Path, parts: dict[str, str], when: tuple = (2021, 1, 1, 0, 0, 0)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, when), text)


def test_same_parts_written_at_other_times_agree(tmp_path):
    parts = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
    docx(tmp_path / "a" / "Kế hoạch 15-KH-VPCP.docx", parts)
    docx(tmp_path / "b" / "Kế hoạch 15-KH-VPCP.docx", parts, time.localtime()[:6])
    (tmp_path / "a" / "manifest.json").write_text("{}")
    (tmp_path / "b" / "manifest.json").write_text("{}")
    assert compare.differences(tmp_path / "a", tmp_path / "b") == []
    assert compare.main([str(tmp_path / "a"), str(tmp_path / "b")]) == 0


def test_a_changed_part_a_missing_file_and_a_changed_byte_are_each_reported(tmp_path):
    docx(tmp_path / "a" / "d.docx", {"word/document.xml": "<w:document/>"})
    docx(tmp_path / "b" / "d.docx", {"word/document.xml": "<w:document x='1'/>"})
    (tmp_path / "a" / "only.docx").write_bytes(b"")
    (tmp_path / "a" / "m.json").write_text("1")
    (tmp_path / "b" / "m.json").write_text("2")
    found = compare.differences(tmp_path / "a", tmp_path / "b")
    assert found == [f"only.docx: only in {tmp_path / 'a'}", "d.docx: word/document.xml differs",
                     "m.json: differs"]
    assert compare.main([str(tmp_path / "a"), str(tmp_path / "b")]) == 1
