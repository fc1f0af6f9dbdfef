"""Oracles for the fast paths of candidate generation, alignment and splice checks.

Each fast path is compared with the slow, obvious version it replaces, kept
here: the index over every key (word pairs included) against pairs counted by
hand, the alignment built from attrs ops against the one built from tuples,
and the splice partners taken from a full sort against the bounded selection.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel
from strategies import news_phrases
from synthetic import generate

from quoteprov import Config, cluster, fidelity
from quoteprov import segment as segment_module
from quoteprov.align import Op, align
from quoteprov.index import Index, indexed
from quoteprov.normalize import Token, content_prefix, is_content, is_negator, tokenize, uncensor
from quoteprov.pipeline import extract_articles
from quoteprov.segment import Segment, segments_of

# --- the index: word pairs whose words are both indexed add no candidate ---------------------


def _unit_keys(words: Sequence[str]) -> frozenset[str]:
    """As Segment.index_keys: the words and each pair of neighbouring words."""
    return frozenset(words).union(f"{a} {b}" for a, b in itertools.pairwise(words))


@given(
    units=st.lists(st.lists(st.sampled_from("abcdefg"), max_size=6), max_size=25),
    cap=st.integers(1, 12),
)
def test_index_matches_pairs_counted_over_every_key(units: list[list[str]], cap: int) -> None:
    keys = [_unit_keys(words) for words in units]
    index = Index(keys, max_df=cap)
    excluded = index.excluded
    assert excluded == {k for k in set().union(*keys) if sum(k in ks for ks in keys) > cap}
    for unit, unit_keys in enumerate(keys):
        expected = []
        for other, other_keys in enumerate(keys):
            shared = len((unit_keys & other_keys) - excluded)  # every indexed key, pairs included
            # Two shared keys, or one for a unit with at most one indexed single word.
            words = [{k for k in ks - excluded if " " not in k} for ks in (unit_keys, other_keys)]
            wanted = min(1 if len(w) <= 1 else 2 for w in words)
            if other != unit and shared >= wanted:
                expected.append(other)
        assert index.neighbours(unit) == expected


@given(words=st.lists(st.sampled_from("abcd"), max_size=6), excluded=st.sets(st.sampled_from("abcd")))
def test_indexed_keeps_every_key_but_the_redundant_pairs(words: list[str], excluded: set[str]) -> None:
    keys = _unit_keys(words)
    kept = set(indexed(keys, frozenset(excluded)))
    for key in keys:
        parts = key.split(" ")
        redundant = len(set(parts)) == 2 and not set(parts) & excluded
        assert (key in kept) == (key not in excluded and not redundant)


# --- segments: each sentence tokenized on its own, the way before tokens were shared ----------

_SENTENCES = st.text(alphabet="aBcD1 .…!?,'’”»)[]*\n\u00a0", max_size=60)


def _plain_segments_of(source: str, text: str, offset: int) -> list[Segment]:
    result: list[Segment] = []
    start = 0
    bounds = [m.end() for m in segment_module._SENTENCE_BREAK.finditer(text)] + [len(text)]
    for number, end in enumerate(bounds):
        tokens = tokenize(text[start:end], offset=offset + start)
        start = end
        if not tokens:
            continue
        pieces = segment_module._split_at_ellipses(tokens)
        cut = "ellipsis" if len(pieces) > 1 else ""
        result.extend(Segment(source, "a", None, piece, number, cut) for piece in pieces)
    return result


@given(text=st.one_of(_SENTENCES, news_phrases()), offset=st.integers(0, 500))
@example(text="They said. U.S. Army … went [...] On. 3. 5 … Now", offset=7)
def test_segments_sharing_the_tokens_equal_sentences_tokenized_apart(text: str, offset: int) -> None:
    shared = segments_of("q", "a", None, text, offset=offset, tokens=tokenize(text, offset=offset))
    assert shared == segments_of("q", "a", None, text, offset=offset)
    assert shared == _plain_segments_of("q", text, offset)


@given(text=st.one_of(_SENTENCES, news_phrases()), offset=st.integers(0, 500))
def test_segments_pickled_as_their_given_fields_come_back_whole(text: str, offset: int) -> None:
    for segment in segments_of("q", "a", "Ann Lee", text, offset=offset, kind="partial"):
        back = pickle.loads(pickle.dumps(segment))
        assert back == segment
        assert (back.keys, back.content, back.content_keys) == (
            segment.keys,
            segment.content,
            segment.content_keys,
        )
        assert [(t.text, t.key, t.start, t.end) for t in back.tokens] == [
            (t.text, t.key, t.start, t.end) for t in segment.tokens
        ]


# --- alignment: the version that built an attrs Op for every rapidfuzz op ---------------------


def _plain_merge(ops: Sequence[Op]) -> list[Op]:
    merged: list[Op] = []
    for op in ops:
        if merged and op.tag != "equal" and merged[-1].tag != "equal":
            last = merged.pop()
            merged.append(Op("replace", last.ref_start, op.ref_end, last.quote_start, op.quote_end))
        else:
            merged.append(op)
    return [
        Op("delete", o.ref_start, o.ref_end, o.quote_start, o.quote_end)
        if o.tag == "replace" and o.quote_start == o.quote_end
        else Op("insert", o.ref_start, o.ref_end, o.quote_start, o.quote_end)
        if o.tag == "replace" and o.ref_start == o.ref_end
        else o
        for o in merged
    ]


def _plain_widen(ops: Sequence[Op], at: int, step: int, ref: Sequence[Token], quote: Sequence[Token]) -> int:
    while 0 <= at + step < len(ops):
        op = ops[at + step]
        if op.tag == "equal":
            at += step
            continue
        gap = (*ref[op.ref_start : op.ref_end], *quote[op.quote_start : op.quote_end])
        slight = all(not is_content(t.key) or is_negator(t.key) for t in gap)
        small = op.ref_end - op.ref_start <= 2 and op.quote_end - op.quote_start <= 2
        beyond = at + 2 * step
        if small and slight and 0 <= beyond < len(ops) and ops[beyond].tag == "equal":
            at = beyond
            continue
        break
    return at


#: What the plain alignment gives: tokens, ops, matched, matched content, windows.
_Window = tuple[int, int]
_Aligned = tuple[tuple[Token, ...], tuple[Token, ...], tuple[Op, ...], int, int, _Window, _Window]


def _plain_align(reference: Sequence[Token], quote: Sequence[Token]) -> _Aligned:
    ref, quo = tuple(reference), tuple(quote)
    ref_keys, quote_keys = [t.key for t in ref], [t.key for t in quo]
    for keys, others in ((ref_keys, quote_keys), (quote_keys, ref_keys)):
        for k, key in enumerate(keys):
            if "*" in key:
                keys[k] = uncensor(key, others) or key
    raw = [
        Op(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Indel.opcodes(ref_keys, quote_keys)
    ]
    ops = _plain_merge(raw)
    matched = sum(op.ref_end - op.ref_start for op in ops if op.tag == "equal")
    anchored = [
        (op, sum(1 for t in ref[op.ref_start : op.ref_end] if is_content(t.key)))
        for op in ops
        if op.tag == "equal"
    ]
    anchored = [(op, n) for op, n in anchored if n]
    matched_content = sum(n for _, n in anchored)
    if anchored:
        first = _plain_widen(ops, ops.index(anchored[0][0]), -1, ref, quo)
        last = _plain_widen(ops, ops.index(anchored[-1][0]), 1, ref, quo)
        ref_window = (ops[first].ref_start, ops[last].ref_end)
        quote_window = (ops[first].quote_start, ops[last].quote_end)
    else:
        ref_window, quote_window = (0, 0), (0, 0)
    return (ref, quo, tuple(ops), matched, matched_content, ref_window, quote_window)


_CENSORED = st.sampled_from(["b****y", "bloody", "p***k", "prick", "not", "never", "the", "we", "Iran"])
_PHRASES = st.one_of(news_phrases(), st.lists(_CENSORED, max_size=12).map(" ".join))


@given(a=_PHRASES, b=_PHRASES)
def test_alignment_equals_the_plain_version(a: str, b: str) -> None:
    ref, quote = tokenize(a), tokenize(b)
    aligned = align(ref, quote)
    seen = (aligned.reference, aligned.quote, aligned.ops, aligned.matched, aligned.matched_content)
    assert (*seen, aligned.ref_window, aligned.quote_window) == _plain_align(ref, quote)


# --- strong links: the length bound never turns a link away -----------------------------------

_WORDS = ["bloody", "tax", "Iran", "wall", "budget", "raise", "not", "the", "we", "will", "of", "…"]


@st.composite
def _renderings(draw: st.DrawFn) -> tuple[str, str]:
    """A phrase and another rendering of it: words dropped, bowdlerised, added."""
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10))
    kept = [w for w in words if draw(st.booleans())]
    other = [("b****y" if w == "bloody" and draw(st.booleans()) else w) for w in kept]
    at = draw(st.integers(0, len(other)))
    other[at:at] = draw(st.lists(st.sampled_from(_WORDS), max_size=3))
    return " ".join(words), " ".join(other)


def _plain_strong_link(a: Segment, b: Segment, config: Config) -> bool:
    """strong_link as first written: each measure computed, no bound first."""
    if cluster._similarity(a, b) >= config.link_threshold:
        return True
    if a.content_count <= b.content_count and cluster._fragment_link(a, b, config):
        return True
    return b.content_count <= a.content_count and cluster._fragment_link(b, a, config)


@settings(max_examples=600)
@given(
    pair=st.one_of(_renderings(), st.tuples(_PHRASES, _PHRASES)),
    link=st.sampled_from([0.0, 0.2, 0.4, 0.55, 0.7, 1.0]),
    contain=st.sampled_from([0.0, 0.5, 0.8, 1.0]),
)
@example(pair=("tax Iran wall budget", "tax Iran wall raise"), link=0.4, contain=0.8)  # similar, no fragment
@example(pair=("bloody tax wall", "b****y tax"), link=0.4, contain=0.8)  # a fragment only once uncensored
def test_strong_link_with_its_bound_equals_plain(pair: tuple[str, str], link: float, contain: float) -> None:
    a, b = pair
    config = Config(link_threshold=link, contain_threshold=contain)
    first, second = Segment("a", "x", None, tokenize(a), 0), Segment("b", "y", None, tokenize(b), 0)
    expected = _plain_strong_link(first, second, config)
    assert cluster.strong_link(first, second, config=config) == expected
    assert cluster.strong_link(second, first, config=config) == expected


# --- splice partners: the bounded selection against a full sort --------------------------------


def _plain_splice_pieces(segment: Segment, candidates: Sequence[Segment]) -> list[Segment]:
    if segment.article is None or segment.cut:
        return [segment]
    keys = segment.content_keys
    nearest = sorted(
        (other for other in candidates if other.article != segment.article),
        key=lambda other: (-len(keys & other.content_keys), other.article or "", other.start, other.source),
    )[:16]
    others = sorted(nearest, key=lambda other: (other.article or "", other.start, other.source))
    cut = cluster._splice_point(segment, others)
    if cut is None:
        return [segment]
    return [
        attrs.evolve(segment, tokens=piece, cut="splice")
        for piece in (segment.tokens[:cut], segment.tokens[cut:])
    ]


def _generated_segments(seed: int) -> list[Segment]:
    """The segments of a generated corpus's direct and partial quotes, as track cuts them."""
    corpus = generate(seed=seed, remarks=40, outlets=6)
    return [
        segment
        for extraction in extract_articles(corpus.articles, config=Config())
        for q in extraction.quotes
        if q.kind in ("direct", "partial") and q.parent is None
        for segment in segments_of(q.id, q.article, q.speaker, q.text, offset=q.start, kind=q.kind)
    ]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_splice_partners_equal_the_first_of_a_full_sort(seed: int) -> None:
    segments = _generated_segments(seed)
    assert len(segments) > 100
    cuts = 0
    for segment in segments:
        fast = cluster.splice_pieces(segment, segments)
        assert fast == _plain_splice_pieces(segment, segments)
        cuts += len(fast) > 1
    assert cuts  # the corpus holds splices, so the comparison covers the cutting path


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_splice_point_stopping_at_a_whole_match_equals_the_cut_over_every_match(seed: int) -> None:
    """_splice_point stops at a rendering holding every content word of the sentence;
    the cut over all the matches must agree (None: no junction is left uncovered)."""
    segments = _generated_segments(seed)
    stopped = cut = 0
    for segment in segments:
        if not cluster.needs_partners(segment):
            continue
        partners = cluster.splice_partners(segment, segments)
        inside = content_prefix(segment.keys)
        alignments = [(align(other.tokens, segment.tokens), other) for other in partners]
        regions = [(a, other) for a, other in alignments if a.matched_content >= 2]
        expected = cluster._cut(inside, regions)
        assert cluster._splice_point(segment, partners) == expected
        stopped += any(a.matched_content >= inside[-1] for a, _ in alignments)
        cut += expected is not None
    assert stopped > 20  # the early stop is exercised
    assert cut > 0  # and so are real cuts


# --- verdicts: each wording aligned once (alignments depend on the keys alone) ----------------


@given(reference=news_phrases(), quote=news_phrases(), member=news_phrases(), shift=st.integers(1, 400))
def test_alignments_depend_on_the_keys_alone(reference: str, quote: str, member: str, shift: int) -> None:
    """_choose_reference aligns each wording once and reuses it for renderings with
    the same keys: another rendering of them (other case, other offsets) must
    align the same way, against the quote and against any other member."""
    plain = Segment("a", "x", None, tokenize(reference), 0)
    other = Segment("b", "y", None, tokenize(reference.upper(), offset=shift), 0)
    assert plain.keys == other.keys
    run, third = tokenize(quote), Segment("c", "z", None, tokenize(member), 0)
    first, second = align(plain.tokens, run), align(other.tokens, run)
    assert (first.ops, first.matched, first.matched_content) == (
        second.ops,
        second.matched,
        second.matched_content,
    )
    assert (first.ref_window, first.quote_window) == (second.ref_window, second.quote_window)
    spans = fidelity._contested(first)
    assert spans == fidelity._contested(second)
    assert fidelity._sides_with(plain, third, spans) == fidelity._sides_with(other, third, spans)
