"""A phiếu bầu and a báo cáo thành tích are judged by their forms (generator/check/rules/forms.py):
no "Số:" asked of either, no signer or Nơi nhận of a ballot; every ballot keeps its Quốc hiệu."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from support import SAMPLE_DIR

from generator.check.run import check_document
from generator.cli import main

CYCLE = SAMPLE_DIR / "chu-ky-2022"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cycle") / "out"
    result = CliRunner().invoke(main, ["build", str(CYCLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def rules(path: Path) -> list[str]:
    return [f.rule for f in check_document(path)]


def test_a_ballot_needs_no_number_signer_or_recipients(built: Path) -> None:
    ballot = next(built.glob("Phiếu bầu*.docx"))
    assert rules(ballot) == []


def test_a_ballot_without_its_quoc_hieu_is_refused(built: Path, tmp_path: Path) -> None:
    document = docx.Document(str(next(built.glob("Phiếu bầu*.docx"))))
    heads = [p for t in document.tables for c in t._cells for p in c.paragraphs
             if p.text.startswith("CỘNG HÒA XÃ HỘI")]
    assert len(heads) >= 2
    for run in heads[1].runs:
        run.text = ""
    target = tmp_path / "ballot.docx"
    document.save(str(target))
    found = [f for f in check_document(target) if f.rule == "BALLOT-ORDER"]
    assert [f.where.split(":")[0] for f in found] == ["phiếu thứ 2"]


def test_a_report_needs_no_number_but_another_document_does(built: Path, tmp_path: Path) -> None:
    report = next(built.glob("Báo cáo thành tích - Lê Văn Bình*.docx"))
    assert "ND30-SO-KY-HIEU" not in rules(report)
    # The same page with another title is an ordinary báo cáo: its missing "Số:" is an error.
    document = docx.Document(str(report))
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO THÀNH TÍCH")
    title.runs[0].text = "BÁO CÁO"
    for run in title.runs[1:]:
        run.text = ""
    target = tmp_path / "bao-cao.docx"
    document.save(str(target))
    assert "ND30-SO-KY-HIEU" in rules(target)
