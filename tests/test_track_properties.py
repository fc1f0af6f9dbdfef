"""Property-based tests of :func:`quoteprov.track`: ranges, invariances, and two
edits whose verdict is known without running the code (a quote against its own
copy; a negation flipped against the majority)."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Hashable, Sequence

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import NAMES, synthetic_corpora, template_remarks, tiny_corpora
from synthetic import SyntheticCorpus, generate

import quoteprov
from quoteprov import Article, Report
from quoteprov.models import FLAGS, VERDICTS

#: The verdicts fidelity.py documents as scoring 1.0 (no change to the words they keep).
UNCHANGED: frozenset[str] = frozenset({"verbatim", "trimmed", "elided"})

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Small synthetic corpora (planted edits) or tiny template corpora.
corpora = st.one_of(
    synthetic_corpora().map(lambda corpus: list(corpus.articles)),
    tiny_corpora(max_remarks=4, max_outlets=4),
)


def judged(report: Report) -> list[quoteprov.Quote]:
    return [q for q in report.quotes if q.kind in ("direct", "partial") and q.parent is None]


# --------------------------------------------------------------------------- a. ranges


@SETTINGS
@given(corpora)
def test_scores_verdicts_and_flags_are_in_range(articles: list[Article]) -> None:
    report = quoteprov.track(articles)
    by_id = {q.id: q for q in report.quotes}
    judged_ids = {q.id for q in judged(report)}
    assert judged_ids, "the corpus must have judged quotes"
    for quote in report.quotes:
        if quote.id not in judged_ids:
            assert quote.fidelity is None, quote
            continue
        fidelity = quote.fidelity
        assert fidelity is not None, quote
        assert 0.0 <= fidelity.score <= 1.0, quote
        assert fidelity.verdict in VERDICTS, quote
        assert set(fidelity.flags) <= set(FLAGS), quote
        assert len(fidelity.flags) == len(set(fidelity.flags)), quote
        if fidelity.verdict in UNCHANGED:
            assert fidelity.score == 1.0, quote
        # A reference is a rendering elsewhere: another article's quote (no references given).
        if fidelity.verdict == "unsupported":
            assert fidelity.reference is None, quote
        else:
            assert fidelity.reference in by_id, quote
            assert by_id[fidelity.reference].article != quote.article, quote
    assert [a.id for a in report.articles] == [a.id for a in articles]
    for summary in report.articles:
        own = [q for q in report.quotes if q.article == summary.id and q.fidelity is not None]
        assert summary.fidelity is None or 0.0 <= summary.fidelity <= 1.0, summary
        assert (summary.fidelity is None) == (not own), summary
        assert {v for v, _ in summary.counts} <= set(VERDICTS), summary
        assert dict(summary.counts) == dict(Counter(q.fidelity.verdict for q in own if q.fidelity)), summary
        if own:
            assert summary.fidelity is not None
            scores = [q.fidelity.score for q in own if q.fidelity]
            # A weighted mean lies between the least and the greatest score.
            assert min(scores) - 1e-9 <= summary.fidelity <= max(scores) + 1e-9, summary


# --------------------------------------------------------------------------- b. article order


def by_content(report: Report) -> tuple[dict[str, Hashable], list[str]]:
    """Quote id -> (its remarks' canonical texts, verdict, score, flags), and the
    remarks' canonical texts: what a reader sees, whatever the remark ids."""
    canonical = {r.id: r.canonical for r in report.remarks}
    quotes: dict[str, Hashable] = {}
    for q in report.quotes:
        fidelity = q.fidelity
        quotes[q.id] = (
            frozenset(canonical[r] for r in q.remarks),
            (fidelity.verdict, round(fidelity.score, 9), fidelity.flags) if fidelity else None,
        )
    return quotes, sorted(canonical.values())


def assert_same_report(articles: Sequence[Article], shuffled: Sequence[Article]) -> None:
    first, second = quoteprov.track(articles), quoteprov.track(shuffled)
    assert by_content(first) == by_content(second)
    # pipeline.track: "Nothing in it depends on the order of articles" (remark ids
    # are numbered by first rendering, article id then offset), so the objects match too.
    assert {r.id: r for r in first.remarks} == {r.id: r for r in second.remarks}
    assert {q.id: q for q in first.quotes} == {q.id: q for q in second.quotes}
    assert {a.id: a for a in first.articles} == {a.id: a for a in second.articles}


@SETTINGS
@given(corpora, st.randoms(use_true_random=False))
def test_track_does_not_depend_on_article_order(articles: list[Article], rnd: random.Random) -> None:
    shuffled = list(articles)
    rnd.shuffle(shuffled)
    assert_same_report(articles, shuffled)


#: Found by the property above (synthetic seed 356, reduced): a splice ("d") whose
#: head and tail are both printed elsewhere, the tail twice ("b" and "c").
SPLICE_CORPUS = [
    Article(
        id="a",
        text="“The heritage of the pandemic will sue every grain, so we would link the transitional role,”"
        " said Marta Kilbride.",
    ),
    Article(
        id="b",
        text="“the untested rival should produce the collective livestock, so the growing clinic will"
        " persuade the price,” said Marta Kilbride.",
    ),
    Article(
        id="c",
        text="Marta Kilbride said: “The untested rival should produce ... the growing clinic will persuade"
        " the price.”",
    ),
    Article(
        id="d",
        text="“The heritage of the pandemic will sue every grain, so the growing clinic will persuade the"
        " price,” said Marta Kilbride.",
    ),
]


def test_track_does_not_depend_on_article_order_around_a_splice() -> None:
    assert_same_report(SPLICE_CORPUS, SPLICE_CORPUS[::-1])


# --------------------------------------------------------------------------- c. quote-mark style

STYLES = ("curly", "guillemets", "german")


def verdicts_by_text(corpus: SyntheticCorpus) -> tuple[Counter[tuple[str, str, str | None]], int]:
    report = quoteprov.track(corpus.articles)
    seen = Counter((q.article, q.text, q.fidelity.verdict if q.fidelity else None) for q in judged(report))
    return seen, len(report.remarks)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(2, 8), st.integers(3, 5))
