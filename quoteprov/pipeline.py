"""The whole pipeline over a pile of articles (the per-article stages are pure)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from quoteprov.align import Alignment, align, coverage
from quoteprov.attribute import attribute
from quoteprov.cluster import cluster_segments, split_splices
from quoteprov.config import Config
from quoteprov.extract import find_quotes
from quoteprov.fidelity import SEVERITY, Judgement, judge
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
from quoteprov.names import merge_speakers, same_person
from quoteprov.normalize import ELLIPSIS, Token, tokenize
from quoteprov.segment import Segment, segments_of

__all__ = ["extract_articles", "extraction_report", "track"]


def _title(article: Article) -> str | None:
    if article.title:
        return article.title
    first = article.text.strip().split("\n", 1)[0].strip()
    return first[:200] or None


def extract_articles(articles: Sequence[Article], *, config: Config | None = None) -> tuple[Extraction, ...]:
    """Find and attribute the quotes of every article, with speakers merged
    across the corpus ("Sergey Lavrov" in one outlet, "Sergei Lavrov" in
    another and "Lavrov" in a third are one speaker, shown by the fullest name).

    The result does not depend on the order of ``articles``.
    """
    extractions = []
    for article in articles:
        found = find_quotes(article.text, article_id=article.id, config=config)
        quotes = attribute(article.text, found.quotes, config=config)
        extractions.append(attrs.evolve(found, quotes=tuple(quotes)))
    merged = merge_speakers(q.speaker for e in extractions for q in e.quotes if q.speaker)

    def fullest(quote: Quote) -> Quote:
        return attrs.evolve(quote, speaker=merged[quote.speaker]) if quote.speaker else quote

    return tuple(attrs.evolve(e, quotes=tuple(fullest(q) for q in e.quotes)) for e in extractions)


def extraction_report(articles: Sequence[Article], *, config: Config | None = None) -> Report:
    """A report of the quotes of every article (no remarks or fidelity yet)."""
    extractions = extract_articles(articles, config=config)
    return Report(
        articles=tuple(
            ArticleSummary(id=a.id, title=_title(a), problems=e.problems)
            for a, e in zip(articles, extractions, strict=True)
        ),
        quotes=tuple(q for e in extractions for q in e.quotes),
    )


def _remark_speaker(segments: Sequence[Segment]) -> tuple[str | None, tuple[str, ...], float]:
    """The speaker a remark's renderings name most (a primary source counts ten),
    the other speakers named, and the winner's lead over the runner-up."""
    weights: dict[str, float] = {}
    for segment in segments:
        if segment.speaker:
            key = next((name for name in weights if same_person(name, segment.speaker)), segment.speaker)
            weights[key] = weights.get(key, 0.0) + (10.0 if segment.article is None else 1.0)
    if not weights:
        return None, (), 0.0
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    lead = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0.0)
    return ranked[0][0], tuple(name for name, _ in ranked[1:]), lead


def _contested(alignment: Alignment) -> list[tuple[int, int]]:
    """Where, in the reference's positions, a quote reads differently from it
    (an ellipsis marking a gap is no different reading)."""
    spans = []
    for op in alignment.inner_ops:
        quoted = alignment.quote[op.quote_start : op.quote_end]
        if op.tag != "equal" and not (quoted and all(t.key == ELLIPSIS for t in quoted)):
            spans.append((op.ref_start, op.ref_end))
    return spans


def _sides_with(candidate: Segment, member: Segment, spans: Sequence[tuple[int, int]]) -> bool | None:
    """Whether ``member`` reads as ``candidate`` does where the quote differs
    (None when it does not cover those words)."""
    alignment = align(candidate.tokens, member.tokens)
    lo, hi = alignment.ref_window
    if not all(lo <= a and b <= hi for a, b in spans):
        return None
    for a, b in spans:
        for op in alignment.inner_ops:
            touches = op.ref_start < b and op.ref_end > a if a < b else op.ref_start <= a <= op.ref_end
            if op.tag != "equal" and touches:
                return False
    return True


