"""Property-based tests of quote extraction (offsets, mark styles, apostrophes, stray marks)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import (
    ALL_PAIR_STYLES,
    PAIR_STYLES,
    SINGLE_PAIR_STYLES,
    Article,
    Layout,
    PairStyle,
    Sentence,
    any_texts,
    apostrophe_insertions,
    articles,
    mark_heavy_texts,
    pair_styles,
    quoted_paragraphs,
    stray_mark_documents,
    stray_paragraphs,
)

import quoteprov
from quoteprov import Quote


def assert_offsets_valid(text: str, quotes: Sequence[Quote]) -> None:
    """The offset invariants every extraction must satisfy, whatever the input."""
    for q in quotes:
        assert 0 <= q.start <= q.end <= len(text), q
        assert text[q.start : q.end] == q.text, q
        before = q.start - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        assert before >= 0, f"no opening mark before {q}"
        assert text[before] == q.open, q
        if q.close is not None:
            after = q.end
            while after < len(text) and text[after].isspace():
                after += 1
            assert after < len(text), f"no closing mark after {q}"
            assert text[after] == q.close, q


def assert_nesting_valid(quotes: Sequence[Quote]) -> None:
    """Ids are unique, a parent comes before its child and encloses it."""
    by_id = {q.id: q for q in quotes}
    assert len(by_id) == len(quotes)
    order = {q.id: i for i, q in enumerate(quotes)}
    for q in quotes:
        if q.parent is not None:
            parent = by_id[q.parent]
            assert order[parent.id] < order[q.id]
            assert parent.start <= q.start <= q.end <= parent.end, (parent, q)


def texts(text: str) -> list[str]:
    return [q.text for q in quoteprov.extract_quotes(text)]


def paragraph(*sentences: Sentence) -> Article:
    """A one-paragraph article, for explicit examples."""
    return Article((sentences,))


def plain(text: str) -> Sentence:
    return Sentence(tuple(text.split()))


def said(name: str, text: str, layout: Layout = "cue_before") -> Sentence:
    return Sentence(tuple(text.split()), layout, name)


ENGLISH, FRENCH_PADDED = PAIR_STYLES[0], PAIR_STYLES[2]
ENGLISH_SINGLE, STRAIGHT_SINGLE = SINGLE_PAIR_STYLES


# --------------------------------------------------------------------------- (a) offsets, any text


@given(text=st.one_of(any_texts(), mark_heavy_texts()))
def test_offsets_round_trip_for_any_text(text: str) -> None:
    quotes = quoteprov.extract_quotes(text)

    assert_offsets_valid(text, quotes)


@example(text="He said “\tno” twice.")
@given(text=mark_heavy_texts())
def test_content_excludes_white_space_inside_the_marks(text: str) -> None:
    """Quote docs and golden README: white space just inside the marks is not content."""
    quotes = quoteprov.extract_quotes(text)

    assert [q.text for q in quotes] == [q.text.strip() for q in quotes]


@given(text=mark_heavy_texts(max_size=400))
def test_nesting_is_well_formed(text: str) -> None:
    quotes = quoteprov.extract_quotes(text)

    assert_nesting_valid(quotes)


@given(text=mark_heavy_texts())
def test_unclosed_flag_matches_missing_close(text: str) -> None:
    quotes = quoteprov.extract_quotes(text)

    assert [q.close is None for q in quotes] == ["unclosed" in q.problems for q in quotes]


# --------------------------------------------------------------------------- (b) mark styles


@given(article=articles(), style=pair_styles(), other=pair_styles())
def test_pair_style_does_not_change_contents_or_speakers(
    article: Article, style: PairStyle, other: PairStyle
) -> None:
    first = quoteprov.extract_quotes(article.render(style))
    second = quoteprov.extract_quotes(article.render(other))

    assert [q.text for q in first] == [q.text for q in second]
    assert [q.speaker for q in first] == [q.speaker for q in second]


@example(article=paragraph(said("Anna Berg", "we will")), style=ENGLISH_SINGLE)
@example(article=paragraph(said("Anna Berg", "we will")), style=STRAIGHT_SINGLE)
@given(article=articles(), style=pair_styles(ALL_PAIR_STYLES))
def test_quote_contents_are_the_quoted_bodies(article: Article, style: PairStyle) -> None:
    """Stronger than the style comparison: the model knows every quote's content.

    Single-mark pairs (‘ ’, ' ') are included: their closing mark doubles as an apostrophe.
    """
    text = article.render(style)

    assert texts(text) == article.contents()


@example(
    article=paragraph(plain("the market opens in Berlin"), said("Anna Berg", "we will build")), style=ENGLISH
)
@example(article=paragraph(said("Anna Berg", "we will go"), said("Tom Hale", "we will stay")), style=ENGLISH)
@example(article=paragraph(said("Anna Berg", "here we go")), style=ENGLISH)
@given(article=articles(), style=pair_styles(ALL_PAIR_STYLES))
def test_speakers_are_the_cued_names(article: Article, style: PairStyle) -> None:
    """``“Body,” Name said.`` and ``Name said: “Body.”`` are attributed to Name."""
    quotes = quoteprov.extract_quotes(article.render(style))

    assert [q.speaker for q in quotes] == article.speakers()


# --------------------------------------------------------------------------- (c) apostrophes


@given(article=articles(), style=pair_styles(ALL_PAIR_STYLES), insertions=apostrophe_insertions())
def test_apostrophes_in_plain_sentences_change_no_quote(
    article: Article, style: PairStyle, insertions: list[tuple[int, int, str]]
) -> None:
    with_apostrophes = article.with_insertions(insertions, into_quotes=False)

    assert texts(with_apostrophes.render(style)) == texts(article.render(style))


@example(
    article=paragraph(said("Anna Berg", "we need the", "cue_after")),
    style=ENGLISH_SINGLE,
    insertions=[(0, 3, "reporters’")],
)
@given(article=articles(), style=pair_styles(ALL_PAIR_STYLES), insertions=apostrophe_insertions())
def test_apostrophes_inside_quotes_stay_inside(
    article: Article, style: PairStyle, insertions: list[tuple[int, int, str]]
) -> None:
    with_apostrophes = article.with_insertions(insertions, into_quotes=True)

    assert texts(with_apostrophes.render(style)) == with_apostrophes.contents()


# --------------------------------------------------------------------------- (d) stray marks


@example(
    article=paragraph(plain("rain fell")),
    stray="The »market opens.",
    last=(plain("trains run"), said("Anna Berg", "we will build", "cue_after")),
    style=ENGLISH,
    last_style=FRENCH_PADDED,
)
@given(
    article=articles(max_paragraphs=2),
    stray=stray_paragraphs(),
    last=quoted_paragraphs(),
    style=pair_styles(),
    last_style=pair_styles(),
)
def test_stray_opening_mark_is_contained_in_its_paragraph(
    article: Article, stray: str, last: tuple[Sentence, ...], style: PairStyle, last_style: PairStyle
) -> None:
    head = f"{article.render(style)}\n\n{stray}\n\n"
    last_paragraph = Article((last,))
    text = head + last_paragraph.render(last_style)

    found = [q.text for q in quoteprov.extract_quotes(text) if q.start >= len(head)]

    assert found == last_paragraph.contents()


# --------------------------------------------------------------------------- (e) size


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=stray_mark_documents())
def test_hundred_thousand_stray_marks(text: str) -> None:
    quotes = quoteprov.extract_quotes(text)

    assert_offsets_valid(text, quotes)
