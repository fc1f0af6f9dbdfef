"""Frozen data objects that cross module boundaries."""

from __future__ import annotations

from typing import Final

import attrs

__all__ = [
    "KINDS",
    "Article",
    "ArticleSummary",
    "Extraction",
    "Problem",
    "Quote",
    "Report",
]

#: Quote kinds, see DESIGN.md: direct and partial quotes are someone's words,
#: scare quotes and titles are not.
KINDS: Final = ("direct", "partial", "scare", "title")


def _non_negative(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen(kw_only=True)
class Article:
    """One article: an id and its text, with optional metadata."""

    id: str
    text: str = attrs.field()
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None


@attrs.frozen(kw_only=True)
class Problem:
    """A mark that could not be paired, or another oddity found while reading.

    ``offset`` is the code-point offset of the mark in the article text.
    """

    offset: int = attrs.field(validator=_non_negative)
    mark: str
    message: str


@attrs.frozen(kw_only=True)
class Quote:
    """A quoted span of an article.

    ``start`` and ``end`` are code-point offsets of the content inside the marks
    (white space just inside the marks excluded), so ``text == article[start:end]``.
    ``close`` is None when the quote never closes; ``parent`` is the id of the quote
    this one is nested in.
    """

    id: str
    article: str
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field()
    text: str = attrs.field()
    open: str
    close: str | None
    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    speaker: str | None = None
    cue: str | None = None
    parent: str | None = None
    problems: tuple[str, ...] = ()

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if value < self.start:
            raise ValueError(f"end ({value}) must be >= start ({self.start})")

    @text.validator
    def _check_text(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if len(value) != self.end - self.start:
            raise ValueError("text length must equal end - start")

    @property
    def marks(self) -> tuple[str, str | None]:
        """The opening and closing marks."""
        return (self.open, self.close)


@attrs.frozen(kw_only=True)
class Extraction:
    """Everything read from one article: its quotes and the problems met."""

    article: str
    quotes: tuple[Quote, ...]
    problems: tuple[Problem, ...] = ()


@attrs.frozen(kw_only=True)
class ArticleSummary:
    """One article in a report: its id, title, the problems met reading it, and
    (once judged) its fidelity score and the count of each verdict."""

    id: str
    title: str | None = None
    fidelity: float | None = None
    counts: tuple[tuple[str, int], ...] = ()
    problems: tuple[Problem, ...] = ()


@attrs.frozen(kw_only=True)
class Report:
    """What quoteprov found in a pile of articles."""

    articles: tuple[ArticleSummary, ...]
    quotes: tuple[Quote, ...]