def _choose_reference(
    run: Sequence[Token],
    candidates: Sequence[Segment],
    members: Sequence[Segment],
    support: dict[tuple[str, ...], frozenset[str]],
    *,
    article: str,
) -> tuple[Segment | None, tuple[Segment, ...]]:
    """The closest rendering elsewhere, chosen as a fact-checker would.

    A primary source that aligns wins. Otherwise, where the quote reads
    differently from a rendering and most outlets read as that rendering does
    (two printing "can not" against four printing "can"), that rendering is the
    reference: the quote is the odd one out. Else the rendering that agrees
    with the quote and covers most of it (a twin, or the fuller text it was
    trimmed from), the wording most outlets print, then the most similar.

    Also returns the renderings whose different reading as many outlets share
    as the quote's: a tie the quote's flags must report.
    """
    scored = []
    for candidate in candidates:
        alignment = align(candidate.tokens, run)
        if alignment.matched_content == 0:
            continue
        share = coverage(alignment)
        band = 2 if share >= 0.8 else 1 if share >= 0.5 else 0
        total = len(run) + len(candidate.tokens)
        similarity = 2 * alignment.matched / total
        printers = len(support.get(candidate.keys, frozenset()))
        scored.append((candidate, alignment, band, printers, similarity))
    if not scored:
        return None, ()
    references = [item for item in scored if item[0].article is None]
    if references:
        return max(references, key=lambda item: (item[2], item[4], item[0].source))[0], ()
    ties: list[Segment] = []
    scored.sort(key=lambda item: (-item[4], item[0].source, item[0].start))
    ranked = []
    for candidate, alignment, band, printers, similarity in scored[:8]:
        spans = _contested(alignment)
        margin = 0
        if spans:
            votes, against = 0, 1  # the quote reads its own way
            seen = {article}
            for member in members:
                if member.article in seen or member.article is None:
                    continue
                side = _sides_with(candidate, member, spans)
                if side is not None:
                    seen.add(member.article)
                    votes, against = votes + side, against + (not side)
            margin = votes - against
        # Coverage first; then a reading most outlets share against the quote's;
        # then a rendering that agrees with the quote; then support, similarity.
        key = (band, int(margin > 0), margin, int(not spans), printers, similarity)
        ranked.append((key, candidate.source, candidate.start, candidate))
        if spans and margin == 0:
            ties.append(candidate)
    best = max(ranked, key=lambda item: (item[0], [-ord(c) for c in item[1]], -item[2]))
    return best[3], tuple(t for t in ties if t is not best[3])


def _spliced(
    quote: Quote,
    parts: Sequence[tuple[Segment, int]],
    by_label: dict[int, list[Segment]],
    full_tokens: dict[str, tuple[Token, ...]],
) -> bool:
    """Whether a sentence of the quote joins two remarks: cut at a splice into pieces
    of different remarks, or cut at an ellipsis into pieces that other articles
    render as different remarks when no one rendering holds the whole run."""
    tokens = full_tokens[quote.id]
    for a, la in parts:
        for b, lb in parts:
            if a is b or a.sentence != b.sentence or not a.cut or la == lb:
                continue
            if a.cut == "splice":
                return True
            if not all(any(s.article != quote.article for s in by_label[label]) for label in (la, lb)):
                continue  # a piece nobody else prints joins nothing
            lo = min(p.start for p, _ in parts if p.sentence == a.sentence)
            hi = max(p.end for p, _ in parts if p.sentence == a.sentence)
            run = tuple(t for t in tokens if lo <= t.start and t.end <= hi)
            # A rendering holding both runs holds each, so it is in one of their remarks.
            holders = sorted(
                {s.source for label in (la, lb) for s in by_label[label] if s.article != quote.article}
            )
            whole = any(coverage(align(full_tokens[source], run)) == 1.0 for source in holders)

            if not whole:
                return True
    return False


def _judge_quote(
    quote: Quote,
    *,
    parts: Sequence[tuple[Segment, int]],
    by_label: dict[int, list[Segment]],
    speakers: dict[int, tuple[str | None, tuple[str, ...], float]],
    by_source: dict[str, list[Segment]],
    full_tokens: dict[str, tuple[Token, ...]],
    support: dict[tuple[str, ...], frozenset[str]],
    config: Config,
) -> Fidelity:
    tokens = tokenize(quote.text, offset=quote.start)
    spliced = _spliced(quote, parts, by_label, full_tokens)
    # Pieces of one sentence in one remark are judged together, ellipses included.
    groups: dict[tuple[int, int], list[Segment]] = {}
    for segment, label in parts:
        groups.setdefault((segment.sentence, label), []).append(segment)
    judged: list[tuple[Judgement | None, int, Segment | None, int]] = []
    for (_, label), pieces in sorted(groups.items(), key=lambda item: item[1][0].start):
        lo, hi = min(p.start for p in pieces), max(p.end for p in pieces)
        run = tuple(t for t in tokens if lo <= t.start and t.end <= hi)
        candidates = [s for s in by_label[label] if s.article != quote.article]
        reference, ties = _choose_reference(run, candidates, by_label[label], support, article=quote.article)
        weight = sum(1 for t in run if t.key != ELLIPSIS)
        if reference is None:
            judged.append((None, weight, None, label))
            continue
        judgement = judge(
            reference.tokens,
            run,
            altered_coverage=config.altered_coverage,
            reference_is_fragment=reference.kind == "partial",
        )
        # A negation or a number that outlets split on evenly is flagged on both sides.
        contested = {
            flag
            for tie in ties
            for flag in judge(tie.tokens, run, altered_coverage=config.altered_coverage).flags
        }
        if contested - judgement.flags:
            judgement = attrs.evolve(judgement, flags=judgement.flags | contested)
        judged.append((judgement, weight, reference, label))
    supported = [(j, w, r, lab) for j, w, r, lab in judged if j is not None and r is not None]
    total_weight = sum(w for _, w, _, _ in judged) or 1
    if not supported or sum(w for _, w, _, _ in supported) < 0.5 * total_weight:
        return Fidelity(verdict="unsupported", score=0.0)  # nobody else reports most of it
    total = sum(w for _, w, _, _ in judged) or 1
    score = sum(j.score * w for j, w, _, _ in supported) / total
    flags = sorted(set().union(*(j.flags for j, _, _, _ in supported)))
    diff = tuple(op for j, _, _, _ in supported for op in j.diff)
    main = max(supported, key=lambda item: item[1])
    reference_id = main[2].source
    verdicts = [j.verdict for j, _, _, _ in supported]
    verdict = max(verdicts, key=SEVERITY.__getitem__)
    if len(supported) < len(judged):
        verdict = max(verdict, "altered", key=SEVERITY.__getitem__)  # adds words nobody else reports
    if verdict == "verbatim":
        # Every sentence verbatim, but the reference quote may hold more.
        sources = {r.source for _, _, r, _ in supported}
        used = {id(r) for _, _, r, _ in supported}
        if len(sources) > 1 or any(id(s) not in used for s in by_source[reference_id]):
            verdict = "trimmed"
    if spliced:
        return Fidelity(
            verdict="spliced", score=score / 2, reference=reference_id, flags=tuple(flags), diff=diff
        )
    remark_speaker, _, lead = speakers[main[3]]
    if quote.speaker and remark_speaker and lead > 0 and not same_person(quote.speaker, remark_speaker):
        return Fidelity(
            verdict="misattributed", score=score / 2, reference=reference_id, flags=tuple(flags), diff=diff
        )
    return Fidelity(verdict=verdict, score=score, reference=reference_id, flags=tuple(flags), diff=diff)


