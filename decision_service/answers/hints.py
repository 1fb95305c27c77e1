"""Near misses a portal makes when it names a jurisdiction: a capital letter,
the city's Chinese name, or the regulation id instead of the jurisdiction id.
The error then says which code was meant."""

from __future__ import annotations

from marshmallow import ValidationError, validate

from ..store.bundle import JURISDICTIONS
from .words import meaning

#: Regulation ids → the jurisdiction id they mean (the Chinese names are the jurisdictions' words in ``words``).
MEANT = {reg: j for j, reg in JURISDICTIONS.items()}


def meant(value: object) -> str | None:
    """The jurisdiction id ``value`` most likely means, if it is a near miss."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.lower() in JURISDICTIONS and text not in JURISDICTIONS:
        return text.lower()
    return MEANT.get(text) or MEANT.get(text.lower()) or meaning("jurisdiction", text)


class Jurisdiction(validate.OneOf):
    """One of the jurisdiction ids; a near miss is told the id it means."""

    def __init__(self) -> None:
        super().__init__(list(JURISDICTIONS))

    def __call__(self, value: object) -> object:
        try:
            return super().__call__(value)
        except ValidationError:
            hint = meant(value)
            if hint:
                raise ValidationError(f"Must be one of: {', '.join(JURISDICTIONS)}; {value!r} means {hint!r}.") from None
            raise


class Coded(validate.OneOf):
    """One of a vocabulary's codes (``answers.words``); a Chinese label or catalogue
    word sent instead is told the code it means."""

    def __init__(self, vocabulary: str, codes: list[str]) -> None:
        super().__init__(codes)
        self.vocabulary = vocabulary

    def __call__(self, value: object) -> object:
        try:
            return super().__call__(value)
        except ValidationError:
            code = meaning(self.vocabulary, value)
            if code in self.choices:
                raise ValidationError(f"Must be one of: {', '.join(self.choices)}; {value!r} means {code!r}.") from None
            raise
