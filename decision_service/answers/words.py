"""The words for every code a request or an answer uses: a Chinese and an
English label, and the Chinese words catalogues write for it.

``GET /v1/vocabularies`` serves these, telling for each word which of the five
texts use it (found in their cleaned articles, not asserted here); a word no
text uses is catalogue usage and says so. The request schemas read them too:
a Chinese word sent where a code belongs is refused with the code it means.
"""

from __future__ import annotations

#: field -> code -> (zh, en, words)
WORDS: dict[str, dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "jurisdiction": {
        "nanning": ("南宁市", "Nanning", ("南宁", "南宁市")),
        "qingyang": ("庆阳市", "Qingyang", ("庆阳", "庆阳市")),
        "wuxi": ("无锡市", "Wuxi", ("无锡", "无锡市")),
        "nanjing": ("南京市", "Nanjing", ("南京", "南京市")),
        "guangxi": ("广西壮族自治区", "Guangxi", ("广西", "广西壮族自治区", "自治区")),
    },
    "action": {
        "open": ("开放", "open to the public", ("开放", "数据开放")),
        "share": ("共享", "share between government bodies", ("共享", "数据共享")),
    },
    "requester.type": {
        "natural_person": ("自然人", "natural person", ("自然人", "公民", "个人")),
        "legal_person": ("法人", "legal person", ("法人", "企业")),
        "unincorporated_org": ("非法人组织", "unincorporated organisation", ("非法人组织", "其他组织")),
        "government_department": ("政务部门", "government department",
                                  ("行政机关", "行政职能部门", "国家机关", "政务部门", "政府部门")),
        "public_service_unit": ("公共服务单位", "public service unit", ("公共服务单位", "事业单位")),
        "other_unit": ("其他单位", "other unit", ("其他单位",)),
    },
    "level": {
        "national": ("国家级", "national", ("国家级", "国家", "中央")),
        "provincial": ("省级", "provincial", ("省级", "自治区级", "省", "自治区")),
        "city": ("市级", "city", ("市级", "市", "设区的市")),
        "county": ("县级", "county", ("县级", "区级", "县", "区", "县（市、区）")),
    },
    "open_class": {
        "unconditional": ("无条件开放", "unconditional", ("无条件开放", "无条件开放类")),
        "conditional": ("有条件开放", "conditional", ("有条件开放", "有条件开放类", "依申请开放")),
        "not_open": ("不予开放", "not open", ("不予开放", "不予开放类", "不开放", "非开放")),
    },
    "share_class": {
        "unconditional": ("无条件共享", "unconditional", ("无条件共享", "无条件共享类")),
        "conditional": ("有条件共享", "conditional", ("有条件共享", "有条件共享类")),
        "not_shared": ("不予共享", "not shared", ("不予共享", "不予共享类", "不共享")),
    },
    "purpose": {
        "innovation": ("创新发展", "innovation", ("创新发展", "创新")),
        "city_governance": ("城市治理", "city governance", ("城市治理",)),
        "social_service": ("社会服务", "social service", ("社会服务",)),
        "research": ("科研教育", "research and education", ("科研教育", "科研", "科学研究")),
        "commercial": ("商业开发", "commercial development", ("商业开发", "商业")),
        "official_duty": ("履职", "official duty", ("履职", "履行职责", "依法履职")),
        "other": ("其他", "other", ("其他",)),
    },
    "access_mode": {
        "platform": ("通过平台获取", "through the platform", ("平台", "在线")),
        "copy": ("数据拷贝或其他调用方式", "a copy, or another way of calling it", ("拷贝", "复制")),
    },
    "application.request_type": {
        "dataset": ("数据集", "dataset", ("数据集", "数据文件")),
        "interface": ("接口", "interface", ("接口", "数据接口", "API")),
    },
    "outcome": {
        "permit": ("可直接获取", "may go ahead", ()),
        "apply": ("须申请", "an application is reviewed", ()),
        "deny": ("不能获取", "refused", ()),
        "incomplete": ("材料不全", "more is needed", ()),
        "not_applicable": ("不适用", "no text applies", ()),
    },
    "contains": {
        "state_secret": ("国家秘密", "state secrets", ("国家秘密",)),
        "work_secret": ("工作秘密", "work secrets", ("工作秘密",)),
        "trade_secret": ("商业秘密", "trade secrets", ("商业秘密",)),
        "personal_info": ("个人信息", "personal information", ("个人信息", "个人隐私")),
    },
    "version_status": {
        "in_force": ("施行中", "in force", ("施行",)),
        "trial": ("试行", "trial", ("试行",)),
        "draft": ("征求意见稿", "draft for comment", ("征求意见稿",)),
        "repealed": ("已废止", "repealed", ("废止",)),
    },
    "event": {
        "catalog_update_required": ("目录需要更新（法律或职责变化）", "the catalogue must be updated (law or duty changed)", ()),
        "data_error_reported": ("有人报告数据错误", "an error in the data is reported", ()),
        "objection_received": ("收到异议", "an objection is received", ()),
        "quality_rectification_issued": ("发出数据质量整改要求", "a rectification of data quality is ordered", ()),
        "platform_account_request": ("申请平台账号", "a platform account is asked for", ()),
        "platform_maintenance_planned": ("平台计划维护", "platform maintenance is planned", ()),
        "catalog_offline_requested": ("申请目录下线", "taking a catalogue entry offline is asked for", ()),
        "data_offline_requested": ("申请数据下线", "taking data offline is asked for", ()),
        "shared_data_doubt": ("对共享数据有疑义", "shared data is doubted", ()),
        "open_application_received": ("收到开放申请", "an application to open data arrives", ()),
        "share_application_received": ("收到共享申请", "an application to share data arrives", ()),
        "data_leak_found": ("发现数据泄露", "a data leak is found", ()),
        "platform_staff_changed": ("平台人员变动", "the platform's staff change", ()),
        "security_issue_found": ("发现安全问题", "a security problem is found", ()),
        "open_class_change_found": ("发现开放类型需要调整", "an open class is found to need changing", ()),
        "standing_duties": ("常设职责", "standing duties", ()),
    },
    "route": {
        "direct": ("直接获取", "directly", ("直接下载", "接口调用")),
        "application": ("申请", "by application", ("申请", "依申请")),
        "competitive_selection": ("竞争性方式确定", "by competitive selection", ("公开招标", "竞争性方式")),
        "negotiation": ("协商", "by negotiation", ("协商",)),
        "none": ("无", "none", ()),
    },
}

