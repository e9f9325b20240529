"""The registry of document kinds: every kind by name and by file, and each kind's module
imported only when it is asked for (`thidua certificates` reads a decision and its plan, and
pays for no other kind's rules)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, SAMPLE_DIR

from generator import documents
from generator.errors import UnknownDocumentKind

DECISION = SAMPLE_DIR / "decisions" / "so-ket-2022.json"
# Every kind the package registers, in the order `thidua build --kind` lists them.
NAMES = ["plan", "unit-plan", "decision", "proposal", "report", "unit-report", "nomination",
         "cycle"]


def test_every_kind_is_registered_in_order() -> None:
    assert list(documents.KINDS) == NAMES
    assert documents.kind_named("decision") is documents.DECISION
    assert documents.KINDS["cycle"] is documents.CYCLE


def test_an_unknown_kind_is_refused_with_the_known_ones() -> None:
    with pytest.raises(UnknownDocumentKind, match="Không có loại văn bản «ke-hoach».*plan, "
                                                  "unit-plan, decision"):
        documents.kind_named("ke-hoach")


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'BALLOT'"):
        _ = documents.BALLOT


def test_a_kind_is_found_by_its_schema_and_by_its_folder() -> None:
    data = {"$schema": "https://thidua.github.io/schemas/decision.schema.json"}
    assert documents.detect_kind(Path("x.json"), data) is documents.DECISION
    assert documents.detect_kind(Path("units") / "VTH.json", {}) is documents.UNIT_PLAN


_CERTIFICATES = """
import json, sys
from pathlib import Path
from generator.build import decision_certificates
records = decision_certificates(Path(sys.argv[1]))[1]
print(json.dumps({"records": len(records),
                  "kinds": sorted(m for m in sys.modules if m.startswith("generator.documents."))}))
"""


def test_reading_a_decisions_certificates_imports_no_other_kind() -> None:
    done = subprocess.run([sys.executable, "-c", _CERTIFICATES, str(DECISION)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=True)
    seen = json.loads(done.stdout)
    assert seen["records"] > 0
    assert "generator.documents.decision" in seen["kinds"]
    assert "generator.documents.plan" in seen["kinds"]          # the campaign it cites
    for other in ("council_minutes", "review", "figures", "nomination", "proposal"):
        assert f"generator.documents.{other}" not in seen["kinds"]
