"""The impact of candidate bundles in the workbench: the runs started with
``POST /v1/admin/impact`` (or ``osd log impact --run``), and each report, per
jurisdiction and outcome, with examples linked to the decisions in the log.
For signed-in reviewers."""

from __future__ import annotations

from flask import abort, current_app, render_template

from ...answers.impact import ASPECTS
from ...db import impact_runs
from . import bp
from .cases import signed_in


@bp.route("/impact")
@signed_in
def impact_page():
    return render_template("impact.html", runs=impact_runs.recent(current_app.extensions["osd"].sessions))


@bp.route("/impact/<run_id>")
@signed_in
def impact_run_page(run_id: str):
    run = impact_runs.get(current_app.extensions["osd"].sessions, run_id)
    if run is None:
        abort(404)
    return render_template("impact_run.html", run=run, aspects=ASPECTS)
