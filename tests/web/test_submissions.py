"""The submissions store on its own, on a SQLite file and on PostgreSQL (``register_target``):
migrations, a store written by the code before migrations, versions under concurrency, the
backend's messages, and a writer killed at any moment leaving a consistent file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from generator.errors import OutputError
from generator.store import backend
from generator.store.submissions import (
    APPROVED,
    RETURNED,
    SENT,
    WEB,
    NotAllowed,
    StaleVersion,
    changed_paths,
    connect,
)

PLAN = {"unit": "TCCB", "targets": ["Chỉ tiêu 1"], "signer": {"title": "Vụ trưởng", "name": "A"}}


def test_opening_twice_migrates_once(register_target):
    connect(register_target).save("TCCB", "TCCB", PLAN, 0)
    store = connect(register_target)
    assert store.current("TCCB").version == 1
    with backend.reading(register_target) as db:
        assert db.execute("SELECT version, name FROM web_schema_version "
                          "ORDER BY version").fetchall() == [(1, "initial"), (2, "forms")]
        assert {"accounts", "submissions", "versions"} <= db.tables()
    if not backend.is_url(register_target):      # what the code before migrations reads
        with sqlite3.connect(register_target) as raw:
            assert raw.execute("PRAGMA user_version").fetchone()[0] == 1


# The tables and data as generator/store/submissions.py wrote them before it used the backend
# (commit cdf8eaf: its MIGRATIONS[1] run by hand, then PRAGMA user_version = 1).
OLD_SCHEMA = """
CREATE TABLE accounts (code TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('unit',
    'agency')), secret_hash TEXT NOT NULL, generation INTEGER NOT NULL, issued_at TEXT NOT NULL);
CREATE TABLE submissions (unit TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);
CREATE TABLE versions (unit TEXT NOT NULL, version INTEGER NOT NULL, saved_at TEXT NOT NULL,
    author TEXT NOT NULL, action TEXT NOT NULL, state TEXT NOT NULL, changed TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '', data TEXT NOT NULL, PRIMARY KEY (unit, version));
PRAGMA user_version = 1;
"""


def test_a_store_written_before_migrations_opens_with_its_data(tmp_path):
    path = tmp_path / "old.sqlite"
    stored = json.dumps(PLAN, ensure_ascii=False)
    with sqlite3.connect(path) as raw:
        raw.executescript(OLD_SCHEMA)
        raw.execute("INSERT INTO accounts VALUES ('TCCB', 'unit', 'scrypt$00$00', 1, "
                    "'2026-12-01T08:00:00+00:00')")
        raw.execute("INSERT INTO versions VALUES ('TCCB', 1, '2026-12-01T08:01:00+00:00', "
                    "'TCCB', 'lưu', 'nháp', '[\"$.unit\"]', '', ?)", (stored,))
        raw.execute("INSERT INTO submissions VALUES ('TCCB', 'nháp', 1, '', "
                    "'2026-12-01T08:01:00+00:00', 'TCCB')")
    raw.close()
    store = connect(path)
    assert store.current("TCCB").data == PLAN
    assert store.account("TCCB").generation == 1
    assert store.save("TCCB", "TCCB", {**PLAN, "targets": ["Mới"]}, 1).version == 2
    assert [v.version for v in store.versions("TCCB")] == [2, 1]
    secret = store.issue_secret("TCCB", "unit")
    assert store.verify("TCCB", secret).generation == 2


def test_a_store_of_plans_only_keeps_them_as_plans_beside_new_nominations(register_target):
    """A store made before nominations (web schema 1) is migrated: its rows become the units'
    plans, and a unit's nominations are a submission of their own, with their own versions."""
    steps = backend.migrations("postgresql" if backend.is_url(register_target) else "sqlite",
                               WEB)
    assert [v for v, _, _ in steps][:2] == [1, 2]
    # The newest schema made, then wound back to what version 1 wrote:
    with backend.connect(register_target, write=True, schema=WEB) as db:
        db.execute("DROP TABLE versions")
        db.execute("DROP TABLE submissions")
        db.executescript(steps[0][2])
        db.execute("DELETE FROM web_schema_version WHERE version = 2")
        db.execute("INSERT INTO versions VALUES ('TCCB', 1, '2026-12-01T08:01:00+00:00', "
                   "'TCCB', 'gửi', 'đã gửi', '[]', '', ?)", (json.dumps(PLAN),))
        db.execute("INSERT INTO submissions VALUES ('TCCB', 'đã gửi', 1, '', "
                   "'2026-12-01T08:01:00+00:00', 'TCCB')")
    store = connect(register_target)
    assert store.current("TCCB").state == SENT
    assert store.current("TCCB").data == PLAN
    assert store.current("TCCB", "de-nghi/chu-ky-2022") is None
    nominations = {"unit": "TCCB", "nominees": []}
    saved = store.save("TCCB", "TCCB", nominations, 0, form="de-nghi/chu-ky-2022")
    assert (saved.version, saved.form) == (1, "de-nghi/chu-ky-2022")
    assert store.current("TCCB").data == PLAN               # the plan is untouched
    assert [v.version for v in store.versions("TCCB")] == [1]
    assert list(store.all_current("de-nghi/chu-ky-2022")) == ["TCCB"]
    with pytest.raises(NotAllowed, match="đề nghị khen thưởng đã gửi"):
        store.review("TCCB", "ban-thi-dua", True, form="de-nghi/chu-ky-2022")


