"""The explanation says, in Chinese and in English, what was decided and why."""

from __future__ import annotations

import re

from decision_service.store.scenarios import answer, load_scenarios, request_of

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_scenario_answer_is_explained_in_both_languages(decider):
    for sc in load_scenarios():
        d = answer(decider, sc["kind"], request_of(sc))
        assert HAN.search(d["explanation"]["zh"]), sc["name"]
        assert re.search(r"[A-Za-z]{3}", d["explanation"]["en"]), sc["name"]
        if sc["kind"] == "decision":
            assert d["explanation"]["en"].startswith("Under "), sc["name"]


def test_a_due_date_and_a_draft_are_stated(decider):
    d = decider.decide({"jurisdiction": "guangxi", "action": "open", "as_of": "2026-11-23",
                        "requester": {"type": "legal_person"}, "dataset": {"open_class": "conditional"}})
    assert "2026-11-26" in d["explanation"]["zh"] and "by 2026-11-26" in d["explanation"]["en"]
    assert "The providing department must act within 3 working days" in d["explanation"]["en"]
    assert "征求意见稿" in d["explanation"]["zh"] and "not binding" in d["explanation"]["en"]


def test_a_text_out_of_force_states_its_window(decider):
    d = decider.decide({"jurisdiction": "wuxi", "action": "open", "as_of": "2025-01-10",
                        "requester": {"type": "legal_person"}, "dataset": {"open_class": "unconditional"}})
    assert d["outcome"] == "not_applicable"
    assert "2025-02-15至2030-02-14，不含2025-01-10" in d["explanation"]["zh"]
    assert "in force 2025-02-15 to 2030-02-14, which does not include 2025-01-10" in d["explanation"]["en"]


def test_a_limit_the_text_does_not_set_is_said_to_be_absent(decider):
    d = decider.decide({"jurisdiction": "nanjing", "action": "open", "as_of": "2026-11-23",
                        "requester": {"type": "legal_person"}, "dataset": {"open_class": "conditional"},
                        "purpose": "commercial"})
    assert d["deadline"] is None
    assert "文本未规定办理期限" in d["explanation"]["zh"] and "sets no time limit" in d["explanation"]["en"]
