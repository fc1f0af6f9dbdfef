"""Word-level alignment of a quote against a reference rendering.

The alignment is rapidfuzz's Indel (longest common subsequence) opcodes on the
two token-key lists, with each run of deletions and insertions between two
equal runs merged into one ``replace``. The part of the reference the quote
covers (its window) runs over the equal runs from the first to the last that
holds a content word: reference words outside it are context the quote left
out (a trim).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from rapidfuzz.distance import Indel

from quoteprov.normalize import Token, is_content, is_negator, uncensor

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


@attrs.frozen
class Alignment:
    """The alignment of ``quote`` against ``reference`` (token sequences)."""

    reference: tuple[Token, ...]
    quote: tuple[Token, ...]
    ops: tuple[Op, ...]
    matched: int  # equal tokens
    matched_content: int  # equal content tokens
    ref_window: tuple[int, int]  # the reference span the quote covers
    quote_window: tuple[int, int]  # the quote span matched against it

    @property
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


def _merge(ops: Sequence[Op]) -> list[Op]:
    """Merge adjacent delete/insert runs into a replace."""
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


def _widen(ops: Sequence[Op], at: int, step: int, ref: Sequence[Token], quote: Sequence[Token]) -> int:
    """Extend a window edge at ``ops[at]`` over equal runs reached across gaps of at
    most two function words or negators ("We will [not] accept")."""
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


def align(reference: Sequence[Token], quote: Sequence[Token]) -> Alignment:
    """Align ``quote`` against ``reference`` word by word.

    >>> from quoteprov.normalize import tokenize
    >>> a = align(tokenize("strikes on the Islamic Republic of Iran"), tokenize("strikes on Iran"))
    >>> [(op.tag, op.ref_start, op.ref_end) for op in a.inner_ops]
    [('equal', 0, 2), ('delete', 2, 6), ('equal', 6, 7)]
    """
    ref, quo = tuple(reference), tuple(quote)
    ref_keys, quote_keys = [t.key for t in ref], [t.key for t in quo]
    # A bowdlerised word matches the word it hides on the other side ("f***ing").
    for keys, others in ((ref_keys, quote_keys), (quote_keys, ref_keys)):
        for k, key in enumerate(keys):
            if "*" in key:
                keys[k] = uncensor(key, others) or key
    raw = [
        Op(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Indel.opcodes(ref_keys, quote_keys)
    ]
    ops = _merge(raw)
    matched = sum(op.ref_end - op.ref_start for op in ops if op.tag == "equal")
    anchored = [
        (op, sum(1 for t in ref[op.ref_start : op.ref_end] if is_content(t.key)))
        for op in ops
        if op.tag == "equal"
    ]
    anchored = [(op, n) for op, n in anchored if n]
    matched_content = sum(n for _, n in anchored)
    if anchored:
        # The windows run over whole equal runs that hold a content word, and
        # over function-word runs just beyond them ("We will [not] accept"); a
        # stray "the" matched far away is not part of what the quote covers.
        first = _widen(ops, ops.index(anchored[0][0]), -1, ref, quo)
        last = _widen(ops, ops.index(anchored[-1][0]), 1, ref, quo)
        ref_window = (ops[first].ref_start, ops[last].ref_end)
        quote_window = (ops[first].quote_start, ops[last].quote_end)
    else:
        ref_window, quote_window = (0, 0), (0, 0)
    return Alignment(ref, quo, tuple(ops), matched, matched_content, ref_window, quote_window)


def coverage(alignment: Alignment) -> float:
    """Share of the quote's content words found, in order, in the reference: a float in [0, 1]."""
    content = sum(1 for t in alignment.quote if is_content(t.key))
    return alignment.matched_content / content if content else 0.0
