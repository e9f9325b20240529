"""What `thidua serve` tells the terminal it runs in: Vietnamese lines at a pace a person can
read, and never a traceback.

waitress and Flask speak through :mod:`logging`, in English. Left alone, Python's last-resort
handler prints every waitress warning (under load «Task queue depth is 3», once per request
that waits), and Flask prints the whole traceback of a view that failed. Here each known
message of waitress 3 (``waitress/task.py``, ``server.py``, ``channel.py``) is said in
Vietnamese; a crowded queue is said once, then at most every half minute with the deepest queue
since; a failure is one line on the terminal and its traceback goes to a file beside the
campaign, for whoever maintains the server.
"""

from __future__ import annotations

import logging
import re
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.messages import os_error_text

DETAILS = "thidua-web-loi.log"      # in the campaign folder: where an administrator looks
EVERY = 30.0                        # seconds between two lines on a crowded queue
QUEUE = "Task queue depth is %d"
# waitress's other warnings (their format strings), in Vietnamese.
SAID = {
    "%d thread(s) still running": "Còn {0} luồng chưa dừng khi tắt máy chủ.",
    "Canceling %d pending task(s)": "Hủy {0} yêu cầu đang chờ vì máy chủ dừng.",
    "total open connections reached the connection limit, no longer accepting new "
    "connections": "Số kết nối đã tới giới hạn: máy chủ tạm không nhận kết nối mới.",
    "server accept() threw an exception": "Máy chủ không nhận được một kết nối mới.",
}


class ServerLog(logging.Handler):
    """A logging handler that hands each record, said for a clerk, to *echo*."""

    def __init__(self, echo: Callable[[str], None], details: Path,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(logging.WARNING)
        self.echo, self.details, self.clock = echo, details, clock
        self.said_at: float | None = None       # when the crowded queue was last said
        self.deepest = 0                        # the deepest queue since

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.line(record)
        except Exception:  # noqa: BLE001 -- a handler must never break the server
            self.handleError(record)
            return
        if line is not None:
            self.echo(line)

    def line(self, record: logging.LogRecord) -> str | None:
        """What to say of *record*, or None for nothing now."""
        if record.exc_info and record.exc_info[0] is not None:
            return self._failure(record)
        template = record.msg if isinstance(record.msg, str) else ""
        args: Any = record.args if isinstance(record.args, tuple) else ()
        if template == QUEUE and args:
            return self._crowded(int(args[0]))
        if template in SAID:
            return SAID[template].format(*args)
        return f"Máy chủ web báo: {record.getMessage()}"

    def _crowded(self, depth: int) -> str | None:
        self.deepest = max(self.deepest, depth)
        now = self.clock()
        if self.said_at is not None and now - self.said_at < EVERY:
            return None
        self.said_at, deepest, self.deepest = now, self.deepest, 0
        return (f"Máy chủ đang bận: {deepest} yêu cầu phải chờ đến lượt (mỗi lúc phục vụ "
                f"được số yêu cầu bằng --threads). Thông báo này lặp lại nhiều nhất "
                f"{EVERY:.0f} giây một lần.")

    def _failure(self, record: logging.LogRecord) -> str:
        assert record.exc_info is not None
        kind, error, trace = record.exc_info
        name = kind.__name__ if kind is not None else "lỗi"
        where = self._write(record.getMessage(),
                            "".join(traceback.format_exception(kind, error, trace)))
        request = _request(record)
        if request is not None:
            return (f"Lỗi của chương trình khi phục vụ {request} ({name}); người dùng thấy "
                    f"trang «Lỗi máy chủ». {where}")
        said = SAID.get(record.msg) if isinstance(record.msg, str) else None
        if said is not None:
            return f"{said} ({name}) {where}"
        return f"Lỗi của chương trình trong máy chủ web ({name}). {where}"

    def _write(self, message: str, trace: str) -> str:
        """Append a failure's traceback to the details file; say where it is."""
        try:
            with self.details.open("a", encoding="utf-8") as handle:
                handle.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S} {message}\n{trace}\n")
        except OSError as err:
            return f"Không ghi được chi tiết: {os_error_text(err)}."
        return f"Chi tiết ghi vào {self.details}."


def _request(record: logging.LogRecord) -> str | None:
    """'POST /don-vi/TCCB/ke-hoach' from Flask's or waitress's record of a failed request."""
    message = record.getMessage()
    found = re.fullmatch(r"Exception on (.*) \[([A-Z]+)\]", message)     # flask.app 3.1
    if found:
        return f"{found.group(2)} {found.group(1)}"
    found = re.fullmatch(r"Exception while serving (.*)", message)      # waitress.channel
    return found.group(1) if found else None


def attach(app: Any, echo: Callable[[str], None], details: Path) -> ServerLog:
    """Route waitress's and the Flask app's logs through one ServerLog (and nowhere else)."""
    from flask.logging import default_handler

    handler = ServerLog(echo, details)
    app.logger.removeHandler(default_handler)
    for logger in (logging.getLogger("waitress"), app.logger):
        for earlier in [h for h in logger.handlers if isinstance(h, ServerLog)]:
            logger.removeHandler(earlier)       # a server started before in this process
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False        # not also Python's last-resort handler
    return handler
