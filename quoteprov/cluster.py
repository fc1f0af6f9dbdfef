"""Group segments into remarks, without chaining two remarks through a weak link.

Segments are taken longest first (ties broken by content, never by input
order). A segment whose content words are nearly all found, in order, in an
already placed segment is a fragment of it and joins that segment's remark:
it can never bridge two remarks, because it joins exactly one. Any other
segment joins the remark whose core renderings it matches best *on average*
(average linkage); a segment that matches one member well and the rest badly
starts a remark of its own. Before that, a sentence that fuses two remarks
(its head found in one rendering, its tail entering another mid-sentence) is
cut in two at the junction: that is what a splice looks like.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from quoteprov.align import Alignment, align
from quoteprov.config import Config
from quoteprov.index import Index
from quoteprov.normalize import Token, is_content
from quoteprov.segment import Segment

__all__ = ["Clustering", "cluster_segments", "split_splices"]

#: For a segment's position, the positions of the segments worth comparing with it.
Neighbours = Callable[[int], Sequence[int]]


@attrs.frozen
class Clustering:
    """Segments (in a canonical order), the remark each belongs to, and whether
    it joined as a full rendering (core) or as a fragment of one."""

    segments: tuple[Segment, ...]
    labels: tuple[int, ...]
    core: tuple[bool, ...]


def _order_key(segment: Segment) -> tuple[int, tuple[str, ...], str, int, str]:
    return (-segment.content_count, segment.keys, segment.article or "", segment.start, segment.source)


def _content_between(tokens: Sequence[Token], lo: int, hi: int) -> int:
    return sum(1 for t in tokens[lo:hi] if is_content(t.key))


def _splice_point(segment: Segment, others: Sequence[Segment]) -> int | None:
    """Where ``segment`` fuses two renderings found elsewhere, if it does.

    The head must match one rendering and the tail another, densely and in
    three content words each at least; one of them must be entered or left mid-sentence (content
    words of it before or after the matched run); and no single rendering may
    cover the junction.
    """
    regions: list[tuple[Alignment, Segment]] = []
    for other in others:
        alignment = align(other.tokens, segment.tokens)
        qs, qe = alignment.quote_window
        # A side of a splice is a dense match of three content words or more.
        if alignment.matched_content >= 3 and alignment.matched_content >= 0.6 * _content_between(
            segment.tokens, qs, qe
        ):
            regions.append((alignment, other))
    best: tuple[int, int] | None = None
    for first, a_seg in regions:
        for second, b_seg in regions:
            if first.quote_window[1] > second.quote_window[0]:
                continue
            a_left = _content_between(a_seg.tokens, first.ref_window[1], len(a_seg.tokens))
            b_entered = _content_between(b_seg.tokens, 0, second.ref_window[0])
            if a_left < 2 and b_entered < 2:
                continue
            cut = second.quote_window[0]
            if (
                _content_between(segment.tokens, 0, cut) < 2
                or _content_between(segment.tokens, cut, len(segment.tokens)) < 2
            ):
                continue
            spans = any(
                r.quote_window[0] < first.quote_window[1]
                and r.quote_window[1] > second.quote_window[0]
                and r.matched_content >= 4
                for r, _ in regions
            )
            if spans:
                continue
            score = first.matched_content + second.matched_content
            if best is None or score > best[0]:
                best = (score, cut)
    return best[1] if best else None


def split_splices(segments: Sequence[Segment], *, config: Config) -> list[Segment]:
    """Cut each sentence that fuses two renderings found in other articles."""
    index = Index([s.content_keys for s in segments], max_df=config.max_df)
    result: list[Segment] = []
    for position, segment in enumerate(segments):
        if segment.article is None or segment.cut:
            result.append(segment)
            continue
        others = [segments[k] for k in index.neighbours(position) if segments[k].article != segment.article]
        cut = _splice_point(segment, others)
        if cut is None:
            result.append(segment)
            continue
        for piece in (segment.tokens[:cut], segment.tokens[cut:]):
            result.append(attrs.evolve(segment, tokens=piece, cut="splice"))
    return result


def _measure(shorter: Segment, longer: Segment) -> tuple[float, float, int]:
    """(containment of the shorter in the longer, similarity, content words matched)."""
    alignment = align(longer.tokens, shorter.tokens)
    content = shorter.content_count
    contain = alignment.matched_content / content if content else 0.0
    total = len(shorter.tokens) + len(longer.tokens)
    return contain, (2 * alignment.matched / total if total else 0.0), alignment.matched_content


def cluster_segments(
    segments: Sequence[Segment], *, config: Config, neighbours: Neighbours | None = None
) -> Clustering:
    """Group segments into remarks.

    Args:
        segments: the segments of every rendering.
        config: thresholds (``contain_threshold``, ``link_threshold``, ``max_df``).
        neighbours: for a position in the canonical order, the positions worth
            comparing; the default is the content-word index. Passing every
            position gives the exhaustive clustering the index is checked against.

    Returns:
        The segments in canonical order with their remark labels (0, 1, … in
        order of each remark's first segment).
    """
    ordered = sorted(segments, key=_order_key)
    if neighbours is None:
        neighbours = Index([s.content_keys for s in ordered], max_df=config.max_df).neighbours
    labels: list[int] = []
    core: list[bool] = []
    members: dict[int, list[int]] = {}
    for position, segment in enumerate(ordered):
        placed = [k for k in neighbours(position) if k < position]
        fragment_of: tuple[tuple[float, float, int], int] | None = None
        for k in placed:
            contain, sim, matched = _measure(segment, ordered[k])
            whole_word = segment.content_count == 1 and contain == 1.0
            if contain >= config.contain_threshold and (matched >= 2 or whole_word):
                rank = (contain, sim, -k)  # best containment, then similarity, then the earliest placed
                if fragment_of is None or rank > fragment_of[0]:
                    fragment_of = (rank, k)
        if fragment_of is not None:
            labels.append(labels[fragment_of[1]])
            core.append(False)
            continue
        best: tuple[float, int] | None = None
        for label in sorted({labels[k] for k in placed}):
            cores = members[label]
            average = sum(_measure(segment, ordered[m])[1] for m in cores) / len(cores)
            if average >= config.link_threshold and (best is None or average > best[0]):
                best = (average, label)
        label = best[1] if best else len(members)
        members.setdefault(label, []).append(position)
        labels.append(label)
        core.append(True)
    return Clustering(tuple(ordered), tuple(labels), tuple(core))
