"""Turn a request into the contract's decision (contract §1).

Python's part is bookkeeping around what the policy decided: defaults for the
dates, the engine call, due dates counted on the calendar from the working
days the policy chose, the cleaned text of each cited article, regulation
metadata and the explanation. It never changes an outcome, a route, a term or
a limit.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import orjson

from ..engine import Engine
from ..store.bundle import Bundle
from .applicant import applicant, deadline_words
from .calendar import Calendar
from .counting import count_steps
from .repeats import Memo

SHANGHAI = ZoneInfo("Asia/Shanghai")

OUTCOME_WORDS = {
    "permit": ("可以直接获取", "may get it now"),
    "apply": ("须经申请或选择，由有关机关决定", "may get it only by an application or selection that a named body decides"),
    "deny": ("不能获取", "may not get it"),
    "incomplete": ("材料不全，尚不能判断或流转", "cannot be decided or forwarded until the missing items are supplied"),
    "not_applicable": ("没有已编码的规定适用", "no encoded regulation governs this request"),
}


def today_shanghai() -> str:
    return dt.datetime.now(SHANGHAI).date().isoformat()


def normalize(request: dict, today: str | None = None) -> dict:
    """The input document the policy sees: the request with its dates filled
    in (as_of: today in Asia/Shanghai; received_on: as_of) and absent objects
    made empty, so that the policy never has to guess a default."""
    doc = dict(request)
    doc["as_of"] = doc.get("as_of") or today or today_shanghai()
    doc["received_on"] = doc.get("received_on") or doc["as_of"]
    doc["requester"] = dict(doc.get("requester") or {})
    dataset = dict(doc.get("dataset") or {})
    dataset["provider"] = dict(dataset.get("provider") or {})
    doc["dataset"] = dataset
    doc["application"] = dict(doc.get("application") or {})
    doc["access_mode"] = doc.get("access_mode") or "platform"
    return doc


_REF = re.compile(r"^(?P<reg>[a-z]+-[a-z]+)#(?P<art>\d+)(?:\.(?P<item>\d+))?$")


def ref_key(regs: list[str], ref: str) -> tuple:
    """Order refs by regulation (as the decision lists them), article, item."""
    m = _REF.match(ref)
    reg = m.group("reg")
    return (regs.index(reg) if reg in regs else len(regs), reg, int(m.group("art")), int(m.group("item") or 0))


@dataclass
class Decider:
    """Decides requests with one engine, one bundle and one calendar."""

    bundle: Bundle
    engine: Engine
    calendar: Calendar
    #: The decisions of the inputs seen last (``decide_text``): a repeated question costs a lookup.
    memo: Memo[tuple[dict, str]] = field(default_factory=Memo, repr=False, compare=False)

    @classmethod
    def from_disk(cls) -> Decider:
        """The bundle in the checkout, the embedded engine and the calendar."""
        from ..engine import WasmEngine
        from ..store.bundle import load_bundle

        bundle = load_bundle()
        return cls(bundle, WasmEngine(bundle), Calendar.from_file())

    def decide(self, request: dict, today: str | None = None, decision_id: str | None = None) -> dict:
        doc = normalize(request, today)
        result = self.engine.evaluate(doc)
        return self.assemble(doc, result, decision_id)

    def decide_text(self, request: dict, today: str | None = None) -> tuple[dict, str]:
        """The decision and its JSON text (what ``decide`` gives, encoded), a repeated
        policy input answered from the memo: the same decision under a new id. The
        decision's values are shared with the memo: read them, never change them."""
        doc = normalize(request, today)
        key = orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
        known = self.memo.get(key)
        if known is None:
            decision = self.assemble(doc, self.engine.evaluate(doc))
            rest = {k: v for k, v in decision.items() if k != "decision_id"}
            known = (rest, orjson.dumps(rest).decode()[1:])
            self.memo.put(key, known)
        rest, text = known
        decision_id = str(uuid.uuid4())
        return {"decision_id": decision_id, **rest}, f'{{"decision_id":"{decision_id}",{text}'

    def assemble(self, doc: dict, result: dict, decision_id: str | None = None) -> dict:
        received = dt.date.fromisoformat(doc["received_on"])
        regs = result["regulations"]
        timeline, confirmed = self._timeline(received, result["timeline"])
        deadline = self._deadline(received, result["deadline"], timeline)
        basis = sorted(result["basis"], key=lambda r: ref_key(regs, r))
        decision = {
            "decision_id": decision_id or str(uuid.uuid4()),
            "jurisdiction": doc["jurisdiction"],
            "action": doc["action"],
            "as_of": doc["as_of"],
            "received_on": doc["received_on"],
            "outcome": result["outcome"],
            "route": result["route"],
            "rule": result["rule"],
            "channel": result.get("channel"),
            "conditions": result["conditions"],
            "obligations": result["obligations"],
            "remedies": result["remedies"],
            "missing": result["missing"],
            "deadline": deadline,
            "timeline": timeline,
            "path": result.get("path"),
            "basis": [self.article(ref) for ref in basis],
            "regulations": [self.regulation_entry(reg, result["versions"].get(reg)) for reg in regs],
            "notes": result["notes"],
            "explanation": {},
            "bundle_revision": self.bundle.revision,
        }
        if deadline is not None:
            confirmed = confirmed and deadline["calendar_confirmed"]
        decision["calendar_confirmed"] = confirmed
        decision["binding"] = all(r["binding"] for r in decision["regulations"] if r["applies"])
        decision["explanation"] = explain(decision, result["why"])
        governs = {r["id"]: self.bundle.regulation(r["id"]).get("governs", []) for r in decision["regulations"]}
        decision["explanation"]["applicant"] = applicant(
            decision, governs, lambda ref: (self.bundle.articles.get(ref) or {}).get("label"))
        return decision

    def _deadline(self, start: dt.date, d: dict | None, timeline: list[dict]) -> dict | None:
        """The step that answers the requester, with the date its timeline entry
        was counted to: the deadline and the timeline cannot disagree."""
        if d is None:
            return None
        step = next((s for s in timeline if s["key"] == d["step"]), None)
        return {
            "working_days": step["working_days_from_start"] if step else None,
            "start": start.isoformat(),
            "due": step["due"] if step else None,
            "responsible": d["responsible"],
            "responsible_en": d["responsible_en"],
            "calendar_confirmed": step["calendar_confirmed"] if step else True,
            "basis": d["basis"],
            "step": d["step"],
        }

    def _timeline(self, start: dt.date, steps: list[dict]) -> tuple[list[dict], bool]:
        """The policy's steps counted from received_on, as deadline answers count them."""
        counted, confirmed = count_steps(self.calendar, start, steps)
        return [timeline_entry(s) for s in counted], confirmed

    def article(self, ref: str) -> dict:
        art = self.bundle.articles.get(ref)
        if art is None:
            return {"ref": ref, "label": None, "quote": None}
        return dict(art)

    def regulation_entry(self, reg_id: str, version_id: str | None) -> dict:
        reg = self.bundle.regulation(reg_id)
        entry = {"id": reg_id, "title": reg["title"], "title_en": reg["title_en"], "applies": version_id is not None}
        if version_id is None:
            versions = reg["versions"]
            entry.update(
                status=None,
                version=None,
                effective_from=None,
                effective_to=None,
                binding=False,
                in_force_windows=[[v["effective_from"], v["effective_to"]] for v in versions],
            )
            return entry
        v = self.bundle.version(reg_id, version_id)
        entry.update(
            status=v["status"],
            version=version_id,
            effective_from=v["effective_from"],
            effective_to=v["effective_to"],
            binding=v["status"] != "draft",
        )
        if v.get("status_assumed"):
            entry["status_assumed"] = True
        return entry


