"""Which articles are encoded, which are tested, and which are out of scope.

An article is *encoded* when a Rego rule's METADATA names it, or a parameter,
a reading note or a version's dates cite it; it is *tested* when a scenario's
decision rests on it (the article, or one of its items, is in the decision's
basis). Every article must be encoded and tested, or listed out of scope with
a reason; an article listed out of scope that a rule or parameter still cites
is a contradiction and is reported as such. A body's name (``bodies``) may
quote an article that is out of scope: naming who acts does not encode that
article's duties. Reading notes may cite any article they explain.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .bundle import Bundle
from .rule_index import article_of, policy_rules


@dataclass
class Citation:
    """One place in the bundle that rests on an article."""

    kind: str  # rule | parameter | body | note | dates
    where: str
    ref: str


@dataclass
class ArticleStatus:
    ref: str
    label: str
    status: str  # encoded | out_of_scope | untested | unaccounted | contradiction
    citations: list[Citation] = field(default_factory=list)
    tested_by: list[str] = field(default_factory=list)
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("encoded", "out_of_scope")


def _walk_basis(value: object, where: str) -> Iterable[tuple[str, str]]:
    """(path, ref) for every ``basis`` / ``*_basis`` list inside a parameter tree."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            if (key == "basis" or str(key).endswith("_basis")) and isinstance(item, list):
                for ref in item:
                    yield where if key == "basis" else path.removesuffix("_basis"), ref
            else:
                yield from _walk_basis(item, path)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _walk_basis(item, f"{where}[{n}]")


def citations(bundle: Bundle) -> dict[str, list[Citation]]:
    """Article ref → every rule, parameter, note and date that cites it or its items."""
    found: list[Citation] = []
    for rule in policy_rules(bundle):
        for ref in rule.basis:
            found.append(Citation("rule", f"{rule.path} ({rule.title})", ref))
    for reg_id, reg in bundle.regulations.items():
        for version in reg["versions"]:
            for ref in version.get("dates_basis", []):
                found.append(Citation("dates", f"{reg_id} version {version['id']}", ref))
            for path, ref in _walk_basis(version.get("parameters", {}), ""):
                kind = "body" if path.startswith("bodies.") else "parameter"
                found.append(Citation(kind, f"{reg_id} {version['id']}: {path}", ref))
        for key, note in reg.get("notes", {}).items():
            for ref in note.get("basis", []):
                found.append(Citation("note", f"{reg_id} note {key}", ref))
    index: dict[str, list[Citation]] = {}
    for c in found:
        index.setdefault(article_of(c.ref), []).append(c)
    return index


def tested_articles(results: Iterable[tuple[str, dict]]) -> dict[str, list[str]]:
    """Article ref → names of the scenarios whose decision rests on it."""
    index: dict[str, list[str]] = {}
    for name, decision in results:
        for ref in {article_of(b["ref"]) for b in decision["basis"]}:
            index.setdefault(ref, []).append(name)
    return index


def report(decider, *scenario_paths) -> dict[str, list[ArticleStatus]]:  # noqa: ANN001
    """Article statuses with "tested" read off the scenarios (default tests/scenarios)
    that pass under ``decider``."""
    from .scenarios import load_scenarios, run_scenarios

    results = run_scenarios(decider, load_scenarios(*scenario_paths))
    return article_statuses(decider.bundle, tested_articles((r.name, r.decision) for r in results if r.ok))


def article_statuses(bundle: Bundle, tested: dict[str, list[str]]) -> dict[str, list[ArticleStatus]]:
    """Per regulation, the status of each of its articles in order."""
    cited = citations(bundle)
    report: dict[str, list[ArticleStatus]] = {}
    for reg_id, reg in bundle.regulations.items():
        reasons = {n: o["reason"] for o in reg.get("out_of_scope", []) for n in o["articles"]}
        rows = []
        for art in reg["articles"]:
            ref = f"{reg_id}#{art['number']}"
            cs = cited.get(ref, [])
            by = sorted(set(tested.get(ref, [])))
            reason = reasons.get(art["number"])
            binding = [c for c in cs if c.kind in ("rule", "parameter")]
            if reason and binding:
                status = "contradiction"
            elif reason:
                status = "out_of_scope"
            elif not cs:
                status = "unaccounted"
            elif not by:
                status = "untested"
            else:
                status = "encoded"
            rows.append(ArticleStatus(ref, art["label"], status, cs, by, reason))
        report[reg_id] = rows
    return report


def problems(report: dict[str, list[ArticleStatus]]) -> list[str]:
    """One line per article that is neither encoded and tested nor out of scope."""
    text = {
        "untested": "encoded but no scenario's decision rests on it",
        "unaccounted": "neither encoded nor listed out of scope",
        "contradiction": "listed out of scope but cited by {}",
    }
    out = []
    for rows in report.values():
        for row in rows:
            if row.ok:
                continue
            msg = text[row.status]
            if row.status == "contradiction":
                msg = msg.format(", ".join(c.where for c in row.citations if c.kind in ("rule", "parameter")))
            out.append(f"{row.ref} ({row.label}): {msg}")
    return out
