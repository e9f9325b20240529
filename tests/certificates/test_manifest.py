"""manifest.csv of a certificate folder: Vietnamese columns a clerk reads in Excel, and the
English header of earlier versions still read as thidua's own (store/manifest.py decides by the
header whether the folder's files may be replaced)."""

from __future__ import annotations

import csv

import pytest
from support.certificates import people, sha256

from generator.certificates.batch import (
    LEGACY_HEADER,
    MANIFEST,
    MANIFEST_HEADER,
    PREVIOUS_HEADER,
    CertificateManifest,
    file_names,
    write_certificates,
)
from generator.errors import OutputExists
from generator.store.transaction import REPLACED


def rows_of(folder):
    with (folder / MANIFEST).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def as_legacy(folder):
    """Rewrite a folder's manifest as the English one earlier versions wrote."""
    header, *rows = rows_of(folder)
    at = {name: header.index(name) for name in ("Người nhận", "Hình thức", "Tệp", "Trang",
                                                "sha256")}
    with (folder / MANIFEST).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(LEGACY_HEADER)
        writer.writerows([row[at[k]] for k in at] for row in rows)


def test_the_header_is_vietnamese_with_unit_register_number_and_status(tmp_path):
    records = people(3)
    write_certificates(records, tmp_path, merge=True)
    header, first, *_ = rows_of(tmp_path)
    assert tuple(header) == MANIFEST_HEADER == (
        "STT", "Người nhận", "Hình thức", "Đơn vị", "Số sổ vàng", "Tệp", "Trang", "Trạng thái",
        "sha256", "Mẫu")
    assert first[-1] == "có sẵn: bang_khen.docx"
    assert first[:8] == ["1", "Bà Nguyễn Văn 0000",
                         "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ",
                         "Vụ Tổ chức cán bộ", "100", "Bằng khen 1234-QĐ-VPCP (in gộp).docx",
                         "1", "đã ghi, bản đầy đủ"]


def test_an_unchanged_rerun_leaves_the_manifest_byte_for_byte(tmp_path):
    records = people(4)
    write_certificates(records, tmp_path)
    before = (tmp_path / MANIFEST).read_bytes()
    again = write_certificates(records, tmp_path)
    assert len(again.kept) == 4 and (tmp_path / MANIFEST).read_bytes() == before


def as_previous(folder):
    """Rewrite a folder's manifest as the one before the template column."""
    _header, *rows = rows_of(folder)
    with (folder / MANIFEST).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(PREVIOUS_HEADER)
        writer.writerows(row[:-1] for row in rows)


@pytest.mark.parametrize("header", [MANIFEST_HEADER, PREVIOUS_HEADER, LEGACY_HEADER],
                         ids=["vietnamese", "no-template", "english"])
def test_every_header_is_read_under_the_same_names(tmp_path, header):
    records = people(2)
    write_certificates(records, tmp_path)
    if header == LEGACY_HEADER:
        as_legacy(tmp_path)
    elif header == PREVIOUS_HEADER:
        as_previous(tmp_path)
    rows = CertificateManifest(tmp_path / MANIFEST, MANIFEST_HEADER).read(force=False)
    assert [r["file"] for r in rows] == [r["Tệp"] for r in rows] == file_names(records)
    assert [r["sha256"] for r in rows] == [sha256(tmp_path / n) for n in file_names(records)]
    assert [r["recipient"] for r in rows] == ["Bà Nguyễn Văn 0000", "Ông Nguyễn Văn 0001"]
    assert [r["unit"] for r in rows] == (["", ""] if header == LEGACY_HEADER
                                         else ["Vụ Tổ chức cán bộ"] * 2)
    assert [r["template"] for r in rows] == (["có sẵn: bang_khen.docx"] * 2
                                             if header == MANIFEST_HEADER else ["", ""])
    again = write_certificates(records, tmp_path)         # an older folder is thidua's own
    assert len(again.kept) == 2 and tuple(rows_of(tmp_path)[0]) == MANIFEST_HEADER


def test_a_folder_with_the_english_manifest_is_still_thidua_s_own(tmp_path):
    records = people(3)
    write_certificates(records, tmp_path)
    as_legacy(tmp_path)
    changed = [records[0], records[1], people(4)[3]]     # one recipient corrected
    result = write_certificates(changed, tmp_path)       # no --force needed
    assert (len(result.kept), len(result.written)) == (2, 1)
    (moved,) = (tmp_path / REPLACED).rglob("*.docx")     # the stale file, kept aside
    assert moved.name == file_names(records)[2]
    assert tuple(rows_of(tmp_path)[0]) == MANIFEST_HEADER


def test_a_manifest_thidua_did_not_write_is_refused_without_force(tmp_path):
    (tmp_path / MANIFEST).write_text("tên,ghi chú\nx,y\n", encoding="utf-8")
    with pytest.raises(OutputExists, match="không phải danh sách tệp của thidua"):
        write_certificates(people(1), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST]
    write_certificates(people(1), tmp_path, force=True)
    assert tuple(rows_of(tmp_path)[0]) == MANIFEST_HEADER


def test_full_and_blank_print_files_live_side_by_side(tmp_path):
    from generator.certificates.engine import Printing
    records = people(3)
    (full,) = write_certificates(records, tmp_path, merge=True).files
    (blank,) = write_certificates(records, tmp_path, merge=True,
                                  printing=Printing(blank=True)).files
    assert (full.name, blank.name) == ("Bằng khen 1234-QĐ-VPCP (in gộp).docx",
                                       "Bằng khen 1234-QĐ-VPCP (in gộp, phôi).docx")
    assert full.is_file() and not (tmp_path / REPLACED).exists()
    statuses = {row[5]: row[7] for row in rows_of(tmp_path)[1:]}
    assert statuses == {full.name: "đã ghi, bản đầy đủ", blank.name: "đã ghi, in lên phôi"}
    # separate blank files are named apart from the full ones too
    separate = write_certificates(records, tmp_path / "rieng", printing=Printing(blank=True))
    assert separate.files[0].name == "Bằng khen - Nguyễn Văn 0000 (phôi).docx"
    # a full run in separate files replaces the full print file, not the blank one
    write_certificates(records, tmp_path)
    assert blank.is_file() and not full.exists()
    assert [p.name for p in (tmp_path / REPLACED).rglob("*.docx")] == [full.name]
