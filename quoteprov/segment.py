"""Segments: the units remarks are made of.

A quote is cut into its sentences, so that one long quote can carry two
remarks. A sentence is cut again at an ellipsis (so that the runs on either
side can be matched, or found to come from different remarks) and, by
:mod:`quoteprov.cluster`, where it fuses two remarks into one sentence.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import Final

import attrs
import regex

from quoteprov.normalize import ELLIPSIS, NOT_CONTENT, Token, is_content, tokenize

__all__ = ["Segment", "segments_of"]

#: Where a sentence ends inside a quote: terminal punctuation, closing marks, space, a capital.
_SENTENCE_BREAK: Final = regex.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"“‘«„(]?[\p{Lu}\d])")


@attrs.frozen
class Segment:
    """A run of a rendering's words: part of a quote, or of a primary-source reference.

    ``source`` is the quote or reference id, ``sentence`` the sentence's number
    within it, ``cut`` how the sentence was cut into this piece ("" when whole,
    "ellipsis", or "splice").
    """

    source: str
    article: str | None  # None for a primary-source reference
    speaker: str | None
    tokens: tuple[Token, ...]
    sentence: int
    cut: str = ""
    kind: str = "direct"  # the quote's kind, or "reference" for a primary source
    # Derived once: the comparison keys, those of content words, and their set.
    keys: tuple[str, ...] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda self: tuple(t.key for t in self.tokens), takes_self=True),
    )
    content: tuple[str, ...] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(
            lambda self: tuple(k for k in self.keys if k not in NOT_CONTENT), takes_self=True
        ),
    )
    content_keys: frozenset[str] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda self: frozenset(self.content), takes_self=True),
    )

    def __reduce__(self) -> tuple[type[Segment], tuple[object, ...]]:
        # Pickled as its given fields; the derived ones are rebuilt on loading, which
        # is cheaper than shipping them (the Spark engine ships segments per pair).
        return Segment, (
            self.source,
            self.article,
            self.speaker,
            self.tokens,
            self.sentence,
            self.cut,
            self.kind,
        )

    @property
    def content_count(self) -> int:
        return len(self.content)

    @property
    def index_keys(self) -> frozenset[str]:
        """The candidate index's keys: the content words, and each pair of
        neighbouring content words ("nuclear talks"): two words each too common
        to index are often rare enough together."""
        return self.content_keys.union(f"{a} {b}" for a, b in itertools.pairwise(self.content))

    @property
    def start(self) -> int:
        return self.tokens[0].start if self.tokens else 0

    @property
    def end(self) -> int:
        return self.tokens[-1].end if self.tokens else 0


def _split_at_ellipses(tokens: Sequence[Token]) -> list[tuple[Token, ...]]:
    """Cut at each ellipsis with content words on both sides."""
    pieces: list[list[Token]] = [[]]
    for token in tokens:
        if token.key == ELLIPSIS:
            pieces.append([])
        else:
            pieces[-1].append(token)
    pieces = [p for p in pieces if p]
    if len(pieces) > 1 and all(any(is_content(t.key) for t in p) for p in pieces):
        return [tuple(p) for p in pieces]
    return [tuple(t for t in tokens)]


def segments_of(
    source: str,
    article: str | None,
    speaker: str | None,
    text: str,
    *,
    offset: int = 0,
    kind: str = "direct",
    tokens: Sequence[Token] | None = None,
) -> list[Segment]:
    """Cut one rendering into segments (offsets are ``offset`` + positions in ``text``).

    ``tokens`` are ``tokenize(text, offset=offset)`` when the caller holds them
    already: the segments then share them instead of tokenizing each sentence
    again (a sentence break is white space, which no token crosses).

    >>> pieces = segments_of("q", "a", None, "We agree. They … do not agree")
    >>> [(s.sentence, s.cut, [t.text for t in s.tokens]) for s in pieces]
    [(0, '', ['We', 'agree']), (1, '', ['They', '…', 'do', 'not', 'agree'])]
    """
    if tokens is None:
        tokens = tokenize(text, offset=offset)
    starts = [t.start for t in tokens]
    result: list[Segment] = []
    first = 0
    bounds = [m.end() for m in _SENTENCE_BREAK.finditer(text)] + [len(text)]
    for number, end in enumerate(bounds):
        last = bisect.bisect_left(starts, offset + end, first)
        sentence, first = tuple(tokens[first:last]), last
        if not sentence:
            continue
        pieces = _split_at_ellipses(sentence)
        cut = "ellipsis" if len(pieces) > 1 else ""
        result.extend(Segment(source, article, speaker, piece, number, cut, kind) for piece in pieces)
    return result
