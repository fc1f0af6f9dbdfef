"""Names in an article: mentions, the persons they stand for, and alias merging.

One pass over an article collects the capitalised name chains outside its
quotes. Chains with two or more name words, or a title ("Mr.", "Foreign
Minister"), make persons; a lone surname ("Lavrov") stands for the person with
that surname. "Russian Foreign Minister Sergei Lavrov", "Mr. Lavrov" and
"Lavrov" are one person, shown by the fullest name: "Sergei Lavrov".
Headlines in title case are read after the body, cut at the names the body
knows, so that "Donald Trump Rebukes Ruth Bader Ginsburg" is two mentions.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from typing import Final

import attrs
import regex
from rapidfuzz import fuzz

from quoteprov.cues import (
    CAPITALISED_STOPWORDS,
    CUE_VERBS,
    DATE_WORDS,
    FEMALE_HONORIFICS,
    MALE_HONORIFICS,
    NAME_PARTICLES,
    ORG_WORDS,
    PLACE_WORDS,
    ROLE_NOUNS,
    TITLE_WORDS,
)
from quoteprov.normalize import strip_accents

__all__ = [
    "ROLE_KEYS",
    "WORD",
    "Mention",
    "Names",
    "Person",
    "by_first_letter",
    "fold",
    "merge_speakers",
    "name_key",
    "same_person",
]

_NAME_TOKEN: Final = r"\p{Lu}[\p{L}\p{M}]*(?:-[\p{L}\p{M}]+)*(?:['’]\p{Lu}[\p{L}\p{M}]*)?\.?"
_PARTICLE: Final = "|".join(sorted(NAME_PARTICLES))
_CAPITALISED: Final = sorted((w[:1].upper() + w[1:] for w in CAPITALISED_STOPWORDS), key=len, reverse=True)


def by_first_letter(words: Iterable[str]) -> str:
    """An alternation of ``words`` factored by first letter: the same matches as
    the flat one (words keep their order within a letter), but the engine drops
    most words at once.

    >>> by_first_letter(["These", "The", "An", "A"])
    'T(?:hese|he)|A(?:n|)'
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(
        f"{regex.escape(first)}(?:{'|'.join(map(regex.escape, rests))})" for first, rests in groups.items()
    )


_LONE_STOPWORD: Final = by_first_letter(_CAPITALISED)
#: A run of capitalised words, with name particles allowed inside. A capitalised
#: stopword standing alone ("The", "He", "In") is skipped by the regex engine
#: itself: most capitals in prose are those, and they are never names. The
#: capital is checked before the stopwords, which are tried only where one is.
_NAME_CHAIN: Final = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\d.])(?=\p{{Lu}})"
    rf"(?!(?:{_LONE_STOPWORD})(?![\p{{L}}\p{{M}}'’\-])(?![ \u00a0](?:(?:{_PARTICLE})[ \u00a0])?\p{{Lu}}))"
    rf"(?:{_NAME_TOKEN})(?:[ \u00a0](?:(?:{_PARTICLE})[ \u00a0])?(?:{_NAME_TOKEN}))*"
)
_SPACES: Final = regex.compile(r"[ \u00a0]+")
_POSSESSIVE: Final = regex.compile(r"['’]s?(?![\p{L}])")
_APOSTROPHES: Final = frozenset("'’")
#: A word of prose (letters, with inner hyphens and apostrophes).
WORD: Final = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}\-'’]*")
#: Text just before a name that leaves it in subject position.
_SUBJECT_BEFORE: Final = regex.compile(
    r"(?:^|[\n.!?,;:—–―(]|\b(?:and|but|then|yet|so|that|when|while|because|after|before|since|although|though|where|if))\s*$",
    regex.REVERSE,
)


_CUES: Final = frozenset().union(*CUE_VERBS.values())
#: The word after a name, skipping an adverb: "Lavrov stated", "Lavrov also said".
_CUE_AFTER: Final = regex.compile(r"[ \u00a0]+(?:\p{Ll}+ly[ \u00a0]+|also[ \u00a0]+)?(\p{Ll}+)")

