"""Helpers shared by every test folder: paths of the checkout and its sample campaign, and small
writers. Test modules import them as ``support``, ``support.docx_read`` … (``pythonpath =
tests`` in setup.cfg); fixtures live in tests/conftest.py."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
SAMPLE_DIR = ROOT / "samples" / "vpcp-covid19-2021"
SAMPLE = SAMPLE_DIR / "campaign.json"
SEED = ROOT.parent / "shared" / "seed"

# CI sets THIDUA_REQUIRE_SOFFICE so that the LibreOffice tests run there instead of being skipped.
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("THIDUA_REQUIRE_SOFFICE"):
    raise RuntimeError("THIDUA_REQUIRE_SOFFICE is set but LibreOffice (soffice) is not installed")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def empty_template_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the cache of prepared templates at an empty folder of this test; the folder its
    entries go into (created when the first is stored)."""
    from generator.render import template_cache

    folder = tmp_path / "cache"
    monkeypatch.setenv(template_cache.FOLDER_ENVIRONMENT, str(folder))
    monkeypatch.delenv(template_cache.OFF_ENVIRONMENT, raising=False)
    return folder / "templates"
