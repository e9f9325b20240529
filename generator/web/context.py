"""What a request of the web app reaches through the running app: its store and the session's
CSRF token (a module of its own, so that the app and its views both import it and not each
other)."""

from __future__ import annotations

import secrets

from flask import current_app, session

from generator.store.submissions import SubmissionStore


def store() -> SubmissionStore:
    """The submissions store of the running app (the one way views reach the database)."""
    result: SubmissionStore = current_app.extensions["thidua"]["store"]
    return result


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return str(session["csrf"])
