"""Word-level alignment of a quote against a reference rendering.

The alignment is rapidfuzz's Indel (longest common subsequence) opcodes on the
two token-key lists, with each run of deletions and insertions between two
equal runs merged into one ``replace``. The part of the reference the quote
covers (its window) runs over the equal runs from the first to the last that
holds a content word: reference words outside it are context the quote left
out (a trim).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import cast

import attrs
from rapidfuzz.distance import Indel

from quoteprov.normalize import Token, content_count, content_prefix, is_content, is_negator, uncensor

__all__ = ["Alignment", "Op", "align", "coverage"]


@attrs.frozen
class Op:
    """One run of an alignment, in reference and quote token positions.

    ``tag`` is "equal", "replace", "delete" (reference words the quote lacks)
    or "insert" (quote words the reference lacks).
    """

    tag: str
    ref_start: int
    ref_end: int
    quote_start: int
    quote_end: int


#: An op while aligning: (tag, ref_start, ref_end, quote_start, quote_end), made an Op when asked for.
_Run = tuple[str, int, int, int, int]


@attrs.frozen(slots=False)
class Alignment:
    """The alignment of ``quote`` against ``reference`` (token sequences).

    Counting the matched words is all many callers need, so the ops and the
    windows are worked out from the rapidfuzz opcodes (``runs``) when first read
    (and kept: no slots, so that a cached property is a plain instance attribute).
    """

    reference: tuple[Token, ...]
    quote: tuple[Token, ...]
    runs: tuple[_Run, ...] = attrs.field(repr=False)  # rapidfuzz's opcodes, unmerged
    matched: int  # equal tokens
    matched_content: int  # equal content tokens
    # The first and last equal runs holding a content word (None: no such run).
    anchors: tuple[_Run, _Run] | None = attrs.field(repr=False)

    @functools.cached_property
    def _merged(self) -> list[_Run]:
        return _merge(self.runs)

    @functools.cached_property
    def ops(self) -> tuple[Op, ...]:
        """The runs of the alignment, with each run of deletions and insertions
        between two equal runs merged into one replace."""
        return tuple(Op(*op) for op in self._merged)

    @functools.cached_property
    def _windows(self) -> tuple[tuple[int, int], tuple[int, int]]:
        if self.anchors is None:
            return (0, 0), (0, 0)
        # The windows run over whole equal runs that hold a content word, and
        # over function-word runs just beyond them ("We will [not] accept"); a
        # stray "the" matched far away is not part of what the quote covers.
        ops, (head, tail) = self._merged, self.anchors
        first = _widen(ops, ops.index(head), -1, self.reference, self.quote)
        last = _widen(ops, ops.index(tail), 1, self.reference, self.quote)
        return (ops[first][1], ops[last][2]), (ops[first][3], ops[last][4])

    @property
    def ref_window(self) -> tuple[int, int]:
        """The reference span the quote covers."""
        return self._windows[0]

    @property
    def quote_window(self) -> tuple[int, int]:
        """The quote span matched against it."""
        return self._windows[1]

    @functools.cached_property
    def inner_ops(self) -> tuple[Op, ...]:
        """The ops inside the windows (what the quote changed, not what it left out);
        an equal run that reaches past a window's edge is clipped to it."""
        (rs, re_), (qs, qe) = self.ref_window, self.quote_window
        inner = []
        for op in self.ops:
            if op.tag == "equal":
                lo, hi = max(op.ref_start, rs), min(op.ref_end, re_)
                if lo < hi:
                    shift = op.quote_start - op.ref_start
                    inner.append(Op("equal", lo, hi, lo + shift, hi + shift))
            elif op.ref_start >= rs and op.ref_end <= re_ and op.quote_start >= qs and op.quote_end <= qe:
                inner.append(op)
        return tuple(inner)


def _merge(ops: Sequence[_Run]) -> list[_Run]:
    """Merge adjacent delete/insert runs into a replace."""
    merged: list[_Run] = []
    for op in ops:
        if merged and op[0] != "equal" and merged[-1][0] != "equal":
            last = merged.pop()
            merged.append(("replace", last[1], op[2], last[3], op[4]))
        else:
            merged.append(op)
    return [
        ("delete", *o[1:])
        if o[0] == "replace" and o[3] == o[4]
        else ("insert", *o[1:])
        if o[0] == "replace" and o[1] == o[2]
        else o
        for o in merged
    ]


def _widen(ops: Sequence[_Run], at: int, step: int, ref: Sequence[Token], quote: Sequence[Token]) -> int:
    """Extend a window edge at ``ops[at]`` over equal runs reached across gaps of at
    most two function words or negators ("We will [not] accept")."""
    while 0 <= at + step < len(ops):
        tag, ref_start, ref_end, quote_start, quote_end = ops[at + step]
        if tag == "equal":
            at += step
            continue
        gap = (*ref[ref_start:ref_end], *quote[quote_start:quote_end])
        slight = all(not is_content(t.key) or is_negator(t.key) for t in gap)
        small = ref_end - ref_start <= 2 and quote_end - quote_start <= 2
        beyond = at + 2 * step
        if small and slight and 0 <= beyond < len(ops) and ops[beyond][0] == "equal":
            at = beyond
            continue
        break
    return at


def align(reference: Sequence[Token], quote: Sequence[Token]) -> Alignment:
    """Align ``quote`` against ``reference`` word by word.

    >>> from quoteprov.normalize import tokenize
    >>> a = align(tokenize("strikes on the Islamic Republic of Iran"), tokenize("strikes on Iran"))
    >>> [(op.tag, op.ref_start, op.ref_end) for op in a.inner_ops]
    [('equal', 0, 2), ('delete', 2, 6), ('equal', 6, 7)]
    """
    ref, quo = tuple(reference), tuple(quote)
    ref_keys, quote_keys = [t.key for t in ref], [t.key for t in quo]
    # Content words in ref[:k], for each k: an equal run's count is a difference.
    inside = content_prefix(ref_keys)
    # A bowdlerised word matches the word it hides on the other side ("f***ing").
    for keys, others in ((ref_keys, quote_keys), (quote_keys, ref_keys)):
        if "*" in "".join(keys):  # (rare: skip the word-by-word look)
            for k, key in enumerate(keys):
                if "*" in key:
                    keys[k] = uncensor(key, others) or key
    # as_list() gives plain tuples (rapidfuzz's stubs say Opcode objects).
    runs = cast("list[_Run]", Indel.opcodes(ref_keys, quote_keys).as_list())
    matched = matched_content = 0
    head = tail = None
    for run in runs:
        if run[0] == "equal":
            ref_start, ref_end = run[1], run[2]
            matched += ref_end - ref_start
            content = inside[ref_end] - inside[ref_start]
            if content:
                matched_content += content
                tail = run
                head = head or run
    anchors = (head, tail) if head and tail else None
    return Alignment(ref, quo, tuple(runs), matched, matched_content, anchors)


def coverage(alignment: Alignment) -> float:
    """Share of the quote's content words found, in order, in the reference: a float in [0, 1]."""
    content = content_count(alignment.quote)
    return alignment.matched_content / content if content else 0.0
