"""What the applicant is told (explanation.applicant): printable as it is, in
field labels and the texts' words, with every article linked, and none of the
reviewers' notes, field paths or codes."""

from __future__ import annotations

import re

import pytest

from decision_service.answers.words import FIELD_LABELS
from decision_service.store.scenarios import load_scenarios, request_of

DECISIONS = [s for s in load_scenarios() if s["kind"] == "decision"]
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # not_applicable, real_name_verified, government_department ...
PATH = re.compile(r"\b(?:requester|dataset|application|provider)\.[a-z_]+")


@pytest.fixture(scope="module")
def decided(decider):
    return [(s, decider.decide(request_of(s))) for s in DECISIONS]


def test_every_jurisdiction_and_outcome_is_told(decided):
    told = {(d["jurisdiction"], d["outcome"]) for _, d in decided}
    assert {j for j, _ in told} == {"nanning", "qingyang", "wuxi", "nanjing", "guangxi"}
    assert {o for _, o in told} == {"permit", "apply", "deny", "incomplete", "not_applicable"}


def test_no_field_path_code_or_reading_note_reaches_the_applicant(decided):
    for s, d in decided:
        told = d["explanation"]["applicant"]
        for lang in ("zh", "en"):
            assert told[lang] and not PATH.search(told[lang]) and not CODE.search(told[lang]), (s["name"], told[lang])
        for note in d["notes"]:
            assert note["zh"] not in told["zh"] and note["en"] not in told["en"], (s["name"], note["code"])


def test_every_article_is_named_and_linked_once(decided):
    for s, d in decided:
        articles = d["explanation"]["applicant"]["articles"]
        expected = list(dict.fromkeys(a["ref"].split(".", 1)[0] for a in d["basis"]))
        assert [a["ref"] for a in articles] == expected, s["name"]
        for a in articles:
            reg, number = a["ref"].split("#")
            assert a["href"] == f"/regulations/{reg}#art-{number}"
            assert a["label"].startswith("第") and a["label"] in d["explanation"]["applicant"]["zh"]
            assert a["label_en"] == f"Article {number}" and a["label_en"] in d["explanation"]["applicant"]["en"]


def test_the_outcome_the_time_limit_and_what_is_missing_are_in_words(decided):
    for s, d in decided:
        told = d["explanation"]["applicant"]
        if d["deadline"] and d["deadline"]["due"]:
            y, m, day = (int(x) for x in d["deadline"]["due"].split("-"))
            assert f"{y}年{m}月{day}日" in told["zh"] and f"{day} " in told["en"], s["name"]
        for path in d["missing"]:
            zh, en = FIELD_LABELS[path]
            assert zh in told["zh"] and en in told["en"], (s["name"], path)
        if not d["binding"] and any(r["applies"] for r in d["regulations"]):
            assert "征求意见稿" in told["zh"] and "draft" in told["en"]
        for term in d["conditions"] + d["obligations"] + d["remedies"]:
            assert term["text"].rstrip("。；") in told["zh"], (s["name"], term["code"])


def test_every_request_field_has_a_label():
    from decision_service.answers.requests import DecisionRequestSchema

    def paths(schema, prefix=""):
        for name, field in schema._declared_fields.items():
            key = f"{prefix}{field.data_key or name}"
            nested = getattr(field, "nested", None)
            if nested is not None and key not in ("application.usage_period",):
                yield from paths(nested() if isinstance(nested, type) else nested, key + ".")
            else:
                yield key

    assert sorted(set(paths(DecisionRequestSchema())) - set(FIELD_LABELS)) == []
