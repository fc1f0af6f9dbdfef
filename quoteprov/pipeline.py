"""The whole pipeline over a pile of articles (the per-article stages are pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import attrs

from quoteprov.attribute import attribute
from quoteprov.cluster import cluster_segments, split_splices
from quoteprov.config import Config
from quoteprov.extract import find_quotes
from quoteprov.fidelity import judge_quote, remark_speaker
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
from quoteprov.segment import Segment, segments_of

__all__ = ["Progress", "extract_articles", "extraction_report", "track"]


def _title(article: Article) -> str | None:
    if article.title:
        return article.title
    first = article.text.strip().split("\n", 1)[0].strip()
    return first[:200] or None


#: Receives (stage, done, total) as a run goes on: "extract" counts articles.
Progress = Callable[[str, int, int], None]


def extract_articles(
    articles: Sequence[Article], *, config: Config | None = None, progress: Progress | None = None
) -> tuple[Extraction, ...]:
    """Find and attribute the quotes of every article, with speakers merged
    across the corpus ("Sergey Lavrov" in one outlet, "Sergei Lavrov" in
    another and "Lavrov" in a third are one speaker, shown by the fullest name).

    The result does not depend on the order of ``articles``.
    """
    extractions = []
    for done, article in enumerate(articles, start=1):
        found = find_quotes(article.text, article_id=article.id, config=config)
        quotes = attribute(article.text, found.quotes, config=config)
        extractions.append(attrs.evolve(found, quotes=tuple(quotes)))
        if progress is not None:
            progress("extract", done, len(articles))
    merged = merge_speakers(q.speaker for e in extractions for q in e.quotes if q.speaker)

    def fullest(quote: Quote) -> Quote:
        return attrs.evolve(quote, speaker=merged[quote.speaker]) if quote.speaker else quote

    return tuple(attrs.evolve(e, quotes=tuple(fullest(q) for q in e.quotes)) for e in extractions)


def extraction_report(
    articles: Sequence[Article], *, config: Config | None = None, progress: Progress | None = None
) -> Report:
    """A report of the quotes of every article (no remarks or fidelity yet)."""
    extractions = extract_articles(articles, config=config, progress=progress)
    return Report(
        articles=tuple(
            ArticleSummary(id=a.id, title=_title(a), source=a.source, problems=e.problems)
            for a, e in zip(articles, extractions, strict=True)
        ),
        quotes=tuple(q for e in extractions for q in e.quotes),
    )


def track(
    articles: Sequence[Article],
    *,
    references: Sequence[Reference] = (),
    config: Config | None = None,
    progress: Progress | None = None,
) -> Report:
    """Find the quotes of every article, group them into remarks, and judge each.

    Args:
        articles: the articles.
        references: primary-source statements; one that aligns with a quote is
            its reference, whatever the outlets print.
        config: options; ``Config()`` when omitted.
        progress: called with (stage, done, total) as the run goes on.

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
    extractions = extract_articles(articles, config=cfg, progress=progress)
    quotes = [q for e in extractions for q in e.quotes]
    judged = [q for q in quotes if q.kind in ("direct", "partial") and q.parent is None]
    segments: list[Segment] = []
    full_tokens: dict[str, tuple[Token, ...]] = {}
    for q in judged:
        segments.extend(segments_of(q.id, q.article, q.speaker, q.text, offset=q.start, kind=q.kind))
        full_tokens[q.id] = tokenize(q.text, offset=q.start)
    for ref in references:
        segments.extend(segments_of(ref.id, None, ref.speaker, ref.text, kind="reference"))
        full_tokens[ref.id] = tokenize(ref.text)
    if progress is not None:
        progress("remarks", 0, len(segments))
    clustering = cluster_segments(split_splices(segments, config=cfg), config=cfg)
    if progress is not None:
        progress("remarks", len(segments), len(segments))
    by_label: dict[int, list[Segment]] = {}
    parts_of: dict[str, list[tuple[Segment, int]]] = {}
    for segment, label in zip(clustering.segments, clustering.labels, strict=True):
        by_label.setdefault(label, []).append(segment)
        parts_of.setdefault(segment.source, []).append((segment, label))
    speakers = {label: remark_speaker(members) for label, members in by_label.items()}
    # How many articles print each wording: the consensus a slip is judged against.
    printed: dict[tuple[str, ...], set[str]] = {}
    for segment in clustering.segments:
        printed.setdefault(segment.keys, set()).add(segment.article or segment.source)
    support = {keys: frozenset(articles) for keys, articles in printed.items()}

    texts = {a.id: a.text for a in articles}
    ref_texts = {r.id: r.text for r in references}

    # Remarks, numbered in order of their first rendering (article id, offset).
    def first(label: int) -> tuple[int, str, int]:
        members = by_label[label]
        return min((int(m.article is None), m.article or m.source, m.start) for m in members)

    order = sorted(by_label, key=first)
    remark_ids = {label: f"r{n + 1}" for n, label in enumerate(order)}
    remarks = []
    for label in order:
        members = by_label[label]
        in_print_order = sorted(members, key=lambda m: (m.article or "", m.start))
        canon = next((m for m in members if m.article is None), None) or max(
            members, key=lambda m: (m.content_count, -len(m.source), m.source, -m.start)
        )
        text = ref_texts[canon.source] if canon.article is None else texts[canon.article]
        speaker, conflicts, _ = speakers[label]
        remarks.append(
            Remark(
                id=remark_ids[label],
                speaker=speaker,
                canonical=text[canon.start : canon.end],
                quotes=tuple(dict.fromkeys(m.source for m in in_print_order)),
                conflicts=conflicts,
                spans=tuple(Span(source=m.source, start=m.start, end=m.end) for m in in_print_order),
            )
        )
    results = []
    for q in quotes:
        parts = sorted(parts_of.get(q.id, []), key=lambda p: p[0].start)
        if not parts:
            results.append(q)
            continue
        fidelity = judge_quote(
            q,
            parts=parts,
            by_label=by_label,
            speakers=speakers,
            full_tokens=full_tokens,
            support=support,
            config=cfg,
        )
        ids = tuple(dict.fromkeys(remark_ids[label] for _, label in parts))
        results.append(attrs.evolve(q, remarks=ids, fidelity=fidelity))
    # Each article's judged quotes, with their length in words as weight.
    judged_in: dict[str, list[tuple[Fidelity, int]]] = {}
    for q in results:
        if q.fidelity is not None:
            judged_in.setdefault(q.article, []).append((q.fidelity, len(full_tokens[q.id])))
    summaries = []
    for article, extraction in zip(articles, extractions, strict=True):
        own = judged_in.get(article.id, [])
        total = sum(w for _, w in own)
        counts = Counter(f.verdict for f, _ in own)
        summaries.append(
            ArticleSummary(
                id=article.id,
                title=_title(article),
                source=article.source,
                fidelity=sum(f.score * w for f, w in own) / total if total else None,
                counts=tuple(sorted(counts.items(), key=lambda kv: VERDICTS.index(kv[0]))),
                problems=extraction.problems,
            )
        )
    return Report(articles=tuple(summaries), quotes=tuple(results), remarks=tuple(remarks))