def test_the_web_store_and_the_register_share_one_database(register_target):
    assert backend.migrate(register_target) >= 1               # the register's tables
    store = connect(register_target)
    store.save("TCCB", "TCCB", PLAN, 0)
    with backend.reading(register_target) as db:
        assert {"outgoing", "schema_version", "accounts", "web_schema_version"} <= db.tables()
        assert backend.schema_version(db) == backend.migrations(db.dialect)[-1][0]
        assert backend.schema_version(db, WEB) == 2


def test_a_store_made_by_a_newer_thidua_is_refused(register_target):
    connect(register_target)
    with backend.connect(register_target, write=True, schema=WEB) as db:
        db.execute("INSERT INTO web_schema_version VALUES (99, 'future', 'x')")
    with pytest.raises(OutputError, match="phiên bản thidua mới hơn"):
        connect(register_target)


def test_an_unreachable_server_and_a_wrong_password_are_said_in_vietnamese(postgresql_server):
    from support.postgresql import free_port
    unreachable = f"postgresql://thidua:bimat123@127.0.0.1:{free_port()}/thidua"
    with pytest.raises(OutputError, match="Không kết nối được tới máy chủ PostgreSQL của kho "
                                          "dữ liệu của thidua serve") as caught:
        connect(unreachable)
    assert "bimat123" not in str(caught.value)
    server = postgresql_server
    wrong = f"postgresql://{server.user}:sai-mat-khau@{server.host}:{server.port}/postgres"
    with pytest.raises(OutputError, match="Sai mật khẩu") as caught:
        connect(wrong)
    assert "sai-mat-khau" not in str(caught.value)


@pytest.mark.parametrize(("old", "new", "paths"), [
    ({}, PLAN, ["$.unit", "$.targets", "$.signer"]),
    (PLAN, {**PLAN, "signer": {"title": "Vụ trưởng", "name": "B"}}, ["$.signer.name"]),
    (PLAN, {**PLAN, "targets": ["Chỉ tiêu 1", "Chỉ tiêu 2"]}, ["$.targets"]),
    (PLAN, PLAN, []),
], ids=["first save", "one field", "a row added", "nothing"])
def test_what_a_save_changed(old, new, paths):
    assert changed_paths(old, new) == paths


def test_the_state_machine(register_target):
    store = connect(register_target)
    with pytest.raises(NotAllowed, match="Chỉ duyệt hoặc trả lại được Kế hoạch đã gửi"):
        store.review("TCCB", "ban-thi-dua", approve=True)
    store.save("TCCB", "TCCB", PLAN, 0, send=True)
    assert store.save("TCCB", "TCCB", PLAN, 0, send=True).version == 1   # "Gửi" twice
    with pytest.raises(NotAllowed, match="đã gửi"):
        store.save("TCCB", "TCCB", {**PLAN, "targets": ["Khác"]}, 1)
    assert store.review("TCCB", "ban-thi-dua", approve=False, comment=" Sửa lại ").state == RETURNED
    assert store.current("TCCB").comment == "Sửa lại"
    edited = store.save("TCCB", "TCCB", {**PLAN, "targets": ["Khác"]}, 2)
    assert edited.state == RETURNED and edited.comment == "Sửa lại"   # seen until sent again
    assert store.save("TCCB", "TCCB", edited.data, 3, send=True).state == SENT
    assert store.review("TCCB", "ban-thi-dua", approve=True).state == APPROVED
    assert [v.state for v in store.versions("TCCB")] == [APPROVED, SENT, RETURNED, RETURNED,
                                                         SENT]


def test_eight_threads_saving_from_one_version_make_one_version(register_target):
    store = connect(register_target)
    store.save("TCCB", "TCCB", PLAN, 0)
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def clerk(number: int) -> None:
        start.wait()
        try:
            store.save("TCCB", f"người {number}", {**PLAN, "targets": [f"Bản {number}"]}, 1)
            outcomes.append("saved")
        except StaleVersion:
            outcomes.append("stale")

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved"] + ["stale"] * 7
    assert [v.version for v in store.versions("TCCB")] == [2, 1]


@pytest.mark.parametrize("send", [False, True], ids=["save", "send"])
def test_eight_threads_posting_the_same_content_make_one_version(register_target, send):
    store = connect(register_target)
    store.save("TCCB", "TCCB", PLAN, 0)
    same = {**PLAN, "targets": ["Bản mới"]}
    versions: list[int] = []
    start = threading.Barrier(8)

    def click() -> None:
        start.wait()
        versions.append(store.save("TCCB", "TCCB", same, 1, send=send).version)

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert versions == [2] * 8                    # every click answered with the one version
    assert [v.version for v in store.versions("TCCB")] == [2, 1]
    assert store.current("TCCB").state == (SENT if send else "nháp")


WRITER = """
import sys
from generator.store.submissions import connect
store = connect(sys.argv[1])
version = store.current("TCCB").version if store.current("TCCB") else 0
print("ready", flush=True)
while True:
    data = {"unit": "TCCB", "targets": [f"bản {version + 1}"], "pad": "x" * 20000}
    version = store.save("TCCB", "TCCB", data, version).version
"""


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.5])
def test_a_writer_killed_at_any_moment_leaves_a_consistent_store(register_target, delay):
    for _ in range(2):      # killed twice: the second run starts from what the first left
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(register_target)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    if not backend.is_url(register_target):
        with sqlite3.connect(register_target) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        raw.close()
    with backend.reading(register_target) as db:
        head = db.execute("SELECT version FROM submissions WHERE unit = 'TCCB'").fetchone()[0]
        numbers = [r[0] for r in db.execute("SELECT version FROM versions ORDER BY version")]
    assert head >= 2
    assert numbers == list(range(1, head + 1))          # no gap, no version after the head
    current = connect(register_target).current("TCCB")
    assert current.data["targets"] == [f"bản {head}"]
    assert json.dumps(current.data)
