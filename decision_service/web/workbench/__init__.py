"""The reviewers' workbench: server-rendered pages in Chinese and English.

Each regulation read article by article beside what encodes it, the
parameters side by side, and the coverage of every article. Pages carry a
strict Content-Security-Policy: only the project's own stylesheet, no
scripts, forms posting only here.
"""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from ...bundle import JURISDICTIONS
from ...counting import short
from ...coverage import report as coverage_report
from ...db import data_dir
from ...decide import today_shanghai
from ...matrix import build as build_matrix
from ...matrix import refs as matrix_refs
from ...matrix import table as matrix_table
from ...render import to_csv, to_markdown
from ...requests import iso_date
from ...rules import rules_by_article
from .forms import CHOICES, request_from
from .i18n import LANGS, STRINGS, lang, t

bp = Blueprint("workbench", __name__, template_folder="templates", static_folder="static",
               static_url_path="/workbench/static")

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


def _snapshot():
    return current_app.extensions["osd"].current()


def _coverage() -> dict:
    """Article statuses for the bundle being served, computed once per revision."""
    snap = _snapshot()
    cache = current_app.extensions.setdefault("osd_coverage", {})
    if snap.revision not in cache:
        cache.clear()
        cache[snap.revision] = coverage_report(snap.decider, current_app.extensions["osd"].source / "tests" / "scenarios")
    return cache[snap.revision]


@bp.route("/")
def index():
    regs = _snapshot().bundle.regulations
    return render_template("index.html", regs=[(j, regs[r]) for j, r in JURISDICTIONS.items()])


@bp.route("/regulations/<reg_id>")
def reader(reg_id: str):
    bundle = _snapshot().bundle
    reg = bundle.regulations.get(reg_id)
    if reg is None:
        abort(404)
    as_of = request.args.get("as_of") or today_shanghai()
    version = bundle.version_on(reg_id, as_of)
    statuses = {row.ref: row for row in _coverage()[reg_id]}
    by_article = rules_by_article(bundle)
    articles = []
    for art in reg["articles"]:
        ref = f"{reg_id}#{art['number']}"
        row = statuses[ref]
        labels = tuple(i["label"] for i in art.get("items", []))
        lines = [{"text": line, "item": bool(labels) and line.startswith(labels)} for line in art["text"].splitlines()]
        paths = sorted({c.where.split(": ", 1)[-1] for c in row.citations if c.kind in ("parameter", "body")
                        and (version is None or f" {version['id']}:" in c.where)})
        parameters = [(path, _value(version["parameters"], path)) for path in paths] if version else []
        notes = []
        for owner, key in sorted({(c.where.split(" note ")[0], c.where.split(" note ")[1]) for c in row.citations
                                  if c.kind == "note"}):
            notes.append(bundle.regulations[owner]["notes"][key][lang()])
        articles.append({"ref": ref, "art": art, "lines": lines, "status": row.status, "reason": row.reason,
                         "rules": by_article.get(ref, []), "parameters": parameters, "notes": notes,
                         "tested_by": row.tested_by})
    superior = [r for r in bundle.superior.values() if reg["jurisdiction"] in r["jurisdictions"]]
    return render_template("reader.html", reg=reg, reg_id=reg_id, version=version, as_of=as_of, articles=articles,
                           superior=superior)


def _value(params: dict, path: str) -> str:
    """A parameter's value in a line: its limit, text or labels (what a reviewer checks against the article)."""
    node: object = params
    for part in path.replace("]", "").replace("[", ".").split("."):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return ""
    if isinstance(node, dict):
        if "count" in node:
            return f"{node['text']}（{short(node)[0]}）"
        if "steps" in node:
            return f"{node['text']}：{'、'.join(node['steps'])}"
        if "fields" in node:
            return "、".join(f["label"] for f in node["fields"]) or "（未列字段）"
        if "grounds" in node:
            return "；".join("、".join(g["flags"]) for g in node["grounds"])
        for key in ("text", "label", "name", "class"):
            if key in node:
                days = f"（{node['working_days']} 个工作日）" if node.get("working_days") else ""
                return f"{node[key]}{days}"
    if isinstance(node, list):
        return "、".join(str(x.get("label", x)) if isinstance(x, dict) else str(x) for x in node)
    return str(node)


