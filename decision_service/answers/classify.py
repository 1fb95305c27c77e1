"""Classify a dataset under each jurisdiction (contract §4).

The policy (``data.osd.classify``) decides the class each text requires or
allows, whether the declared class is lawful, what a change of class needs and
which catalogue fields are missing. This module fills in the dates, asks the
policy (one item, or many at once for a catalogue), and attaches what the
policy refers to by code: the cleaned text of each article, the reading notes,
the labels of catalogue fields, regulation metadata and an explanation.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator

from ..store.bundle import JURISDICTIONS, jurisdictions_named
from .decide import Decider, ref_key, today_shanghai

BATCH = 400

CLASS_WORDS = {
    "unconditional": ("无条件开放", "unconditionally open"),
    "conditional": ("有条件开放", "conditionally open"),
    "not_open": ("不予开放", "not open"),
}
SHARE_WORDS = {
    "unconditional": ("无条件共享", "unconditionally shared"),
    "conditional": ("有条件共享", "conditionally shared"),
    "not_shared": ("不予共享", "not shared"),
}
PROBLEM_WORDS = {
    "class_not_allowed": ("申报的类型不符合文本规定", "the declared class is not one the text allows"),
    "restriction_without_legal_basis": ("限制性类型缺少法律依据", "a restricted class is declared without a legal basis"),
    "no_need_stated": ("未说明转类的需要", "no need for the change is stated"),
}


def group_of(request: dict, today: str | None = None) -> dict:
    """The batch input for one request: the dataset with its dates filled in
    and flags made explicit, and the jurisdictions named (all five when none is)."""
    names = jurisdictions_named(request)
    dataset = dict(request["dataset"])
    for flag in ("desensitized", "rights_holder_consent", "prohibited_by_law", "security_risk", "needs_limits"):
        dataset[flag] = bool(dataset.get(flag))
    dataset["contains"] = list(dataset.get("contains") or [])
    dataset.setdefault("catalogue", None)
    return {"jurisdictions": list(names), "as_of": request.get("as_of") or today or today_shanghai(),
            "dataset": dataset, "change": request.get("change")}


def items_of(request: dict, today: str | None = None) -> list[dict]:
    """One single-jurisdiction policy input (``osd/classify/result``) per jurisdiction named."""
    g = group_of(request, today)
    return [{"jurisdiction": j, "as_of": g["as_of"], "dataset": g["dataset"], "change": g["change"]}
            for j in g["jurisdictions"]]


class Classifier:
    """Classification with the decider's engine, bundle and calendar."""

    def __init__(self, decider: Decider) -> None:
        self.decider = decider
        self.bundle = decider.bundle

    def classify(self, request: dict, today: str | None = None) -> dict:
        """The contract §4 answer for one validated request."""
        group = group_of(request, today)
        results = self.decider.engine.evaluate({"items": [group]}, "osd/classify/batch")
        return self.response(request, group, results)

    def classify_many(self, requests: Iterable[dict], today: str | None = None) -> Iterator[dict]:
        """Answers for many validated requests, in order, evaluated in batches."""
        pending: list[tuple[dict, dict]] = []
        size = 0
        for request in requests:
            group = group_of(request, today)
            pending.append((request, group))
            size += len(group["jurisdictions"])
            if size >= BATCH:
                yield from self._flush(pending)
                pending, size = [], 0
        yield from self._flush(pending)

    def _flush(self, pending: list[tuple[dict, dict]]) -> Iterator[dict]:
        if not pending:
            return
        results = self.decider.engine.evaluate({"items": [g for _, g in pending]}, "osd/classify/batch")
        at = 0
        for request, group in pending:
            n = len(group["jurisdictions"])
            yield self.response(request, group, results[at:at + n])
            at += n

    def response(self, request: dict, group: dict, results: list[dict]) -> dict:
        dataset = request["dataset"]
        return {
            "classification_id": str(uuid.uuid4()),
            "as_of": group["as_of"],
            "dataset_id": dataset.get("id"),
            "results": [self.expand(r) for r in results],
            "bundle_revision": self.bundle.revision,
        }

    def expand(self, r: dict) -> dict:
        """Attach texts, labels and metadata to one jurisdiction's policy result."""
        regs = r["regulations"]
        out = dict(r)
        out["regulations"] = [self.decider.regulation_entry(reg, r["versions"].get(reg)) for reg in regs]
        out["binding"] = bool(r["applies"]) and all(e["binding"] for e in out["regulations"] if e["applies"])
        out["notes"] = [self.note(n) for n in r["notes"]]
        out["basis"] = [self.decider.article(ref) for ref in sorted(r["basis"], key=lambda x: ref_key(regs, x))]
        if r.get("catalogue"):
            labels = self.field_labels(r["jurisdiction"], r["versions"])
            cat = dict(r["catalogue"])
            cat["required_fields"] = [labels[c] for c in cat["required_fields"]]
            cat["missing"] = [labels[c] for c in cat["missing"]]
            out["catalogue"] = cat
        out["explanation"] = explain(out)
        return out

    def note(self, ref: dict) -> dict:
        text = self.bundle.regulations[ref["regulation"]]["notes"][ref["code"]]
        return {**text, "code": ref["code"], "regulation": ref["regulation"]}

    def field_labels(self, jurisdiction: str, versions: dict) -> dict[str, dict]:
        reg = JURISDICTIONS[jurisdiction]
        params = self.bundle.version(reg, versions[reg])["parameters"]
        return {f["code"]: dict(f) for f in params["catalogue"]["fields"]}


