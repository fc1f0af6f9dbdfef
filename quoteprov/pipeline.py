"""The whole pipeline over a pile of articles (the per-article stages are pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from quoteprov.attribute import attribute
from quoteprov.cluster import cluster_segments, split_splices
from quoteprov.config import Config
from quoteprov.extract import find_quotes
from quoteprov.fidelity import Label, judge_quote, remark_speaker
from quoteprov.models import (
    VERDICTS,
    Article,
    ArticleSummary,
    Extraction,
    Fidelity,
    Quote,
    Reference,
    Remark,
    Report,
    Span,
)
from quoteprov.names import merge_speakers
from quoteprov.normalize import Token, tokenize
from quoteprov.parallel import imap_ranges, map_ranges
from quoteprov.segment import Segment, segments_of

__all__ = [
    "Progress",
    "build_remark",
    "canonical_of",
    "extract_articles",
    "extract_one",
    "extraction_report",
    "is_judged",
    "printed_by",
    "quote_segments",
    "reference_segments",
    "remark_order_key",
    "source_text",
    "summarize",
    "track",
    "with_fidelity",
    "with_speakers",
]


def _title(article: Article) -> str | None:
    if article.title:
        return article.title
    first = article.text.strip().split("\n", 1)[0].strip()
    return first[:200] or None


#: Receives (stage, done, total) as a run goes on: "extract" counts articles.
Progress = Callable[[str, int, int], None]


def extract_one(article: Article, *, config: Config | None = None) -> Extraction:
    """One article's quotes with their speakers as the article names them (the
    per-article stage: it runs in a partition of its own on Spark)."""
    found = find_quotes(article.text, article_id=article.id, config=config)
    return attrs.evolve(found, quotes=tuple(attribute(article.text, found.quotes, config=config)))


def with_speakers(extraction: Extraction, merged: Mapping[str, str]) -> Extraction:
    """``extraction`` with each speaker shown by the fullest name it was merged into."""

    def fullest(quote: Quote) -> Quote:
        return attrs.evolve(quote, speaker=merged[quote.speaker]) if quote.speaker else quote

    return attrs.evolve(extraction, quotes=tuple(fullest(q) for q in extraction.quotes))


def _extract_range(state: tuple[Sequence[Article], Config | None], lo: int, hi: int) -> list[Extraction]:
    articles, config = state
    return [extract_one(article, config=config) for article in articles[lo:hi]]


def extract_articles(
    articles: Sequence[Article],
    *,
    config: Config | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> tuple[Extraction, ...]:
    """Find and attribute the quotes of every article, with speakers merged
    across the corpus ("Sergey Lavrov" in one outlet, "Sergei Lavrov" in
    another and "Lavrov" in a third are one speaker, shown by the fullest name),
    on ``jobs`` cores (see :mod:`quoteprov.parallel`).

    The result does not depend on the order of ``articles``, nor on ``jobs``.
    """
    extractions: list[Extraction] = []
    for part in imap_ranges(_extract_range, (articles, config), len(articles), jobs=jobs):
        extractions.extend(part)
        if progress is not None:
            progress("extract", len(extractions), len(articles))
    merged = merge_speakers(q.speaker for e in extractions for q in e.quotes if q.speaker)
    return tuple(with_speakers(e, merged) for e in extractions)


def extraction_report(
    articles: Sequence[Article],
    *,
    config: Config | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> Report:
    """A report of the quotes of every article (no remarks or fidelity yet), found on ``jobs`` cores."""
    extractions = extract_articles(articles, config=config, progress=progress, jobs=jobs)
    return Report(
        articles=tuple(
            ArticleSummary(id=a.id, title=_title(a), source=a.source, problems=e.problems)
            for a, e in zip(articles, extractions, strict=True)
        ),
        quotes=tuple(q for e in extractions for q in e.quotes),
    )


def is_judged(quote: Quote) -> bool:
    """Whether a quote is grouped into remarks and judged: someone's words, not nested."""
    return quote.kind in ("direct", "partial") and quote.parent is None


def quote_segments(quote: Quote, tokens: Sequence[Token] | None = None) -> list[Segment]:
    """A judged quote's segments (offsets in its article), sharing ``tokens``
    (its text tokenized, see :func:`quoteprov.segment.segments_of`) when given."""
    return segments_of(
        quote.id, quote.article, quote.speaker, quote.text, offset=quote.start, kind=quote.kind, tokens=tokens
    )


