"""Reviewer-readable scenarios: a request and the parts of the decision expected.

A scenario file (tests/scenarios/*.yaml) holds a list of scenarios, each with a
name, the articles it tests (the decision must rest on each), a request and ``expect``: outcome, route,
deadline fields, missing, codes of conditions/obligations/remedies, and
articles the basis must include. Only what is written is checked, so a
reviewer states exactly what the text requires.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .bundle import ROOT, plain
from .requests import RequestError, validate_request

if TYPE_CHECKING:
    from .decide import Decider

SCENARIO_DIR = ROOT / "tests" / "scenarios"


class ScenarioError(Exception):
    """A scenario file that cannot be read (never a failed expectation)."""


def scenario_files(paths: list[Path] | None = None) -> list[Path]:
    """The YAML files named, or found in the folders named (default tests/scenarios)."""
    files: list[Path] = []
    for path in paths or [SCENARIO_DIR]:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return files


def load_scenarios(*paths: Path) -> list[dict]:
    """Every scenario of the given files or folders, each tagged with its file name."""
    out = []
    for path in scenario_files(list(paths)):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ScenarioError(f"{path}: {exc}") from exc
        if not isinstance(doc, dict) or not isinstance(doc.get("scenarios"), list):
            raise ScenarioError(f"{path}: expected a mapping with a list under 'scenarios'")
        for n, sc in enumerate(doc["scenarios"]):
            if not isinstance(sc, dict) or not {"name", "request", "expect"} <= set(sc):
                raise ScenarioError(f"{path}: scenario {n + 1} needs name, request and expect")
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


@dataclass
class ScenarioResult:
    scenario: dict
    decision: dict | None
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.scenario['file']}: {self.scenario['name']}"

    @property
    def ok(self) -> bool:
        return not self.problems


def run_scenarios(decider: Decider, scenarios: list[dict]) -> list[ScenarioResult]:
    """Validate each scenario's request as a client's would be, decide it, compare."""
    results = []
    for sc in scenarios:
        try:
            request = validate_request(request_of(sc))
        except RequestError as exc:
            fields = "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in exc.fields.items())
            results.append(ScenarioResult(sc, None, [f"invalid request: {fields or exc.message}"]))
            continue
        decision = decider.decide(request)
        results.append(ScenarioResult(sc, decision, check(sc, decision)))
    return results
