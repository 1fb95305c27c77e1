"""Reviewer-readable scenarios: a request and the parts of the decision expected.

A scenario file (tests/scenarios/*.yaml) holds a list of scenarios, each with a
name, the articles it tests (the decision must rest on each), a request and ``expect``: outcome, route,
deadline fields, missing, codes of conditions/obligations/remedies, and
articles the basis must include. Only what is written is checked, so a
reviewer states exactly what the text requires.
"""

from __future__ import annotations

from pathlib import Path
import yaml

from .bundle import ROOT, plain

SCENARIO_DIR = ROOT / "tests" / "scenarios"


def load_scenarios(directory: Path = SCENARIO_DIR) -> list[dict]:
    out = []
    for path in sorted(directory.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for sc in doc["scenarios"]:
            sc = dict(sc)
            sc["file"] = path.name
            out.append(sc)
    return out


def request_of(scenario: dict) -> dict:
    return plain(scenario["request"])


def rests_on(refs: set[str], ref: str) -> bool:
    """Whether a decision's basis holds ``ref``, or an item of it when ``ref`` is an article."""
    return ref in refs or any(r.startswith(ref + ".") for r in refs)


def check(scenario: dict, decision: dict) -> list[str]:
    """The ways ``decision`` differs from what the scenario expects."""
    exp = plain(scenario["expect"])
    problems = []
    for key in ("outcome", "route", "binding", "calendar_confirmed"):
        if key in exp and decision[key] != exp[key]:
            problems.append(f"{key}: expected {exp[key]!r}, got {decision[key]!r}")
    if "missing" in exp and sorted(decision["missing"]) != sorted(exp["missing"]):
        problems.append(f"missing: expected {exp['missing']}, got {decision['missing']}")
    for key in ("conditions", "obligations", "remedies"):
        if key in exp:
            got = sorted({t["code"] for t in decision[key]})
            if got != sorted(exp[key]):
                problems.append(f"{key}: expected {sorted(exp[key])}, got {got}")
    if "deadline" in exp:
        if exp["deadline"] is None:
            if decision["deadline"] is not None:
                problems.append(f"deadline: expected none, got {decision['deadline']}")
        elif decision["deadline"] is None:
            problems.append("deadline: expected one, got none")
        else:
            for k, v in exp["deadline"].items():
                if decision["deadline"].get(k) != v:
                    problems.append(f"deadline.{k}: expected {v!r}, got {decision['deadline'].get(k)!r}")
    if "timeline_due" in exp:
        got = [s["due"] for s in decision["timeline"]]
        if got != exp["timeline_due"]:
            problems.append(f"timeline dues: expected {exp['timeline_due']}, got {got}")
    refs = {b["ref"] for b in decision["basis"]}
    for ref in exp.get("basis_includes", []):
        if ref not in refs:
            problems.append(f"basis lacks {ref}")
    for ref in scenario.get("articles", []):
        if not rests_on(refs, ref):
            problems.append(f"tests {ref}, but the decision does not rest on it")
    notes = {n["code"] for n in decision["notes"]}
    for code in exp.get("notes_include", []):
        if code not in notes:
            problems.append(f"notes lack {code}")
    regs = [r["id"] for r in decision["regulations"]]
    if "regulations" in exp and regs != exp["regulations"]:
        problems.append(f"regulations: expected {exp['regulations']}, got {regs}")
    return problems