def timeline_entry(s: dict) -> dict:
    """A counted step in the decision's words (contract §1 ``timeline``, with
    how it is counted: ``count``, ``n``, ``direction``, ``from``, ``start``,
    ``not_before``; and, for a step of an application, the event that
    discharges it, ``done_by``, and what a refusal there must state, ``refusal``):
    enough to count it again from what happened (``answers.applications``)."""
    return {
        "key": s["key"],
        "step": s["text"],
        "step_en": s["text_en"],
        "responsible": s["responsible"],
        "responsible_en": s["responsible_en"],
        "count": s["count"],
        "n": s["n"],
        "direction": s["direction"],
        "working_days": s["n"] if s["count"] == "working_days" else None,
        "working_days_from_start": s["working_days_from_start"],
        "start": s["start"],
        "due": s["due"],
        "not_before": s["not_before"],
        "calendar_confirmed": s["calendar_confirmed"],
        "basis": s["basis"],
        "from": s["from"],
        "trigger": s["trigger"],
        "trigger_en": s["trigger_en"],
        **{k: s[k] for k in ("not_before_day", "done_by", "refusal", "after_refusal") if k in s},
    }


def explain(decision: dict, why: dict) -> dict:
    """A short explanation in Chinese and English, from what the policy decided."""
    zh_outcome, en_outcome = OUTCOME_WORDS[decision["outcome"]]
    titles_zh = "、".join(f"《{r['title']}》" for r in decision["regulations"])
    titles_en = "; ".join(r["title_en"] for r in decision["regulations"])
    zh = [f"依据{titles_zh}：{zh_outcome}。{why['zh']}"]
    en = [f"Under {titles_en}: {en_outcome}. {why['en']}"]
    told = deadline_words(decision)
    if told:
        zh.append(told[0])
        en.append(told[1])
    if decision["missing"]:
        zh.append("缺少：" + "、".join(decision["missing"]) + "。")
        en.append("Missing: " + ", ".join(decision["missing"]) + ".")
    if not decision["binding"] and any(r["applies"] for r in decision["regulations"]):
        zh.append("所依据的文本包含征求意见稿，判断仅供参考，不具有约束力。")
        en.append("It rests on a draft for comment, so it is for guidance only and not binding.")
    for reg in decision["regulations"]:
        if not reg["applies"]:
            windows_zh = "、".join(f"{a or '（未定）'}至{b or '（未定）'}" for a, b in reg["in_force_windows"])
            windows_en = ", ".join(f"{a or 'open'} to {b or 'open'}" for a, b in reg["in_force_windows"])
            zh.append(f"《{reg['title']}》的施行期为{windows_zh}，不含{decision['as_of']}。")
            en.append(f"{reg['title_en']} is in force {windows_en}, which does not include {decision['as_of']}.")
    for note in decision["notes"]:
        if note["kind"] in ("silent", "copy_cut", "scope", "superior"):
            zh.append(note["zh"])
            en.append(note["en"])
    return {"zh": "".join(zh), "en": " ".join(en)}
