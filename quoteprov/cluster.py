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
from quoteprov.names import same_person
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

    A splice is a sentence made of the head of one rendering and the tail of
    another: one match starts the sentence and the other ends it (a content
    word of slack at either end), each holds two content words or more,
    together they cover most of the sentence, one of the two renderings is
    left or entered mid-sentence, and no single rendering covers the junction.
    """
    tokens = segment.tokens
    content = _content_between(tokens, 0, len(tokens))
    regions: list[tuple[Alignment, Segment]] = []
    for other in others:
        alignment = align(other.tokens, tokens)
        if alignment.matched_content >= 2:
            regions.append((alignment, other))
    best: tuple[int, int] | None = None
    for head, h_seg in regions:
        if _content_between(tokens, 0, head.quote_window[0]) > 2:
            continue
        for tail, t_seg in regions:
            overlap = _content_between(tokens, tail.quote_window[0], head.quote_window[1])
            if overlap or tail.quote_window[1] <= head.quote_window[1] or t_seg is h_seg:
                continue  # the two may share function words ("tax will | will fill"), no more
            if _content_between(tokens, tail.quote_window[1], len(tokens)) > 1:
                continue
            if head.matched_content + tail.matched_content < 0.55 * content:
                continue
            head_left = _content_between(h_seg.tokens, head.ref_window[1], len(h_seg.tokens))
            tail_entered = _content_between(t_seg.tokens, 0, tail.ref_window[0])
            # Two sentences quoted apart elsewhere, run together into one here, are a splice too.
            sentences = h_seg.kind == t_seg.kind == "direct" and h_seg.source != t_seg.source
            if head_left < 1 and tail_entered < 2 and not sentences:
                continue
            cut = max(tail.quote_window[0], head.quote_window[1])
            spans = any(
                r.quote_window[0] < head.quote_window[1]
                and r.quote_window[1] > tail.quote_window[0]
                and r.matched_content > max(head.matched_content, tail.matched_content)
                for r, _ in regions
            )
            # ... nor one source that prints both parts (as neighbouring sentences, say).
            in_head = {o.source for r, o in regions if _within(r, head, tokens)}
            both = in_head & {o.source for r, o in regions if _within(r, tail, tokens)}
            if spans or both:
                continue
            score = head.matched_content + tail.matched_content
            if best is None or (score, -cut) > (best[0], -best[1]):  # ties: the earliest cut
                best = (score, cut)
    return best[1] if best else None


def _within(region: Alignment, part: Alignment, tokens: Sequence[Token]) -> bool:
    """Whether ``region`` matches two content words or more inside ``part``'s span of the quote."""
    lo, hi = (
        max(region.quote_window[0], part.quote_window[0]),
        min(region.quote_window[1], part.quote_window[1]),
    )
    return _content_between(tokens, lo, hi) >= 2 and region.matched_content >= 2


def split_splices(segments: Sequence[Segment], *, config: Config) -> list[Segment]:
    """Cut each sentence that fuses two renderings found in other articles."""
    index = Index([s.content_keys for s in segments], max_df=config.max_df)
    result: list[Segment] = []
    for position, segment in enumerate(segments):
        if segment.article is None or segment.cut:
            result.append(segment)
            continue
        others = sorted(
            (segments[k] for k in index.neighbours(position) if segments[k].article != segment.article),
            key=lambda other: (other.article or "", other.start, other.source),
        )
        cut = _splice_point(segment, others)
        if cut is None:
            result.append(segment)
            continue
        for piece in (segment.tokens[:cut], segment.tokens[cut:]):
            result.append(attrs.evolve(segment, tokens=piece, cut="splice"))
    return result


def _majority(speakers: Sequence[str | None]) -> str | None:
    """The speaker most of the renderings name (ties: the first in sort order)."""
    counts: dict[str, int] = {}
    for speaker in speakers:
        if speaker:
            key = next((k for k in counts if same_person(k, speaker)), speaker)
            counts[key] = counts.get(key, 0) + 1
    return min(counts, key=lambda k: (-counts[k], k)) if counts else None


def _speakers_agree(a: str | None, b: str | None) -> bool | None:
    """True or False when both speakers are known, None when either is not."""
    if a is None or b is None:
        return None
    return same_person(a, b)


def _measure(shorter: Segment, longer: Segment) -> tuple[float, float, int]:
    """(containment of the shorter in the longer, similarity, content words matched).

    The similarity is the mean of two Dice coefficients: of the words aligned in
    order, and of the content words shared in any order, so that a reordered
    paraphrase or a translation variant still links.
    """
    alignment = align(longer.tokens, shorter.tokens)
    content = shorter.content_count
    contain = alignment.matched_content / content if content else 0.0
    total = len(shorter.tokens) + len(longer.tokens)
    ordered = 2 * alignment.matched / total if total else 0.0
    a, b = shorter.content_keys, longer.content_keys
    shared = len(a & b)
    if shared < min(2, len(a), len(b)) or not shared:
        return contain, 0.0, alignment.matched_content  # function words alone link nothing
    bag = 2 * shared / (len(a) + len(b))
    return contain, (ordered + bag) / 2, alignment.matched_content


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
            agree = _speakers_agree(
                segment.speaker, _majority([ordered[m].speaker for m in members[labels[k]]])
            )
            # One word joins only its own speaker's remark; another speaker's
            # remark takes only the very same wording.
            # (a quoted term, or a run kept around an ellipsis, may be one word)
            term = segment.kind == "partial" or segment.cut == "ellipsis"
            whole_word = term and segment.content_count == 1 and contain == 1.0 and agree is True
            # "The same wording": all of it, four content words at least, most of the other's.
            same_wording = contain == 1.0 and matched >= 4 and matched >= 0.8 * ordered[k].content_count
            if (
                contain >= config.contain_threshold
                and (matched >= 2 or whole_word)
                and (agree is not False or same_wording)
            ):
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
            # Like words from another speaker are another remark, unless nearly the same words.
            others = _speakers_agree(segment.speaker, _majority([ordered[m].speaker for m in cores])) is False
            needed = max(config.link_threshold, 0.8) if others else config.link_threshold
            if average >= needed and (best is None or average > best[0]):
                best = (average, label)
        label = best[1] if best else len(members)
        members.setdefault(label, []).append(position)
        labels.append(label)
        core.append(True)
    return Clustering(tuple(ordered), tuple(labels), tuple(core))
