"""The SQLite register of outgoing documents (Nghị định 30/2020 Art. 15, Phụ lục IV)."""

from __future__ import annotations

import json
import shutil
import sqlite3

from support import SAMPLE_DIR, write_json

from generator.store import register


def test_build_records_every_numbered_document(run, tmp_path):
    db = tmp_path / "so" / "van-ban-di.sqlite"
    result = run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "out"), "--register", str(db))
    assert result.exit_code == 0, result.stderr
    rows = sqlite3.connect(db).execute(
        "SELECT year, number, symbol, type, date FROM outgoing ORDER BY year, number").fetchall()
    documents = list((tmp_path / "out").glob("*.docx"))
    assert len(rows) == len(documents) == 11      # the Báo cáo sơ kết is numbered too
    assert (2021, 15, "KH-VPCP", "Kế hoạch", "2021-09-24") in rows
    assert (2022, 120, "QĐ-VPCP", "Quyết định", "2022-06-30") in rows
    again = run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "out"), "--register", str(db),
                "--force")
    assert again.exit_code == 0, again.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM outgoing").fetchone()[0] == 11


def test_a_number_given_to_another_document_is_refused_before_writing(run, tmp_path):
    db = tmp_path / "so.sqlite"
    assert run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "out"),
               "--register", str(db)).exit_code == 0
    folder = tmp_path / "other"
    shutil.copytree(SAMPLE_DIR, folder)
    path = folder / "decisions" / "dot-xuat-2021.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["document"]["number"] = 15
    data["document"]["date"] = "2021-10-20"
    for group in data["awards"]:        # another achievement: the history allows it
        group["achievement"] = "xuất sắc trong công tác phòng, chống dịch tháng 10 năm 2021"
    write_json(path, data)
    result = run("decision", str(path), "-o", str(tmp_path / "new"), "--register", str(db))
    assert result.exit_code == 0, "15/QĐ-VPCP is free: 15/KH-VPCP has another ký hiệu"
    copy = folder / "decisions" / "so-ket-2022.json"
    refused = run("decision", str(copy), "-o", str(tmp_path / "x"), "--register", str(db))
    assert refused.exit_code == 1
    assert f"{copy}: $.document.number: số 120/QĐ-VPCP năm 2022 đã được cấp" in refused.stderr
    assert not (tmp_path / "x").exists()


def test_drafts_are_not_recorded(run, tmp_path):
    db = tmp_path / "so.sqlite"
    result = run("unit-plans", str(SAMPLE_DIR / "campaign.json"), "-o", str(tmp_path / "out"),
                 "--unit", "PL")
    assert result.exit_code == 0
    data = json.loads((SAMPLE_DIR / "campaign.json").read_text(encoding="utf-8"))
    data["document"] = {"number": None, "date": None, "year": 2021}
    path = write_json(tmp_path / "campaign.json", data)
    assert run("plan", str(path), "-o", str(tmp_path / "p"), "--register", str(db)).exit_code == 0
    assert register.entries(db) == []


def test_next_number_per_agency_series_or_per_symbol(tmp_path):
    db = tmp_path / "so.sqlite"
    entry = register.Entry(2022, 0, "", "Quyết định", "2022-01-05", "x", "y", "")
    register.record(db, [
        register.Entry(**{**entry.__dict__, "number": 1, "symbol": "QĐ-VPCP", "source": "a"}),
        register.Entry(**{**entry.__dict__, "number": 7, "symbol": "TTr-VPCP", "source": "b"}),
        register.Entry(**{**entry.__dict__, "number": 30, "symbol": "KH-TCCB", "source": "c"}),
        register.Entry(**{**entry.__dict__, "year": 2021, "number": 99, "symbol": "QĐ-VPCP",
                          "source": "d"}),
    ])
    assert register.next_number(db, "VPCP", 2022) == 8
    assert register.next_number(db, "VPCP", 2022, "QĐ-VPCP") == 2
    assert register.next_number(db, "TCCB", 2022) == 31
    assert register.next_number(db, "VPCP", 2023) == 1


def test_register_commands(run, tmp_path):
    db = tmp_path / "so.sqlite"
    run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "out"), "--register", str(db))
    listed = run("register", "list", str(db), "--year", "2022")
    assert listed.exit_code == 0
    head, *lines = listed.stdout.splitlines()
    assert head.startswith("Số, ký hiệu\tNgày tháng")
    assert [line.split("\t")[0] for line in lines] == ["120/QĐ-VPCP", "132/BC-VPCP",
                                                       "210/TTr-VPCP", "211/TTr-VPCP"]
    assert lines[0].startswith("120/QĐ-VPCP\t30/06/2022\tQuyết định: Về việc tặng")
    assert run("register", "next", str(db), "--agency", "VPCP", "--year", "2022").stdout == "212\n"


def test_a_file_that_is_not_a_register_is_a_clear_error(run, tmp_path):
    db = tmp_path / "so.sqlite"
    db.write_text("not sqlite")
    result = run("plan", str(SAMPLE_DIR / "campaign.json"), "-o", str(tmp_path / "out"),
                 "--register", str(db))
    assert result.exit_code == 1 and "không phải tệp SQLite" in result.stderr
    assert not (tmp_path / "out").exists()
