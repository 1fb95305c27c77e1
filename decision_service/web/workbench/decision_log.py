"""The decision log in the workbench, for reviewers signed in by key: search,
open, replay; every form that changes something carries a CSRF token."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from ...answers.requests import iso_date
from ...db import signins
from . import bp, snapshot
from .forms import CHOICES
from .i18n import t


def _csrf_token() -> str:
    import secrets

    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _check_csrf() -> None:
    import hmac

    sent = request.form.get("csrf", "")
    if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
        abort(400, description="the form's CSRF token is missing or stale; reload the page")


def reviewer() -> str | None:
    """The signed-in reviewer: the session's token must name a live sign-in whose
    key is still a reviewer or admin key (checked on every request)."""
    if "reviewer" in g:
        return g.reviewer
    osd = current_app.extensions["osd"]
    holder = signins.holder_of(osd.sessions, osd.keys, session.get("signin"))
    g.reviewer = holder.name if holder is not None and holder.role in ("reviewer", "admin") else None
    if g.reviewer:
        g.key_prefix = holder.prefix
    return g.reviewer


@bp.app_context_processor
def _csrf_context() -> dict:
    return {"csrf_token": _csrf_token, "reviewer": reviewer()}


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        _check_csrf()
        osd = current_app.extensions["osd"]
        key = request.form.get("key", "").strip()
        holder = osd.keys.holder(key)
        if holder is not None and holder.role in ("reviewer", "admin"):
            signins.close_signin(osd.sessions, session.get("signin"))
            session.clear()
            session.permanent = True  # the cookie expires with the sign-in
            session["signin"] = signins.open_signin(osd.sessions, key, current_app.config["SIGNIN_HOURS"])
            return redirect(_next_page() or url_for("workbench.log_page"))
        error = t("bad_key")
    return render_template("login.html", error=error), (401 if error else 200)


def _next_page() -> str | None:
    """Where the sign-in page was sent from: a path of this site only, never another host."""
    target = request.args.get("next") or request.form.get("next") or ""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else None


@bp.route("/logout", methods=["POST"])
def logout():
    _check_csrf()
    signins.close_signin(current_app.extensions["osd"].sessions, session.get("signin"))
    session.clear()
    return redirect(url_for("workbench.index"))


@bp.route("/log")
def log_page():
    from ...db import log as decision_log

    if not reviewer():
        return redirect(url_for("workbench.login"))
    args = request.args
    entries = decision_log.search(current_app.extensions["osd"].sessions, since=args.get("since") or None,
                                  until=args.get("until") or None, jurisdiction=args.get("jurisdiction") or None,
                                  outcome=args.get("outcome") or None, limit=100) if _valid_search(args) else []
    return render_template("log.html", entries=entries, form=args, choices=CHOICES)


def _valid_search(args) -> bool:  # noqa: ANN001
    return all(iso_date(args[key]) for key in ("since", "until") if args.get(key))


@bp.route("/log/<decision_id>", methods=["GET", "POST"])
def log_entry(decision_id: str):
    from ...db import log as decision_log
    from ..resources.decisions import replay_entry

    if not reviewer():
        return redirect(url_for("workbench.login"))
    entry = decision_log.get(current_app.extensions["osd"].sessions, decision_id)
    if entry is None:
        abort(404)
    replay = None
    if request.method == "POST":
        _check_csrf()
        replay = replay_entry(snapshot().decider, entry)
    return render_template("log_entry.html", e=entry, replay=replay)
