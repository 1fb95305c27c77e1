"""Applying for a conditionally open dataset, and the organisation's answer.

``osd_application_create`` asks the service for a decision on the applicant's
request (the materials the jurisdiction requires, as the decision's ``missing``
names them) and records it: ``pending`` with the statutory due date when the
decision is ``apply``, ``approved`` when it is ``permit``. An ``incomplete``
decision is a validation error naming each missing item; ``deny`` and
``not_applicable`` record nothing and say why. ``osd_application_answer`` is the
provider's approval or refusal (a refusal states its reasons).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Dict, List

from ckan import model as ckan_model
from ckan.plugins import toolkit
from osd_client import CKAN, FieldMap, ckan_request
from osd_client import errors as osd_errors

from . import access, model, service

_ = toolkit._
REQUESTER_TYPES = ("natural_person", "legal_person", "unincorporated_org")
#: the applicant's own statements a decision may need (the site's identity system may set them instead)
STATEMENTS = ("requester.real_name_verified", "requester.agreement_accepted", "application.commitment")


def field_map() -> FieldMap:
    """The client's CKAN field map, with the paths the site's ini gives instead."""
    overrides = service.settings().fields
    return FieldMap(**{**{f: getattr(CKAN, f) for f in ("dataset_id", "open_class", "share_class", "provider_type",
                                                        "provider_level", "provider_region")},
                       **overrides, "defaults": CKAN.defaults})


def decision_request(package: Dict[str, Any], form: Dict[str, Any]) -> Dict[str, Any]:
    """The decision request for an applicant's form on a dataset."""
    s = service.settings()
    today = model.today().isoformat()
    requester = {"type": form.get("requester_type") or "natural_person"}
    for path in STATEMENTS[:2]:
        if form.get(path) is not None:
            requester[path.split(".")[1]] = bool(form[path])
    application = {k.split(".", 1)[1]: v for k, v in form.items() if k.startswith("application.") and v not in ("", None)}
    if "usage_period" in application and isinstance(application["usage_period"], dict):
        application["usage_period"] = {k: v for k, v in application["usage_period"].items() if v}
    if "commitment" in application:
        application["commitment"] = bool(application["commitment"])
    request = ckan_request(package, service.vocabulary(), field_map(), jurisdiction=s.jurisdiction,
                           action="open", as_of=today, received_on=today, requester=requester)
    if form.get("purpose"):
        request["purpose"] = form["purpose"]
    if form.get("access_mode"):
        request["access_mode"] = form["access_mode"]
    if application:
        request["application"] = application
    return request


def _package(context: Dict[str, Any], package_id: str) -> Dict[str, Any]:
    return toolkit.get_action("package_show")({**context, "ignore_auth": True}, {"id": package_id})


def _user_id(context: Dict[str, Any]) -> str:
    user = ckan_model.User.get(context.get("user") or "")
    if user is None:
        raise toolkit.NotAuthorized(_("Log in to apply for access."))
    return user.id


