"""The supervisor's page (大数据主管部门 see who is late): every application by
the due date of its next duty, late ones marked, filtered by jurisdiction, the
body that owes the duty and state; each opens on its duties, the articles they
rest on, its events and its decision in the log. For signed-in reviewers."""

from __future__ import annotations

import datetime as dt

from flask import abort, current_app, render_template, request, url_for

from ...answers.application_answer import render
from ...answers.decide import today_shanghai
from ...answers.vocabulary import APPLICATION_STATES
from ...db import applications as store
from ...store.bundle import JURISDICTIONS
from . import bp, snapshot
from .cases import signed_in

PAGE = 50


def article_link(ref: str) -> str:
    """``wuxi-open#15.3`` → the reader at article 15."""
    reg, _, number = ref.partition("#")
    return url_for("workbench.reader", reg_id=reg) + f"#art-{number.split('.')[0]}"


@bp.app_context_processor
def _links() -> dict:
    return {"article_link": article_link}


def _filters(args) -> dict:  # noqa: ANN001
    """The filters asked, each kept only if it is one the page offers."""
    return {"jurisdiction": args.get("jurisdiction") if args.get("jurisdiction") in JURISDICTIONS else None,
            "state": args.get("state") if args.get("state") in APPLICATION_STATES else None,
            "actor": (args.get("actor") or "").strip()[:100] or None,
            "overdue": args.get("overdue") == "true"}


@bp.route("/applications")
@signed_in
def applications_page():
    f, today = _filters(request.args), dt.date.fromisoformat(today_shanghai())
    after = store.decode_cursor(request.args["cursor"]) if request.args.get("cursor") else None
    rows = store.listing(current_app.extensions["osd"].sessions, jurisdiction=f["jurisdiction"], state=f["state"],
                         actor=f["actor"], overdue_on=today if f["overdue"] else None, after=after, limit=PAGE + 1)
    calendar = snapshot().decider.calendar
    apps = [render(r, calendar, today) for r in rows[:PAGE]]
    more = store.encode_cursor(rows[PAGE - 1]["next_due"], rows[PAGE - 1]["id"]) if len(rows) > PAGE else None
    query = {k: ("true" if v is True else v) for k, v in f.items() if v}
    return render_template("applications.html", apps=apps, form=f, today=today.isoformat(), states=APPLICATION_STATES,
                           jurisdictions=list(JURISDICTIONS),
                           next_page=url_for("workbench.applications_page", **query, cursor=more) if more else None)


@bp.route("/applications/<application_id>")
@signed_in
def application_page(application_id: str):
    app = store.load(current_app.extensions["osd"].sessions, application_id)
    if app is None:
        abort(404)
    shown = render(app, snapshot().decider.calendar, dt.date.fromisoformat(today_shanghai()), full=True)
    return render_template("application.html", a=shown)