@example(seed=1953, remarks=4, outlets=3)  # found by this property
def test_verdicts_do_not_depend_on_quote_mark_style(seed: int, remarks: int, outlets: int) -> None:
    corpora = {style: generate(seed=seed, remarks=remarks, outlets=outlets, style=style) for style in STYLES}
    # The generator draws the same words whatever the style: only the marks differ.
    planted = {style: [(q.article, q.text) for q in c.quotes] for style, c in corpora.items()}
    assert planted["curly"] == planted["guillemets"] == planted["german"]
    results = {style: verdicts_by_text(c) for style, c in corpora.items()}
    reference = results["curly"]
    for style in STYLES[1:]:
        assert results[style][0] == reference[0], style
        assert results[style][1] == reference[1], style


# --------------------------------------------------------------------------- d, e. known verdicts

_WILL = re.compile(r"\bwill\b(?! (?:not|never)\b)")


@st.composite
def will_sentences(draw: st.DrawFn) -> str:
    """A capitalised sentence without final punctuation holding an un-negated "will":
    a template remark, or a remark of a synthetic corpus."""
    if draw(st.booleans()):
        corpus = generate(seed=draw(st.integers(0, 10_000)), remarks=4, outlets=2)
        candidates = [r.text.rstrip(".") for r in corpus.remarks if _WILL.search(r.text)]
        if candidates:
            return draw(st.sampled_from(candidates))
    text = draw(template_remarks()).text()
    return text[:1].upper() + text[1:]


def negated(sentence: str) -> str:
    """``sentence`` with "not" inserted after its first un-negated "will"."""
    return _WILL.sub("will not", sentence, count=1)


def cue_after(sentence: str, name: str) -> str:
    return f"“{sentence},” {name} said."


@SETTINGS
@given(will_sentences(), st.sampled_from(NAMES), st.lists(st.text("ab", min_size=1), min_size=2, unique=True))
def test_a_quote_against_its_copy_is_verbatim(sentence: str, name: str, ids: Sequence[str]) -> None:
    a, b = ids[:2]
    articles = [Article(id=a, text=cue_after(sentence, name)), Article(id=b, text=cue_after(sentence, name))]
    report = quoteprov.track(articles)
    assert [(q.article, q.kind, q.speaker) for q in report.quotes] == [
        (a, "direct", name),
        (b, "direct", name),
    ]
    one, two = report.quotes
    for quote, other in ((one, two), (two, one)):
        assert quote.fidelity is not None
        assert quote.fidelity.verdict == "verbatim", quote
        assert quote.fidelity.score == 1.0, quote
        assert quote.fidelity.flags == (), quote
        assert quote.fidelity.reference == other.id, quote
    assert one.remarks == two.remarks
    assert len(one.remarks) == 1
    assert len(report.remarks) == 1
    (remark,) = report.remarks
    assert set(remark.quotes) == {one.id, two.id}
    assert remark.speaker == name


@SETTINGS
@given(will_sentences(), st.sampled_from(NAMES), st.permutations(["a", "b", "c"]))
def test_a_negation_flipped_against_two_outlets_is_flagged(
    sentence: str, name: str, ids: Sequence[str]
) -> None:
    flipped, *faithful = ids
    articles = [Article(id=i, text=cue_after(sentence, name)) for i in faithful]
    articles.append(Article(id=flipped, text=cue_after(negated(sentence), name)))
    report = quoteprov.track(sorted(articles, key=lambda article: article.id))
    quotes = {q.article: q for q in report.quotes}
    assert sorted(quotes) == ["a", "b", "c"]
    assert "not" in quotes[flipped].text.split()
    fidelity = quotes[flipped].fidelity
    assert fidelity is not None
    assert "negation" in fidelity.flags, quotes[flipped]
    assert fidelity.verdict not in UNCHANGED, quotes[flipped]
    assert fidelity.reference in {quotes[i].id for i in faithful}, quotes[flipped]
    # Two outlets agree on the reading the flipped one contradicts: they are the reference,
    # each the other's twin, and nothing about them is contested.
    for i in faithful:
        other = quotes[i].fidelity
        assert other is not None
        assert other.verdict == "verbatim", quotes[i]
        assert "negation" not in other.flags, quotes[i]
