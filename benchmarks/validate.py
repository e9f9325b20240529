"""Benchmark: validating a decision with a long list, thidua against plain jsonschema.

Not a test: run it by hand and quote its output.

    python benchmarks/validate.py              # 10,000 individuals, best of 3

Valid data: thidua's schema check (the compiled fast path) against jsonschema's
``Draft202012Validator.iter_errors`` with the same schema, registry and format checker; the
strict loader (duplicate keys, NaN, control and bidi characters, legacy encodings) against
``json.load``. Invalid data (one error per hundred rows) goes through jsonschema's full report
in both. The runs take turns, each kept at its best of --repeat.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from decision import decision_file
from timing import interleaved

from generator.data.loader import load_json
from generator.data.schema import fast_check, schema_issues, validator_for

TARGET_SCHEMA = 5.0
TARGET_LOAD = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="individuals (10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds, the best kept (3)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; a decision with "
          f"{args.n} individuals")
    with tempfile.TemporaryDirectory() as tmp:
        path = decision_file(Path(tmp), args.n)
        data = load_json(path)
        broken = json.loads(json.dumps(data))
        for person in broken["awards"][0]["individuals"][::100]:
            person["gender"] = "khác"
        validator = validator_for("decision")
        assert fast_check("decision") is not None and not schema_issues(data, "decision", "x")

        def plain(value: object) -> int:
            return sum(1 for _ in validator.iter_errors(value))

        def raw() -> object:
            with path.open(encoding="utf-8") as handle:
                return json.load(handle)

        ours, theirs, load_ours, load_theirs, bad_ours, bad_theirs = interleaved([
            ("thidua schema check, valid", lambda: schema_issues(data, "decision", "x")),
            ("jsonschema iter_errors, valid", lambda: plain(data)),
            ("thidua strict loading", lambda: load_json(path)),
            ("json.load", raw),
            ("thidua schema check, 1 error per 100 rows (full report)",
             lambda: schema_issues(broken, "decision", "x")),
            ("jsonschema iter_errors, the same", lambda: plain(broken)),
        ], args.repeat)
        print()
        print(f"valid:   thidua / jsonschema: {theirs / ours:6.1f}× faster  "
              f"(target ≥ {TARGET_SCHEMA:g}×)")
        print(f"loading: thidua / json.load: {load_ours / load_theirs:6.1f}× slower  "
              f"(target ≤ {TARGET_LOAD:g}×)")
        print(f"invalid: thidua / jsonschema: {bad_ours / bad_theirs:6.2f}× the time (the fast "
              "check first, then jsonschema's report)")


if __name__ == "__main__":
    main()