#: The last clause boundary of a stretch (a backward search: the stretch's last clause follows it).
_LAST_CLAUSE_SPLIT: Final = regex.compile(r"[,.;:!?\n“”\"(]", regex.REVERSE)
#: ", the foreign minister," after a name.
_APPOSITIVE: Final = regex.compile(r",\s+(?:the|a|an)\s+([^,.;:\n]{1,60})[,.]")


#: Words that end a title read leftwards from a name (a verb or a joint).
_STOP_ROLE: Final = frozenset(
    [
        "and",
        "or",
        "but",
        "the",
        "a",
        "an",
        "of",
        "to",
        "by",
        "with",
        "for",
        "at",
        "from",
        "in",
        "on",
        "as",
        "that",
        "who",
        "said",
        "told",
        "says",
        "tells",
        "told",
        "wrote",
        "added",
        "asked",
        "called",
        "according",
    ]
)


@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Case-fold, strip accents and a trailing full stop: the form names are compared in.

    >>> fold("Calderón."), fold("MR.")
    ('calderon', 'mr')
    """
    return strip_accents(word.casefold()).rstrip(".")


def _folded(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


# The lexicons, folded as the names they are compared with ("según" -> "segun").
_STOP: Final = _folded(CAPITALISED_STOPWORDS)
_TITLES: Final = _folded(TITLE_WORDS)
#: The role nouns, folded as names are compared.
ROLE_KEYS: Final = _folded(ROLE_NOUNS)
_MALE: Final = _folded(MALE_HONORIFICS)
_FEMALE: Final = _folded(FEMALE_HONORIFICS)
_ORGS: Final = _folded(ORG_WORDS)
_PLACES: Final = _folded(PLACE_WORDS)
_DATES: Final = _folded(DATE_WORDS)


def name_key(name: str) -> str:
    """Return the surname key a name is merged by: its last word, folded.

    >>> name_key("Sergei Lavrov") == name_key("Mr. LAVROV")
    True
    """
    words = name.split()
    return fold(words[-1]) if words else ""


def _first_names_agree(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb)):
        return True
    return fuzz.ratio(fa, fb) >= 80


def same_person(a: str, b: str) -> bool:
    """True when two names can be one person: same surname, compatible first names.

    A bare surname matches any full name with that surname; first names agree
    when equal, one is the other's initial, or they are spelling variants.

    >>> same_person("Sergei Lavrov", "Sergey Lavrov"), same_person("Lavrov", "Sergei Lavrov")
    (True, True)
    >>> same_person("Donald Trump", "Melania Trump")
    False
    """
    wa, wb = a.split(), b.split()
    if not wa or not wb or name_key(a) != name_key(b):
        return False
    if len(wa) == 1 or len(wb) == 1:
        return True
    return _first_names_agree(wa[0], wb[0])


def merge_speakers(names: Iterable[str]) -> dict[str, str]:
    """Map each speaker name to the fullest name of the person it stands for.

    Names merge when :func:`same_person` holds; a bare surname merges only when
    exactly one person has it. The fullest name is the one with most words,
    then the most frequent, then the first in sort order, so the result does
    not depend on the order of the input.

    >>> merge_speakers(["Lavrov", "Sergei Lavrov", "Sergey Lavrov", "Sergei Lavrov"])["Lavrov"]
    'Sergei Lavrov'
    """
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    by_key: dict[str, list[str]] = {}
    for name in sorted(counts):
        by_key.setdefault(name_key(name), []).append(name)
    mapping: dict[str, str] = {}
    for group in by_key.values():
        full = sorted(
            (n for n in group if len(n.split()) > 1), key=lambda n: (-len(n.split()), -counts[n], n)
        )
        clusters: list[list[str]] = []
        for name in full:
            for cluster in clusters:
                if same_person(cluster[0], name):
                    cluster.append(name)
                    break
            else:
                clusters.append([name])
        for cluster in clusters:
            for name in cluster:
                mapping[name] = cluster[0]
        for name in group:
            if len(name.split()) == 1:
                mapping[name] = clusters[0][0] if len(clusters) == 1 else name
    return mapping


@attrs.frozen
class Mention:
    """A capitalised name chain outside quotes.

    ``person`` indexes :attr:`Names.persons` (None for bodies, places, dates);
    ``text`` is the chain without its titles; ``subject`` says whether it
    stands where a clause's subject stands.
    """

    start: int
    end: int
    person: int | None
    text: str
    possessive: bool
    subject: bool
    kind: str  # "name", "org" (a body that may speak), "place" (or a date), "initials"

    @property
    def org(self) -> bool:
        return self.kind == "org"


@attrs.define
class Person:
    """A person named in an article; ``roles`` are the words of their titles
    (those around their mentions are added when :meth:`Names.with_role` first asks)."""

    tokens: list[str]
    gender: str | None = None
    roles: set[str] = attrs.field(factory=set)
    mentions: int = 0

    @property
    def name(self) -> str:
        return " ".join(self.tokens)


@attrs.define
class _Chain:
    start: int
    words: tuple[str, ...]
    sentence_initial: bool
    in_headline: bool


def _offsets(start: int, words: Sequence[str]) -> list[int]:
    """Where each word of a chain starting at ``start`` starts: its words are one character apart."""
    offsets, pos = [], start
    for word in words:
        offsets.append(pos)
        pos += len(word) + 1
    return offsets


# One _Parts is made for every name of every article: not frozen, since a
# frozen attrs class takes three times as long to build.
@attrs.define
class _Parts:
    start: int
    end: int
    words: tuple[str, ...]  # the chain as written
    core: tuple[str, ...]  # the name without its titles
    titles: frozenset[str]  # folded title words
    kind: str
    cut_stop: bool  # the last word's full stop was dropped (so no possessive follows)


def _kind(core: tuple[str, ...]) -> str:
    """Return "initials", "org", "place" (places and dates) or "name"."""
    if not core or all(len(w.rstrip(".")) == 1 for w in core):
        return "initials"
    folded = [fold(w) for w in core]
    if any(f in _ORGS for f in folded) or any(len(w) > 1 and w.isupper() and "." not in w for w in core):
        return "org"  # before places: "New York Times" is a body
    if any(f in _PLACES or f in _DATES for f in folded):
        return "place"
    return "name"


@functools.lru_cache(maxsize=1 << 14)
def _shape(words: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str], str, int, int]:
    """(core, titles, kind, 1 if the last word's full stop is dropped, length
    without that stop) of a chain's words."""
    width = len(" ".join(words))
    cut_stop = int(len(words[-1]) > 2 and words[-1].endswith("."))
    if cut_stop:
        words = (*words[:-1], words[-1][:-1])
    # Titles and capitalised role nouns ("Economist Lars Henning") come off the name.
    last_title = max(
        (k for k, w in enumerate(words[:-1]) if fold(w) in _TITLES or fold(w) in ROLE_KEYS),
        default=-1,
    )
    if fold(words[-1]) in _TITLES:
        last_title = len(words) - 1
    core = words[last_title + 1 :]
    titles = frozenset(fold(w) for w in words[: last_title + 1])
    return core, titles, _kind(core), cut_stop, width - cut_stop


