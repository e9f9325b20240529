"""The sổ vàng in and out of Excel (generator/store/awards.py, `thidua history`): real .xlsx
files written by openpyxl, a real SQLite register, the CLI's exit codes and messages, and a
second cycle refused by what the imported history forbids."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from support import write_json

from generator.build import build_campaign
from generator.errors import OutputError, ValidationFailed
from generator.store import awards as book
from generator.store import history, register

HEAD = ["STT", "Số sổ vàng", "Đối tượng", "Họ và tên", "Đơn vị", "Hình thức khen thưởng",
        "Thành tích", "Số quyết định", "Ngày quyết định"]
AN = ("Cá nhân", "Nguyễn Văn An", "Vụ Tổ chức cán bộ, Văn phòng Chính phủ")   # as the sample
CSTD_CS = "Chiến sĩ thi đua cơ sở"


def row(who: tuple[str, str, str], form: str, decision: str, day: object,
        achievement: str = "", number: str = "") -> list[object]:
    kind, name, unit = who
    return ["", number, kind, name, unit, form, achievement, decision, day]


def workbook(path: Path, rows: list[list[object]], title: str = "Sổ vàng",
             cover: bool = True) -> Path:
    sheet_book = Workbook()
    sheet = sheet_book.active
    sheet.title = title
    if cover:               # a sổ vàng has its cover lines above the header row
        sheet.append(["VĂN PHÒNG CHÍNH PHỦ"])
        sheet.append(["SỔ THEO DÕI KHEN THƯỞNG"])
        sheet.append([])
    sheet.append(HEAD)
    for line in rows:
        sheet.append(line)
    sheet_book.save(path)
    return path


PAST = [row(AN, CSTD_CS, "15/QĐ-VPCP", date(2020, 1, 10), "năm 2019", "SV-2019-01"),
        row(AN, "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "30/QĐ-VPCP",
            "15/01/2021", "hoàn thành xuất sắc nhiệm vụ năm 2020"),
        row(("Tập thể", "Phòng Y tế", "Vụ Khoa giáo - Văn xã"), "Tập thể lao động xuất sắc",
            "30/QĐ-VPCP", "15/01/2021", "năm 2020")]


def test_import_round_trip_through_export(tmp_path):
    db = tmp_path / "so.sqlite"
    done = book.import_awards(workbook(tmp_path / "so-vang.xlsx", PAST), db)
    assert (done.rows, done.decisions, done.replaced) == (3, 2, 0)
    kept = history.awards(db)
    assert [(a.year, a.number, a.symbol, a.date, a.kind, a.name, a.register_number)
            for a in kept] == [
        (2020, 15, "QĐ-VPCP", "2020-01-10", "individual", "Nguyễn Văn An", "SV-2019-01"),
        (2021, 30, "QĐ-VPCP", "2021-01-15", "individual", "Nguyễn Văn An", ""),
        (2021, 30, "QĐ-VPCP", "2021-01-15", "collective", "Phòng Y tế", "")]
    assert {a.source for a in kept} == {str((tmp_path / "so-vang.xlsx").resolve())}
    out = tmp_path / "xuat.xlsx"
    assert book.export_awards(db, out) == 3
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == [
        "STT", "Số sổ vàng", "Đối tượng", "Họ và tên, tên tập thể", "Đơn vị",
        "Hình thức khen thưởng", "Thành tích", "Số quyết định", "Ngày quyết định"]
    assert [c.value for c in sheet[3]][1:] == [
        None, "Cá nhân", "Nguyễn Văn An", "Vụ Tổ chức cán bộ, Văn phòng Chính phủ",
        "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ",
        "hoàn thành xuất sắc nhiệm vụ năm 2020", "30/QĐ-VPCP", "15/01/2021"]
    other = tmp_path / "khac.sqlite"
    book.import_awards(out, other)          # what is exported reads back as it was
    assert [(a.year, a.number, a.form, a.name, a.unit, a.achievement, a.register_number)
            for a in history.awards(other)] == [
        (a.year, a.number, a.form, a.name, a.unit, a.achievement, a.register_number)
        for a in kept]


def test_a_second_import_replaces_the_first_and_is_idempotent(tmp_path):
    db = tmp_path / "so.sqlite"
    path = workbook(tmp_path / "so-vang.xlsx", PAST)
    book.import_awards(path, db)
    first = history.awards(db)
    again = book.import_awards(path, db)
    assert again.replaced == 3 and history.awards(db) == first
    workbook(path, PAST[1:])                   # a decision taken out of the workbook
    book.import_awards(path, db)
    assert [a.number for a in history.awards(db)] == [30, 30]


@pytest.mark.parametrize(("rows", "where", "message"), [
    ([row(AN, CSTD_CS, "abc", "10/01/2020")], "dòng 8, cột H («Số quyết định»)",
     "«abc» không phải số, ký hiệu quyết định"),
    ([row(AN, CSTD_CS, "15/QĐ-VPCP", "32/01/2020")], "dòng 8, cột I («Ngày quyết định»)",
     "«32/01/2020» không phải ngày"),
    ([row(("Hộ gia đình", "X", ""), CSTD_CS, "15/QĐ-VPCP", "10/01/2020")],
     "dòng 8, cột C («Đối tượng»)", "«Hộ gia đình» không phải «Cá nhân» hay «Tập thể»"),
    ([row(AN, "", "15/QĐ-VPCP", "10/01/2020")], "dòng 8, cột F («Hình thức khen thưởng»)",
     "thiếu «Hình thức khen thưởng»"),
    ([row(AN, CSTD_CS, "16/QĐ-VPCP", "10/01/2020"), row(AN, CSTD_CS, "16/qđ-vpcp", "10/01/2020")],
     "dòng 9", "trùng với dòng 8"),
    ([row(AN, CSTD_CS, "16/QĐ-VPCP", "10/01/2020"),
      row(("Cá nhân", "Trần Thị Bình", "Vụ Pháp luật"), CSTD_CS, "16/QĐ-VPCP", "11/01/2020")],
     "dòng 9", "Quyết định số 16/QĐ-VPCP ghi ngày 11/01/2020, dòng 8 ghi ngày 10/01/2020"),
])
def test_a_bad_row_is_named_by_sheet_row_and_column_and_nothing_is_written(tmp_path, rows,
                                                                           where, message):
    db = tmp_path / "so.sqlite"
    path = workbook(tmp_path / "so-vang.xlsx", [*PAST, *rows])
    with pytest.raises(ValidationFailed) as caught:
        book.import_awards(path, db)
    text = str(caught.value)
    assert f"{path}: trang «Sổ vàng», {where}: {message}" in text
    assert not db.exists()                       # not even the good rows


def test_every_problem_is_reported_at_once(tmp_path):
    path = workbook(tmp_path / "so-vang.xlsx", [row(AN, "", "abc", "x"), row(AN, "", "", "")])
    with pytest.raises(ValidationFailed) as caught:
        book.read_awards(path)
    assert len(caught.value.issues) == 6


def test_a_workbook_without_the_columns_is_refused(tmp_path):
    sheet_book = Workbook()
    sheet_book.active.append(["Tên", "Ghi chú"])
    sheet_book.save(tmp_path / "x.xlsx")
    with pytest.raises(ValidationFailed, match="không thấy dòng tiêu đề trong 15 dòng đầu"):
        book.read_awards(tmp_path / "x.xlsx")
    sheet_book = Workbook()
    sheet_book.active.append(["Họ và tên", "Hình thức khen thưởng", "Ngày quyết định"])
    sheet_book.save(tmp_path / "y.xlsx")
    with pytest.raises(ValidationFailed) as caught:
        book.read_awards(tmp_path / "y.xlsx")
    assert [i.message for i in caught.value.issues] == [
        "thiếu cột «Đối tượng»", "thiếu cột «Số quyết định»"]
    assert caught.value.issues[0].path == "trang «Sheet», dòng 1"


def test_a_decision_thidua_built_is_not_overwritten_by_an_import(tmp_path, campaign_dir):
    db = tmp_path / "so.sqlite"
    build_campaign(campaign_dir, tmp_path / "out", register_path=db)
    built = history.awards(db)
    path = workbook(tmp_path / "so-vang.xlsx",
                    [row(AN, CSTD_CS, "120/QĐ-VPCP", "30/06/2022")])
    with pytest.raises(ValidationFailed, match="Quyết định số 120/QĐ-VPCP năm 2022 đã có trong "
                                               "sổ theo dõi, ghi từ .*so-ket-2022.json"):
        book.import_awards(path, db)
    assert history.awards(db) == built


def test_a_build_replaces_an_imported_decision_it_now_numbers(tmp_path, campaign_dir):
    # The sổ vàng held 120/QĐ-VPCP of 2022 by hand; thidua now builds it: its rows win.
    db = tmp_path / "so.sqlite"
    book.import_awards(workbook(tmp_path / "so-vang.xlsx",
                                [row(AN, CSTD_CS, "120/QĐ-VPCP", "30/06/2022")]), db)
    build_campaign(campaign_dir, tmp_path / "out", register_path=db)
    forms = {a.form for a in history.awards(db) if a.number == 120}
    assert CSTD_CS not in forms


# -- the history's checks from day one (issue 17: a second cycle refused) --------------------

def cstd_decision(campaign_dir: Path) -> Path:
    data = json.loads((campaign_dir / "decisions" / "so-ket-2022.json").read_text("utf-8"))
    data["document"].update(number=140, date="2022-12-20")
    group = data["awards"][0]
    group.update(form="Chiến sĩ thi đua Bộ, ban, ngành, tỉnh",
                 achievement="tiêu biểu xuất sắc trong ba năm 2020 - 2022")
    group.pop("collectives")
    group.pop("prize")
    group["individuals"] = group["individuals"][:1]         # Nguyễn Văn An
    data["awards"] = [group]
    for other in ("so-ket-2022.json", "dot-xuat-2021.json", "dot-xuat-2025.json"):
        (campaign_dir / "decisions" / other).unlink()
    for proposal in (campaign_dir / "proposals").glob("*.json"):
        proposal.unlink()
    for report in (campaign_dir / "reports").glob("*.json"):     # it counts the decisions gone
        report.unlink()
    return write_json(campaign_dir / "decisions" / "cstd-2022.json", data)


def test_an_imported_history_refuses_a_cstd_bo_without_three_cstd_co_so(run, tmp_path,
                                                                       campaign_dir):
    db = tmp_path / "so.sqlite"
    decision = cstd_decision(campaign_dir)
    binh = ("Cá nhân", "Trần Thị Bình", "Vụ Pháp luật")
    sheet = workbook(tmp_path / "so-vang.xlsx", [
        row(binh, CSTD_CS, "10/QĐ-VPCP", "10/01/2018"),      # the sổ reaches back to 2018
        row(AN, CSTD_CS, "12/QĐ-VPCP", "10/01/2020"),
        row(AN, CSTD_CS, "20/QĐ-VPCP", "10/01/2022")])       # 2020 and 2022: not consecutive
    result = run("history", "import", str(db), str(sheet))
    assert result.exit_code == 0 and "Đã nhập 3 dòng (3 quyết định)" in result.stdout
    result = run("build", str(campaign_dir), "-o", str(tmp_path / "out"), "--register", str(db))
    assert result.exit_code == 1
    assert f"{decision}: $.awards[0].individuals[0].name:" in result.stderr
    assert "03 lần liên tục đạt danh hiệu «Chiến sĩ thi đua cơ sở»" in result.stderr
    assert "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013), Điều 22" in result.stderr
    assert not (tmp_path / "out").exists()
    # The sổ corrected (2021 added): the same build goes through.
    workbook(sheet, [row(binh, CSTD_CS, "10/QĐ-VPCP", "10/01/2018"),
                     row(AN, CSTD_CS, "12/QĐ-VPCP", "10/01/2020"),
                     row(AN, CSTD_CS, "16/QĐ-VPCP", "10/01/2021"),
                     row(AN, CSTD_CS, "20/QĐ-VPCP", "10/01/2022")])
    assert run("history", "import", str(db), str(sheet)).exit_code == 0
    result = run("build", str(campaign_dir), "-o", str(tmp_path / "out"), "--register", str(db))
    assert result.exit_code == 0, result.stderr
    assert any(a.number == 140 for a in history.awards(db))


def test_a_warning_from_the_history_does_not_stop_the_build(run, tmp_path, campaign_dir):
    # The proposal asks for the Prime Minister's Bằng khen for people the history holds no
    # ministry's Bằng khen for: Điều 73 khoản 1 điểm b wants one, điểm a and c do not — a
    # warning, printed; the build goes on.
    db = tmp_path / "so.sqlite"
    build_campaign(campaign_dir, tmp_path / "out", register_path=db)
    result = run("build", str(campaign_dir), "-o", str(tmp_path / "out"), "--register", str(db))
    assert result.exit_code == 0, result.stderr
    output = result.stdout + result.stderr
    assert "bang-khen-thu-tuong.json: $.awards[0].individuals[0].name: cảnh báo: «Nguyễn Đình " \
           "Khoa»: sổ theo dõi không ghi «Bằng khen cấp bộ, ban, ngành, tỉnh» trước «Bằng khen " \
           "của Thủ tướng Chính phủ»" in output
    assert "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013), Điều 73" in output


# -- the CLI ----------------------------------------------------------------------------------

def test_history_list_and_export_commands(run, tmp_path):
    db = tmp_path / "so.sqlite"
    book.import_awards(workbook(tmp_path / "so-vang.xlsx", PAST), db)
    result = run("history", "list", str(db), "--year", "2021")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Số quyết định\tNgày\tHình thức khen thưởng\tĐối tượng\tSố sổ vàng"
    assert lines[1] == ("30/QĐ-VPCP\t15/01/2021\tBằng khen của Bộ trưởng, Chủ nhiệm Văn phòng "
                        "Chính phủ\tCá nhân: Nguyễn Văn An (Vụ Tổ chức cán bộ, Văn phòng Chính "
                        "phủ)")
    assert lines[-1] == "Tổng cộng: 2 lượt khen thưởng năm 2021"
    out = tmp_path / "xuat.xlsx"
    result = run("history", "export", str(db), "-o", str(out))
    assert result.exit_code == 0 and result.stdout.strip() == f"Đã ghi {out} (3 lượt khen thưởng)"
    result = run("history", "export", str(db), "-o", str(out))
    assert result.exit_code == 1 and "--force" in result.stderr
    assert run("history", "export", str(db), "-o", str(out), "--force").exit_code == 0
    result = run("history", "export", str(db), "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 1 and "tệp Excel .xlsx" in result.stderr


def test_history_import_errors_exit_non_zero_with_a_clear_message(run, tmp_path):
    db = tmp_path / "so.sqlite"
    bad = workbook(tmp_path / "so-vang.xlsx", [row(AN, CSTD_CS, "abc", "10/01/2020")])
    result = run("history", "import", str(db), str(bad))
    assert result.exit_code == 1
    assert "trang «Sổ vàng», dòng 5, cột H («Số quyết định»)" in result.stderr
    assert "Traceback" not in result.stderr and not db.exists()
    result = run("history", "import", str(db), str(bad), "--sheet", "Năm 2020")
    assert result.exit_code == 1
    assert "không có trang «Năm 2020» (các trang: «Sổ vàng»)" in result.stderr
    fake = tmp_path / "fake.xlsx"
    fake.write_text("không phải Excel", encoding="utf-8")
    result = run("history", "import", str(db), str(fake))
    assert result.exit_code == 1 and "không đọc được tệp Excel" in result.stderr
    result = run("history", "list", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 1 and "Không có sổ đăng ký" in result.stderr


def test_the_import_waits_for_no_half_write(tmp_path, monkeypatch):
    # A register another program holds for writing: the import refuses clearly, writes nothing.
    db = tmp_path / "so.sqlite"
    path = workbook(tmp_path / "so-vang.xlsx", PAST)
    book.import_awards(path, db)
    monkeypatch.setattr(register, "LOCK_TIMEOUT", 0.1)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(OutputError, match="đang được dùng"):
            book.import_awards(workbook(path, PAST[:1]), db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(history.awards(db)) == 3
