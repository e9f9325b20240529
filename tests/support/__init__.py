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


def pdf_pages(docx: Path, folder: Path) -> list[str]:
    """The text of each page of *docx* as LibreOffice lays it out (converted into *folder*,
    read by pdftotext with its layout kept)."""
    import subprocess

    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(docx)], check=True, capture_output=True, timeout=180)
    return subprocess.run(["pdftotext", "-layout", str(folder / f"{docx.stem}.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout.split("\f")
