"""The vocabularies: the codes every enumerated request field takes, with labels
and the catalogue words that mean them; a Chinese word sent as a code is told
the code it means."""

from __future__ import annotations

import json

import pytest

from decision_service.answers import requests as schemas
from decision_service.answers.vocabularies import vocabularies
from decision_service.answers.words import WORDS, meaning
from decision_service.store.bundle import ROOT
from decision_service.store.scenarios import load_scenarios

EXAMPLE = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))

#: vocabulary -> the request schema field whose choices it must equal
SCHEMA_FIELDS = {
    "jurisdiction": (schemas.DecisionRequestSchema, "jurisdiction"),
    "action": (schemas.DecisionRequestSchema, "action"),
    "requester.type": (schemas.RequesterSchema, "type"),
    "level": (schemas.RequesterSchema, "level"),
    "open_class": (schemas.DatasetSchema, "open_class"),
    "share_class": (schemas.DatasetSchema, "share_class"),
    "purpose": (schemas.DecisionRequestSchema, "purpose"),
    "access_mode": (schemas.DecisionRequestSchema, "access_mode"),
    "application.request_type": (schemas.ApplicationSchema, "request_type"),
}


@pytest.fixture(scope="module")
def served(bundle):
    return {v["name"]: v for v in vocabularies(bundle)["vocabularies"]}


@pytest.mark.parametrize("name", sorted(SCHEMA_FIELDS))
def test_each_vocabulary_is_exactly_the_codes_its_field_takes(served, name):
    schema, field = SCHEMA_FIELDS[name]
    choices = list(schema._declared_fields[field].validate.choices)
    assert [c["code"] for c in served[name]["codes"]] == choices


def test_no_word_means_two_codes_of_one_vocabulary():
    for name, codes in WORDS.items():
        seen: dict[str, str] = {}
        for code, (zh, _en, words) in codes.items():
            for word in {zh, *words}:
                assert seen.setdefault(word, code) == code, (name, word, seen[word], code)


def test_in_texts_names_exactly_the_texts_whose_articles_use_the_word(served, bundle):
    by_text = {r: json.dumps(reg["articles"], ensure_ascii=False) for r, reg in bundle.regulations.items()}
    words = {(w["word"], tuple(w["in_texts"])) for v in served.values() for c in v["codes"] for w in c["words"]}
    assert len(words) > 60
    for word, texts in words:
        assert set(texts) == {r for r, text in by_text.items() if word in text}, word
    conditional = {w["word"]: w["in_texts"] for w in served["open_class"]["codes"][1]["words"]}
    assert conditional["依申请开放"] == ["guangxi-scheduling"], "Guangxi's 依申请开放 is the conditional class"
    not_open = {w["word"]: w["in_texts"] for w in served["open_class"]["codes"][2]["words"]}
    assert not_open["非开放"] == [], "a catalogue word no text uses says so"


@pytest.mark.parametrize("path, word, code", [
    (["jurisdiction"], "无锡", "wuxi"), (["action"], "共享", "share"),
    (["requester", "type"], "事业单位", "public_service_unit"), (["requester", "level"], "自治区级", "provincial"),
    (["dataset", "open_class"], "依申请开放", "conditional"), (["dataset", "open_class"], "不予开放类", "not_open"),
    (["dataset", "share_class"], "有条件共享", "conditional"), (["purpose"], "科研", "research"),
    (["application", "request_type"], "接口", "interface"),
])
def test_a_chinese_word_for_a_code_is_refused_naming_the_code(path, word, code):
    doc = json.loads(json.dumps(EXAMPLE))
    target = doc
    for p in path[:-1]:
        target = target.setdefault(p, {})
    target[path[-1]] = word
    with pytest.raises(schemas.RequestError) as refused:
        schemas.validate_request(doc)
    reason = refused.value.fields[".".join(path)][0]
    assert f"{word!r} means {code!r}" in reason


def test_meaning_reads_labels_and_words_only():
    assert meaning("open_class", " 有条件开放类 ") == "conditional"
    assert meaning("open_class", "conditional") is None and meaning("open_class", "开放") is None
    assert meaning("nowhere", "无锡") is None and meaning("jurisdiction", 5) is None


def test_the_endpoint_serves_every_vocabulary_with_the_error_codes(tmp_path):
    from decision_service.web import create_app

    app = create_app({"DATA_DIR": str(tmp_path)})
    r = app.test_client().get("/v1/vocabularies")
    names = [v["name"] for v in r.json["vocabularies"]]
    assert r.status_code == 200 and set(SCHEMA_FIELDS) <= set(names)
    assert {"outcome", "route", "count", "event", "field_error", "error"} <= set(names)
    errors = next(v for v in r.json["vocabularies"] if v["name"] == "error")
    assert "invalid_request" in [c["code"] for c in errors["codes"]]


def test_the_codes_without_a_request_schema_are_all_named():
    from decision_service.answers.requests import CONTENTS, EVENTS
    from decision_service.answers.vocabulary import OUTCOMES, ROUTES, VERSION_STATUSES

    for name, codes in (("contains", CONTENTS), ("event", EVENTS), ("version_status", VERSION_STATUSES),
                        ("outcome", OUTCOMES), ("route", ROUTES)):
        assert list(WORDS[name]) == list(codes), name
        assert all(zh and en for zh, en, _ in WORDS[name].values()), name


def test_the_field_vocabulary_labels_every_path_a_decision_may_say_is_missing(tmp_path):
    """A portal labels ``missing[]`` (and an error's field) without its own list of paths."""
    from decision_service.web import create_app

    app = create_app({"DATA_DIR": str(tmp_path)})
    answer = app.test_client().get("/v1/vocabularies").json
    fields = {c["code"]: c for c in next(v for v in answer["vocabularies"] if v["name"] == "field")["codes"]}
    assert fields["application.usage_period"]["zh"] == "使用期限"
    assert fields["requester.real_name_verified"]["en"] == "real-name registration on the platform"
    scenarios_missing = {path for s in load_scenarios() if s["kind"] == "decision"
                         for path in (s.get("expect") or {}).get("missing") or []}
    assert scenarios_missing and scenarios_missing <= set(fields)
