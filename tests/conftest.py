"""Shared fixtures: the sample campaign, a CLI runner that keeps stderr apart, readers for
rendered documents. Every test writes under tmp_path and runs with tmp_path as the current
directory, so nothing depends on the machine or on where pytest was started."""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from support import SAMPLE, SAMPLE_DIR

from generator.cli import main

# A bug raises through the CLI in the tests (and their subprocesses), with its traceback;
# tests/test_cli_bugs.py checks what a user gets instead.
os.environ["THIDUA_DEBUG"] = "1"


@pytest.fixture(autouse=True, scope="session")
def _own_template_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Prepared templates are cached in a folder of the test run (and its subprocesses), not
    in the user's cache folder."""
    before = os.environ.get("THIDUA_CACHE_DIR")
    os.environ["THIDUA_CACHE_DIR"] = str(tmp_path_factory.mktemp("template-cache"))
    yield
    if before is None:
        del os.environ["THIDUA_CACHE_DIR"]
    else:
        os.environ["THIDUA_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def sample_data() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def campaign(sample_data: dict[str, Any]) -> dict[str, Any]:
    """A fresh, mutable copy of the sample campaign."""
    return copy.deepcopy(sample_data)


@pytest.fixture
def campaign_dir(tmp_path: Path) -> Path:
    """A copy of the sample campaign folder that a test may change."""
    target = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, target)
    return target


class Runner:
    """CliRunner wrapper: exit code, stdout and stderr of one thidua call."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str) -> Result:
        return self.runner.invoke(main, list(args), prog_name="thidua", catch_exceptions=False)


@pytest.fixture
def run() -> Runner:
    return Runner()
