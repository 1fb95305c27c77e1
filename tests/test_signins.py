"""Reviewers' sessions in the workbench are kept on the server: signing out or
revoking the key ends every copy of the cookie at once, sessions expire, and
the cookie carries HttpOnly, SameSite and, over HTTPS, Secure."""

from __future__ import annotations

import re
import time

import pytest

from decision_service.db import keys
from decision_service.web import create_app


@pytest.fixture
def app(tmp_path):
    return create_app({"DATA_DIR": str(tmp_path / "data"), "KEY_CACHE_SECONDS": 0, "SIGNIN_HOURS": 1 / 1800})


def sign_in(client, key: str, **kw):
    page = client.get("/login", **kw).get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return client.post("/login", data={"key": key, "csrf": csrf}, **kw)


def csrf_of(client) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/log").get_data(as_text=True)).group(1)


def test_sign_out_ends_every_copy_of_the_session(app):
    key = keys.create(app.extensions["osd"].sessions, "r1", "reviewer")
    browser = app.test_client()
    assert sign_in(browser, key).status_code == 302
    cookie = browser.get_cookie("session").value
    assert browser.get("/log").status_code == 200
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/log").status_code == 200
    assert browser.post("/logout", data={"csrf": csrf_of(browser)}).status_code == 302
    assert thief.get("/log").status_code == 302  # the copied cookie opens nothing any more
    assert browser.get("/log").status_code == 302


def test_a_revoked_key_ends_its_sessions(app):
    sessions = app.extensions["osd"].sessions
    key = keys.create(sessions, "r2", "reviewer")
    browser = app.test_client()
    sign_in(browser, key)
    assert browser.get("/log").status_code == 200
    assert keys.revoke(sessions, "r2")
    assert browser.get("/log").status_code == 302


def test_a_session_expires(app):
    key = keys.create(app.extensions["osd"].sessions, "r3", "reviewer")
    browser = app.test_client()
    response = sign_in(browser, key)
    assert "Expires=" in response.headers["Set-Cookie"]
    assert browser.get("/log").status_code == 200
    time.sleep(2.2)  # SIGNIN_HOURS is 2 s here
    assert browser.get("/log").status_code == 302


def test_the_cookie_flags(app):
    key = keys.create(app.extensions["osd"].sessions, "r4", "reviewer")
    plain = sign_in(app.test_client(), key).headers["Set-Cookie"]
    assert "HttpOnly" in plain and "SameSite=Lax" in plain and "Secure" not in plain
    secure = sign_in(app.test_client(), key, base_url="https://localhost").headers["Set-Cookie"]
    assert "Secure" in secure and "HttpOnly" in secure


def test_a_portal_key_cannot_sign_in(app):
    key = keys.create(app.extensions["osd"].sessions, "p1", "portal")
    browser = app.test_client()
    assert sign_in(browser, key).status_code == 401
    assert browser.get("/log").status_code == 302


TRY = ("/try?submitted=1&jurisdiction=wuxi&action=open&as_of=2026-11-23&requester_type=legal_person"
       "&open_class=unconditional")


@pytest.mark.parametrize("path", [TRY, TRY.replace("/try?", "/try.yaml?"), "/compare?submitted=1&action=open",
                                  "/compare.csv?submitted=1&action=open"])
def test_pages_that_decide_need_a_sign_in(app, path):
    r = app.test_client().get(path)
    assert r.status_code == 302 and "/login" in r.headers["Location"] and "next=" in r.headers["Location"]


def test_decisions_made_in_the_workbench_are_logged_under_the_reviewer(app):
    from decision_service.db import log as decision_log

    sessions = app.extensions["osd"].sessions
    key = keys.create(sessions, "r5", "reviewer")
    browser = app.test_client()
    page = browser.get("/login?next=" + TRY.replace("&", "%26")).get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    r = browser.post("/login?next=" + TRY.replace("&", "%26"), data={"key": key, "csrf": csrf, "next": TRY})
    assert r.status_code == 302 and r.headers["Location"].endswith(TRY)
    assert browser.get(TRY).status_code == 200
    compared = browser.get("/compare?submitted=1&action=open&as_of=2026-11-23&requester_type=natural_person&open_class=not_open")
    assert compared.status_code == 200 and "comparison" in compared.get_data(as_text=True)
    rows = decision_log.search(sessions, limit=50)
    names = [row["key_name"] for row in rows]
    assert names.count("workbench:r5") == 1 + 5  # the case, then one per jurisdiction compared


def test_sign_in_goes_back_only_to_this_site(app):
    key = keys.create(app.extensions["osd"].sessions, "r6", "reviewer")
    browser = app.test_client()
    page = browser.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    r = browser.post("/login", data={"key": key, "csrf": csrf, "next": "//evil.example/x"})
    assert r.headers["Location"].endswith("/log")
