"""Datasets of each open class, as a site's editors create them through the action API."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict

from ckan.tests import helpers

#: what makes each class lawful under Wuxi's 第七条: limits of use (conditional), personal information (not open)
FACTS = {"conditional": {"facts": "needs_limits"}, "有条件开放": {"facts": "needs_limits"},
         "依申请开放": {"facts": "needs_limits"},
         "not_open": {"contains": "personal_info"}, "不予开放": {"contains": "personal_info"}}


def dataset(people: Dict[str, Any], open_class: str, **fields: Any) -> Dict[str, Any]:
    fields = {**FACTS.get(open_class, {}), **fields}
    context = {"user": people["admin"]["name"], "ignore_auth": False}
    return helpers.call_action(
        "package_create", context, name=f"wx-{fields.pop('suffix', open_class).replace('_', '-')}",
        title=f"公交线路 {open_class}", owner_org=people["org"]["id"], open_class=open_class,
        provider_level="city", update_frequency="每月", open_conditions="实名注册后申请",
        maintainer_email="data@example.org",
        resources=[{"url": f"http://data.example.org/{open_class}.csv", "format": "CSV", "name": "lines"}], **fields)


def headers(user: Dict[str, Any]) -> Dict[str, str]:
    return {"Authorization": user["token"]}


#: an applicant's complete materials under Wuxi's 第十五条 (what its decision says is missing)
MATERIALS = {
    "requester_type": "legal_person", "requester.real_name_verified": True, "requester.agreement_accepted": True,
    "application.title": "公交线路分析", "application.reason": "优化公交换乘", "application.request_type": "dataset",
    "application.usage_period": {"from": str(dt.date.today() + dt.timedelta(days=7)),
                                 "to": str(dt.date.today() + dt.timedelta(days=365))}, "application.output_form": "研究报告",
    "application.scenario": "城市交通规划研究", "application.commitment": True,
}
