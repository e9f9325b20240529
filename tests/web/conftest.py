"""Fixtures of the web app's tests: a fresh copy of the sample campaign served by the app, the
secrets of three units and of the agency, a client that signs in, and a reader of forms as a
browser posts them.

The store is a SQLite file unless a test asks for both backends with
``@pytest.mark.parametrize("site", STORES, indirect=True)``; ``register_target`` (from
tests/support/postgresql.py) gives the store tests a SQLite file or a fresh PostgreSQL
database."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from support import SAMPLE_DIR
from support.postgresql import (  # noqa: F401
    fresh_register,
    postgresql_server,
    postgresql_url,
    register_target,
)

from generator.store.submissions import AGENCY
from generator.web import create_app


class FormReader(HTMLParser):
    """The fields of the page's plan form, as a browser would post them (no submit buttons)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea: list[str] | None = None
        self._select: str | None = None
        self._selected = ""
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = "plan" in a.get("class", "")
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
        elif tag == "select":
            self._select, self._selected = a["name"], ""
        elif tag == "option" and self._select and "selected" in a:
            self._selected = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea:
            self.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            self.fields.append((self._select, self._selected))
            self._select = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1] += data


def plan_form(html: str) -> dict[str, str]:
    reader = FormReader()
    reader.feed(html)
    reader.close()
    return dict(reader.fields)


def csrf_of(html: str) -> str:
    match = re.search(r'name="_csrf" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


@dataclass
class Site:
    app: Any
    folder: Path
    secrets: dict[str, str]

    def client(self, code: str | None = None) -> Any:
        client = self.app.test_client()
        client.plan_form = plan_form       # type: ignore[attr-defined]
        if code is not None:
            page = client.get("/dang-nhap")
            answer = client.post("/dang-nhap", data={"_csrf": csrf_of(page.text), "code": code,
                                                     "secret": self.secrets[code]})
            assert answer.status_code == 302, answer.text
        return client

    csrf = staticmethod(csrf_of)
    form = staticmethod(plan_form)

    @property
    def store(self) -> Any:
        return self.app.extensions["thidua"]["store"]


@pytest.fixture
def read_form() -> Any:
    """The reader of a page's plan form, as a browser posts it."""
    return plan_form


@pytest.fixture
def site(tmp_path: Path, request: pytest.FixtureRequest) -> Site:
    """The sample campaign served with its store in tmp_path/web.sqlite, or (parametrized
    indirectly with "postgresql") in a fresh PostgreSQL database."""
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, folder)
    db: str | Path = tmp_path / "web.sqlite"
    if getattr(request, "param", "sqlite") == "postgresql":
        db = str(request.getfixturevalue("postgresql_url"))
    app = create_app(folder, db, cache_dir=tmp_path / "cache")
    app.config["TESTING"] = False       # errors go through the app's own error pages
    store = app.extensions["thidua"]["store"]
    secrets = {code: store.issue_secret(code, "unit") for code in ("TCCB", "KGVX", "PL")}
    secrets[AGENCY] = store.issue_secret(AGENCY, "agency")
    return Site(app, folder, secrets)
