"""A dataset checked against its jurisdiction's classification rules when it is
created or updated (``POST /v1/classifications``, contract §4).

A declared open or share class that the text forbids is refused, as a CKAN
validation error on the field, naming the article and quoting it, in the
page's language. What the catalogue entry lacks of the fields the text requires
is not refused (CKAN has no place for some of them) but kept on the dataset
(``osd_catalogue_missing``) and shown on its page with the article.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from ckan.plugins import toolkit

from . import fields, service

_ = toolkit._

#: extras the plug-in writes; a user's own values for them are dropped
OWN_EXTRAS = ("osd_checked", "osd_catalogue_missing", "osd_classification")


def extras_of(data: Dict[str, Any]) -> Dict[str, Any]:
    return {e.get("key"): e.get("value") for e in data.get("extras") or [] if isinstance(e, dict)}


def request_for(data: Dict[str, Any], jurisdiction: str) -> Dict[str, Any]:
    """The classification request for a validated dataset dict."""
    extras = extras_of(data)
    facts = set(fields.split(extras.get("facts")))
    formats = [r.get("format") for r in data.get("resources") or [] if r.get("format")]
    organization = data.get("organization") or {}
    catalogue = {
        "name": data.get("title") or data.get("name"), "provider": organization.get("title") or data.get("owner_org"),
        "open_class": extras.get("open_class"), "share_class": extras.get("share_class"),
        "open_conditions": extras.get("open_conditions"), "update_frequency": extras.get("update_frequency"),
        "format": ", ".join(dict.fromkeys(formats)) or None, "summary": data.get("notes"),
        "contact": data.get("maintainer_email") or data.get("author_email") or data.get("maintainer"),
    }
    dataset = {
        "id": data.get("name"), "title": data.get("title"), "contains": fields.split(extras.get("contains")),
        **{f: f in facts for f in fields.FACTS}, "legal_basis": extras.get("legal_basis") or None,
        "declared_open_class": extras.get("open_class") or None,
        "declared_share_class": extras.get("share_class") or None,
        "catalogue": {k: str(v)[:2000] for k, v in catalogue.items() if v},
    }
    return {"jurisdiction": jurisdiction, "dataset": dataset}


def refusal(kind: str, part: Dict[str, Any], basis: Dict[str, Dict[str, Any]], lang: str) -> str:
    """Why a declared class is refused: the class the text requires or allows, the articles, their words."""
    vocabulary = "open_class" if kind == "open" else "share_class"
    declared = service.label(vocabulary, part.get("declared"), lang)
    allowed = "、".join(service.label(vocabulary, c, lang) for c in part.get("allowed") or [])
    cited = [basis.get(ref, {"ref": ref}) for ref in part.get("basis") or []]
    if lang == "zh":
        articles = "；".join(f"{b.get('label', b['ref'])}（{b['ref']}）：“{b.get('quote', '')}”" for b in cited)
        return f"申报的{'开放' if kind == 'open' else '共享'}属性“{declared}”不合法，依法只能是：{allowed}。依据：{articles}"
    articles = "; ".join(f"{b['ref']}: \u201c{b.get('quote', '')}\u201d" for b in cited)
    return (f"The declared {kind} class \u201c{declared}\u201d is not lawful; the text allows only: {allowed}. "
            f"Articles: {articles}")


def check(data: Dict[str, Any], errors: Dict[str, Any]) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """Classify a validated dataset; refuse an unlawful declared class; note what was checked."""
    s = service.settings()
    data["extras"] = [e for e in data.get("extras") or [] if e.get("key") not in OWN_EXTRAS]
    lang = service.language()
    try:
        answer = service.call("classify", request_for(data, s.jurisdiction), lang=lang)
    except service.Unavailable:
        if s.fail_mode == "edits":
            data["extras"].append({"key": "osd_checked", "value": "unchecked"})
            return data, errors
        errors["open_class"] = [_("The decision service cannot be reached, so the declared class cannot be "
                                  "checked against the rules; the dataset was not saved. Try again later.")]
        return data, errors
    result = answer["results"][0]
    basis = {b["ref"]: b for b in result.get("basis") or []}
    for kind, field in (("open", "open_class"), ("share", "share_class")):
        part = result.get(kind) or {}
        if part.get("lawful") is False:
            errors[field] = [refusal(kind, part, basis, lang)]
    missing: List[str] = [m["code"] for m in (result.get("catalogue") or {}).get("missing") or []]
    data["extras"] += [
        {"key": "osd_checked", "value": answer["classification_id"]},
        {"key": "osd_catalogue_missing", "value": ",".join(missing)},
    ]
    return data, errors


def catalogue_missing(package: Dict[str, Any]) -> List[str]:
    return fields.split(extras_of(package).get("osd_catalogue_missing"))


def checked(package: Dict[str, Any]) -> Optional[str]:
    return extras_of(package).get("osd_checked")
