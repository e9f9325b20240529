"""The award history kept with the register (generator/store/history.py), on SQLite and on
PostgreSQL: every recipient of every numbered decision built, replaced on rebuild, rolled back
with the register, and checked by the next decision or proposal."""

from __future__ import annotations

import json

import pytest
from support import SAMPLE_DIR, write_json

from generator.build import build_campaign
from generator.store import history, transaction


def recipients_of_numbered_decisions() -> int:
    count = 0
    for path in (SAMPLE_DIR / "decisions").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["document"]["number"] is not None:
            count += sum(len(g.get("collectives", [])) + len(g.get("individuals", []))
                         for g in data["awards"])
    return count


def test_a_build_records_every_recipient_once_and_a_rebuild_replaces_them(
        tmp_path, campaign_dir, register_target):
    db = register_target
    build_campaign(campaign_dir, tmp_path / "out", register_path=db)
    rows = history.awards(db)
    assert len(rows) == recipients_of_numbered_decisions() > 0
    first = next(r for r in rows if r.number == 120 and r.kind == "individual")
    assert (first.symbol, first.date, first.register_number) == ("QĐ-VPCP", "2022-06-30",
                                                                 "BK-2022-001")
    build_campaign(campaign_dir, tmp_path / "out", register_path=db)
    assert history.awards(db) == rows                      # idempotent
    path = campaign_dir / "decisions" / "so-ket-2022.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["awards"][0]["individuals"][0]["name"] = "Nguyễn Văn Ân"
    write_json(path, data)
    build_campaign(campaign_dir, tmp_path / "out", register_path=db)
    names = {r.name for r in history.awards(db, year=2022)}
    assert "Nguyễn Văn Ân" in names and "Nguyễn Văn An" not in names


def test_the_same_achievement_awarded_again_by_another_decision_is_refused(
        run, tmp_path, campaign_dir, register_target):
    db = register_target
    build_campaign(campaign_dir, tmp_path / "out", register_path=db)
    data = json.loads((campaign_dir / "decisions" / "so-ket-2022.json").read_text("utf-8"))
    data["document"]["number"] = 130
    data["awards"] = [data["awards"][0]]
    data["awards"][0]["form"] = "Giấy khen của Chánh Văn phòng"
    data["awards"][0]["individuals"] = data["awards"][0]["individuals"][:1]
    data["awards"][0].pop("collectives", None)
    again = write_json(campaign_dir / "decisions" / "lan-hai.json", data)
    result = run("decision", str(again), "-o", str(tmp_path / "new"), "--register", str(db))
    assert result.exit_code == 1
    assert f"{again}: $.awards[0].individuals[0].name:" in result.stderr
    assert "đã được tặng «Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ»" in result.stderr
    assert "120/QĐ-VPCP" in result.stderr and not (tmp_path / "new").exists()


def test_the_history_is_rolled_back_with_the_register(tmp_path, campaign_dir, monkeypatch,
                                                      register_target):
    db = register_target

    def fail(step: str) -> None:
        if step == "recorded":
            raise RuntimeError(step)

    monkeypatch.setattr(transaction, "STEP_HOOK", fail)
    with pytest.raises(RuntimeError):
        build_campaign(campaign_dir, tmp_path / "out", register_path=db)
    assert history.awards(db) == []
    monkeypatch.undo()
    build_campaign(campaign_dir, tmp_path / "out", register_path=db)
    assert len(history.awards(db)) == recipients_of_numbered_decisions()
