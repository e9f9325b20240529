"""Benchmark: PDFs with LibreOffice — certificates through their print file, documents two by two.

Not a test: run it by hand and quote its output (it needs soffice).

    python benchmarks/pdf.py                 # 200 certificates, best of 3
    python benchmarks/pdf.py --n 100 --repeat 2

Certificates: a decision with N individuals (the sample's, grown). The baseline is what thidua
did before: ``thidua certificates`` writes the .docx files, then one soffice call converts them
all. Against it, ``thidua certificates --pdf``, which converts the print file once and cuts it
into one PDF per certificate (each page checked to show its recipient). Both are whole
processes, .docx writing included.

Documents: the sample campaign's documents (plans, decisions, proposals), converted by one
soffice call, and by thidua (two soffice processes side by side from PARALLEL_FROM on).

The runs take turns, each kept at its best of --repeat.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from decision import decision_file
from timing import interleaved

from generator.build import build_campaign
from generator.render.pdf import PARALLEL_FROM, convert_to_pdf, find_soffice

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "vpcp-covid19-2021"
TARGET = 3.0


def thidua(*arguments: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "THIDUA_REGISTER"}
    subprocess.run([sys.executable, "-m", "generator", *arguments], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def one_soffice(files: list[Path], out: Path, profile: Path) -> None:
    """A single soffice call over *files*: the baseline."""
    subprocess.run([find_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--convert-to",
                    "pdf", "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True)


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="individuals (200)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds, the best kept (3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        source = decision_file(base / "data", args.n)
        thidua("certificates", str(source), "-o", str(base / "probe"))
        count = len(list((base / "probe").glob("*.docx")))
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {count} certificates "
              f"({args.n} individuals and the sample's collectives)")

        def before() -> None:
            out = fresh(base / "before")
            thidua("certificates", str(source), "-o", str(out))
            one_soffice(sorted(out.glob("*.docx")), out, fresh(base / "profile-a"))

        def after() -> None:
            thidua("certificates", str(source), "-o", str(fresh(base / "after")), "--pdf")

        old, new = interleaved([
            ("certificates, .docx then one soffice call over the files", before),
            ("thidua certificates --pdf (print file converted once, cut)", after)],
            args.repeat, count)
        pdfs = sorted((base / "after").glob("*.pdf"))
        sizes = [p.stat().st_size for p in pdfs]
        baseline = [p.stat().st_size for p in (base / "before").glob("*.pdf")]
        print(f"  {len(pdfs)} PDFs, {sum(sizes) / len(sizes) / 1000:.0f} kB each "
              f"(separately converted: {sum(baseline) / len(baseline) / 1000:.0f} kB)")
        documents = [w.path for w in build_campaign(SAMPLE, base / "docs",
                                                    certificates=False).documents]
        one, two = interleaved([
            (f"{len(documents)} documents, one soffice call",
             lambda: one_soffice(documents, fresh(base / "docs-one"), fresh(base / "p1"))),
            (f"{len(documents)} documents, thidua (2 soffice from {PARALLEL_FROM} on)",
             lambda: convert_to_pdf(documents, fresh(base / "docs-two")))],
            args.repeat, len(documents))
        print()
        print(f"certificates: --pdf / .docx + one soffice call: {old / new:5.2f}×  "
              f"(target ≥ {TARGET:g}×)")
        print(f"documents:    two soffice / one:                {one / two:5.2f}×  "
              f"({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
