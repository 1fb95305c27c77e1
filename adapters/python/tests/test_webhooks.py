"""Notices of the real service's webhooks, received here and checked with the
client's ``verify_webhook``; and the Standard Webhooks example, so the check
is the scheme's and not only the service's own."""

from __future__ import annotations

import base64
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from osd_client import Client, WebhookError, verify_webhook

LATE = {"jurisdiction": "guangxi", "action": "open", "requester": {"type": "legal_person"},
        "dataset": {"open_class": "conditional"}}


def test_the_standard_webhooks_example_verifies():
    headers = {"webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330",
               "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}
    secret, body = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", b'{"test": 2432232314}'
    assert verify_webhook(secret, headers, body, now=1614265330) == {"test": 2432232314}
    with pytest.raises(WebhookError, match="signature"):
        verify_webhook(secret, headers, b'{"test": 2432232315}', now=1614265330)
    with pytest.raises(WebhookError, match="timestamp"):
        verify_webhook(secret, headers, body, now=1614265330 + 301)


def test_a_late_application_is_told_to_the_portal_and_verifies(service):
    url, portal, _ = service
    posts: list[tuple[dict, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            posts.append((dict(self.headers), self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        client = Client(url, key=portal)
        hook = client.create_webhook(f"http://127.0.0.1:{receiver.server_address[1]}/osd",
                                     events=["application.overdue"])
        app = client.register_application(LATE, received_on="2026-11-02")
        deadline = time.monotonic() + 60
        while not posts and time.monotonic() < deadline:
            time.sleep(0.2)
        assert posts, "no notice arrived"
        headers, body = posts[0]
        notice = verify_webhook(hook["secret"], headers, body)
        assert notice["type"] == "application.overdue" and notice["data"]["application"]["id"] == app["id"]
        with pytest.raises(WebhookError):
            verify_webhook("whsec_" + base64.b64encode(b"another key of 24 bytes!").decode(), headers, body)
        (delivery,) = client.webhook_deliveries(hook["id"])
        assert delivery["state"] == "delivered" and delivery["attempts"][0]["status"] == 204
        listed = client.applications(overdue=True, jurisdiction="guangxi")
        assert app["id"] in {a["id"] for a in listed["applications"]}
    finally:
        receiver.shutdown()
