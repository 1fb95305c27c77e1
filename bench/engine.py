"""Decisions per second of the embedded engine, in one process.

Decides a mixed set of requests (every scenario request: all five
jurisdictions, both actions, every outcome) round after round and prints the
median and p99 time per decision, for the policy evaluation alone and for the
whole decision (evaluation, calendar, citations, explanation), with the
decisions per second of one process.

    .venv/bin/python bench/engine.py [--rounds N] [--runner direct|opa-py-wasm|all]
"""

from __future__ import annotations

import argparse
import statistics
import time

from decision_service.answers.calendar import Calendar
from decision_service.answers.decide import Decider, normalize
from decision_service.answers.requests import validate_request
from decision_service.engine import RUNNERS, WasmEngine
from decision_service.store.bundle import load_bundle
from decision_service.store.scenarios import load_scenarios, request_of


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(fn, docs: list[dict], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for doc in docs:
            t0 = time.perf_counter()
            fn(doc)
            times.append((time.perf_counter() - t0) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    total_s = sum(times) / 1000
    print(f"{label:<22} n={len(times):>6}  median {statistics.median(times):6.3f} ms  "
          f"p99 {percentile(times, 99):6.3f} ms  {len(times) / total_s:8.0f} decisions/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--runner", choices=[*RUNNERS, "all"], default="all")
    args = parser.parse_args()
    bundle = load_bundle()
    requests = [validate_request(request_of(s)) for s in load_scenarios() if s["kind"] == "decision"]
    docs = [normalize(r) for r in requests]
    jurisdictions = sorted({r["jurisdiction"] for r in requests})
    print(f"{len(requests)} requests ({', '.join(jurisdictions)}; open and share; every outcome), "
          f"{args.rounds} rounds, bundle {bundle.revision}, one process")
    for runner in RUNNERS if args.runner == "all" else [args.runner]:
        decider = Decider(bundle, WasmEngine(bundle, runner=runner), Calendar.from_file())
        measure(decider.engine.evaluate, docs, 2)  # warm up
        print(f"engine {decider.engine.name}")
        report("  policy evaluation", measure(decider.engine.evaluate, docs, args.rounds))
        report("  whole decision", measure(decider.decide, requests, args.rounds))


if __name__ == "__main__":
    main()
