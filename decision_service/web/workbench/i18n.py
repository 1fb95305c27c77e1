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
