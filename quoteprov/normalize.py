"""Comparison keys: quote text folded for comparison, with offsets back to the source.

Two renderings of one remark differ in quote marks, case, accents, punctuation,
dashes, apostrophe style and white space; none of that counts. Each word becomes
a :class:`Token` holding its surface form, its offsets in the source, and a
comparison key: folded, with number words as digits ("four" -> "4") and a light
suffix stem ("taking", "taken" -> "tak"), so that translation variants and
inflections still align. Ellipses (…, ..., [...]) are tokens of their own: they
mark an elision.
"""

from __future__ import annotations

import functools
import itertools
import operator
import sys
import unicodedata
from collections.abc import Iterable
from typing import Final

import attrs
import regex

__all__ = [
    "ELLIPSIS",
    "NEGATORS",
    "NOT_CONTENT",
    "PROFANITIES",
    "STOPWORDS",
    "Token",
    "content_count",
    "content_prefix",
    "fold_word",
    "is_content",
    "is_negator",
    "is_number",
    "normalize_text",
    "strip_accents",
    "tokenize",
    "uncensor",
]

#: The key of an ellipsis token.
ELLIPSIS: Final = "…"

#: Words whose addition or removal flips a statement (DESIGN.md, flag ``negation``).
NEGATORS: Final = frozenset(
    ["not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "without", "cannot"]
)

#: Function words: they align, but do not make two renderings the same remark.
STOPWORDS: Final = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "him",
        "them",
        "us",
        "me",
        "there",
        "here",
        "so",
        "if",
        "then",
        "than",
        "too",
        "very",
        "just",
        "also",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "about",
        "into",
        "over",
        "after",
        "before",
        "up",
        "out",
    ]
)

_NUMBER_WORDS: Final = {
    w: str(n)
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}

#: A word (letters and digits, with inner apostrophes and abbreviation dots) or an ellipsis.
_TOKEN: Final = regex.compile(
    r"(?P<ellipsis>\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\.)"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[\p{L}\p{M}\p{N}]+(?:['’.][\p{L}\p{M}\p{N}]+|\*+[\p{L}\p{M}\p{N}]*)*)"
)
_SUFFIXES: Final = ("ingly", "ing", "edly", "ed", "en", "es", "ly", "s", "e")

#: Words newspapers print with asterisks ("f***ing"): a starred word takes the key
#: of the first one its letters fit, so that outlets' bowdlerised and plain
#: renderings align and share index keys.
PROFANITIES: Final = (  # noqa: SIM905 (a word list reads best as prose)
    "fucking fucker fucked fuck motherfucker motherfucking shit shitty bullshit bitch bastard "
    "asshole ass damn goddamn crap dick piss pissed pussy hell"
).split()


@attrs.frozen
class Token:
    """A word of a rendering: its surface form, offsets in the source, and comparison key."""

    text: str
    key: str
    start: int

    @property
    def end(self) -> int:
        """The offset after the word (derived, not stored: a million quotes hold many tokens)."""
        return self.start + len(self.text)

    def __reduce__(self) -> tuple[type[Token], tuple[str, str, int]]:
        # Pickled as its three values (the Spark engine ships many): smaller and
        # faster than attrs' field-by-field state.
        return Token, (self.text, self.key, self.start)


def strip_accents(text: str) -> str:
    """The text decomposed (NFKD) without its combining marks.

    >>> strip_accents("Calderón")
    'Calderon'
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold_word(word: str) -> str:
    """Case-fold, strip accents, one apostrophe: a word as compared, before stemming.

    >>> fold_word("Café’s")
    "cafe's"
    """
    return strip_accents(word.casefold().replace("’", "'"))


@functools.lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    folded = fold_word(word).replace(".", "")
    if folded in _NUMBER_WORDS:
        return _NUMBER_WORDS[folded]
    if folded.endswith(("'s", "'")):
        folded = folded[:-2] if folded.endswith("'s") else folded[:-1]
    if "*" in folded:
        folded = uncensor(folded, PROFANITIES) or folded
    if folded in STOPWORDS or folded in NEGATORS or "'" in folded or "*" in folded or folded.isdigit():
        return folded
    for _ in range(2):  # "timely" -> "time" -> "tim", as "time" -> "tim"
        for suffix in _SUFFIXES:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
                folded = folded[: -len(suffix)]
                break
    return folded


def tokenize(text: str, *, offset: int = 0) -> tuple[Token, ...]:
    """Split ``text`` into tokens; offsets are ``offset`` + positions in ``text``.

    >>> [t.key for t in tokenize("Israeli-American strikes … on the U.S.!")]
    ['israeli', 'american', 'strik', '…', 'on', 'the', 'us']
    >>> [t.key for t in tokenize("It could be four years")]
    ['it', 'could', 'be', '4', 'year']
    """
    tokens = []
    for m in _TOKEN.finditer(text):
        # A word's text is interned: the same word in a million quotes is one string.
        word = sys.intern(m.group())
        if m.group("ellipsis"):
            key = ELLIPSIS
        elif m.group("number"):
            key = word.replace(",", "")
        else:
            key = _key(word)
        tokens.append(Token(word, key, offset + m.start()))
    return tuple(tokens)


def normalize_text(text: str) -> str:
    """Fold ``text`` for comparison: case, accents, quote marks, apostrophe style,
    punctuation, dashes and white space do not count. Idempotent.

    >>> normalize_text("«Nobody — NOT ONE — is “thinking” about it…»")
    'nobody not one is thinking about it …'
    """
    # Fold the whole text first (compatibility forms, case, accents), then cut it
    # into words: cutting after folding is what makes the result a fixed point.
    folded = unicodedata.normalize("NFC", fold_word(unicodedata.normalize("NFKC", text)))
    words = []
    for m in _TOKEN.finditer(folded):
        if m.group("ellipsis"):
            words.append(ELLIPSIS)
        elif m.group("number"):
            words.append(m.group("number").replace(",", ""))
        else:
            words.append(m.group().replace(".", ""))
    return " ".join(words)


@functools.lru_cache(maxsize=1 << 12)
def _censor_pattern(word: str) -> regex.Pattern[str]:
    parts = regex.split(r"\*+", word)
    return regex.compile(".+".join(regex.escape(p) for p in parts))


def uncensor(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a bowdlerised word ("f***ing", "motherf**ker") stands for, if any.

    >>> uncensor("f***ing", ["that", "fucking", "wall"])
    'fucking'
    """
    if "*" not in word:
        return None
    pattern = _censor_pattern(word)
    return next((c for c in candidates if "*" not in c and pattern.fullmatch(c)), None)


def is_negator(key: str) -> bool:
    """True for not, no, never, …, and contractions ending in n't."""
    return key in NEGATORS or key.endswith("n't")


def is_number(key: str) -> bool:
    return key[:1].isdigit()


#: The keys that are not content words: the stopwords and the ellipsis.
NOT_CONTENT: Final = STOPWORDS | {ELLIPSIS}


def is_content(key: str) -> bool:
    """True for a key that can make two renderings the same remark."""
    return key not in NOT_CONTENT


def content_count(tokens: Iterable[Token]) -> int:
    """How many of ``tokens`` are content words."""
    return sum(1 for token in tokens if token.key not in NOT_CONTENT)


def content_prefix(keys: Iterable[str]) -> list[int]:
    """Prefix sums of content words: ``counts[b] - counts[a]`` are those in keys[a:b].

    >>> content_prefix(["we", "raise", "the", "tax"])
    [0, 0, 1, 1, 2]
    """
    return list(itertools.accumulate(map(operator.not_, map(NOT_CONTENT.__contains__, keys)), initial=0))