@bp.route("/source/<path:rel>")
def source(rel: str):
    """A Rego file with numbered lines, so a rule links to its own lines."""
    bundle = _snapshot().bundle
    if not rel.startswith("policies/rego/") or rel[len("policies/rego/"):] not in bundle.policy_files:
        abort(404)
    text = bundle.policy_files[rel[len("policies/rego/"):]]
    return render_template("source.html", rel=rel, lines=text.splitlines())


def _matrix() -> dict:
    as_of = request.args.get("as_of") or today_shanghai()
    return build_matrix(_snapshot().bundle, as_of)


@bp.route("/matrix")
def matrix():
    m = _matrix()
    table = matrix_table(m)
    return render_template("matrix.html", m=m, table=table, refs=matrix_refs)


@bp.route("/matrix.<fmt>")
def matrix_download(fmt: str):
    renderers = {"csv": ("text/csv", to_csv), "md": ("text/markdown", to_markdown)}
    if fmt not in renderers:
        abort(404)
    mimetype, render = renderers[fmt]
    response = Response(render(matrix_table(_matrix())), mimetype=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="matrix.{fmt}"'
    return response


@bp.route("/coverage")
def coverage():
    report = _coverage()
    regs = _snapshot().bundle.regulations
    rows = [(reg_id, regs[reg_id]["title"], items, sum(r.status == "encoded" for r in items),
             sum(r.status == "out_of_scope" for r in items)) for reg_id, items in report.items()]
    return render_template("coverage.html", rows=rows)


# -- try a case, compare ----------------------------------------------------------


def _decide_form(with_jurisdiction: bool = True):
    """(request, decision or decisions, errors) for the submitted form, if any."""
    from ...requests import RequestError, validate_request

    if not request.args.get("submitted"):
        return None, None, None
    raw = request_from(request.args, with_jurisdiction)
    try:
        if with_jurisdiction:
            req = validate_request(raw)
            return req, _snapshot().decider.decide(req), None
        from ...compare import compare as compare_all

        return raw, compare_all(_snapshot().decider, raw), None
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
def try_case():
    req, decision, errors = _decide_form()
    return render_template("try.html", form=request.args, choices=CHOICES, req=req, d=decision, errors=errors,
                           bars=_timeline_bars(decision) if decision else [])


@bp.route("/try.yaml")
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
    response = Response(text, mimetype="application/yaml; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="scenario.yaml"'
    return response


@bp.route("/compare")
def compare_page():
    from ...compare import table as compare_table

    req, comparison, errors = _decide_form(with_jurisdiction=False)
    table = compare_table(comparison) if comparison else None
    return render_template("compare.html", form=request.args, choices=CHOICES, table=table, errors=errors)


@bp.route("/compare.<fmt>")
def compare_download(fmt: str):
    from ...compare import table as compare_table

    renderers = {"csv": ("text/csv", to_csv), "md": ("text/markdown", to_markdown)}
    if fmt not in renderers:
        abort(404)
    _, comparison, errors = _decide_form(with_jurisdiction=False)
    if comparison is None:
        abort(400)
    mimetype, render = renderers[fmt]
    response = Response(render(compare_table(comparison)), mimetype=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="comparison.{fmt}"'
    return response


# -- the decision log, for signed-in reviewers ---------------------------------------


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


def _reviewer() -> str | None:
    return session.get("reviewer")


@bp.app_context_processor
def _csrf_context() -> dict:
    return {"csrf_token": _csrf_token, "reviewer": _reviewer()}


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        _check_csrf()
        holder = current_app.extensions["osd"].keys.holder(request.form.get("key", "").strip())
        if holder is not None and holder.role in ("reviewer", "admin"):
            session.clear()
            session["reviewer"] = holder.name
            return redirect(url_for("workbench.log_page"))
        error = t("bad_key")
    return render_template("login.html", error=error), (401 if error else 200)


@bp.route("/logout", methods=["POST"])
def logout():
    _check_csrf()
    session.clear()
    return redirect(url_for("workbench.index"))


@bp.route("/log")
def log_page():
    from ...db import log as decision_log

    if not _reviewer():
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

    if not _reviewer():
        return redirect(url_for("workbench.login"))
    entry = decision_log.get(current_app.extensions["osd"].sessions, decision_id)
    if entry is None:
        abort(404)
    replay = None
    if request.method == "POST":
        _check_csrf()
        replay = replay_entry(_snapshot().decider, entry)
    return render_template("log_entry.html", e=entry, replay=replay)


def register(app) -> None:  # noqa: ANN001
    """The workbench pages, with a session for reviewers signed in by key."""
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
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

