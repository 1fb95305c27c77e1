"""One request decided under every jurisdiction, side by side (contract §3).

Each jurisdiction's decision is the one ``osd decide`` gives; this module only
lays them next to each other, so a difference in the table is a difference in
the texts.
"""

from __future__ import annotations

import uuid

from ..store.bundle import JURISDICTIONS
from .counting import short, when
from .decide import Decider
from .render import Table
from .requests import JURISDICTIONS as KNOWN
from .requests import RequestError, validate_request
from .words import WORDS

OUTCOME_ZH = {code: zh for code, (zh, _en, _words) in WORDS["outcome"].items()}


def requests_for(doc: object) -> list[dict]:
    """The request once per jurisdiction (those in ``jurisdictions``, else all
    five), each validated as a decision request."""
    if not isinstance(doc, dict):
        raise RequestError("the request must be a JSON object", {"(root)": ["not an object"]})
    body = dict(doc)
    names = body.pop("jurisdictions", None)
    ignored = body.pop("jurisdiction", None)
    if ignored is not None and ignored not in KNOWN:
        raise RequestError(f"jurisdiction: Must be one of: {', '.join(KNOWN)}.",
                           {"jurisdiction": [f"Must be one of: {', '.join(KNOWN)}."]})
    if names is None:
        names = list(JURISDICTIONS)
    if not isinstance(names, list) or not names or any(n not in KNOWN for n in names):
        raise RequestError("jurisdictions: a non-empty list of known jurisdictions",
                           {"jurisdictions": [f"a list drawn from {', '.join(KNOWN)}"]})
    return [validate_request({**body, "jurisdiction": name}) for name in dict.fromkeys(names)]


def compare(decider: Decider, doc: object, today: str | None = None) -> dict:
    """Every jurisdiction's decision for the same request, in one answer."""
    return compare_requests(decider, requests_for(doc), today)


def compare_requests(decider: Decider, requests: list[dict], today: str | None = None) -> dict:
    """The comparison of already validated requests (``requests_for``), one per jurisdiction."""
    decisions = [decider.decide(r, today) for r in requests]
    return {"comparison_id": str(uuid.uuid4()), "decisions": decisions,
            "bundle_revision": decider.bundle.revision}


def _terms(items: list[dict]) -> str:
    return ", ".join(t["code"] for t in items) or "—"


def _deadline(d: dict) -> str:
    dl = d["deadline"]
    if dl is None:
        return "none" if d["outcome"] != "apply" else "not stated by the text"
    if dl["working_days"] is None:
        return "not stated by the text"
    flag = "" if dl["calendar_confirmed"] else " (calendar not confirmed)"
    return f"{dl['working_days']} working days → {dl['due']}{flag}"


def _timeline(d: dict) -> str:
    parts = []
    for s in d["timeline"]:
        date = when(s)
        parts.append(f"{s['step_en'][:40]}: {short(s)[1]}" + (f" → {date}" if date != "—" else ""))
    return "\n".join(parts) or "—"


def table(comparison: dict) -> Table:
    """The decisions as rows of topics, one column per jurisdiction."""
    decisions = comparison["decisions"]
    t = Table("Comparison of one request under each jurisdiction", [d["jurisdiction"] for d in decisions])
    rows = {
        "outcome": lambda d: f"{d['outcome']} ({OUTCOME_ZH[d['outcome']]})",
        "route": lambda d: d["route"],
        "binding": lambda d: "yes" if d["binding"] else "no (draft or not in force)",
        "deadline": _deadline,
        "timeline": _timeline,
        "conditions": lambda d: _terms(d["conditions"]),
        "obligations": lambda d: _terms(d["obligations"]),
        "remedies": lambda d: _terms(d["remedies"]),
        "missing": lambda d: ", ".join(d["missing"]) or "—",
        "regulations": lambda d: "\n".join(r["title"] for r in d["regulations"]),
        "articles": lambda d: ", ".join(b["ref"].split("#")[0].split("-")[0] + " " + (b["label"] or b["ref"])
                                        for b in d["basis"]),
        "notes": lambda d: ", ".join(n["code"] for n in d["notes"]) or "—",
    }
    for topic, cell in rows.items():
        t.add(topic, {d["jurisdiction"]: cell(d) for d in decisions})
    return t
