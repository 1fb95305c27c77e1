"""The impact of candidate bundles in the workbench: the runs started with
``POST /v1/admin/impact`` (or ``osd log impact --run``), and each report, per
jurisdiction and outcome, with examples linked to the decisions in the log.
For signed-in reviewers."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for

from ...answers.impact import ASPECTS
from ...db import impact_runs
from . import bp
from .decision_log import reviewer


@bp.route("/impact")
def impact_page():
    if not reviewer():
        return redirect(url_for("workbench.login", next=request.path))
    return render_template("impact.html", runs=impact_runs.recent(current_app.extensions["osd"].sessions))


@bp.route("/impact/<run_id>")
def impact_run_page(run_id: str):
    if not reviewer():
        return redirect(url_for("workbench.login", next=request.path))
    run = impact_runs.get(current_app.extensions["osd"].sessions, run_id)
    if run is None:
        abort(404)
    return render_template("impact_run.html", run=run, aspects=ASPECTS)
