"""The generated part of a regulation file: written below the marker, checked
against the seed, the hand-maintained head left alone."""

from __future__ import annotations

import shutil

import pytest

from decision_service.store.bundle import ROOT
from decision_service.store.sources.generated import (
    ARTICLES_MARKER,
    check_regulation,
    render_generated,
    split_file,
    write_regulation,
)
from decision_service.store.sources.seeds import SEEDS_DIR


@pytest.fixture
def copy(tmp_path):
    if not SEEDS_DIR.exists():
        pytest.fail(f"the seed texts are not at {SEEDS_DIR}")
    path = tmp_path / "wuxi-open.yaml"
    shutil.copy(ROOT / "regulations" / "wuxi-open.yaml", path)
    return path


def test_the_file_splits_at_the_marker():
    head, tail = split_file("id: x\n" + ARTICLES_MARKER + "articles: []\n")
    assert head == "id: x\n" and tail.startswith(ARTICLES_MARKER)
    assert split_file("id: x\n") == ("id: x\n", "")


def test_writing_an_unchanged_file_changes_nothing(copy):
    before = copy.read_text(encoding="utf-8")
    assert write_regulation(copy, "wuxi-open", SEEDS_DIR) is False
    assert copy.read_text(encoding="utf-8") == before


def test_a_hand_edit_below_the_marker_is_found_and_rewritten_head_kept(copy):
    text = copy.read_text(encoding="utf-8")
    head, tail = split_file(text)
    copy.write_text(head + tail.replace("本细则自2025年2月15日起施行", "本细则自2025年3月15日起施行", 1), encoding="utf-8")
    diff = check_regulation(copy, "wuxi-open", SEEDS_DIR)
    assert any("2025年3月15日" in line for line in diff)
    assert write_regulation(copy, "wuxi-open", SEEDS_DIR) is True
    assert check_regulation(copy, "wuxi-open", SEEDS_DIR) == []
    assert split_file(copy.read_text(encoding="utf-8"))[0] == head


def test_rendered_text_writes_multi_line_articles_as_blocks():
    text = render_generated("wuxi-open", SEEDS_DIR)
    assert text.startswith(ARTICLES_MARKER)
    assert "  text: |-\n    对于列入公共数据开放目录内有条件开放类的公共数据" in text
