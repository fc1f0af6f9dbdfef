"""Tests of the synthetic-corpus generator (tests/synthetic.py) itself."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from synthetic import (
    ADJECTIVES,
    ADVERBS,
    FLAGS,
    NAMES,
    NOUNS,
    QUOTE_STYLES,
    VERBS,
    VERDICTS,
    SyntheticCorpus,
    generate,
    iter_annotated,
    iter_articles,
)

import quoteprov


@pytest.fixture(scope="module")
def corpus() -> SyntheticCorpus:
    return generate(seed=0)


def test_deterministic_for_a_seed(corpus: SyntheticCorpus) -> None:
    assert generate(seed=0) == corpus
    assert generate(seed=1) != corpus
    assert list(iter_articles(seed=3, quotes=200)) == list(iter_articles(seed=3, quotes=200))


def test_vocabulary_and_names() -> None:
    content = [*NOUNS, *VERBS, *ADJECTIVES, *ADVERBS]
    assert len(content) == len(set(content)) >= 800
    surnames = [name.split()[-1] for name in NAMES]
    assert len(surnames) == len(set(surnames)) >= 50


def test_quote_text_sits_between_a_mark_pair(corpus: SyntheticCorpus) -> None:
    articles = {article.id: article for article in corpus.articles}
    for quote in corpus.quotes:
        text = articles[quote.article].text
        assert any(f"{o}{quote.text}{c}" in text for o, c in QUOTE_STYLES.values()), quote
        assert quote.speaker in text


def test_every_remark_has_two_verbatim_renderings(corpus: SyntheticCorpus) -> None:
    verbatim = Counter(q.remarks[0] for q in corpus.quotes if q.verdict == "verbatim")
    supported = [r for r in corpus.remarks if not r.unsupported]
    assert len(supported) == 40
    for remark in supported:
        assert verbatim[remark.id] >= 2, remark
    for remark in corpus.remarks:
        if remark.unsupported:
            assert [q.verdict for q in corpus.quotes if remark.id in q.remarks] == ["unsupported"]


def test_verdicts_and_flags_are_from_the_allowed_sets(corpus: SyntheticCorpus) -> None:
    assert {q.verdict for q in corpus.quotes} <= VERDICTS
    assert {f for q in corpus.quotes for f in q.flags} <= FLAGS
    for quote in corpus.quotes:
        assert len(quote.remarks) == (2 if quote.verdict == "spliced" else 1)
        if quote.flags:
            assert quote.verdict == "altered"


def test_remarks_shape(corpus: SyntheticCorpus) -> None:
    speakers = {r.id: r.speaker for r in corpus.remarks}
    for remark in corpus.remarks:
        assert 12 <= len(remark.text.split()) <= 24
    with_numbers = sum(bool(re.search(r"\d", r.text)) for r in corpus.remarks)
    assert with_numbers * 3 >= len(corpus.remarks) * 0.8
    for quote in corpus.quotes:
        wrong = quote.speaker != speakers[quote.remarks[0]]
        assert wrong == (quote.verdict == "misattributed"), quote


@pytest.mark.parametrize("style", ["curly", "guillemets", "german", "straight"])
def test_forced_style(style: str) -> None:
    opening = QUOTE_STYLES[style][0]
    small = generate(seed=5, remarks=8, outlets=3, style=style)
    for article in small.articles:
        assert article.text.count(opening.strip()) >= 1


@pytest.mark.parametrize("wanted", [1, 500, 3000])
def test_iter_articles_yields_the_requested_number_of_quotes(wanted: int) -> None:
    counts = [len(quotes) for _, quotes in iter_annotated(seed=2, quotes=wanted)]
    assert sum(counts) >= wanted
    assert sum(counts) - counts[-1] < wanted
    assert len(list(iter_articles(seed=2, quotes=wanted))) == len(counts)
    if wanted > 1:
        assert 8 <= sum(counts) / len(counts) <= 12


def test_extractor_sanity(corpus: SyntheticCorpus) -> None:
    """A sanity check, not a score: quoteprov finds most planted quotes and their speakers."""
    planted: dict[str, list[str]] = {}
    for quote in corpus.quotes:
        planted.setdefault(quote.article, []).append(quote.speaker)
    found = named = 0
    for article in corpus.articles:
        quotes = quoteprov.extract_quotes(article.text)
        found += min(len(quotes), len(planted[article.id]))
        named += sum(q.speaker in planted[article.id] for q in quotes)
    assert found >= 0.9 * len(corpus.quotes)
    assert named >= 0.8 * len(corpus.quotes)


def _words(quotes: int, vocabulary: str) -> Counter[str]:
    """How many planted quotes hold each word."""
    texts = [
        q.text for _, planted in iter_annotated(seed=6, quotes=quotes, vocabulary=vocabulary) for q in planted
    ]
    return Counter(w for text in texts for w in set(re.findall(r"[a-z]+", text.lower())))


def test_news_vocabulary_grows_with_the_corpus_and_keeps_the_truth() -> None:
    """The "news" vocabulary follows Zipf's law: made-up words beyond the lexicon
    keep appearing as the corpus grows (the fixed lexicon's do not), the commonest
    words are commoner and the typical word rarer than with the fixed lexicon, and
    every planted quote still sits between a mark pair of its article."""
    lexicon = {*NOUNS, *VERBS, *ADJECTIVES, *ADVERBS}
    fixed_small, fixed_large = _words(500, "lexicon"), _words(4000, "lexicon")
    news_small, news_large = _words(500, "news"), _words(4000, "news")
    new_fixed = set(fixed_large) - set(fixed_small) - lexicon
    new_news = set(news_large) - set(news_small) - lexicon
    assert len(new_fixed) < 20  # numbers and the like: the words are the lexicon's
    assert len(new_news) > 1000  # made-up words keep coming
    for fixed, news in ((fixed_small, news_small), (fixed_large, news_large)):
        fixed_lex = sorted((n for w, n in fixed.items() if w in lexicon), reverse=True)
        news_lex = sorted((n for w, n in news.items() if w in lexicon), reverse=True)
        assert news_lex[0] > 3 * fixed_lex[0]  # the head: commoner
        news_all = sorted(n for w, n in news.items() if len(w) > 3)
        assert news_all[len(news_all) // 2] < fixed_lex[len(fixed_lex) // 2]  # the typical word: rarer
    for article, planted in iter_annotated(seed=6, quotes=1000, vocabulary="news"):
        for quote in planted:
            assert any(f"{o}{quote.text}{c}" in article.text for o, c in QUOTE_STYLES.values())
    with pytest.raises(ValueError, match="vocabulary"):
        next(iter_annotated(seed=6, quotes=10, vocabulary="klingon"))
