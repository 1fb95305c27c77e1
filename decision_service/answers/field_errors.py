"""Why a field was refused, as a machine code a portal can act on, and the
reason in Chinese or English.

Validation (marshmallow, ``json_shape``, the project's own checks) words its
reasons in English; each reason is recognised here by its wording and given a
code and a Chinese text. A reason that is not recognised keeps its English
text and the code ``invalid``, so a new check never loses its message.
"""

from __future__ import annotations

import re

#: The codes, in the order a portal would fix them.
CODES = {
    "required": "the field is missing",
    "null": "the field may not be null",
    "unknown": "the field is not part of the request",
    "type": "the value has the wrong JSON type",
    "enum": "the value is not one of the allowed codes",
    "format": "the value is not in the required format (dates: YYYY-MM-DD)",
    "range": "the value is outside the allowed range",
    "length": "the text or list is too short or too long",
    "order": "the value contradicts another field",
    "encoding": "the text cannot be encoded (a lone surrogate)",
    "depth": "the JSON is nested too deep",
    "invalid": "the value is refused for another reason (see the message)",
}

_TYPES_ZH = {"string": "字符串", "integer": "整数", "boolean": "布尔值", "list": "列表", "mapping type": "对象",
             "number": "数字"}

# (code, pattern, Chinese text made from the match)
_RULES: list[tuple[str, re.Pattern[str], object]] = [
    ("required", re.compile(r"Missing data for required field\."), lambda m: "缺少必填字段。"),
    ("null", re.compile(r"Field may not be null\."), lambda m: "不可为空（null）。"),
    ("unknown", re.compile(r"Unknown field\."), lambda m: "未知字段：请求中没有这一项。"),
    ("enum", re.compile(r"Must be one of: (?P<values>.*?)(?:; (?P<given>'.*') means (?P<meant>'.*'))?\.\Z"),
     lambda m: f"须为以下之一：{m['values']}" + (f"；{m['given']} 应为 {m['meant']}" if m["meant"] else "") + "。"),
    ("type", re.compile(r"Not a valid (?P<type>string|integer|boolean|list|mapping type|number)\."),
     lambda m: f"类型不对：应为{_TYPES_ZH[m['type']]}。"),
    ("type", re.compile(r"Invalid (?:input )?type\."), lambda m: "类型不对：应为对象。"),
    ("type", re.compile(r"Not a valid utf-8 string\."), lambda m: "不是有效的 UTF-8 字符串。"),
    ("format", re.compile(r"Not a date \(YYYY-MM-DD\)\."), lambda m: "不是日期（应为 YYYY-MM-DD）。"),
    ("format", re.compile(r"Not a step key\."), lambda m: "不是步骤代码（小写字母、数字和下划线）。"),
    ("type", re.compile(r"not an object"), lambda m: "请求须为 JSON 对象。"),
    ("format", re.compile(r"Not a valid key: (?P<what>.*)\."), lambda m: "不是有效的键：只能用可见的 ASCII 字符。"),
    ("unknown", re.compile(r"Unknown parameter\."), lambda m: "未知参数。"),
    ("invalid", re.compile(r"missing, unknown or revoked key"), lambda m: "缺少密钥，或密钥无效、已撤销。"),
    ("invalid", re.compile(r"the key's role is (?P<role>\w+)"), lambda m: f"该密钥的角色是 {m['role']}。"),
    ("format", re.compile(r"got (?P<type>\S+)\Z"), lambda m: f"收到的是 {m['type']}。"),
    ("format", re.compile(r"not UTF-8"), lambda m: "不是 UTF-8 编码。"),
    ("format", re.compile(r"(?P<what>.+) at line (?P<line>\d+) column (?P<col>\d+)"),
     lambda m: f"JSON 语法错误（第 {m['line']} 行第 {m['col']} 列）：{m['what']}。"),
    ("invalid", re.compile(r"\Aunknown\Z"), lambda m: "不存在。"),
    ("invalid", re.compile(r"\Aone of (?P<values>.+)"), lambda m: f"须为以下之一：{m['values']}。"),
    ("range", re.compile(r"\A(?P<lo>\d+) to (?P<hi>\d+)\Z"), lambda m: f"须在 {m['lo']} 至 {m['hi']} 之间。"),
    ("invalid", re.compile(r"already used for another request"), lambda m: "已用于另一个请求。"),
    ("invalid", re.compile(r"in use; retry"), lambda m: "正在使用中，请稍后重试。"),
    ("range", re.compile(r"Out of range: a date from (?P<lo>\S+) to (?P<hi>\S+)\."),
     lambda m: f"超出范围：日期须在 {m['lo']} 至 {m['hi']} 之间。"),
    ("range", re.compile(r"Must be (?:greater than or equal to|at least) (?P<lo>-?\d+)(?: and less than or equal to (?P<hi>-?\d+))?\."),
     lambda m: f"超出范围：须不小于 {m['lo']}" + (f"且不大于 {m['hi']}" if m["hi"] else "") + "。"),
    ("range", re.compile(r"a number too long to read"), lambda m: "数字位数过多，无法读取。"),
    ("length", re.compile(r"Shorter than minimum length (?P<n>\d+)\."), lambda m: f"过短：至少 {m['n']} 个。"),
    ("length", re.compile(r"Longer than maximum length (?P<n>\d+)\."), lambda m: f"过长：至多 {m['n']} 个。"),
    ("length", re.compile(r"Length must be between (?P<lo>\d+) and (?P<hi>\d+)\."),
     lambda m: f"长度须在 {m['lo']} 至 {m['hi']} 之间。"),
    ("order", re.compile(r"Later than as_of: .*"), lambda m: "晚于 as_of：适用的是收件当日施行的规定。"),
    ("order", re.compile(r"'from' is after 'to'\."), lambda m: "起始日期晚于截止日期。"),
    ("order", re.compile(r"Give jurisdiction or jurisdictions, not both\."),
     lambda m: "jurisdiction 与 jurisdictions 只能给出其一。"),
    ("encoding", re.compile(r".*lone surrogate.*"), lambda m: "不是 Unicode 文本：含有无法编码的孤立代理项（\\ud800–\\udfff）。"),
    ("depth", re.compile(r"nested (?:deeper than (?P<n>\d+) levels|too deep)"),
     lambda m: f"JSON 嵌套过深（超过 {m['n']} 层）。" if m["n"] else "JSON 嵌套过深。"),
]


def explain(message: str) -> tuple[str, str | None]:
    """The code of an English reason, and its Chinese text (None when not recognised)."""
    for code, pattern, zh in _RULES:
        found = pattern.search(message)
        if found:
            return code, zh(found)
    return "invalid", None


def details(fields: dict[str, list[str]], lang: str = "en") -> list[dict]:
    """Each field's reasons as ``{field, code, message}``, the message in ``lang`` (zh or en)."""
    out = []
    for field, reasons in fields.items():
        for reason in reasons:
            code, zh = explain(reason)
            out.append({"field": field, "code": code, "message": zh if lang == "zh" and zh else reason})
    return out


def localise_fields(fields: dict[str, list[str]], lang: str) -> dict[str, list[str]]:
    """The contract's ``fields`` map with its reasons in ``lang``."""
    if lang != "zh":
        return fields
    return {field: [explain(r)[1] or r for r in reasons] for field, reasons in fields.items()}
