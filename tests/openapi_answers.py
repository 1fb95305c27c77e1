"""Every answer checked against ``/openapi.json``: the operation is found by
method and path, the response by its status (or ``default``), and a JSON body
is validated against that response's schema (OpenAPI 3.1, with the
document's components). A status the operation does not document, or a body
its schema refuses, fails the test that got it."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from flask.testing import FlaskClient
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:osd:openapi"
#: Answers checked in this test session, by operationId (printed at the end of the run).
TOTALS: Counter[str] = Counter()
#: Lines for the end of the run (the schemathesis counts).
REPORT: list[str] = []


class SpecMismatch(AssertionError):
    pass


@dataclass
class SpecChecker:
    spec: dict
    checked: dict[str, int] = field(default_factory=dict)  # operationId -> answers checked

    def __post_init__(self) -> None:
        self._routes = []
        for path, ops in self.spec["paths"].items():
            pattern = "".join((".+" if part == "{path}" else "[^/]+") if part.startswith("{") else re.escape(part)
                              for part in re.split(r"(\{[^}]+\})", path))
            for method, op in ops.items():
                if isinstance(op, dict) and "responses" in op:
                    self._routes.append((method.upper(), re.compile(pattern + r"\Z"), path, op))
        # Literal paths before templates: /v1/decisions:batch is not /v1/decisions/{decision_id}
        self._routes.sort(key=lambda r: "{" in r[2])
        registry = Registry().with_resource(SPEC_URI, Resource.from_contents(self.spec, default_specification=DRAFT202012))
        self._registry = registry

    def spec_operations(self) -> list[str]:
        """Every operationId of the description."""
        return [op["operationId"] for _, _, _, op in self._routes]

    def operation(self, method: str, path: str) -> tuple[str, dict] | None:
        path = path.split("?", 1)[0]
        for m, pattern, template, op in self._routes:
            if m == method.upper() and pattern.match(path):
                return template, op
        return None

    def schema_of(self, op: dict, status: int) -> dict | None:
        """The JSON schema of the answer ``status`` (None: not JSON); raises if undocumented."""
        responses = op["responses"]
        # Every status is documented by itself; ``default`` stands only for 500 (a failure of the service)
        response = responses.get(str(status)) or (responses.get("default") if status == 500 else None)
        if response is None:
            raise SpecMismatch(f"{op['operationId']}: status {status} is not documented")
        if "$ref" in response:
            response = self.spec["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
        content = response.get("content") or {}
        media = content.get("application/json") or content.get("application/problem+json")
        return media.get("schema") if media else None

    def check(self, method: str, path: str, status: int, content_type: str, body: bytes | str) -> None:
        found = self.operation(method, path)
        if found is None:
            return  # not an operation of the API (an unknown route, the workbench)
        template, op = found
        schema = self.schema_of(op, status)
        self.checked[op["operationId"]] = self.checked.get(op["operationId"], 0) + 1
        TOTALS[op["operationId"]] += 1
        if schema is None or not content_type.startswith("application/json") or method.upper() == "HEAD":
            return
        document = json.loads(body)
        absolute = json.loads(json.dumps(schema).replace('"#/components/', f'"{SPEC_URI}#/components/'))
        validator = OAS31Validator(absolute, registry=self._registry, format_checker=oas31_format_checker)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if errors:
            shown = "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}"
                              for e in errors[:5])
            raise SpecMismatch(f"{method} {path} -> {status} does not match {template}: {shown}")

    def check_document(self, method: str, template_path: str, status: int, document: object) -> None:
        """Check an answer made without HTTP (a scenario's decision) as the operation's answer."""
        self.check(method, template_path, status, "application/json", json.dumps(document, ensure_ascii=False))


class CheckedClient(FlaskClient):
    """Flask's test client, with every answer checked against the app's own /openapi.json."""

    checker: SpecChecker | None = None

    def open(self, *args, **kwargs):  # noqa: ANN002, ANN003
        response = super().open(*args, **kwargs)
        checker = type(self).checker or _checker_for(self.application)
        request = response.request
        checker.check(request.method, request.path, response.status_code, response.mimetype or "",
                      response.get_data())
        return response


def _checker_for(app) -> SpecChecker:  # noqa: ANN001
    checker = app.extensions.get("osd_spec_checker")
    if checker is None:
        with app.test_request_context():
            spec = app.extensions["osd_api"].spec.to_dict()
        checker = app.extensions["osd_spec_checker"] = SpecChecker(json.loads(json.dumps(spec)))
    return checker


def checked(app):  # noqa: ANN001, ANN201
    """``app`` with its test client checking every answer."""
    app.test_client_class = CheckedClient
    return app
