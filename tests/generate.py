"""Seeded random requests over the whole input space: every jurisdiction,
action and enum value, and dates across holidays and version windows. The
differential tests against the real OPA draw from here."""

from __future__ import annotations

import datetime as dt
import random

from decision_service.answers.requests import (
    CATALOGUE_FIELDS,
    CONTENTS,
    EVENTS,
    JURISDICTIONS,
    LEVELS,
    OPEN_CLASSES,
    PURPOSES,
    REQUESTER_TYPES,
    SHARE_CLASSES,
)

REGIONS = [None, "nanjing", "wuxi", "qingyang", "nanning", "liuzhou", "guilin", "guangxi", "suzhou", "yunnan"]
#: Days that matter: version edges, and the runs of holidays and make-up days.
EDGES = [
    "2019-09-19", "2019-09-20", "2021-03-29", "2021-03-30", "2025-02-14", "2025-02-15", "2030-02-14", "2030-02-15",
    "2026-02-12", "2026-02-13", "2026-02-14", "2026-02-27", "2026-04-29", "2026-04-30", "2026-06-18",
    "2026-09-24", "2026-09-30", "2026-10-09", "2026-10-10", "2026-12-24", "2026-12-30", "2027-01-04",
]


def _date(rnd: random.Random) -> str:
    if rnd.random() < 0.4:
        return rnd.choice(EDGES)
    start = dt.date(2018, 1, 1)
    return (start + dt.timedelta(days=rnd.randrange(365 * 14))).isoformat()


def _maybe(rnd: random.Random, values: list, none: float = 0.25):
    return None if rnd.random() < none else rnd.choice(values)


def _text(rnd: random.Random):
    return rnd.choice([None, "", "用于公共服务的说明"])


def decision_request(rnd: random.Random) -> dict:
    as_of = _date(rnd)
    received = (dt.date.fromisoformat(as_of) - dt.timedelta(days=rnd.choice([0, 0, 1, 3, 10]))).isoformat()
    return {
        "jurisdiction": rnd.choice(JURISDICTIONS),
        "action": rnd.choice(["open", "share"]),
        "as_of": as_of,
        "received_on": received,
        "requester": {
            "type": rnd.choice(REQUESTER_TYPES), "level": _maybe(rnd, LEVELS), "region": rnd.choice(REGIONS),
            "real_name_verified": _maybe(rnd, [True, False]), "agreement_accepted": _maybe(rnd, [True, False]),
        },
        "dataset": {
            "open_class": _maybe(rnd, OPEN_CLASSES), "share_class": _maybe(rnd, SHARE_CLASSES),
            "provider": {"level": _maybe(rnd, LEVELS), "region": rnd.choice(REGIONS)},
        },
        "purpose": _maybe(rnd, PURPOSES),
        "access_mode": _maybe(rnd, ["platform", "copy"]),
        "application": {
            "title": _text(rnd), "reason": _text(rnd), "output_form": _text(rnd), "scenario": _text(rnd),
            "scope": _text(rnd), "security_measures": _text(rnd),
            "request_type": _maybe(rnd, ["dataset", "interface"]), "commitment": _maybe(rnd, [True, False]),
            "usage_period": rnd.choice([None, {"from": "2027-01-01", "to": "2027-12-31"}]),
        },
    }


def classification_request(rnd: random.Random) -> dict:
    kind = rnd.choice(["open", "share"])
    classes = OPEN_CLASSES if kind == "open" else SHARE_CLASSES
    return {
        "jurisdiction": rnd.choice(JURISDICTIONS),
        "as_of": _date(rnd),
        "dataset": {
            "contains": [c for c in CONTENTS if rnd.random() < 0.2],
            **{f: rnd.random() < 0.2 for f in ("desensitized", "rights_holder_consent", "prohibited_by_law",
                                               "security_risk", "needs_limits")},
            "legal_basis": rnd.choice([None, "相关法律规定"]),
            "declared_open_class": _maybe(rnd, OPEN_CLASSES), "declared_share_class": _maybe(rnd, SHARE_CLASSES),
            "catalogue": rnd.choice([None, {c: rnd.choice(["", "x"]) for c in rnd.sample(CATALOGUE_FIELDS, 6)}]),
        },
        "change": rnd.choice([None, {"kind": kind, "from": rnd.choice(classes), "to": rnd.choice(classes),
                                     "need": rnd.choice([None, "安全管理"])}]),
    }


def deadline_request(rnd: random.Random) -> dict:
    return {"jurisdiction": rnd.choice(JURISDICTIONS), "event": rnd.choice(EVENTS), "date": _date(rnd)}
