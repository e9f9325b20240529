"""Fixtures of the web app's tests: a fresh copy of the sample campaign served by the app, the
secrets of two units and of the agency, and a client that signs in."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support import SAMPLE_DIR

from generator.store.submissions import AGENCY
from generator.web import create_app


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
        if code is not None:
            page = client.get("/dang-nhap")
            answer = client.post("/dang-nhap", data={"_csrf": csrf_of(page.text), "code": code,
                                                     "secret": self.secrets[code]})
            assert answer.status_code == 302, answer.text
        return client

    csrf = staticmethod(csrf_of)

    @property
    def store(self) -> Any:
        return self.app.extensions["thidua"]["store"]


@pytest.fixture
def site(tmp_path: Path) -> Site:
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, folder)
    app = create_app(folder, tmp_path / "web.sqlite", cache_dir=tmp_path / "cache")
    app.config["TESTING"] = False       # errors go through the app's own error pages
    store = app.extensions["thidua"]["store"]
    secrets = {code: store.issue_secret(code, "unit") for code in ("TCCB", "KGVX", "PL")}
    secrets[AGENCY] = store.issue_secret(AGENCY, "agency")
    return Site(app, folder, secrets)
