"""The plug-in's pages: the apply form on a dataset, an application's page, and the
organisation's list of applications with their statutory due dates."""

from __future__ import annotations

from typing import Any, Dict

from ckan.plugins import toolkit
from flask import Blueprint, request

from . import applications, service

_ = toolkit._
blueprint = Blueprint("osd", __name__)

#: form fields a decision may ask for, as the apply form names them
FORM_FIELDS = ("application.title", "application.reason", "application.request_type", "application.output_form",
               "application.scenario", "application.scope", "application.security_measures",
               "application.usage_period", "application.commitment", "requester.real_name_verified",
               "requester.agreement_accepted", "purpose")


def _context() -> Dict[str, Any]:
    return {"user": toolkit.current_user.name if toolkit.current_user.is_authenticated else None,
            "auth_user_obj": toolkit.current_user}


def _form() -> Dict[str, Any]:
    form: Dict[str, Any] = {"requester_type": request.values.get("requester_type") or "natural_person"}
    for name in FORM_FIELDS:
        if name == "application.usage_period":
            period = {"from": request.form.get("usage_from"), "to": request.form.get("usage_to")}
            if any(period.values()):
                form[name] = period
        elif name in applications.STATEMENTS:
            if request.method == "POST":
                form[name] = request.form.get(name) == "on"
        elif request.values.get(name):
            form[name] = request.values[name]
    return form


def apply(id: str) -> Any:
    context = _context()
    if not context["user"]:
        return toolkit.redirect_to("user.login", came_from=toolkit.url_for("osd.apply", id=id))
    try:
        package = toolkit.get_action("package_show")(context, {"id": id})
    except (toolkit.ObjectNotFound, toolkit.NotAuthorized):
        return toolkit.abort(404, _("Dataset not found"))
    form, errors, result = _form(), {}, None
    if request.method == "POST":
        try:
            result = toolkit.get_action("osd_application_create")(context, {"package_id": package["id"], **form})
        except toolkit.ValidationError as exc:
            errors = exc.error_dict
        except service.Unavailable:
            errors = {"service": [_("The decision service cannot be reached; no application was recorded. "
                                    "Try again later.")]}
        if result and result["application"]:
            return toolkit.redirect_to("osd.application", id=result["application"]["id"])
    try:
        preview = result["decision"] if result else applications.preview(context, {"package_id": package["id"], **form})
    except service.Unavailable:
        preview = None
        errors.setdefault("service", [_("The decision service cannot be reached; try again later.")])
    except toolkit.ValidationError as exc:
        preview, errors = None, {**errors, **exc.error_dict}
    asked = set((preview or {}).get("missing") or []) | {k for k in errors if k in FORM_FIELDS}
    return toolkit.render("osd/apply.html", {"pkg": package, "osd_form": form, "errors": errors, "decision": preview,
                                             "asked": [f for f in FORM_FIELDS if f in asked], "submitted": result})


def application(id: str) -> Any:
    try:
        row = toolkit.get_action("osd_application_show")(_context(), {"id": id})
    except toolkit.ObjectNotFound:
        return toolkit.abort(404, _("Application not found"))
    except toolkit.NotAuthorized:
        return toolkit.abort(403, _("Not authorized to see this application"))
    package = toolkit.get_action("package_show")({**_context(), "ignore_auth": True}, {"id": row["package_id"]})
    return toolkit.render("osd/application.html", {"application": row, "pkg": package,
                                                   "decision": row["decision"]})


def answer(id: str) -> Any:
    try:
        toolkit.get_action("osd_application_answer")(_context(), {
            "id": id, "approve": request.form.get("approve") == "true", "reason": request.form.get("reason")})
    except toolkit.NotAuthorized:
        return toolkit.abort(403, _("Not authorized to answer this application"))
    except toolkit.ValidationError as exc:
        toolkit.h.flash_error("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.error_dict.items()))
    return toolkit.redirect_to("osd.application", id=id)


def organization_applications(id: str) -> Any:
    try:
        rows = toolkit.get_action("osd_application_list")(_context(), {"organization_id": id,
                                                                         "state": request.args.get("state")})
        org = toolkit.get_action("organization_show")(_context(), {"id": id})
    except toolkit.NotAuthorized:
        return toolkit.abort(403, _("Only the organisation's editors and admins see its applications."))
    except toolkit.ObjectNotFound:
        return toolkit.abort(404, _("Organization not found"))
    return toolkit.render("osd/applications.html", {"applications": rows, "organization": org})


blueprint.add_url_rule("/dataset/<id>/apply", view_func=apply, methods=["GET", "POST"])
blueprint.add_url_rule("/dataset/applications/<id>", view_func=application, endpoint="application")
blueprint.add_url_rule("/dataset/applications/<id>/answer", view_func=answer, methods=["POST"])
blueprint.add_url_rule("/organization/<id>/applications", view_func=organization_applications)