def track(
    articles: Sequence[Article], *, references: Sequence[Reference] = (), config: Config | None = None
) -> Report:
    """Find the quotes of every article, group them into remarks, and judge each.

    Args:
        articles: the articles.
        references: primary-source statements; one that aligns with a quote is
            its reference, whatever the outlets print.
        config: options; ``Config()`` when omitted.

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
    extractions = extract_articles(articles, config=cfg)
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
    clustering = cluster_segments(split_splices(segments, config=cfg), config=cfg)
    by_label: dict[int, list[Segment]] = {}
    by_source: dict[str, list[Segment]] = {}
    parts_of: dict[str, list[tuple[Segment, int]]] = {}
    for segment, label in zip(clustering.segments, clustering.labels, strict=True):
        by_label.setdefault(label, []).append(segment)
        by_source.setdefault(segment.source, []).append(segment)
        parts_of.setdefault(segment.source, []).append((segment, label))
    speakers = {label: _remark_speaker(members) for label, members in by_label.items()}
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

    remark_ids = {label: f"r{n + 1}" for n, label in enumerate(sorted(by_label, key=first))}
    remarks = []
    for label in sorted(by_label, key=first):
        members = by_label[label]
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
                quotes=tuple(
                    dict.fromkeys(m.source for m in sorted(members, key=lambda m: (m.article or "", m.start)))
                ),
                conflicts=conflicts,
                spans=tuple(
                    Span(source=m.source, start=m.start, end=m.end)
                    for m in sorted(members, key=lambda m: (m.article or "", m.start))
                ),
            )
        )
    results = []
    for q in quotes:
        parts = sorted(parts_of.get(q.id, []), key=lambda p: p[0].start)
        if not parts:
            results.append(q)
            continue
        fidelity = _judge_quote(
            q,
            parts=parts,
            by_label=by_label,
            speakers=speakers,
            by_source=by_source,
            full_tokens=full_tokens,
            support=support,
            config=cfg,
        )
        ids = tuple(dict.fromkeys(remark_ids[label] for _, label in parts))
        results.append(attrs.evolve(q, remarks=ids, fidelity=fidelity))
    summaries = []
    for article, extraction in zip(articles, extractions, strict=True):
        own = [q for q in results if q.article == article.id and q.fidelity is not None]
        weights = [(q.fidelity.score, len(tokenize(q.text))) for q in own if q.fidelity]
        total = sum(w for _, w in weights)
        counts: dict[str, int] = {}
        for q in own:
            if q.fidelity:
                counts[q.fidelity.verdict] = counts.get(q.fidelity.verdict, 0) + 1
        summaries.append(
            ArticleSummary(
                id=article.id,
                title=_title(article),
                fidelity=sum(s * w for s, w in weights) / total if total else None,
                counts=tuple(sorted(counts.items(), key=lambda kv: VERDICTS.index(kv[0]))),
                problems=extraction.problems,
            )
        )
    return Report(articles=tuple(summaries), quotes=tuple(results), remarks=tuple(remarks))