def reference_segments(reference: Reference, tokens: Sequence[Token] | None = None) -> list[Segment]:
    """A primary-source statement's segments (offsets in its own text), sharing ``tokens`` when given."""
    return segments_of(reference.id, None, reference.speaker, reference.text, kind="reference", tokens=tokens)


def remark_order_key(members: Iterable[Segment]) -> tuple[int, str, int]:
    """Remarks are numbered by their first rendering: articles' by (article id,
    offset), then primary sources'."""
    return min((int(m.article is None), m.article or m.source, m.start) for m in members)


def canonical_of(members: Sequence[Segment]) -> Segment:
    """The rendering that gives a remark its canonical wording: a primary
    source's, or else the fullest rendering's."""
    return next((m for m in members if m.article is None), None) or max(
        members, key=lambda m: (m.content_count, -len(m.source), m.source, -m.start)
    )


def build_remark(
    remark_id: str,
    members: Sequence[Segment],
    canonical: str,
    speaker: tuple[str | None, tuple[str, ...], float],
) -> Remark:
    """A remark from its renderings, the text of :func:`canonical_of` them, and
    their :func:`~quoteprov.fidelity.remark_speaker`."""
    in_print_order = sorted(members, key=lambda m: (m.article or "", m.start))
    name, conflicts, _ = speaker
    return Remark(
        id=remark_id,
        speaker=name,
        canonical=canonical,
        quotes=tuple(dict.fromkeys(m.source for m in in_print_order)),
        conflicts=conflicts,
        spans=tuple(Span(source=m.source, start=m.start, end=m.end) for m in in_print_order),
    )


def source_text(segment: Segment, offset: int, text: str) -> str:
    """A segment's words as printed, from its source's text (a quote's, which
    starts at ``offset`` in its article, or a reference's, at 0)."""
    return text[segment.start - offset : segment.end - offset]


def printed_by(segments: Iterable[Segment]) -> dict[tuple[str, ...], frozenset[str]]:
    """For each wording, the articles (or references) that print it: the consensus
    a slip is judged against."""
    printed: dict[tuple[str, ...], set[str]] = {}
    for segment in segments:
        printed.setdefault(segment.keys, set()).add(segment.article or segment.source)
    return {keys: frozenset(sources) for keys, sources in printed.items()}


def with_fidelity(
    quote: Quote,
    parts: Iterable[tuple[Segment, Label]],
    *,
    by_label: Mapping[Label, Sequence[Segment]],
    speakers: Mapping[Label, tuple[str | None, tuple[str, ...], float]],
    remark_ids: Mapping[Label, str],
    full_tokens: Mapping[str, tuple[Token, ...]],
    support: Mapping[tuple[str, ...], frozenset[str]],
    config: Config,
) -> Quote:
    """``quote`` with the remarks its parts (segments with their remark labels) belong
    to and its fidelity; the mappings need hold only those remarks' entries."""
    ordered = sorted(parts, key=lambda part: part[0].start)
    fidelity = judge_quote(
        quote,
        parts=ordered,
        by_label=by_label,
        speakers=speakers,
        full_tokens=full_tokens,
        support=support,
        config=config,
    )
    ids = tuple(dict.fromkeys(remark_ids[label] for _, label in ordered))
    return attrs.evolve(quote, remarks=ids, fidelity=fidelity)


def summarize(
    article: Article, extraction: Extraction, judged: Sequence[tuple[Fidelity, int]]
) -> ArticleSummary:
    """An article's summary from its judged quotes' fidelity and length in words:
    its fidelity is their length-weighted mean score."""
    total = sum(w for _, w in judged)
    counts = Counter(f.verdict for f, _ in judged)
    return ArticleSummary(
        id=article.id,
        title=_title(article),
        source=article.source,
        fidelity=sum(f.score * w for f, w in judged) / total if total else None,
        counts=tuple(sorted(counts.items(), key=lambda kv: VERDICTS.index(kv[0]))),
        problems=extraction.problems,
    )


#: What judging a quote reads: the quotes, each one's parts, and the remarks' entries
#: :func:`with_fidelity` takes.
_JudgeState = tuple[
    Sequence[Quote],
    Mapping[str, Sequence[tuple[Segment, int]]],
    Mapping[int, Sequence[Segment]],
    Mapping[int, tuple[str | None, tuple[str, ...], float]],
    Mapping[int, str],
    Mapping[str, tuple[Token, ...]],
    Mapping[tuple[str, ...], frozenset[str]],
    Config,
]


