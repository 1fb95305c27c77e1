"""The reviewers' workbench pages, through Flask's test client (the browser
tests drive the same pages in Chromium)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from decision_service.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return create_app({"DATA_DIR": str(tmp_path_factory.mktemp("wb"))}).test_client()


def page(client, path: str, lang: str = "zh") -> str:
    r = client.get(path, headers={"Accept-Language": "zh-CN" if lang == "zh" else "en-GB"})
    assert r.status_code == 200, path
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    assert "<script" not in r.get_data(as_text=True)
    return r.get_data(as_text=True)


def test_language_follows_accept_language_and_the_switch(tmp_path_factory):
    c = create_app({"DATA_DIR": str(tmp_path_factory.mktemp("lang"))}).test_client()
    assert "参数对照" in page(c, "/", "zh")
    assert "Matrix" in page(c, "/", "en")
    c.get("/?lang=en", headers={"Accept-Language": "zh-CN"})
    assert "Matrix" in page(c, "/", "zh")  # the switch is remembered over the browser's preference


def test_the_reader_shows_each_article_beside_what_encodes_it(client):
    html = page(client, "/regulations/wuxi-open?lang=en")
    art15 = html[html.index('id="art-15"'):html.index('id="art-16"')]
    assert "应当自收到申请之日起10个工作日内答复" in art15
    assert '<p class="item">（三）需求审核' in art15
    assert re.search(r'href="/source/policies/rego/open/wuxi.rego#L\d+">Conditionally open data is applied for', art15)
    assert "wuxi.yaml: National Day crossing" in art15
    assert re.search(r"limits.reply_application</code>: 公共数据开放主体审核并答复[^<]*（10 个工作日）", art15)
    assert re.search(r"limits.forward_application</code>: [^<]*（及时）", art15)
    assert "《江苏省公共数据管理办法》" in html[:html.index('id="art-1"')] and "wuxi-open#1" in html
    art1 = html[html.index('id="art-1"'):html.index('id="art-2"')]
    assert "Out of scope" in art1 and "purpose and legal basis" in art1
    assert "锡政规〔2024〕7号" in html and "责编:司法局" in html


def test_status_is_shown_plainly(client):
    assert "征求意见稿：不具约束力" in page(client, "/regulations/guangxi-scheduling?lang=zh")
    assert ">试行<" in page(client, "/regulations/qingyang-resources?lang=zh")
    assert "该日期不在施行期内" in page(client, "/regulations/wuxi-open?lang=zh&as_of=2024-01-01")


def test_a_rule_links_to_its_source_lines(client):
    html = page(client, "/source/policies/rego/open/wuxi.rego")
    assert 'id="L1"' in html and "package osd.open.wuxi" in html
    assert client.get("/source/etc/passwd").status_code == 404


def test_the_matrix_page_and_its_csv(client):
    html = page(client, "/matrix?as_of=2026-11-23&lang=en")
    assert 'class="silent">not stated' in html
    r = client.get("/matrix.csv?as_of=2026-11-23")
    assert r.headers["Content-Disposition"] == 'attachment; filename="matrix.csv"'
    rows = {row["topic"]: row for row in csv.DictReader(io.StringIO(r.get_data(as_text=True)))}
    assert rows["share classes"]["wuxi"] == "not stated"
    assert "[art. 16.1, 16.2, 16.3]" in rows["share classes"]["qingyang"]


def test_coverage_page_counts_every_article(client):
    html = page(client, "/coverage?lang=en")
    for n in (27, 42, 37, 51, 16):
        assert f">{n} articles" in html or f"{n} articles" in html
    assert "13 encoded and tested" in html
