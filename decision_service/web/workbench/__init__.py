"""The reviewers' workbench: server-rendered pages in Chinese and English.

Each regulation read article by article beside what encodes it, the
parameters side by side, and the coverage of every article (``reading``);
cases tried and compared (``cases``); the decision log for signed-in
reviewers (``decision_log``); applications by due date for supervisors (``supervision``);
what a candidate bundle would change (``impact``). Pages carry a strict Content-Security-Policy:
only the project's own stylesheet, no scripts, forms posting only here.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request

from ...db import data_dir
from ...store.bundle import JURISDICTIONS
from ...store.coverage import report as coverage_report
from .i18n import LANGS, STRINGS, lang, t

bp = Blueprint("workbench", __name__, template_folder="templates", static_folder="static",
               static_url_path="/workbench/static")

#: Paths of the API, which never read or set the workbench's session.
API_PREFIX = "/v1/"

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


@bp.after_request
def _headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.args.get("lang") in LANGS:
        response.set_cookie("lang", request.args["lang"], max_age=365 * 86400, samesite="Lax")
    return response


@bp.app_context_processor
def _context() -> dict:
    return {"t": t, "lang": lang(), "other_lang": "en" if lang() == "zh" else "zh", "strings": STRINGS}


def snapshot():  # noqa: ANN201 (the served bundle snapshot)
    """The bundle snapshot this worker serves (bundle, decider, revision)."""
    return current_app.extensions["osd"].current()


def coverage_of_served() -> dict:
    """Article statuses for the bundle being served, computed once per revision."""
    snap = snapshot()
    cache = current_app.extensions.setdefault("osd_coverage", {})
    if snap.revision not in cache:
        cache.clear()
        cache[snap.revision] = coverage_report(snap.decider, current_app.extensions["osd"].source / "tests" / "scenarios")
    return cache[snap.revision]


@bp.route("/")
def index():
    regs = snapshot().bundle.regulations
    return render_template("index.html", regs=[(j, regs[r]) for j, r in JURISDICTIONS.items()])


def register(app) -> None:  # noqa: ANN001
    """The workbench pages, with a session for reviewers signed in by key: the
    cookie is HttpOnly, SameSite=Lax, Secure when the request came over HTTPS
    (or always with ``SESSION_COOKIE_SECURE``), and expires with the sign-in
    (``SIGNIN_HOURS``, default 8)."""
    import datetime as dt

    from flask.sessions import SecureCookieSessionInterface

    class Cookies(SecureCookieSessionInterface):
        def get_cookie_secure(self, app) -> bool:  # noqa: ANN001
            return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure

        def open_session(self, app, request):  # noqa: ANN001, ANN201
            """The API (``/v1/``) has no sessions: its requests carry keys, never the workbench's cookie."""
            if request.path.startswith(API_PREFIX):
                return self.null_session_class()
            return super().open_session(app, request)

    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config.setdefault("SIGNIN_HOURS", 8.0)
    app.config["PERMANENT_SESSION_LIFETIME"] = dt.timedelta(hours=float(app.config["SIGNIN_HOURS"]))
    app.session_interface = Cookies()
    if not app.config.get("SECRET_KEY"):
        app.secret_key = _secret(Path(app.config.get("DATA_DIR") or data_dir()))
    app.register_blueprint(bp)


def _secret(folder: Path) -> str:
    """The session key, made once and kept in the data folder so every worker shares it."""
    import os
    import secrets

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "session.key"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}")
        tmp.write_text(secrets.token_hex(32))
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)  # the first process to get here wins; the others read its key
        except FileExistsError:
            pass
        tmp.unlink()
    return path.read_text().strip()


# The pages register their routes on ``bp`` when imported.
from . import cases, decision_log, impact, reading, supervision  # noqa: E402, F401
