"""Where the register lives (generator/store/backend.py): SQLite or PostgreSQL chosen by the
target's form, one schema migrated in order on both, registers from before migrations adopted,
clear Vietnamese errors that never show a password, and numbers issued once under concurrency."""

from __future__ import annotations

import multiprocessing
import shlex
import sqlite3
from pathlib import Path

import pytest
from store.test_transaction import documents
from support import ROOT, SAMPLE_DIR
from support.postgresql import rows, with_database

from generator.errors import OutputError, ValidationFailed
from generator.store import backend, register, transaction
from generator.store.transaction import publish

# The register's tables as thidua created them before migrations existed (generator/store/
# register.py and history.py at commit 1d62656): such a file must open and be migrated.
BEFORE_MIGRATIONS = """
CREATE TABLE outgoing (year INTEGER NOT NULL, number INTEGER NOT NULL, symbol TEXT NOT NULL,
    type TEXT NOT NULL, date TEXT, summary TEXT NOT NULL, signer TEXT NOT NULL,
    source TEXT NOT NULL, recorded TEXT NOT NULL, PRIMARY KEY (year, number, symbol));
CREATE TABLE runs (run TEXT PRIMARY KEY, recorded TEXT NOT NULL);
INSERT INTO outgoing VALUES (2021, 14, 'KH-VPCP', 'Kế hoạch', '2021-09-24', 'Tổ chức phong trào',
    'Trần Văn Sơn', 'campaign.json', '2021-09-24T03:00:00+00:00');
INSERT INTO runs VALUES ('earlier', '2021-09-24T03:00:00+00:00');
"""


@pytest.mark.parametrize(("target", "shown"), [
    ("so.sqlite", "so.sqlite"),
    ("postgresql://van_thu:bí-mật@db.vpcp.local:5432/so_van_ban",
     "postgresql://van_thu@db.vpcp.local:5432/so_van_ban"),
    ("postgres://van_thu:p%40ss@10.0.0.5/so", "postgres://van_thu@10.0.0.5/so"),
    ("postgresql://db.local/so?password=x&sslmode=require",
     "postgresql://db.local/so?sslmode=require"),
    ("postgresql://van_thu@db.local/so", "postgresql://van_thu@db.local/so"),
])
def test_a_target_is_shown_without_its_password(target, shown):
    assert backend.display(backend.parse_target(target)) == shown


def test_a_url_is_a_server_and_anything_else_a_sqlite_file():
    assert backend.parse_target("postgresql://h/db") == "postgresql://h/db"
    assert backend.parse_target("POSTGRES://h/db") == "POSTGRES://h/db"
    assert backend.parse_target("so/van-ban.sqlite") == Path("so/van-ban.sqlite")
    assert backend.parse_target("postgresql.sqlite") == Path("postgresql.sqlite")


def test_the_migrations_are_numbered_from_one_without_a_gap_for_both_dialects():
    for dialect in ("sqlite", "postgresql"):
        versions = [v for v, _, _ in backend.migrations(dialect)]
        assert versions == list(range(1, len(versions) + 1))
    assert ([n for _, n, _ in backend.migrations("sqlite")]
            == [n for _, n, _ in backend.migrations("postgresql")])


def test_a_new_register_records_its_schema_version(register_target):
    newest = backend.migrations("sqlite")[-1][0]
    assert backend.migrate(register_target) == newest
    assert backend.migrate(register_target) == newest             # applied once
    recorded = rows(register_target, "SELECT version, name FROM schema_version")
    assert recorded == [(v, n) for v, n, _ in backend.migrations("sqlite")]
    with backend.reading(register_target) as db:
        assert {"outgoing", "runs", "awards"} <= db.tables()


def test_a_register_from_before_migrations_opens_as_it_is_and_is_migrated_by_the_next_run(
        run, tmp_path):
    db = tmp_path / "so.sqlite"
    with sqlite3.connect(db) as connection:
        connection.executescript(BEFORE_MIGRATIONS)
    before = db.read_bytes()
    listed = run("register", "list", str(db), "--year", "2021")
    assert listed.exit_code == 0, listed.stderr
    assert listed.stdout.splitlines()[1].startswith("14/KH-VPCP\t24/09/2021\tKế hoạch: ")
    assert run("register", "next", str(db), "--agency", "VPCP", "--year", "2021").stdout == "15\n"
    assert db.read_bytes() == before, "reading never migrates"
    publish(documents(tmp_path / "out", {15: "mười lăm"}), register_path=db)
    assert rows(db, "SELECT version FROM schema_version") == [(1,)]
    assert [(r[1], r[2]) for r in rows(db, "SELECT * FROM outgoing ORDER BY number")] == [
        (14, "KH-VPCP"), (15, "QĐ-VPCP")]
    assert register.has_run(db, "earlier")
    again = run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "build"), "--register", str(db),
                "--force")
    assert again.exit_code == 0, again.stderr
    assert len(rows(db, "SELECT number FROM outgoing")) == 13     # and the sample's eleven


