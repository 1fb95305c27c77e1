"""What a candidate bundle would change in the answers given: each logged
request decided again under the candidate, on its own dates, and compared with
the decision as it was answered, on what a requester acts on: the outcome,
the route, every due date, the conditions and the articles relied on.

A decision logged under another revision than the served one is compared as
logged too: the report counts the revisions it read, so a reviewer sees when
a change comes from an earlier revision rather than from the candidate.
"""

from __future__ import annotations

from collections import Counter

#: What is compared, and how each is read off a decision.
ASPECTS = {
    "outcome": "permit, apply, deny, incomplete or not_applicable",
    "route": "how the data is obtained",
    "due": "the due date of the decision and of every step of its timeline",
    "conditions": "the conditions' codes",
    "articles": "the articles relied on (basis refs)",
}
EXAMPLES_PER_GROUP = 5


def aspects(decision: dict) -> dict:
    """The compared parts of a decision, each as a plain value."""
    deadline = decision.get("deadline") or {}
    return {
        "outcome": decision.get("outcome"),
        "route": decision.get("route"),
        "due": {"deadline": deadline.get("due"), **{s["key"]: s.get("due") for s in decision.get("timeline") or []}},
        "conditions": sorted(c["code"] for c in decision.get("conditions") or []),
        "articles": sorted(b["ref"] for b in decision.get("basis") or []),
    }


def changes(logged: dict, candidate: dict) -> list[dict]:
    """Each aspect that differs, with its logged and candidate values (for ``due``, only the dates that moved)."""
    out = []
    for name in ASPECTS:
        old, new = logged[name], candidate[name]
        if old == new:
            continue
        if name == "due":
            moved = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
            old, new = {k: old.get(k) for k in moved}, {k: new.get(k) for k in moved}
        out.append({"aspect": name, "logged": old, "candidate": new})
    return out


class Tally:
    """The report, added up one decision at a time."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], dict] = {}
        self.revisions: Counter[str] = Counter()
        self.decisions = self.changed = 0

    def add(self, decision_id: str, logged_at: str, jurisdiction: str, outcome: str, revision: str,
            found: list[dict]) -> None:
        self.decisions += 1
        self.revisions[revision] += 1
        group = self.groups.setdefault((jurisdiction, outcome), {
            "jurisdiction": jurisdiction, "outcome": outcome, "decisions": 0, "changed": 0,
            "by_aspect": Counter(), "outcome_to": Counter(), "examples": []})
        group["decisions"] += 1
        if not found:
            return
        self.changed += 1
        group["changed"] += 1
        for change in found:
            group["by_aspect"][change["aspect"]] += 1
            if change["aspect"] == "outcome":
                group["outcome_to"][change["candidate"]] += 1
        if len(group["examples"]) < EXAMPLES_PER_GROUP:
            group["examples"].append({"decision_id": decision_id, "logged_at": logged_at, "changes": found})

    def report(self) -> dict:
        groups = sorted(self.groups.values(), key=lambda g: (g["jurisdiction"], g["outcome"]))
        return {
            "decisions": self.decisions, "changed": self.changed,
            "logged_revisions": dict(self.revisions.most_common()),
            "groups": [{**g, "by_aspect": {a: g["by_aspect"][a] for a in ASPECTS if g["by_aspect"][a]},
                        "outcome_to": dict(g["outcome_to"])} for g in groups],
        }
