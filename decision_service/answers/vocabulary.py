"""The codes an answer uses, each list once: the OpenAPI description gives them
as enums, and the answer-validation tests fail if the policy answers a code
that is not here. (The codes a request takes are in ``requests``.)"""

from __future__ import annotations

from ..store.bundle import JURISDICTIONS
from .requests import OPEN_CLASSES, SHARE_CLASSES  # noqa: F401  (the classes answers name, as requests do)
from .words import WORDS

JURISDICTION_IDS = list(JURISDICTIONS)
ACTIONS = ["open", "share"]
#: contract §1 (the codes are those ``words`` labels)
OUTCOMES = list(WORDS["outcome"])
ROUTES = list(WORDS["route"])
#: How a time limit is counted (parameters.limits[].count); none of them is "no limit" but no_limit itself.
COUNTS = {
    "working_days": "N working days (工作日)", "calendar_days": "N calendar days (日)",
    "working_days_before": "N working days before the event (提前N个工作日)",
    "calendar_days_before": "N calendar days before the event (提前N日)",
    "immediately": "at once (立即)", "without_delay": "without delay (及时)", "real_time": "in real time (实时)",
    "periodic": "periodically (定期)", "yearly": "every year (每年)",
    "set_by_authority": "by a time the authority sets (限期)", "no_limit": "the text sets no time",
}
DIRECTIONS = {"after": "due: the latest day", "before": "due, counted back from the event",
              "not_before": "the earliest day (never a due date)"}
NOT_BEFORE_DAYS = {"end": "the counted day is allowed", "after_end": "the day after a period that must run out"}
NOTE_KINDS = {"interpretation": "a reading of a text that reads two ways", "silent": "the texts read say nothing",
              "copy_cut": "the copy of the text is cut", "scope": "outside what the text covers",
              "status": "the text's force (draft, trial, status assumed)",
              "superior": "a superior rule not in the set, named and not encoded"}
VERSION_STATUSES = list(WORDS["version_status"])
DEADLINE_OUTCOMES = {"stated": "the texts set limits for the event", "not_stated": "the texts read set none",
                     "not_applicable": "no text is in force on as_of"}
RELATIONS = {"alternatives": "exactly one path applies, as its when says", "all": "every path holds"}
#: What happens to an application (``POST /v1/applications/{id}/events``); a step's ``done_by`` names one.
APPLICATION_EVENTS = {
    "accepted": "the body takes the application up (受理; for 及时响应, the response)",
    "materials_requested": "more materials are asked for (补正); no text read stops the clock for it",
    "materials_received": "the materials asked for arrive",
    "forwarded": "passed on to the next body the text names (流转, 转至, 推送)",
    "answered": "the answering body's answer: granted or refused (答复, 审核, 确定)",
    "data_provided": "the data is opened or access granted (开放, 授权)",
    "usage_reported": "the requester reports its use (使用情况反馈)",
    "withdrawn": "the applicant withdraws",
}
#: An application's state, moved by its events.
APPLICATION_STATES = {
    "received": "registered, no event yet", "accepted": "taken up", "awaiting_materials": "more materials asked for",
    "forwarded": "with the next body", "granted": "answered: granted", "refused": "answered: refused",
    "provided": "the data is provided", "withdrawn": "withdrawn by the applicant",
}
#: What a refusal must state, where the text says (a step's ``refusal.must_state``).
REFUSAL_ITEMS = {"reasons": "its reasons (理由)", "legal_basis": "the law or rule it rests on (依据)"}
#: A duty of an application.
DUTY_STATES = {"open": "owed", "done": "discharged by an event", "ended": "no longer owed (refused, withdrawn)"}
#: The notices a webhook can be sent (web.notify).
NOTICES = {
    "application.due_soon": "the next duty is due within the webhook's due_soon_days working days",
    "application.overdue": "the next duty's due date has passed without the event that discharges it",
    "application.answered": "an answer (granted or refused) was recorded",
}
DELIVERY_STATES = {"pending": "to be sent (again, at next_attempt_at)", "delivered": "the receiver answered 2xx",
                   "failed": "every attempt failed; no more are made"}
