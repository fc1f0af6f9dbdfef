"""Oracles for the fast paths of extraction and attribution.

Each fast path is compared with the slow, obvious version it replaces, kept
here: a whole-text scan with the plain name-chain regex against the scan of
the gaps between quotes with the factored one, the ’n’ regex pass
against the substring test that skips it, the word-by-word cue scan against the
search for cue verbs alone, the flat role-phrase regex against the factored one
behind its prefilter, Names built in one list (roles read at once) against the
single pass with roles read when asked, quote_shape reading every word against
reading twelve, each mark's checks written out against the memoised roles,
sentence boundaries judged one match at a time against the single loop, the
end-anchored patterns searched forwards against their backward twins, the last
word of a forward scan against the backward search, the possessive and
source-phrase regexes against the cheap checks that skip them, subject_before
reading role phrases first against reading them late, the role-noun check
against the plain role-phrase regex, a name's title read after splitting at
every clause mark against the backward search for the last, and the headline
test on a copied prefix against the bounded find.
"""

from __future__ import annotations

import bisect
from pathlib import Path

import attrs
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import any_texts, mark_heavy_texts

import quoteprov
from quoteprov import attribute, extract, names
from quoteprov.config import Config
from quoteprov.context import _ABBREVIATION, _SENTENCE_END, ArticleContext, mark_end, mark_start
from quoteprov.cues import CAPITALISED_STOPWORDS, NAME_PARTICLES, ROLE_DETERMINERS, ROLE_NOUNS, SOURCE_PHRASES
from quoteprov.marks import ELISION_AFTER_APOSTROPHE, MARK_PATTERN, SINGLE_MARKS

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

#: The role-phrase regex as first written: flat alternations.
_PLAIN_ROLE_NP = regex.compile(
    r"(?<![\p{L}])(?:(?:"
    + "|".join(sorted(ROLE_DETERMINERS, key=len, reverse=True))
    + r")\s+(?:[\p{L}’'\-]+\s+){0,5}?"
    r"|(?:\p{Lu}[\p{L}]*\s+){1,3})"
    r"(?:" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) + r")(?![\p{L}])",
    regex.IGNORECASE,
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
        *("chair", "chairman", "man", "the", "l'", "die", "министр", "front-runner", "runner", "DER"),
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
@example("said the chairman, the chair of le ministre, l' envoy", 0, 400)  # a noun the prefix of another
def test_role_phrases_skip_only_stretches_without_one(text: str, a: int, b: int) -> None:
    lo, hi = _window(text, a, b)
    slow = [(m.start(), m.group()) for m in _PLAIN_ROLE_NP.finditer(text, lo, hi)]
    assert [(m.start(), m.group()) for m in attribute._role_phrases(text, lo, hi)] == slow


class _PlainNames(names.Names):
    """Names as first built: every chain trimmed alike, a person's roles read at
    once, body and headline mentions sorted together."""

    def __init__(self, text: str, quoted: list[tuple[int, int]], sentence_initial: object) -> None:
        assert callable(sentence_initial)
        self.text = text
        self._quoted = list(quoted)
        self.persons = []
        self._person_of = {}
        self._unread_roles = []
        chains = self._chains(sentence_initial)
        mid_sentence = {
            w.rstrip(".") for c in chains for k, w in enumerate(c.words) if k or not c.sentence_initial
        }
        body = [self._parts(*t) for c in chains if not c.in_headline for t in self._trim(c, mid_sentence)]
        for parts in body:
            self._person_from(parts)
        entries: list[tuple[names._Parts | names.Mention, int | None]] = [
            (parts, self._person_of_parts(parts)) for parts in body
        ]
        for chain in chains:
            if chain.in_headline:
                entries.extend((m, m.person) for m in self._headline_mentions(chain, mid_sentence))
        entries.sort(key=lambda entry: entry[0].start)
        self._entries = [entry for entry, _ in entries]
        self._person_ids = [person for _, person in entries]
        self._made = [None] * len(entries)
        self.starts = [entry.start for entry in self._entries]
        for person in self._person_ids:
            if person is not None:
                self.persons[person].mentions += 1

    def _person_from(self, parts: names._Parts) -> None:
        super()._person_from(parts)
        for person, start, end in self._unread_roles:
            self.persons[person].roles |= self._roles_around(start, end)
        self._unread_roles.clear()


