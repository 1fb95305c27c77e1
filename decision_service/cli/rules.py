"""``osd rules`` and ``osd coverage``: each article beside what encodes and tests it; coverage and the time-word scan."""

from __future__ import annotations

import argparse
import json

from ..answers.decide import Decider
from ..store.bundle import JURISDICTIONS
from ..store.coverage import report as coverage_report
from .streams import error


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
    from ..store.rule_index import article_of, rules_by_article

    decider = Decider.from_disk()
    bundle = decider.bundle
    try:
        reg_ids = _regulation_ids(args.jurisdiction, bundle)
    except ValueError:
        known = sorted(JURISDICTIONS) + sorted(bundle.regulations)
        return error("invalid_request", f"unknown jurisdiction or regulation: {args.jurisdiction}",
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
    from ..store.coverage import problems

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


def _time_word_scan(args: argparse.Namespace) -> int:
    """Every time word of the cleaned texts: covered by a limit, by the dates of a
    version, or listed as not a limit with a reason; exit 1 if one is uncovered."""
    from ..store.bundle import load_bundle
    from ..store.timewords import summary, unused_not_limits

    bundle = load_bundle()
    rows = summary(bundle.regulations)
    bad = [line for reg in bundle.regulations.values() for line in unused_not_limits(reg)]
    if args.format == "json":
        doc = {reg: {**{k: v for k, v in row.items() if k not in ("uncovered", "words")},
                     "uncovered": [{"ref": o.ref, "word": o.word, "context": o.context} for o in row["uncovered"]],
                     "words": [{"ref": o.ref, "word": o.word, "context": o.context, "covered_by": o.covered_by}
                               for o in row["words"]] if args.verbose else None}
               for reg, row in rows.items()}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for reg_id, row in rows.items():
            print(f"{reg_id}: {row['occurrences']} time words; {row['by_limit']} in limits, {row['by_dates']} in "
                  f"the dates in force, {row['not_limits']} not limits; {len(row['uncovered'])} uncovered; "
                  f"{row['limits']} limits encoded")
            if args.verbose:
                for o in row["words"]:
                    print(f"    {o.ref:<24} {o.word:<4} …{o.context}…  ← {'; '.join(o.covered_by) or 'UNCOVERED'}")
    uncovered = [o for row in rows.values() for o in row["uncovered"]]
    for o in uncovered:
        print(f"UNCOVERED {o.ref} {o.word}: …{o.context}…")
    for line in bad:
        print(f"BAD {line}")
    return 1 if uncovered or bad else 0


def register(sub: argparse._SubParsersAction) -> None:
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