def _name_chains(text: str, quoted: Sequence[tuple[int, int]]) -> list[tuple[int, str]]:
    """(start, chain) of each name chain of ``text`` that starts outside the quoted stretches.

    The same chains as scanning the whole text and dropping those that start
    in a stretch, but only the gaps are scanned. A position belongs to the last
    stretch starting at or before it. A chain never runs into an opening mark,
    so a gap's scan ends one character past it: the mark stops the lookaheads
    as it does in the whole text.
    """
    found: list[tuple[int, str]] = []
    pos = 0
    for k, (start, stretch_end) in enumerate(quoted):
        end = min(stretch_end, quoted[k + 1][0]) if k + 1 < len(quoted) else stretch_end
        if start > pos:
            found.extend(
                (m.start(), m.group())
                for m in _NAME_CHAIN.finditer(text, pos, start + 1)
                if m.start() < start
            )
        pos = max(pos, end)
    found.extend((m.start(), m.group()) for m in _NAME_CHAIN.finditer(text, pos))
    return found


def _title_case_line(line: str) -> bool:
    """Whether a line is a headline in title case ("Donald Trump Rebukes Ruth Bader Ginsburg")."""
    line = line.rstrip()
    if len(line) > 240 or line.endswith((".", "!", "?")):
        return False
    words = [w for w in WORD.findall(line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


class Names:
    """Mentions and persons of one article.

    Args:
        text: the article text.
        quoted: (start, end) of each top-level quote, marks included; names
            inside quotes are the speaker's words, not the writer's, and are skipped.
        sentence_initial: tells whether an offset starts a sentence.
    """

    def __init__(self, text: str, quoted: Sequence[tuple[int, int]], sentence_initial: object) -> None:
        self.text = text
        self._quoted = list(quoted)
        self.persons: list[Person] = []
        self._person_of: dict[str, int] = {}
        # (person, start, end) of the mentions whose surrounding words are not yet
        # among the person's roles: most articles never ask for roles.
        self._unread_roles: list[tuple[int, int, int]] = []
        initial = sentence_initial if callable(sentence_initial) else (lambda _pos: False)
        chains = self._chains(initial)
        mid_sentence: set[str] = set()
        for chain in chains:
            words = chain.words
            if len(words) == 1:
                if not chain.sentence_initial:
                    mid_sentence.add(words[0].rstrip("."))
            else:
                mid_sentence.update(w.rstrip(".") for w in (words[1:] if chain.sentence_initial else words))
        headlines = [chain for chain in chains if chain.in_headline]
        body = [
            self._parts(start, piece)
            for chain in chains
            if not chain.in_headline
            for start, piece in self._trim(chain, mid_sentence)
        ]
        # Persons first (full names and titled names), so that a surname met
        # before its full name ("Biden" in a headline) still finds its person.
        for parts in body:
            self._person_from(parts)
        # Body mentions are made only when asked for (most never are); whom each
        # stands for is settled now, before the headline may add persons.
        entries: list[_Parts | Mention] = list(body)
        person_ids = [self._person_of_parts(parts) for parts in body]
        if headlines:
            pairs = list(zip(entries, person_ids, strict=True))
            for chain in headlines:
                pairs.extend((m, m.person) for m in self._headline_mentions(chain, mid_sentence))
            pairs.sort(key=lambda entry: entry[0].start)
            entries = [entry for entry, _ in pairs]
            person_ids = [person for _, person in pairs]
        self._entries = entries
        self._person_ids = person_ids
        self._made: list[Mention | None] = [None] * len(entries)
        self.starts = [entry.start for entry in entries]
        for person in person_ids:
            if person is not None:
                self.persons[person].mentions += 1

    def _chains(self, initial: object) -> list[_Chain]:
        assert callable(initial)
        text = self.text
        chains = []
        line_start, line_end, headline = 0, -1, False
        for start, found in _name_chains(text, self._quoted):
            if start > line_end:  # a new line: is it a headline in title case?
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", start)
                if line_end < 0:
                    line_end = len(text)
                headline = _title_case_line(text[line_start:line_end])
            if " " in found or "\u00a0" in found:
                words = tuple(found.replace("\u00a0", " ").split(" "))
            else:
                words = (found,)
            chains.append(_Chain(start, words, bool(initial(start)), headline))
        return chains

    def _lone_word_is_name(self, start: int, word: str, initial: bool, mid_sentence: set[str]) -> bool:
        """Whether a one-word chain is a name: not a stopword, and, at a sentence's
        start, also met mid-sentence or followed by a cue verb."""
        return fold(word) not in _STOP and not (
            initial and word.rstrip(".") not in mid_sentence and not self._cue_follows(start + len(word))
        )

    def _trim(self, chain: _Chain, mid_sentence: set[str]) -> list[tuple[int, Sequence[str]]]:
        """Cut a chain into names: at each full stop that is not an initial's or a
        title's ("Berlin. Anna Berg"), dropping capitals that only start a sentence."""
        words0 = chain.words
        if len(words0) == 1:  # the commonest case: one capitalised word
            if self._lone_word_is_name(chain.start, words0[0], chain.sentence_initial, mid_sentence):
                return [(chain.start, words0)]
            return []
        if not any(w.endswith(".") for w in words0) and fold(words0[0]) not in _STOP:
            return [(chain.start, words0)]  # the common case: one name, nothing to cut
        pieces: list[tuple[list[str], list[int], bool]] = [([], [], chain.sentence_initial)]
        for word, offset in zip(words0, _offsets(chain.start, words0), strict=True):
            pieces[-1][0].append(word)
            pieces[-1][1].append(offset)
            if word.endswith(".") and len(word) > 2 and fold(word) not in _TITLES:
                pieces.append(([], [], True))
        names: list[tuple[int, Sequence[str]]] = []
        for piece_words, piece_offsets, piece_initial in pieces:
            skip = 0
            while skip < len(piece_words) and fold(piece_words[skip]) in _STOP:
                skip += 1
            words, offsets = piece_words[skip:], piece_offsets[skip:]
            initial = piece_initial and not skip
            if not words:
                continue
            if (
                initial
                and len(words) == 1
                and words[0].rstrip(".") not in mid_sentence
                and not self._cue_follows(offsets[0] + len(words[0]))
            ):
                # "Talking about her victory, ...": a capital from the sentence, not a
                # name, unless a cue verb follows ("Lavrov stated: ...").
                continue
            names.append((offsets[0], words))
        return names

    def _cue_follows(self, end: int) -> bool:
        """Whether a cue verb or a colon follows a name ending at ``end`` ("Lavrov stated: ...")."""
        after = _CUE_AFTER.match(self.text, end)
        return bool(after and after.group(1) in _CUES) or self.text[end : end + 1] == ":"

    def _headline_mentions(self, chain: _Chain, mid_sentence: set[str]) -> list[Mention]:
        """Cut a title-case chain at the surnames the body knows; read what is
        left between the cuts as ordinary chains."""
        words, offsets = list(chain.words), _offsets(chain.start, chain.words)
        result = []
        rest_start = 0
        for k, word in enumerate(words):
            known = self._person_of.get(fold(word))
            if known is None:
                continue
            own = {fold(t) for t in self.persons[known].tokens}
            first = k
            while first > rest_start and fold(words[first - 1]) in own:
                first -= 1
            result.extend(
                self._plain(chain, words[rest_start:first], offsets[rest_start:first], mid_sentence)
            )
            result.append(self._mention(self._parts(offsets[first], words[first : k + 1])))
            rest_start = k + 1
        result.extend(self._plain(chain, words[rest_start:], offsets[rest_start:], mid_sentence))
        return result

    def _plain(
        self, chain: _Chain, words: list[str], offsets: list[int], mid_sentence: set[str]
    ) -> list[Mention]:
        """Mentions of a run of a headline chain read as in the body (persons made too)."""
        if not words:
            return []
        piece = _Chain(
            offsets[0], tuple(words), chain.sentence_initial and offsets[0] == chain.start, chain.in_headline
        )
        mentions = []
        for trimmed in self._trim(piece, mid_sentence):
            parts = self._parts(*trimmed)
            self._person_from(parts)
            mentions.append(self._mention(parts))
        return mentions

    def _parts(self, start: int, words: Sequence[str]) -> _Parts:
        words = tuple(words)
        core, titles, kind, cut_stop, width = _shape(words)
        return _Parts(start, start + width, words, core, titles, kind, bool(cut_stop))

    def _person_from(self, parts: _Parts) -> None:
        core, titles = parts.core, parts.titles
        if parts.kind != "name" or (len(core) == 1 and not titles):
            return
        person_id = self._person_for(list(core))
        person = self.persons[person_id]
        person.roles |= titles
        self._unread_roles.append((person_id, parts.start, parts.end))
        if titles & _MALE:
            person.gender = "m"
        elif titles & _FEMALE:
            person.gender = "f"

    def _mention(self, parts: _Parts) -> Mention:
        return self._make_mention(parts, self._person_of_parts(parts))

    def _person_of_parts(self, parts: _Parts) -> int | None:
        """The person a mention stands for, as the persons known so far say."""
        core = parts.core
        person = self._person_of.get(fold(core[-1])) if parts.kind == "name" else None
        if (
            person is not None
            and len(core) > 1
            and not _first_names_agree(core[0], self.persons[person].tokens[0])
        ):
            person = None if len(self.persons[person].tokens) > 1 else person
        return person

    def _make_mention(self, parts: _Parts, person: int | None) -> Mention:
        start, end, kind = parts.start, parts.end, parts.kind
        # The possessive regex starts with an apostrophe: most names are followed by none.
        possessive = (
            not parts.cut_stop
            and self.text[end : end + 1] in _APOSTROPHES
            and bool(_POSSESSIVE.match(self.text, end))
        )
        subject = not possessive and bool(_SUBJECT_BEFORE.search(self.text, max(0, start - 12), start))
        # A body keeps its whole name: "Foreign Ministry" is no title plus "Ministry".
        text = " ".join(parts.words) if kind == "org" else " ".join(parts.core)
        return Mention(start, end, person, text, possessive, subject, kind)

    def _mention_at(self, k: int) -> Mention:
        made = self._made[k]
        if made is None:
            entry = self._entries[k]
            made = entry if isinstance(entry, Mention) else self._make_mention(entry, self._person_ids[k])
            self._made[k] = made
        return made

    def _person_for(self, core: list[str]) -> int:
        key = fold(core[-1])
        known = self._person_of.get(key)
        if known is not None:
            person = self.persons[known]
            if len(core) == 1 or len(person.tokens) == 1 or _first_names_agree(core[0], person.tokens[0]):
                if len(core) > len(person.tokens):
                    person.tokens = list(core)
                return known
        self.persons.append(Person(list(core)))
        self._person_of[key] = len(self.persons) - 1
        return len(self.persons) - 1

    def _roles_around(self, start: int, end: int) -> set[str]:
        """Words of the title just before a name and of an appositive after it."""
        lo = max(0, start - 60)
        last_split = _LAST_CLAUSE_SPLIT.search(self.text, lo, start)
        words: list[str] = []
        for word in reversed(WORD.findall(self.text, last_split.end() if last_split else lo, start)):
            if word.casefold() in _STOP_ROLE:
                break
            words.append(word)
        after = _APPOSITIVE.match(self.text, end, end + 70) if self.text[end : end + 1] == "," else None
        words = words[:5] + (WORD.findall(after.group(1)) if after else [])
        return {fold(w) for w in words}

    # -- queries -----------------------------------------------------------------------

    def between(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in [start, end)."""
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [self._mention_at(k) for k in range(first, last)]

    def display(self, mention: Mention) -> str:
        """The name a mention is reported by: the person's fullest name, or the chain."""
        if mention.person is not None:
            return self.persons[mention.person].name
        return mention.text

    def with_role(self, words: set[str], pos: int) -> str | None:
        """The person whose titles share most words with ``words``: the last
        such mention before ``pos``, else the first after it."""
        for unread, start, end in self._unread_roles:
            self.persons[unread].roles |= self._roles_around(start, end)
        self._unread_roles.clear()
        best: tuple[int, int, str] | None = None
        for start, person_id in zip(self.starts, self._person_ids, strict=True):
            if person_id is None:
                continue
            person = self.persons[person_id]
            overlap = len(words & person.roles)
            if overlap:
                rank = (overlap, start if start < pos else -start, person.name)
                if best is None or rank[:2] > best[:2]:
                    best = rank
        return best[2] if best else None

    def most_mentioned(self) -> str | None:
        """The person the article names most often (the article's protagonist)."""
        if not self.persons:
            return None
        return max(self.persons, key=lambda p: (p.mentions, len(p.tokens))).name
