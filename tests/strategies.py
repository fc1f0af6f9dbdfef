"""Hypothesis strategies for the quoteprov test suite.

Two families:

* raw texts (arbitrary Unicode, mark-heavy alphabets, huge documents of stray
  marks) for the offset invariants, which must hold for *any* input;
* a small article model (:class:`Article`) built from plain and quoted
  sentences, which knows the content of every quote it renders and can be
  rendered with any quotation-mark style, so tests can compare renderings.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Final, Literal

import attrs
from hypothesis import strategies as st
from synthetic import SyntheticCorpus, generate

import quoteprov

__all__ = [
    "ALL_PAIR_STYLES",
    "APOSTROPHE_WORDS",
    "LOWER_WORDS",
    "MARK_CHARS",
    "NAMES",
    "OPENING_MARKS",
    "PAIR_STYLES",
    "SINGLE_PAIR_STYLES",
    "UPPER_WORDS",
    "Article",
    "Layout",
    "PairStyle",
    "Sentence",
    "any_texts",
    "apostrophe_insertions",
    "articles",
    "mark_heavy_texts",
    "news_phrases",
    "pair_styles",
    "quoted_paragraphs",
    "stray_mark_documents",
    "stray_paragraphs",
]

#: Every character the extractor may treat as a quotation mark (written out
#: here rather than imported, so the tests do not share the library's table).
MARK_CHARS: Final = "“”„‟‘’‚‛«»‹›「」『』\"'"

#: Marks that can open a quote when written before a word.
OPENING_MARKS: Final = "“„‘‚«»‹›「『\"'"

#: White space found next to marks, including the French padding spaces.
_SPACES: Final = " \u00a0\u202f\u2009\t\n"


# --------------------------------------------------------------------------- raw texts


def any_texts() -> st.SearchStrategy[str]:
    """Arbitrary Unicode text (surrogates excluded, as ``str`` from a file never has them)."""
    return st.text(st.characters(exclude_categories=("Cs",)))


def mark_heavy_texts(max_size: int = 200) -> st.SearchStrategy[str]:
    """Text where most characters are quotation marks, white space or punctuation."""
    alphabet = st.one_of(
        st.sampled_from(MARK_CHARS),
        st.sampled_from(_SPACES),
        st.sampled_from("aZé1.,;:!?—()-…\n"),
        st.sampled_from(["\n\n", "don’t", "’90s", " ’n’ ", "Anna Berg said", "s’ "]),
    )
    return st.lists(alphabet, max_size=max_size).map("".join)


def _mark_document(rnd: random.Random, marks: str, count: int) -> str:
    words = ("a", "we", "it", "no", "said", "Berg", "x.", "so,", "\n\n", "\n")
    parts: list[str] = []
    for _ in range(count):
        parts.append(rnd.choice(marks))
        if rnd.random() < 0.7:
            parts.append(rnd.choice((" ", "")))
            parts.append(rnd.choice(words))
            parts.append(rnd.choice((" ", "", " ")))
    return "".join(parts)


@st.composite
def stray_mark_documents(draw: st.DrawFn, count: int = 10**5) -> str:
    """A document of ``count`` quotation marks drawn at random, separated by short words.

    The bulk comes from a pseudo-random generator seeded by a drawn integer:
    drawing 10**5 elements through Hypothesis would exceed its input budget,
    and the seed still makes a failure reproducible.
    """
    marks = draw(st.sampled_from([MARK_CHARS, "“”", "‘’'", "«»‹›", "\"'", "„“‚‘「」『』"]))
    seed = draw(st.integers(0, 2**32 - 1))
    return _mark_document(random.Random(seed), marks, count)


# --------------------------------------------------------------------------- article model

#: Words for sentence bodies: no quotation marks, no apostrophes, no cue verbs,
#: pronouns, role nouns or source phrases, so the words cannot change attribution.
LOWER_WORDS: Final = (
    "we", "will", "build", "the", "bridge", "by", "spring", "road", "is", "open", "buses", "run",
    "late", "water", "prices", "fell", "again", "this", "year", "market", "rain", "trains", "good",
    "more", "town", "river", "every", "morning", "quiet", "green", "fields", "need", "money",
)  # fmt: skip
UPPER_WORDS: Final = ("Monday", "Berlin", "Harbour", "April", "Lisbon", "Oslo", "Rivertown")

#: Two-word capitalised names: the speakers.
NAMES: Final = ("Anna Berg", "Tom Hale", "Maria Lopez", "Karl Brandt", "Lina Gray", "Omar Reyes")

_SURNAMES: Final = tuple(name.split()[1] for name in NAMES)

#: Contractions and possessives: their marks are apostrophes, never quotation marks.
APOSTROPHE_WORDS: Final = (
    "don’t", "it’s", "won’t", "reporters’", "players’", "can't", "isn't", "it's", "reporters'",
    "rock ’n’ roll", "’90s", "O’Neil",
    *(f"{surname}’s" for surname in _SURNAMES),
    *(f"{surname}'s" for surname in _SURNAMES),
)  # fmt: skip


@attrs.frozen
class PairStyle:
    """An opening and a closing mark, with the padding written inside them."""

    name: str
    open: str
    close: str
    padding: str = ""

    def wrap(self, content: str) -> str:
        return f"{self.open}{self.padding}{content}{self.padding}{self.close}"


#: The pair styles of the property tests: one per common typesetting convention.
PAIR_STYLES: Final = (
    PairStyle("english", "“", "”"),
    PairStyle("french", "«", "»"),
    PairStyle("french_padded", "«", "»", "\u202f"),
    PairStyle("german", "„", "“"),
    PairStyle("corner", "「", "」"),
    PairStyle("single_guillemets", "‹", "›"),
    PairStyle("straight", '"', '"'),
)

#: Single-mark pairs, whose marks double as apostrophes.
SINGLE_PAIR_STYLES: Final = (
    PairStyle("english_single", "‘", "’"),
    PairStyle("straight_single", "'", "'"),
)

ALL_PAIR_STYLES: Final = PAIR_STYLES + SINGLE_PAIR_STYLES

Layout = Literal["plain", "cue_after", "cue_before"]


@attrs.frozen
class Sentence:
    """One sentence: plain words, or a quoted body with its speaker and cue layout.

    ``cue_after`` renders as ``“Body,” Name said.`` and ``cue_before`` as
    ``Name said: “Body.”``.
    """

    words: tuple[str, ...]
    layout: Layout = "plain"
    speaker: str | None = None

    @property
    def quoted(self) -> bool:
        return self.layout != "plain"

    def body(self) -> str:
        """The words as written: first letter capitalised, no final punctuation."""
        text = " ".join(self.words)
        return text[:1].upper() + text[1:]

    def content(self) -> str | None:
        """The quote's content as the extractor should report it, or None if not quoted."""
        if self.layout == "cue_after":
            return self.body() + ","
        if self.layout == "cue_before":
            return self.body() + "."
        return None

    def render(self, style: PairStyle) -> str:
        content = self.content()
        if content is None:
            return self.body() + "."
        if self.layout == "cue_after":
            return f"{style.wrap(content)} {self.speaker} said."
        return f"{self.speaker} said: {style.wrap(content)}"

    def insert(self, position: int, word: str) -> Sentence:
        """This sentence with ``word`` inserted before the word at ``position`` (wrapping)."""
        at = position % (len(self.words) + 1)
        return attrs.evolve(self, words=(*self.words[:at], word, *self.words[at:]))