_NAME_PIECES = st.sampled_from(
    [
        *("Sergei Lavrov", "Mr. Lavrov", "Lavrov", "Russian Foreign Minister Sergei Lavrov", "Anna Berg"),
        *("Mrs. Berg", "Berg", "Dr. Anna Berg", "the foreign minister", "President", "Smith, 54,"),
        *("The New York Times", "Foreign Ministry", "Berlin.", "Talking", "He", "she", "said", "stated"),
        *(", the minister,", "Donald Trump Rebukes Ruth Bader Ginsburg", "Trump", "U.S.", "Ms", "Sergey"),
        *(" ", " ", " ", "\n", "\n\n", ".", ",", ":", "“", "”", "’s", "«", "»", "Lars", "Economist"),
    ]
)
_EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples" / "lavrov").glob("*.txt"))


def _names_alike(text: str) -> None:
    quotes = quoteprov.find_quotes(text).quotes
    ctx = ArticleContext(text, quotes, Config())
    fast = names.Names(text, ctx.quoted, ctx.starts_sentence)
    slow = _PlainNames(text, ctx.quoted, ctx.starts_sentence)
    assert (fast.starts, fast._person_ids) == (slow.starts, slow._person_ids)
    assert fast.between(0, len(text) + 1) == slow.between(0, len(text) + 1)
    for words in ({"minister"}, {"foreign", "minister"}, {"president"}, {"economist"}, {"mr"}):
        for pos in (0, len(text) // 2, len(text)):
            assert fast.with_role(words, pos) == slow.with_role(words, pos)
    assert fast.persons == slow.persons  # roles read by now
    assert fast.most_mentioned() == slow.most_mentioned()


@settings(max_examples=400)
@given(st.one_of(st.lists(_NAME_PIECES, max_size=50).map("".join), _TEXTS))
@example("Donald Trump Rebukes Ruth Bader Ginsburg\n\nRuth Bader Ginsburg said. Mr. Trump, the president.")
def test_names_match_the_plain_build(text: str) -> None:
    _names_alike(text)


def test_names_match_the_plain_build_on_the_examples() -> None:
    assert _EXAMPLES
    for path in _EXAMPLES:
        _names_alike(path.read_text(encoding="utf-8"))


_SLOW_ENDS_SENTENCE = regex.compile(r"[.!?…][\"'”’»)\]]*$")


def _slow_quote_shape(text: str) -> str:
    """quote_shape as first written: every word of the quote read, a regex for its end."""
    stripped = text.strip()
    if not stripped:
        return "partial"
    first = next((c for c in stripped if c.isalnum()), "")
    words = extract._WORD.findall(stripped)
    capitalised = first.isupper() or first.isdigit() or not first.isalpha()
    ends = bool(_SLOW_ENDS_SENTENCE.search(stripped)) or stripped.endswith((",", "—", "–", "-", ":"))
    opens_sentence = words[0].casefold() in extract._SENTENCE_OPENERS if words else False
    title_case = all(w[0].isupper() or w.lower() in extract._MINOR_WORDS for w in words)
    if (
        capitalised
        and first.isalpha()
        and 1 <= len(words) <= 6
        and stripped[-1:] not in "!?"
        and not opens_sentence
        and title_case
        and (not ends or (stripped.endswith((".", ",")) and len(words) > 1))
    ):
        return "title"
    if capitalised and (ends or len(words) >= 12):
        return "direct"
    if first.isupper() and len(words) >= 3 and words[0].casefold() in extract._SENTENCE_OPENERS:
        return "direct"
    return "partial"


_SHAPE_PIECES = st.sampled_from(
    [
        *("We", "we", "I", "It’s", "State", "of", "the", "Union", "New", "Day", "egocentric", "x" * 40),
        *("supercalifragilistic", "a", "12", "-", "’s", "'", "A-B", "é", "\u0301", "Ω"),
        *(" ", " ", " ", "\n", ".", ",", "!", "?", "…", ":", "—", "”", "’", '"', "»", ")", "]", "“", "("),
    ]
)


@settings(max_examples=800)
@given(st.one_of(st.lists(_SHAPE_PIECES, max_size=120).map("".join), _TEXTS))
@example("Go " * 11 + "x" * 150)  # the 12th word cut where the start read ends
@example("Go " * 10 + "x" * 150 + " y")  # eleven words in the start, twelve in all
@example("State of the Union.”)”")
@example("”)")  # closers only: no sentence end
def test_quote_shape_matches_the_whole_reading(text: str) -> None:
    assert extract.quote_shape(text) == _slow_quote_shape(text)


def _slow_classify(
    text: str, pos: int, char: str, apostrophes: set[int]
) -> tuple[int, str, bool, bool, bool] | None:
    """A mark's roles as first computed: every check written out, for every mark."""
    if pos in apostrophes:
        return None
    before = text[pos - 1] if pos else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if char in SINGLE_MARKS and before.isalnum() and after.isalnum():
        return None
    if char in "’'":
        if (
            extract._is_space(before) or before in extract._OPEN_CONTEXT or before in extract._SENTENCE_PUNCT
        ) and (ELISION_AFTER_APOSTROPHE.match(text, pos + 1)):
            return None
        if before in ".!?" and after and after in "sS" and not text[pos + 2 : pos + 3].isalpha():
            return None
    left = extract._is_space(before) or before in extract._OPEN_CONTEXT
    right = extract._is_space(after) or after in extract._CLOSE_CONTEXT
    can_open = not (right and not left) and char not in extract._NEVER_OPENS
    can_close = not (left and not right) and char not in extract._NEVER_CLOSES
    if not (can_open or can_close):
        return None
    weak = char in SINGLE_MARKS and can_close and before.isalpha()
    return (pos, char, can_open, can_close, weak)


@settings(max_examples=800)
@given(st.one_of(mark_heavy_texts(), _TEXTS))
@example("U.S.’s “x” ’90s rock ’n’ roll don’t 「a」 ‘b’ reporters’ x»y «z« ‘in ’95 or 5’ y '")
def test_marks_classified_with_memoised_roles_match_the_plain_checks(text: str) -> None:
    apostrophes = {m.end() - 1 for m in extract._N_ELISION.finditer(text)}
    slow = [_slow_classify(text, m.start(), m.group(), apostrophes) for m in MARK_PATTERN.finditer(text)]
    assert [attrs.astuple(m) for m in extract._scan(text)] == [m for m in slow if m is not None]


def _slow_sentence_starts(ctx: ArticleContext) -> list[int]:
    """Sentence starts as first found: each boundary match judged by the plain checks."""
    text = ctx.text

    def is_boundary(start: int, end: int, found: str) -> bool:
        if found == "\n":
            return True
        if ctx.inside_quote(end - 1):
            return False
        if end < len(text) and text[end].islower():
            return False
        return not _ABBREVIATION.search(text[max(0, start - 4) : start + 1])

    return [0] + [m.end() for m in _SENTENCE_END.finditer(text) if is_boundary(m.start(), m.end(), m.group())]


@settings(max_examples=600)
@given(st.one_of(st.lists(_NAME_PIECES, max_size=50).map("".join), _TEXTS))
@example("“Who’s gonna pay?” he asks. Mr. Smith said: “No. U.S. Yes!” Dr. J. Berg.\nDone.")
def test_sentence_starts_match_the_plain_checks(text: str) -> None:
    ctx = ArticleContext(text, quoteprov.find_quotes(text).quotes, Config())
    assert ctx.sentence_starts == _slow_sentence_starts(ctx)


#: The end-anchored patterns searched backwards, each beside its forward twin.
_BACKWARD_PATTERNS = [
    (names._SUBJECT_BEFORE, 12),
    (_ABBREVIATION, 5),
    (attribute._CUE_BEFORE, 40),
    (attribute._THAT_BEFORE, 8),
    (attribute._QUOTATIVE_SO, 6),
]
_END_PIECES = st.sampled_from(
    [
        *("and", "but", "that", "so", "when", "if", "Mr", "Mrs", "Prof", "XProf", "No", "vs", "v", "U", "É"),
        *("said", "told", "SAID", "tells", "ſaid", "us", "wait", "x", "'", "’", "”", "«", "»", '"', "‘"),
        *(" ", " ", " ", "\u00a0", "\n", ".", ",", ":", "(", "—", "-", "a", "é", "\u0301"),
    ]
)
_END_TEXTS = st.one_of(st.lists(_END_PIECES, max_size=30).map("".join), _TEXTS)


@settings(max_examples=800)
@given(_END_TEXTS, _ENDS, st.integers(0, 4))
@example("Prof.", 0, 1)
@example("XProf.", 1, 1)
@example("so that \n", 0, 0)
def test_end_anchored_patterns_searched_backwards_match_the_forward_search(
    text: str, cut: int, which: int
) -> None:
    pattern, width = _BACKWARD_PATTERNS[which]
    forward = regex.compile(pattern.pattern, pattern.flags & ~regex.REVERSE)
    assert pattern.flags & regex.REVERSE
    end = min(cut, len(text))
    for lo, hi in ((max(0, end - width), end), (0, end), (end, len(text))):
        assert bool(pattern.search(text, lo, hi)) == bool(forward.search(text, lo, hi))
    piece = text[max(0, end - width) : end]  # as the sentence-boundary check slices it
    assert bool(pattern.search(piece)) == bool(forward.search(piece))


@settings(max_examples=600)
@given(_TEXTS, _ENDS, _ENDS)
@example("ab'-'cd", 0, 7)
@example("x -ab-) ", 0, 8)
@example("novel ‘", 3, 7)  # the window starts inside a word
def test_last_word_searched_backwards_is_the_last_word_found(text: str, a: int, b: int) -> None:
    lo, hi = _window(text, a, b)
    words = names.WORD.findall(text, lo, hi)
    last = attribute._LAST_WORD.search(text, lo, hi)
    assert (last.group() if last else None) == (words[-1] if words else None)


@settings(max_examples=400)
@given(_TEXTS)
def test_possessive_needs_an_apostrophe_first(text: str) -> None:
    for end in range(len(text) + 1):
        if names._POSSESSIVE.match(text, end):
            assert text[end : end + 1] in names._APOSTROPHES


@settings(max_examples=600)
@given(
    st.one_of(
        st.lists(
            st.sampled_from(
                ["according to", "ACCORDİNG TO", "Según", "ſelon", "d’après", "D'APRÈS", "по словам"]
            )
            | _PIECES,
            max_size=30,
        ).map("".join),
        _TEXTS,
    ),
    _ENDS,
    _ENDS,
)
@example("ACCORDİNG TO Anna", 0, 400)  # İ matches i but folds to i and a combining dot
def test_source_phrase_prefilter_passes_every_stretch_with_a_match(text: str, a: int, b: int) -> None:
    lo, hi = _window(text, a, b)
    if attribute._SOURCE.search(text, lo, hi):
        assert attribute._may_hold_source_phrase(text, lo, hi)


def test_source_phrase_letters_fold_as_they_match() -> None:
    """Every character matching a source phrase's letter case-insensitively folds to
    that letter (İ, folding to i and a combining dot, aside): the prefilter's premise."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for letter in sorted(set("".join(SOURCE_PHRASES))):
        for char in regex.findall(regex.escape(letter), every, regex.IGNORECASE):
            assert char.casefold().replace("i\u0307", "i") == letter.casefold(), char


def test_role_phrase_prefilter_passes_a_dotted_capital_i() -> None:
    """İ folds to i and a combining dot; the regex matches it as i, so must the prefilter."""
    text = "the MİNİSTER said"
    assert [m.group() for m in attribute._role_phrases(text, 0, len(text))] == ["the MİNİSTER"]


class _EagerRules(attribute._Rules):
    """subject_before as first written: role phrases looked for before any item is tried
    (through _role_phrases, whose own prefilter is checked above)."""

    def subject_before(self, lo: int, cue_start: int) -> attribute._Found | None:
        ctx = self.ctx
        items: list[tuple[int, str, names.Mention | str]] = [
            (m.start, "name", m) for m in ctx.names.between(lo, cue_start) if not m.possessive
        ]
        items += [
            (m.start(), "pronoun", m.group()) for m in attribute._PRONOUN.finditer(self.text, lo, cue_start)
        ]
        items += [(m.start(), "role", m.group()) for m in attribute._role_phrases(self.text, lo, cue_start)]
        items = [it for it in items if not ctx.inside_quote(it[0])]
        items.sort(key=lambda it: it[0], reverse=True)
        for item in items:
            found = self._subject_item(item, cue_start)
            if found is not None:
                return found
        org = ctx.org_phrase(lo, cue_start)
        if org:
            return attribute._Found(org, None, cue_start)
        for offset, _kind, value in items:
            if isinstance(value, names.Mention) and value.person is not None:
                return attribute._Found(ctx.names.display(value), None, offset)
        return None


_SUBJECT_PIECES = st.sampled_from(
    [
        *(
            "Sergei Lavrov",
            "Lavrov",
            "Mr. Lavrov",
            "Anna Berg",
            "Berg",
            "the minister",
            "the foreign minister",
        ),
        *(
            "Foreign Minister",
            "MİNİSTER",
            "he",
            "she",
            "He",
            "elle",
            "il",
            "The New York Times",
            "Smith, 54,",
        ),
        *("said", "told", "stated", "says", "added", "warned", "also", "and", "then", "who"),
        *(" ", " ", " ", "\n", ". ", ", ", ": ", "“", "”", "«", "»", "’s"),
    ]
)


def _subjects_alike(text: str) -> None:
    quotes = quoteprov.find_quotes(text).quotes
    fast = attribute._Rules(ArticleContext(text, quotes, Config()))
    slow = _EagerRules(ArticleContext(text, quotes, Config()))
    ends = sorted({m.start() for m in attribute._CUE_WORD.finditer(text)} | {len(text)})
    for cue_start in ends:
        for lo in sorted({0, fast.ctx.sentence_start(cue_start), max(0, cue_start - 40)}):
            assert fast.subject_before(lo, cue_start) == slow.subject_before(lo, cue_start), (lo, cue_start)
    assert fast.ctx.genders == slow.ctx.genders


@settings(max_examples=400)
@given(st.one_of(st.lists(_SUBJECT_PIECES, max_size=40).map("".join), _TEXTS))
@example("Sergei Lavrov arrived. The foreign minister, he said, the minister said")
@example("Anna Berg spoke. “No,” the MİNİSTER said")
def test_subject_before_with_role_phrases_read_late_matches_the_eager_reading(text: str) -> None:
    _subjects_alike(text)


def test_subject_before_matches_the_eager_reading_on_the_examples() -> None:
    for path in _EXAMPLES:
        _subjects_alike(path.read_text(encoding="utf-8"))


@settings(max_examples=600)
@given(st.one_of(st.lists(_SUBJECT_PIECES, max_size=40).map("".join), _TEXTS), _ENDS, _ENDS)
@example("the MİNİSTER", 0, 400)
def test_role_noun_check_passes_every_stretch_with_a_role_phrase(text: str, a: int, b: int) -> None:
    lo, hi = _window(text, a, b)
    if _PLAIN_ROLE_NP.search(text, lo, hi):
        assert attribute._may_hold_role_noun(text, lo, hi)


def _slow_roles_around(ctx_names: names.Names, start: int, end: int) -> set[str]:
    """_roles_around as first written: the stretch before the name split at every clause mark."""
    text = ctx_names.text
    before = regex.split(r"[,.;:!?\n“”\"(]", text[max(0, start - 60) : start])[-1]
    words: list[str] = []
    for word in reversed(names.WORD.findall(before)):
        if word.casefold() in names._STOP_ROLE:
            break
        words.append(word)
    after = names._APPOSITIVE.match(text, end, end + 70)
    words = words[:5] + (names.WORD.findall(after.group(1)) if after else [])
    return {names.fold(w) for w in words}


@settings(max_examples=400)
@given(st.one_of(st.lists(_NAME_PIECES, max_size=50).map("".join), _TEXTS), _ENDS, _ENDS)
@example("the spokesman of the foreign ministry, Anna Berg, the minister.", 39, 48)
def test_roles_around_match_the_split_reading(text: str, a: int, b: int) -> None:
    start, end = _window(text, a, b)
    plain = names.Names(text, [], None)
    assert plain._roles_around(start, end) == _slow_roles_around(plain, start, end)


@given(_TEXTS)
@example("Headline\nBody\n")
def test_in_headline_matches_the_prefix_test(text: str) -> None:
    ctx = ArticleContext(text, (), Config())
    for pos in range(-3, len(text) + 3):
        assert ctx.in_headline(pos) == ("\n" not in text[:pos]), pos
