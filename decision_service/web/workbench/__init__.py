"""The reviewers' workbench: server-rendered pages in Chinese and English.

Each regulation read article by article beside what encodes it, the
parameters side by side, and the coverage of every article. Pages carry a
strict Content-Security-Policy: only the project's own stylesheet, no
scripts, forms posting only here.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, request

from ...bundle import JURISDICTIONS
from ...coverage import article_statuses, tested_articles
from ...decide import today_shanghai
from ...matrix import build as build_matrix
from ...matrix import refs as matrix_refs
from ...matrix import table as matrix_table
from ...render import to_csv, to_markdown
from ...rules import article_of, rules_by_article
from ...scenarios import load_scenarios, run_scenarios
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
        results = run_scenarios(snap.decider, load_scenarios(current_app.extensions["osd"].source / "tests" / "scenarios"))
        cache.clear()
        cache[snap.revision] = article_statuses(snap.bundle, tested_articles((r.name, r.decision) for r in results if r.ok))
    return cache[snap.revision]


@bp.route("/")
def index():
    regs = _snapshot().bundle.regulations
    return render_template("index.html", regs=[(j, regs[r]) for j, r in JURISDICTIONS.items()])


def _version(reg: dict, as_of: str) -> dict | None:
    for v in reg["versions"]:
        if (v["effective_from"] or "0000") <= as_of <= (v["effective_to"] or "9999"):
            return v
    return None


@bp.route("/regulations/<reg_id>")
def reader(reg_id: str):
    bundle = _snapshot().bundle
    reg = bundle.regulations.get(reg_id)
    if reg is None:
        abort(404)
    as_of = request.args.get("as_of") or today_shanghai()
    version = _version(reg, as_of)
    statuses = {row.ref: row for row in _coverage()[reg_id]}
    by_article = rules_by_article(bundle)
    articles = []
    for art in reg["articles"]:
        ref = f"{reg_id}#{art['number']}"
        row = statuses[ref]
        labels = tuple(i["label"] for i in art.get("items", []))
        lines = [{"text": line, "item": bool(labels) and line.startswith(labels)} for line in art["text"].splitlines()]
        parameters = sorted({c.where.split(": ", 1)[-1] for c in row.citations if c.kind in ("parameter", "body", "dates")
                             and (version is None or version["id"] in c.where)})
        notes = []
        for owner, key in sorted({(c.where.split(" note ")[0], c.where.split(" note ")[1]) for c in row.citations
                                  if c.kind == "note"}):
            notes.append(bundle.regulations[owner]["notes"][key][lang()])
        articles.append({"ref": ref, "art": art, "lines": lines, "status": row.status, "reason": row.reason,
                         "rules": by_article.get(ref, []), "parameters": parameters, "notes": notes,
                         "tested_by": row.tested_by})
    return render_template("reader.html", reg=reg, reg_id=reg_id, version=version, as_of=as_of, articles=articles)


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


def register(app) -> None:  # noqa: ANN001
    app.register_blueprint(bp)


__all__ = ["register", "article_of"]
