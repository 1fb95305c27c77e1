"""The ``osd`` command line: decide requests, test the rules, read them beside the law."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .bundle import JURISDICTIONS, BundleError
from .decide import Decider
from .engine import EngineError
from .requests import RequestError, validate_request
from .scenarios import ScenarioError


def _error(code: str, message: str, fields: dict | None = None) -> int:
    print(json.dumps({"error": {"code": code, "message": message, "fields": fields or {}}}, ensure_ascii=False), file=sys.stderr)
    return 2


def cmd_decide(args: argparse.Namespace) -> int:
    """One JSON object in → one decision out; JSON Lines in → one decision a line."""
    text = sys.stdin.read() if args.file in (None, "-") else Path(args.file).read_text(encoding="utf-8")
    stripped = text.strip()
    if not stripped:
        return _error("invalid_json", "no request given")
    try:
        docs = [json.loads(stripped)]
        lines = False
    except json.JSONDecodeError:
        lines = True
        docs = []
        for n, line in enumerate(stripped.splitlines(), 1):
            if not line.strip():
                continue
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                return _error("invalid_json", f"line {n}: {exc.msg}", {f"line {n}": [exc.msg]})
    requests = []
    for n, doc in enumerate(docs, 1):
        try:
            requests.append(validate_request(doc))
        except RequestError as exc:
            prefix = f"line {n}: " if lines else ""
            return _error("invalid_request", prefix + exc.message, exc.fields)
    decider = Decider.from_disk()
    for req in requests:
        decision = decider.decide(req)
        print(json.dumps(decision, ensure_ascii=False, indent=None if lines else 2))
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    """Rego unit tests (real OPA, with coverage) and YAML scenarios; one summary line."""
    from .regotest import find_opa, run_rego_tests
    from .scenarios import load_scenarios, run_scenarios

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


def _regulation_ids(name: str | None, bundle) -> list[str]:
    if name is None:
        return list(bundle.regulations)
    if name in bundle.regulations:
        return [name]
    if name in JURISDICTIONS:
        return [JURISDICTIONS[name]]
    raise ValueError(name)


def _coverage_report(decider: Decider) -> dict:
    from .coverage import article_statuses, tested_articles
    from .scenarios import load_scenarios, run_scenarios

    results = run_scenarios(decider, load_scenarios())
    tested = tested_articles((r.name, r.decision) for r in results if r.ok)
    return article_statuses(decider.bundle, tested)


def cmd_rules(args: argparse.Namespace) -> int:
    """Each article's cleaned text, then what encodes it and what tests it."""
    from .rules import article_of, rules_by_article

    decider = Decider.from_disk()
    bundle = decider.bundle
    try:
        reg_ids = _regulation_ids(args.jurisdiction, bundle)
    except ValueError:
        known = sorted(JURISDICTIONS) + sorted(bundle.regulations)
        return _error("invalid_request", f"unknown jurisdiction or regulation: {args.jurisdiction}",
                      {"jurisdiction": [f"one of {', '.join(known)}"]})
    statuses = {row.ref: row for rows in _coverage_report(decider).values() for row in rows}
    by_article = rules_by_article(bundle)
    out = []
    for reg_id in reg_ids:
        reg = bundle.regulations[reg_id]
        for art in reg["articles"]:
            if args.article is not None and art["number"] != args.article:
                continue
            ref = f"{reg_id}#{art['number']}"
            st = statuses[ref]
            out.append({
                "ref": ref, "label": art["label"], "chapter": art.get("chapter"),
                "text": art["text"], "items": art.get("items", []),
                "status": st.status, "out_of_scope": st.reason,
                "rules": [r.as_dict() for r in by_article.get(ref, [])],
                "cited_by": _merge_citations(st.citations),
                "tested_by": st.tested_by,
            })
    if args.format == "json":
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    current = None
    for a in out:
        reg_id = a["ref"].split("#")[0]
        if reg_id != current:
            current = reg_id
            reg = bundle.regulations[reg_id]
            print(f"\n== {reg['title']}  ({reg_id})\n")
        print(f"{a['label']}  [{a['ref']}]  {a['status']}")
        labels = tuple(item["label"] for item in a["items"])
        for line in a["text"].splitlines():
            print(" " * (8 if labels and line.startswith(labels) else 4) + line)
        if a["out_of_scope"]:
            print(f"    out of scope: {a['out_of_scope']}")
        for r in a["rules"]:
            refs = ", ".join(x.split("#")[1] for x in r["basis"] if article_of(x) == a["ref"])
            print(f"    rule      {r['path']}: {r['title']}  [{refs}]  ({r['file']}:{r['row']})")
        for c in a["cited_by"]:
            print(f"    {c['kind']:<9} {c['where']}  [{', '.join(x.split('#')[1] for x in c['refs'])}]")
        for name in a["tested_by"]:
            print(f"    tested    {name}")
        print()
    return 0


