"""``osd test``: the Rego unit tests (real OPA, with coverage) and the YAML scenarios, one summary line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..answers.decide import Decider


def cmd_test(args: argparse.Namespace) -> int:
    """Rego unit tests (real OPA, with coverage) and YAML scenarios; one summary line."""
    from ..store.rego_tests import find_opa, run_rego_tests
    from ..store.scenarios import load_scenarios, run_scenarios

    decider = Decider.from_disk()
    failed = False
    rego_line = "rego: not run (--scenarios-only)"
    if not args.scenarios_only:
        opa = Path(args.opa) if args.opa else find_opa()
        if opa is None or not opa.exists():
            print("the Rego tests need the real OPA: run scripts/build-opa, set OSD_OPA, "
                  "or pass --scenarios-only", file=sys.stderr)
            return 1
        report = run_rego_tests(decider.bundle, opa)
        for name in report.failed:
            print(f"FAIL rego {name}")
        for rel in report.missing_tests:
            print(f"FAIL rego policies/rego/{rel} has no _test.rego beside it")
        low = report.coverage is not None and report.coverage < args.min_coverage
        for name, rows in report.uncovered.items():
            print(f"     not covered: {name} lines {', '.join(map(str, rows))}")
        failed = bool(report.failed or report.missing_tests or low)
        rego_line = (f"rego: {report.passed} passed, {len(report.failed)} failed, "
                     f"coverage {report.coverage:.1f}% (minimum {args.min_coverage:g}%)")
        if low:
            rego_line += " BELOW MINIMUM"
    results = run_scenarios(decider, load_scenarios(*[Path(p) for p in args.paths]))
    for r in results:
        if not r.ok:
            print(f"FAIL scenario {r.name}")
            for problem in r.problems:
                print(f"     {problem}")
        elif args.verbose:
            print(f"ok   scenario {r.name}")
    bad = sum(not r.ok for r in results)
    failed = failed or bad > 0 or not results
    print(f"{rego_line} · scenarios: {len(results) - bad} passed, {bad} failed")
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("test", help="run the Rego unit tests and the YAML scenarios")
    p.add_argument("paths", nargs="*", help="scenario files or folders (default tests/scenarios)")
    p.add_argument("--min-coverage", type=float, default=95.0, help="least Rego coverage in %% (default 95)")
    p.add_argument("--opa", help="the OPA binary (default: OSD_OPA, the project's build, or PATH)")
    p.add_argument("--scenarios-only", action="store_true", help="skip the Rego tests (no OPA needed)")
    p.add_argument("-v", "--verbose", action="store_true", help="list passing scenarios too")
    p.set_defaults(func=cmd_test)