def preview(context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    """The decision the form would get now: what is missing, the conditions, the explanation."""
    package = _package(context, toolkit.get_or_bust(data_dict, "package_id"))
    try:
        return service.call("decide", decision_request(package, data_dict))
    except osd_errors.InvalidRequest as exc:
        raise toolkit.ValidationError(exc.fields or {"request": [str(exc)]}) from None


def application_create(context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    toolkit.check_access("osd_application_create", context, data_dict)
    user_id = _user_id(context)
    package = _package(context, toolkit.get_or_bust(data_dict, "package_id"))
    request = decision_request(package, data_dict)
    try:
        decision = service.call("decide", request)
    except osd_errors.InvalidRequest as exc:
        raise toolkit.ValidationError(exc.fields or {"request": [str(exc)]}) from None
    outcome = decision["outcome"]
    if outcome == "incomplete":
        raise toolkit.ValidationError({path: [_("Required before the application can be decided: {label}").format(
            label=service.label("field", path))] for path in decision["missing"]})
    if outcome not in ("apply", "permit"):
        return {"application": None, "decision": decision}
    deadline = decision.get("deadline") or {}
    usage_to = ((request.get("application") or {}).get("usage_period") or {}).get("to")
    row = model.Application(
        package_id=package["id"], owner_org=package.get("owner_org"), user_id=user_id,
        state="approved" if outcome == "permit" else "pending", outcome=outcome, route=decision.get("route"),
        due=dt.date.fromisoformat(deadline["due"]) if deadline.get("due") else None,
        usage_to=dt.date.fromisoformat(usage_to) if usage_to else None, decision_id=decision.get("decision_id"),
        decision=json.dumps(decision, ensure_ascii=False), request=json.dumps(request, ensure_ascii=False),
        answered=dt.datetime.utcnow() if outcome == "permit" else None,
        answered_by="decision" if outcome == "permit" else None)
    ckan_model.Session.add(row)
    ckan_model.Session.commit()
    return {"application": row.as_dict(), "decision": decision}


@toolkit.side_effect_free
def application_show(context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    row = model.get(toolkit.get_or_bust(data_dict, "id"))
    if row is None:
        raise toolkit.ObjectNotFound(_("Application not found"))
    toolkit.check_access("osd_application_show", context, {"application": row})
    return row.as_dict()


@toolkit.side_effect_free
def application_list(context: Dict[str, Any], data_dict: Dict[str, Any]) -> List[Dict[str, Any]]:
    """By ``package_id`` or ``organization_id`` (its editors and admins), or the user's own (``mine``)."""
    toolkit.check_access("osd_application_list", context, data_dict)
    org_id = data_dict.get("organization_id")
    if org_id:
        org = ckan_model.Group.get(org_id)
        org_id = org.id if org else org_id
    mine = toolkit.asbool(data_dict.get("mine")) or not (org_id or data_dict.get("package_id"))
    package_id = data_dict.get("package_id")
    if package_id:
        package = ckan_model.Package.get(package_id)
        package_id = package.id if package else package_id
    rows = model.listed(package_id=package_id, owner_org=org_id, state=data_dict.get("state"),
                        user_id=_user_id(context) if mine else None)
    return [row.as_dict() for row in rows]


def application_answer(context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    """The provider's answer: ``approve`` true, or false with the ``reason`` the texts require."""
    row = model.get(toolkit.get_or_bust(data_dict, "id"))
    if row is None:
        raise toolkit.ObjectNotFound(_("Application not found"))
    toolkit.check_access("package_update", context, {"id": row.package_id})
    if row.state != "pending":
        raise toolkit.ValidationError({"id": [_("This application has been answered already.")]})
    approve = toolkit.asbool(toolkit.get_or_bust(data_dict, "approve"))
    reason = (data_dict.get("reason") or "").strip()
    if not approve and not reason:
        raise toolkit.ValidationError({"reason": [_("A refusal must state its reasons.")]})
    user = ckan_model.User.get(context.get("user") or "")
    row.state, row.reason = ("approved" if approve else "refused"), reason or None
    row.answered, row.answered_by = dt.datetime.utcnow(), user.name if user else None
    ckan_model.Session.commit()
    return row.as_dict()


# -- auth ---------------------------------------------------------------------

def _may_edit_in(context: Dict[str, Any], org_id: str) -> Dict[str, Any]:
    if access.may_edit(ckan_model.User.get(context.get("user") or ""), org_id):
        return {"success": True}
    return {"success": False, "msg": _("Only the organisation's editors and admins see its applications.")}


def _may(action: str, context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    try:
        toolkit.check_access(action, context, data_dict)
    except toolkit.NotAuthorized as exc:
        return {"success": False, "msg": str(exc)}
    return {"success": True}


def auth_create(context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    if not context.get("user") or ckan_model.User.get(context["user"]) is None:
        return {"success": False, "msg": _("Log in to apply for access.")}
    return {"success": True}


def auth_list(context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    if data_dict.get("organization_id"):
        org = ckan_model.Group.get(data_dict["organization_id"])
        return _may_edit_in(context, org.id if org else data_dict["organization_id"])
    if data_dict.get("package_id") and not toolkit.asbool(data_dict.get("mine")):
        return _may("package_update", context, {"id": data_dict["package_id"]})
    return auth_create(context, data_dict)


def auth_show(context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    row = data_dict.get("application")
    user = ckan_model.User.get(context.get("user") or "")
    if row is not None and user is not None and row.user_id == user.id:
        return {"success": True}
    return _may("package_update", context, {"id": row.package_id if row else ""})
