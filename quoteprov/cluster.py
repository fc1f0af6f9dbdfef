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

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, Protocol, TypeVar

import attrs
from rapidfuzz.distance import Indel

from quoteprov.align import Alignment, align
from quoteprov.config import Config
from quoteprov.index import Index, frequent_keys
from quoteprov.names import same_person
from quoteprov.normalize import content_count, content_prefix
from quoteprov.parallel import imap_ranges, map_ranges
from quoteprov.segment import Segment

__all__ = [
    "Clustering",
    "Rankable",
    "canonical_order",
    "cluster_segments",
    "needs_partners",
    "splice_partners",
    "splice_pieces",
    "split_splices",
    "strong_link",
]

#: A sentence is checked for a splice against at most this many renderings.
_SPLICE_PARTNERS: Final = 16

#: Average linkage compares a segment with at most this many of a remark's core renderings.
_LINK_SAMPLE: Final = 10

#: For a segment's position, the positions of the segments worth comparing with it.
Neighbours = Callable[[int], Sequence[int]]


@attrs.frozen
class Clustering:
    """Segments (in a canonical order), the remark each belongs to, and whether
    it joined as a full rendering (core) or as a fragment of one."""

    segments: tuple[Segment, ...]
    labels: tuple[int, ...]
    core: tuple[bool, ...]


def canonical_order(segment: Segment) -> tuple[int, tuple[str, ...], str, int, str]:
    """The order segments are clustered in, and a remark lists its members in:
    longest first, ties broken by content, never by input order."""
    return (-segment.content_count, segment.keys, segment.article or "", segment.start, segment.source)


def _splice_point(segment: Segment, others: Sequence[Segment]) -> int | None:
    """Where ``segment`` fuses two renderings found elsewhere, if it does.

    A splice is a sentence made of the head of one rendering and the tail of
    another: one match starts the sentence and the other ends it (a content
    word of slack at either end), each holds two content words or more,
    together they cover most of the sentence, one of the two renderings is
    left or entered mid-sentence, and no single rendering covers the junction.
    """
    tokens = segment.tokens
    inside = content_prefix(segment.keys)
    content = inside[-1]
    if content < 4:
        return None  # two parts of two content words each, at least
    regions: list[tuple[Alignment, Segment]] = []
    keys = segment.content_keys
    # Likeliest to cover the whole sentence first (the cut does not depend on the order).
    for other in sorted(others, key=lambda other: -len(keys & other.content_keys)):
        alignment = align(other.tokens, tokens)
        if alignment.matched_content >= content:
            # One rendering holds every content word: it spans any junction, with more
            # matched than either part, so _cut would find none.
            return None
        if alignment.matched_content >= 2:
            regions.append((alignment, other))
    return _cut(inside, regions)


def _cut(inside: Sequence[int], regions: Sequence[tuple[Alignment, Segment]]) -> int | None:
    """The splice point among the matches (``regions``) of a sentence whose
    content-word prefix counts are ``inside``, if there is one (see :func:`_splice_point`)."""
    content = inside[-1]
    heads = [r for r in regions if inside[r[0].quote_window[0]] <= 2]
    tails = [r for r in regions if content - inside[r[0].quote_window[1]] <= 1]
    if not heads or not tails:
        return None

    def sources_within(part: Alignment) -> set[str]:
        """Sources matching two content words or more inside ``part``'s span of the quote."""
        found = set()
        for region, other in regions:
            lo = max(region.quote_window[0], part.quote_window[0])
            hi = min(region.quote_window[1], part.quote_window[1])
            if hi > lo and inside[hi] - inside[lo] >= 2:
                found.add(other.source)
        return found

    within: dict[int, set[str]] = {}
    best: tuple[int, int] | None = None
    for head, h_seg in heads:
        for tail, t_seg in tails:
            he = head.quote_window[1]
            ts, te = tail.quote_window
            if t_seg is h_seg or te <= he or (he > ts and inside[he] - inside[ts]):
                continue  # the two may share function words ("tax will | will fill"), no more
            if head.matched_content + tail.matched_content < 0.55 * content:
                continue
            head_left = content_count(h_seg.tokens[head.ref_window[1] :])
            tail_entered = content_count(t_seg.tokens[: tail.ref_window[0]])
            # Two sentences quoted apart elsewhere, run together into one here, are a splice too.
            sentences = h_seg.kind == t_seg.kind == "direct" and h_seg.source != t_seg.source
            if head_left < 1 and tail_entered < 2 and not sentences:
                continue
            spans = any(
                r.quote_window[0] < he
                and r.quote_window[1] > ts
                and r.matched_content > max(head.matched_content, tail.matched_content)
                for r, _ in regions
            )
            if spans:
                continue
            # ... nor one source that prints both parts (as neighbouring sentences, say).
            for part in (head, tail):
                if id(part) not in within:
                    within[id(part)] = sources_within(part)
            if within[id(head)] & within[id(tail)]:
                continue
            cut = max(ts, he)
            score = head.matched_content + tail.matched_content
            if best is None or (score, -cut) > (best[0], -best[1]):  # ties: the earliest cut
                best = (score, cut)
    return best[1] if best else None


