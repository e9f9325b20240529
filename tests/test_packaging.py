"""A plain, non-editable install (a built wheel) finds its templates and schemas through
importlib.resources, run from a directory outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, SAMPLE_DIR

from generator import __version__


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("pkg")
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(wheels), str(ROOT)], check=True, capture_output=True, timeout=600)
    (wheel,) = wheels.glob("thidua-*.whl")
    target = base / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=600)
    return {**os.environ, "PYTHONPATH": str(target), "PYTHONNOUSERSITE": "1",
            "THIDUA_TARGET": str(target)}


def thidua(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, check=False, timeout=300)


def test_the_wheel_is_what_gets_imported(installed, tmp_path):
    probe = subprocess.run(
        [sys.executable, "-c", "import generator, sys; print(generator.__file__)"],
        env=installed, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert probe.stdout.strip().startswith(installed["THIDUA_TARGET"])
    assert not probe.stdout.strip().startswith(str(ROOT))


def test_wheel_ships_every_template_and_schema(installed):
    target = Path(installed["THIDUA_TARGET"])
    shipped_templates = {p.name for p in (target / "generator" / "templates").glob("*.docx")}
    shipped_schemas = {p.name for p in (target / "generator" / "schemas").glob("*.json")}
    assert shipped_templates == {p.name for p in (ROOT / "templates").glob("*.docx")}
    assert shipped_schemas == {p.name for p in (ROOT / "schemas").glob("*.json")}


def test_installed_cli_builds_the_sample_from_elsewhere(installed, tmp_path):
    assert thidua(installed, tmp_path, "--version").stdout.strip() == f"thidua {__version__}"
    result = thidua(installed, tmp_path, "build", str(SAMPLE_DIR), "-o", "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "Kế hoạch 15-KH-VPCP.docx").is_file()
    schema = thidua(installed, tmp_path, "schema", "plan")
    assert schema.returncode == 0 and '"$id"' in schema.stdout


def test_the_source_checkout_runs_in_place_from_the_repository_root(tmp_path):
    """`python -m generator` in the checkout finds the checkout's generator/ before the
    installed one, where setup.cfg's mapping of templates/ and schemas/ does not exist."""
    for args in (["--version"], ["validate", "samples/vpcp-covid19-2021/campaign.json"],
                 ["plan", "samples/vpcp-covid19-2021/campaign.json", "-o", str(tmp_path)]):
        result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT,
                                capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    assert len(list(tmp_path.glob("*.docx"))) == 1
