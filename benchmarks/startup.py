"""Benchmark: how long `thidua --help` and `thidua --version` take, against `python -c pass`.

Not a test: run it by hand and quote its output.

    python benchmarks/startup.py            # best of 20 rounds

The three commands take turns, each kept at its best (a shared machine drifts). The target is
50 ms for thidua; the interpreter's own start-up, measured in the same run, says how much of
that is Python's, and `import click` what the command-line library itself costs: thidua's
own share is what lies above it. `-X importtime` shows what thidua imports at start-up.

Every command runs with its bytecode cached, as after an installation (pip compiles the
package): PYTHONDONTWRITEBYTECODE is unset and the cache goes to a temporary folder
(PYTHONPYCACHEPREFIX), so the checkout is left as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 50.0


def thidua() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m generator``."""
    script = Path(sys.executable).with_name("thidua")
    found = str(script) if script.is_file() else shutil.which("thidua")
    return [found] if found else [sys.executable, "-m", "generator"]


def best_ms(commands: dict[str, list[str]], rounds: int, env: dict[str, str]) -> dict[str, float]:
    best = dict.fromkeys(commands, float("inf"))
    for command in commands.values():            # a first run writes the bytecode cache
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
    for _ in range(rounds):
        for label, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
            best[label] = min(best[label], (time.perf_counter() - start) * 1000)
    return best


def imported_at_help(env: dict[str, str]) -> list[str]:
    """The heaviest modules `thidua --help` imports (cumulative, from -X importtime)."""
    python = [sys.executable, "-X", "importtime", "-m", "generator", "--help"]
    lines = subprocess.run(python, capture_output=True, text=True, check=True, env=env).stderr
    rows = []
    for line in lines.splitlines()[1:]:
        _, cumulative, name = (part.strip() for part in line.split("|"))
        rows.append((int(cumulative), name))
    return [f"{name} {cumulative / 1000:.1f} ms" for cumulative, name in sorted(rows)[-5:][::-1]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="rounds, the best kept (20)")
    args = parser.parse_args()
    command = thidua()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; thidua is "
          f"{' '.join(command)}")
    cache = tempfile.mkdtemp(prefix="thidua-pyc-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    best = best_ms({"python -c pass": [sys.executable, "-c", "pass"],
                    "python -c 'import click'": [sys.executable, "-c", "import click"],
                    "thidua --help": [*command, "--help"],
                    "thidua --version": [*command, "--version"]}, args.rounds, env)
    base = best["python -c pass"]
    for label, ms in best.items():
        extra = f"  (+{ms - base:.0f} ms: Click alone)" if "click" in label else "" \
            if label.startswith("python") else (
            f"  (+{ms - base:.0f} ms over python -c pass; target ≤ {TARGET_MS:.0f} ms: "
            f"{'met' if ms <= TARGET_MS else 'NOT met'})")
        print(f"{label:<26} {ms:6.1f} ms  best of {args.rounds}{extra}")
    print("heaviest imports of --help:", "; ".join(imported_at_help(env)))
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
