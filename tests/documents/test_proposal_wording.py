"""The Tờ trình's closing asks its addressee to decide only what it decides (issue 13, point 3):
a Huân chương is decided by the Chủ tịch nước on the Thủ tướng's submission (Luật Thi đua, khen
thưởng 2022, Điều 77), so a Tờ trình to the Thủ tướng asks him to submit it, not to decide it."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from support import SAMPLE_DIR, write_json
from support.docx_read import body_paragraphs, open_docx

PROPOSALS = SAMPLE_DIR / "proposals"
HUAN_CHUONG = PROPOSALS / "huan-chuong-lao-dong-hang-ba.json"
BANG_KHEN_TTG = PROPOSALS / "bang-khen-thu-tuong.json"


def build(run, source: Path, out: Path) -> list[str]:
    result = run("proposal", str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    [docx] = out.glob("*.docx")
    return [p.text for p in body_paragraphs(open_docx(str(docx)))]


def closing(texts: list[str]) -> str:
    return next(t for t in texts if " kính trình " in t)


def test_huan_chuong_closing_asks_the_prime_minister_to_submit_it(run, tmp_path):
    texts = build(run, HUAN_CHUONG, tmp_path / "out")
    assert closing(texts) == ("Văn phòng Chính phủ kính trình Thủ tướng Chính phủ xem xét, "
                              "trình Chủ tịch nước quyết định./.")
    request = next(t for t in texts if "kính đề nghị" in t)
    assert "xem xét, trình Chủ tịch nước tặng Huân chương Lao động hạng Ba" in request


def test_bang_khen_of_the_prime_minister_is_his_to_decide(run, tmp_path):
    texts = build(run, BANG_KHEN_TTG, tmp_path / "out")
    assert closing(texts) == ("Văn phòng Chính phủ kính trình Thủ tướng Chính phủ xem xét, "
                              "quyết định./.")


@pytest.fixture
def mixed(campaign_dir: Path) -> Path:
    """One Tờ trình to the Thủ tướng for his Bằng khen and for a Huân chương."""
    path = campaign_dir / "proposals" / "huan-chuong-lao-dong-hang-ba.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    other = json.loads((campaign_dir / "proposals" / "bang-khen-thu-tuong.json")
                       .read_text(encoding="utf-8"))
    group = copy.deepcopy(other["awards"][0])
    data["awards"].insert(0, group)
    return write_json(path, data)


def test_mixed_forms_name_who_decides_each(run, tmp_path, mixed):
    texts = build(run, mixed, tmp_path / "out")
    assert closing(texts) == (
        "Văn phòng Chính phủ kính trình Thủ tướng Chính phủ xem xét, quyết định tặng Bằng khen "
        "của Thủ tướng Chính phủ và trình Chủ tịch nước quyết định tặng Huân chương Lao động "
        "hạng Ba./.")
