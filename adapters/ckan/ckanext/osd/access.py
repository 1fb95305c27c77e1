"""Who may get a dataset's resources, by its open class and the decisions on it.

- Unconditionally open (无条件开放): anyone CKAN lets see the dataset; no call to the
  service is needed, so public data is served while the service is down.
- Conditionally open (有条件开放 / 依申请开放): a user holding an application the plug-in
  recorded as approved (by the provider, or permitted outright by the decision) whose
  period of use has not ended, while a decision as of today still allows it; with the
  service down, nobody (fail closed). Anonymous users never.
- Not open (不予开放): nobody outside the owning organisation.
- Sysadmins, and users who may edit the dataset (its organisation's editors and admins),
  keep their rights. A dataset without a declared class is left to CKAN's own rules.

``resource_show`` and ``resource_view_show`` are chained (downloads go through
``resource_show``); ``package_show`` and ``package_search`` answers keep the resources'
names but lose their addresses for a user who may not get them, so a listing or an API
call cannot leak what the resource pages refuse.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Dict, Optional, Tuple

from ckan import authz
from ckan import model as ckan_model
from ckan.plugins import toolkit

from . import model, service
from .classify import extras_of

_ = toolkit._
OPEN = "unconditional"


def open_class(package: Dict[str, Any]) -> Optional[str]:
    """The declared class: top level (the show schema) or in the extras (a database row)."""
    return package.get("open_class") or extras_of(package).get("open_class")


def may_edit(user: Optional[Any], owner_org: Optional[str]) -> bool:
    """A sysadmin, or an editor or admin of the organisation: they keep their rights."""
    return user is not None and bool(user.sysadmin or authz.has_user_permission_for_group_or_org(
        owner_org, user.name, "update_dataset"))


def _user(context: Dict[str, Any]) -> Optional[Any]:
    user = context.get("auth_user_obj")
    if user is not None and getattr(user, "is_anonymous", False):
        return None
    if user is None and context.get("user"):
        user = ckan_model.User.get(context["user"])
    return user if getattr(user, "id", None) else None


def may_get(context: Dict[str, Any], package: Dict[str, Any]) -> Tuple[bool, str]:
    """Whether the context's user may get the package's resources, and why not."""
    if context.get("ignore_auth"):
        return True, ""
    klass = open_class(package)
    if klass in (None, "", OPEN):
        return True, ""
    user = _user(context)
    if may_edit(user, package.get("owner_org")):
        return True, ""
    if klass == "not_open":
        return False, _("This dataset is not open (不予开放): its resources are not given outside its "
                        "organisation.")
    if user is None:
        return False, _("This dataset is open on conditions: log in and apply for access (申请使用).")
    today = model.today()
    held = model.approved_for(user.id, package["id"], today)
    if held is None:
        return False, _("This dataset is open on conditions: you need an approved application (申请使用).")
    return still_permitted(held, today)


def still_permitted(held: model.Application, today: dt.date) -> Tuple[bool, str]:
    """An approval gives access while the rules in force today still let the dataset be given on
    application: the stored request is decided again as of today. Without an answer, no access."""
    request = {**json.loads(held.request), "as_of": today.isoformat()}
    try:
        decision = service.call("decide", request)
    except service.Unavailable:
        return False, _("The decision service cannot be reached, so access to data open on conditions cannot "
                        "be confirmed now; try again later.")
    except Exception:  # the service refuses the stored request (its rules changed): not confirmed
        return False, _("Your approved application can no longer be decided; apply again.")
    if decision.get("outcome") in ("apply", "permit"):
        return True, ""
    return False, decision.get("explanation", {}).get(service.language(), "") or _("Access is no longer permitted.")


def _package_of_resource(resource_id: Optional[str]) -> Optional[Dict[str, Any]]:
    """The class-bearing parts of a resource's dataset, read from the database."""
    resource = ckan_model.Resource.get(resource_id) if resource_id else None
    if resource is None or resource.package is None:
        return None
    package = resource.package
    return {"id": package.id, "owner_org": package.owner_org,
            "extras": [{"key": k, "value": v} for k, v in package.extras.items()]}


def _resource_auth(next_auth: Any, context: Dict[str, Any], data_dict: Dict[str, Any],
                   resource_id: Optional[str]) -> Dict[str, Any]:
    """CKAN's own answer first; where it allows, the resource's dataset decides."""
    result = next_auth(context, data_dict)
    if not result.get("success"):
        return result
    package = _package_of_resource(resource_id)
    if package is None:
        return result
    allowed, why = may_get(context, package)
    return {"success": True} if allowed else {"success": False, "msg": why}


@toolkit.chained_auth_function
@toolkit.auth_allow_anonymous_access
def resource_show(next_auth: Any, context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    return _resource_auth(next_auth, context, data_dict, (data_dict or {}).get("id"))


@toolkit.chained_auth_function
@toolkit.auth_allow_anonymous_access
def resource_view_show(next_auth: Any, context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    view = ckan_model.ResourceView.get((data_dict or {}).get("id") or "")
    return _resource_auth(next_auth, context, data_dict, view.resource_id if view else None)


def withhold(context: Dict[str, Any], package: Dict[str, Any]) -> Dict[str, Any]:
    """The package with its resources' addresses removed where the user may not get them."""
    allowed, _why = may_get(context, package)
    if not allowed:
        for resource in package.get("resources") or []:
            resource["url"] = ""
            resource["osd_withheld"] = True
        package["osd_access"] = "withheld"
    return package


@toolkit.chained_action
@toolkit.side_effect_free
def package_show(next_action: Any, context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    package = next_action(context, data_dict)
    if context.get("for_edit") or context.get("for_update") or context.get("for_indexing"):
        return package
    return withhold(context, package)


@toolkit.chained_action
@toolkit.side_effect_free
def package_search(next_action: Any, context: Dict[str, Any], data_dict: Dict[str, Any]) -> Dict[str, Any]:
    answer = next_action(context, data_dict)
    for package in answer.get("results") or []:
        withhold(context, package)
    return answer


@toolkit.chained_action
@toolkit.side_effect_free
def resource_view_list(next_action: Any, context: Dict[str, Any], data_dict: Dict[str, Any]) -> Any:
    """No views of a resource the user may not get (the dataset page lists them for every resource)."""
    try:
        return next_action(context, data_dict)
    except toolkit.NotAuthorized:
        return []
