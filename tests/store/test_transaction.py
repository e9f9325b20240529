"""One transaction from number to file (generator/store/transaction.py): a failure at any step,
a killed run or a concurrent run never leaves a file without its record, a record without its
file, or an earlier file lost — on SQLite and on PostgreSQL (``register_target``)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from support import TESTS
from support.postgresql import rows

from generator.errors import OutputError, OutputExists, ValidationFailed
from generator.store import backend, register, transaction
from generator.store.manifest import Manifest, publication
from generator.store.transaction import REPLACED, STEPS, File, publish

HEADER = ("file", "type", "number", "source", "sha256")
PRE_COMMIT = STEPS[:-1]     # a failure at these steps must leave everything as it was


def entry(number: int, source: str = "a.json", year: int = 2021) -> register.Entry:
    return register.Entry(year, number, "QĐ-VPCP", "Quyết định", f"{year}-10-20",
                          f"Về việc khen thưởng {number}", "Nguyễn Văn A", source)


def documents(folder: Path, numbers: dict[int, str], source: str = "a.json",
              force: bool = False) -> transaction.Publication:
    """A publication of one small file per number (its text as content), with its manifest."""
    manifest = Manifest(folder / "documents.csv", HEADER)
    files = [File.of(folder / f"Quyết định {n}-QĐ-VPCP.docx", text.encode()) for n, text in
             numbers.items()]
    rows = [[f.target.name, "Quyết định", f"{n}/QĐ-VPCP", source, f.sha256]
            for n, f in zip(numbers, files, strict=True)]
    result = publication(manifest, files, rows, manifest.read(force),
                         owned=lambda row: row["source"] == source)
    result.entries = [entry(n, source) for n in numbers]
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def recorded(db: backend.Target) -> list[tuple]:
    return rows(db, "SELECT year, number, symbol, summary, source FROM outgoing ORDER BY number")


@pytest.fixture
def earlier(tmp_path, register_target):
    """A folder and a register holding an earlier run: numbers 1 and 2 from a.json."""
    folder, db = tmp_path / "out", register_target
    publish(documents(folder, {1: "một", 2: "hai"}), register_path=db)
    return folder, db


def test_a_run_writes_its_files_its_manifest_and_its_records(earlier):
    folder, db = earlier
    assert snapshot(folder).keys() == {"Quyết định 1-QĐ-VPCP.docx", "Quyết định 2-QĐ-VPCP.docx",
                                       "documents.csv"}
    assert [row[1] for row in recorded(db)] == [1, 2]
    mode = (folder / "Quyết định 1-QĐ-VPCP.docx").stat().st_mode & 0o777
    assert mode == 0o666 & ~_umask(), "the umask is honoured, not mkstemp's 0600"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_rerun_keeps_identical_files_replaces_its_own_and_moves_the_stale_out(earlier):
    folder, db = earlier
    # The data changed: 1 has a corrected text, 2 is gone, 3 is new.
    outcome = publish(documents(folder, {1: "một (sửa)", 3: "ba"}), register_path=db)
    names = {p.name for p in folder.glob("*.docx")}
    assert names == {"Quyết định 1-QĐ-VPCP.docx", "Quyết định 3-QĐ-VPCP.docx"}
    assert (folder / "Quyết định 1-QĐ-VPCP.docx").read_text() == "một (sửa)"
    aside = sorted(p.relative_to(folder) for p in (folder / REPLACED).rglob("*.docx"))
    assert [p.name for p in aside] == ["Quyết định 1-QĐ-VPCP.docx", "Quyết định 2-QĐ-VPCP.docx"]
    assert {p.name for p in outcome.moved} == {p.name for p in aside}
    assert sorted(p.read_text() for p in (folder / REPLACED).rglob("*.docx")) == ["hai", "một"]
    listed = Manifest(folder / "documents.csv", HEADER).read(force=False)
    assert sorted(row["file"] for row in listed) == sorted(names)
    again = publish(documents(folder, {1: "một (sửa)", 3: "ba"}), register_path=db)
    assert again.written == (folder / "documents.csv",) or again.written == ()
    assert len(again.kept) >= 2 and again.moved == ()


def test_a_file_thidua_did_not_write_is_refused_and_force_moves_it_aside(earlier):
    folder, db = earlier
    (folder / "Quyết định 5-QĐ-VPCP.docx").write_text("của người khác")
    before = snapshot(folder)
    with pytest.raises(OutputExists, match="không do thidua ghi"):
        publish(documents(folder, {5: "năm"}, source="b.json"), register_path=db)
    assert snapshot(folder) == before and 5 not in [r[1] for r in recorded(db)]
    publish(documents(folder, {5: "năm"}, source="b.json"), force=True, register_path=db)
    assert (folder / "Quyết định 5-QĐ-VPCP.docx").read_text() == "năm"
    kept = list((folder / REPLACED).rglob("Quyết định 5-QĐ-VPCP.docx"))
    assert [p.read_text() for p in kept] == ["của người khác"]


def test_a_file_edited_by_hand_after_it_was_written_needs_force(earlier):
    folder, db = earlier
    (folder / "Quyết định 1-QĐ-VPCP.docx").write_text("sửa tay")
    with pytest.raises(OutputExists):
        publish(documents(folder, {1: "một (mới)", 2: "hai"}), register_path=db)
    assert (folder / "Quyết định 1-QĐ-VPCP.docx").read_text() == "sửa tay"


def test_other_sources_files_stay_listed_and_untouched(earlier):
    folder, db = earlier
    publish(documents(folder, {7: "bảy"}, source="b.json"), register_path=db)
    names = {row["file"] for row in Manifest(folder / "documents.csv", HEADER).read(False)}
    assert names == {"Quyết định 1-QĐ-VPCP.docx", "Quyết định 2-QĐ-VPCP.docx",
                     "Quyết định 7-QĐ-VPCP.docx"}
    assert not (folder / REPLACED).exists()


class Injected(Exception):
    pass


@pytest.mark.parametrize("step", PRE_COMMIT)
def test_a_failure_at_any_step_leaves_the_folder_and_the_register_as_they_were(
        earlier, monkeypatch, step):
    folder, db = earlier
    before, rows = snapshot(folder), recorded(db)

    def fail(at: str) -> None:
        if at == step:
            raise Injected(at)

    monkeypatch.setattr(transaction, "STEP_HOOK", fail)
    with pytest.raises(Injected):
        publish(documents(folder, {1: "một (sửa)", 3: "ba"}), register_path=db)
    assert snapshot(folder) == before
    assert recorded(db) == rows


def test_a_failure_in_a_new_folder_leaves_no_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(transaction, "STEP_HOOK", lambda at: (_ for _ in ()).throw(
        Injected(at)) if at == "placed" else None)
    with pytest.raises(Injected):
        publish(documents(tmp_path / "a" / "b", {1: "một"}))
    assert list(tmp_path.iterdir()) == []


KILLED = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from store.test_transaction import documents
from generator.store import backend, transaction
step = {step!r}
transaction.STEP_HOOK = lambda at: os.kill(os.getpid(), signal.SIGKILL) if at == step else None
transaction.publish(documents(Path({folder!r}), {{1: "một (sửa)", 3: "ba"}}),
                    register_path=backend.parse_target({db!r}))
"""


