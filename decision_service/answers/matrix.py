"""The encoded parameters of the five jurisdictions side by side (contract §3).

Each cell is read from the version in force on ``as_of`` and cites its
articles; where a text says nothing the cell says "not stated", and for
Nanning, whose copy is silent on much, the Guangxi draft's value is shown as
what fills the silence, marked as such.
"""

from __future__ import annotations

from collections.abc import Callable

from ..store.bundle import JURISDICTIONS, Bundle
from .counting import short
from .render import Table
from .requests import EVENTS as REQUEST_EVENTS

NOT_STATED = "not stated"
FILLS = {"nanning": "guangxi"}
FLAG_WORDS = {
    "state_secret": "国家秘密", "work_secret": "工作秘密", "trade_secret": "商业秘密", "personal_info": "个人隐私/信息",
    "prohibited_by_law": "法律禁止开放", "security_risk": "安全风险", "needs_limits": "须限定使用",
    "desensitized": "脱敏", "rights_holder_consent": "权利人同意",
}
#: Every deadline event has a row (requests.EVENTS: the contract's and those the texts add).
EVENTS = list(REQUEST_EVENTS)


def refs(basis: list[str]) -> str:
    """``wuxi-open#15.3`` → ``15.3``, several joined."""
    return "art. " + ", ".join(sorted({r.split("#")[1] for r in basis}, key=lambda x: [int(p) for p in x.split(".")]))


def cell(value: str | None, basis: list[str] | None = None) -> dict:
    if value is None:
        return {"value": NOT_STATED, "basis": [], "stated": False}
    return {"value": value, "basis": sorted(set(basis or [])), "stated": True}


def _classes(p: dict, key: str) -> dict:
    classes = p.get(key)
    if not classes:
        return cell(None)
    basis = [r for c in classes.values() for r in c["basis"]]
    return cell(" / ".join(c["label"] for c in classes.values()), basis)


def _steps_of(p: dict, event: str) -> dict:
    """Each path of the event (with when it applies, if there are several) and
    each limit's actor and count, e.g. 市大数据中心：1 个工作日."""
    event_entry = (p.get("events") or {}).get(event)
    if not event_entry:
        return cell(None)
    lines, basis = [], []
    paths = event_entry["paths"]
    for key in paths:
        path = p["paths"][key]
        if len(paths) > 1:
            mark = "或：" if event_entry["relation"] == "alternatives" and lines else ""
            lines.append(f"{mark}【{path['when']['zh']}】")
        for step in path["steps"]:
            limit = p["limits"][step]
            lines.append(f"{limit['responsible']}：{short(limit)[0]}")
            basis += limit["basis"]
    return cell("\n".join(lines), basis)


def _materials(p: dict) -> dict:
    mats = p.get("materials") or {}
    lists = {k: v for k, v in mats.items() if not k.endswith(("_basis", "_quote"))}
    if not lists:
        return cell(None)
    basis = [r for k in lists for r in mats.get(f"{k}_basis", [])]
    return cell("\n".join("、".join(m["label"] for m in v) for v in lists.values()), basis)


def _catalogue(p: dict) -> dict:
    cat = p.get("catalogue")
    if not cat or not cat["fields"]:
        return cell(None)
    tail = "等" if cat["list_open"] else ""
    return cell("、".join(f["label"] for f in cat["fields"]) + tail, cat["basis"])


def _deciders(p: dict) -> dict:
    seen: dict[str, list[str]] = {}
    for event in ("open_application_received", "share_application_received"):
        for key in ((p.get("events") or {}).get(event) or {}).get("paths", []):
            for step in p["paths"][key]["steps"]:
                limit = p["limits"][step]
                seen.setdefault(limit["responsible"], []).extend(limit["basis"])
    if not seen:
        return cell(None)
    return cell("\n".join(seen), [r for b in seen.values() for r in b])


def _remedies(p: dict) -> dict:
    rem = p.get("remedies") or {}
    if not rem:
        return cell(None)
    return cell("\n".join(r.get("code", k) for k, r in rem.items()), [b for r in rem.values() for b in r["basis"]])


def _grounds(p: dict) -> dict:
    c = (p.get("classification") or {}).get("open")
    if not c or not c["grounds"]:
        return cell(None)
    lines = []
    for g in c["grounds"]:
        line = "、".join(FLAG_WORDS[f] for f in g["flags"])
        if g.get("lifted_by"):
            verb = "可以开放" if g["when_lifted"] == "may_open" else "应当开放"
            line += f"（{'或'.join(FLAG_WORDS[f] for f in g['lifted_by'])}后{verb}）"
        lines.append(line)
    return cell("\n".join(lines), [r for g in c["grounds"] for r in g["basis"]])


