"""Whole catalogues: classification requests from CSV rows, results to CSV
rows, and classification of many rows on several processes.

A catalogue row is one dataset. Its columns are the dataset's fields
(``contains`` as a ``;``-separated list, flags as true/false), optional
``jurisdiction`` and ``as_of``, and the catalogue entry's fields as
``catalogue.<code>``. Each output row is one dataset under one jurisdiction.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from ..store.bundle import Bundle
from .decide import ref_key
from .requests import (
    CATALOGUE_FIELDS,
    CATALOGUE_VALUE_MAX,
    CONTENTS,
    JURISDICTIONS,
    NOT_A_DATE,
    OPEN_CLASSES,
    SHARE_CLASSES,
    RequestError,
    iso_date,
)

FLAGS = ("desensitized", "rights_holder_consent", "prohibited_by_law", "security_risk", "needs_limits")
PLAIN = ("id", "title", "legal_basis", "declared_open_class", "declared_share_class")
TRUE = {"true", "1", "yes", "y", "是"}
FALSE = {"false", "0", "no", "n", "否", ""}
COLUMNS_OUT = [
    "id", "jurisdiction", "applies", "binding",
    "open_required", "open_allowed", "open_declared", "open_lawful", "open_problems",
    "share_stated", "share_declared", "share_lawful", "share_problems",
    "change_allowed", "change_requires", "catalogue_missing", "notes", "basis",
]


def known_columns() -> set[str]:
    return {"jurisdiction", "as_of", "contains", *FLAGS, *PLAIN, *(f"catalogue.{c}" for c in CATALOGUE_FIELDS)}


def _bad(line: int, field: str, why: str) -> RequestError:
    return RequestError(f"line {line}: {field}: {why}", {f"line {line}.{field}": [why]})


def request_of_row(row: dict[str, str], line: int) -> dict:
    """A validated classification request from one CSV row (line numbers count the header as 1).

    A catalogue can hold a hundred thousand rows, and the schema costs about
    as much per row as the policy does, so a row is checked here against the
    schema's own constants (the same enums, lengths and date form); a test
    holds this check to ``validate_classification`` on generated rows.
    """
    unknown = sorted(set(row) - known_columns() - {None})
    if unknown:
        raise _bad(line, unknown[0], "unknown column")
    dataset: dict = {}
    for key in PLAIN:
        value = (row.get(key) or "").strip() or None
        limit = 200 if key == "id" else 2000
        if value is not None and len(value) > limit:
            raise _bad(line, key, f"Longer than maximum length {limit}.")
        dataset[key] = value
    for key, classes in (("declared_open_class", OPEN_CLASSES), ("declared_share_class", SHARE_CLASSES)):
        if dataset[key] is not None and dataset[key] not in classes:
            raise _bad(line, key, f"Must be one of: {', '.join(classes)}.")
    contains = [c.strip() for c in (row.get("contains") or "").replace("|", ";").split(";") if c.strip()]
    for c in contains:
        if c not in CONTENTS:
            raise _bad(line, "contains", f"Must be one of: {', '.join(CONTENTS)}.")
    for key in FLAGS:
        value = (row.get(key) or "").strip().lower()
        if value not in TRUE | FALSE:
            raise _bad(line, key, "not true or false")
        dataset[key] = value in TRUE
    # Key order as the schema gives it, so both paths build the same request.
    dataset = {k: dataset[k] for k in ("id", "title", *FLAGS, "legal_basis",
                                      "declared_open_class", "declared_share_class")}
    dataset["contains"] = contains
    entry = {k.split(".", 1)[1]: v for k, v in row.items() if k and k.startswith("catalogue.")}
    for code, value in entry.items():
        if value is not None and len(value) > CATALOGUE_VALUE_MAX:
            raise _bad(line, f"catalogue.{code}", f"Longer than maximum length {CATALOGUE_VALUE_MAX}.")
    dataset["catalogue"] = entry or None
    request: dict = {"dataset": dataset}
    jurisdiction = (row.get("jurisdiction") or "").strip()
    if jurisdiction:
        if jurisdiction not in JURISDICTIONS:
            raise _bad(line, "jurisdiction", f"Must be one of: {', '.join(JURISDICTIONS)}.")
        request["jurisdiction"] = jurisdiction
    as_of = (row.get("as_of") or "").strip()
    if as_of:
        request["as_of"] = iso_date(as_of)
        if request["as_of"] is None:
            raise _bad(line, "as_of", NOT_A_DATE)
    return request


def read_csv(text: str) -> list[dict]:
    """Every row as a validated request; the first bad row stops the reading."""
    reader = csv.DictReader(io.StringIO(text))
    return [request_of_row(row, n) for n, row in enumerate(reader, start=2)]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v["code"]) if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def rows_of(answer: dict) -> list[dict]:
    """One output row per jurisdiction of a classification answer."""
    out = []
    for r in answer["results"]:
        o, s, ch, cat = r.get("open") or {}, r.get("share") or {}, r.get("change") or {}, r.get("catalogue") or {}
        out.append({
            "id": answer["dataset_id"], "jurisdiction": r["jurisdiction"], "applies": r["applies"], "binding": r["binding"],
            "open_required": o.get("required"), "open_allowed": o.get("allowed"), "open_declared": o.get("declared"),
            "open_lawful": o.get("lawful"), "open_problems": o.get("problems"),
            "share_stated": s.get("stated"), "share_declared": s.get("declared"), "share_lawful": s.get("lawful"),
            "share_problems": s.get("problems"),
            "change_allowed": ch.get("allowed"), "change_requires": [t["code"] for t in ch.get("requires") or []] if ch else None,
            "catalogue_missing": [f["code"] for f in cat.get("missing") or []] if cat else None,
            "notes": [n["code"] for n in r["notes"]], "basis": [b["ref"] for b in r["basis"]],
        })
    return out


def row_of_result(bundle: Bundle, dataset_id: str | None, r: dict) -> dict:
    """The output row of one raw policy result: codes and refs only, so a
    large catalogue need not carry quotes and notes between processes."""
    o, s, ch, cat = r.get("open") or {}, r.get("share") or {}, r.get("change") or {}, r.get("catalogue") or {}
    return {
        "id": dataset_id, "jurisdiction": r["jurisdiction"], "applies": r["applies"],
        "binding": r["applies"] and all(bundle.version(reg, vid)["status"] != "draft" for reg, vid in r["versions"].items()),
        "open_required": o.get("required"), "open_allowed": o.get("allowed"), "open_declared": o.get("declared"),
        "open_lawful": o.get("lawful"), "open_problems": o.get("problems"),
        "share_stated": s.get("stated"), "share_declared": s.get("declared"), "share_lawful": s.get("lawful"),
        "share_problems": s.get("problems"),
        "change_allowed": ch.get("allowed"), "change_requires": ch.get("requires") if ch else None,
        "catalogue_missing": cat.get("missing") if cat else None,
        "notes": [n["code"] for n in r["notes"]],
        "basis": sorted(r["basis"], key=lambda ref: ref_key(list(r["versions"]), ref)),
    }


def write_csv(rows: Iterable[dict], out: io.TextIOBase) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS_OUT, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})


# -- many processes -----------------------------------------------------------

_WORKER = None


def _start_worker() -> None:
    """The process's classifier, made once (loading the compiled policy takes a while)."""
    global _WORKER
    from .classify import Classifier
    from .decide import Decider

    if _WORKER is None:
        _WORKER = Classifier(Decider.from_disk())


