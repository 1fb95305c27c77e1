"""Load the rule bundle: the regulation YAML files and the Rego policies.

The bundle is what every engine evaluates: ``data.regulations`` (the YAML,
validated against ``regulations/schema.json``) and the Rego files. Its
revision is a content hash of both, so a decision names exactly the rules it
came from, and a compiled artifact can be checked for drift against them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]

#: Jurisdiction id → id of the regulation that is its own text.
JURISDICTIONS = {
    "nanning": "nanning-open",
    "qingyang": "qingyang-resources",
    "wuxi": "wuxi-open",
    "nanjing": "nanjing-govdata",
    "guangxi": "guangxi-scheduling",
}


def jurisdictions_named(request: dict) -> list[str]:
    """The jurisdictions a request names (``jurisdictions``, or ``jurisdiction``), else all five."""
    if request.get("jurisdictions"):
        return list(request["jurisdictions"])
    return [request["jurisdiction"]] if request.get("jurisdiction") else list(JURISDICTIONS)


class BundleError(Exception):
    """A bundle file is invalid: names the file, the path inside it and why."""

    def __init__(self, file: Path | str, path: str, reason: str) -> None:
        super().__init__(f"{file}: {path}: {reason}")
        self.file = str(file)
        self.path = path
        self.reason = reason


def plain(value: Any) -> Any:
    """YAML dates become ISO strings, so data is JSON for every engine."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def policy_hash(policy_files: dict[str, str]) -> str:
    """Hash of the Rego sources (a compiled module must match it)."""
    h = hashlib.sha256()
    for name in sorted(policy_files):
        h.update(name.encode() + b"\0" + policy_files[name].encode() + b"\0")
    return h.hexdigest()


