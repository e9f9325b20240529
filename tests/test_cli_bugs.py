"""A bug of thidua's (an exception no rule raises) reaches a user as Vietnamese words and exit
code 70, its traceback in a file they can send; never as a traceback on screen."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from support import ROOT, SAMPLE_DIR

# `thidua certificates` run with one library function replaced by one that fails as a bug
# would (a KeyError deep inside), and the temporary folder pointed at the test's.
_BROKEN = """
import sys
import generator.build
def broken(*args, **kwargs):
    return {}["không có"]
generator.build.decision_certificates = broken
from generator.cli import run
sys.argv = ["thidua", *sys.argv[1:]]
run()
"""
DECISION = SAMPLE_DIR / "decisions" / "so-ket-2022.json"


def thidua_with_a_bug(tmp_path: Path, debug: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "THIDUA_DEBUG"}
    env["TMPDIR"] = str(tmp_path)
    if debug:
        env["THIDUA_DEBUG"] = "1"
    return subprocess.run([sys.executable, "-c", _BROKEN, "certificates", str(DECISION), "-o",
                           str(tmp_path / "out")], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def test_a_bug_is_said_in_vietnamese_and_its_traceback_kept_in_a_file(tmp_path):
    done = thidua_with_a_bug(tmp_path)
    assert done.returncode == 70
    assert "Traceback" not in done.stderr and "KeyError" in done.stderr
    found = re.fullmatch(r"Lỗi của chương trình thidua, không phải của dữ liệu \(KeyError\)\. "
                         r"Chi tiết đã ghi vào (.+): hãy gửi tệp này cho người bảo trì thidua\.\n",
                         done.stderr)
    assert found is not None, done.stderr
    details = Path(found.group(1))
    assert details.parent == tmp_path and details.name.startswith("thidua-loi-")
    text = details.read_text(encoding="utf-8")
    assert text.startswith(f"thidua certificates {DECISION} -o {tmp_path / 'out'}\n")
    assert "Traceback" in text and "KeyError: 'không có'" in text
    assert not (tmp_path / "out").exists()


def test_a_developer_gets_the_traceback_with_thidua_debug(tmp_path):
    done = thidua_with_a_bug(tmp_path, debug=True)
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "KeyError: 'không có'" in done.stderr
    assert not list(tmp_path.glob("thidua-loi-*"))


def test_a_data_error_is_still_a_data_error(run, tmp_path):
    bad = tmp_path / "q.json"
    bad.write_text('{"document": ', encoding="utf-8")
    result = run("certificates", str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "Lỗi của chương trình" not in result.stderr
