"""Webhooks on the real server with SQLite and with PostgreSQL, posting to a
receiver run here: late and due-soon applications and recorded answers are
notified once each, signed as the Standard Webhooks scheme signs (checked
here with its own code, not the service's), retried after a failure with
every attempt recorded; one key's notices never reach another key's receiver."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from decision_service.answers.decide import today_shanghai
from decision_service.web.notify import signature, verify

from .conftest import copy_bundle
from .test_applications import CASES, fresh_database
from .test_server import Server


class Receiver:
    """An HTTP receiver of webhook posts: keeps each post and answers the statuses queued, then 200."""

    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.answers: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = receiver.answers.pop(0) if receiver.answers else 200
                receiver.posts.append({"path": self.path, "headers": dict(self.headers), "body": body,
                                       "status": status, "at": time.time()})
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.http.server_address[1]}{path}"

    def at(self, path: str) -> list[dict]:
        return [p for p in self.posts if p["path"] == path]

    def wait(self, path: str, test, seconds: float = 60.0) -> list[dict]:  # noqa: ANN001
        """The posts to ``path`` once ``test`` holds for them (the server sends every half second here)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            posts = self.at(path)
            if test(posts):
                return posts
            time.sleep(0.2)
        pytest.fail(f"posts to {path} never satisfied the test: {[notice(p) for p in self.at(path)]}")


def notice(post: dict) -> tuple[str, str]:
    doc = json.loads(post["body"])
    return doc["type"], doc["data"]["application"]["id"]


def standard_signature(secret: str, headers: dict, body: bytes) -> str:
    """The Standard Webhooks signature, written here from the scheme: v1, base64 HMAC-SHA256 of id.timestamp.body."""
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


@pytest.fixture(scope="module")
def receiver():
    r = Receiver()
    yield r
    r.http.shutdown()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    data = tmp_path_factory.mktemp(f"hooks-{request.param}")
    s = Server(data, copy_bundle(tmp_path_factory.mktemp("hooks-source")), fresh_database(request.param, data),
               env={"OSD_WEBHOOK_SECONDS": "0.5", "OSD_WEBHOOK_RETRY_SECONDS": "0.5"})
    s.keys["other"] = s.osd("keys", "create", "--name", "other-portal", "--role", "portal").stdout.strip()
    s.kind = request.param
    yield s
    s.stop()


def hook(server, receiver: Receiver, path: str, role: str = "portal", **options: object) -> dict:
    status, made = server.request("POST", "/v1/webhooks", {"url": receiver.url(path), **options}, role=role)
    assert status == 201, made
    assert made["secret"].startswith("whsec_") and made["url"] == receiver.url(path)
    return made


def application(server, received_on: str, role: str = "portal") -> dict:
    status, app = server.request("POST", "/v1/applications", {"request": CASES[2]["request"],
                                                               "received_on": received_on}, role=role)
    assert status == 201, app
    return app


def test_late_and_due_soon_applications_are_notified_once_each_and_signed(server, receiver):
    path = f"/{server.kind}/due"
    near = hook(server, receiver, path + "-3", due_soon_days=3, events=["application.due_soon", "application.overdue"])
    hook(server, receiver, path + "-2", due_soon_days=2, events=["application.due_soon"])
    late = application(server, "2026-11-02")  # open_review due 2026-11-05: late
    fresh = application(server, today_shanghai())  # due in 3 working days
    assert fresh["next"]["working_days_left"] == 3
    posts = receiver.wait(path + "-3", lambda ps: {("application.overdue", late["id"]),
                                                   ("application.due_soon", fresh["id"])} <= {notice(p) for p in ps})
    for post in posts:
        headers = {k.lower(): v for k, v in post["headers"].items()}
        assert headers["webhook-signature"] == standard_signature(near["secret"], headers, post["body"])
        assert abs(int(headers["webhook-timestamp"]) - post["at"]) < 60
        assert verify(near["secret"], headers, post["body"])
        assert not verify(near["secret"], headers, post["body"].replace(b"overdue", b"answered"))
    told = {notice(p): json.loads(p["body"]) for p in posts}
    shown = told[("application.overdue", late["id"])]["data"]["application"]
    assert shown["next"]["due"] == "2026-11-05" and shown["next"]["overdue"] is True
    assert shown["next"]["working_days_left"] < 0 and shown["next"]["basis"] == ["guangxi-scheduling#33"]
    time.sleep(3)  # several more passes: nothing is told twice
    again = [notice(p) for p in receiver.at(path + "-3")]
    assert again.count(("application.overdue", late["id"])) == 1
    assert again.count(("application.due_soon", fresh["id"])) == 1
    # The webhook that wants two working days' notice is not told of a duty due in three, nor of a late one.
    assert all(notice(p)[1] not in (fresh["id"], late["id"]) for p in receiver.at(path + "-2"))