def _restriction(p: dict) -> dict:
    c = p.get("classification") or {}
    rules = [(k, (c.get(k) or {}).get("restriction_needs_legal_basis")) for k in ("open", "share")]
    rules = [(k, r) for k, r in rules if r]
    if not rules:
        return cell(None)
    return cell("\n".join(f"{k}: {', '.join(r['classes'])}" for k, r in rules), [b for _, r in rules for b in r["basis"]])


def _event(name: str) -> Callable[[dict], dict]:
    def get(p: dict) -> dict:
        return _steps_of(p, name)
    return get


TOPICS: list[tuple[str, Callable[[dict], dict]]] = [
    ("open classes", lambda p: _classes(p, "open_classes")),
    ("share classes", lambda p: _classes(p, "share_classes")),
    ("grounds for not opening", _grounds),
    ("restrictions needing a legal basis", _restriction),
    ("open application: limits", _event("open_application_received")),
    ("share request: limits", _event("share_application_received")),
    ("who answers an application", _deciders),
    ("required materials", _materials),
    ("catalogue fields", _catalogue),
    ("remedies after a refusal", _remedies),
    *[(f"event: {e}", _event(e)) for e in EVENTS if e not in ("open_application_received", "share_application_received")],
]


def _superior(bundle: Bundle, jurisdiction: str, as_of: str) -> dict:
    """The superior rules not in the set that bear on the jurisdiction on as_of: named, not encoded."""
    rules = [s for s in bundle.superior.values() if jurisdiction in s["jurisdictions"]
             and (s["effective_from"] is None or s["effective_from"] <= as_of)]
    if not rules:
        return cell(None)
    lines = []
    for s in rules:
        dates = f"，{s['effective_from']}起施行" if s["effective_from"] else ""
        number = f"，{s['document_number']}" if s["document_number"] else ""
        lines.append(f"《{s['title']}》（{'、'.join(s['governs'])}{number}{dates}；不在本服务收录之列，未编码）")
    return {**cell("\n".join(lines), [r for s in rules for r in s["named_by"]]), "superior": [s["id"] for s in rules]}


def build(bundle: Bundle, as_of: str) -> dict:
    """Every topic, each with one cell per jurisdiction."""
    in_force = {j: bundle.version_on(reg, as_of) for j, reg in JURISDICTIONS.items()}
    versions = {j: {"regulation": JURISDICTIONS[j], "version": v["id"] if v else None, "status": v["status"] if v else None}
                for j, v in in_force.items()}
    status_cells = {}
    for j, v in in_force.items():
        status = v["status"] if v else f"not in force on {as_of}"
        if v and v.get("status_assumed"):
            status += ", assumed: the copy carries no dates"
        title = bundle.regulations[JURISDICTIONS[j]]["title"]
        status_cells[j] = cell(f"{title}（{status}）", (v or {}).get("dates_basis"))
    topics = [{"topic": "text and status", "cells": status_cells},
              {"topic": "superior rules not in this set", "cells": {j: _superior(bundle, j, as_of) for j in JURISDICTIONS}}]
    for name, get in TOPICS:
        cells = {}
        for j, v in in_force.items():
            c = get(v["parameters"]) if v else cell(None)
            filler = in_force.get(FILLS.get(j, ""))
            if not c["stated"] and filler:
                filled = get(filler["parameters"])
                if filled["stated"]:
                    c = {**filled, "stated": False, "filled_by": JURISDICTIONS[FILLS[j]],
                         "value": f"{NOT_STATED}; Guangxi draft: {filled['value']}"}
            cells[j] = c
        topics.append({"topic": name, "cells": cells})
    return {"as_of": as_of, "versions": versions, "topics": topics}


def table(matrix: dict) -> Table:
    t = Table(f"Encoded parameters in force on {matrix['as_of']}", list(JURISDICTIONS))
    for row in matrix["topics"]:
        cells = {}
        for j, c in row["cells"].items():
            source = "Guangxi draft " if c.get("filled_by") else ""
            cites = f"\n[{source}{refs(c['basis'])}]" if c["basis"] else ""
            cells[j] = c["value"] + cites
        t.add(row["topic"], cells)
    return t
