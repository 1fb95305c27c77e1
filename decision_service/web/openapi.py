"""What ``/openapi.json`` says beyond the schemas of each resource: the
project's error body, answers open to added fields, an operationId for every
operation, and the errors each operation can give.

The description is a contract, held to the answers by tests
(``tests/test_openapi_answers.py`` checks every answer the tests get;
``tests/test_schemathesis.py`` generates requests from it): a schema here that
refuses a real answer, or a status not documented, fails the suite.
"""

from __future__ import annotations

import re

from flask_smorest import Api
from marshmallow import INCLUDE, Schema, fields, validate

from ..answers.field_errors import CODES as FIELD_CODES

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


class Open(Schema):
    """An answer object: fields may be added in later versions (the contract
    adds, never renames), so clients must accept properties they do not know."""

    class Meta:
        unknown = INCLUDE


#: The error codes of ``error.code``, with when each is given.
ERROR_CODES = {
    "invalid_request": "a field is missing or refused (see fields and details)",
    "invalid_json": "the body is not UTF-8 JSON, or cannot be read at all (nested thousands deep, a number too long); "
                    "JSON that reads but nests deeper than 32 levels is invalid_request, code depth",
    "bad_request": "the request cannot be read (HTTP)",
    "unauthorized": "no valid API key (401, with WWW-Authenticate)",
    "forbidden": "the key's role may not do this (403)",
    "not_found": "no such jurisdiction, regulation, article, decision or route (404)",
    "method_not_allowed": "the path does not take this method (405, with Allow)",
    "request_timeout": "the request was not sent in time (408)",
    "bundle_rejected": "a reload found the bundle on disk unacceptable; the old one keeps serving (409)",
    "idempotency_key_in_use": "the first request with this Idempotency-Key is still being answered (409, with Retry-After)",
    "idempotency_key_reused": "this Idempotency-Key was sent with another request (422)",
    "payload_too_large": "the body is over the limit (413)",
    "uri_too_long": "the request line is too long (414)",
    "unsupported_media_type": "the body is not application/json (415)",
    "header_fields_too_large": "the headers are too large (431)",
    "expectation_failed": "an Expect header other than 100-continue (417)",
    "not_implemented": "a transfer coding the server does not take (501)",
    "internal_error": "the service failed; it is logged (500)",
    "unavailable": "not ready (503, with Retry-After where it will pass)",
    "engine_unavailable": "the decision engine cannot answer now (503, with Retry-After)",
    "not_an_application": "the decision is not one a body must answer (permit, deny, incomplete, not_applicable): "
                          "no application is registered (422)",
    "event_not_allowed": "the application's state or its procedure does not take this event (409)",
    "refusal_incomplete": "a refusal lacks what the text of its step says it must state (400; fields name the items)",
    "conflict": "the application changed while the event was recorded; send it again (409)",
}


class FieldErrorSchema(Open):
    field = fields.String(required=True, metadata={"description": "the field's path, e.g. requester.type; (root) or (body) for the whole"})
    code = fields.String(required=True, validate=validate.OneOf(list(FIELD_CODES)),
                         metadata={"description": "; ".join(f"{k}: {v}" for k, v in FIELD_CODES.items())})
    message = fields.String(required=True, metadata={"description": "the reason, in the language of Content-Language"})


class ErrorBodySchema(Open):
    code = fields.String(required=True, metadata={"description": "; ".join(f"{k}: {v}" for k, v in ERROR_CODES.items()),
                                                  "example": "invalid_request"})
    message = fields.String(required=True, metadata={"description": "in the language asked for by Accept-Language (zh or en, default en)",
                                                     "example": "requester.type: Missing data for required field."})
    fields_ = fields.Dict(data_key="fields", keys=fields.String(), values=fields.List(fields.String()), required=True,
                         metadata={"description": "contract §6: each refused field's path with its reasons",
                                   "example": {"requester.type": ["Missing data for required field."]}})
    details = fields.List(fields.Nested(FieldErrorSchema), required=True,
                          metadata={"description": "the same reasons, one object each, with a machine code"})


class ErrorSchema(Open):
    error = fields.Nested(ErrorBodySchema, required=True)


class OsdApi(Api):
    """flask-smorest's Api with the project's error body as every error response."""

    ERROR_SCHEMA = ErrorSchema


#: Operations whose answer the policy engine computes: they can answer 503.
ENGINE_OPERATIONS = {"post_v1_decisions", "post_v1_decisions_batch", "post_v1_classifications", "post_v1_deadlines",
                     "post_v1_compare", "post_v1_data_path", "post_v1_decisions_decision_id_replay",
                     "post_v1_applications"}
