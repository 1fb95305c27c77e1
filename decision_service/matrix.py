"""The encoded parameters of the five jurisdictions side by side (contract §3).

Each cell is read from the version in force on ``as_of`` and cites its
articles; where a text says nothing the cell says "not stated", and for
Nanning, whose copy is silent on much, the Guangxi draft's value is shown as
what fills the silence, marked as such.
"""

from __future__ import annotations

from collections.abc import Callable

from .bundle import JURISDICTIONS, Bundle
from .render import Table

NOT_STATED = "not stated"
FILLS = {"nanning": "guangxi"}
FLAG_WORDS = {
    "state_secret": "国家秘密", "work_secret": "工作秘密", "trade_secret": "商业秘密", "personal_info": "个人隐私/信息",
    "prohibited_by_law": "法律禁止开放", "security_risk": "安全风险", "needs_limits": "须限定使用",
    "desensitized": "脱敏", "rights_holder_consent": "权利人同意",
}
EVENTS = ["catalog_update_required", "objection_received", "data_error_reported", "quality_rectification_issued",
          "shared_data_doubt", "catalog_offline_requested", "data_offline_requested", "platform_account_request",
          "platform_maintenance_planned"]
COUNT_SHORT = {"working_days": "{n} 个工作日", "calendar_days": "{n} 日", "working_days_before": "提前 {n} 个工作日",
               "immediately": "立即", "without_delay": "及时（无天数）"}


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
    items = (p.get("events") or {}).get(event)
    if not items:
        return cell(None)
    lines, basis = [], []
    for item in items:
        s = p["steps"][item["step"]] if "step" in item else None
        if s:
            limit = f"{s['working_days']} 个工作日" if s["working_days"] else "未规定期限"
            lines.append(f"{s['responsible']}：{limit}")
            basis += s["basis"]
        else:
            lines.append(f"{item['responsible']}：{COUNT_SHORT[item['count']].format(n=item['n'])}")
            basis += item["basis"]
    return cell("\n".join(lines), basis)


def _share_chains(p: dict) -> dict:
    if (p.get("events") or {}).get("share_application_received"):
        return _steps_of(p, "share_application_received")
    chained = {k: s for k, s in (p.get("steps") or {}).items()
               if k.startswith(("region_", "city_", "other_city", "same_city", "county", "national", "general"))}
    if not chained:
        return cell(None)
    lines = [f"{s['step'][:18]}：{s['working_days'] or '未规定'}" for s in chained.values()]
    return cell("\n".join(lines), [r for s in chained.values() for r in s["basis"]])


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
        for item in (p.get("events") or {}).get(event, []):
            s = p["steps"][item["step"]] if "step" in item else item
            seen.setdefault(s["responsible"], []).extend(s["basis"])
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
    ("share request: limits", _share_chains),
    ("who answers an application", _deciders),
    ("required materials", _materials),
    ("catalogue fields", _catalogue),
    ("remedies after a refusal", _remedies),
    *[(f"event: {e}", _event(e)) for e in EVENTS],
]


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
    topics = [{"topic": "text and status", "cells": status_cells}]
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
