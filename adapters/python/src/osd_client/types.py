"""The answers' shapes as TypedDicts, after ``/openapi.json``. Answers are open:
the service adds fields in later versions, and these types name the ones a
portal uses. Requests are plain dicts in the contract's shape."""

from __future__ import annotations

from typing import Dict, List, Optional

try:
    from typing import Literal, TypedDict
except ImportError:  # pragma: no cover  (Python < 3.8)
    from typing_extensions import Literal, TypedDict  # type: ignore

Outcome = Literal["permit", "apply", "deny", "incomplete", "not_applicable"]
Route = Literal["direct", "application", "competitive_selection", "negotiation", "none"]


class Bilingual(TypedDict):
    zh: str
    en: str


class Term(TypedDict, total=False):
    code: str
    text: str
    text_en: str
    basis: List[str]
    working_days: Optional[int]


class Deadline(TypedDict, total=False):
    step: str
    working_days: Optional[int]
    start: str
    due: Optional[str]
    responsible: str
    responsible_en: str
    calendar_confirmed: bool
    basis: List[str]


class Step(TypedDict, total=False):
    key: str
    step: str
    step_en: str
    responsible: str
    count: str
    n: Optional[int]
    direction: Literal["after", "before", "not_before"]
    start: Optional[str]
    due: Optional[str]
    not_before: Optional[str]
    calendar_confirmed: bool
    basis: List[str]


class Article(TypedDict):
    ref: str
    label: str
    quote: str


class RegulationRef(TypedDict, total=False):
    id: str
    title: str
    title_en: str
    applies: bool
    status: Optional[str]
    version: Optional[str]
    effective_from: Optional[str]
    effective_to: Optional[str]
    binding: bool


class Note(TypedDict, total=False):
    code: str
    kind: str
    zh: str
    en: str
    basis: List[str]
    regulation: str


class Decision(TypedDict, total=False):
    decision_id: str
    jurisdiction: str
    action: Literal["open", "share"]
    as_of: str
    received_on: str
    outcome: Outcome
    route: Route
    rule: str
    channel: Optional[Term]
    conditions: List[Term]
    obligations: List[Term]
    remedies: List[Term]
    missing: List[str]
    deadline: Optional[Deadline]
    timeline: List[Step]
    path: Optional[str]
    basis: List[Article]
    regulations: List[RegulationRef]
    notes: List[Note]
    explanation: Dict[str, object]
    calendar_confirmed: bool
    binding: bool
    bundle_revision: str
    # in a batch: the request's place, the caller's id and the dataset's id
    index: int
    id: Optional[str]
    dataset_id: Optional[str]


class FieldError(TypedDict):
    field: str
    code: str
    message: str


class ErrorObject(TypedDict, total=False):
    code: str
    message: str
    fields: Dict[str, List[str]]
    details: List[FieldError]


class ItemError(TypedDict):
    """A batch request that was not decided."""

    index: int
    id: Optional[str]
    dataset_id: Optional[str]
    error: ErrorObject


class Classification(TypedDict, total=False):
    classification_id: str
    as_of: str
    dataset_id: Optional[str]
    results: List[Dict[str, object]]
    bundle_revision: str


class Deadlines(TypedDict, total=False):
    event: str
    date: str
    as_of: str
    results: List[Dict[str, object]]
    bundle_revision: str


class Comparison(TypedDict, total=False):
    comparison_id: str
    decisions: List[Decision]
    bundle_revision: str


class Matrix(TypedDict, total=False):
    as_of: str
    versions: Dict[str, Dict[str, Optional[str]]]
    topics: List[Dict[str, object]]


class Word(TypedDict):
    word: str
    in_texts: List[str]


class Code(TypedDict):
    code: str
    zh: Optional[str]
    en: Optional[str]
    words: List[Word]


class Vocabulary(TypedDict):
    name: str
    fields: List[str]
    codes: List[Code]


class Vocabularies(TypedDict):
    vocabularies: List[Vocabulary]
    bundle_revision: str
