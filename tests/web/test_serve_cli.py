"""`thidua serve` from the command line: issuing secrets, refusals, and the README's own server
command started for real, signed into and stopped (SIGTERM, as Ctrl+C)."""

from __future__ import annotations

import http.client
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from support import ROOT

from generator.store import backend
from generator.store.backend import display
from generator.store.submissions import WEB, connect

README = (ROOT / "README.md").read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_secrets_are_issued_printed_once_and_verified(run, campaign_dir, tmp_path):
    db = tmp_path / "web.sqlite"
    result = run("serve", str(campaign_dir), "--db", str(db), "--issue-secret", "TCCB",
                 "--issue-secret", "ban-thi-dua")
    assert result.exit_code == 0, result.stderr
    issued = dict(line.split("\t") for line in result.stdout.splitlines() if "\t" in line)
    assert set(issued) == {"TCCB", "ban-thi-dua"}
    assert re.fullmatch(r"[a-z2-9]{5}(-[a-z2-9]{5}){3}", issued["TCCB"])
    assert "Đã ghi mã bí mật (đã băm)" in result.stdout
    store = connect(db)
    assert store.verify("TCCB", issued["TCCB"]).role == "unit"
    assert store.verify("ban-thi-dua", issued["ban-thi-dua"]).role == "agency"
    assert store.verify("TCCB", issued["ban-thi-dua"]) is None


def test_the_cli_names_the_agency_as_the_store_does():
    import importlib

    from generator.store import submissions
    assert importlib.import_module("generator.cli.serve").AGENCY == submissions.AGENCY