#: The request's fields as an applicant reads them (the decision's ``missing`` names fields by path).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "jurisdiction": ("辖区", "jurisdiction"), "action": ("事项（开放或共享）", "what is asked (opening or sharing)"),
    "as_of": ("适用日期", "the date of the rules"), "received_on": ("收到申请的日期", "the day the application arrived"),
    "purpose": ("数据用途", "what the data is for"), "access_mode": ("获取方式", "how the data is got"),
    "requester.type": ("申请人类型", "who is asking"), "requester.level": ("申请单位层级", "the requesting body's level"),
    "requester.region": ("申请单位所在地区", "where the requesting body is"),
    "requester.real_name_verified": ("实名注册", "real-name registration on the platform"),
    "requester.agreement_accepted": ("同意平台数据利用协议", "acceptance of the platform's use agreement"),
    "dataset.id": ("数据编号", "the dataset's number"), "dataset.open_class": ("数据的开放类型", "the data's open class"),
    "dataset.share_class": ("数据的共享类型", "the data's share class"),
    "dataset.provider.type": ("提供单位类型", "the providing body's type"),
    "dataset.provider.level": ("提供单位层级", "the providing body's level"),
    "dataset.provider.region": ("提供单位所在地区", "where the providing body is"),
    "application.title": ("申请标题", "the application's title"), "application.reason": ("申请事由", "the reason"),
    "application.request_type": ("申请类型（数据集或接口）", "what is asked for (dataset or interface)"),
    "application.usage_period": ("使用期限", "the period of use"),
    "application.output_form": ("成果形式", "the form of the results"),
    "application.scenario": ("应用场景", "the use scenario"), "application.scope": ("使用范围", "the scope of use"),
    "application.commitment": ("使用承诺", "the undertaking on use"),
    "application.security_measures": ("安全保障措施", "the security measures"),
}

#: The request fields each vocabulary is the codes of.
FIELDS = {
    "jurisdiction": ["jurisdiction", "jurisdictions[]"], "action": ["action"],
    "requester.type": ["requester.type", "dataset.provider.type"],
    "level": ["requester.level", "dataset.provider.level"],
    "open_class": ["dataset.open_class", "dataset.declared_open_class"],
    "share_class": ["dataset.share_class", "dataset.declared_share_class"],
    "purpose": ["purpose"], "access_mode": ["access_mode"],
    "application.request_type": ["application.request_type"],
    "outcome": ["(answer) outcome"], "route": ["(answer) route"],
    "contains": ["dataset.contains[] (classification requests)"],
    "version_status": ["(answer) regulations[].status"], "event": ["event (deadline requests)"],
}


def meaning(vocabulary: str, word: object) -> str | None:
    """The code ``word`` stands for in ``vocabulary`` (a label or a catalogue word), if one does."""
    if not isinstance(word, str):
        return None
    text = word.strip()
    for code, (zh, _en, words) in WORDS.get(vocabulary, {}).items():
        if text == zh or text in words:
            return code
    return None
