"""What the README shows must run: every thidua command it gives on the sample campaign runs
as written, from a folder that holds `samples/` as the repository does."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Inline code and shell lines; a quick-start line "pip install … && thidua …" gives its second part.
COMMANDS = sorted({part.strip() for span in re.findall(r"`([^`\n]+)`|^(?:.*&& )?(thidua .+)$",
                                                        README, flags=re.MULTILINE)
                   for part in span if part.startswith("thidua ") and "samples/" in part})
# A `thidua serve` that starts the server runs until it is stopped: tests/web/test_serve_cli.py
# starts the README's own command, signs in and stops it. Only the secret-issuing form runs here.
SERVERS = [c for c in COMMANDS if c.startswith("thidua serve ") and "--issue-secret" not in c]
# A command with a postgresql:// URL names the reader's own server: tests/web/test_serve_cli.py
# and tests/store/test_backend.py run it against a real one, with that server's URL put in.
SERVERS += [c for c in COMMANDS if "postgresql://" in c and c not in SERVERS]


def test_the_readme_shows_sample_commands():
    assert len(COMMANDS) >= 3
    assert "thidua build samples/vpcp-covid19-2021 -o out" in COMMANDS


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in SERVERS])
def test_a_readme_command_runs_as_written(run, tmp_path, command):
    if "--pdf" in command and shutil.which("soffice") is None:
        pytest.skip("needs LibreOffice")
    (tmp_path / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0, result.stderr
    assert ("Hợp lệ" if command.startswith("thidua validate") else "Đã ghi") in result.stdout


def test_the_readme_row_error_is_what_thidua_prints(tmp_path):
    from openpyxl import Workbook

    from generator.certificates.records import load_decision, records_from_table
    from generator.errors import ValidationFailed

    example = re.search(r"`(danh-sach\.xlsx: Sheet1!dòng 12, [^`]+)`", README)
    assert example
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["Họ và tên", "Giới tính", "Chức vụ", "Đơn vị", "Thành tích"])
    for row in range(2, 12):
        sheet.append([f"Người {row}", "Nam", "Chuyên viên", "Vụ A", "Xuất sắc"])
    sheet.append([None, "Nữ", "Chuyên viên", "Vụ A", "Xuất sắc"])
    book.save(tmp_path / "danh-sach.xlsx")
    decision = load_decision(ROOT / "samples/vpcp-covid19-2021/certificates/bang-khen.json")
    with pytest.raises(ValidationFailed) as info:
        records_from_table(Path("danh-sach.xlsx"), decision)
    assert example.group(1) in [str(issue) for issue in info.value.issues]
