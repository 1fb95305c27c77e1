"""Properties every decision keeps, over random valid requests for all jurisdictions.

The examples are derandomised, so a run in CI and a run on a laptop try the
same requests; a failure prints the smallest request that breaks a property.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from decision_service.answers.requests import LEVELS, PURPOSES, REQUESTER_TYPES, validate_request

SETTINGS = settings(max_examples=400, deadline=None, derandomize=True)

maybe = lambda s: st.none() | s  # noqa: E731
regions = maybe(st.sampled_from(["nanjing", "wuxi", "qingyang", "nanning", "liuzhou", "guilin", "guangxi", "suzhou"]))
dates = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2031, 12, 31))
text = maybe(st.sampled_from(["", "用于城市治理", "x"]))

requests = st.builds(
    lambda j, a, as_of, lag, rq, ds, purpose, mode, app: {
        "jurisdiction": j, "action": a, "as_of": as_of.isoformat(),
        "received_on": (as_of - dt.timedelta(days=lag)).isoformat(),
        "requester": rq, "dataset": ds, "purpose": purpose, "access_mode": mode, "application": app,
    },
    st.sampled_from(["wuxi", "nanjing", "qingyang", "guangxi", "nanning"]),
    st.sampled_from(["open", "share"]),
    dates,
    st.integers(min_value=0, max_value=20),
    st.fixed_dictionaries({
        "type": st.sampled_from(REQUESTER_TYPES),
        "level": maybe(st.sampled_from(LEVELS)),
        "region": regions,
        "real_name_verified": maybe(st.booleans()),
        "agreement_accepted": maybe(st.booleans()),
    }),
    st.fixed_dictionaries({
        "open_class": maybe(st.sampled_from(["unconditional", "conditional", "not_open"])),
        "share_class": maybe(st.sampled_from(["unconditional", "conditional", "not_shared"])),
        "provider": st.fixed_dictionaries({"level": maybe(st.sampled_from(LEVELS)), "region": regions}),
    }),
    maybe(st.sampled_from(PURPOSES)),
    maybe(st.sampled_from(["platform", "copy"])),
    st.fixed_dictionaries({
        "title": text, "reason": text, "scenario": text, "scope": text, "output_form": text,
        "security_measures": text, "request_type": maybe(st.sampled_from(["dataset", "interface"])),
        "commitment": maybe(st.booleans()),
        "usage_period": maybe(st.just({"from": "2027-01-01", "to": "2027-12-31"})),
    }),
)


def decide(decider, request):
    return decider.decide(validate_request(request), decision_id="fixed")


@SETTINGS
@given(requests)
def test_never_permit_for_data_that_is_not_open_or_not_shared(decider, request):
    d = decide(decider, request)
    closed = (request["action"] == "open" and request["dataset"]["open_class"] == "not_open") or (
        request["action"] == "share" and request["dataset"]["share_class"] == "not_shared")
    if closed:
        assert d["outcome"] != "permit"


@SETTINGS
@given(requests)
def test_every_decision_cites_an_article_of_a_regulation_it_lists(decider, request):
    d = decide(decider, request)
    listed = {r["id"] for r in d["regulations"]}
    cited = {b["ref"].split("#")[0] for b in d["basis"]}
    assert cited & listed
    assert all(b["quote"] for b in d["basis"])


@SETTINGS
@given(requests)
def test_every_due_date_is_after_the_day_of_receipt(decider, request):
    d = decide(decider, request)
    dues = [s["due"] for s in d["timeline"] if s["due"]]
    if d["deadline"] and d["deadline"]["due"]:
        dues.append(d["deadline"]["due"])
    assert all(due > d["received_on"] for due in dues)
    if d["outcome"] != "apply":
        assert d["deadline"] is None


@SETTINGS
@given(requests)
def test_same_request_same_decision(decider, request):
    assert decide(decider, request) == decide(decider, request)


@SETTINGS
@given(requests)
def test_a_draft_never_binds_and_an_out_of_force_text_never_decides(decider, request):
    d = decide(decider, request)
    applied = [r for r in d["regulations"] if r["applies"]]
    if any(r["status"] == "draft" for r in applied):
        assert d["binding"] is False
    if not d["regulations"][0]["applies"]:
        assert d["outcome"] == "not_applicable"


# -- classification and deadlines (contract §4, §5) ---------------------------

from decision_service.answers.classify import Classifier  # noqa: E402
from decision_service.answers.deadlines import Deadlines  # noqa: E402
from decision_service.answers.requests import CONTENTS, EVENTS, OPEN_CLASSES, SHARE_CLASSES  # noqa: E402
from decision_service.answers.requests import validate_classification, validate_deadline  # noqa: E402

flags = st.fixed_dictionaries({f: st.booleans() for f in
                               ("desensitized", "rights_holder_consent", "prohibited_by_law", "security_risk", "needs_limits")})
classification_requests = st.builds(
    lambda contains, fl, basis, open_c, share_c, as_of, change: {
        "as_of": as_of.isoformat(),
        "dataset": {"contains": contains, **fl, "legal_basis": basis,
                    "declared_open_class": open_c, "declared_share_class": share_c},
        "change": change,
    },
    st.lists(st.sampled_from(CONTENTS), unique=True),
    flags,
    maybe(st.just("相关法律规定")),
    maybe(st.sampled_from(OPEN_CLASSES)),
    maybe(st.sampled_from(SHARE_CLASSES)),
    dates,
    maybe(st.sampled_from(OPEN_CLASSES).flatmap(
        lambda a: st.sampled_from(OPEN_CLASSES).map(lambda b: {"kind": "open", "from": a, "to": b, "need": None}))),
)


@SETTINGS
@given(classification_requests)
def test_state_secrets_are_never_classified_openable_anywhere(decider, request):
    request["dataset"]["contains"] = sorted(set(request["dataset"]["contains"]) | {"state_secret"})
    answer = Classifier(decider).classify(validate_classification(request))
    for r in answer["results"]:
        if not r["applies"]:
            continue
        assert r["open"]["required"] == "not_open", r["jurisdiction"]
        assert r["open"]["allowed"] == ["not_open"], r["jurisdiction"]
        if r["open"]["declared"] in ("unconditional", "conditional"):
            assert r["open"]["lawful"] is False
        change = r["change"]
        if change and change["to"] in ("unconditional", "conditional") and change["from"] != change["to"]:
            assert change["allowed"] is not True, r["jurisdiction"]


@SETTINGS
@given(classification_requests)
def test_every_classification_cites_its_text_and_lawful_is_consistent(decider, request):
    answer = Classifier(decider).classify(validate_classification(request))
    assert len(answer["results"]) == 5
    for r in answer["results"]:
        assert r["basis"] and all(b["quote"] for b in r["basis"])
        if r["applies"]:
            o = r["open"]
            if o["lawful"] is True:
                assert o["declared"] in o["allowed"] and not o["problems"]
            if o["declared"] is None:
                assert o["lawful"] in (None, False)


@SETTINGS
@given(st.sampled_from(EVENTS), dates, st.sampled_from(["wuxi", "nanjing", "qingyang", "guangxi", "nanning"]))
def test_a_due_date_is_never_on_the_wrong_side_of_its_event(decider, event, day, jurisdiction):
    answer = Deadlines(decider).deadlines(validate_deadline({"event": event, "date": day.isoformat(),
                                                             "jurisdiction": jurisdiction}))
    [r] = answer["results"]
    for limit in r["limits"]:
        if limit["due"] is None:
            continue
        if limit["direction"] == "before":
            assert limit["due"] < answer["date"]
        else:
            assert limit["due"] > answer["date"]
            assert limit["due"] > limit["start"]
    if r["outcome"] != "stated":
        assert r["limits"] == []
