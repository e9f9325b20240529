"""Load on `thidua serve`: 20 units at once, each saving its plan and previewing it, for 60 s,
against a live server on loopback (a copy of the sample campaign, a fresh store).

Prints requests/s, latency percentiles per kind of request, and the errors (any answer that is
not the one a browser expects). The baseline, measured in the same run: one in-process render
of the same unit plan through generator.build, so the preview's ratio says what the web layer
costs on top of the pipeline.

    python benchmarks/web_load.py [--units 20] [--seconds 60] [--threads 8]

Not part of pytest: it takes a minute and both cores.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "vpcp-covid19-2021"


class FormReader(HTMLParser):
    """The plan form's fields as a browser posts them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.inside = False
        self._text: list[str] | None = None
        self._select: str | None = None
        self._chosen = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = "plan" in a.get("class", "")
        elif self.inside and tag == "input" and a.get("name"):
            self.fields.append((a["name"], a.get("value", "")))
        elif self.inside and tag == "textarea":
            self._text = [a["name"], ""]
        elif self.inside and tag == "select":
            self._select, self._chosen = a["name"], ""
        elif self._select and tag == "option" and "selected" in a:
            self._chosen = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._text:
            self.fields.append((self._text[0], self._text[1].removeprefix("\n")))
            self._text = None
        elif tag == "select" and self._select:
            self.fields.append((self._select, self._chosen))
            self._select = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text[1] += data


def form_of(html: str) -> dict[str, str]:
    reader = FormReader()
    reader.feed(html)
    return dict(reader.fields)


class Unit(threading.Thread):
    """One unit's clerk: sign in, then open the plan, change a target, save, preview; again."""

    def __init__(self, port: int, code: str, secret: str, until: float) -> None:
        super().__init__(daemon=True)
        self.port, self.code, self.secret, self.until = port, code, secret, until
        self.timings: dict[str, list[float]] = {"open": [], "save": [], "preview": [],
                                                "docx": []}
        self.errors: list[str] = []
        self.cookie = ""

    def call(self, kind: str, method: str, path: str, body: dict[str, str] | None = None,
             expect: int = 200) -> str:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            connection.request(method, path, data, headers)
            answer = connection.getresponse()
            content = answer.read()
        except OSError as err:
            self.errors.append(f"{kind}: {err}")
            return ""
        finally:
            connection.close()
        if kind in self.timings:
            self.timings[kind].append(time.perf_counter() - start)
        cookie = answer.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        if answer.status != expect:
            self.errors.append(f"{kind}: HTTP {answer.status}")
        return content.decode("utf-8", "replace")

    def run(self) -> None:
        page = self.call("sign-in", "GET", "/dang-nhap")
        token = re.search(r'name="_csrf" value="([^"]+)"', page)
        if token is None:
            self.errors.append("sign-in: no token")
            return
        self.call("sign-in", "POST", "/dang-nhap",
                  {"_csrf": token.group(1), "code": self.code, "secret": self.secret}, 302)
        turn = 0
        while time.monotonic() < self.until:
            turn += 1
            form = form_of(self.call("open", "GET", f"/don-vi/{self.code}/ke-hoach"))
            if "_csrf" not in form:
                self.errors.append("open: no form")
                continue
            form["targets.0"] = f"Chỉ tiêu lần {turn} của {self.code}: 100% hồ sơ đúng hạn."
            form["_action"] = "save"
            self.call("save", "POST", f"/don-vi/{self.code}/ke-hoach", form, 303)
            self.call("preview", "GET", f"/don-vi/{self.code}/xem-truoc")
            if turn % 5 == 0:
                self.call("docx", "GET", f"/don-vi/{self.code}/ke-hoach.docx")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def campaign_with_units(folder: Path, count: int) -> list[str]:
    """A copy of the sample in *folder* with at least *count* units; their codes."""
    shutil.copytree(SAMPLE, folder)
    path = folder / "campaign.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for index in range(len(data["units"]), count):
        data["units"].append({"code": f"DV{index}", "name": f"Đơn vị thử {index}",
                              "abbreviation": f"DV{index}", "kind": "đơn vị"})
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return [u["code"] for u in data["units"]][:count]


