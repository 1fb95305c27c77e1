"""What the applicant is told, printed as it is by a portal with no template of
its own, in a real browser for every jurisdiction and every outcome; each
article link opens the article in the workbench."""

from __future__ import annotations

import html

from decision_service.store.scenarios import load_scenarios, request_of

from .test_browser import browser, page, server  # noqa: F401  (the fixtures)


def test_every_jurisdiction_and_outcome_prints_and_links_its_articles(page, server):  # noqa: F811
    told: dict[tuple[str, str], dict] = {}
    for s in load_scenarios():
        if s["kind"] != "decision":
            continue
        status, d = server.request("POST", "/v1/decisions", request_of(s), role="portal")
        assert status == 200
        told.setdefault((d["jurisdiction"], d["outcome"]), d["explanation"]["applicant"])
    assert len(told) == 25, sorted(told)
    links: dict[str, str] = {}
    for (jurisdiction, outcome), a in sorted(told.items()):
        items = "".join(f'<li><a href="{page.base}{x["href"]}">{html.escape(x["title"] + x["label"])}</a></li>'
                        for x in a["articles"])
        page.set_content(f'<html lang="zh"><body><p id="zh">{html.escape(a["zh"])}</p>'
                         f'<p id="en">{html.escape(a["en"])}</p><ul>{items}</ul></body></html>')
        assert page.inner_text("#zh") == a["zh"] and page.inner_text("#en") == a["en"], (jurisdiction, outcome)
        assert page.locator("a").count() == len(a["articles"]) > 0
        links.update({x["href"]: x["label"] for x in a["articles"]})
    for href, label in sorted(links.items()):
        page.goto(page.base + href)
        anchor = page.locator("#" + href.split("#", 1)[1])
        assert anchor.count() == 1 and label in anchor.inner_text(), href
