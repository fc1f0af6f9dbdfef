"""Normalisation, alignment and the index: properties and slow oracles."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st
from strategies import news_phrases

from quoteprov.align import align
from quoteprov.fidelity import judge
from quoteprov.index import Index
from quoteprov.normalize import is_content, normalize_text, tokenize


def _lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """The textbook dynamic programme: the oracle for rapidfuzz's Indel alignment."""
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0
        for j, y in enumerate(b, start=1):
            current = row[j]
            row[j] = previous + 1 if x == y else max(row[j], row[j - 1])
            previous = current
    return row[-1]


@given(text=st.text())
def test_token_offsets_round_trip(text: str) -> None:
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


@given(text=st.one_of(st.text(), news_phrases()))
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(text=news_phrases())
def test_normalize_ignores_marks_case_and_spacing(text: str) -> None:
    decorated = "“" + "  ".join(text.upper().split()) + ",”"
    assert normalize_text(decorated) == normalize_text(text.upper())
    assert normalize_text(decorated).casefold() == normalize_text(text).casefold()


@given(a=news_phrases(), b=news_phrases())
def test_alignment_matches_the_lcs_oracle(a: str, b: str) -> None:
    ref, quote = tokenize(a), tokenize(b)
    alignment = align(ref, quote)
    assert alignment.matched == _lcs_length([t.key for t in ref], [t.key for t in quote])


@given(a=news_phrases(), b=news_phrases())
def test_alignment_ops_tile_both_sequences(a: str, b: str) -> None:
    ref, quote = tokenize(a), tokenize(b)
    ops = align(ref, quote).ops
    assert [i for op in ops for i in range(op.ref_start, op.ref_end)] == list(range(len(ref)))
    assert [i for op in ops for i in range(op.quote_start, op.quote_end)] == list(range(len(quote)))


@given(a=news_phrases(), b=news_phrases())
def test_judge_scores_are_in_unit_interval(a: str, b: str) -> None:
    result = judge(tokenize(a), tokenize(b), altered_coverage=0.7)
    assert 0.0 <= result.score <= 1.0


@given(a=news_phrases().filter(lambda t: any(is_content(tok.key) for tok in tokenize(t))))
def test_a_run_against_itself_is_verbatim(a: str) -> None:
    """A run with a content word to anchor on (function words alone align to nothing)."""
    tokens = tokenize(a)
    result = judge(tokens, tokens, altered_coverage=0.7)
    assert result.verdict in ("verbatim", "elided")
    assert result.score == 1.0


@given(keys=st.lists(st.sets(st.sampled_from("abcdefghij"), max_size=5), max_size=30), cap=st.integers(1, 40))
def test_index_neighbours_match_the_brute_force_oracle(keys: list[set[str]], cap: int) -> None:
    index = Index(keys, max_df=cap)
    frequent = {k for k in set().union(*keys) if sum(k in ks for ks in keys) > cap} if keys else set()
    for unit, unit_keys in enumerate(keys):
        expected = []
        for other, other_keys in enumerate(keys):
            shared = len((unit_keys & other_keys) - frequent)
            # Two shared keys, or one for a unit with at most one indexed word.
            need = min(1 if len(ks - frequent) <= 1 else 2 for ks in (unit_keys, other_keys))
            if other != unit and shared and shared >= need:
                expected.append(other)
        assert index.neighbours(unit) == expected
