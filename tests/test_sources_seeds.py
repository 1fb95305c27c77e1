"""Each seed copy is read and its known defects mended (../shared/seeds/README.md)."""

from __future__ import annotations

import pytest

from decision_service.store.sources.seeds import SEED_FILES, SEEDS_DIR, clean_seed


@pytest.fixture(scope="module")
def cleaned():
    if not SEEDS_DIR.exists():
        pytest.fail(f"the seed texts are not at {SEEDS_DIR}")
    return {reg: clean_seed(reg, SEEDS_DIR) for reg in SEED_FILES}


def text_of(doc: dict) -> str:
    return "\n".join(a["text"] for a in doc["articles"])


def test_article_counts_follow_each_copy(cleaned):
    counts = {reg: len(doc["articles"]) for reg, doc in cleaned.items()}
    # Nanning's copy stops in art. 16; Nanjing's doubled articles 9 to 42 are kept once
    assert counts == {"nanning-open": 16, "qingyang-resources": 37, "wuxi-open": 27, "nanjing-govdata": 42,
                      "guangxi-scheduling": 51}


def test_nanning_advert_is_removed_and_noted(cleaned):
    doc = cleaned["nanning-open"]
    assert "58同城" not in text_of(doc)
    assert any("58同城" in n["what"] and n["kind"] == "removed" for n in doc["cleaning"])


def test_qingyang_page_markers_and_ocr_slips_are_mended(cleaned):
    doc = cleaned["qingyang-resources"]
    text = text_of(doc)
    assert "(-)" not in text and "(A)" not in text and "（-）" not in text
    assert any(n["what"] == "(-) → (一)" for n in doc["cleaning"])


def test_wuxi_has_no_stray_spaces(cleaned):
    assert " " not in text_of(cleaned["wuxi-open"]).replace("API 接口", "")


def test_nanjing_junk_and_misconversions_are_gone(cleaned):
    text = text_of(cleaned["nanjing-govdata"])
    for junk in ("適用凶樂端判", "轄區腳戀循內", "擊龍拜", "邀諒榜白", "炒酷堡", "跨廈屑", "棕祖"):
        assert junk not in text
    assert "最佳化" not in text and "程式" not in text
    assert cleaned["nanjing-govdata"]["articles"][34]["label"] == "第三十五条"


def test_guangxi_markdown_marks_are_removed(cleaned):
    text = text_of(cleaned["guangxi-scheduling"])
    assert "**" not in text and "\n- " not in text and "#" not in text
