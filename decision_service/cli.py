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
from .coverage import report as coverage_report
from .scenarios import ScenarioError


def _error(code: str, message: str, fields: dict | None = None) -> int:
    print(json.dumps({"error": {"code": code, "message": message, "fields": fields or {}}}, ensure_ascii=False), file=sys.stderr)
    return 2


class InputError(Exception):
    """Input the CLI cannot use: exit 2 with the contract's error on stderr."""

    def __init__(self, code: str, message: str, fields: dict | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.fields = code, message, fields or {}


def _read(file: str | None) -> str:
    if file in (None, "-"):
        return sys.stdin.read()
    try:
        return Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError("invalid_request", f"cannot read {file}: {exc.strerror}", {"file": [str(exc.strerror)]}) from None


def _json_docs(text: str) -> tuple[list, bool]:
    """One JSON object, or JSON Lines (then ``lines`` is true)."""
    stripped = text.strip()
    if not stripped:
        raise InputError("invalid_json", "no request given")
    try:
        return [json.loads(stripped)], False
    except json.JSONDecodeError:
        pass
    docs = []
    for n, line in enumerate(stripped.splitlines(), 1):
        if not line.strip():
            continue
        try:
            docs.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError("invalid_json", f"line {n}: {exc.msg}", {f"line {n}": [exc.msg]}) from None
    return docs, True


def _validated(docs: list, lines: bool, validator) -> list[dict]:
    out = []
    for n, doc in enumerate(docs, 1):
        try:
            out.append(validator(doc))
        except RequestError as exc:
            prefix = f"line {n}: " if lines else ""
            raise InputError("invalid_request", prefix + exc.message, exc.fields) from None
    return out


def _emit(obj: dict, lines: bool) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=None if lines else 2))


def cmd_decide(args: argparse.Namespace) -> int:
    """One JSON object in → one decision out; JSON Lines in → one decision a line."""
    docs, lines = _json_docs(_read(args.file))
    requests = _validated(docs, lines, validate_request)
    decider = Decider.from_disk()
    for req in requests:
        _emit(decider.decide(req), lines)
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    """Classification (contract §4): JSON, JSON Lines, or a CSV catalogue.

    A CSV catalogue is read, validated and classified on one process per CPU
    and written as CSV (one row per dataset and jurisdiction); nothing is
    written unless every row is valid. A progress bar shows on a terminal and
    a summary ends the run.
    """
    import shutil
    import tempfile
    import time

    from .catalogue import classify_all, classify_csv_rows, read_csv, rows_of, write_csv
    from .requests import validate_classification

    text = _read(args.file)
    as_csv = args.input_format == "csv" or (args.input_format is None and str(args.file).lower().endswith(".csv"))
    out_csv = args.format == "csv" or (args.format is None and as_csv)
    tally = {"lawful": 0, "unlawful": 0, "undetermined": 0, "no class declared": 0}
    started = time.perf_counter()

    def count(row_open: dict) -> None:
        declared, lawful = row_open.get("declared"), row_open.get("lawful")
        tally["no class declared" if declared is None else "lawful" if lawful is True
              else "unlawful" if lawful is False else "undetermined"] += 1

    if as_csv and out_csv and not args.jurisdiction:
        total = max(text.count("\n") - 1, 0)
        progress = Progress(total * 5, enabled=sys.stderr.isatty())

        def rows():
            for row in classify_csv_rows(text, workers=args.workers):
                count({"declared": row["open_declared"], "lawful": row["open_lawful"]})
                progress.step()
                yield row

        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
            try:
                write_csv(rows(), spool)
            except RequestError as exc:
                progress.done()
                raise InputError("invalid_request", exc.message, exc.fields) from None
            progress.done()
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout)
        datasets = sum(tally.values()) // 5
    else:
        if as_csv:
            try:
                requests = read_csv(text)
            except RequestError as exc:
                raise InputError("invalid_request", exc.message, exc.fields) from None
            lines = True
        else:
            docs, lines = _json_docs(text)
            requests = _validated(docs, lines, validate_classification)
        if args.jurisdiction:
            requests = [{**r, "jurisdiction": None, "jurisdictions": args.jurisdiction} for r in requests]
        progress = Progress(len(requests), enabled=sys.stderr.isatty() and len(requests) > 1)

        def answers():
            for answer in classify_all(requests, workers=args.workers):
                for r in answer["results"]:
                    count(r.get("open") or {})
                progress.step()
                yield answer

        if out_csv:
            write_csv((row for answer in answers() for row in rows_of(answer)), sys.stdout)
        else:
            for answer in answers():
                _emit(answer, lines)
        progress.done()
        datasets = len(requests)
    elapsed = time.perf_counter() - started
    results = sum(tally.values())
    if as_csv or datasets > 1:
        print(f"classified {datasets} datasets, {results} results in {elapsed:.1f} s "
              f"({results / elapsed if elapsed else 0:.0f} results/s); declared open class: "
              + ", ".join(f"{v} {k}" for k, v in tally.items()), file=sys.stderr)
    return 0


