"""Reviewer-readable scenarios: a request and the parts of the answer expected.

A scenario file holds a ``kind`` (``decision``, the default, for contract §1;
``classification`` for §4; ``deadline`` for §5) and a list of scenarios, each
with a name, the articles it tests (the answer must rest on each), a request
and ``expect``. Decisions: outcome, route, deadline fields, missing, codes of
conditions/obligations/remedies, articles the basis must include.
Classifications (one jurisdiction): fields of ``open`` and ``share``, the
change's ``allowed``/``requires``/``problems``, the catalogue's ``missing``.
Deadlines (one jurisdiction): ``outcome``, ``relation``, the ``paths`` (each
with its limits' fields, in order) or every limit in order (``limits``).
A decision may also expect its ``path`` and its ``timeline`` steps by key.
Only what is written is checked, so a reviewer states exactly what the text
requires. Files live in tests/scenarios/ and its classification/ and
deadlines/ folders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..answers.requests import RequestError, validate_classification, validate_deadline, validate_request
from .bundle import ROOT, plain

if TYPE_CHECKING:
    from ..answers.decide import Decider

SCENARIO_DIR = ROOT / "tests" / "scenarios"


class ScenarioError(Exception):
    """A scenario file that cannot be read (never a failed expectation)."""


def scenario_files(paths: list[Path] | None = None) -> list[Path]:
    """The YAML files named, or found in the folders named (default tests/scenarios)."""
    files: list[Path] = []
    for path in paths or [SCENARIO_DIR]:
        files.extend(sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
    return files


KINDS = ("decision", "classification", "deadline")


def _label(path: Path) -> str:
    """The file as a reviewer knows it: relative to tests/scenarios when inside it."""
    try:
        return str(path.resolve().relative_to(SCENARIO_DIR))
    except ValueError:
        return path.name


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
        kind = doc.get("kind", "decision")
        if kind not in KINDS:
            raise ScenarioError(f"{path}: kind must be one of {', '.join(KINDS)}")
        for n, sc in enumerate(doc["scenarios"]):
            if not isinstance(sc, dict) or not {"name", "request", "expect"} <= set(sc):
                raise ScenarioError(f"{path}: scenario {n + 1} needs name, request and expect")
            if kind != "decision" and not sc["request"].get("jurisdiction"):
                raise ScenarioError(f"{path}: scenario {n + 1} must name one jurisdiction")
            sc = dict(sc)
            sc["file"] = _label(path)
            sc["kind"] = kind
            out.append(sc)
    return out


def request_of(scenario: dict) -> dict:
    return plain(scenario["request"])


def rests_on(refs: set[str], ref: str) -> bool:
    """Whether a decision's basis holds ``ref``, or an item of it when ``ref`` is an article."""
    return ref in refs or any(r.startswith(ref + ".") for r in refs)


def check(scenario: dict, answer: dict) -> list[str]:
    """The ways ``answer`` differs from what the scenario expects."""
    kind = scenario.get("kind", "decision")
    if kind == "classification":
        return check_classification(scenario, answer)
    if kind == "deadline":
        return check_deadline(scenario, answer)
    return check_decision(scenario, answer)


def _common(scenario: dict, exp: dict, answer: dict) -> list[str]:
    """Articles, basis and notes, alike for every kind."""
    problems = []
    refs = {b["ref"] for b in answer["basis"]}
    for ref in exp.get("basis_includes", []):
        if ref not in refs:
            problems.append(f"basis lacks {ref}")
    for ref in scenario.get("articles", []):
        if not rests_on(refs, ref):
            problems.append(f"tests {ref}, but the answer does not rest on it")
    notes = {n["code"] for n in answer["notes"]}
    for code in exp.get("notes_include", []):
        if code not in notes:
            problems.append(f"notes lack {code}")
    for code in exp.get("notes_exclude", []):
        if code in notes:
            problems.append(f"notes hold {code}")
    for key in ("binding", "calendar_confirmed", "applies"):
        if key in exp and answer.get(key) != exp[key]:
            problems.append(f"{key}: expected {exp[key]!r}, got {answer.get(key)!r}")
    return problems


def _same(a: object, b: object) -> bool:
    """Equal, with lists compared as sets (the order of classes is not a rule)."""
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(str, a)) == sorted(map(str, b))
    return a == b


