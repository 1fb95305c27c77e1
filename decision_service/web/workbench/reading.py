"""The workbench pages for reading the rules: each regulation article by article
beside what encodes it (rules, parameters, notes, scenarios, superior rules
not in the set), the Rego source with line anchors, the parameter matrix and
the coverage of every article."""

from __future__ import annotations

from flask import Response, abort, render_template, request

from ...answers.counting import short
from ...answers.decide import today_shanghai
from ...answers.matrix import build as build_matrix
from ...answers.matrix import refs as matrix_refs
from ...answers.matrix import table as matrix_table
from ...answers.render import to_csv, to_markdown
from ...answers.requests import iso_date
from ...store.rule_index import rules_by_article
from . import bp, coverage_of_served, snapshot
from .i18n import lang


@bp.route("/regulations/<reg_id>")
def reader(reg_id: str):
    bundle = snapshot().bundle
    reg = bundle.regulations.get(reg_id)
    if reg is None:
        abort(404)
    as_of = _as_of()
    version = bundle.version_on(reg_id, as_of)
    statuses = {row.ref: row for row in coverage_of_served()[reg_id]}
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
    bundle = snapshot().bundle
    if not rel.startswith("policies/rego/") or rel[len("policies/rego/"):] not in bundle.policy_files:
        abort(404)
    text = bundle.policy_files[rel[len("policies/rego/"):]]
    return render_template("source.html", rel=rel, lines=text.splitlines())


def _as_of() -> str:
    """The page's date: today in Asia/Shanghai, or a valid YYYY-MM-DD (400 otherwise)."""
    given = request.args.get("as_of")
    if not given:
        return today_shanghai()
    day = iso_date(given)
    if day is None:
        abort(400, description="as_of must be a date, YYYY-MM-DD")
    return day


def _matrix() -> dict:
    return build_matrix(snapshot().bundle, _as_of())


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
    response = Response(render(matrix_table(_matrix())), content_type=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="matrix.{fmt}"'
    return response


@bp.route("/coverage")
def coverage():
    report = coverage_of_served()
    regs = snapshot().bundle.regulations
    rows = [(reg_id, regs[reg_id]["title"], items, sum(r.status == "encoded" for r in items),
             sum(r.status == "out_of_scope" for r in items)) for reg_id, items in report.items()]
    return render_template("coverage.html", rows=rows)