def _classify_chunk(chunk: list[dict]) -> list[dict]:
    return list(_WORKER.classify_many(chunk))


def _rows_chunk(chunk: list[tuple[int, dict]]) -> list[dict] | RequestError:
    """Validate and classify CSV rows; the first bad row is returned, not raised,
    so the parent reports it in order."""
    from .classify import group_of

    try:
        groups = [group_of(request_of_row(row, line)) for line, row in chunk]
    except RequestError as exc:
        return exc
    results = iter(_WORKER.decider.engine.evaluate({"items": groups}, "osd/classify/rows"))
    return [row_of_result(_WORKER.bundle, g["dataset"].get("id"), next(results))
            for g in groups for _ in g["jurisdictions"]]


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)


def classify_all(requests: list[dict], workers: int | None = None, chunk: int = 500) -> Iterator[dict]:
    """Classification answers in the order of ``requests``, on ``workers``
    processes (default: one per CPU) once there is enough work to share."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(requests) <= chunk:
        _start_worker()
        yield from _WORKER.classify_many(requests)
        return
    chunks = [requests[i:i + chunk] for i in range(0, len(requests), chunk)]
    with _pool(workers) as pool:
        for answers in pool.map(_classify_chunk, chunks):
            yield from answers


def classify_csv_rows(text: str, workers: int | None = None, chunk: int = 200) -> Iterator[dict]:
    """Output rows for a CSV catalogue, in order; raises the first bad row's
    RequestError when the iteration reaches it."""
    numbered = list(enumerate(csv.DictReader(io.StringIO(text)), start=2))
    chunks = [numbered[i:i + chunk] for i in range(0, len(numbered), chunk)]
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(chunks) <= 1:
        _start_worker()
        parts: Iterable = map(_rows_chunk, chunks)
        yield from _unwrap(parts)
        return
    with _pool(workers) as pool:
        yield from _unwrap(pool.map(_rows_chunk, chunks))


def _unwrap(parts: Iterable[list[dict] | RequestError]) -> Iterator[dict]:
    for part in parts:
        if isinstance(part, RequestError):
            raise part
        yield from part