def number_of(path: Path) -> int:
    return int(path.name.split()[2].split("-")[0])


def consistent(folder: Path, db: Path) -> None:
    """Every document in the folder is recorded, and every record has its document (in the
    folder, or moved into đã thay thế/ when the data no longer produces it)."""
    numbers = {row[1] for row in recorded(db)}
    assert {number_of(p) for p in folder.glob("*.docx")} <= numbers
    assert numbers <= {number_of(p) for p in folder.rglob("*.docx")}
    assert not list(folder.glob(".thidua-*")), "no journal or temporary file is left"


@pytest.mark.parametrize("step", STEPS)
def test_a_killed_run_is_undone_or_finished_by_the_next_run(earlier, step):
    folder, db = earlier
    before = snapshot(folder)
    script = KILLED.format(tests=str(TESTS), step=step, folder=str(folder), db=str(db))
    process = subprocess.run([sys.executable, "-c", script], timeout=120, check=False)
    assert process.returncode == -signal.SIGKILL
    # A journal names a PostgreSQL register without its password: the next run's own target
    # (with it) is used to ask whether the killed run committed. A SQLite journal is enough.
    notes = transaction.recover(folder, db if backend.is_url(db) else None)
    if step == "committed":         # the register committed: the run is finished
        assert {p.name for p in folder.glob("*.docx")} == {"Quyết định 1-QĐ-VPCP.docx",
                                                           "Quyết định 3-QĐ-VPCP.docx"}
        assert "hoàn tất" in notes[0]
        consistent(folder, db)
    else:
        assert snapshot(folder) == before
        assert [row[1] for row in recorded(db)] == [1, 2]
        assert notes == [] or "hoàn tác" in notes[0]
        consistent(folder, db)


