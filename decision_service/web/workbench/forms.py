"""A decision request from the workbench's form fields, and the form's choices.

The fields mirror the request schema; empty fields are left out, so the schema
(the same one the API and the CLI use) decides what is missing or wrong.
"""

from __future__ import annotations

from ...answers.requests import JURISDICTIONS, LEVELS, OPEN_CLASSES, PURPOSES, REQUESTER_TYPES, SHARE_CLASSES

CHOICES = {
    "jurisdiction": JURISDICTIONS, "action": ["open", "share"], "requester_type": REQUESTER_TYPES,
    "requester_level": LEVELS, "provider_level": LEVELS, "open_class": OPEN_CLASSES, "share_class": SHARE_CLASSES,
    "purpose": PURPOSES, "access_mode": ["platform", "copy"], "request_type": ["dataset", "interface"],
}
TEXT = ["title", "reason", "output_form", "scenario", "scope", "security_measures"]
FLAGS = ["real_name_verified", "agreement_accepted", "commitment"]


def request_from(form, with_jurisdiction: bool = True) -> dict:
    """The decision request the form describes (``form`` is a MultiDict)."""
    def get(name: str):
        value = (form.get(name) or "").strip()
        return value or None

    def put(target: dict, key: str, value) -> None:
        if value is not None:
            target[key] = value

    req: dict = {}
    if with_jurisdiction:
        put(req, "jurisdiction", get("jurisdiction"))
    for key in ("action", "as_of", "received_on", "purpose", "access_mode"):
        put(req, key, get(key))
    requester: dict = {}
    put(requester, "type", get("requester_type"))
    put(requester, "level", get("requester_level"))
    put(requester, "region", get("requester_region"))
    for flag in ("real_name_verified", "agreement_accepted"):
        if get(flag):
            requester[flag] = get(flag) == "yes"
    req["requester"] = requester
    dataset: dict = {}
    put(dataset, "open_class", get("open_class"))
    put(dataset, "share_class", get("share_class"))
    provider: dict = {}
    put(provider, "level", get("provider_level"))
    put(provider, "region", get("provider_region"))
    if provider:
        dataset["provider"] = provider
    req["dataset"] = dataset
    application: dict = {}
    for key in TEXT:
        put(application, key, get(key))
    put(application, "request_type", get("request_type"))
    if get("commitment"):
        application["commitment"] = get("commitment") == "yes"
    if get("usage_from") or get("usage_to"):
        application["usage_period"] = {"from": get("usage_from"), "to": get("usage_to")}
    if application:
        req["application"] = application
    return req
