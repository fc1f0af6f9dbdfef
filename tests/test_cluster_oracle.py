"""The indexed clustering against the exhaustive all-pairs oracle, and the remark partition.

``cluster_segments`` compares each segment only with the candidates a
content-word index proposes; its docstring promises the same clustering as
comparing every pair. The segments are built here exactly as
:func:`quoteprov.pipeline.track` builds them, so the check covers what the
pipeline really clusters.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, example, given, settings
from strategies import tiny_corpora
from synthetic import SyntheticCorpus, generate

import quoteprov
from quoteprov import Article, Config, Reference, Report
from quoteprov.cluster import Clustering, cluster_segments, split_splices
from quoteprov.index import frequent_keys
from quoteprov.pipeline import extract_articles
from quoteprov.segment import Segment, segments_of

#: (seed, remarks, outlets): from a few dozen quotes to a few hundred.
CORPORA = [(0, 4, 3), (1, 8, 4), (2, 16, 5), (3, 24, 6), (4, 40, 6), (5, 40, 6), (6, 40, 6)]

SegmentKey = tuple[str, int, int]


def pipeline_segments(
    articles: Sequence[Article], references: Sequence[Reference] = (), *, config: Config
) -> list[Segment]:
    """The segments ``track`` clusters: judged quotes and references, cut into
    sentences (and at ellipses), then at splices."""
    quotes = [q for e in extract_articles(articles, config=config) for q in e.quotes]
    segments: list[Segment] = []
    for q in quotes:
        if q.kind in ("direct", "partial") and q.parent is None:
            segments.extend(segments_of(q.id, q.article, q.speaker, q.text, offset=q.start, kind=q.kind))
    for ref in references:
        segments.extend(segments_of(ref.id, None, ref.speaker, ref.text, kind="reference"))
    return split_splices(segments, config=config)


def key(segment: Segment) -> SegmentKey:
    return (segment.source, segment.start, segment.end)


def partition(clustering: Clustering) -> set[frozenset[SegmentKey]]:
    groups: dict[int, set[SegmentKey]] = {}
    for segment, label in zip(clustering.segments, clustering.labels, strict=True):
        groups.setdefault(label, set()).add(key(segment))
    return {frozenset(g) for g in groups.values()}


def assert_index_matches_oracle(segments: Sequence[Segment], config: Config) -> Clustering:
    keys = Counter(key(s) for s in segments)
    assert all(n == 1 for n in keys.values()), "segment keys must be unique for the comparison"
    indexed = cluster_segments(segments, config=config)
    every = range(len(segments))
    oracle = cluster_segments(segments, config=config, neighbours=lambda _position: every)
    assert len(indexed.segments) == len(oracle.segments) == len(segments)
    assert {key(s) for s in indexed.segments} == set(keys)
    assert partition(indexed) == partition(oracle)
    indexed_labels = {key(s): label for s, label in zip(indexed.segments, indexed.labels, strict=True)}
    oracle_labels = {key(s): label for s, label in zip(oracle.segments, oracle.labels, strict=True)}
    assert indexed_labels == oracle_labels
    indexed_core = {key(s): c for s, c in zip(indexed.segments, indexed.core, strict=True)}
    oracle_core = {key(s): c for s, c in zip(oracle.segments, oracle.core, strict=True)}
    assert indexed_core == oracle_core
    return indexed


def truth_references(corpus: SyntheticCorpus, every: int = 3) -> list[Reference]:
    """Every ``every``-th true remark as a primary-source reference."""
    return [
        Reference(id=f"ref-{r.id}", speaker=r.speaker, text=r.text)
        for r in corpus.remarks[::every]
        if not r.unsupported
    ]


@pytest.mark.parametrize(("seed", "remarks", "outlets"), CORPORA)
def test_indexed_clustering_equals_exhaustive(seed: int, remarks: int, outlets: int) -> None:
    corpus = generate(seed=seed, remarks=remarks, outlets=outlets)
    config = Config()
    segments = pipeline_segments(corpus.articles, config=config)
    assert len(segments) >= len(corpus.quotes) * 0.9  # the comparison is not vacuous
    clustering = assert_index_matches_oracle(segments, config)
    assert len(set(clustering.labels)) >= remarks // 2


@pytest.mark.parametrize(("seed", "remarks", "outlets"), [(7, 12, 4), (8, 40, 6)])
def test_indexed_clustering_equals_exhaustive_with_references(seed: int, remarks: int, outlets: int) -> None:
    corpus = generate(seed=seed, remarks=remarks, outlets=outlets)
    config = Config()
    references = truth_references(corpus)
    segments = pipeline_segments(corpus.articles, references, config=config)
    assert any(s.article is None for s in segments)
    assert_index_matches_oracle(segments, config)


@pytest.mark.xfail(
    strict=True,
    reason="a pair sharing one indexed word plus words over the frequency cap can link when all "
    "pairs are compared but is never an index candidate (benchmarks/index_quality.py: pair F1 "
    "0.9539 indexed vs 0.9658 exhaustive at max_df 30); counting such words as no evidence made "
    "the index exact but cost 1.5 points of F1 at 30,000 quotes, and indexing pairs of co-occurring "
    "words over the cap cost 6x the candidates and 0.35 points of verdicts",
)
@pytest.mark.parametrize(("seed", "remarks", "outlets", "cap"), [(2, 16, 5, 4), (4, 40, 6, 8)])
def test_indexed_clustering_equals_exhaustive_with_boilerplate(
    seed: int, remarks: int, outlets: int, cap: int
) -> None:
    """A low frequency cap makes many words boilerplate (not indexed); the
    indexed clustering should still equal the exhaustive one."""
    corpus = generate(seed=seed, remarks=remarks, outlets=outlets)
    config = Config(max_df=cap)
    segments = pipeline_segments(corpus.articles, config=config)
    excluded = frequent_keys([s.index_keys for s in segments], max_df=cap)
    assert sum(" " not in key for key in excluded) >= 5  # boilerplate words, not only pairs
    assert_index_matches_oracle(segments, config)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_corpora(max_remarks=4, max_outlets=4))
@example(
    # Two remarks of one speaker sharing one content word and their function words.
    [
        Article(id="a", text="“We will build the new road,” Tom Hale said."),
        Article(id="b", text="“We will fix the new bridge,” Tom Hale said."),
    ]
)
def test_indexed_clustering_equals_exhaustive_on_tiny_corpora(articles: list[Article]) -> None:
    config = Config()
    assert_index_matches_oracle(pipeline_segments(articles, config=config), config)


# --------------------------------------------------------------------------- remark partition

_WORD = re.compile(r"\w+")


def assert_remarks_partition_judged_quotes(
    articles: Sequence[Article], report: Report, references: Sequence[Reference] = ()
) -> None:
    texts = {a.id: a.text for a in articles}
    quotes = {q.id: q for q in report.quotes}
    sources = set(quotes) | {r.id for r in references}
    judged = [q for q in report.quotes if q.kind in ("direct", "partial") and q.parent is None]
    remark_ids = [r.id for r in report.remarks]
    assert len(remark_ids) == len(set(remark_ids))

    spans_of: dict[str, list[tuple[int, int, str]]] = {}
    for remark in report.remarks:
        assert remark.spans, remark
        # A remark lists exactly the renderings its spans come from.
        assert set(remark.quotes) == {s.source for s in remark.spans}, remark
        assert len(remark.quotes) == len(set(remark.quotes)), remark
        for span in remark.spans:
            assert span.source in sources, span
            assert span.start < span.end, span
            spans_of.setdefault(span.source, []).append((span.start, span.end, remark.id))
            quote = quotes.get(span.source)
            if quote is None:
                continue  # a reference's span
            # Inside one of the remark's quotes: within its content, in its article.
            assert quote.start <= span.start, (remark.id, span, quote)
            assert span.end <= quote.end, (remark.id, span, quote)
            assert texts[quote.article][span.start : span.end] in quote.text

    # No stretch of a rendering is in two remarks (nor twice in one).
    for source, spans in spans_of.items():
        ordered = sorted(spans)
        for (_, end, r1), (start, _, r2) in itertools.pairwise(ordered):
            assert end <= start, f"{source}: spans of {r1} and {r2} overlap"

    judged_ids = {q.id for q in judged}
    for quote in report.quotes:
        if quote.id not in judged_ids:
            assert quote.remarks == (), quote
            assert quote.fidelity is None, quote
            assert quote.id not in spans_of, quote
            continue
        assert quote.remarks, f"judged quote without a remark: {quote}"
        assert quote.fidelity is not None, quote
        # The quote's remarks are exactly those holding one of its spans ...
        assert set(quote.remarks) == {r for _, _, r in spans_of[quote.id]}, quote
        # ... and those spans cover every word of it.
        covered = spans_of[quote.id]
        for m in _WORD.finditer(quote.text):
            a, b = quote.start + m.start(), quote.start + m.end()
            assert any(s <= a and b <= e for s, e, _ in covered), (quote, m.group())


@pytest.mark.parametrize(("seed", "remarks", "outlets"), CORPORA)
def test_remarks_partition_the_judged_quotes(seed: int, remarks: int, outlets: int) -> None:
    corpus = generate(seed=seed, remarks=remarks, outlets=outlets)
    report = quoteprov.track(corpus.articles)
    assert sum(1 for q in report.quotes if q.remarks) >= 0.9 * len(corpus.quotes)
    assert_remarks_partition_judged_quotes(corpus.articles, report)


@pytest.mark.parametrize(("seed", "remarks", "outlets"), [(7, 12, 4), (8, 40, 6)])
def test_remarks_partition_the_judged_quotes_with_references(seed: int, remarks: int, outlets: int) -> None:
    corpus = generate(seed=seed, remarks=remarks, outlets=outlets)
    references = truth_references(corpus)
    report = quoteprov.track(corpus.articles, references=references)
    assert_remarks_partition_judged_quotes(corpus.articles, report, references)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_corpora(max_remarks=4, max_outlets=4))
def test_remarks_partition_the_judged_quotes_on_tiny_corpora(articles: list[Article]) -> None:
    assert_remarks_partition_judged_quotes(articles, quoteprov.track(articles))