class Progress:
    """A one-line progress bar on stderr, for a terminal only."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.n = total, enabled, 0

    def step(self) -> None:
        self.n += 1
        if self.enabled and (self.n % 50 == 0 or self.n == self.total):
            filled = int(30 * self.n / self.total)
            print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.n}/{self.total}", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.enabled:
            print(file=sys.stderr)


def _time_word_scan(args: argparse.Namespace) -> int:
    """Every time word of the cleaned texts: covered by a limit, by the dates of a
    version, or listed as not a limit with a reason; exit 1 if one is uncovered."""
    from .bundle import load_bundle
    from .timewords import scan, summary, unused_not_limits

    bundle = load_bundle()
    rows = summary(bundle.regulations)
    bad = [line for reg in bundle.regulations.values() for line in unused_not_limits(reg)]
    if args.format == "json":
        doc = {reg: {**{k: v for k, v in row.items() if k != "uncovered"},
                     "uncovered": [{"ref": o.ref, "word": o.word, "context": o.context} for o in row["uncovered"]],
                     "words": [{"ref": o.ref, "word": o.word, "context": o.context, "covered_by": o.covered_by}
                               for o in scan(bundle.regulations[reg])] if args.verbose else None}
               for reg, row in rows.items()}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for reg_id, row in rows.items():
            print(f"{reg_id}: {row['occurrences']} time words; {row['by_limit']} in limits, {row['by_dates']} in "
                  f"the dates in force, {row['not_limits']} not limits; {len(row['uncovered'])} uncovered; "
                  f"{row['limits']} limits encoded")
            if args.verbose:
                for o in scan(bundle.regulations[reg_id]):
                    print(f"    {o.ref:<24} {o.word:<4} …{o.context}…  ← {'; '.join(o.covered_by) or 'UNCOVERED'}")
    uncovered = [o for row in rows.values() for o in row["uncovered"]]
    for o in uncovered:
        print(f"UNCOVERED {o.ref} {o.word}: …{o.context}…")
    for line in bad:
        print(f"BAD {line}")
    return 1 if uncovered or bad else 0


def cmd_deadline(args: argparse.Namespace) -> int:
    """Time limits of an event (contract §5), from flags or a JSON request."""
    from .deadlines import Deadlines
    from .requests import validate_deadline

    if args.event or args.date:
        doc = {k: v for k, v in {"event": args.event, "date": args.date, "as_of": args.as_of}.items() if v}
        if args.jurisdiction:
            doc["jurisdictions"] = args.jurisdiction
        docs, lines = [doc], False
    else:
        docs, lines = _json_docs(_read(args.file))
    requests = _validated(docs, lines, validate_deadline)
    deadlines = Deadlines(Decider.from_disk())
    for req in requests:
        answer = deadlines.deadlines(req)
        if args.format == "table":
            print(_deadline_table(answer))
        else:
            _emit(answer, lines)
    return 0


def _deadline_table(answer: dict) -> str:
    """Per jurisdiction, each path (alternatives or all) and its limits: the
    due date or "≥" the earliest day, the count, the duty and its articles."""
    from .counting import short, when

    out = [f"{answer['event']} on {answer['date']}"]
    for r in answer["results"]:
        head = f"\n{r['jurisdiction']}: {r['outcome']}"
        if r["governing"]:
            head += f" ({r['governing']}{'' if r['binding'] else ', not binding'})"
        if len(r["paths"]) > 1:
            head += "; one of these paths applies" if r["relation"] == "alternatives" else "; each of these holds"
        out.append(head)
        for p in r["paths"]:
            if len(r["paths"]) > 1:
                out.append(f"  [{p['key']}] {p['when']['en']}")
            for limit in p["limits"]:
                refs = ", ".join(limit["basis"])
                out.append(f"    {when(limit):<12}  {short(limit)[1]}: {limit['text']}  [{refs}]")
        if r["outcome"] == "not_stated":
            out.append("  " + r["explanation"]["en"])
    return "\n".join(out)


def cmd_compare(args: argparse.Namespace) -> int:
    """One request decided under every jurisdiction, side by side (contract §3)."""
    from .compare import compare, table
    from .render import render

    docs, _ = _json_docs(_read(args.file))
    if len(docs) != 1:
        raise InputError("invalid_request", "compare takes one request", {"(root)": ["one JSON object"]})
    try:
        comparison = compare(Decider.from_disk(), docs[0])
    except RequestError as exc:
        raise InputError("invalid_request", exc.message, exc.fields) from None
    if args.format == "json":
        _emit(comparison, False)
    else:
        print(render(table(comparison), args.format))
    return 0


def cmd_matrix(args: argparse.Namespace) -> int:
    """The encoded parameters of the five jurisdictions side by side, each citing its articles."""
    from .bundle import load_bundle
    from .decide import today_shanghai
    from .matrix import build, table
    from .render import render

    matrix = build(load_bundle(), args.as_of or today_shanghai())
    if args.format == "json":
        _emit(matrix, False)
    else:
        print(render(table(matrix), args.format))
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
    statuses = {row.ref: row for rows in coverage_report(decider).values() for row in rows}
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

    if args.time_limits:
        return _time_word_scan(args)
    decider = Decider.from_disk()
    report = coverage_report(decider)
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


def cmd_serve(args: argparse.Namespace) -> int:
    """The decision service under gunicorn (Flask's dev server with --dev)."""
    from .server import default_workers, serve

    serve(args.host, args.port, args.workers or default_workers(), args.threads, dev=args.dev)
    return 0


def _sessions():
    from .db import make_engine, sessions, upgrade

    engine = make_engine()
    upgrade(engine)
    return sessions(engine)


def cmd_keys(args: argparse.Namespace) -> int:
    """Create (prints the key once), list or revoke API keys."""
    from .db import keys

    s = _sessions()
    if args.action == "create":
        if not args.name or not args.role:
            raise InputError("invalid_request", "keys create needs --name and --role",
                             {"name": ["required"], "role": [f"one of {', '.join(keys.ROLES)}"]})
        try:
            key = keys.create(s, args.name, args.role)
        except ValueError as exc:
            raise InputError("invalid_request", str(exc), {"name": [str(exc)]}) from None
        print(key)
        print(f"key for {args.name} ({args.role}); it is shown only now", file=sys.stderr)
    elif args.action == "list":
        for k in keys.listing(s):
            state = f"revoked {k['revoked_at']}" if k["revoked_at"] else "active"
            print(f"{k['name']:<24} {k['role']:<9} {k['prefix']}…  created {k['created_at']}  {state}")
    else:
        if not args.name:
            raise InputError("invalid_request", "keys revoke needs --name", {"name": ["required"]})
        if not keys.revoke(s, args.name):
            raise InputError("not_found", f"no active key named {args.name}", {"name": ["unknown or revoked"]})
        print(f"revoked {args.name}", file=sys.stderr)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    """Replay a logged decision under the current bundle, showing any difference."""
    from .db import log as decision_log
    from .web.resources.decisions import replay_entry

    entry = decision_log.get(_sessions(), args.decision_id)
    if entry is None:
        raise InputError("not_found", f"no decision {args.decision_id} in the log", {"decision_id": ["unknown"]})
    result = replay_entry(Decider.from_disk(), entry)
    if args.format == "json":
        _emit(result, False)
    else:
        print(f"decision {result['decision_id']}: logged under {result['logged_revision']}, "
              f"now {result['current_revision']}")
        if result["same"]:
            print("the current bundle gives the same decision")
        for d in result["differences"]:
            print(f"  {d['path']}: logged {json.dumps(d['logged'], ensure_ascii=False)} → now {json.dumps(d['now'], ensure_ascii=False)}")
    return 0 if result["same"] else 3


def cmd_db(args: argparse.Namespace) -> int:
    """Apply the database migrations (the service also does at start)."""
    from .db import database_url

    _sessions()
    url = database_url()
    print(f"database at {url.split('@')[-1]} is at the newest schema", file=sys.stderr)
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    """build: write the OPA bundle (.tar.gz); accept: check the bundle on disk
    and make it the one the service serves (prints the verdict as JSON)."""
    from dataclasses import asdict

    if args.action == "build":
        from .bundle import load_bundle
        from .opabundle import build

        bundle = load_bundle()
        archive = build(bundle)
        out = Path(args.output or "bundle.tar.gz")
        out.write_bytes(archive)
        print(f"wrote {out} (revision {bundle.revision}, {len(archive)} bytes)", file=sys.stderr)
        return 0

    from .bundles import accept, current_revision
    from .db import data_dir

    import os

    from .bundle import ROOT

    verdict = accept(data_dir(), Path(os.environ.get("OSD_BUNDLE_SOURCE") or ROOT))
    _emit({**asdict(verdict), "serving": current_revision(data_dir())}, False)
    return 0 if verdict.accepted else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="osd", description="Decisions on opening and sharing public data")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("decide", help="decide one request (JSON) or many (JSON Lines)")
    p.add_argument("file", nargs="?", help="request file, or - for standard input")
    p.set_defaults(func=cmd_decide)
    p = sub.add_parser("classify", help="classify datasets under each jurisdiction (JSON, JSON Lines or CSV)")
    p.add_argument("file", nargs="?", help="request file (.json, .jsonl, .csv), or - for standard input")
    p.add_argument("--input-format", choices=["json", "csv"], help="default: csv for a .csv file, else json")
    p.add_argument("--format", choices=["json", "csv"], help="default: csv for CSV input, else json")
    p.add_argument("--jurisdiction", action="append", choices=list(JURISDICTIONS), help="only these (repeatable)")
    p.add_argument("--workers", type=int, help="processes for large catalogues (default: one per CPU)")
    p.set_defaults(func=cmd_classify)
    p = sub.add_parser("deadline", help="the time limits the texts attach to an event")
    p.add_argument("file", nargs="?", help="a JSON request {event, date, jurisdiction}, or - (or use the flags)")
    p.add_argument("--event")
    p.add_argument("--date", help="the event's date, YYYY-MM-DD")
    p.add_argument("--as-of", help="the date whose texts apply (default: the event's date)")
    p.add_argument("--jurisdiction", action="append", choices=list(JURISDICTIONS), help="only these (repeatable)")
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.set_defaults(func=cmd_deadline)
    p = sub.add_parser("compare", help="decide one request under every jurisdiction, side by side")
    p.add_argument("file", nargs="?", help="a decision request without jurisdiction (or with jurisdictions), or -")
    p.add_argument("--format", choices=["table", "markdown", "csv", "json"], default="table")
    p.set_defaults(func=cmd_compare)
    p = sub.add_parser("matrix", help="the encoded parameters of every jurisdiction side by side")
    p.add_argument("--as-of", help="the date whose versions apply (default: today in Asia/Shanghai)")
    p.add_argument("--format", choices=["table", "markdown", "csv", "json"], default="table")
    p.set_defaults(func=cmd_matrix)
    p = sub.add_parser("serve", help="run the decision service (gunicorn; --dev for Flask's server)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, help="processes (default: one per CPU, at least 2)")
    p.add_argument("--threads", type=int, default=4, help="threads per process (default 4)")
    p.add_argument("--dev", action="store_true", help="Flask's development server, one process")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("keys", help="API keys: create (printed once), list, revoke")
    p.add_argument("action", choices=["create", "list", "revoke"])
    p.add_argument("--name")
    p.add_argument("--role", choices=["portal", "reviewer", "admin"])
    p.set_defaults(func=cmd_keys)
    p = sub.add_parser("log", help="the decision log: replay ID re-decides a logged request and shows differences")
    p.add_argument("action", choices=["replay"])
    p.add_argument("decision_id")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_log)
    p = sub.add_parser("bundle", help="build: the OPA bundle (.tar.gz); accept: check the bundle on disk and serve it")
    p.add_argument("action", choices=["build", "accept"])
    p.add_argument("-o", "--output", help="where build writes the archive (default bundle.tar.gz)")
    p.set_defaults(func=cmd_bundle)
    p = sub.add_parser("db", help="database schema: upgrade applies the migrations")
    p.add_argument("action", choices=["upgrade"])
    p.set_defaults(func=cmd_db)
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
    p.add_argument("-v", "--verbose", action="store_true", help="one line per article (per time word with --time-limits)")
    p.add_argument("--time-limits", action="store_true",
                   help="the time-word scan: every 工作日, 日内, 及时, 立即, 定期, 每年, 提前, 公示, 限期 … accounted for")
    p.set_defaults(func=cmd_coverage)
    p = sub.add_parser("sources", help="regenerate or check the cleaned articles from ../shared/seeds")
    p.add_argument("action", choices=["check", "write"])
    p.add_argument("--seeds", help="the seed folder (default ../shared/seeds or OSD_SEEDS_DIR)")
    p.set_defaults(func=cmd_sources)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        return _error(exc.code, exc.message, exc.fields)
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
