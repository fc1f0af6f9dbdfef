"""Frozen data objects that cross module boundaries."""

from __future__ import annotations

from typing import Final

import attrs

__all__ = [
    "DIFF_TAGS",
    "FLAGS",
    "KINDS",
    "VERDICTS",
    "Article",
    "ArticleSummary",
    "DiffOp",
    "Extraction",
    "Fidelity",
    "Problem",
    "Quote",
    "Reference",
    "Remark",
    "Report",
    "Span",
]

#: Quote kinds, see DESIGN.md: direct and partial quotes are someone's words,
#: scare quotes and titles are not.
KINDS: Final = ("direct", "partial", "scare", "title")

#: Fidelity verdicts, see DESIGN.md, from most to least faithful.
VERDICTS: Final = (
    "verbatim",
    "trimmed",
    "elided",
    "altered",
    "paraphrased",
    "spliced",
    "misattributed",
    "unsupported",
)

#: Flags for meaning-changing edits.
FLAGS: Final = ("negation", "number")

#: Diff run tags: reference words kept, changed, dropped by the quote, or added by it.
DIFF_TAGS: Final = ("equal", "replace", "delete", "insert")


def _unit_interval(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be in [0, 1], got {value}")


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
class Reference:
    """A primary-source statement (a transcript, an official readout): it wins as
    the reference of any quote it aligns with."""

    id: str
    speaker: str
    text: str
    source: str | None = None
    date: str | None = None


@attrs.frozen(kw_only=True)
class DiffOp:
    """One run of a word-level diff from the reference to the quote."""

    op: str = attrs.field(validator=attrs.validators.in_(DIFF_TAGS))
    reference: tuple[str, ...]  # the reference's words in this run
    quote: tuple[str, ...]  # the quote's words in this run


@attrs.frozen(kw_only=True)
class Fidelity:
    """How faithful a quote is to its reference: verdict, score in [0, 1], the
    reference's id (a quote id or a :class:`Reference` id; None when nothing
    corroborates the quote), meaning-change flags and the word-level diff."""

    verdict: str = attrs.field(validator=attrs.validators.in_(VERDICTS))
    score: float = attrs.field(validator=_unit_interval)
    reference: str | None = None
    flags: tuple[str, ...] = attrs.field(
        default=(), validator=attrs.validators.deep_iterable(attrs.validators.in_(FLAGS))
    )
    diff: tuple[DiffOp, ...] = ()


@attrs.frozen(kw_only=True)
class Span:
    """The part of a rendering that carries a remark: a quote id (offsets into its
    article) or a :class:`Reference` id (offsets into the reference's text)."""

    source: str
    start: int = attrs.field(validator=_non_negative)
    end: int


@attrs.frozen(kw_only=True)
class Remark:
    """One spoken remark and the renderings of it.

    ``quotes`` are the ids of the quotes (or :class:`Reference` ids) that render
    it; ``conflicts`` are other speakers the same wording is attributed to.
    """

    id: str
    speaker: str | None
    canonical: str
    quotes: tuple[str, ...]
    conflicts: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()


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
    remarks: tuple[str, ...] = ()  # the remarks this quote renders (set by track)
    fidelity: Fidelity | None = None  # set by track for direct and partial quotes

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
    source: str | None = None
    fidelity: float | None = attrs.field(default=None, validator=attrs.validators.optional(_unit_interval))
    counts: tuple[tuple[str, int], ...] = ()
    problems: tuple[Problem, ...] = ()


@attrs.frozen(kw_only=True)
class Report:
    """What quoteprov found in a pile of articles."""

    articles: tuple[ArticleSummary, ...]
    quotes: tuple[Quote, ...]
    remarks: tuple[Remark, ...] = ()
