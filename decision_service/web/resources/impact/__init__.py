"""``POST /v1/admin/impact``: what a candidate bundle would change in the
answers logged over a period, before it goes live (admin key). The run takes
as long as the log is large, so it is started (202) and read as it goes: the
service runs ``osd log impact --run`` in a process of its own, which writes
its progress and then its report to the run's row (``db.impact_runs``)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid

from flask import current_app, g, jsonify, request
from flask_smorest import Blueprint

from ....answers.requests import NOT_A_DATE, iso_date
from ....db import impact_runs
from ....store.bundle import BundleError
from ....store.candidate import read_archive
from ...auth import require
from ...errors import ApiError, refuse, unknown_parameters
from .schemas import ImpactRunListSchema, ImpactRunSchema

blp = Blueprint("impact", __name__, url_prefix="/v1/admin", description="What a candidate bundle would change")

ARCHIVE_TYPES = ("application/gzip", "application/x-gzip", "application/octet-stream")
PERIOD_DOC = [
    {"in": "query", "name": name, "schema": {"type": "string", "format": "date"},
     "description": f"decisions logged {word} this day (UTC), inclusive"} for name, word in
    (("since", "on or after"), ("until", "on or before"))]


def _service():
    return current_app.extensions["osd"]


def _period() -> tuple[str | None, str | None]:
    args = request.args
    fields = unknown_parameters({"since", "until"})
    for name in ("since", "until"):
        if name in args and iso_date(args[name]) is None:
            fields[name] = [NOT_A_DATE]
    if not fields and args.get("since") and args.get("until") and args["since"] > args["until"]:
        fields["until"] = ["Before since."]
    refuse(fields)
    return args.get("since"), args.get("until")


@blp.route("/impact", methods=["POST"])
@blp.doc(security=[{"ApiKey": []}], parameters=PERIOD_DOC, requestBody={"required": True, "content": {
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    "description": "the candidate: an archive of osd bundle build (.tar.gz), sent as application/octet-stream "
                   "(application/gzip and application/x-gzip are taken too)"})
@blp.response(202, ImpactRunSchema)
@require("admin")
def start():
    """Start deciding every logged request of the period under the candidate; read the run at its Location."""
    if request.mimetype not in ARCHIVE_TYPES:
        raise ApiError(415, "unsupported_media_type", "send the bundle archive as application/gzip",
                       {"Content-Type": [f"got {request.mimetype or 'none'}"]})
    since, until = _period()
    archive = request.get_data(cache=False)
    try:
        read_archive(archive)
    except BundleError as exc:
        raise ApiError(400, "invalid_request", f"bundle: {exc}", {"(body)": [str(exc)]}) from None
    run_id = str(uuid.uuid4())
    folder = _service().data_dir / "impact"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{run_id}.tar.gz"
    path.write_bytes(archive)
    impact_runs.create(_service().sessions, run_id, g.get("key_name"), since, until)
    period = [x for name, value in (("--since", since), ("--until", until)) if value for x in (name, value)]
    proc = subprocess.Popen([sys.executable, "-m", "decision_service.cli", "log", "impact", "--bundle", str(path),
                             "--run", run_id, *period], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True, env={
                                **os.environ, "OSD_DATA_DIR": str(_service().data_dir),
                                "DATABASE_URL": _service().engine.url.render_as_string(hide_password=False)})
    threading.Thread(target=proc.wait, daemon=True).start()  # reaped when it ends
    shown = impact_runs.get(_service().sessions, run_id)
    return jsonify(shown), 202, {"Location": shown["links"]["self"]}


@blp.route("/impact", methods=["GET"])
@blp.doc(security=[{"ApiKey": []}])
@blp.response(200, ImpactRunListSchema)
@require("reviewer")
def listing():
    """The newest runs first, without their reports."""
    return jsonify({"runs": impact_runs.recent(_service().sessions)})


@blp.route("/impact/<run_id>", methods=["GET"])
@blp.doc(security=[{"ApiKey": []}])
@blp.response(200, ImpactRunSchema)
@require("reviewer")
def show(run_id: str):
    """A run: its progress while it runs, then its report."""
    shown = impact_runs.get(_service().sessions, run_id)
    if shown is None:
        raise ApiError(404, "not_found", f"no impact run {run_id}", {"run_id": ["unknown"]})
    return jsonify(shown)
