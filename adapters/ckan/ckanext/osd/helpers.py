"""What the dataset page and the forms show: the open class, the conditions and the
articles of the decision the viewer would get, and the user's own applications.

The page asks the service once per view; when it cannot answer, the page says so
and still shows the dataset (and, for public data, its resources).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ckan.plugins import toolkit
from osd_client import errors as osd_errors

from . import access, applications, classify, model, service

_ = toolkit._


def summary(package: Dict[str, Any]) -> Dict[str, Any]:
    """The snippet's content for ``package`` as the current user would be answered."""
    klass = access.open_class(package)
    lang = service.language()
    out: Dict[str, Any] = {"open_class": klass, "label": service.label("open_class", klass, lang) if klass else None,
                           "decision": None, "unavailable": False,
                           "catalogue_missing": classify.catalogue_missing(package),
                           "checked": classify.checked(package), "applications": my_applications(package)}
    if not klass:
        return out
    context = {"user": toolkit.g.user if hasattr(toolkit.g, "user") else None,
               "auth_user_obj": getattr(toolkit, "current_user", None)}
    out["may_get"], out["why_not"] = access.may_get(context, package)
    try:
        out["decision"] = service.call("decide", applications.decision_request(package, {}), lang=lang)
    except (service.Unavailable, osd_errors.OsdError):  # no answer, or a dataset the service will not decide on
        out["unavailable"] = True
    return out


def my_applications(package: Dict[str, Any]) -> List[Dict[str, Any]]:
    user = toolkit.current_user
    if not getattr(user, "id", None) or getattr(user, "is_anonymous", True):
        return []
    return [row.as_dict() for row in model.listed(package_id=package["id"], user_id=user.id)]


def article_url(ref: str) -> str:
    """The service's reader page at the article ``wuxi-open#15.3`` cites."""
    regulation, _hash, number = ref.partition("#")
    return f"{service.settings().reader_url}/regulations/{regulation}#art-{number.split('.')[0]}"


def label(vocabulary: str, code: Optional[str]) -> str:
    return service.label(vocabulary, code)


def choices(vocabulary: str) -> List[Dict[str, str]]:
    """A select's options from a vocabulary, in the page's language."""
    lang = service.language()
    try:
        return [{"value": c, "text": f"{e['zh']} ({c})" if lang == "zh" else f"{e['en']} ({c})"}
                for c, e in service.codes(vocabulary).items()]
    except service.Unavailable:
        return []


def state(value: str) -> str:
    """An application's state in the page's language (the stored value is the code)."""
    names = {"pending": _("pending"), "approved": _("approved"), "refused": _("refused")}
    return names.get(value, value)


def helpers() -> Dict[str, Any]:
    return {"osd_summary": summary, "osd_state": state, "osd_article_url": article_url, "osd_label": label, "osd_choices": choices,
            "osd_requester_types": lambda: [c for c in choices("requester.type")
                                            if c["value"] in applications.REQUESTER_TYPES]}
