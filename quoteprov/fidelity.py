"""Judge a rendering against its reference: verdict, score, flags and diff.

:func:`judge` compares two runs of words; :func:`judge_quote` judges a whole
quote in its remarks: it chooses each part's reference (the closest rendering
elsewhere, as a fact-checker would), detects splices, and combines the parts.

The alignment pairs words by comparison key (so inflections and number words
line up); a pair whose folded words still differ ("taking" printed as "taken")
is a change. Against the part of the reference the quote covers:

* no change: **verbatim** if the quote covers the whole reference, else
  **trimmed**; **elided** if the only gaps are marked by an ellipsis;
* changes, with at least ``altered_coverage`` of the quote's content words
  found in order in the reference, or a single content word changed:
  **altered**; otherwise **paraphrased**.

Flags: ``negation`` when a negator is added, dropped, changed or hidden by an
ellipsis; ``number`` when a number is. The score is the share of aligned words
kept: kept / (kept + words changed on either side), gaps an ellipsis marks
excepted, so verbatim, trimmed and elided quotes score 1.0.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Mapping, Sequence
from typing import Final, TypeVar

import attrs

from quoteprov.align import Alignment, align, coverage
from quoteprov.config import Config
from quoteprov.models import DiffOp, Fidelity, Quote
from quoteprov.names import same_person
from quoteprov.normalize import ELLIPSIS, Token, content_count, fold_word, is_negator, is_number
from quoteprov.segment import Segment

__all__ = ["SEVERITY", "Judgement", "judge", "judge_quote", "remark_speaker"]

#: A remark label: any hashable (an int in one run, (component, label) on Spark).
Label = TypeVar("Label", bound=Hashable)

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
    return _folded(token.text)


@functools.lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    """A word folded without its dots (words repeat: cached, as the keys are)."""
    return fold_word(word.replace(".", ""))


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
            # Keys matched; spellings that hide letters differently are one word (F**king, f***ing).
            same = a == b or "*" in a or "*" in b
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
    # Words beyond a fragment reference are unconfirmed, not changed, on a side where
    # the fragment itself ends; where it goes on, they stand in for its words.
    if added_head and (not reference_is_fragment or rs > 0):
        runs.insert(0, ("insert", (), added_head))
    if added_tail and (not reference_is_fragment or re_ < len(alignment.reference)):
        runs.append(("insert", (), added_tail))
    kept = changed = gaps = changed_content = 0
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
            changed_content += content_count(q)
            flags |= _flags(r, q)
        diff.append(DiffOp(op=tag, reference=tuple(t.text for t in r), quote=tuple(t.text for t in q)))
    content = content_count(alignment.quote)
    coverage = alignment.matched_content / content if content else 0.0
    if reference_is_fragment:
        # Judged on the words that face the fragment: beyond its own ends the quote is unconfirmed.
        lo = qs if rs == 0 else 0
        hi = qe if re_ == len(alignment.reference) else len(alignment.quote)
        facing = content_count(alignment.quote[lo:hi])
        coverage = alignment.matched_content / facing if facing else 0.0
    if changed == 0 and kept:
        verdict = "elided" if gaps else ("verbatim" if covers else "trimmed")
    else:
        # Altered: mostly the reference's words, or a single word changed (a short
        # fragment with one word swapped is an alteration, not a paraphrase).
        altered = coverage >= altered_coverage or changed_content <= 1
        verdict = "altered" if altered else "paraphrased"
    score = kept / (kept + changed) if kept + changed else 0.0
    return Judgement(verdict, score, frozenset(flags), tuple(diff))


def remark_speaker(segments: Sequence[Segment]) -> tuple[str | None, tuple[str, ...], float]:
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
    support: Mapping[tuple[str, ...], frozenset[str]],
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
    # An alignment depends on the words' keys alone, and many outlets print the same
    # wording: each wording is aligned once (against the run, and with each member).
    aligned: dict[tuple[str, ...], Alignment] = {}
    sides: dict[tuple[tuple[str, ...], tuple[str, ...]], bool | None] = {}
    scored = []
    for candidate in candidates:
        alignment = aligned.get(candidate.keys)
        if alignment is None:
            alignment = aligned[candidate.keys] = align(candidate.tokens, run)
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
                pair = (candidate.keys, member.keys)
                if pair not in sides:
                    sides[pair] = _sides_with(candidate, member, spans)
                side = sides[pair]
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
    parts: Sequence[tuple[Segment, Label]],
    by_label: Mapping[Label, Sequence[Segment]],
    full_tokens: Mapping[str, tuple[Token, ...]],
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


def judge_quote(
    quote: Quote,
    *,
    parts: Sequence[tuple[Segment, Label]],
    by_label: Mapping[Label, Sequence[Segment]],
    speakers: Mapping[Label, tuple[str | None, tuple[str, ...], float]],
    full_tokens: Mapping[str, tuple[Token, ...]],
    support: Mapping[tuple[str, ...], frozenset[str]],
    config: Config,
) -> Fidelity:
    tokens = full_tokens[quote.id]
    spliced = _spliced(quote, parts, by_label, full_tokens)
    # Pieces of one sentence in one remark are judged together, ellipses included.
    groups: dict[tuple[int, Label], list[Segment]] = {}
    for segment, label in parts:
        groups.setdefault((segment.sentence, label), []).append(segment)
    judged: list[tuple[Judgement | None, int, Segment | None, Label]] = []
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
