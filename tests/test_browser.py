"""The workbench in a real browser: Debian's Chromium, headless, driven by
Playwright against the real server. On a failure a screenshot of the page is
saved under test-artifacts/."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from decision_service.store.bundle import ROOT

from .conftest import copy_bundle
from .test_server import Server

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("OSD_CHROMIUM") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("browser"), copy_bundle(tmp_path_factory.mktemp("browser-source")))
    example = json.loads((ROOT / "examples" / "request.json").read_text(encoding="utf-8"))
    assert s.request("POST", "/v1/decisions", example, role="portal")[0] == 200
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: scripts/browser installs Debian's package")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server, request):
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    pg = context.new_page()
    pg.base = f"http://127.0.0.1:{server.port}"
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


PAGES = [("/", "规定"), ("/regulations/wuxi-open", "无锡市公共数据开放实施细则"), ("/matrix", "参数对照"),
         ("/compare", "案例对照"), ("/try", "试一个案例"), ("/coverage", "覆盖情况"), ("/applications", "申请办理监督")]

#: Pages that decide or show applications, for signed-in reviewers only.
DECIDING = {"/compare", "/try", "/applications"}


def sign_in(page, server, then: str) -> None:
    """Open ``then``; it sends a visitor to the sign-in page, and back after a reviewer key."""
    page.goto(page.base + then)
    assert "/login" in page.url
    page.fill("#f-key", server.keys["reviewer"])
    page.click("#sign-in")
    assert page.url.endswith(then)


@pytest.mark.parametrize("path,heading", PAGES)
def test_each_page_opens_in_chinese_with_a_cjk_font(page, server, path, heading):
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    if path in DECIDING:
        sign_in(page, server, path)
    page.goto(page.base + path)
    assert heading in page.locator("h1").first.inner_text()
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '规定')")
    assert not [m for m in messages if "Content Security Policy" in m]


def test_try_a_case_shows_the_decision_and_its_timeline(page, server):
    sign_in(page, server, "/try")
    page.select_option("#f-jurisdiction", "wuxi")
    page.select_option("#f-action", "open")
    page.fill("#f-as_of", "2026-11-23")
    page.select_option("#f-requester_type", "legal_person")
    page.select_option("#f-real_name_verified", "yes")
    page.select_option("#f-agreement_accepted", "yes")
    page.select_option("#f-open_class", "conditional")
    for field, value in (("title", "公交客流"), ("reason", "线路优化"), ("output_form", "报告"), ("scenario", "线路规划")):
        page.fill(f"#f-{field}", value)
    page.select_option("#f-request_type", "dataset")
    page.fill("#f-usage_from", "2026-12-01")
    page.fill("#f-usage_to", "2027-11-30")
    page.select_option("#f-commitment", "yes")
    page.click("#decide")
    assert page.inner_text("#outcome") == "apply"
    assert "2026-12-07" in page.inner_text("#due")
    told = page.inner_text("#applicant-text")
    assert "2026年12月7日" in told and "requester." not in told and "第十五条" in told
    assert page.locator("svg.timeline rect").count() == 3
    with page.expect_download() as got:
        page.click("#save-yaml")
    text = Path(got.value.path()).read_text(encoding="utf-8")
    assert "outcome: apply" in text and "due: '2026-12-07'" in text
    # the decision is in the log under the reviewer's name
    page.goto(page.base + "/log")
    assert "workbench:live-reviewer" in page.inner_text("#log-entries")


def test_switching_language(page):
    page.goto(page.base + "/regulations/guangxi-scheduling")
    assert "征求意见稿" in page.inner_text("#status")
    page.click("#switch-lang")
    assert "Draft for comment: not binding" in page.inner_text("#status")
    page.goto(page.base + "/matrix")
    assert page.inner_text("h1").startswith("Matrix")


def test_compare_and_download_the_csv(page, server):
    sign_in(page, server, "/compare")
    page.select_option("#f-action", "open")
    page.fill("#f-as_of", "2026-11-23")
    page.select_option("#f-requester_type", "natural_person")
    page.select_option("#f-open_class", "not_open")
    page.click("#compare")
    assert page.locator("#comparison tr").count() > 5
    with page.expect_download() as got:
        page.click("#compare-csv")
    text = Path(got.value.path()).read_text(encoding="utf-8")
    assert text.startswith("topic,nanning,qingyang,wuxi,nanjing,guangxi,differs")
    assert "outcome,deny (不能获取)" in text


def test_the_log_needs_a_reviewer_sign_in(page, server):
    page.goto(page.base + "/log")
    assert page.url.endswith("/login")
    page.fill("#f-key", server.keys["portal"])
    page.click("#sign-in")
    assert page.locator("#login-error").count() == 1
    page.fill("#f-key", server.keys["reviewer"])
    page.click("#sign-in")
    assert page.url.endswith("/log")
    assert "wuxi" in page.inner_text("#log-entries")
    page.click("#log-entries a")
    page.click("#replay")
    assert "相同" in page.inner_text("#replay-result")


def test_the_supervisors_page_lists_applications_by_due_date_and_marks_the_late(page, server):
    from decision_service.answers.decide import today_shanghai

    from .test_applications import CASES

    made = {}
    for name, case, received in (("late", CASES[2], "2026-11-02"), ("wuxi", CASES[0], today_shanghai())):
        status, app = server.request("POST", "/v1/applications", {"request": case["request"], "received_on": received,
                                                                   "reference": f"portal-{name}"}, role="portal")
        assert status == 201, app
        made[name] = app
    sign_in(page, server, "/applications")
    rows = page.locator("#applications tr[data-id]")
    ids = [rows.nth(i).get_attribute("data-id") for i in range(rows.count())]
    assert ids.index(made["late"]["id"]) < ids.index(made["wuxi"]["id"])  # the earlier due date first
    late = page.locator(f"tr[data-id='{made['late']['id']}']")
    overdue_by = -made["late"]["next"]["working_days_left"]
    assert late.get_attribute("class") == "late" and f"逾期工作日 {overdue_by}" in late.inner_text()
    assert "2026-11-05" in late.inner_text() and "数据提供部门" in late.inner_text()
    assert page.locator(f"tr[data-id='{made['wuxi']['id']}']").get_attribute("class") == ""
    page.select_option("#f-jurisdiction", "wuxi")
    page.click("#filter")
    page.wait_for_url("**jurisdiction=wuxi**")
    shown = page.inner_text("#applications")
    assert "portal-wuxi" in shown and "portal-late" not in shown
    page.goto(page.base + "/applications?overdue=true&lang=en")
    assert page.locator(f"tr[data-id='{made['wuxi']['id']}']").count() == 0
    assert f"late by {overdue_by}" in page.locator(f"tr[data-id='{made['late']['id']}']").inner_text()
    page.click(f"tr[data-id='{made['late']['id']}'] td a")
    assert page.inner_text("#application-state") == "received"
    assert "2026-11-05" in page.inner_text("#duties tr.late") and "providing department" in page.inner_text("#duties")
    page.click("#duties a[href*='guangxi-scheduling']")
    page.wait_for_url("**/regulations/guangxi-scheduling#art-33")
    page.go_back()
    page.click("#decision-link")
    page.wait_for_url(f"**/log/{made['late']['decision_id']}")
    assert made["late"]["decision_id"] in page.inner_text("h1")


def test_the_supervisors_page_needs_a_reviewer(page, server):
    page.goto(page.base + "/applications")
    assert "/login" in page.url
    page.fill("#f-key", server.keys["portal"])
    page.click("#sign-in")
    assert page.locator("#login-error").count() == 1


def test_the_impact_report_shows_what_a_candidate_would_change(page, server, tmp_path):
    import time

    from .test_impact import candidate, upload

    status, run = upload(server, candidate(tmp_path, 12).read_bytes())
    assert status == 202, run
    deadline = time.monotonic() + 120
    while run["state"] == "running" and time.monotonic() < deadline:
        time.sleep(0.5)
        run = server.request("GET", f"/v1/admin/impact/{run['id']}", role="reviewer")[1]
    assert run["state"] == "done" and run["report"]["changed"] >= 1, run  # the example request is Wuxi's reply
    sign_in(page, server, "/impact")
    page.click(f"#impact-runs a[href$='{run['id']}']")
    assert f"{run['report']['changed']} / {run['report']['decisions']}" in page.inner_text("#impact-summary")
    assert page.locator("tr[data-group='wuxi-apply']").get_attribute("class") == "late"
    example = page.inner_text("#impact-examples")
    assert "到期日" in example and "reply_application" in example
    page.click("#impact-examples a")
    page.wait_for_url("**/log/**")
    assert "/log/" in page.url
