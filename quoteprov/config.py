"""The one options object of the public API."""

from __future__ import annotations

import attrs

__all__ = ["Config"]


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name} must be >= 1, got {value}")


def _unit(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be in [0, 1], got {value}")


@attrs.frozen(kw_only=True)
class Config:
    """Options for every stage; change one with :func:`attrs.evolve`.

    Args:
        max_nesting: quotes open at once before a further opening mark is
            treated as stray (keeps extraction linear on broken input).
        max_context_chars: how far attribution looks either side of a quote.
        scare_max_words: fragments of at most this many words with no speaker
            are scare quotes.
        contain_threshold: a segment whose content words are at least this
            share found, in order, in a longer one is a fragment of it.
        link_threshold: the least average similarity (2 × aligned words /
            total words) to a remark's core renderings for a segment to join it.
        altered_coverage: the least share of a changed quote's content words
            found in its reference for "altered" rather than "paraphrased".
        max_df: content words held by more segments than this are not indexed
            (boilerplate), which keeps candidate generation near-linear.
    """

    max_nesting: int = attrs.field(default=4, validator=_positive)
    max_context_chars: int = attrs.field(default=320, validator=_positive)
    scare_max_words: int = attrs.field(default=4, validator=_positive)
    contain_threshold: float = attrs.field(default=0.8, validator=_unit)
    link_threshold: float = attrs.field(default=0.4, validator=_unit)
    altered_coverage: float = attrs.field(default=0.7, validator=_unit)
    max_df: int = attrs.field(default=1000, validator=_positive)