#: Operations that take an Idempotency-Key (web.idempotency): they can answer 409 and 422.
IDEMPOTENT_OPERATIONS = {"post_v1_decisions", "post_v1_decisions_batch", "post_v1_classifications", "post_v1_deadlines",
                         "post_v1_compare", "post_v1_data_path", "post_v1_applications",
                         "post_v1_applications_application_id_events", "post_v1_webhooks"}
IDEMPOTENCY_KEY = {
    "in": "header", "name": "Idempotency-Key", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
    "description": "a key of the caller's choosing (e.g. a UUID): a retry with the same key and body gets the stored "
                   "answer (Idempotent-Replayed: true) and is not decided or logged again; the same key with another "
                   "body is a 422; while the first is being answered, a 409 with Retry-After. Kept at least 24 hours.",
}
#: The cached public pages (web.caching), as the description writes their paths.
CACHED_PATHS = {"/v1/matrix", "/v1/jurisdictions", "/v1/regulations/{reg_id}", "/v1/regulations/{reg_id}/articles/{number}",
                "/v1/vocabularies"}
IF_NONE_MATCH = {"in": "header", "name": "If-None-Match", "required": False, "schema": {"type": "string"},
                 "description": "the ETag of an answer held: 304 if it is still the answer"}
CACHE_HEADERS = {"ETag": {"schema": {"type": "string"}, "description": "from the bundle revision and the request"},
                 "Cache-Control": {"schema": {"type": "string"}, "description": "public, max-age=60"}}
#: Operations without a path parameter that still look something up (a logged decision): they can answer 404.
LOOKUP_OPERATIONS = {"post_v1_applications"}
#: Operations that read a query string they check.
QUERY_OPERATIONS = {"get_v1_matrix", "get_v1_decisions", "get_v1_applications", "get_v1_applications_ics",
                    "get_v1_webhooks_webhook_id_deliveries", "post_v1_admin_impact"}


def document_operations(api: Api) -> None:
    """Give every operation an operationId (method and path, e.g. ``post_v1_decisions_batch``)
    and document the errors it can give, each as the project's error body."""
    spec = api.spec
    for path, operations in spec._paths.items():  # apispec keeps the paths here until the spec is written
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            op_id = operation.setdefault("operationId", re.sub(r"[^a-z0-9]+", "_", f"{method}{path}".lower()).strip("_"))
            responses = operation.setdefault("responses", {})
            errors = {408, 414, 431}  # the HTTP layer's refusals, on any request (web.worker)
            if "requestBody" in operation:
                errors |= {400, 413, 415}
            if operation.get("security"):
                errors |= {401, 403}
            if "{" in path or op_id in LOOKUP_OPERATIONS:
                errors.add(404)
            if op_id in ENGINE_OPERATIONS:
                errors.add(503)
            if op_id in QUERY_OPERATIONS:
                errors.add(400)
            if op_id in IDEMPOTENT_OPERATIONS:
                errors |= {409, 422}
                operation.setdefault("parameters", []).append(dict(IDEMPOTENCY_KEY))
            if path in CACHED_PATHS and method == "get":
                operation.setdefault("parameters", []).append(dict(IF_NONE_MATCH))
                ok = responses.get("200")
                if isinstance(ok, dict):
                    ok.setdefault("headers", {}).update(CACHE_HEADERS)
                responses["304"] = {"description": "not modified: If-None-Match holds the current ETag",
                                    "headers": CACHE_HEADERS}
            for status in sorted(errors):
                if str(status) not in responses:
                    name = _response_name(status)
                    responses[str(status)] = spec.components.get_ref("response", name)


def _response_name(status: int) -> str:
    import http

    return http.HTTPStatus(status).name


def path_parameters() -> dict[str, dict]:
    """The values each path parameter takes, so that the description says which
    ids exist (a generated client or test then asks for real ones)."""
    from ..engine import ENTRYPOINTS
    from ..store.bundle import JURISDICTIONS

    return {
        "reg_id": {"type": "string", "enum": sorted(JURISDICTIONS.values()), "description": "a regulation id"},
        "number": {"type": "string", "pattern": "^[1-9][0-9]{0,2}$", "description": "an article number", "example": "15"},
        "name": {"type": "string", "enum": ["osd"], "description": "the bundle's name"},
        "path": {"type": "string", "enum": list(ENTRYPOINTS), "description": "a policy entry point"},
        "decision_id": {"type": "string", "format": "uuid", "description": "a decision_id the service answered"},
        "webhook_id": {"type": "string", "format": "uuid", "description": "a webhook this key registered"},
        "run_id": {"type": "string", "format": "uuid", "description": "an impact run"},
    }


