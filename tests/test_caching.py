"""The public pages are cached: an ETag from the bundle revision and the request,
Cache-Control, and 304 for a matching If-None-Match; tables carry one charset."""

from __future__ import annotations

import pytest

from decision_service.web import create_app

PAGES = ["/v1/matrix", "/v1/matrix?as_of=2026-01-01", "/v1/matrix?format=csv", "/v1/jurisdictions",
         "/v1/regulations/wuxi-open", "/v1/regulations/wuxi-open/articles/15", "/v1/vocabularies"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return create_app({"DATA_DIR": str(tmp_path_factory.mktemp("cache"))}).test_client()


@pytest.mark.parametrize("path", PAGES)
def test_a_page_answers_304_to_its_own_etag(client, path):
    first = client.get(path)
    tag = first.headers["ETag"]
    assert first.status_code == 200 and first.headers["Cache-Control"] == "public, max-age=60"
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == tag
    assert client.get(path, headers={"If-None-Match": '"other", ' + tag}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_tags_differ_by_request_and_revision(client):
    tags = {client.get(p).headers["ETag"] for p in PAGES}
    assert len(tags) == len(PAGES)


def test_a_new_bundle_revision_gives_new_tags(tmp_path):
    from .conftest import copy_bundle

    source = copy_bundle(tmp_path / "src")
    app = create_app({"DATA_DIR": str(tmp_path / "data"), "BUNDLE_SOURCE": str(source)})
    c = app.test_client()
    before = c.get("/v1/jurisdictions").headers["ETag"]
    path = source / "regulations" / "wuxi-open.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title_en: Implementing Rules", "title_en: Implementing rules", 1), encoding="utf-8")
    assert app.extensions["osd"].reload().accepted
    assert c.get("/v1/jurisdictions", headers={"If-None-Match": before}).status_code == 200
    assert c.get("/v1/jurisdictions").headers["ETag"] != before


def test_a_star_or_a_tag_does_not_hide_a_missing_page(client):
    tag = client.get("/v1/regulations/wuxi-open").headers["ETag"]
    for sent in ("*", tag):
        assert client.get("/v1/regulations/nowhere", headers={"If-None-Match": sent}).status_code == 404
    assert client.get("/v1/matrix?as_of=", headers={"If-None-Match": "*"}).status_code == 400


def test_decisions_and_errors_are_not_cached(client):
    assert "ETag" not in client.get("/v1/regulations/nowhere").headers
    assert "ETag" not in client.post("/v1/decisions", json={}).headers


@pytest.mark.parametrize("path", ["/v1/matrix?format=csv", "/v1/matrix?format=markdown"])
def test_tables_carry_one_charset(client, path):
    assert client.get(path).headers["Content-Type"].count("charset") == 1
