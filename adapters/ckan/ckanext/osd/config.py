"""The plug-in's settings, read once from the CKAN ini (``ckanext.osd.*``).

They are checked when CKAN starts, so that a typo in the ini stops the site with
a message instead of opening or closing data by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Tuple

#: The jurisdictions the service decides for (contract: "jurisdictions").
JURISDICTIONS = ("nanning", "qingyang", "wuxi", "nanjing", "guangxi")

#: closed: with the service unreachable, nothing it must check passes (no access to
#: conditional or not-open data, no dataset saved with a class it has not checked).
#: edits: access stays closed (the texts require a decision), but edits are saved and
#: marked unchecked, to be checked on their next save.
FAIL_MODES = ("closed", "edits")

#: Dataset fields the plug-in reads, and where a site may say they live instead
#: (``ckanext.osd.fields.open_class = open_class extras.access_rights``).
FIELDS = ("open_class", "share_class", "provider_level", "provider_type", "provider_region")


#: every option with its default ("" where there is none); config.read checks the values
DEFAULTS = {"url": "", "key": "", "jurisdiction": "", "timeout": "5", "fail_mode": "closed", "public_url": "",
            "vocabulary_ttl": "300", **{f"fields.{name}": "" for name in FIELDS}}


class ConfigError(ValueError):
    """A ``ckanext.osd.*`` line the plug-in cannot work with."""


@dataclass(frozen=True)
class Settings:
    url: str
    key: str
    jurisdiction: str
    timeout: float = 5.0
    fail_mode: str = "closed"
    #: where readers' links to the articles point (the service's public address)
    public_url: str = ""
    #: seconds the vocabularies are kept before they are asked again
    vocabulary_ttl: float = 300.0
    fields: Dict[str, Tuple[str, ...]] = field(default_factory=dict)

    @property
    def reader_url(self) -> str:
        return (self.public_url or self.url).rstrip("/")


def read(config: Mapping[str, Any]) -> Settings:
    """The settings in ``config`` (CKAN's config object), or ``ConfigError`` naming the bad line."""
    url = str(config.get("ckanext.osd.url") or "").strip()
    if not url.startswith(("http://", "https://")):
        raise ConfigError("ckanext.osd.url: the decision service's address (http:// or https://) is required")
    jurisdiction = str(config.get("ckanext.osd.jurisdiction") or "").strip()
    if jurisdiction not in JURISDICTIONS:
        raise ConfigError(f"ckanext.osd.jurisdiction: one of {', '.join(JURISDICTIONS)}, not {jurisdiction!r}")
    fail_mode = str(config.get("ckanext.osd.fail_mode") or "closed").strip()
    if fail_mode not in FAIL_MODES:
        raise ConfigError(f"ckanext.osd.fail_mode: one of {', '.join(FAIL_MODES)}, not {fail_mode!r}")
    try:
        timeout = float(config.get("ckanext.osd.timeout") or 5)
        ttl = float(config.get("ckanext.osd.vocabulary_ttl") or 300)
    except ValueError as exc:
        raise ConfigError(f"ckanext.osd.timeout / vocabulary_ttl: a number of seconds ({exc})") from None
    if not 0 < timeout <= 120:
        raise ConfigError("ckanext.osd.timeout: seconds, more than 0 and at most 120")
    fields = {}
    for name in FIELDS:
        paths = str(config.get(f"ckanext.osd.fields.{name}") or "").split()
        if paths:
            fields[name] = tuple(paths)
    return Settings(url=url.rstrip("/"), key=str(config.get("ckanext.osd.key") or "").strip(),
                    jurisdiction=jurisdiction, timeout=timeout, fail_mode=fail_mode,
                    public_url=str(config.get("ckanext.osd.public_url") or "").strip(), vocabulary_ttl=ttl,
                    fields=fields)