def baseline(folder: Path, code: str, repeat: int = 20) -> float:
    """Median seconds of one in-process validate + render of the unit's plan."""
    from generator.web.plans import check_plan, load_campaign, render_plan, starting_data

    campaign = load_campaign(folder)
    data = starting_data(campaign, code)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        _, _, source = check_plan(campaign, code, data)
        assert source is not None
        render_plan(source)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="thidua-load-"))
    try:
        run(work, args.units, args.seconds, args.threads)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, units: int, seconds: float, threads: int) -> None:
    folder = work / "campaign"
    codes = campaign_with_units(folder, units)
    db = work / "web.sqlite"
    thidua = [sys.executable, "-m", "generator", "serve", str(folder), "--db", str(db)]
    issued = subprocess.run([*thidua, *(a for c in codes for a in ("--issue-secret", c))],
                            capture_output=True, text=True, check=True).stdout
    secrets = dict(line.split("\t") for line in issued.splitlines() if "\t" in line)
    base = baseline(folder, codes[0])
    port = free_port()
    # The server's stderr goes to a file: a pipe nobody reads until the end fills up (64 kB of
    # waitress's "Task queue depth" warnings) and then blocks the server's main thread, which
    # stops answering — the benchmark once measured that instead of thidua.
    log = (work / "server.log").open("w", encoding="utf-8")
    server = subprocess.Popen([*thidua, "--port", str(port), "--threads", str(threads)],
                              stdout=subprocess.DEVNULL, stderr=log, text=True)
    try:
        wait_until_up(port)
        until = time.monotonic() + seconds
        clerks = [Unit(port, code, secrets[code], until) for code in codes]
        start = time.perf_counter()
        for clerk in clerks:
            clerk.start()
        for clerk in clerks:
            clerk.join()
        elapsed = time.perf_counter() - start
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)
        log.close()
    report(clerks, elapsed, base, units, threads, db)


def wait_until_up(port: int) -> None:
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def report(clerks: list[Unit], elapsed: float, base: float, units: int, threads: int,
           db: Path) -> None:
    import sqlite3

    kinds: dict[str, list[float]] = {}
    for clerk in clerks:
        for kind, values in clerk.timings.items():
            kinds.setdefault(kind, []).extend(values)
    every = [t for values in kinds.values() for t in values]
    errors = [e for clerk in clerks for e in clerk.errors]
    with sqlite3.connect(db) as check:
        versions = check.execute("SELECT COUNT(*) FROM versions").fetchone()[0]
    print(f"thidua serve under load: {units} units, {elapsed:.1f} s, waitress {threads} threads, "
          "loopback")
    print(f"{'requests':<26} {len(every):7d}   {len(every) / elapsed:7.1f} requests/s")
    print(f"{'all requests':<26} p50 {percentile(every, .5) * 1000:7.1f} ms   "
          f"p95 {percentile(every, .95) * 1000:7.1f} ms   max {max(every) * 1000:7.1f} ms")
    for kind, values in kinds.items():
        if values:
            print(f"{kind:<26} p50 {percentile(values, .5) * 1000:7.1f} ms   "
                  f"p95 {percentile(values, .95) * 1000:7.1f} ms   n={len(values)}")
    preview = statistics.median(kinds["preview"]) if kinds["preview"] else 0.0
    print(f"{'baseline: render in-process':<26} {base * 1000:7.1f} ms (median, no server)")
    print(f"{'preview / baseline':<26} {preview / base:7.2f}x (median, under load)")
    saves = len(kinds["save"])
    print(f"{'versions stored':<26} {versions:7d} for {saves} saves")
    print(f"{'errors':<26} {len(errors):7d}" + (f"  e.g. {errors[:3]}" if errors else ""))


if __name__ == "__main__":
    main()
