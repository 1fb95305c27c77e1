"""The impact of a candidate bundle over a large decision log, beside the
naive way (each logged decision replayed and diffed field by field, one
process, as ``osd log replay`` does one).

Fills a fresh SQLite log with ``--rows`` decisions (every decision scenario's
request received on each of many days, each asked ``--repeat`` times, as a
portal's catalogue pages ask again), builds a candidate that changes Wuxi's
15(三) limit from 10 to 12 working days, runs ``answers.impact_run.run`` over
the whole log with the CLI's progress bar, and prints rows per second, the
seconds for the log, the affected decisions found against those counted from
the log itself, and the ratio to the naive replay measured on a sample in the
same run.

    .venv/bin/python bench/impact.py [--rows 100000] [--repeat 2] [--workers 2] [--sample 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

# bench/http.py is beside this file: its folder must not shadow the standard library's http.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from decision_service.store.bundle import ROOT  # noqa: E402


def fill(sessions, rows: int, repeat: int) -> tuple[int, int]:  # noqa: ANN001
    """Log ``rows`` decisions; the number of distinct requests and of those that rest on Wuxi's reply step."""
    import sqlalchemy as sa

    from decision_service.answers.decide import Decider
    from decision_service.db import log as decision_log
    from decision_service.db.models import DecisionRecord
    from decision_service.store.scenarios import load_scenarios, request_of

    decider = Decider.from_disk()
    base = [request_of(s) for s in load_scenarios() if s["kind"] == "decision"]
    start, made, affected, key, seen = dt.date(2026, 1, 5), 0, 0, os.urandom(32), set()
    logged_at = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    batch: list[dict] = []
    while made < rows:
        request = dict(base[(made // repeat) % len(base)])
        day = (start + dt.timedelta(days=(made // repeat) // len(base) % 700)).isoformat()
        request["received_on"], request["as_of"] = day, max(request.get("as_of") or day, day)
        seen.add(json.dumps(request, sort_keys=True))
        decision = decider.decide(request)
        text = json.dumps(decision, ensure_ascii=False)
        rests = any(s["key"] == "reply_application" and s["due"] for s in decision["timeline"])
        for _ in range(min(repeat, rows - made)):
            row = decision_log.row(request, decision, text, "bench", None, key)
            batch.append({**row, "id": str(uuid.uuid4()), "created_at": logged_at + dt.timedelta(milliseconds=made)})
            made += 1
            affected += rests
        if len(batch) >= 5000 or made >= rows:
            with sessions.begin() as s:
                s.execute(sa.insert(DecisionRecord), batch)
            batch = []
            print(f"\rlogged {made:,}/{rows:,}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return len(seen), affected


def candidate(folder: Path) -> bytes:
    from decision_service.store.bundle import load_bundle
    from decision_service.store.opa_archive import build

    for part in ("regulations", "policies", "decision_service/engine/compiled"):
        shutil.copytree(ROOT / part, folder / part)
    path = folder / "regulations" / "wuxi-open.yaml"
    text = path.read_text(encoding="utf-8")
    old = "          count: working_days\n          n: 10\n          from: event\n          direction: after\n" \
          "          note: count_from_platform_receipt"
    assert text.count(old) == 1, "the Wuxi reply_application limit is not where the bench expects it"
    path.write_text(text.replace(old, old.replace("n: 10", "n: 12")), encoding="utf-8")
    return build(load_bundle(folder))


def naive(sessions, archive: bytes, sample: int) -> float:  # noqa: ANN001
    """Decisions per second of replaying logged decisions one by one under the candidate, diffed whole."""
    from decision_service.db import log as decision_log
    from decision_service.db.models import DecisionRecord
    from decision_service.store.candidate import compiled_for, decider, read_archive
    from decision_service.web.resources.decisions import replay_entry

    bundle = read_archive(archive)
    with tempfile.TemporaryDirectory() as work:
        d = decider(bundle, compiled_for(bundle, Path(work)))
        with sessions() as s:
            import sqlalchemy as sa

            entries = [decision_log.as_dict(r) for r in s.scalars(sa.select(DecisionRecord).limit(sample)).all()]
        started = time.perf_counter()
        for entry in entries:
            replay_entry(d, entry)
        return len(entries) / (time.perf_counter() - started)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=2, help="times each distinct request is logged")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--sample", type=int, default=2000, help="decisions the naive replay is timed on")
    args = p.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="osd-bench-impact-"))
    try:
        os.environ["OSD_DATA_DIR"] = str(folder)
        from decision_service.answers.impact_run import run
        from decision_service.cli.impact import Bar
        from decision_service.db import make_engine, sessions, upgrade

        engine = make_engine(f"sqlite:///{folder / 'log.sqlite3'}")
        upgrade(engine)
        made = sessions(engine)
        distinct, affected = fill(made, args.rows, args.repeat)
        archive = candidate(folder / "candidate")
        started = time.perf_counter()
        report = run(made, archive, workers=args.workers, progress=Bar())
        seconds = time.perf_counter() - started
        rate = report["decisions"] / seconds
        peer = naive(made, archive, args.sample)
        print(f"log: {report['decisions']:,} decisions ({distinct:,} distinct requests; each asked {args.repeat}× in a row)")
        print(f"impact, {args.workers} workers: {seconds:.1f} s, {rate:,.0f} decisions/s; "
              f"changed {report['changed']:,} (counted from the log: {affected:,})")
        print(f"naive replay, 1 process, {args.sample:,} sampled: {peer:,.0f} decisions/s; impact / naive: {rate / peer:.1f}×")
        verdict = "met" if seconds < 60 and report["changed"] == affected else "NOT met"
        print(f"target (100,000 decisions in under a minute, exactly the affected found): {verdict}")
        return 0 if verdict == "met" else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