@attrs.frozen
class Article:
    """Paragraphs of sentences, renderable with any pair style."""

    paragraphs: tuple[tuple[Sentence, ...], ...]

    def render(self, style: PairStyle) -> str:
        return "\n\n".join(" ".join(s.render(style) for s in paragraph) for paragraph in self.paragraphs)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for paragraph in self.paragraphs for s in paragraph]

    def contents(self) -> list[str]:
        """The content of every quote, in text order."""
        return [c for s in self.sentences if (c := s.content()) is not None]

    def speakers(self) -> list[str | None]:
        """The speaker of every quote, in text order."""
        return [s.speaker for s in self.sentences if s.quoted]

    def with_insertions(self, insertions: Sequence[tuple[int, int, str]], *, into_quotes: bool) -> Article:
        """Insert words: each ``(sentence, position, word)`` picks a sentence (wrapping).

        Only plain sentences are eligible unless ``into_quotes`` is true.
        """
        eligible = [(p, i) for p, para in enumerate(self.paragraphs) for i, s in enumerate(para)]
        if not into_quotes:
            eligible = [(p, i) for p, i in eligible if not self.paragraphs[p][i].quoted]
        paragraphs = [list(paragraph) for paragraph in self.paragraphs]
        if eligible:
            for which, position, word in insertions:
                p, i = eligible[which % len(eligible)]
                paragraphs[p][i] = paragraphs[p][i].insert(position, word)
        return Article(tuple(tuple(paragraph) for paragraph in paragraphs))


