"""The cleaning steps every seed shares: numerals, spacing and punctuation,
and the split of cleaned lines into chapters, articles and items."""

from __future__ import annotations

import pytest

from decision_service.store.sources.cleaning import (
    Cleaning,
    cn_number,
    join_broken_lines,
    locate,
    normalize,
    parse_articles,
    parse_cn_number,
    place_of,
    split_inline_items,
)


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (42, "四十二"), (99, "九十九")])
def test_chinese_numerals_both_ways(n, text):
    assert cn_number(n) == text
    assert parse_cn_number(text) == n


def test_spacing_is_dropped_except_between_ascii_words_and_punctuation_goes_full_width():
    assert normalize("公共数据 开放 ,应当 (一) Open Data") == "公共数据开放，应当（一）Open Data"
    assert normalize("API 接口") == "API接口"


def test_inline_items_split_only_in_sequence_after_a_stop():
    para = "下列情形：（一）甲；（二）乙（以下简称（三））；（三）丙。"
    assert split_inline_items(para) == ["下列情形：", "（一）甲；", "（二）乙（以下简称（三））；", "（三）丙。"]
    assert split_inline_items("本办法（以下简称（一））适用。") == ["本办法（以下简称（一））适用。"]


def test_articles_items_and_chapters_are_parsed():
    lines = ["第一章总则", "第一条 为了规范开放，制定本办法。", "第二条 有下列情形之一的：（一）甲；（二）乙。", "第二章开放",
             "第三条【范围】本办法适用于开放。", "第二款。"]
    arts = parse_articles(lines)
    assert [a["number"] for a in arts] == [1, 2, 3]
    assert arts[0]["chapter"] == "第一章 总则" and arts[2]["chapter"] == "第二章 开放"
    assert [(i["number"], i["text"]) for i in arts[1]["items"]] == [(1, "甲；"), (2, "乙。")]
    assert arts[2]["title"] == "范围" and arts[2]["text"] == "本办法适用于开放。\n第二款。"


def test_articles_out_of_sequence_or_text_before_the_first_are_refused():
    with pytest.raises(ValueError, match="out of sequence"):
        parse_articles(["第一条 甲。", "第三条 乙。"])
    with pytest.raises(ValueError, match="before the first article"):
        parse_articles(["前言", "第一条 甲。"])


def test_broken_lines_are_joined_and_each_join_is_noted():
    clean = Cleaning()
    lines = join_broken_lines(["第一条 数据开放主体应当", "及时更新。", "第二条 甲。"], clean, "page break")
    assert lines == ["第一条 数据开放主体应当及时更新。", "第二条 甲。"]
    assert clean.notes == [{"kind": "joined", "where": "第一条", "what": "「开放主体应当」+「及时更新。」", "why": "page break"}]


def test_place_and_locate_name_the_article():
    lines = ["前言", "第一条 甲。", "乙含广告。", "第二条 丙。"]
    assert place_of(lines[:3]) == "第一条" and place_of(lines[:1]) == "header"
    assert locate(lines, "广告") == ["第一条"]
