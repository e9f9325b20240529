"""Certificate records for tests: a sample decision, n people, the worst case the templates are
sized for, and readers of what was written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from generator.certificates.records import decision_from_data, records_from_dicts

from . import ROOT
from .docx_read import all_paragraphs

SAMPLE = ROOT / "samples" / "vpcp-covid19-2021" / "certificates" / "bang-khen.json"
TRICKY = "A & B <C> \"D\" 'E' {{ x }} {_{ y }_} «Ω»"


def decision_for(form: str = "Bằng khen", **changes: Any):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data.update(form=form, form_name=f"{form} của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ",
                **changes)
    return decision_from_data(data, "qd.json")


def people(n: int, form: str = "Bằng khen", **changes: Any):
    rows = [{"name": f"Nguyễn Văn {i:04d}", "gender": "Nam" if i % 2 else "Nữ",
             "position": "Chuyên viên", "unit": "Vụ Tổ chức cán bộ", "register": str(100 + i)}
            for i in range(n)]
    return records_from_dicts(rows, decision_for(form, **changes), "x")


# Two lines of authority, a two-line signer title, long names and achievements: the worst case
# the templates are sized for.
WORST = {"authority": ["Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ",
                       "Chủ tịch Hội đồng Thi đua - Khen thưởng"],
         "signer": {"authority": "KT.", "head_title": "Bộ trưởng, Chủ nhiệm",
                    "title": "Phó Chủ nhiệm", "name": "Nguyễn Cao Lục"}}
LONG = ("Đã có thành tích xuất sắc trong phong trào thi đua đặc biệt “Văn phòng Chính phủ tận "
        "tâm, hiệp lực, vì đất nước, quyết tâm chiến thắng đại dịch COVID-19”, góp phần cùng cả "
        "nước đẩy lùi đại dịch, phục hồi và phát triển kinh tế - xã hội")


def worst(form: str):
    rows = [
        {"name": "Nguyễn Văn An", "gender": "Nam", "position": "Chuyên viên",
         "unit": "Vụ Tổ chức cán bộ", "register": "1"},
        {"name": "Tổ công tác đặc biệt phòng, chống dịch COVID-19 của Văn phòng Chính phủ tại "
                 "Thành phố Hồ Chí Minh và các tỉnh phía Nam", "kind": "tập thể",
         "unit": "Văn phòng Chính phủ", "achievement": LONG, "register": "2"},
        {"name": "Công Tằng Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Ngọc Bảo Trâm", "gender": "Nữ",
         "position": "Phó Vụ trưởng phụ trách, Tổ trưởng Tổ công tác đặc biệt",
         "unit": "Vụ Khoa giáo - Văn xã, Văn phòng Chính phủ",
         "achievement": LONG + " " + LONG[:120]},
        {"name": TRICKY, "kind": "tập thể"},
    ]
    return records_from_dicts(rows, decision_for(form, **WORST), "x")


def texts(document) -> list[str]:
    return [p.text for p in all_paragraphs(document) if p.text]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