def explain(r: dict) -> dict:
    """One or two sentences in Chinese and English on the classes found."""
    if not r["applies"]:
        return {"zh": "该日期没有施行中的规定可以适用。", "en": "No encoded text is in force on this date."}
    zh, en = [], []
    o = r["open"]
    if o["required"]:
        zh.append(f"开放类型应为{CLASS_WORDS[o['required']][0]}。")
        en.append(f"The open class must be {CLASS_WORDS[o['required']][1]}.")
    elif o["determined"]:
        allowed = o["allowed"]
        zh.append("开放类型可以是" + "或".join(CLASS_WORDS[c][0] for c in allowed) + "。")
        en.append("The open class may be " + " or ".join(CLASS_WORDS[c][1] for c in allowed) + ".")
    else:
        zh.append("文本没有规定足以确定开放类型的标准。")
        en.append("The text does not settle the open class of this data.")
    for part, words, label_zh, label_en in ((o, CLASS_WORDS, "开放", "open"), (r["share"], SHARE_WORDS, "共享", "share")):
        if part["declared"] is None:
            continue
        decl_zh, decl_en = words[part["declared"]]
        if part["lawful"] is True:
            zh.append(f"申报的{decl_zh}符合规定。")
            en.append(f"The declared {label_en} class ({decl_en}) is lawful.")
        elif part["lawful"] is False:
            why_zh = "；".join(PROBLEM_WORDS[p][0] for p in part["problems"])
            why_en = "; ".join(PROBLEM_WORDS[p][1] for p in part["problems"])
            zh.append(f"申报的{decl_zh}不符合规定：{why_zh}。")
            en.append(f"The declared {label_en} class ({decl_en}) is not lawful: {why_en}.")
        else:
            zh.append(f"申报的{label_zh}类型是否合法，文本未作规定。")
            en.append(f"Whether the declared {label_en} class is lawful, the text does not say.")
    change = r.get("change")
    if change:
        verdict = {True: ("可以", "is allowed"), False: ("不可以", "is not allowed"), None: ("文本未规定是否可以", "is not settled by the text")}
        v_zh, v_en = verdict[change["allowed"]]
        zh.append(f"类型调整{v_zh}。")
        en.append(f"The change of class {v_en}.")
    cat = r.get("catalogue")
    if cat and cat["checked"] and cat["missing"]:
        zh.append("目录缺少：" + "、".join(f["label"] for f in cat["missing"]) + "。")
        en.append("The catalogue entry lacks: " + ", ".join(f["label_en"] for f in cat["missing"]) + ".")
    if not r["binding"]:
        zh.append("依据的是征求意见稿，仅供参考。")
        en.append("It rests on a draft for comment and is not binding.")
    return {"zh": "".join(zh), "en": " ".join(en)}
