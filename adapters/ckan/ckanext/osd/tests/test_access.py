"""Who gets a dataset's resources, in a real CKAN with the real decision service:
anonymous users, an applicant without and with an approved application, the owning
organisation and a sysadmin, for each open class."""

from __future__ import annotations

import pytest
from ckan.tests import helpers

from .helpers import MATERIALS, dataset, headers

pytestmark = [pytest.mark.ckan_config("ckan.plugins", "osd"), pytest.mark.usefixtures("with_plugins")]


def _may_get(user, resource_id):
    try:
        helpers.call_auth("resource_show", {"user": user["name"] if user else None,
                                            "auth_user_obj": None}, id=resource_id)
        return True
    except helpers.logic.NotAuthorized:
        return False


def _download(app, package, user):
    resource = package["resources"][0]
    url = f"/dataset/{package['id']}/resource/{resource['id']}/download"
    return app.get(url, headers=headers(user) if user else {}, status=None, follow_redirects=False).status_code


def test_each_class_is_stored_as_a_code_and_checked(people):
    for klass, word in (("unconditional", "无条件开放"), ("conditional", "有条件开放"), ("not_open", "不予开放")):
        created = dataset(people, word, suffix=klass)
        shown = helpers.call_action("package_show", {"user": people["admin"]["name"], "ignore_auth": False}, id=created["id"])
        assert shown["open_class"] == klass and shown["provider_level"] == "city"
        checked = {e["key"]: e["value"] for e in shown["extras"]}["osd_checked"]
        assert len(checked) == 36  # the service's classification id


def test_anonymous_users_get_public_data_only(app, people):
    public, conditional, closed = (dataset(people, c) for c in ("unconditional", "conditional", "not_open"))
    assert _may_get(None, public["resources"][0]["id"])
    assert not _may_get(None, conditional["resources"][0]["id"])
    assert not _may_get(None, closed["resources"][0]["id"])
    assert _download(app, public, None) == 302  # redirected to the linked file
    assert _download(app, conditional, None) == 403
    assert _download(app, closed, None) == 403
    anonymous = helpers.call_action("package_show", {"user": None, "auth_user_obj": None, "ignore_auth": False}, id=conditional["id"])
    assert anonymous["resources"][0]["url"] == "" and anonymous["osd_access"] == "withheld"
    listed = helpers.call_action("package_search", {"user": None, "auth_user_obj": None, "ignore_auth": False}, q="*:*")["results"]
    urls = {p["open_class"]: p["resources"][0]["url"] for p in listed}
    assert urls["unconditional"].endswith("unconditional.csv") and urls["conditional"] == urls["not_open"] == ""


def test_an_applicant_gets_conditional_data_once_the_provider_approves(app, people):
    conditional = dataset(people, "conditional")
    applicant = people["applicant"]
    resource_id = conditional["resources"][0]["id"]
    assert not _may_get(applicant, resource_id)
    assert _download(app, conditional, applicant) == 403

    made = helpers.call_action("osd_application_create", {"user": applicant["name"], "ignore_auth": False},
                               package_id=conditional["id"], **MATERIALS)
    application, decision = made["application"], made["decision"]
    assert decision["outcome"] == "apply" and application["state"] == "pending"
    assert application["due"] == decision["deadline"]["due"] and decision["deadline"]["working_days"] == 10
    assert "wuxi-open#15.3" in decision["deadline"]["basis"]
    assert not _may_get(applicant, resource_id)  # applied is not approved

    listed = helpers.call_action("osd_application_list", {"user": people["admin"]["name"], "ignore_auth": False},
                                 organization_id=people["org"]["name"])
    assert [a["id"] for a in listed] == [application["id"]] and listed[0]["due"] == application["due"]
    with pytest.raises(helpers.logic.NotAuthorized):  # an applicant does not answer applications
        helpers.call_action("osd_application_answer", {"user": applicant["name"], "ignore_auth": False}, id=application["id"],
                            approve=True)
    helpers.call_action("osd_application_answer", {"user": people["admin"]["name"], "ignore_auth": False}, id=application["id"],
                        approve=True)
    assert _may_get(applicant, resource_id)
    assert _download(app, conditional, applicant) == 302
    assert not _may_get(people["other"], resource_id)  # another user's approval is not theirs


def test_not_open_data_is_never_given_to_an_applicant(people):
    closed = dataset(people, "not_open")
    made = helpers.call_action("osd_application_create", {"user": people["applicant"]["name"], "ignore_auth": False},
                               package_id=closed["id"], **MATERIALS)
    assert made["application"] is None and made["decision"]["outcome"] == "deny"
    assert not _may_get(people["applicant"], closed["resources"][0]["id"])


def test_the_organisation_and_sysadmins_keep_their_rights(people):
    for klass in ("conditional", "not_open"):
        resource_id = dataset(people, klass)["resources"][0]["id"]
        assert _may_get(people["admin"], resource_id) and _may_get(people["sysadmin"], resource_id)


def test_a_refusal_states_its_reasons(people):
    conditional = dataset(people, "conditional")
    application = helpers.call_action("osd_application_create", {"user": people["applicant"]["name"], "ignore_auth": False},
                                      package_id=conditional["id"], **MATERIALS)["application"]
    with pytest.raises(helpers.logic.ValidationError) as refused:
        helpers.call_action("osd_application_answer", {"user": people["admin"]["name"], "ignore_auth": False}, id=application["id"],
                            approve=False)
    assert "reason" in refused.value.error_dict
    answered = helpers.call_action("osd_application_answer", {"user": people["admin"]["name"], "ignore_auth": False},
                                   id=application["id"], approve=False, reason="场景与数据无关")
    assert answered["state"] == "refused" and not _may_get(people["applicant"], conditional["resources"][0]["id"])


def test_incomplete_materials_are_named_field_by_field(people):
    conditional = dataset(people, "conditional")
    partial = {k: v for k, v in MATERIALS.items() if k not in ("application.scenario", "application.usage_period")}
    with pytest.raises(helpers.logic.ValidationError) as incomplete:
        helpers.call_action("osd_application_create", {"user": people["applicant"]["name"], "ignore_auth": False},
                            package_id=conditional["id"], **partial)
    assert set(incomplete.value.error_dict) == {"application.scenario", "application.usage_period"}
    assert "use scenario" in incomplete.value.error_dict["application.scenario"][0]