def _merge_citations(citations: list) -> list[dict]:
    """Non-rule citations, one per place, with the refs (article or items) it cites."""
    merged: dict[tuple[str, str], list[str]] = {}
    for c in citations:
        if c.kind != "rule":
            refs = merged.setdefault((c.kind, c.where), [])
            if c.ref not in refs:
                refs.append(c.ref)
    return [{"kind": k, "where": w, "refs": refs} for (k, w), refs in merged.items()]


def cmd_coverage(args: argparse.Namespace) -> int:
    """Per regulation: each article encoded and tested, or out of scope with a reason."""
    from .coverage import problems

    decider = Decider.from_disk()
    report = _coverage_report(decider)
    if args.format == "json":
        doc = {reg: [{"ref": r.ref, "label": r.label, "status": r.status, "reason": r.reason,
                      "encoded_by": sorted({c.where for c in r.citations}), "tested_by": r.tested_by}
                     for r in rows] for reg, rows in report.items()}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for reg_id, rows in report.items():
            counts = {k: sum(r.status == k for r in rows) for k in ("encoded", "out_of_scope")}
            print(f"{reg_id}: {len(rows)} articles, {counts['encoded']} encoded and tested, "
                  f"{counts['out_of_scope']} out of scope")
            if args.verbose:
                for r in rows:
                    detail = r.reason if r.status == "out_of_scope" else f"{len(r.tested_by)} scenarios"
                    print(f"    {r.label:<8} {r.status:<13} {detail}")
    gaps = problems(report)
    for line in gaps:
        print(f"GAP {line}")
    return 1 if gaps else 0


def cmd_sources(args: argparse.Namespace) -> int:
    """Regenerate (write) or compare (check) the cleaned articles from the seeds."""
    from .bundle import ROOT
    from .sources import SEED_FILES, SEEDS_DIR, check_regulation, write_regulation

    seeds = Path(args.seeds) if args.seeds else SEEDS_DIR
    if not seeds.is_dir():
        return _error("invalid_request", f"no seed folder at {seeds}", {"seeds": ["not a folder"]})
    status = 0
    for reg_id in sorted(SEED_FILES):
        path = ROOT / "regulations" / f"{reg_id}.yaml"
        if args.action == "write":
            changed = write_regulation(path, reg_id, seeds)
            print(f"{reg_id}: {'rewritten' if changed else 'unchanged'}")
        else:
            diff = check_regulation(path, reg_id, seeds)
            print(f"{reg_id}: {'differs from the seed' if diff else 'matches the seed'}")
            for line in diff[:20]:
                print(f"    {line}")
            status = status or (1 if diff else 0)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="osd", description="Decisions on opening and sharing public data")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("decide", help="decide one request (JSON) or many (JSON Lines)")
    p.add_argument("file", nargs="?", help="request file, or - for standard input")
    p.set_defaults(func=cmd_decide)
    p = sub.add_parser("test", help="run the Rego unit tests and the YAML scenarios")
    p.add_argument("paths", nargs="*", help="scenario files or folders (default tests/scenarios)")
    p.add_argument("--min-coverage", type=float, default=95.0, help="least Rego coverage in %% (default 95)")
    p.add_argument("--opa", help="the OPA binary (default: OSD_OPA, the project's build, or PATH)")
    p.add_argument("--scenarios-only", action="store_true", help="skip the Rego tests (no OPA needed)")
    p.add_argument("-v", "--verbose", action="store_true", help="list passing scenarios too")
    p.set_defaults(func=cmd_test)
    p = sub.add_parser("rules", help="articles with their text, what encodes them and what tests them")
    p.add_argument("jurisdiction", nargs="?", help="a jurisdiction (wuxi, ...) or regulation id; default all")
    p.add_argument("--article", type=int, help="only this article number")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_rules)
    p = sub.add_parser("coverage", help="per regulation: every article encoded and tested, or out of scope")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("-v", "--verbose", action="store_true", help="one line per article")
    p.set_defaults(func=cmd_coverage)
    p = sub.add_parser("sources", help="regenerate or check the cleaned articles from ../shared/seeds")
    p.add_argument("action", choices=["check", "write"])
    p.add_argument("--seeds", help="the seed folder (default ../shared/seeds or OSD_SEEDS_DIR)")
    p.set_defaults(func=cmd_sources)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader (e.g. ``head``) stopped early
        sys.stderr.close()
        return 0
    except ScenarioError as exc:
        print(json.dumps({"error": {"code": "invalid_scenario", "message": str(exc), "fields": {}}},
                         ensure_ascii=False), file=sys.stderr)
        return 2
    except (BundleError, EngineError) as exc:
        print(json.dumps({"error": {"code": "bundle_error", "message": str(exc), "fields": {}}}, ensure_ascii=False), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