def check_classification(scenario: dict, r: dict) -> list[str]:
    exp = plain(scenario["expect"])
    problems = _common(scenario, exp, r)
    for part in ("open", "share"):
        for k, v in (exp.get(part) or {}).items():
            got = (r.get(part) or {}).get(k)
            if not _same(got, v):
                problems.append(f"{part}.{k}: expected {v!r}, got {got!r}")
    if "change" in exp:
        got = r.get("change")
        if exp["change"] is None or got is None:
            if exp["change"] != got:
                problems.append(f"change: expected {exp['change']!r}, got {got!r}")
        else:
            for k, v in exp["change"].items():
                value = [t["code"] for t in got["requires"]] if k == "requires" else got.get(k)
                if not _same(value, v):
                    problems.append(f"change.{k}: expected {v!r}, got {value!r}")
    if "catalogue_missing" in exp:
        got = [f["code"] for f in (r.get("catalogue") or {}).get("missing", [])]
        if not _same(got, exp["catalogue_missing"]):
            problems.append(f"catalogue missing: expected {exp['catalogue_missing']}, got {got}")
    return problems


def _check_limits(where: str, want: list[dict], got: list[dict]) -> list[str]:
    """Limits in order by key, and the fields written for each."""
    keys = [limit["key"] for limit in got]
    if [limit["key"] for limit in want] != keys:
        return [f"{where}: expected {[limit['key'] for limit in want]}, got {keys}"]
    problems = []
    for w, g in zip(want, got):
        for k, v in w.items():
            if g.get(k) != v:
                problems.append(f"{where} {w['key']}.{k}: expected {v!r}, got {g.get(k)!r}")
    return problems


def check_deadline(scenario: dict, r: dict) -> list[str]:
    """Outcome, relation, the paths (each with its limits) or all limits in order."""
    exp = plain(scenario["expect"])
    problems = _common(scenario, exp, r)
    for key in ("outcome", "relation"):
        if key in exp and r.get(key) != exp[key]:
            problems.append(f"{key}: expected {exp[key]!r}, got {r.get(key)!r}")
    if "paths" in exp:
        got = {p["key"]: p for p in r["paths"]}
        if [p["key"] for p in exp["paths"]] != [p["key"] for p in r["paths"]]:
            problems.append(f"paths: expected {[p['key'] for p in exp['paths']]}, got {list(got)}")
        for path in exp["paths"]:
            if path["key"] in got and "limits" in path:
                problems += _check_limits(f"path {path['key']}", path["limits"], got[path["key"]]["limits"])
    if "limits" in exp:
        problems += _check_limits("limits", exp["limits"], r["limits"])
    return problems


def check_decision(scenario: dict, decision: dict) -> list[str]:
    """The ways a decision differs from what the scenario expects."""
    exp = plain(scenario["expect"])
    problems = []
    problems += _common(scenario, exp, decision)
    for key in ("outcome", "route"):
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
    if "timeline" in exp:
        problems += _check_limits("timeline", exp["timeline"], decision["timeline"])
    if "path" in exp and decision.get("path") != exp["path"]:
        problems.append(f"path: expected {exp['path']!r}, got {decision.get('path')!r}")
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


VALIDATORS = {"decision": validate_request, "classification": validate_classification, "deadline": validate_deadline}


def answer(decider: Decider, kind: str, request: dict) -> dict:
    """The answer a scenario is checked against: a decision, or the one
    jurisdiction's classification or deadline result."""
    if kind == "classification":
        from ..answers.classify import Classifier

        return Classifier(decider).classify(request)["results"][0]
    if kind == "deadline":
        from ..answers.deadlines import Deadlines

        return Deadlines(decider).deadlines(request)["results"][0]
    return decider.decide(request)


def run_scenarios(decider: Decider, scenarios: list[dict]) -> list[ScenarioResult]:
    """Validate each scenario's request as a client's would be, answer it, compare."""
    results = []
    for sc in scenarios:
        kind = sc.get("kind", "decision")
        try:
            request = VALIDATORS[kind](request_of(sc))
        except RequestError as exc:
            fields = "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in exc.fields.items())
            results.append(ScenarioResult(sc, None, [f"invalid request: {fields or exc.message}"]))
            continue
        got = answer(decider, kind, request)
        results.append(ScenarioResult(sc, got, check(sc, got)))
    return results