def schema_validator(root: Path = ROOT) -> Any:
    """The validator of ``regulations/schema.json``, built once per load."""
    import jsonschema

    schema = json.loads((root / "regulations" / "schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def load_regulation(path: Path, validator: Any = None) -> dict:
    """Read and validate one regulation file."""
    validator = validator or schema_validator()
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        raise BundleError(path, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    doc = plain(doc)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        raise BundleError(path, where, err.message)
    if doc["id"] != path.stem:
        raise BundleError(path, "id", f"id {doc['id']!r} does not match the file name {path.stem!r}")
    _check_windows(path, doc)
    _check_events(path, doc)
    return doc


def _check_events(path: Path, doc: dict) -> None:
    """Limits, paths and events must refer to each other and to notes that exist:
    a path's steps are limits, a step counts from the event, the step before it
    or an earlier step of the same path, and every limit is in a path."""
    notes = doc.get("notes") or {}
    for i, v in enumerate(doc["versions"]):
        params = v.get("parameters") or {}
        limits = params.get("limits") or {}
        paths = params.get("paths") or {}
        at = f"versions/{i}/parameters"
        for key, limit in limits.items():
            if "note" in limit and limit["note"] not in notes:
                raise BundleError(path, f"{at}/limits/{key}/note", f"no note {limit['note']!r}")
        placed: set[str] = set()
        for key, p in paths.items():
            seen: set[str] = set()
            for j, step in enumerate(p["steps"]):
                where = f"{at}/paths/{key}/steps/{j}"
                if step not in limits:
                    raise BundleError(path, where, f"no limit {step!r} in parameters.limits")
                origin = limits[step]["from"]
                if origin not in {"event", "previous"} | seen:
                    raise BundleError(path, where, f"{step!r} counts from {origin!r}: not event, previous or an earlier step")
                seen.add(step)
            if "answer" in p and p["answer"] not in seen:
                raise BundleError(path, f"{at}/paths/{key}/answer", f"{p['answer']!r} is not a step of the path")
            placed |= seen
        for key in limits.keys() - placed:
            raise BundleError(path, f"{at}/limits/{key}", "the limit is in no path")
        in_event: set[str] = set()
        for event, e in (params.get("events") or {}).items():
            for j, key in enumerate(e["paths"]):
                if key not in paths:
                    raise BundleError(path, f"{at}/events/{event}/paths/{j}", f"no path {key!r}")
                in_event.add(key)
            if "note" in e and e["note"] not in notes:
                raise BundleError(path, f"{at}/events/{event}/note", f"no note {e['note']!r}")
        for key in paths.keys() - in_event:
            raise BundleError(path, f"{at}/paths/{key}", "the path is in no event")
        for group in ("conditions", "obligations", "remedies", "change_terms", "channels"):
            for key, term in (params.get(group) or {}).items():
                if "limit" in term and term["limit"] not in limits:
                    raise BundleError(path, f"{at}/{group}/{key}/limit", f"no limit {term['limit']!r}")


def _check_windows(path: Path, doc: dict) -> None:
    """Versions must not overlap: exactly one version may be in force on a date."""
    spans = []
    for i, v in enumerate(doc["versions"]):
        start = v["effective_from"] or "0000-01-01"
        end = v["effective_to"] or "9999-12-31"
        if start > end:
            raise BundleError(path, f"versions/{i}", "effective_from is after effective_to")
        spans.append((start, end, i))
    spans.sort()
    for (_, end_a, a), (start_b, _, b) in zip(spans, spans[1:]):
        if start_b <= end_a:
            raise BundleError(path, f"versions/{b}", f"window overlaps version {a}")


@dataclass
class Bundle:
    """The regulations and policies as loaded from disk."""

    regulations: dict[str, dict]
    policy_files: dict[str, str]
    root: Path = field(default=ROOT)

    superior: dict[str, dict] = field(default_factory=dict)

    @cached_property
    def data(self) -> dict:
        """The data document every engine sees: ``data.regulations``, and
        ``data.superior`` (superior rules not in the set, named in notes)."""
        return {"regulations": self.regulations, "superior": self.superior}

    @cached_property
    def revision(self) -> str:
        """Content hash of the policies and the regulation data."""
        h = hashlib.sha256(policy_hash(self.policy_files).encode())
        h.update(json.dumps(self.data, sort_keys=True, ensure_ascii=False).encode())
        return h.hexdigest()[:16]

    def regulation(self, reg_id: str) -> dict:
        return self.regulations[reg_id]

    def version_on(self, reg_id: str, as_of: str) -> dict | None:
        """The version in force on ``as_of`` (an open end is unbounded), as the policy's lib.version chooses."""
        for v in self.regulations[reg_id]["versions"]:
            if (v["effective_from"] or "0000") <= as_of <= (v["effective_to"] or "9999"):
                return v
        return None

    def version(self, reg_id: str, version_id: str) -> dict:
        for v in self.regulations[reg_id]["versions"]:
            if v["id"] == version_id:
                return v
        raise KeyError(f"{reg_id} has no version {version_id}")

    @cached_property
    def articles(self) -> dict[str, dict]:
        """Every article and item by its ref (``wuxi-open#15``, ``wuxi-open#15.3``)."""
        index: dict[str, dict] = {}
        for reg_id, reg in self.regulations.items():
            for art in reg["articles"]:
                ref = f"{reg_id}#{art['number']}"
                index[ref] = {"ref": ref, "label": art["label"], "quote": art["text"]}
                for item in art.get("items", []):
                    iref = f"{ref}.{item['number']}"
                    index[iref] = {
                        "ref": iref,
                        "label": f"{art['label']}第{item['label']}项",
                        "quote": item["text"],
                    }
        return index


def load_bundle(root: Path = ROOT) -> Bundle:
    """Load and validate every regulation file and read the Rego policies."""
    reg_dir = root / "regulations"
    regulations = {}
    validator = schema_validator(root)
    for path in sorted(reg_dir.glob("*.yaml")):
        doc = load_regulation(path, validator)
        regulations[doc["id"]] = doc
    missing = set(JURISDICTIONS.values()) - set(regulations)
    if missing:
        raise BundleError(reg_dir, "(folder)", f"missing regulation files: {sorted(missing)}")
    superior = load_superior(reg_dir / "superior")
    pol_dir = root / "policies" / "rego"
    policy_files = {
        str(p.relative_to(pol_dir)): p.read_text(encoding="utf-8")
        for p in sorted(pol_dir.rglob("*.rego"))
        if not p.name.endswith("_test.rego")
    }
    return Bundle(regulations=regulations, policy_files=policy_files, root=root, superior=superior)


def load_superior(folder: Path) -> dict[str, dict]:
    """The superior rules not in the set (``regulations/superior/*.yaml``): each
    is named with its dates and the note decisions carry; none is encoded."""
    import jsonschema

    if not folder.is_dir():
        return {}
    validator = jsonschema.Draft202012Validator(json.loads((folder / "schema.json").read_text(encoding="utf-8")))
    out = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            doc = plain(yaml.safe_load(path.read_text(encoding="utf-8")))
        except yaml.YAMLError as exc:
            raise BundleError(path, "(file)", f"not valid YAML: {exc}") from None
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path) or "(root)"
            raise BundleError(path, where, errors[0].message)
        if doc["id"] != path.stem:
            raise BundleError(path, "id", f"id {doc['id']!r} does not match the file name {path.stem!r}")
        out[doc["id"]] = doc
    return out
