"""The one options object of the public API."""

from __future__ import annotations

import attrs

__all__ = ["Config"]


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name} must be >= 1, got {value}")


@attrs.frozen(kw_only=True)
class Config:
    """Options for every stage; change one with :func:`attrs.evolve`.

    Args:
        max_nesting: quotes open at once before a further opening mark is
            treated as stray (keeps extraction linear on broken input).
        max_context_chars: how far attribution looks either side of a quote.
        scare_max_words: fragments of at most this many words with no speaker
            are scare quotes.
    """

    max_nesting: int = attrs.field(default=4, validator=_positive)
    max_context_chars: int = attrs.field(default=320, validator=_positive)
    scare_max_words: int = attrs.field(default=4, validator=_positive)
