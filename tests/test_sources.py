"""The regulation files stay faithful to the seed texts."""

from __future__ import annotations

import pytest

from decision_service.store.sources.generated import check_regulation
from decision_service.store.sources.seeds import SEEDS_DIR as SEEDS
from decision_service.store.sources.seeds import SEED_FILES


@pytest.mark.parametrize("reg_id", sorted(SEED_FILES))
def test_articles_regenerate_from_the_seed(reg_id, bundle):
    if not SEEDS.exists():
        pytest.fail(f"the seed texts are not at {SEEDS}")
    diff = check_regulation(bundle.root / "regulations" / f"{reg_id}.yaml", reg_id, SEEDS)
    assert diff == [], "\n".join(diff)


def _cited(value):
    """Every parameter entry, at any depth, that carries basis and quote."""
    if isinstance(value, dict):
        if "quote" in value and "basis" in value:
            yield value
        for key, item in value.items():
            if key.endswith("_quote") and f"{key[:-6]}_basis" in value:
                yield {"quote": item, "basis": value[f"{key[:-6]}_basis"]}
            else:
                yield from _cited(item)
    elif isinstance(value, list):
        for item in value:
            yield from _cited(item)


def test_the_quote_walker_reaches_nested_entries():
    found = list(_cited({"a": {"b": [{"quote": "q", "basis": ["x#1"]}]}, "m": [], "m_quote": "r", "m_basis": ["x#2"]}))
    assert [e["quote"] for e in found] == ["q", "r"]


def test_every_quote_stands_in_its_article(bundle):
    for reg_id, reg in bundle.regulations.items():
        for version in reg["versions"]:
            for entry in _cited(version["parameters"]):
                texts = [bundle.articles[ref]["quote"] for ref in entry["basis"]]
                assert any(entry["quote"] in t for t in texts), (reg_id, entry["basis"], entry["quote"])


def test_every_cited_article_exists(bundle):
    refs = set()
    for reg in bundle.regulations.values():
        for version in reg["versions"]:
            refs.update(version["dates_basis"])
            for entry in _cited(version["parameters"]):
                refs.update(entry["basis"])
        for note in reg["notes"].values():
            refs.update(note["basis"])
    assert refs, "no refs found"
    assert sorted(r for r in refs if r not in bundle.articles) == []


def test_article_counts_match_the_seeds(bundle):
    counts = {reg_id: len(reg["articles"]) for reg_id, reg in bundle.regulations.items()}
    # Nanning's copy stops in 第十六条; the others are whole.
    assert counts == {
        "nanning-open": 16,
        "qingyang-resources": 37,
        "wuxi-open": 27,
        "nanjing-govdata": 42,
        "guangxi-scheduling": 51,
    }
