"""What the benchmarks share: runs timed in turns, so that each ratio compares runs made under
the same conditions on a machine whose speed drifts."""

from __future__ import annotations

import time
from collections.abc import Callable


def interleaved(runs: list[tuple[str, Callable[[], object]]], repeat: int,
                count: int | None = None) -> list[float]:
    """Best wall-clock seconds of each run, the runs taking turns *repeat* times; printed one
    line a run (with the time per document when *count* documents are made each run)."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for index, (_, action) in enumerate(runs):
            start = time.perf_counter()
            action()
            best[index] = min(best[index], time.perf_counter() - start)
    for (label, _), seconds in zip(runs, best, strict=True):
        per_document = f"  {seconds / count * 1000:6.1f} ms/doc" if count else ""
        print(f"{label:<62} {seconds:7.3f} s{per_document}  best of {repeat}", flush=True)
    return best
