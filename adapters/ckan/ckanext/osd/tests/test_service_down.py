"""With the decision service stopped or too slow: conditional and not-open data refused
(even to an applicant approved before), public data served, a class not saved unchecked
(``fail_mode = closed``) or saved and marked unchecked (``edits``), with a clear message."""

from __future__ import annotations

import time

import pytest
from ckan.plugins import toolkit
from ckan.tests import helpers
from ckanext.osd import service
from ckanext.osd.config import read

from .helpers import MATERIALS, dataset, headers

pytestmark = [pytest.mark.ckan_config("ckan.plugins", "osd"), pytest.mark.usefixtures("with_plugins")]


def _point_at(port: int, **extra: str) -> None:
    """The plug-in's settings as the ini would give them with the service at ``port``."""
    service.configure(read({**toolkit.config, "ckanext.osd.url": f"http://127.0.0.1:{port}", **extra}))


def test_conditional_data_is_refused_and_public_data_served_when_the_service_is_stopped(app, people, closed_port):
    public, conditional = dataset(people, "unconditional"), dataset(people, "conditional")
    applicant = people["applicant"]
    application = helpers.call_action("osd_application_create", {"user": applicant["name"], "ignore_auth": False},
                                      package_id=conditional["id"], **MATERIALS)["application"]
    helpers.call_action("osd_application_answer", {"user": people["admin"]["name"], "ignore_auth": False},
                        id=application["id"], approve=True)
    resource = conditional["resources"][0]
    url = f"/dataset/{conditional['id']}/resource/{resource['id']}/download"
    assert app.get(url, headers=headers(applicant), follow_redirects=False).status_code == 302

    _point_at(closed_port)
    assert app.get(url, headers=headers(applicant), follow_redirects=False, status=None).status_code == 403
    with pytest.raises(helpers.logic.NotAuthorized) as refused:
        helpers.call_auth("resource_show", {"user": applicant["name"], "auth_user_obj": None}, id=resource["id"])
    assert "cannot be reached" in str(refused.value)
    public_url = f"/dataset/{public['id']}/resource/{public['resources'][0]['id']}/download"
    assert app.get(public_url, follow_redirects=False).status_code == 302
    page = app.get(f"/dataset/{conditional['name']}").get_data(as_text=True)
    assert "The decision service cannot be reached" in page


def test_a_dataset_is_not_saved_with_an_unchecked_class_in_closed_mode(people, closed_port):
    _point_at(closed_port)
    with pytest.raises(helpers.logic.ValidationError) as refused:
        dataset(people, "unconditional")
    assert "cannot be reached" in refused.value.error_dict["open_class"][0]


def test_edits_mode_saves_and_marks_the_dataset_unchecked(people, closed_port):
    dataset(people, "unconditional", suffix="before")  # the vocabularies are kept from this answer
    _point_at(closed_port, **{"ckanext.osd.fail_mode": "edits"})
    saved = dataset(people, "unconditional", suffix="after")
    assert {e["key"]: e["value"] for e in saved["extras"]}["osd_checked"] == "unchecked"


def test_a_service_slower_than_the_timeout_is_a_refusal_not_a_hang(app, people, silent_port):
    conditional = dataset(people, "conditional")
    application = helpers.call_action("osd_application_create", {"user": people["applicant"]["name"],
                                                                  "ignore_auth": False},
                                      package_id=conditional["id"], **MATERIALS)["application"]
    helpers.call_action("osd_application_answer", {"user": people["admin"]["name"], "ignore_auth": False},
                        id=application["id"], approve=True)
    _point_at(silent_port, **{"ckanext.osd.timeout": "0.5"})
    started = time.monotonic()
    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_auth("resource_show", {"user": people["applicant"]["name"], "auth_user_obj": None},
                          id=conditional["resources"][0]["id"])
    assert time.monotonic() - started < 5  # one try and one retry of 0.5 s each, not CKAN's page timeout
