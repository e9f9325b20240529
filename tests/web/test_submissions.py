"""The submissions store on its own: migrations, versions under concurrency, and a writer killed
at any moment leaving a consistent file."""

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

from generator.store.submissions import (
    APPROVED,
    RETURNED,
    SENT,
    NotAllowed,
    StaleVersion,
    changed_paths,
    connect,
)

PLAN = {"unit": "TCCB", "targets": ["Chỉ tiêu 1"], "signer": {"title": "Vụ trưởng", "name": "A"}}


def test_opening_twice_migrates_once(tmp_path):
    connect(tmp_path / "s.sqlite").save("TCCB", "TCCB", PLAN, 0)
    store = connect(tmp_path / "s.sqlite")
    assert store.current("TCCB").version == 1
    with sqlite3.connect(tmp_path / "s.sqlite") as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1


@pytest.mark.parametrize(("old", "new", "paths"), [
    ({}, PLAN, ["$.unit", "$.targets", "$.signer"]),
    (PLAN, {**PLAN, "signer": {"title": "Vụ trưởng", "name": "B"}}, ["$.signer.name"]),
    (PLAN, {**PLAN, "targets": ["Chỉ tiêu 1", "Chỉ tiêu 2"]}, ["$.targets"]),
    (PLAN, PLAN, []),
], ids=["first save", "one field", "a row added", "nothing"])
def test_what_a_save_changed(old, new, paths):
    assert changed_paths(old, new) == paths


def test_the_state_machine(tmp_path):
    store = connect(tmp_path / "s.sqlite")
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


def test_eight_threads_saving_from_one_version_make_one_version(tmp_path):
    store = connect(tmp_path / "s.sqlite")
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
def test_a_writer_killed_at_any_moment_leaves_a_consistent_store(tmp_path, delay):
    path = tmp_path / "s.sqlite"
    for _ in range(2):      # killed twice: the second run starts from what the first left
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        head = raw.execute("SELECT version FROM submissions WHERE unit = 'TCCB'").fetchone()[0]
        numbers = [r[0] for r in raw.execute("SELECT version FROM versions ORDER BY version")]
    assert head >= 2
    assert numbers == list(range(1, head + 1))          # no gap, no version after the head
    current = connect(path).current("TCCB")
    assert current.data["targets"] == [f"bản {head}"]
    assert json.dumps(current.data)