def test_a_register_written_by_a_newer_thidua_is_refused_before_anything_is_written(
        tmp_path, register_target):
    backend.migrate(register_target)
    with backend.writing(register_target) as db:
        db.execute("INSERT INTO schema_version VALUES (?, ?, ?)", (99, "future", "2030-01-01"))
    with pytest.raises(OutputError, match="phiên bản thidua mới hơn"):
        publish(documents(tmp_path / "out", {1: "một"}), register_path=register_target)
    assert not (tmp_path / "out").exists()
    assert rows(register_target, "SELECT number FROM outgoing") == []


# ---------------------------------------------------------------------------- PostgreSQL

def _refused(run, tmp_path, url: str, *, secret: str) -> str:
    result = run("decision", str(SAMPLE_DIR / "decisions" / "so-ket-2022.json"), "-o",
                 str(tmp_path / "out"), "--register", url)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert secret not in result.stderr + result.stdout, "a password is never shown"
    assert not (tmp_path / "out").exists()
    return result.stderr


def test_an_unreachable_server_is_named_without_its_password(run, tmp_path, postgresql_server):
    from support.postgresql import free_port

    port = free_port()                  # nothing listens there
    url = f"postgresql://van_thu:mat-khau-1@127.0.0.1:{port}/so_van_ban"
    message = _refused(run, tmp_path, url, secret="mat-khau-1")
    assert "Không kết nối được tới máy chủ PostgreSQL" in message
    assert f"postgresql://van_thu@127.0.0.1:{port}/so_van_ban" in message
    assert "không nhận kết nối" in message


def test_a_wrong_password_is_a_clear_error(run, tmp_path, postgresql_url):
    server_url = postgresql_url.replace("://postgres:", "://postgres:sai-", 1)
    message = _refused(run, tmp_path, server_url, secret="sai-")
    assert "Sai mật khẩu" in message
    assert backend.display(server_url) in message


def test_a_missing_database_is_a_clear_error(run, tmp_path, postgresql_server):
    url = with_database(postgresql_server.admin_url, "chua_tao")
    message = _refused(run, tmp_path, url, secret=postgresql_server.password)
    assert "Chưa có cơ sở dữ liệu" in message and backend.display(url) in message
    assert "createdb" in message


def test_register_commands_on_a_database_without_a_register_refuse(run, postgresql_url):
    result = run("register", "next", postgresql_url, "--agency", "VPCP", "--year", "2022")
    assert result.exit_code == 1 and "chưa có sổ đăng ký" in result.stderr
    assert backend.display(postgresql_url) in result.stderr


def test_a_journal_names_a_postgresql_register_without_its_password(tmp_path, postgresql_url,
                                                                     postgresql_server,
                                                                     monkeypatch):
    seen: list[str] = []

    def read_journal(step: str) -> None:
        if step == "journal":
            seen.extend(p.read_text("utf-8") for p in (tmp_path / "out").glob(".thidua-journal-*"))

    monkeypatch.setattr(transaction, "STEP_HOOK", read_journal)
    publish(documents(tmp_path / "out", {1: "một"}), register_path=postgresql_url)
    assert len(seen) == 1 and backend.display(postgresql_url) in seen[0]
    assert postgresql_server.password not in seen[0]


def _migrate(url: str) -> int:
    return backend.migrate(url)


def test_eight_first_runs_on_an_empty_database_migrate_it_once(postgresql_url):
    with multiprocessing.get_context("fork").Pool(8) as pool:
        versions = pool.map(_migrate, [postgresql_url] * 8)
    newest = backend.migrations("postgresql")[-1][0]
    assert versions == [newest] * 8
    assert rows(postgresql_url, "SELECT version FROM schema_version") == [(newest,)]
    assert rows(postgresql_url, "SELECT id FROM register_lock") == [(1,)]


# ---------------------------------------------------------------------------- issuing numbers