def test_an_answer_is_notified_and_retried_after_a_failure_with_each_attempt_recorded(server, receiver):
    path = f"/{server.kind}/answers"
    made = hook(server, receiver, path, events=["application.answered"])
    app = application(server, "2026-11-23")
    receiver.answers += [500]
    status, _ = server.request("POST", f"/v1/applications/{app['id']}/events",
                               {"type": "answered", "on": "2026-11-25", "outcome": "granted"}, role="portal")
    assert status == 201
    posts = receiver.wait(path, lambda ps: len(ps) >= 2)
    assert [p["status"] for p in posts] == [500, 200]
    assert posts[0]["body"] == posts[1]["body"] and posts[0]["headers"]["webhook-id"] == posts[1]["headers"]["webhook-id"]
    doc = json.loads(posts[1]["body"])
    assert doc["type"] == "application.answered" and doc["data"]["event"]["outcome"] == "granted"
    assert doc["data"]["application"]["state"] == "granted" and doc["data"]["application"]["id"] == app["id"]
    status, page = server.request("GET", f"/v1/webhooks/{made['id']}/deliveries", role="portal")
    assert status == 200
    (delivery,) = page["deliveries"]
    assert delivery["state"] == "delivered" and delivery["id"] == posts[0]["headers"]["webhook-id"]
    assert [(a["n"], a["status"]) for a in delivery["attempts"]] == [(1, 500), (2, 200)]
    assert delivery["attempts"][0]["error"] == "HTTP 500 Internal Server Error" and delivery["body"] == posts[1]["body"].decode()


def test_a_receiver_that_is_down_is_tried_again_and_the_notice_kept(server, receiver):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    status, made = server.request("POST", "/v1/webhooks", {"url": f"http://127.0.0.1:{port}/down",
                                                           "events": ["application.answered"]}, role="portal")
    assert status == 201
    app = application(server, "2026-11-23")
    server.request("POST", f"/v1/applications/{app['id']}/events", {"type": "answered", "outcome": "granted",
                                                                     "on": "2026-11-24"}, role="portal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        (delivery,) = server.request("GET", f"/v1/webhooks/{made['id']}/deliveries", role="portal")[1]["deliveries"]
        if len(delivery["attempts"]) >= 2:
            break
        time.sleep(0.3)
    assert delivery["state"] == "pending" and delivery["next_attempt_at"]
    assert all(a["status"] is None and "Connection" in a["error"] for a in delivery["attempts"])


def test_one_keys_notices_never_reach_another_keys_receiver(server, receiver):
    path = f"/{server.kind}/other"
    theirs = hook(server, receiver, path, role="other", due_soon_days=30)
    mine = application(server, "2026-11-02")
    status, _ = server.request("GET", f"/v1/webhooks/{theirs['id']}", role="portal")
    assert status == 404
    status, listed = server.request("GET", "/v1/webhooks", role="portal")
    assert theirs["id"] not in {w["id"] for w in listed["webhooks"]} and "secret" not in json.dumps(listed)
    time.sleep(3)
    assert all(notice(p)[1] != mine["id"] for p in receiver.at(path))


def test_a_deleted_webhook_is_sent_nothing_more(server, receiver):
    path = f"/{server.kind}/deleted"
    made = hook(server, receiver, path, events=["application.answered"])
    status, _ = server.request("DELETE", f"/v1/webhooks/{made['id']}", role="portal")
    assert status == 204
    assert server.request("GET", f"/v1/webhooks/{made['id']}", role="portal")[0] == 404
    assert server.request("GET", f"/v1/webhooks/{made['id']}/deliveries", role="portal")[0] == 404
    assert made["id"] not in {w["id"] for w in server.request("GET", "/v1/webhooks", role="portal")[1]["webhooks"]}
    assert server.request("DELETE", f"/v1/webhooks/{made['id']}", role="portal")[0] == 204
    app = application(server, "2026-11-23")
    server.request("POST", f"/v1/applications/{app['id']}/events", {"type": "answered", "outcome": "granted"},
                   role="portal")
    time.sleep(3)
    assert receiver.at(path) == []


@pytest.mark.parametrize(("body", "field"), [
    ({"url": "ftp://portal.example.cn/hook"}, "url"),
    ({"url": "https://user:pw@portal.example.cn/hook"}, "url"),
    ({"url": "https://portal.example.cn/hook", "events": ["application.lost"]}, "events.0"),
    ({"url": "https://portal.example.cn/hook", "events": []}, "events"),
    ({"url": "https://portal.example.cn/hook", "due_soon_days": 31}, "due_soon_days"),
    ({"url": "https://portal.example.cn/hook", "due_soon_days": "3"}, "due_soon_days"),
    ({"url": "https://portal.example.cn/hook", "secret": "mine"}, "secret"),
])
def test_a_bad_webhook_names_its_field(server, body, field):
    status, answer = server.request("POST", "/v1/webhooks", body, role="portal")
    assert status == 400 and field in answer["error"]["fields"], answer


def test_only_portal_keys_register_webhooks(server):
    status, answer = server.request("POST", "/v1/webhooks", {"url": "https://portal.example.cn/hook"}, role="reviewer")
    assert status == 403, answer


def test_a_stale_or_forged_post_does_not_verify():
    secret = "whsec_" + base64.b64encode(b"k" * 24).decode()
    body, now = b'{"type":"application.overdue"}', int(time.time())
    headers = {"webhook-id": "d1", "webhook-timestamp": str(now), "webhook-signature": signature(secret, "d1", now, body)}
    assert verify(secret, headers, body)
    stale = now - 301
    assert not verify(secret, {**headers, "webhook-timestamp": str(stale),
                               "webhook-signature": signature(secret, "d1", stale, body)}, body)
    assert not verify(secret, {**headers, "webhook-id": "d2"}, body)
    assert not verify("whsec_" + base64.b64encode(b"j" * 24).decode(), headers, body)


def test_the_signature_is_the_standard_webhooks_one():
    """The example of the Standard Webhooks specification, signed by the service's code."""
    body = b'{"test": 2432232314}'
    assert signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body) \
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
