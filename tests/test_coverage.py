"""The coverage check finds each kind of gap it exists to find."""

from __future__ import annotations

import copy

from decision_service.store.bundle import Bundle
from decision_service.store import coverage
from decision_service.store.coverage import article_statuses, problems


def variant(bundle: Bundle, reg_id: str, out_of_scope: list[dict]) -> Bundle:
    regs = copy.deepcopy(bundle.regulations)
    regs[reg_id]["out_of_scope"] = out_of_scope
    return Bundle(regulations=regs, policy_files=bundle.policy_files, root=bundle.root, superior=bundle.superior)


def statuses(bundle: Bundle, tested: dict) -> dict[str, str]:
    return {row.ref: row.status for rows in article_statuses(bundle, tested).values() for row in rows}


def everything_tested(bundle: Bundle) -> dict:
    return {ref: ["t"] for ref in bundle.articles}


def test_an_article_dropped_from_the_out_of_scope_list_is_unaccounted(bundle):
    kept = [o for o in bundle.regulations["wuxi-open"]["out_of_scope"] if 16 not in o["articles"]]
    got = statuses(variant(bundle, "wuxi-open", kept), everything_tested(bundle))
    assert got["wuxi-open#16"] == "unaccounted"


def test_an_encoded_article_listed_out_of_scope_is_a_contradiction(bundle):
    listed = [*bundle.regulations["wuxi-open"]["out_of_scope"], {"articles": [15], "reason": "r"}]
    got = statuses(variant(bundle, "wuxi-open", listed), everything_tested(bundle))
    assert got["wuxi-open#15"] == "contradiction"


def test_an_encoded_article_no_scenario_rests_on_is_untested(bundle):
    tested = everything_tested(bundle)
    del tested["wuxi-open#14"]
    got = statuses(bundle, tested)
    assert got["wuxi-open#14"] == "untested"
    assert any(line.startswith("wuxi-open#14 ") for line in problems(article_statuses(bundle, tested)))


def test_items_count_for_their_article():
    assert coverage.tested_articles([("s", {"basis": [{"ref": "wuxi-open#15.3"}]})]) == {"wuxi-open#15": ["s"]}
