"""Errors as contract §6 says: a JSON body ``{"error": {"code", "message",
"fields"}}`` for every failure, bad input as 400 (413 too large, 415 not
JSON, 404 unknown), and never a stack trace. The body adds ``details``: each
refused field's reason with a machine code (``answers.field_errors``). The
messages are in Chinese when ``Accept-Language`` prefers it, else in English;
``Content-Language`` says which."""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, current_app, has_request_context, request
from werkzeug.exceptions import HTTPException

from ..answers import field_errors, json_shape
from ..answers.requests import RequestError, whole_number

log = logging.getLogger("osd.errors")

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type", 429: "too_many_requests",
    500: "internal_error", 503: "unavailable",
}


class ApiError(Exception):
    """A failure with its HTTP status and the contract's error body."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None, **extra: object) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields, self.extra = status, code, message, fields or {}, extra


#: The message of each error code in Chinese (the English one is made where the error is raised).
ZH = {
    "invalid_json": "请求体不是可读的 JSON。", "bad_request": "无法读取该请求。",
    "unauthorized": "需要有效的 API 密钥（Authorization: Bearer <密钥>）。",
    "forbidden": "该密钥的角色无权执行此操作。", "not_found": "找不到：{path}",
    "method_not_allowed": "{path} 不接受 {method} 方法。", "payload_too_large": "请求体超过大小上限（{limit} 字节）。",
    "unsupported_media_type": "请以 application/json 发送请求体。",
    "bundle_rejected": "规则包未通过检查，仍以原规则包提供服务。",
    "internal_error": "服务处理该请求时出错，已记入日志。", "unavailable": "服务暂未就绪，请稍后重试。",
    "engine_unavailable": "决策引擎暂时无法作答，请稍后重试。", "too_many_requests": "请求过多，请稍后重试。",
    "not_an_application": "该决定不需要有关单位答复（直接获取、不予提供、材料不全或不适用），未登记申请。",
    "event_not_allowed": "申请当前的状态或其办理程序不接受该事件。",
    "refusal_incomplete": "不予提供的答复缺少该步骤的文本要求说明的内容。",
    "conflict": "记录事件时申请已被更改，请重新发送。",
}


def language() -> str:
    """``zh`` when the request's Accept-Language prefers Chinese to English, else ``en``."""
    if not has_request_context():
        return "en"
    return request.accept_languages.best_match(["en", "zh"], default="en")


def error_object(code: str, message: str, fields: dict | None = None) -> dict:
    """The contract's error object, its messages in the language the request asks for."""
    fields = fields or {}
    lang = language()
    if lang == "zh":
        first = next(iter(fields), None)
        if code == "invalid_request" and first is not None:
            message = f"{first}：{field_errors.localise_fields({first: fields[first][:1]}, 'zh')[first][0]}"
        elif code in ZH:
            message = ZH[code].format(path=request.path, method=request.method,
                                      limit=current_app.config.get("MAX_CONTENT_LENGTH"))
    return {"code": code, "message": message, "fields": field_errors.localise_fields(fields, lang),
            "details": field_errors.details(fields, lang)}


def body(status: int, code: str, message: str, fields: dict | None = None, **extra: object) -> Response:
    payload = {"error": error_object(code, message, fields), **extra}
    response = Response(json.dumps(payload, ensure_ascii=False), status=status, mimetype="application/json")
    response.headers["Content-Language"] = language()
    response.vary.add("Accept-Language")
    return response


def json_body() -> object:
    """The request's JSON body: 415 unless it is JSON, 400 unless it parses."""
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "send the request as application/json",
                       {"Content-Type": [f"got {request.mimetype or 'none'}"]})
    raw = request.get_data(cache=True)
    try:
        return json_shape.loads(raw)
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", "the body is not UTF-8", {"(body)": ["not UTF-8"]}) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise ApiError(400, "invalid_json", f"the body is not JSON: {exc.msg} at {where}",
                       {"(body)": [f"{exc.msg} at {where}"]}) from None
    except json_shape.Unreadable as exc:
        raise ApiError(400, "invalid_json", f"the body cannot be read: {exc.why}", {"(body)": [exc.why]}) from None


def unknown_parameters(allowed: object) -> dict[str, list[str]]:
    """The query's parameters not in ``allowed``, each refused by name."""
    return {k: ["Unknown parameter."] for k in sorted(set(request.args) - set(allowed))}


def query_limit(fields: dict[str, list[str]], default: int = 100, most: int = 500) -> int | None:
    """The query's ``limit``, from 1 to ``most``; refused in ``fields`` when it is not."""
    limit = whole_number(request.args.get("limit", str(default)), 1, most)
    if limit is None:
        fields["limit"] = [f"Must be greater than or equal to 1 and less than or equal to {most}."]
    return limit


def refuse(fields: dict[str, list[str]]) -> None:
    """A 400 naming every refused parameter with its reasons, the first in the message; nothing if none."""
    if fields:
        first = next(iter(fields))
        raise ApiError(400, "invalid_request", f"{first}: {fields[first][0]}", fields)


def validated(validator, doc: object) -> dict:
    try:
        return validator(doc)
    except RequestError as exc:
        raise ApiError(400, "invalid_request", exc.message, exc.fields) from None


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        extra = dict(exc.extra)
        retry_after = extra.pop("retry_after", None)
        response = body(exc.status, exc.code, exc.message, exc.fields, **extra)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        if exc.status == 401:  # RFC 9110: a 401 names the scheme that would succeed
            response.headers["WWW-Authenticate"] = 'Bearer realm="osd"'
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        code = CODES.get(exc.code or 500, "error")
        message = {404: f"no such route: {request.method} {request.path}",
                   405: f"{request.method} is not allowed on {request.path}",
                   413: f"the body is larger than {app.config['MAX_CONTENT_LENGTH']} bytes"}.get(exc.code, exc.description)
        response = body(exc.code or 500, code, message)
        if exc.code == 405 and getattr(exc, "valid_methods", None):
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    from ..engine import EngineError

    @app.errorhandler(EngineError)
    def _engine(exc: EngineError) -> Response:
        log.warning("engine failed on %s %s: %s", request.method, request.path, exc)
        response = body(503, "engine_unavailable", f"the decision engine cannot answer now: {exc}")
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return body(500, "internal_error", "the service failed on this request; it is logged")
