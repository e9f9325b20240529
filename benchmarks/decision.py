"""Benchmark: a decision with a long attached list, stock docxtpl against thidua.

Not a test: run it by hand and quote its output.

    python benchmarks/decision.py                  # 10,000 rows, memory 1,000 against 10,000
    python benchmarks/decision.py --n 2000 --repeat 3      # quicker

The decision is the sample's (samples/vpcp-covid19-2021/decisions/so-ket-2022.json) with its
list of individuals grown to N fictional people. Three runs take turns, each kept at its best
of --repeat (on a shared machine the speed drifts from one second to the next):

- stock docxtpl, in-process: what a script would do with the same template, whose list is a
  ``{%tr for %}`` row loop, and the same context and Jinja environment: a new DocxTemplate,
  render, save (without thidua's sizing of the rules, which docxtpl cannot do);
- thidua's renderer, in-process, the template prepared again in every run (read from thidua's
  cache of prepared templates, as a new process reads it);
- ``thidua decision``, the whole process: start-up, strict loading, schema validation, checks,
  context, render, writing.

By default the whole process keeps its compiled modules (in a temporary PYTHONPYCACHEPREFIX,
even where PYTHONDONTWRITEBYTECODE is set), as an installed thidua has them and as the other
benchmarks run it. With ``--no-bytecode``, a process run from a checkout under
PYTHONDONTWRITEBYTECODE compiles every module of thidua from source each time (about 0.1 s):
the conditions of the figures quoted before 2026-12-03.

Memory is the peak RSS of the whole ``thidua decision`` process for the sample decision (38
rows), 1,000 and N rows; per row means above the sample's.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from timing import interleaved

from generator.build import load_source
from generator.render import engine
from generator.resources import template_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "vpcp-covid19-2021"
DECISION = SAMPLE / "decisions" / "so-ket-2022.json"
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = "Văn Thị Hữu Đức Minh Ngọc Thanh Quốc Thu Hoài Xuân Bảo".split()
GIVEN = ("An Bình Châu Dũng Giang Hà Hải Hạnh Hiếu Hương Khoa Lan "
         "Long Mai Nam Phúc Quân Sơn Tâm Thảo Trang Tuấn Vân Yến").split()
POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Phó Vụ trưởng", "Vụ trưởng", "Lái xe"]
TODAY = date(2026, 12, 2)
TARGET = 3.0


def decision_file(folder: Path, rows: int) -> Path:
    """The sample decision with *rows* individuals (every name different), in a copy of the
    campaign folder (the decision names its plan by a relative path)."""
    (folder / "decisions").mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE / "campaign.json", folder / "campaign.json")
    data = json.loads(DECISION.read_text(encoding="utf-8"))
    people = []
    for i in range(rows):
        name = (f"{FAMILY[i % 16]} {MIDDLE[i // 16 % 12]} {GIVEN[i // 192 % 24]}"
                f"{' ' + GIVEN[i // 4608 % 24] if i >= 4608 else ''}")
        people.append({"name": name, "gender": "nam" if i % 2 else "nữ",
                       "position": POSITIONS[i % 5],
                       "unit": f"Vụ số {i % 37 + 1}, Văn phòng Chính phủ"})
    data["awards"][0]["individuals"] = people
    path = folder / "decisions" / f"danh-sach-{rows}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def stock(template: str, context: dict[str, Any]) -> bytes:
    tpl = DocxTemplate(io.BytesIO(template_bytes(template)))
    tpl.render(context, jinja_env=engine.jinja_env(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def thidua(template: str, context: dict[str, Any]) -> bytes:
    engine.prepared.cache_clear()           # as a new process: the template read from the cache
    return engine.render(template, context)


def command(path: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "decision", str(path), "-o", str(out), "--force"]


_PEAK = ("import atexit, sys\n"
         "def peak():\n"
         "    status = open('/proc/self/status').read()\n"
         "    sys.stderr.write('VmHWM ' + status.split('VmHWM:')[1].split()[0] + '\\n')\n"
         "atexit.register(peak)\n"
         "sys.argv = ['thidua', *sys.argv[1:]]\n"
         "from generator.cli import run\n"
         "run()\n")


BYTECODE: dict[str, str] = {}       # with --bytecode: where the process keeps compiled modules


def whole_process(path: Path, out: Path, measure: bool = False) -> float:
    """Run ``thidua decision`` once; with *measure*, its peak RSS in MB (VmHWM: on Linux
    ru_maxrss survives exec, and would report this benchmark's own size)."""
    env = {k: v for k, v in os.environ.items() if k != "THIDUA_REGISTER"}
    if BYTECODE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(BYTECODE)
    arguments = command(path, out)
    if measure:
        arguments = [sys.executable, "-c", _PEAK, *arguments[3:]]
    done = subprocess.run(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"thidua decision failed on {path}: {done.stderr}")
    if not measure:
        return 0.0
    return int(done.stderr.rsplit("VmHWM ", 1)[1].split()[0]) / 1024


def xml_parts(docx: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="rows of the list (10,000)")
    parser.add_argument("--memory-n", type=int, default=1_000,
                        help="the smaller list of the memory check (1,000)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds, the best kept (3)")
    parser.add_argument("--bytecode", action=argparse.BooleanOptionalAction, default=True,
                        help="let the whole process keep its compiled modules, as an "
                             "installed thidua has them (the default, as benchmarks/startup.py "
                             "and certificates.py run); --no-bytecode compiles from source")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, a decision with "
          f"{args.n} rows in its list")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.bytecode:
            BYTECODE["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
            print("the whole process keeps its compiled modules (--no-bytecode: not)")
        path = decision_file(folder / "big", args.n)
        kind, source = load_source(path)
        context = kind.build_context(source, TODAY)
        ready = engine.prepared(kind.template)
        fast = thidua(kind.template, context)
        same = xml_parts(fast) == xml_parts(engine.render_with_docxtpl(kind.template, context))
        way = ("compiled, no parse" if ready is not None and ready.text is not None
               else "compiled, parsed" if ready is not None else "stock docxtpl")
        print(f"thidua's way for this template: {way}; same XML parts as docxtpl: "
              f"{'yes' if same else 'NO'}")
        out = folder / "out"
        if args.bytecode:
            whole_process(path, out)            # compiles and keeps the modules
        docxtpl_s, render_s, process_s = interleaved([
            ("stock docxtpl, in-process ({%tr for %} row loop)",
             lambda: stock(kind.template, context)),
            ("thidua render, in-process (template read from its cache)",
             lambda: thidua(kind.template, context)),
            ("thidua decision, whole process", lambda: whole_process(path, out)),
        ], args.repeat)
        print()
        print(f"render in-process / stock docxtpl: {docxtpl_s / render_s:5.1f}×  "
              f"(target ≥ {TARGET:g}×)")
        print(f"whole process     / stock docxtpl: {docxtpl_s / process_s:5.1f}×  "
              f"(target ≥ {TARGET:g}×; the whole process also loads and validates)")
        sample = whole_process(DECISION, folder / "sample", measure=True)
        small = whole_process(decision_file(folder / "small", args.memory_n), folder / "o1",
                              measure=True)
        big = whole_process(path, out, measure=True)
        per_small = (small - sample) / (args.memory_n - 38)
        per_big = (big - sample) / (args.n - 38)
        print(f"peak RSS, whole process: sample (38 rows) {sample:.0f} MB, {args.memory_n} rows "
              f"{small:.0f} MB, {args.n} rows {big:.0f} MB")
        print(f"per row above the sample: {per_small * 1024:.1f} kB at {args.memory_n}, "
              f"{per_big * 1024:.1f} kB at {args.n} ({per_big / per_small:.2f}×, target ≤ 1.5×)")


if __name__ == "__main__":
    main()