def needs_partners(segment: Segment) -> bool:
    """Whether ``segment`` can be a splice at all: a whole sentence of an article
    with two parts of two content words each (see :func:`_splice_point`)."""
    return segment.article is not None and not segment.cut and segment.content_count >= 4


class Rankable(Protocol):
    """What choosing splice partners reads of a rendering (a :class:`Segment`, or a
    lighter record of the same fields, as :mod:`quoteprov.spark` ships)."""

    @property
    def article(self) -> str | None: ...
    @property
    def start(self) -> int: ...
    @property
    def source(self) -> str: ...
    @property
    def content_keys(self) -> frozenset[str]: ...


_R = TypeVar("_R", bound=Rankable)


def splice_partners(segment: Rankable, candidates: Iterable[_R]) -> list[_R]:
    """The renderings of other articles among ``candidates`` sharing most content
    words with ``segment`` (at most _SPLICE_PARTNERS): the first of a stable sort
    by (-shared, article, start, source), in order of (article, start, source)."""
    keys = segment.content_keys
    pool = [other for other in candidates if other.article != segment.article]
    shared = [len(keys & other.content_keys) for other in pool]
    # Those sharing fewer words than the 16th most cannot be among them.
    least = sorted(shared, reverse=True)[_SPLICE_PARTNERS - 1] if len(pool) > _SPLICE_PARTNERS else 0
    ranked = [
        (-n, other.article or "", other.start, other.source, k)
        for k, (other, n) in enumerate(zip(pool, shared, strict=True))
        if n >= least
    ]
    nearest = [pool[item[-1]] for item in heapq.nsmallest(_SPLICE_PARTNERS, ranked)]
    return sorted(nearest, key=lambda other: (other.article or "", other.start, other.source))


def _cut_in_two(segment: Segment, cut: int | None) -> list[Segment]:
    if cut is None:
        return [segment]
    return [
        attrs.evolve(segment, tokens=piece, cut="splice")
        for piece in (segment.tokens[:cut], segment.tokens[cut:])
    ]


def _splice_cut(segment: Segment, candidates: Iterable[Segment]) -> int | None:
    """Where ``segment`` fuses two renderings among ``candidates``, or None
    (see :func:`splice_pieces`)."""
    if not needs_partners(segment):
        return None
    return _splice_point(segment, splice_partners(segment, candidates))


def splice_pieces(segment: Segment, candidates: Iterable[Segment]) -> list[Segment]:
    """``segment``, cut in two where it fuses two renderings among ``candidates``
    (its index neighbours; those of its own article are passed over), or alone.
    Only its :func:`splice_partners` are compared with it."""
    return _cut_in_two(segment, _splice_cut(segment, candidates))


def _cuts_range(state: tuple[Sequence[Segment], Index], lo: int, hi: int) -> list[int | None]:
    """Where each segment lo..hi is cut as a splice (None: it is not): positions
    travel back from the workers lighter than segments. A segment that cannot be
    a splice is not looked up in the index."""
    segments, index = state
    return [
        _splice_cut(segments[p], (segments[k] for k in index.neighbours(p)))
        if needs_partners(segments[p])
        else None
        for p in range(lo, hi)
    ]


