"""Every template and static file of the web app is shipped by a plain install: setup.cfg's
package_data patterns for generator.web match each of them (no file is left to a CDN)."""

from __future__ import annotations

import configparser
import fnmatch

from support import ROOT

WEB = ROOT / "generator" / "web"


def test_package_data_covers_every_template_and_static_file():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    patterns = [p.strip() for p in config["options.package_data"]["generator.web"].split(",")]
    files = [p.relative_to(WEB).as_posix() for folder in ("templates", "static")
             for p in (WEB / folder).rglob("*") if p.is_file()]
    assert len(files) >= 8
    assert [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)] == []
    assert "generator.web" in config["options"]["packages"].split()


def test_no_page_loads_anything_from_elsewhere():
    for page in (WEB / "templates").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, page
