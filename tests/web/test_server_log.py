"""What `thidua serve` prints in its terminal: waitress's warnings in Vietnamese and at a pace a
person can read, a failed request as one line with its traceback in a file, never on screen."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from waitress.task import ThreadedTaskDispatcher

from generator.cli import server_log
from generator.cli.server_log import DETAILS, ServerLog, attach
from generator.messages import os_error_text


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def said(site: Any) -> Iterator[tuple[list[str], ServerLog, Clock]]:
    """The lines the server's terminal gets, its handler (on a clock of the test's) and the
    clock; the loggers are put back as they were afterwards."""
    loggers = [logging.getLogger("waitress"), site.app.logger]
    before = [(list(lg.handlers), lg.level, lg.propagate) for lg in loggers]
    lines: list[str] = []
    handler = attach(site.app, lines.append, site.folder / DETAILS)
    clock = Clock()
    handler.clock = clock
    yield lines, handler, clock
    for logger, (handlers, level, propagate) in zip(loggers, before, strict=True):
        logger.handlers[:] = handlers
        logger.setLevel(level)
        logger.propagate = propagate


def test_a_crowded_queue_is_said_in_vietnamese_once_then_every_half_minute(said, capsys):
    lines, _, clock = said
    dispatcher = ThreadedTaskDispatcher()      # waitress's own queue, with no thread to serve it
    try:
        for _ in range(40):
            dispatcher.add_task(object())
        assert lines == [("Máy chủ đang bận: 1 yêu cầu phải chờ đến lượt (mỗi lúc phục vụ được "
                         "số yêu cầu bằng --threads). Thông báo này lặp lại nhiều nhất 30 giây "
                         "một lần.")]
        clock.now += server_log.EVERY
        dispatcher.add_task(object())
    finally:
        dispatcher.queue.clear()
    assert len(lines) == 2
    assert lines[1].startswith("Máy chủ đang bận: 41 yêu cầu phải chờ")     # the deepest since
    assert "Task queue" not in capsys.readouterr().err


def test_waitress_stopping_with_work_left_is_said_in_vietnamese(said):
    lines, _, _ = said
    dispatcher = ThreadedTaskDispatcher()

    class Task:
        def cancel(self) -> None:
            pass

    dispatcher.queue.extend([Task(), Task()])
    dispatcher.shutdown(timeout=0.1)
    assert lines == ["Hủy 2 yêu cầu đang chờ vì máy chủ dừng."]


def test_a_view_that_fails_is_one_line_and_its_traceback_goes_to_a_file(site, said, capsys):
    lines, _, _ = said

    @site.app.route("/hong")
    def broken() -> str:
        raise RuntimeError("dữ liệu thử làm hỏng")

    answer = site.app.test_client().get("/hong")
    assert answer.status_code == 500 and "Lỗi máy chủ" in answer.text
    details = site.folder / DETAILS
    assert lines == [(f"Lỗi của chương trình khi phục vụ GET /hong (RuntimeError); người dùng "
                     f"thấy trang «Lỗi máy chủ». Chi tiết ghi vào {details}.")]
    written = details.read_text(encoding="utf-8")
    assert "Exception on /hong [GET]" in written and "Traceback" in written
    assert "dữ liệu thử làm hỏng" in written
    assert "Traceback" not in capsys.readouterr().err


def test_a_details_file_that_cannot_be_written_is_said(tmp_path):
    lines: list[str] = []
    handler = ServerLog(lines.append, tmp_path / "khong-co" / DETAILS)
    try:
        raise OSError("ổ đĩa")
    except OSError:
        record = logging.LogRecord("waitress", logging.ERROR, __file__, 1,
                                   "Exception while serving /don-vi/TCCB", (), sys.exc_info())
    handler.emit(record)
    missing = FileNotFoundError(2, "No such file or directory")
    assert "No such file" not in lines[0]
    assert lines == [(f"Lỗi của chương trình khi phục vụ /don-vi/TCCB (OSError); người dùng thấy "
                     f"trang «Lỗi máy chủ». Không ghi được chi tiết: "
                     f"{tmp_path / 'khong-co' / DETAILS}: {os_error_text(missing)}.")]


def test_a_message_it_does_not_know_is_still_marked_as_the_servers(tmp_path):
    lines: list[str] = []
    handler = ServerLog(lines.append, tmp_path / DETAILS)
    handler.emit(logging.LogRecord("waitress", logging.WARNING, __file__, 1,
                                   "Unknown Forwarded token: %s", ("x",), None))
    assert lines == ["Máy chủ web báo: Unknown Forwarded token: x"]