def split_splices(
    segments: Sequence[Segment], *, config: Config, excluded: frozenset[str] | None = None, jobs: int = 1
) -> list[Segment]:
    """Cut each sentence that fuses two renderings found in other articles, on
    ``jobs`` cores (each sentence is checked on its own).

    ``excluded`` are the keys too frequent to index (see :func:`quoteprov.index.frequent_keys`);
    by default those of ``segments`` themselves.
    """
    index = Index([s.index_keys for s in segments], max_df=config.max_df, excluded=excluded)
    cuts = map_ranges(_cuts_range, (segments, index), len(segments), jobs=jobs)
    return [piece for segment, cut in zip(segments, cuts, strict=True) for piece in _cut_in_two(segment, cut)]


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


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (rapidfuzz's Indel similarity is
    len(a) + len(b) - distance, that is twice it)."""
    return int(Indel.similarity(a, b)) // 2


def _similarity(a: Segment, b: Segment) -> float:
    """The mean of two Dice coefficients: of all words aligned in order (their
    longest common subsequence, from rapidfuzz), and of the content words
    shared in any order, so that a reordered paraphrase or a translation
    variant still links. Function words alone link nothing: below two shared
    content words (one, for a one-word segment) the similarity is 0."""
    ka, kb = a.content_keys, b.content_keys
    shared = len(ka & kb)
    if shared < min(2, len(ka), len(kb)) or not shared:
        return 0.0
    total = len(a.keys) + len(b.keys)
    ordered = 2 * _lcs(a.keys, b.keys) / total
    return (ordered + 2 * shared / (len(ka) + len(kb))) / 2


def _containment(shorter: Segment, longer: Segment, threshold: float) -> tuple[float, int] | None:
    """(share of the shorter's content words found in order in the longer, how many),
    or None when that share cannot reach ``threshold``: the common subsequence of
    the content words alone bounds it and is cheap; the alignment is not."""
    count = shorter.content_count
    if not count:
        return None
    bound = _lcs(shorter.content, longer.content)
    if bound / count < threshold and not (count == 1 and bound == 1):
        return None
    matched = align(longer.tokens, shorter.tokens).matched_content
    return matched / count, matched


def _fragment_link(shorter: Segment, longer: Segment, config: Config) -> bool:
    measured = _containment(shorter, longer, config.contain_threshold)
    if measured is None:
        return False
    contain, matched = measured
    return contain >= config.contain_threshold and (matched >= 2 or shorter.content_count == 1)


def _lone_common_word(segment: Segment, excluded: frozenset[str]) -> bool:
    """A one-word segment whose word is boilerplate: no evidence of any remark."""
    return segment.content_count == 1 and segment.content[0] in excluded


def _may_link(a: Segment, b: Segment, config: Config) -> bool:
    """False when lengths and the number of shared content words alone show that
    ``a`` and ``b`` are neither similar enough nor a fragment one of the other:
    upper bounds of :func:`_similarity` and :func:`_containment`, with no alignment.

    The words aligned in order are function words matched with function words
    (at most the fewer of either side's) and content words of a shared key (at
    most the shared keys plus that side's repeated content words), save that a
    bowdlerised word ("f***ing") aligns with the word it hides.
    """
    if not (config.link_threshold and config.contain_threshold):
        return True  # (a zero threshold links any pair: nothing to bound)
    ka, kb = a.content_keys, b.content_keys
    shared = len(ka & kb)
    if not shared:
        return False
    ca, cb = len(a.content), len(b.content)
    ma, mb = min(ca, shared + ca - len(ka)), min(cb, shared + cb - len(kb))  # content words that can match
    if shared >= min(2, len(ka), len(kb)):
        la, lb = len(a.keys), len(b.keys)
        ordered = 2 * (min(la - ca, lb - cb) + min(ma, mb)) / (la + lb)
        if (ordered + 2 * shared / (len(ka) + len(kb))) / 2 >= config.link_threshold:
            return True
    if "*" in "".join(a.content) or "*" in "".join(b.content):
        return True  # a bowdlerised word aligns with the word it hides: not a shared key
    # A fragment: most of the shorter's content words matched, two at least (or its only one).
    return any(
        0 < count <= other and matchable / count >= config.contain_threshold and (matchable > 1 or count == 1)
        for count, other, matchable in ((ca, cb, ma), (cb, ca, mb))
    )


def strong_link(a: Segment, b: Segment, *, config: Config, excluded: frozenset[str] = frozenset()) -> bool:
    """Whether the clustering of one of ``a`` and ``b`` can depend on the other:
    one is a fragment of the other, or they are similar enough for one to join
    the other's remark. Remarks never reach across other pairs, so the connected
    components of these links are independent sub-problems (see
    :func:`cluster_segments`). A lone word too common to index (in ``excluded``)
    links nothing."""
    if not _may_link(a, b, config):
        return False  # (most candidate pairs: no alignment needed to tell)
    if _lone_common_word(a, excluded) or _lone_common_word(b, excluded):
        return False
    if _similarity(a, b) >= config.link_threshold:
        return True
    if a.content_count <= b.content_count and _fragment_link(a, b, config):
        return True
    return b.content_count <= a.content_count and _fragment_link(b, a, config)


#: A placed segment a segment is compared with: its position, how much of the
#: segment it contains (see :func:`_containment`), and their similarity when it was
#: needed for sure (None: computed when asked for).
_Compared = tuple[int, tuple[float, int] | None, float | None]


def _compare_range(
    state: tuple[Sequence[Segment], Neighbours, frozenset[str], Config], lo: int, hi: int
) -> list[list[_Compared]]:
    """For each position lo..hi, the already placed segments worth comparing with
    it, measured: the pair work of the clustering, which depends on no remark and
    so can run ahead of it (and on other cores). A similarity is measured where
    the clustering reads it whatever the remarks: for a containing segment (its
    rank), or for all when none contains the segment enough to be its remark."""
    ordered, neighbours, excluded, config = state
    compared: list[list[_Compared]] = []
    for position in range(lo, hi):
        segment = ordered[position]
        if _lone_common_word(segment, excluded):
            compared.append([])
            continue
        placed = [k for k in neighbours(position) if k < position]
        contained = [_containment(segment, ordered[k], config.contain_threshold) for k in placed]
        ranked = [c is not None and c[0] >= config.contain_threshold for c in contained]
        compared.append(
            [
                (k, c, _similarity(segment, ordered[k]) if rank or not any(ranked) else None)
                for k, c, rank in zip(placed, contained, ranked, strict=True)
            ]
        )
    return compared


def _similarity_to(
    k: int, segment: Segment, ordered: Sequence[Segment], known: Mapping[int, float | None]
) -> float:
    """The similarity of ``segment`` and ``ordered[k]``, measured already or now."""
    measured = known.get(k)
    return _similarity(segment, ordered[k]) if measured is None else measured


def cluster_segments(
    segments: Sequence[Segment],
    *,
    config: Config,
    neighbours: Neighbours | None = None,
    excluded: frozenset[str] | None = None,
    jobs: int = 1,
) -> Clustering:
    """Group segments into remarks.

    A segment's remark depends only on the segments it has a :func:`strong_link`
    with (and, through them, on their remarks), so clustering each connected
    component of those links on its own gives the same remarks as clustering
    the whole corpus: that is how :mod:`quoteprov.spark` divides the work.

    Args:
        segments: the segments of every rendering.
        config: thresholds (``contain_threshold``, ``link_threshold``, ``max_df``).
        neighbours: for a position in the canonical order, the positions worth
            comparing; the default is the content-word index. Passing every
            position gives the exhaustive clustering the index is checked against.
        excluded: keys the default index leaves out (by default those held by
            more than ``config.max_df`` of ``segments``); pass the corpus-wide
            set when ``segments`` are one component of a larger corpus.
        jobs: how many cores compare pairs of segments (the placing itself is
            sequential); the clustering is the same for any number.

    Returns:
        The segments in canonical order with their remark labels (0, 1, … in
        order of each remark's first segment).
    """
    ordered = sorted(segments, key=canonical_order)
    keys = [s.index_keys for s in ordered]
    if excluded is None:
        excluded = frequent_keys(keys, max_df=config.max_df)
    if neighbours is None:
        neighbours = Index(keys, max_df=config.max_df, excluded=excluded).neighbours
    labels: list[int] = []
    core: list[bool] = []
    members: dict[int, list[int]] = {}
    state = (ordered, neighbours, excluded, config)
    comparisons = (c for part in imap_ranges(_compare_range, state, len(ordered), jobs=jobs) for c in part)
    for position, (segment, compared) in enumerate(zip(ordered, comparisons, strict=True)):
        known = {k: similarity for k, _, similarity in compared}
        fragment_of: tuple[tuple[float, float, int], int] | None = None
        for k, measured, _ in compared:
            if measured is None:
                continue
            contain, matched = measured
            if contain < config.contain_threshold:
                continue  # (the test below needs it first)
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
                # Best containment, then similarity, then the earliest placed.
                rank = (contain, _similarity_to(k, segment, ordered, known), -k)
                if fragment_of is None or rank > fragment_of[0]:
                    fragment_of = (rank, k)
        if fragment_of is not None:
            labels.append(labels[fragment_of[1]])
            core.append(False)
            continue
        best: tuple[float, int] | None = None
        # Only a remark holding a rendering this similar can reach the needed average.
        similar = {
            labels[k]
            for k, _, _ in compared
            if _similarity_to(k, segment, ordered, known) >= config.link_threshold
        }
        for label in sorted(similar):
            cores = members[label][:_LINK_SAMPLE]  # the first core renderings, in canonical order
            average = sum(_similarity_to(m, segment, ordered, known) for m in cores) / len(cores)
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
