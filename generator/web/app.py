"""The Flask application of `thidua serve`: sign-in, the guards every request passes, and the
error pages. The views are in :mod:`generator.web.views`.

Guards: trusted Host headers (Flask's TRUSTED_HOSTS), a body limit (MAX_CONTENT_LENGTH and the
form limits), a session cookie that is HttpOnly and SameSite=Strict, a CSRF token on every
POST, and a session that ends when its account's secret is reset.
"""

from __future__ import annotations

import hmac
import secrets
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, g, render_template, request, session
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException

from generator.errors import ThiduaError
from generator.store.backend import display, migrate, parse_target
from generator.store.submissions import connect

from .context import csrf_token, store
from .plans import load_campaign

# A unit's plan is a few kB of JSON; 1 MB leaves room for long plans and refuses anything else
# before it is read.
MAX_BODY = 1024 * 1024
MAX_FIELDS = 3000       # form parts: a plan with hundreds of rows, not millions
SESSION_HOURS = 10     # a working day: a sign-in does not outlive it
DEFAULT_HOSTS = ["127.0.0.1", "localhost", "::1"]
DEFAULT_OUT = "van-ban"     # the agency's builds, inside the campaign folder

ERRORS = {
    400: ("Yêu cầu không hợp lệ", "Trang gửi lên không đúng. Hãy mở lại trang rồi làm lại."),
    403: ("Không được phép", "Tài khoản của bạn không được xem hoặc sửa nội dung này."),
    404: ("Không tìm thấy", "Không có trang này."),
    405: ("Không được phép", "Trang này không nhận cách gửi đó."),
    413: ("Dữ liệu quá lớn", ("Nội dung gửi lên quá lớn (tối đa 1 MB). Hãy bớt nội dung rồi "
                              "gửi lại.")),
    500: ("Lỗi máy chủ", "Máy chủ gặp lỗi khi xử lý. Nội dung đã lưu trước đó không bị mất."),
}


def create_app(campaign_dir: Path, db: str | Path, trusted_hosts: list[str] | None = None,
               cache_dir: Path | None = None, out_dir: Path | None = None,
               register: str | Path | None = None) -> Flask:
    """The web app for the campaign in *campaign_dir*, its data in the store at *db*. The
    agency's builds go into *out_dir* (default: the campaign's van-ban/) and are recorded in
    the register at *register* (default: the store's own database, which holds the register's
    tables beside its own)."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),      # sessions end when the server restarts
        SESSION_COOKIE_NAME="thidua_phien",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        MAX_CONTENT_LENGTH=MAX_BODY,
        MAX_FORM_MEMORY_SIZE=MAX_BODY,
        MAX_FORM_PARTS=MAX_FIELDS,
        TRUSTED_HOSTS=[*DEFAULT_HOSTS, *(trusted_hosts or [])],
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.jinja_env.autoescape = True
    app.jinja_env.filters["local_time"] = local_time
    campaign = load_campaign(Path(campaign_dir))      # a broken campaign stops the start
    register_target = parse_target(register if register is not None else db)
    store = connect(db)
    # The register's tables made now, beside the store's when they share a database: a build's
    # first check reads the register, and a read never creates tables.
    migrate(register_target)
    app.extensions["thidua"] = {
        "folder": Path(campaign_dir),
        "store": store,
        "cache": cache_dir or Path(tempfile.mkdtemp(prefix="thidua-web-")),
        "name": campaign.name,
        "out": Path(out_dir) if out_dir is not None else Path(campaign_dir) / DEFAULT_OUT,
        "register": register_target,
        "register_shown": display(register_target),
    }
    app.before_request(_guard)
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _error_page)
    app.register_error_handler(ThiduaError, _thidua_error)
    app.context_processor(lambda: {"csrf_token": csrf_token, "account": g.get("account"),
                                   "agency_name": app.extensions["thidua"]["name"]})
    from . import views
    app.extensions["thidua"]["failures"] = views.Failures()
    app.register_blueprint(views.blueprint)
    return app


# Viet Nam keeps UTC+7 all year (no daylight saving time): no time-zone database is needed.
VIETNAM = timezone(timedelta(hours=7))


def local_time(stamp: str) -> str:
    """'02/12/2026 12:58' (giờ Việt Nam) for a stored UTC ISO time."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone(VIETNAM)
    except ValueError:
        return stamp
    return moment.strftime("%d/%m/%Y %H:%M")


def _guard() -> None:
    """Runs before every view: the signed-in account (checked against the store, so a reset
    secret ends its sessions) and the CSRF token of every POST."""
    g.account = None
    code = session.get("code")
    if code:
        account = store().account(code)
        stale = time.time() - float(session.get("since", 0)) > SESSION_HOURS * 3600
        if account is None or account.generation != session.get("generation") or stale:
            session.clear()
        else:
            g.account = account
    if request.method == "POST":
        if len(request.form) > MAX_FIELDS:     # a urlencoded body is not bound by MAX_FORM_PARTS
            abort(413)
        sent = request.form.get("_csrf", "")
        expected = session.get("csrf", "")
        if not expected or not hmac.compare_digest(sent, expected):
            abort(400, "csrf")


def _thidua_error(err: ThiduaError) -> Any:
    """A library error no view expected (campaign.json broken while the server runs, the
    store's file unreadable): its Vietnamese message, never a traceback."""
    return render_template("error.html", title="Không thực hiện được", text=str(err),
                           code=503), 503


def _headers(response: Any) -> Any:
    response.headers.setdefault("Content-Security-Policy",
                                "default-src 'self'; img-src 'self'; style-src 'self'; "
                                "script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                                "base-uri 'none'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def _error_page(err: HTTPException) -> Any:
    code = err.code or 500
    title, text = ERRORS.get(code, ("Lỗi", "Không thực hiện được yêu cầu."))
    if code == 400 and err.description == "csrf":
        text = ("Phiên làm việc đã hết hạn hoặc trang đã cũ (mã chống giả mạo không khớp). "
                "Hãy mở lại trang, đăng nhập nếu cần, rồi làm lại.")
    if request_ctx.url_adapter is None:
        # An untrusted Host is refused before routing, so no link can be built: plain text.
        return Response(f"{title}: {text}", code, mimetype="text/plain")
    return render_template("error.html", title=title, text=text, code=code), code
