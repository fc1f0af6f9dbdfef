"""Judge a rendering against its reference: verdict, score, flags and diff.

The alignment pairs words by comparison key (so inflections and number words
line up); a pair whose folded words still differ ("taking" printed as "taken")
is a change. Against the part of the reference the quote covers:

* no change: **verbatim** if the quote covers the whole reference, else
  **trimmed**; **elided** if the only gaps are marked by an ellipsis;
* changes, with at least ``altered_coverage`` of the quote's content words
  found in order in the reference: **altered**; fewer: **paraphrased**.

Flags: ``negation`` when a negator is added, dropped, changed or hidden by an
ellipsis; ``number`` when a number is. The score is the share of aligned words
kept: kept / (kept + words changed on either side), gaps an ellipsis marks
excepted, so verbatim, trimmed and elided quotes score 1.0.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Final

import attrs

from quoteprov.align import Alignment, align
from quoteprov.models import DiffOp
from quoteprov.normalize import ELLIPSIS, Token, is_content, is_negator, is_number, uncensor

__all__ = ["SEVERITY", "Judgement", "judge"]

#: Verdicts from most to least faithful, for combining a quote's parts.
SEVERITY: Final = {"verbatim": 0, "trimmed": 1, "elided": 2, "altered": 3, "paraphrased": 4}


@attrs.frozen
class Judgement:
    """The verdict on one run of a quote against one reference run."""

    verdict: str
    score: float
    flags: frozenset[str]
    diff: tuple[DiffOp, ...]


def _surface(token: Token) -> str:
    """The word as compared for verdicts: folded, not stemmed (numbers by value)."""
    if is_number(token.key):
        return token.key
    decomposed = unicodedata.normalize("NFKD", token.text.casefold().replace("’", "'").replace(".", ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _runs(alignment: Alignment) -> list[tuple[str, tuple[Token, ...], tuple[Token, ...]]]:
    """The inner ops as (tag, reference tokens, quote tokens), equal runs split where
    the folded words differ."""
    ref, quote = alignment.reference, alignment.quote
    runs: list[tuple[str, tuple[Token, ...], tuple[Token, ...]]] = []
    for op in alignment.inner_ops:
        r, q = ref[op.ref_start : op.ref_end], quote[op.quote_start : op.quote_end]
        if op.tag != "equal":
            runs.append((op.tag, r, q))
            continue
        for rt, qt in zip(r, q, strict=True):
            a, b = _surface(rt), _surface(qt)
            same = a == b or uncensor(a, [b]) is not None or uncensor(b, [a]) is not None
            tag = "equal" if same else "replace"
            if runs and runs[-1][0] == tag:
                last = runs.pop()
                runs.append((tag, (*last[1], rt), (*last[2], qt)))
            else:
                runs.append((tag, (rt,), (qt,)))
    return runs


def _is_gap(quote_tokens: Sequence[Token]) -> bool:
    return bool(quote_tokens) and all(t.key == ELLIPSIS for t in quote_tokens)


def _flags(ref_tokens: Sequence[Token], quote_tokens: Sequence[Token]) -> set[str]:
    flags = set()
    ref_keys = [t.key for t in ref_tokens]
    quote_keys = [t.key for t in quote_tokens if t.key != ELLIPSIS]
    if sorted(k for k in ref_keys if is_negator(k)) != sorted(k for k in quote_keys if is_negator(k)):
        flags.add("negation")
    if sorted(k for k in ref_keys if is_number(k)) != sorted(k for k in quote_keys if is_number(k)):
        flags.add("number")
    return flags


def judge(
    reference: Sequence[Token],
    quote: Sequence[Token],
    *,
    altered_coverage: float,
    reference_is_fragment: bool = False,
) -> Judgement:
    """Judge ``quote`` against ``reference``.

    Args:
        reference: the reference run's tokens.
        quote: the quote run's tokens (ellipses included).
        altered_coverage: the least share of the quote's content words found in
            the reference for a changed quote to be "altered" rather than "paraphrased".
        reference_is_fragment: the reference is a fragment (a partial quote): the
            quote's words beyond it are not contradicted, only unconfirmed, so
            they do not count as changes.

    Returns:
        The verdict (verbatim, trimmed, elided, altered or paraphrased), a score
        in [0, 1], flags and the diff.

    >>> from quoteprov.normalize import tokenize
    >>> ref, quote = tokenize("We will not accept this deal"), tokenize("We will accept this")
    >>> j = judge(ref, quote, altered_coverage=0.7)
    >>> j.verdict, sorted(j.flags), round(j.score, 2)
    ('altered', ['negation'], 0.8)
    """
    alignment = align(reference, quote)
    runs = _runs(alignment)
    qs, qe = alignment.quote_window
    # Quote words outside the matched window were added by the quote.
    added_head = tuple(t for t in alignment.quote[:qs] if t.key != ELLIPSIS)
    added_tail = tuple(t for t in alignment.quote[qe:] if t.key != ELLIPSIS)
    rs, re_ = alignment.ref_window
    covers = rs == 0 and re_ == len(alignment.reference)
    if not (reference_is_fragment and covers):
        if added_head:
            runs.insert(0, ("insert", (), added_head))
        if added_tail:
            runs.append(("insert", (), added_tail))
    kept = changed = gaps = 0
    flags: set[str] = set()
    diff = []
    for tag, r, q in runs:
        if tag == "equal":
            kept += len(r)
        elif _is_gap(q):
            gaps += 1
            flags |= _flags(r, ())
        else:
            changed += len(r) + sum(1 for t in q if t.key != ELLIPSIS)
            flags |= _flags(r, q)
        diff.append(DiffOp(op=tag, reference=tuple(t.text for t in r), quote=tuple(t.text for t in q)))
    content = sum(1 for t in alignment.quote if is_content(t.key))
    coverage = alignment.matched_content / content if content else 0.0
    if reference_is_fragment and covers:
        coverage = 1.0  # judged on the fragment's words alone
    if changed == 0 and kept:
        verdict = "elided" if gaps else ("verbatim" if covers else "trimmed")
    else:
        verdict = "altered" if coverage >= altered_coverage else "paraphrased"
    score = kept / (kept + changed) if kept + changed else 0.0
    return Judgement(verdict, score, frozenset(flags), tuple(diff))
