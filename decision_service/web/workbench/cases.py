"""The workbench pages for trying cases: a decision request as a form, with its
timeline chart and quoted articles and a download as a test scenario; one
request compared under every jurisdiction, as a page, CSV or Markdown.

They decide, so they are for signed-in reviewers only, and every decision they
make is logged like the API's, under the reviewer's key name prefixed
``workbench:``."""

from __future__ import annotations

import json
from functools import wraps

from flask import Response, abort, redirect, render_template, request, url_for

from ...answers.render import to_csv, to_markdown
from ..resources.comparisons import log_comparison
from ..resources.decisions import log_decisions
from . import bp, snapshot
from .decision_log import reviewer
from .forms import CHOICES, request_from


def signed_in(view):  # noqa: ANN001, ANN201
    """Send a visitor who is not signed in to the sign-in page, and back here after."""
    @wraps(view)
    def guarded(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if not reviewer():
            return redirect(url_for("workbench.login", next=request.full_path))
        return view(*args, **kwargs)
    return guarded


def _decide_form(with_jurisdiction: bool = True):
    """(request, decision or comparison, errors) for the submitted form, if any; logged."""
    from ...answers.compare import compare_requests, requests_for
    from ...answers.requests import RequestError, validate_request

    if not request.args.get("submitted"):
        return None, None, None
    raw = request_from(request.args, with_jurisdiction)
    who = f"workbench:{reviewer()}"
    try:
        if with_jurisdiction:
            req = validate_request(raw)
            decision = snapshot().decider.decide(req)
            log_decisions([(req, decision, json.dumps(decision, ensure_ascii=False))], key_name=who)
            return req, decision, None
        reqs = requests_for(raw)
        comparison = compare_requests(snapshot().decider, reqs)
        log_comparison(reqs, comparison, key_name=who)
        return raw, comparison, None
    except RequestError as exc:
        return raw, None, exc.fields


def _timeline_bars(decision: dict) -> list[dict]:
    """Bars for the timeline chart (an SVG: the page allows no styles or scripts of its own)."""
    steps = decision["timeline"]
    longest = max([s["working_days_from_start"] or 0 for s in steps] + [1])
    bars, start = [], 0
    for n, s in enumerate(steps):
        end = s["working_days_from_start"]
        width = 0 if end is None else max(4, int(420 * (end - start) / longest))
        bars.append({"y": 8 + 30 * n, "x": 190 + int(420 * start / longest), "width": width, "step": s})
        start = end if end is not None else start
    return bars


@bp.route("/try")
@signed_in
def try_case():
    req, decision, errors = _decide_form()
    return render_template("try.html", form=request.args, choices=CHOICES, req=req, d=decision, errors=errors,
                           bars=_timeline_bars(decision) if decision else [])


@bp.route("/try.yaml")
@signed_in
def try_yaml():
    """The case as a scenario file in the format of tests/scenarios, ready to propose."""
    import yaml

    req, decision, errors = _decide_form()
    if decision is None:
        abort(400)
    expect = {"outcome": decision["outcome"], "route": decision["route"]}
    if decision["deadline"]:
        expect["deadline"] = {k: decision["deadline"][k] for k in ("working_days", "due")}
    for key in ("conditions", "obligations", "remedies"):
        expect[key] = [t["code"] for t in decision[key]]
    if decision["missing"]:
        expect["missing"] = decision["missing"]
    doc = {"scenarios": [{"name": request.args.get("name") or f"{req['jurisdiction']} {req['action']} case",
                          "articles": sorted({b["ref"] for b in decision["basis"]})[:3],
                          "request": req, "expect": expect}]}
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    response = Response(text, content_type="application/yaml; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="scenario.yaml"'
    return response


@bp.route("/compare")
@signed_in
def compare_page():
    from ...answers.compare import table as compare_table

    req, comparison, errors = _decide_form(with_jurisdiction=False)
    table = compare_table(comparison) if comparison else None
    return render_template("compare.html", form=request.args, choices=CHOICES, table=table, errors=errors)


@bp.route("/compare.<fmt>")
@signed_in
def compare_download(fmt: str):
    from ...answers.compare import table as compare_table

    renderers = {"csv": ("text/csv", to_csv), "md": ("text/markdown", to_markdown)}
    if fmt not in renderers:
        abort(404)
    _, comparison, errors = _decide_form(with_jurisdiction=False)
    if comparison is None:
        abort(400)
    mimetype, render = renderers[fmt]
    response = Response(render(compare_table(comparison)), content_type=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="comparison.{fmt}"'
    return response
