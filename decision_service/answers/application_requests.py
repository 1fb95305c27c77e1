"""What the applications resource takes: a registration (a decision request or a
logged decision, and the day the application was received) and an event.

A refusal's reasons and legal basis are the answering body's words, kept as
given; nothing else an event carries is free text, so no applicant's personal
data is stored with an application beyond what the log keeps (masked).
"""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from .requests import DecisionRequestSchema
from .validation import IsoDate, Strict, load_valid, one_of
from .vocabulary import APPLICATION_EVENTS, APPLICATION_STATES

OUTCOMES = {"granted": "the data is given (同意, 审核通过, 可以开放/共享)", "refused": "not given (不予开放, 不予共享, 不同意)"}
#: Events that carry an answer's fields.
ANSWERING = {"answered"}
TEXT_MAX = 4000


class RegistrationSchema(Strict):
    request = fields.Nested(DecisionRequestSchema, allow_none=True,
                            metadata={"description": "a decision request (contract §1); decided when registered"})
    decision_id = fields.String(allow_none=True, validate=validate.Regexp(r"^[0-9a-f-]{36}$", error="Not a decision id."),
                                metadata={"description": "or a decision in the log, given to this key"})
    received_on = IsoDate(allow_none=True, metadata={
        "description": "the day the application was received (default: the request's received_on, else today); "
                       "the rules in force that day decide it", "example": "2026-11-23"})
    reference = fields.String(allow_none=True, validate=validate.Length(min=1, max=200),
                              metadata={"description": "the portal's own id for the application"})

    @validates_schema
    def _one_source(self, data: dict, **_: object) -> None:
        if (data.get("request") is None) == (data.get("decision_id") is None):
            raise ValidationError("Give either request or decision_id.", "request")


class EventSchema(Strict):
    type = fields.String(required=True, validate=one_of(list(APPLICATION_EVENTS)),
                         metadata={"description": "; ".join(f"{k}: {v}" for k, v in APPLICATION_EVENTS.items())})
    on = IsoDate(allow_none=True, metadata={"description": "the day it happened (default: today in Asia/Shanghai)"})
    step = fields.String(allow_none=True, validate=validate.Regexp(r"^[a-z][a-z0-9_]{0,59}$", error="Not a step key."),
                         metadata={"description": "the duty it discharges (default: the first open one its type discharges); "
                                                  "a refusal may name any open step"})
    outcome = fields.String(allow_none=True, validate=one_of(list(OUTCOMES)),
                            metadata={"description": "for answered: " + "; ".join(f"{k}: {v}" for k, v in OUTCOMES.items())})
    reasons = fields.String(allow_none=True, validate=validate.Length(max=TEXT_MAX),
                            metadata={"description": "a refusal's reasons (理由), as the answering body gives them"})
    legal_basis = fields.String(allow_none=True, validate=validate.Length(max=TEXT_MAX),
                                metadata={"description": "the law or rule a refusal rests on (依据)"})

    @validates_schema
    def _answer_fields(self, data: dict, **_: object) -> None:
        answering = data["type"] in ANSWERING
        if answering and not data.get("outcome"):
            raise ValidationError("Required for an answered event.", "outcome")
        for name in ("outcome", "reasons", "legal_basis"):
            if not answering and data.get(name) is not None:
                raise ValidationError("Only an answered event carries it.", name)
        if data.get("outcome") == "granted" and (data.get("reasons") or data.get("legal_basis")):
            raise ValidationError("Only a refusal carries reasons and a legal basis.", "outcome")


_REGISTRATION = RegistrationSchema()
_EVENT = EventSchema()


def validate_registration(doc: object) -> dict:
    return load_valid(_REGISTRATION, doc)


def validate_event(doc: object) -> dict:
    return load_valid(_EVENT, doc)


#: The query of GET /v1/applications and what each takes.
LIST_PARAMETERS = {
    "state": list(APPLICATION_STATES), "jurisdiction": None, "actor": None, "due_before": "date",
    "overdue": ["true", "false"], "cursor": None, "limit": "1..500",
}