def _issue(args: tuple[str, str, int]) -> tuple[int, int]:
    """A clerk who asks the register for the next free number, builds 25 documents from it
    and, when another clerk took those numbers meanwhile, asks again: 8 times. The first
    batch of every clerk starts at 01, as if all eight had read the empty register at once."""
    folder, db, worker = args
    target = backend.parse_target(db)
    refused = 0
    for batch in range(8):
        source = f"w{worker}-{batch}.json"
        while True:
            first = 1 if batch == refused == 0 else register.next_number(target, "VPCP", 2021,
                                                                         "QĐ-VPCP")
            numbers = {first + i: f"{source} {i}" for i in range(25)}
            try:
                publish(documents(Path(folder) / str(worker), numbers, source=source),
                        register_path=target)
                break
            except ValidationFailed:
                refused += 1
    return worker, refused


def test_eight_clerks_taking_the_next_free_number_get_1600_numbers_once_each_without_gaps(
        tmp_path, register_target):
    backend.migrate(register_target)
    with multiprocessing.get_context("fork").Pool(8) as pool:
        results = pool.map(_issue, [(str(tmp_path / "out"), str(register_target), w)
                                    for w in range(8)])
    recorded = rows(register_target, "SELECT number, source FROM outgoing ORDER BY number")
    assert [n for n, _ in recorded] == list(range(1, 1601)), "every number once, no gap"
    on_disk = sorted(int(p.name.split()[2].split("-")[0])
                     for p in (tmp_path / "out").glob("*/*.docx"))
    assert on_disk == list(range(1, 1601)), "every recorded number has its one document"
    for number, source in recorded:
        worker = source.split("-")[0][1:]
        assert (tmp_path / "out" / worker / f"Quyết định {number}-QĐ-VPCP.docx").is_file()
    assert sum(refused for _, refused in results) >= 7, "all eight raced for 01 at least"


def test_the_readme_command_that_shares_a_register_on_postgresql_works(run, tmp_path,
                                                                      postgresql_url,
                                                                      monkeypatch):
    """The README's one command, with its placeholder URL replaced by a real database's."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (line,) = [text for text in readme.splitlines()
               if text.startswith("THIDUA_REGISTER=postgresql://")]
    variable, command = line.split(" ", 1)
    assert command.startswith("thidua build samples/")
    monkeypatch.setenv(variable.split("=", 1)[0], postgresql_url)
    (tmp_path / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0, result.stderr
    assert rows(postgresql_url, "SELECT COUNT(*) FROM outgoing") == [(11,)]
    listed = run("register", "list", postgresql_url, "--year", "2022")
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()[1:]] == [
        "120/QĐ-VPCP", "132/BC-VPCP", "210/TTr-VPCP", "211/TTr-VPCP"]


def test_another_schema_is_migrated_in_order_with_its_dialect_variants(tmp_path,
                                                                       register_target):
    """The web app's tables, say: a Schema of its own, its versions in its own table, its
    noun in messages, and no register lock (its writers lock the rows they change)."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_units.sql").write_text(
        "CREATE TABLE units (code TEXT PRIMARY KEY, name TEXT NOT NULL);\n"
        "-- a comment; with a semicolon\nINSERT INTO units VALUES ('PL', 'Vụ Pháp luật');\n")
    (folder / "0002_saves.sqlite.sql").write_text(
        "CREATE TABLE saves (unit TEXT NOT NULL, at TEXT NOT NULL);")
    (folder / "0002_saves.postgresql.sql").write_text(
        "CREATE TABLE saves (unit TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now());")
    (folder / "notes.txt").write_text("not a migration")
    schema = backend.Schema(folder, "web_schema_version", "cơ sở dữ liệu hồ sơ")
    assert [(v, n) for v, n, _ in backend.migrations("sqlite", schema)] == [(1, "units"),
                                                                            (2, "saves")]
    assert backend.migrate(register_target, schema=schema) == 2
    with backend.connect(register_target, schema=schema) as db:
        assert {"units", "saves", "web_schema_version"} <= db.tables()
        assert "schema_version" not in db.tables(), "the register's own schema is untouched"
        assert db.execute("SELECT name FROM units WHERE code = ?", ("PL",)).fetchall() == [
            ("Vụ Pháp luật",)]
    assert rows(register_target, "SELECT version, name FROM web_schema_version "
                                 "ORDER BY version") == [(1, "units"), (2, "saves")]
    (folder / "0003_more.sql").write_text("ALTER TABLE units ADD COLUMN tier TEXT;")
    assert backend.migrate(register_target, schema=schema) == 3      # only 0003 is applied
    assert rows(register_target, "SELECT COUNT(*) FROM units") == [(1,)]
    if not backend.is_url(register_target):
        with (pytest.raises(OutputError, match="Không có cơ sở dữ liệu hồ sơ"),
              backend.connect(tmp_path / "khong-co.sqlite", schema=schema)):
            pass
