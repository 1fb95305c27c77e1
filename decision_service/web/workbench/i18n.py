"""The workbench speaks Chinese and English: the page's language comes from
``?lang=`` (remembered in a cookie), else the cookie, else Accept-Language."""

from __future__ import annotations

from flask import request

LANGS = ("zh", "en")

STRINGS: dict[str, tuple[str, str]] = {
    "title": ("公共数据开放共享规则工作台", "Open data rules workbench"),
    "regulations": ("规定", "Regulations"),
    "matrix": ("参数对照", "Matrix"),
    "compare": ("案例对照", "Compare"),
    "try": ("试一个案例", "Try a case"),
    "coverage": ("覆盖情况", "Coverage"),
    "log": ("决定日志", "Decision log"),
    "status": ("状态", "Status"),
    "document_number": ("文号", "Document number"),
    "issuer": ("发布机关", "Issuer"),
    "effective": ("施行期", "In force"),
    "version_on": ("按日期查看版本", "Version on date"),
    "show": ("查看", "Show"),
    "articles": ("条文", "Articles"),
    "encoded_by": ("编码于", "Encoded by"),
    "rules": ("规则", "Rules"),
    "parameters": ("参数", "Parameters"),
    "notes": ("解读说明", "Reading notes"),
    "tested_by": ("测试场景", "Tested by"),
    "out_of_scope": ("不在编码范围内", "Out of scope"),
    "cleaning": ("文本清理记录", "Cleaning notes"),
    "superior": ("未收录的上位规定（只列名称，未编码）", "Superior rules not in this set (named, not encoded)"),
    "in_force_from": ("施行日期", "in force from"),
    "named_by": ("文本中提到", "named in"),
    "not_stated": ("未规定", "not stated"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_md": ("下载 Markdown", "Download Markdown"),
    "encoded": ("已编码并测试", "encoded and tested"),
    "total": ("条数", "articles"),
    "source": ("源代码", "Source"),
    "draft": ("征求意见稿：不具约束力", "Draft for comment: not binding"),
    "trial": ("试行", "Trial"),
    "in_force": ("施行中", "In force"),
    "assumed": ("（文本未载日期，推定施行）", "(the copy carries no dates; assumed in force)"),
    "not_in_force": ("该日期不在施行期内", "not in force on this date"),
    "topic": ("主题", "Topic"),
    "language": ("English", "中文"),
    "decide": ("判断", "Decide"),
    "jurisdiction": ("辖区", "Jurisdiction"),
    "action": ("事项", "Action"),
    "as_of": ("适用日期", "As of"),
    "received_on": ("收到申请日期", "Received on"),
    "requester": ("申请人", "Requester"),
    "dataset": ("数据集", "Dataset"),
    "application": ("申请材料", "Application"),
    "outcome": ("结论", "Outcome"),
    "explanation": ("说明", "Explanation"),
    "to_applicant": ("告知申请人", "What the applicant is told"),
    "timeline": ("办理时限", "Timeline"),
    "basis": ("依据条文", "Articles relied on"),
    "save_scenario": ("保存为测试场景（YAML）", "Save as a test scenario (YAML)"),
    "errors": ("请求有误", "The request has errors"),
    "differs": ("各辖区结论不同的行已标出", "Rows where the jurisdictions differ are marked"),
    "login": ("审核人员登录", "Reviewer sign-in"),
    "logout": ("退出", "Sign out"),
    "key": ("审核密钥", "Reviewer key"),
    "search": ("检索", "Search"),
    "since": ("起始日期", "Since"),
    "until": ("截止日期", "Until"),
    "replay": ("按当前规则重放", "Replay under the current rules"),
    "same": ("当前规则给出相同的判断", "The current rules give the same decision"),
    "bad_key": ("密钥无效或不是审核密钥", "Not a valid reviewer key"),
    "none": ("（空）", "(none)"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "f:purpose": ("用途", "purpose"),
    "f:access_mode": ("获取方式", "access mode"),
    "f:type": ("类型", "type"),
    "f:level": ("层级", "level"),
    "f:region": ("地区", "region"),
    "f:real_name_verified": ("已实名注册", "real name verified"),
    "f:agreement_accepted": ("已同意利用协议", "agreement accepted"),
    "f:open_class": ("开放类型", "open class"),
    "f:share_class": ("共享类型", "share class"),
    "f:provider level": ("提供部门层级", "provider level"),
    "f:provider region": ("提供部门地区", "provider region"),
    "f:title": ("标题", "title"),
    "f:reason": ("事由", "reason"),
    "f:request_type": ("申请类型", "request type"),
    "f:usage from": ("使用期限自", "usage from"),
    "f:usage to": ("使用期限至", "usage to"),
    "f:output_form": ("成果形式", "output form"),
    "f:scenario": ("应用场景", "scenario"),
    "f:scope": ("使用范围", "scope of use"),
    "f:security_measures": ("安全保障措施", "security measures"),
    "f:commitment": ("承诺", "commitment"),
}


def lang() -> str:
    asked = request.args.get("lang")
    if asked in LANGS:
        return asked
    cookie = request.cookies.get("lang")
    if cookie in LANGS:
        return cookie
    best = request.accept_languages.best_match(["zh", "zh-CN", "en"], default="zh")
    return "en" if best.startswith("en") else "zh"


def t(key: str) -> str:
    zh, en = STRINGS[key]
    return zh if lang() == "zh" else en