def _race(args: tuple[str, str, str, int]) -> str:
    folder, db, source, number = args
    try:
        publish(documents(Path(folder), {number: source}, source=source),
                register_path=backend.parse_target(db))
    except (ValidationFailed, OutputExists, OutputError) as err:
        return f"refused: {err}"
    return "written"


def test_eight_runs_racing_for_one_number_one_wins_and_the_others_write_nothing(
        tmp_path, fresh_register):
    context = multiprocessing.get_context("fork")
    for round_ in range(3):
        folder, db = tmp_path / f"out{round_}", fresh_register(f"so{round_}")
        with context.Pool(8) as pool:
            results = pool.map(_race, [(str(folder), str(db), f"tệp-{i}.json", 700)
                                       for i in range(8)])
        assert results.count("written") == 1, results
        refused = [r for r in results if r != "written"]
        unexpected = [r for r in refused
                      if not ("700/QĐ-VPCP" in r or "vừa ghi" in r or "không do thidua" in r)]
        assert unexpected == []
        (winner,) = recorded(db)
        assert (folder / "Quyết định 700-QĐ-VPCP.docx").read_text() == winner[4]
        assert sorted(p.name for p in folder.iterdir()) == ["Quyết định 700-QĐ-VPCP.docx",
                                                            "documents.csv"]


def _many(args: tuple[str, str, int]) -> int:
    folder, db, worker = args
    for batch in range(20):             # 20 runs of 10 documents each
        numbers = {1000 * worker + 10 * batch + i: f"{worker}-{batch}-{i}" for i in range(10)}
        publish(documents(Path(folder) / str(worker), numbers, source=f"w{worker}.json"),
                register_path=backend.parse_target(db))
    return worker


def test_eight_processes_of_200_documents_each_all_recorded_none_twice(tmp_path,
                                                                      register_target):
    db = register_target
    with multiprocessing.get_context("fork").Pool(8) as pool:
        pool.map(_many, [(str(tmp_path / "out"), str(db), w) for w in range(8)])
    rows = recorded(db)
    on_disk = sorted(int(p.name.split()[2].split("-")[0])
                     for p in (tmp_path / "out").rglob("*.docx"))
    assert len(rows) == len(on_disk) == 1600
    assert [row[1] for row in rows] == on_disk == sorted(set(on_disk))


def hold(db: backend.Target):
    """Another program holding the register for writing: a SQLite exclusive transaction, or
    a PostgreSQL session that locked the register's counter row."""
    if backend.is_url(db):
        import psycopg
        holder = psycopg.connect(db)
        holder.execute("SELECT runs FROM register_lock WHERE id = 1 FOR UPDATE")
        return holder
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_register_locked_by_another_program_is_in_use_not_damaged(tmp_path, monkeypatch,
                                                                   register_target):
    db = register_target
    publish(documents(tmp_path / "a", {1: "một"}), register_path=db)
    holder = hold(db)
    monkeypatch.setattr(register, "LOCK_TIMEOUT", 0.2)
    try:
        with pytest.raises(OutputError, match="đang được dùng") as err:
            publish(documents(tmp_path / "b", {2: "hai"}), register_path=db)
    finally:
        holder.rollback()
        holder.close()
    assert "hỏng" not in str(err.value) and "0.2 giây" in str(err.value)
    assert not (tmp_path / "b").exists()


def test_a_damaged_register_is_damaged(tmp_path):
    db = tmp_path / "so.sqlite"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(OutputError, match="bị hỏng"):
        publish(documents(tmp_path / "a", {1: "một"}), register_path=db)
    assert not (tmp_path / "a").exists()


def test_a_sqlite_file_of_another_program_is_refused_as_not_a_register(run, tmp_path):
    db = tmp_path / "khac.sqlite"
    with sqlite3.connect(db) as other:
        other.execute("CREATE TABLE outgoing (x)")      # a name thidua's register also uses
    said = f"{db} không phải sổ đăng ký của thidua: tệp SQLite này có bảng của chương trình khác"
    listed = run("register", "list", str(db))
    assert listed.exit_code == 1 and said in listed.stderr
    with pytest.raises(OutputError, match="không phải sổ đăng ký của thidua"):
        publish(documents(tmp_path / "a", {1: "một"}), register_path=db)
    assert not (tmp_path / "a").exists()


