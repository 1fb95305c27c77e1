"""Catalogue records to requests: a CKAN package_show result and a Chinese
catalogue row become requests the real service decides correctly."""

from __future__ import annotations

import pytest
from osd_client import (
    CATALOGUE,
    CKAN,
    Client,
    FieldMap,
    InvalidRequest,
    Vocabulary,
    catalogue_request,
    ckan_request,
)

REQUESTER = {"type": "legal_person", "real_name_verified": True, "agreement_accepted": True}
APPLICATION = {"title": "公交客流分析", "reason": "优化线路", "request_type": "dataset",
               "usage_period": {"from": "2026-12-01", "to": "2027-11-30"}, "output_form": "报告",
               "scenario": "线路规划", "commitment": True, "security_measures": "加密存储"}

#: As CKAN 2.12's package_show returns it, with ckanext-scheming style extras.
PACKAGE = {
    "id": "5b0f6c1e-2f7e-4f5e-9d57-0c4a9f3f1a20", "name": "wx-bus-ridership", "title": "公交客流数据",
    "type": "dataset", "private": False, "state": "active",
    "organization": {"id": "0d8c", "name": "wuxi-transport", "title": "无锡市交通运输局", "type": "organization"},
    "extras": [{"key": "open_class", "value": "有条件开放"}, {"key": "provider_level", "value": "市级"},
               {"key": "provider_region", "value": "wuxi"}, {"key": "update_frequency", "value": "每日"}],
    "resources": [{"id": "r1", "format": "CSV", "url": "http://example.invalid/bus.csv"}],
}
#: ckanext-dcat keeps dct:accessRights as the access_rights extra.
DCAT_PACKAGE = {**PACKAGE, "name": "wx-permits", "extras": [
    {"key": "access_rights", "value": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"}]}
#: A row of a 公共数据资源目录, by its columns.
ROW = {"目录编号": "320200-JT-0012", "数据名称": "公交客流数据", "开放属性": "依申请开放", "共享属性": "无条件共享",
       "提供单位": "无锡市交通运输局", "提供单位层级": "市级", "更新频率": "每日"}


@pytest.fixture(scope="module")
def client(service):
    return Client(service[0], key=service[1])


@pytest.fixture(scope="module")
def vocabulary(client):
    return Vocabulary(client.vocabularies())


def test_a_ckan_record_maps_to_a_request(vocabulary):
    request = ckan_request(PACKAGE, vocabulary, jurisdiction="无锡", action="open", requester=REQUESTER)
    assert request["jurisdiction"] == "wuxi"
    assert request["dataset"] == {"id": "wx-bus-ridership", "open_class": "conditional",
                                  "provider": {"type": "government_department", "level": "city", "region": "wuxi"}}


def test_a_ckan_record_is_decided_as_its_class_says(client, vocabulary):
    conditional = client.decide(ckan_request(PACKAGE, vocabulary, jurisdiction="wuxi", action="open",
                                             as_of="2026-11-23", requester=REQUESTER, purpose="innovation",
                                             application=APPLICATION))
    assert conditional["outcome"] == "apply" and conditional["deadline"]["due"] == "2026-12-07"
    public = client.decide(ckan_request(DCAT_PACKAGE, vocabulary, jurisdiction="wuxi", action="open",
                                        as_of="2026-11-23", requester=REQUESTER))
    assert public["outcome"] == "permit" and public["route"] == "direct"


def test_a_chinese_catalogue_row_maps_and_is_decided(client, vocabulary):
    request = catalogue_request(ROW, vocabulary, jurisdiction="guangxi", action="open", as_of="2026-11-23",
                                requester=REQUESTER, purpose="research", application=APPLICATION)
    assert request["dataset"] == {"id": "320200-JT-0012", "open_class": "conditional", "share_class": "unconditional",
                                  "provider": {"type": "government_department", "level": "city"}}
    decision = client.decide(request)
    assert decision["outcome"] == "apply" and decision["binding"] is False, "Guangxi's text is a draft"


def test_a_listing_goes_through_one_batch(client, vocabulary):
    rows = [ROW, {**ROW, "目录编号": "320200-JT-0013", "开放属性": "无条件开放"}, {**ROW, "目录编号": "x", "开放属性": "看情况"}]
    common = {"jurisdiction": "wuxi", "action": "open", "as_of": "2026-11-23", "requester": REQUESTER}
    items = [{"id": r["目录编号"], **catalogue_request(r, vocabulary)} for r in rows]
    results = client.decide_many(items, common=common)
    assert [r["id"] for r in results] == ["320200-JT-0012", "320200-JT-0013", "x"]
    assert results[1]["outcome"] == "permit" and "error" in results[2]
    assert results[2]["error"]["details"][0] == {"field": "dataset.open_class", "code": "enum",
                                                 "message": "Must be one of: unconditional, conditional, not_open."}


def test_an_unmapped_label_reaches_the_service_which_names_the_field(client, vocabulary):
    with pytest.raises(InvalidRequest) as refused:
        client.decide(catalogue_request({**ROW, "开放属性": "部分开放"}, vocabulary, jurisdiction="wuxi", action="open",
                                        requester=REQUESTER))
    assert refused.value.codes() == {"dataset.open_class": "enum"}


def test_the_field_map_is_the_portal_s_own(vocabulary):
    mine = FieldMap(dataset_id=("code",), open_class=("kaifang",), provider_level=("org.level",),
                    defaults={"provider_type": "public_service_unit"})
    request = catalogue_request({"code": "A-1", "kaifang": "不予开放", "org": {"level": "区级"}}, vocabulary, mine)
    assert request["dataset"] == {"id": "A-1", "open_class": "not_open",
                                  "provider": {"type": "public_service_unit", "level": "county"}}
    assert CKAN.open_class[0] == "open_class" and CATALOGUE.open_class[0] == "开放属性"