def _judge_range(state: _JudgeState, lo: int, hi: int) -> list[Quote]:
    """Quotes lo..hi with their remarks and fidelity (as they are, if not judged)."""
    quotes, parts_of, by_label, speakers, remark_ids, full_tokens, support, config = state
    return [
        with_fidelity(
            q,
            parts_of[q.id],
            by_label=by_label,
            speakers=speakers,
            remark_ids=remark_ids,
            full_tokens=full_tokens,
            support=support,
            config=config,
        )
        if q.id in parts_of
        else q
        for q in quotes[lo:hi]
    ]


def track(
    articles: Sequence[Article],
    *,
    references: Sequence[Reference] = (),
    config: Config | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> Report:
    """Find the quotes of every article, group them into remarks, and judge each.

    Args:
        articles: the articles.
        references: primary-source statements; one that aligns with a quote is
            its reference, whatever the outlets print.
        config: options; ``Config()`` when omitted.
        progress: called with (stage, done, total) as the run goes on.
        jobs: how many cores to use (worker processes forked from this one, see
            :mod:`quoteprov.parallel`); the report is the same for any number.

    Returns:
        The report: articles with their fidelity (the length-weighted mean score
        of their judged quotes) and verdict counts, quotes with their remarks
        and fidelity (direct and partial quotes not nested in another), and the
        remarks with their speaker, canonical wording and renderings. Nothing in
        it depends on the order of ``articles``.

    >>> a = Article(id="a", text="“We will not raise taxes this year,” Maria Lopez said.")
    >>> b = Article(id="b", text="“We will raise taxes this year,” Maria Lopez said.")
    >>> report = track([a, b])
    >>> [(q.article, q.fidelity.verdict, q.fidelity.flags) for q in report.quotes]
    [('a', 'altered', ('negation',)), ('b', 'altered', ('negation',))]
    """
    cfg = config or Config()
    extractions = extract_articles(articles, config=cfg, progress=progress, jobs=jobs)
    quotes = [q for e in extractions for q in e.quotes]
    judged = [q for q in quotes if is_judged(q)]
    segments: list[Segment] = []
    full_tokens: dict[str, tuple[Token, ...]] = {}
    texts: dict[str, tuple[int, str]] = {}
    for q in judged:  # each text tokenized once, its segments sharing the tokens
        full_tokens[q.id] = tokenize(q.text, offset=q.start)
        segments.extend(quote_segments(q, full_tokens[q.id]))
        texts[q.id] = (q.start, q.text)
    for ref in references:
        full_tokens[ref.id] = tokenize(ref.text)
        segments.extend(reference_segments(ref, full_tokens[ref.id]))
        texts[ref.id] = (0, ref.text)
    if progress is not None:
        progress("remarks", 0, len(segments))
    clustering = cluster_segments(split_splices(segments, config=cfg, jobs=jobs), config=cfg, jobs=jobs)
    if progress is not None:
        progress("remarks", len(segments), len(segments))
    by_label: dict[int, list[Segment]] = {}
    parts_of: dict[str, list[tuple[Segment, int]]] = {}
    for segment, label in zip(clustering.segments, clustering.labels, strict=True):
        by_label.setdefault(label, []).append(segment)
        parts_of.setdefault(segment.source, []).append((segment, label))
    speakers = {label: remark_speaker(members) for label, members in by_label.items()}
    support = printed_by(clustering.segments)
    order = sorted(by_label, key=lambda label: remark_order_key(by_label[label]))
    remark_ids = {label: f"r{n + 1}" for n, label in enumerate(order)}
    remarks = []
    for label in order:
        canon = canonical_of(by_label[label])
        canonical = source_text(canon, *texts[canon.source])
        remarks.append(build_remark(remark_ids[label], by_label[label], canonical, speakers[label]))
    state = (quotes, parts_of, by_label, speakers, remark_ids, full_tokens, support, cfg)
    results = map_ranges(_judge_range, state, len(quotes), jobs=jobs)
    judged_in: dict[str, list[tuple[Fidelity, int]]] = {}
    for q in results:
        if q.fidelity is not None:  # exactly the quotes with parts
            # Each article's judged quotes, with their length in words as weight.
            judged_in.setdefault(q.article, []).append((q.fidelity, len(full_tokens[q.id])))
    summaries = tuple(
        summarize(article, extraction, judged_in.get(article.id, []))
        for article, extraction in zip(articles, extractions, strict=True)
    )
    return Report(articles=summaries, quotes=tuple(results), remarks=tuple(remarks))