def test_the_command_line_starts_without_the_web_app_or_the_store():
    code = ("import sys, generator.cli.commands; "
            "print(sorted(m for m in sys.modules if m.startswith("
            "('flask', 'waitress', 'sqlite3', 'generator.store', 'generator.web'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"


def test_an_unknown_unit_code_is_a_usage_error(run, campaign_dir, tmp_path):
    result = run("serve", str(campaign_dir), "--db", str(tmp_path / "w.sqlite"),
                 "--issue-secret", "KHONGCO")
    assert result.exit_code == 2
    assert "không có đơn vị mã KHONGCO" in result.stderr
    assert not (tmp_path / "w.sqlite").exists()


def test_secrets_are_issued_into_a_postgresql_store(run, campaign_dir, postgresql_url):
    result = run("serve", str(campaign_dir), "--db", postgresql_url, "--issue-secret", "TCCB")
    assert result.exit_code == 0, result.stderr
    secret = dict(line.split("\t") for line in result.stdout.splitlines() if "\t" in line)
    password = urlsplit(postgresql_url).password
    assert password and password not in result.stdout + result.stderr
    assert f"vào {display(postgresql_url)}." in result.stdout
    assert connect(postgresql_url).verify("TCCB", secret["TCCB"]).role == "unit"


def test_an_unreachable_server_is_said_without_the_password(run, campaign_dir):
    url = f"postgresql://thidua:bimat-khong-in@127.0.0.1:{free_port()}/thidua"
    for args in (["--issue-secret", "TCCB"], []):          # issuing, and starting the server
        result = run("serve", str(campaign_dir), "--db", url, *args)
        assert result.exit_code == 1
        assert "Không kết nối được tới máy chủ PostgreSQL của kho dữ liệu của thidua serve " \
               f"postgresql://thidua@127.0.0.1:{urlsplit(url).port}/thidua" in result.stderr
        assert "bimat-khong-in" not in result.stdout + result.stderr


def test_a_wrong_password_is_said_without_it(run, campaign_dir, postgresql_url):
    parts = urlsplit(postgresql_url)
    wrong = postgresql_url.replace(f":{parts.password}@", ":mat-khau-sai@")
    result = run("serve", str(campaign_dir), "--db", wrong, "--issue-secret", "TCCB")
    assert result.exit_code == 1
    assert "Sai mật khẩu hoặc tên người dùng khi kết nối tới kho dữ liệu của thidua serve" \
        in result.stderr
    assert "mat-khau-sai" not in result.stdout + result.stderr


def test_a_store_made_by_a_newer_thidua_is_refused(run, campaign_dir, tmp_path):
    db = tmp_path / "new.sqlite"
    with backend.connect(db, write=True, schema=WEB) as opened:
        opened.execute("INSERT INTO web_schema_version VALUES (99, 'future', 'x')")
    result = run("serve", str(campaign_dir), "--db", str(db), "--issue-secret", "TCCB")
    assert result.exit_code == 1 and "hãy cập nhật thidua" in result.stderr


def start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_up(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                connection.request("GET", "/dang-nhap")
                answer = connection.getresponse()
                answer.read()
                if answer.status == 200:
                    return
            finally:
                connection.close()
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not start")


def stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    return out, err


def sign_in(port: int, code: str, secret: str) -> tuple[http.client.HTTPConnection, str]:
    """Sign *code* in on a live server as a browser would (the form's CSRF token, its cookie):
    the open connection and the signed-in session cookie."""
    from urllib.parse import urlencode
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/dang-nhap")
    answer = connection.getresponse()
    page = answer.read().decode()
    cookie = answer.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    connection.request("POST", "/dang-nhap",
                       urlencode({"_csrf": token, "code": code, "secret": secret}),
                       {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    signed = connection.getresponse()
    signed.read()
    assert signed.status == 302
    return connection, signed.getheader("Set-Cookie").split(";")[0]


def test_the_readme_server_command_serves_the_sample(tmp_path):
    (issue,) = [c for c in re.findall(r"`(thidua serve samples/[^`]+)`", README)
                if "--issue-secret" in c]
    (serve,) = [c for c in re.findall(r"`(thidua serve samples/[^`]+)`", README)
                if "--issue-secret" not in c]
    (tmp_path / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
    issued = subprocess.run([sys.executable, "-m", "generator", *shlex.split(issue)[1:]],
                            cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    secret = dict(line.split("\t") for line in issued.splitlines() if "\t" in line)["TCCB"]
    port = free_port()
    process = start([*shlex.split(serve)[1:], "--port", str(port)], tmp_path)
    try:
        wait_until_up(port, process)
        connection, session = sign_in(port, "TCCB", secret)
        connection.request("GET", "/don-vi/TCCB/ke-hoach", headers={"Cookie": session})
        plan = connection.getresponse()
        assert plan.status == 200 and "Vụ Tổ chức cán bộ" in plan.read().decode()
        connection.close()
    finally:
        _, err = stop(process)
    assert f"http://127.0.0.1:{port}/" in err
    assert "Đã dừng máy chủ." in err
    assert (tmp_path / "web.sqlite").is_file()          # beside the command, not in samples/
    assert not (ROOT / "samples/vpcp-covid19-2021/thidua-web.sqlite").exists()


def test_listening_beyond_this_machine_prints_a_warning(campaign_dir, tmp_path):
    port = free_port()
    process = start(["serve", str(campaign_dir), "--db", str(tmp_path / "w.sqlite"),
                     "--host", "0.0.0.0", "--port", str(port)], tmp_path)
    try:
        wait_until_up(port, process)
        answers = {}
        for host in (socket.gethostname(), "evil.example"):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/dang-nhap", headers={"Host": f"{host}:{port}"})
            answer = connection.getresponse()
            answer.read()
            answers[host] = answer.status
            connection.close()
    finally:
        _, err = stop(process)
    assert answers == {socket.gethostname(): 200, "evil.example": 400}
    assert "Cảnh báo: máy chủ mở cho mạng (0.0.0.0)" in err
    assert f"Tên máy được nhận: {socket.gethostname()}" in err


def test_the_server_runs_on_a_postgresql_store(run, campaign_dir, tmp_path, postgresql_url):
    issued = run("serve", str(campaign_dir), "--db", postgresql_url, "--issue-secret", "TCCB")
    secret = dict(line.split("\t") for line in issued.stdout.splitlines() if "\t" in line)["TCCB"]
    port = free_port()
    process = start(["serve", str(campaign_dir), "--db", postgresql_url, "--port", str(port)],
                    tmp_path)
    try:
        wait_until_up(port, process)
        connection, _ = sign_in(port, "TCCB", secret)
        connection.close()
    finally:
        _, err = stop(process)
    assert (f"(kho dữ liệu {display(postgresql_url)}; văn bản soạn vào "
            f"{campaign_dir / 'van-ban'}, ") in err
    assert f"vào sổ đăng ký {display(postgresql_url)})" in err     # the register: the same database
    assert urlsplit(postgresql_url).password not in err
    assert not list(tmp_path.glob("*.sqlite")) and not list(campaign_dir.glob("*.sqlite"))


def test_the_readme_postgresql_command_issues_secrets_into_the_database(run, tmp_path,
                                                                        postgresql_url):
    (command,) = [c for c in re.findall(r"^(thidua serve samples/\S+ --db postgresql://\S+ .*)$",
                                        README, flags=re.MULTILINE) if "--issue-secret" in c]
    readme_url = next(part for part in shlex.split(command) if part.startswith("postgresql://"))
    (tmp_path / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
    args = [postgresql_url if part == readme_url else part for part in shlex.split(command)[1:]]
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert "TCCB\t" in result.stdout
    assert display(postgresql_url) in result.stdout + result.stderr