def _words(min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[tuple[str, ...]]:
    word = st.one_of(st.sampled_from(LOWER_WORDS), st.sampled_from(UPPER_WORDS))
    return st.lists(word, min_size=min_size, max_size=max_size).map(tuple)


def plain_sentences() -> st.SearchStrategy[Sentence]:
    return st.builds(Sentence, _words())


def quoted_sentences() -> st.SearchStrategy[Sentence]:
    return st.builds(
        Sentence,
        _words(),
        layout=st.sampled_from(("cue_after", "cue_before")),
        speaker=st.sampled_from(NAMES),
    )


def _paragraphs(min_size: int = 1) -> st.SearchStrategy[tuple[Sentence, ...]]:
    sentence = st.one_of(plain_sentences(), quoted_sentences())
    return st.lists(sentence, min_size=min_size, max_size=4).map(tuple)


def articles(max_paragraphs: int = 4) -> st.SearchStrategy[Article]:
    """Articles of one to ``max_paragraphs`` paragraphs of plain and quoted sentences."""
    return st.lists(_paragraphs(), min_size=1, max_size=max_paragraphs).map(lambda ps: Article(tuple(ps)))


def quoted_paragraphs() -> st.SearchStrategy[tuple[Sentence, ...]]:
    """A paragraph that starts with a plain sentence, followed by at least one quoted sentence.

    Starting with a plain sentence matters: a paragraph that *starts* with an
    opening mark legitimately continues a quote left open in the previous
    paragraph (news style), so it would not be a fair test of containment.
    """
    rest = st.lists(st.one_of(plain_sentences(), quoted_sentences()), max_size=3)
    return st.tuples(plain_sentences(), quoted_sentences(), rest).map(
        lambda t: (t[0], t[1], *t[2]),
    )


@st.composite
def stray_paragraphs(draw: st.DrawFn) -> str:
    """A paragraph of plain words with one opening mark before one of its words."""
    sentences = draw(st.lists(plain_sentences(), min_size=1, max_size=3))
    words = " ".join(s.render(PAIR_STYLES[0]) for s in sentences).split(" ")
    at = draw(st.integers(0, len(words) - 1))
    words[at] = draw(st.sampled_from(OPENING_MARKS)) + words[at]
    return " ".join(words)


def pair_styles(styles: Sequence[PairStyle] = PAIR_STYLES) -> st.SearchStrategy[PairStyle]:
    return st.sampled_from(styles)


def apostrophe_insertions() -> st.SearchStrategy[list[tuple[int, int, str]]]:
    """One to four ``(sentence, position, word)`` insertions of apostrophe words."""
    insertion = st.tuples(st.integers(0, 50), st.integers(0, 50), st.sampled_from(APOSTROPHE_WORDS))
    return st.lists(insertion, min_size=1, max_size=4)


# --------------------------------------------------------------------------- corpora for track()

#: Template vocabulary for remarks: no cue verbs, role nouns, organisation words,
#: pronouns that refer back, apostrophes or negators, so that the words of a
#: remark cannot change its attribution or its negation flags.
TEMPLATE_SUBJECTS: Final = ("We", "The town", "Our region", "The new road", "This plan", "The harbour")
TEMPLATE_VERBS: Final = ("build", "open", "repair", "clean", "widen", "protect", "fund", "close", "extend")
TEMPLATE_ADJECTIVES: Final = ("new", "old", "green", "quiet", "small", "busy", "public", "northern")
TEMPLATE_NOUNS: Final = (
    "bridge", "road", "river", "market", "fields", "trains", "buses", "tunnel", "station", "garden",
    "library", "canal", "ferry", "square",
)  # fmt: skip
TEMPLATE_TAILS: Final = ("", "by spring", "this year", "in April", "before winter", "every morning")


@attrs.frozen
class TemplateRemark:
    """A template remark: ``head`` + " will " + ``rest``, said by ``speaker``.

    Keeping the auxiliary separate lets a rendering insert "not" after it.
    """

    head: str
    rest: tuple[str, ...]
    speaker: str

    def words(self, *, negated: bool = False) -> tuple[str, ...]:
        return (*self.head.split(), "will", *(("not",) if negated else ()), *self.rest)

    def text(self, *, negated: bool = False) -> str:
        return " ".join(self.words(negated=negated))


@st.composite
def template_remarks(draw: st.DrawFn, speakers: Sequence[str] = NAMES) -> TemplateRemark:
    """``<Subject> will <verb> the <adjective> <noun> [and the <noun>] [<tail>]``: at
    least three content words, always one "will"."""
    verb = draw(st.sampled_from(TEMPLATE_VERBS))
    adjective = draw(st.sampled_from(TEMPLATE_ADJECTIVES))
    nouns = draw(st.lists(st.sampled_from(TEMPLATE_NOUNS), min_size=1, max_size=2, unique=True))
    tail = draw(st.sampled_from(TEMPLATE_TAILS))
    rest = [verb, "the", adjective, nouns[0]]
    if len(nouns) > 1:
        rest += ["and", "the", nouns[1]]
    rest += tail.split()
    return TemplateRemark(
        draw(st.sampled_from(TEMPLATE_SUBJECTS)), tuple(rest), draw(st.sampled_from(speakers))
    )


#: How a tiny-corpus outlet renders a remark.
EDITS: Final = ("verbatim", "negated", "dropped", "substituted", "trimmed", "elided")


def _edited(remark: TemplateRemark, edit: str, where: int) -> str:
    """The remark's words as an outlet prints them (without final punctuation)."""
    words = list(remark.words(negated=edit == "negated"))
    rest_at = len(remark.head.split()) + 1  # the first word after "will"
    if edit == "dropped" and len(words) - rest_at > 2:
        del words[rest_at + 1 + where % (len(words) - rest_at - 1)]
    elif edit == "substituted":
        i = rest_at + 3  # the first noun
        nouns = [n for n in TEMPLATE_NOUNS if n != words[i]]
        words[i] = nouns[where % len(nouns)]
    elif edit == "trimmed" and len(words) > 4:
        words = words[: max(4, len(words) - 1 - where % 3)]
    elif edit == "elided" and len(words) - rest_at >= 4:
        words = [*words[:rest_at], "…", *words[rest_at + 2 :]]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _quote_sentence(body: str, speaker: str, layout: int) -> str:
    if layout == 0:
        return f"“{body},” {speaker} said."
    if layout == 1:
        return f"{speaker} said: “{body}.”"
    return f"“{body},” said {speaker}."


@st.composite
def tiny_corpora(
    draw: st.DrawFn, max_remarks: int = 3, max_outlets: int = 4, speakers: Sequence[str] = NAMES[:3]
) -> list[quoteprov.Article]:
    """Two to ``max_outlets`` articles reporting one to ``max_remarks`` template remarks,
    each outlet printing a subset of them, each rendering edited (or not), between
    plain sentences. Article ids are ``a0``, ``a1``, … The few ``speakers`` make
    like remarks of one speaker (the hard case for clustering) common."""
    remarks = draw(st.lists(template_remarks(speakers), min_size=1, max_size=max_remarks))
    outlets = draw(st.integers(2, max_outlets))
    result = []
    for o in range(outlets):
        chosen = draw(st.lists(st.sampled_from(range(len(remarks))), min_size=1, unique=True))
        sentences = [draw(plain_sentences()).render(PAIR_STYLES[0])]
        for r in chosen:
            edit = draw(st.sampled_from(EDITS))
            body = _edited(remarks[r], edit, draw(st.integers(0, 20)))
            sentences.append(_quote_sentence(body, remarks[r].speaker, draw(st.integers(0, 2))))
            if draw(st.booleans()):
                sentences.append(draw(plain_sentences()).render(PAIR_STYLES[0]))
        result.append(quoteprov.Article(id=f"a{o}", text=" ".join(sentences)))
    return result


@st.composite
def synthetic_corpora(
    draw: st.DrawFn,
    *,
    remarks: st.SearchStrategy[int] | None = None,
    outlets: st.SearchStrategy[int] | None = None,
    style: str = "mixed",
) -> SyntheticCorpus:
    """A small corpus from :func:`synthetic.generate` (planted edits, known truth)."""
    return generate(
        seed=draw(st.integers(0, 10_000)),
        remarks=draw(remarks if remarks is not None else st.integers(2, 8)),
        outlets=draw(outlets if outlets is not None else st.integers(3, 5)),
        style=style,
    )


# ------------------------------------------------------------- words for normalisation and alignment

_NEWS_WORDS = st.sampled_from(
    [
        *("the", "minister", "said", "we", "will", "not", "accept", "any", "cuts", "to", "pension"),
        *("fund", "four", "4", "million", "Iran’s", "U.S.", "strikes", "…", "...", "taking", "taken"),
        *("conclusions", "«quoted»", "“marks”", "—", "dash"),
    ]
)


def news_phrases() -> st.SearchStrategy[str]:
    """Phrases of news words with the hard cases of folding: marks, ellipses,
    abbreviations, number words and inflections."""
    return st.lists(_NEWS_WORDS, max_size=25).map(" ".join)
