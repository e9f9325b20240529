"""Drafts (issue 13, point 7): the brackets `thidua init-unit` leaves for the unit to fill in
are warned by `validate` and refuse `build`, unless `build --draft`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import SAMPLE_DIR
from support.docx_read import open_docx


@pytest.fixture
def with_init_unit(run, campaign_dir: Path) -> Path:
    result = run("init-unit", str(campaign_dir / "campaign.json"), "--unit", "PL")
    assert result.exit_code == 0, result.stderr
    return campaign_dir


def test_validate_warns_of_placeholders_with_their_path(run, with_init_unit):
    result = run("validate", str(with_init_unit / "units" / "PL.json"))
    assert result.exit_code == 0
    assert "PL.json: $.signer.name: cảnh báo: «(Họ và tên)» là chỗ để trống cần điền" \
        in result.stderr
    assert "PL.json: $.targets[0]: cảnh báo: «(Đơn vị ghi các chỉ tiêu thi đua cụ thể.)»" \
        in result.stderr


def test_build_refuses_placeholders_and_writes_nothing(run, tmp_path, with_init_unit):
    out = tmp_path / "out"
    result = run("build", str(with_init_unit), "-o", str(out))
    assert result.exit_code == 1
    assert "PL.json: $.signer.name: «(Họ và tên)» là chỗ để trống cần điền" in result.stderr
    assert "--draft" in result.stderr
    assert not out.exists() or not any(out.rglob("*.docx"))


def test_build_draft_prints_the_unit_plan_marked_du_thao(run, tmp_path, with_init_unit):
    out = tmp_path / "out"
    result = run("build", str(with_init_unit), "-o", str(out), "--draft")
    assert result.exit_code == 0, result.stderr
    [draft] = out.glob("Kế hoạch KH-PL*.docx")
    signer = open_docx(str(draft)).tables[-1].cell(0, 1).text
    assert "(Họ và tên)" in signer
    assert "cảnh báo: «(Họ và tên)»" in result.stderr


def test_the_sample_has_no_placeholder(run, tmp_path):
    shutil.copytree(SAMPLE_DIR, tmp_path / "c")
    result = run("validate", str(tmp_path / "c"))
    assert result.exit_code == 0 and "chỗ để trống" not in result.stderr
