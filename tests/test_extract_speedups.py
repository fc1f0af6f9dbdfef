"""Oracles for the fast paths of extraction and attribution.

Each fast path is compared with the slow, obvious version it replaces, kept
here: a whole-text scan with the plain name-chain regex against the scan of
the gaps between quotes with the factored one, the ’n’ regex pass
against the substring test that skips it, the word-by-word cue scan against the
search for cue verbs alone, and the role-phrase regex against its prefilter.
"""

from __future__ import annotations

import bisect

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import any_texts, mark_heavy_texts

import quoteprov
from quoteprov import attribute, extract, names
from quoteprov.context import mark_end, mark_start
from quoteprov.cues import CAPITALISED_STOPWORDS, NAME_PARTICLES

_PARTICLE = "|".join(sorted(NAME_PARTICLES))
_NAME_TOKEN = r"\p{Lu}[\p{L}\p{M}]*(?:-[\p{L}\p{M}]+)*(?:['’]\p{Lu}[\p{L}\p{M}]*)?\.?"
_LONE_STOPWORD = "|".join(
    sorted((w[:1].upper() + w[1:] for w in CAPITALISED_STOPWORDS), key=len, reverse=True)
)
#: The name-chain regex as first written: a flat stopword alternation tried at every word.
_PLAIN_NAME_CHAIN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\d.])"
    rf"(?!(?:{_LONE_STOPWORD})(?![\p{{L}}\p{{M}}'’\-])(?![ \u00a0](?:(?:{_PARTICLE})[ \u00a0])?\p{{Lu}}))"
    rf"(?:{_NAME_TOKEN})(?:[ \u00a0](?:(?:{_PARTICLE})[ \u00a0])?(?:{_NAME_TOKEN}))*"
)

#: Pieces of text that make name chains hard: capitalised stopwords alone and
#: before names, particles, initials, abbreviations, hyphens, apostrophes,
#: quotation marks and every white space a chain may or may not cross.
_PIECES = st.sampled_from(
    [
        *("The", "He", "She", "In", "No", "No.", "A", "An", "El", "Él", "Selon", "According", "Also"),
        *("Anna", "Berg", "Sergei", "Lavrov", "Mr.", "Dr", "U.S.", "J.", "K", "Van", "van", "de"),
        *("al", "O’Neil", "He-Man", "The-", "Jean-Luc", "ÉMILE", "Ангела", "ß", "saß"),
        *("said", "told", "the", "minister", "stated", "quipped", "dites", "So", "so", "Said", "SAID"),
        *("Foreign Minister", "the foreign minister", "le ministre", "professor", "profeſſor", "ſaid"),
        *(" ", " ", " ", "\u00a0", "\n", "\n\n", ".", ",", ":", "-", "’", "'", "5", "s"),
        *("“", "”", "‘", "«", "»", '"', "„", "「", "」", " ’n’ ", "'N’"),
    ]
)
_TEXTS = st.one_of(st.lists(_PIECES, max_size=60).map("".join), mark_heavy_texts(), any_texts())


def _quoted(text: str) -> list[tuple[int, int]]:
    top = [q for q in quoteprov.find_quotes(text).quotes if q.parent is None]
    return sorted((mark_start(text, q), mark_end(text, q)) for q in top)


def _slow_name_chains(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The whole-text scan, dropping chains that start in the last stretch opened before them."""
    starts = [s for s, _ in quoted]

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and quoted[k][0] <= pos < quoted[k][1]

    return [(m.start(), m.group()) for m in _PLAIN_NAME_CHAIN.finditer(text) if not inside(m.start())]


@settings(max_examples=600)
@given(_TEXTS)
@example("No. Smith said “The” The Hague")
@example("He’s “Anna” Berg. The “Lavrov”")
@example("x The'(Anna)' Berg")  # a mark right after a stopword: it must stay in view
def test_name_chains_between_quotes_match_the_whole_text_scan(text: str) -> None:
    quoted = _quoted(text)
    assert names._name_chains(text, quoted) == _slow_name_chains(text, quoted)


def _window(text: str, a: int, b: int) -> tuple[int, int]:
    lo = min(a, len(text))
    return lo, min(max(lo, b), len(text))


_ENDS = st.integers(0, 400)


@settings(max_examples=600)
@given(_TEXTS, _ENDS, _ENDS)
@example("x No. Smith The Hague", 2, 21)
@example("Anna The Berg", 0, 8)  # "The" cut short by the window's end
def test_factored_name_chain_regex_matches_the_plain_one(text: str, a: int, b: int) -> None:
    pos, endpos = _window(text, a, b)
    slow = [(m.start(), m.group()) for m in _PLAIN_NAME_CHAIN.finditer(text, pos, endpos)]
    assert [(m.start(), m.group()) for m in names._NAME_CHAIN.finditer(text, pos, endpos)] == slow


@settings(max_examples=300)
@given(_TEXTS)
def test_elision_pass_is_skipped_only_when_it_finds_nothing(text: str) -> None:
    if any(extract._N_ELISION.finditer(text)):
        assert any(pair in text for pair in extract._N_PAIRS)


@settings(max_examples=600)
@given(_TEXTS, _ENDS, _ENDS)
@example("said saidx quipped", 0, 400)  # a cue verb inside a longer word
@example("he quipped", 0, 7)  # a word cut by the window's end: "quip"
@example("ſaid streßed SAID", 0, 400)
def test_cue_words_found_one_by_one_match_the_word_scan(text: str, a: int, b: int) -> None:
    lo, hi = _window(text, a, b)
    slow = [
        (m.start(), m.group())
        for m in attribute._CUE_WORD.finditer(text, lo, hi)
        if m.group().casefold() in attribute._ALL_CUES
    ]
    assert attribute._cue_words(text, lo, hi) == slow


@settings(max_examples=600)
@given(_TEXTS, _ENDS, _ENDS)
@example("Then the profeſſor said", 0, 400)  # ſ matches s when case is ignored
@example("Russian Foreign MINISTER Lavrov", 0, 400)
def test_role_phrases_skip_only_stretches_without_one(text: str, a: int, b: int) -> None:
    lo, hi = _window(text, a, b)
    slow = [(m.start(), m.group()) for m in attribute._ROLE_NP.finditer(text, lo, hi)]
    assert [(m.start(), m.group()) for m in attribute._role_phrases(text, lo, hi)] == slow
