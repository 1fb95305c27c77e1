"""A batch of decision requests fit for a catalogue listing: the caller's id on
each item, a ``common`` part merged into every item (as Enterprise OPA's
``common_input``), each invalid item answered by its error in place while the
valid ones are decided (all or nothing with ``atomic``), and a compact view
that cites articles by reference and link instead of quoting them.

The decisions are the decider's, untouched; this module only reads the
envelope, merges, and lays results out.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import json_shape
from .requests import DecisionRequestSchema, RequestError, validate_request
from .validation import flatten

ENVELOPE = ("requests", "common", "atomic")
#: What ``common`` may hold: any decision request field but the dataset, which is each item's own.
COMMON_FIELDS = tuple(f.data_key or name for name, f in DecisionRequestSchema._declared_fields.items() if name != "dataset")
ID_MAX = 200
_PARTIAL = DecisionRequestSchema()


@dataclass
class Item:
    index: int
    id: str | None
    dataset_id: str | None
    request: dict | None = None  # validated, when the item is valid
    error: RequestError | None = None


def merged(common: dict, item: dict) -> dict:
    """``item`` over ``common``: objects are merged field by field, the item's value wins."""
    out = dict(common)
    for key, value in item.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def read(doc: object, limit: int) -> tuple[list[Item], bool]:
    """The items of a batch, each validated (or holding its error), and whether it is atomic.
    A bad envelope raises a RequestError naming every bad part."""
    if not isinstance(doc, dict):
        raise RequestError("send {\"requests\": [...]}", {"(root)": ["not an object"]})
    text = json_shape.problems(doc)  # text that cannot be encoded spoils the answer too: the whole batch is refused
    if text:
        first = next(iter(text))
        raise RequestError(f"{first}: {text[first][0]}", text)
    bad: dict[str, list[str]] = {k: ["Unknown field."] for k in doc if k not in ENVELOPE}
    requests, common, atomic = doc.get("requests"), doc.get("common"), doc.get("atomic", False)
    if "requests" not in doc:
        bad["requests"] = ["Missing data for required field."]
    elif not isinstance(requests, list):
        bad["requests"] = ["Not a valid list."]
    elif not 1 <= len(requests) <= limit:
        bad["requests"] = [f"Length must be between 1 and {limit}."]
    if common is not None and not isinstance(common, dict):
        bad["common"] = ["Not a valid mapping type."]
    elif isinstance(common, dict):
        unknown = {f"common.{k}": ["Unknown field."] for k in common if k not in COMMON_FIELDS}
        # a bad common part would spoil every request: it is refused with the batch
        bad.update(unknown or {f"common.{k}": v for k, v in flatten(_PARTIAL.validate(common, partial=True)).items()})
    if not isinstance(atomic, bool):
        bad["atomic"] = ["Not a valid boolean."]
    if bad:
        first = next(iter(bad))
        raise RequestError(f"{first}: {bad[first][0]}", bad)
    return [_item(n, raw, common or {}) for n, raw in enumerate(requests)], atomic


def _item(index: int, raw: object, common: dict) -> Item:
    if not isinstance(raw, dict):
        return Item(index, None, None, error=RequestError("the request must be a JSON object", {"(root)": ["not an object"]}))
    body = dict(raw)
    caller_id = body.pop("id", None)
    dataset = body.get("dataset")
    dataset_id = dataset.get("id") if isinstance(dataset, dict) and isinstance(dataset.get("id"), str) else None
    if caller_id is not None and (not isinstance(caller_id, str) or not 1 <= len(caller_id) <= ID_MAX):
        why = "Not a valid string." if not isinstance(caller_id, str) else f"Length must be between 1 and {ID_MAX}."
        return Item(index, None, dataset_id, error=RequestError(f"id: {why}", {"id": [why]}))
    try:
        return Item(index, caller_id, dataset_id, request=validate_request(merged(common, body)))
    except RequestError as exc:
        return Item(index, caller_id, dataset_id, error=exc)


def atomic_error(items: list[Item]) -> RequestError:
    """Every invalid item's fields, under ``requests.N.``: the answer of an atomic batch with any."""
    fields = {f"requests.{i.index}.{k}": v for i in items if i.error for k, v in i.error.fields.items()}
    first = next(i for i in items if i.error)
    return RequestError(f"requests.{first.index}: {first.error.message}", fields)


#: Where an article a reference names is read (RFC 6570): ``wuxi-open#15.3`` is article 15 of wuxi-open.
ARTICLES = "/v1/regulations/{regulation}/articles/{article}"


def article_link(ref: str) -> str:
    """The API address of the article a reference (``wuxi-open#15.3``) names."""
    reg, _, where = ref.partition("#")
    return ARTICLES.format(regulation=reg, article=where.split(".", 1)[0])


def compact(decision: dict) -> dict:
    """A decision for a listing: codes, dates and article references (read at the
    batch's ``links.articles``), with a link to the full decision, quoted texts and
    all, in the log (``links.decision``)."""
    deadline = decision.get("deadline")
    return {
        "decision_id": decision["decision_id"], "jurisdiction": decision["jurisdiction"],
        "action": decision["action"], "as_of": decision["as_of"], "received_on": decision["received_on"],
        "outcome": decision["outcome"], "route": decision["route"], "binding": decision["binding"],
        "calendar_confirmed": decision["calendar_confirmed"],
        "conditions": [t["code"] for t in decision["conditions"]],
        "obligations": [t["code"] for t in decision["obligations"]],
        "remedies": [t["code"] for t in decision["remedies"]],
        "missing": decision["missing"],
        "deadline": {k: deadline.get(k) for k in ("due", "working_days", "step")} if deadline else None,
        "basis": [a["ref"] for a in decision["basis"]],
        "notes": [n["code"] for n in decision["notes"]],
        "regulations": [{k: r.get(k) for k in ("id", "version", "applies", "binding")} for r in decision["regulations"]],
        "links": {"decision": f"/v1/decisions/{decision['decision_id']}"},
        "bundle_revision": decision["bundle_revision"],
    }