def test_register_commands_refuse_a_missing_register(run, tmp_path):
    result = run("register", "next", str(tmp_path / "so-van-ban.sqlit"), "--agency", "VPCP",
                 "--year", "2022")
    assert result.exit_code == 1
    assert "Không có sổ đăng ký" in result.stderr and "so-van-ban.sqlit" in result.stderr
    assert not (tmp_path / "so-van-ban.sqlit").exists()


def test_a_message_never_crashes_on_a_console_that_cannot_show_vietnamese(tmp_path):
    from support import SAMPLE_DIR
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}   # Click mends only ASCII
    process = subprocess.run(
        [sys.executable, "-m", "generator", "plan", str(SAMPLE_DIR / "campaign.json"), "-o",
         str(tmp_path / "out")], capture_output=True, env=env, timeout=120, check=False,
        cwd=tmp_path)
    assert process.returncode == 0, process.stderr
    assert b"?" in process.stdout and b"Traceback" not in process.stderr
    assert len(list((tmp_path / "out").glob("*.docx"))) == 1


TWO_FOLDERS = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from store.test_transaction import documents
from generator.store import transaction
transaction.STEP_HOOK = lambda at: os.kill(os.getpid(), signal.SIGKILL) if at == "placed" else None
whole = documents(Path({a!r}), {{5: "năm"}})
whole.add(documents(Path({b!r}), {{6: "sáu"}}, source="b.json"))
transaction.publish(whole)
"""


def test_a_killed_run_over_two_folders_is_undone_in_both_by_a_run_into_one(tmp_path):
    a, b = tmp_path / "out", tmp_path / "out" / "Bằng khen"
    script = TWO_FOLDERS.format(tests=str(TESTS), a=str(a), b=str(b))
    assert subprocess.run([sys.executable, "-c", script], timeout=120,
                          check=False).returncode == -signal.SIGKILL
    assert (a / "Quyết định 5-QĐ-VPCP.docx").exists() and (b / "Quyết định 6-QĐ-VPCP.docx").exists()
    notes = transaction.recover(b)
    assert notes and all("hoàn tác" in n for n in notes)
    assert not a.exists(), "the folders the killed run created are gone with it"


def test_a_foreign_file_named_like_the_manifest_is_kept_aside_when_forced(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "documents.csv").write_text("ghi chú của văn thư\n", encoding="utf-8")
    with pytest.raises(OutputExists, match="không phải danh sách tệp của thidua"):
        publish(documents(folder, {1: "một"}))
    publish(documents(folder, {1: "một"}, force=True), force=True)
    (kept,) = (folder / REPLACED).rglob("documents.csv")
    assert kept.read_text(encoding="utf-8") == "ghi chú của văn thư\n"


@pytest.mark.parametrize("files", [[], [["Bằng khen - Nguyễn Văn An.docx", "ab" * 32, "write"]],
                                   [[f"Bằng khen - Người {i}.docx", f"{i:064x}", "keep"]
                                    for i in range(3000)]])
def test_a_journal_written_entry_by_entry_reads_back_as_it_was(tmp_path, files):
    import json

    record = {"run": "r1", "register": None, "folders": [str(tmp_path)], "made": [],
              "files": files, "moves": [["a/Tờ trình.docx", "a/đã thay thế/Tờ trình.docx"]]}
    handle = transaction._write_journal(tmp_path / "journal.json", record)
    handle.close()
    assert json.loads((tmp_path / "journal.json").read_text(encoding="utf-8")) == record


@pytest.mark.parametrize("planted", ["[1, 2, 3]", "[" * 100_000 + "]" * 100_000, '"text"'],
                         ids=["a list", "nested too deep", "a string"])
def test_a_journal_thidua_did_not_write_is_taken_for_one_that_did_nothing(earlier, planted):
    folder, db = earlier
    before = snapshot(folder)
    journal = folder / f"{transaction.JOURNAL_PREFIX}khong-phai.json"
    journal.write_text(planted, encoding="utf-8")
    notes = transaction.recover(folder, None)
    assert len(notes) == 1 and "đã hoàn tác" in notes[0]
    assert not journal.exists()
    assert snapshot(folder) == before
    consistent(folder, db)
