"""The plug-in as a portal's users meet it: a declared class the text forbids refused
with its article (English and Chinese), the dataset page's snippet, the apply form
recording an application with its statutory due date, the organisation's list."""

from __future__ import annotations

import re

import pytest
from ckan.tests import helpers

from .helpers import MATERIALS, dataset, headers

pytestmark = [pytest.mark.ckan_config("ckan.plugins", "osd"), pytest.mark.usefixtures("with_plugins")]


def test_an_unlawful_declared_class_is_refused_with_the_article(people):
    with pytest.raises(helpers.logic.ValidationError) as refused:
        dataset(people, "unconditional", contains="personal_info")
    message = refused.value.error_dict["open_class"][0]
    assert "wuxi-open#7.1" in message and "not open" in message
    assert "应当依法予以保密的公共数据" in message  # the article's own words


@pytest.mark.ckan_config("ckan.locale_default", "zh_Hans_CN")
def test_the_refusal_is_in_chinese_on_a_chinese_site(people):
    with pytest.raises(helpers.logic.ValidationError) as refused:
        dataset(people, "unconditional", contains="personal_info")
    message = refused.value.error_dict["open_class"][0]
    assert message.startswith("申报的开放属性“无条件开放”不合法") and "第七条第（一）项" in message


def test_catalogue_words_are_stored_as_codes_and_unknown_values_refused(people):
    assert dataset(people, "依申请开放", suffix="words")["open_class"] == "conditional"
    with pytest.raises(helpers.logic.ValidationError) as refused:
        dataset(people, "half_open")
    assert "unconditional" in refused.value.error_dict["open_class"][0]


def test_the_dataset_page_shows_the_class_the_conditions_and_the_articles(app, people):
    conditional = dataset(people, "conditional")
    page = app.get(f"/dataset/{conditional['name']}").get_data(as_text=True)
    assert 'data-osd-class="conditional"' in page
    assert 'data-code="real_name_registration"' in page
    assert re.search(r'href="http://127\.0\.0\.1:\d+/regulations/wuxi-open#art-6"', page)
    assert "/dataset/wx-conditional/apply" in page  # the apply button, for someone without access


def test_the_apply_form_asks_what_the_decision_says_is_missing_and_records_the_application(app, people):
    conditional = dataset(people, "conditional")
    applicant = people["applicant"]
    form_page = app.get(f"/dataset/{conditional['name']}/apply?requester_type=legal_person",
                        headers=headers(applicant)).get_data(as_text=True)
    for field in ("application.title", "application.scenario", "usage_from", "requester.real_name_verified"):
        assert f'name="{field}"' in form_page
    assert "使用期限" in form_page or "period of use" in form_page

    posted = {k: v for k, v in MATERIALS.items() if k != "application.usage_period"}
    posted.update({k: "on" for k, v in posted.items() if v is True})
    posted.update(usage_from=MATERIALS["application.usage_period"]["from"],
                  usage_to=MATERIALS["application.usage_period"]["to"])
    answer = app.post(f"/dataset/{conditional['name']}/apply", data=posted, headers=headers(applicant),
                      follow_redirects=False)
    assert answer.status_code == 302
    page = app.get(answer.headers["Location"], headers=headers(applicant)).get_data(as_text=True)
    rows = helpers.call_action("osd_application_list", {"user": applicant["name"], "ignore_auth": False}, mine=True)
    assert len(rows) == 1 and rows[0]["state"] == "pending"
    assert f"<strong>{rows[0]['due']}</strong>" in page and 'data-state="pending"' in page

    listing = app.get(f"/organization/{people['org']['name']}/applications",
                      headers=headers(people["admin"])).get_data(as_text=True)
    assert rows[0]["due"] in listing and "wuxi-open#15" in listing
    assert app.get(f"/organization/{people['org']['name']}/applications", headers=headers(applicant),
                   status=None).status_code == 403


def test_a_form_missing_materials_is_shown_again_with_each_field_named(app, people):
    conditional = dataset(people, "conditional")
    answer = app.post(f"/dataset/{conditional['name']}/apply", headers=headers(people["applicant"]),
                      data={"requester_type": "legal_person", "application.title": "公交线路分析"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Required before the application can be decided" in page
    assert helpers.call_action("osd_application_list", {"user": people["applicant"]["name"],
                                                         "ignore_auth": False}, mine=True) == []


def test_the_pages_speak_chinese_under_the_chinese_locale(app, people):
    conditional = dataset(people, "conditional")
    english = app.get(f"/dataset/{conditional['name']}").get_data(as_text=True)
    chinese = app.get(f"/zh_Hans_CN/dataset/{conditional['name']}").get_data(as_text=True)
    assert "Access under the rules on public data" in english and "依公共数据规定的访问" not in english
    assert "依公共数据规定的访问" in chinese and "该数据集有条件开放：请登录并申请使用。" in chinese
    assert "Access under the rules on public data" not in chinese
    form_page = app.get(f"/zh_Hans_CN/dataset/{conditional['name']}/apply?requester_type=legal_person",
                        headers=headers(people["applicant"])).get_data(as_text=True)
    assert "提交申请" in form_page and "Submit the application" not in form_page
