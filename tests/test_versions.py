"""A regulation with two dated versions: each decision uses the one in force on as_of."""

from __future__ import annotations

import copy

import pytest

from decision_service.store.bundle import Bundle
from decision_service.answers.calendar import Calendar
from decision_service.answers.decide import Decider
from decision_service.engine import WasmEngine


@pytest.fixture(scope="module")
def two_versions(bundle) -> Decider:
    """Wuxi with a hypothetical successor version from 2030-02-15 whose reply limit is 15 days."""
    regs = copy.deepcopy(bundle.regulations)
    current = regs["wuxi-open"]["versions"][0]
    successor = copy.deepcopy(current)
    successor.update(id="successor", effective_from="2030-02-15", effective_to=None)
    successor["parameters"]["limits"]["reply_application"]["n"] = 15
    regs["wuxi-open"]["versions"].append(successor)
    variant = Bundle(regulations=regs, policy_files=bundle.policy_files, root=bundle.root, superior=bundle.superior)
    return Decider(variant, WasmEngine(variant), Calendar.from_file())


def request(as_of: str) -> dict:
    return {
        "jurisdiction": "wuxi", "action": "open", "as_of": as_of,
        "requester": {"type": "legal_person", "real_name_verified": True, "agreement_accepted": True},
        "dataset": {"open_class": "conditional"},
        "application": {"title": "t", "reason": "r", "request_type": "dataset", "output_form": "o",
                        "usage_period": {"from": "2030-03-01", "to": "2030-12-31"}, "scenario": "s", "commitment": True},
    }


def test_last_day_of_the_first_version_uses_its_limit(two_versions):
    d = two_versions.decide(request("2030-02-14"))
    assert d["deadline"]["working_days"] == 10
    assert d["regulations"][0]["version"] == "2025"


def test_first_day_of_the_successor_uses_its_limit(two_versions):
    d = two_versions.decide(request("2030-02-15"))
    assert d["deadline"]["working_days"] == 15
    assert d["regulations"][0]["version"] == "successor"
    assert d["regulations"][0]["effective_from"] == "2030-02-15"


def test_the_bundle_as_shipped_stops_after_the_first_version(decider):
    assert decider.decide(request("2030-02-15"))["outcome"] == "not_applicable"
