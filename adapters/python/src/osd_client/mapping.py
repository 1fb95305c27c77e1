"""Catalogue records to decision requests: a CKAN ``package_show`` result, or a
row of a Chinese government data catalogue (数据名称, 开放属性, 共享属性, 提供单位 ...).

A ``FieldMap`` says where each request field is read from: a list of source
paths tried in order (``extras.open_class`` reads a CKAN extra, ``organization.title``
a nested field, ``开放属性`` a catalogue column). Values are turned into codes
with the service's vocabularies (``GET /v1/vocabularies``: 有条件开放 and
依申请开放 are ``conditional``), and DCAT access rights (ckanext-dcat's
``access_rights``) by the EU access-right authority table. A value that maps
to no code is sent as it is, so the service's 400 names the field and, for a
near miss, the code it meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

#: dct:accessRights (EU access-right table, as ckanext-dcat stores it) -> open class
ACCESS_RIGHTS = {
    "PUBLIC": "unconditional", "RESTRICTED": "conditional", "NON_PUBLIC": "not_open",
}


@dataclass
class FieldMap:
    """Where each request field is read from in a record: source paths, tried in order."""

    dataset_id: Sequence[str] = ()
    open_class: Sequence[str] = ()
    share_class: Sequence[str] = ()
    provider_type: Sequence[str] = ()
    provider_level: Sequence[str] = ()
    provider_region: Sequence[str] = ()
    #: values used when no source path gives one (e.g. a catalogue's providers are all departments)
    defaults: Dict[str, str] = field(default_factory=dict)


#: A CKAN package (with ckanext-scheming fields or extras, and ckanext-dcat's access_rights).
CKAN = FieldMap(
    dataset_id=("name", "id"),
    open_class=("open_class", "extras.open_class", "开放属性", "extras.开放属性", "access_rights", "extras.access_rights"),
    share_class=("share_class", "extras.share_class", "共享属性", "extras.共享属性"),
    provider_type=("provider_type", "extras.provider_type", "organization.provider_type"),
    provider_level=("provider_level", "extras.provider_level", "organization.level", "extras.提供单位层级"),
    provider_region=("provider_region", "extras.provider_region", "extras.region", "organization.region"),
    defaults={"provider_type": "government_department"},
)

#: A row of a Chinese data catalogue (公共数据资源目录), by its column names.
CATALOGUE = FieldMap(
    dataset_id=("数据编号", "目录编号", "资源编号", "编号", "数据名称", "目录名称"),
    open_class=("开放属性", "开放类型", "开放类别"),
    share_class=("共享属性", "共享类型", "共享类别"),
    provider_type=("提供单位类型",),
    provider_level=("提供单位层级", "层级"),
    provider_region=("所属地区", "行政区划", "地区"),
    defaults={"provider_type": "government_department"},
)


class Vocabulary:
    """The service's vocabularies, to turn labels and catalogue words into codes."""

    def __init__(self, answer: Dict[str, Any]) -> None:
        self._words: Dict[Tuple[str, str], str] = {}
        self._codes: Dict[str, set] = {}
        for vocabulary in answer["vocabularies"]:
            name = vocabulary["name"]
            self._codes[name] = {c["code"] for c in vocabulary["codes"]}
            for code in vocabulary["codes"]:
                for word in [code["zh"], code["en"], *(w["word"] for w in code["words"])]:
                    if word:
                        self._words.setdefault((name, word.strip()), code["code"])

    def code(self, vocabulary: str, value: Any) -> Any:
        """The code ``value`` means in ``vocabulary``: itself if it is one, else by its words; else as given."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text in self._codes.get(vocabulary, ()):
            return text
        if vocabulary == "open_class":
            right = text.rstrip("/").rsplit("/", 1)[-1].upper()
            if right in ACCESS_RIGHTS:
                return ACCESS_RIGHTS[right]
        return self._words.get((vocabulary, text), value)


def read(record: Dict[str, Any], paths: Sequence[str]) -> Optional[Any]:
    """The first non-empty value at one of ``paths`` (``extras.K`` reads CKAN's extras list)."""
    for path in paths:
        value = _at(record, path)
        if value not in (None, ""):
            return value
    return None


def _at(record: Any, path: str) -> Any:
    if isinstance(record, dict) and path in record:
        return record[path]
    head, _, rest = path.partition(".")
    if not rest or not isinstance(record, dict):
        return None
    node = record.get(head)
    if head == "extras" and isinstance(node, list):  # CKAN: [{"key": ..., "value": ...}]
        node = {e.get("key"): e.get("value") for e in node if isinstance(e, dict)}
    return _at(node, rest)


def to_request(record: Dict[str, Any], vocabulary: Vocabulary, fields: FieldMap, **request: Any) -> Dict[str, Any]:
    """A decision request for ``record``: its dataset read through ``fields``, the rest
    (jurisdiction, action, requester, application, ...) given by the caller."""
    def value(name: str, vocab: Optional[str] = None) -> Any:
        found = read(record, getattr(fields, name))
        found = fields.defaults.get(name) if found is None else found
        return vocabulary.code(vocab, found) if vocab and found is not None else found

    provider = {"type": value("provider_type", "requester.type"), "level": value("provider_level", "level"),
                "region": value("provider_region")}
    dataset: Dict[str, Any] = {"id": _text(value("dataset_id")), "open_class": value("open_class", "open_class"),
                               "share_class": value("share_class", "share_class"),
                               "provider": {k: v for k, v in provider.items() if v is not None}}
    out = dict(request)
    if "jurisdiction" in out:
        out["jurisdiction"] = vocabulary.code("jurisdiction", out["jurisdiction"])
    out["dataset"] = {k: v for k, v in dataset.items() if v not in (None, {})}
    return out


def _text(value: Any) -> Optional[str]:
    return None if value is None else str(value)[:200]


def ckan_request(package: Dict[str, Any], vocabulary: Vocabulary, fields: FieldMap = CKAN, **request: Any) -> Dict[str, Any]:
    """A decision request for a CKAN ``package_show`` result."""
    return to_request(package, vocabulary, fields, **request)


def catalogue_request(row: Dict[str, Any], vocabulary: Vocabulary, fields: FieldMap = CATALOGUE,
                      **request: Any) -> Dict[str, Any]:
    """A decision request for a row of a Chinese data catalogue."""
    return to_request(row, vocabulary, fields, **request)


def requests_for(records: List[Dict[str, Any]], vocabulary: Vocabulary, fields: FieldMap) -> List[Dict[str, Any]]:
    """Batch items for a listing: each record's dataset, with the record's position as its id."""
    return [{"id": str(n), **to_request(r, vocabulary, fields)} for n, r in enumerate(records)]