#: Where an answer leads: links from a decision to its log entry and its replay (OpenAPI links).
#: Only what every 200 answer holds: a batch has none, as its first entry may be a refusal without a decision_id.
LINKS = {
    "post_v1_decisions": {
        "GetLoggedDecision": {"operationId": "get_v1_decisions_decision_id",
                              "parameters": {"decision_id": "$response.body#/decision_id"},
                              "description": "the decision as the log keeps it"},
        "ReplayDecision": {"operationId": "post_v1_decisions_decision_id_replay",
                           "parameters": {"decision_id": "$response.body#/decision_id"},
                           "description": "the logged request decided again under the current bundle"},
    },
    "get_v1_decisions_decision_id": {
        "ReplayLoggedDecision": {"operationId": "post_v1_decisions_decision_id_replay",
                                 "parameters": {"decision_id": "$response.body#/decision_id"}},
    },
}


#: The request bodies' schemas (their dates are read from 1900-01-01 to 2199-12-31).
REQUEST_SCHEMAS = ("DecisionRequest", "Period", "ClassificationRequest", "DeadlineRequest", "CompareRequest")
DATE_RANGE = "^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$"


def _date_range(schema: dict) -> None:
    """Say in the description what ``answers.validation`` reads: a date from 1900 to 2199."""
    for prop in schema.get("properties", {}).values():
        for target in (prop, prop.get("additionalProperties")):
            if isinstance(target, dict) and target.get("format") == "date":
                target["pattern"] = DATE_RANGE
                target.setdefault("description", "a date from 1900-01-01 to 2199-12-31")


def refine(api: Api) -> None:
    """What marshmallow cannot say in the generated description: the values of
    path parameters, the links between operations, the step keys of ``done``,
    and that a class change's classes depend on its kind."""
    from ..answers.requests import OPEN_CLASSES, SHARE_CLASSES

    spec = api.spec
    known = path_parameters()
    for path, operations in spec._paths.items():
        for parameter in operations.get("parameters", []):
            if parameter.get("in") == "path" and parameter["name"] in known:
                parameter["schema"] = known[parameter["name"]]
        for method, operation in operations.items():
            if method in METHODS and operation.get("operationId") in LINKS:
                ok = operation["responses"].get("200")
                if isinstance(ok, dict):
                    ok["links"] = LINKS[operation["operationId"]]
    schemas = spec.components.schemas
    for name in REQUEST_SCHEMAS:
        _date_range(schemas[name])
    _batch(spec)
    done = schemas["DeadlineRequest"]["properties"]["done"]
    done["propertyNames"] = {"pattern": "^[a-z][a-z0-9_]{0,63}$"}
    change = schemas["Change"]
    change["oneOf"] = [
        {"properties": {"kind": {"const": kind}, "from": {"enum": classes}, "to": {"enum": classes}}}
        for kind, classes in (("open", OPEN_CLASSES), ("share", SHARE_CLASSES))]


ITEM = {"index": {"type": "integer"}, "id": {"type": ["string", "null"]}, "dataset_id": {"type": ["string", "null"]}}


def _batch(spec) -> None:  # noqa: ANN001
    """A batch's items and ``common`` are decision requests with nothing required (the
    merge completes them); its results are full or compact decisions, or item errors."""
    from .resources.decisions.schemas import CompactDecisionSchema, ItemErrorSchema

    schemas = spec.components.schemas
    for name, schema in (("CompactDecision", CompactDecisionSchema), ("ItemError", ItemErrorSchema)):
        if name not in schemas:
            spec.components.schema(name, schema=schema)
    request = schemas["DecisionRequest"]
    item = {"type": "object", "additionalProperties": False,
            "properties": {"id": {"type": ["string", "null"], "minLength": 1, "maxLength": 200,
                                  "description": "the caller's id of the item, echoed in its result"},
                           **request["properties"]}}
    common = {"type": ["object", "null"], "additionalProperties": False,
              "properties": {k: p for k, p in request["properties"].items() if k != "dataset"}}
    body = schemas["BatchRequest"]["properties"]
    # Any item is taken: an invalid one is answered by its error in place (a 200), unless atomic
    body["requests"]["items"] = {"anyOf": [item, {}], "description": "a decision request, with the caller's id; "
                                 "one that is not valid is answered in place by its error"}
    body["common"] = {**common, "description": body["common"].get("description", "")}
    with_item = {"type": "object", "properties": ITEM, "required": ["index", "id", "dataset_id"]}
    schemas["Batch"]["properties"]["decisions"]["items"] = {"anyOf": [
        {"allOf": [{"$ref": "#/components/schemas/Decision"}, with_item]},
        {"allOf": [{"$ref": "#/components/schemas/CompactDecision"}, with_item]},
        {"$ref": "#/components/schemas/ItemError"}]}
