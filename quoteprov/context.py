"""What attribution knows about one article: its sentences, its quoted stretches,
the names in it, and who a pronoun or a role noun most likely means."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Final

import regex

from quoteprov.config import Config
from quoteprov.cues import CAPITALISED_STOPWORDS
from quoteprov.models import Quote
from quoteprov.names import WORD, Names, fold

__all__ = ["ArticleContext", "mark_end", "mark_start"]

#: A sentence boundary: terminal punctuation (and closing marks) then space, or a line break.
_SENTENCE_END: Final = regex.compile(r"[.!?…][\"'”’“‘»«›‹」』)\]\u00a0\u202f]*\s+|\n")
_ABBREVIATION: Final = regex.compile(
    r"(?:(?<![\p{L}])\p{Lu}|(?<![\p{L}])(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Prof|vs|v|No))\.$",
    regex.REVERSE,
)
#: "The Washington Post’s editorial board" just before a cue: a body speaking.
_ORG_PHRASE: Final = regex.compile(
    r"((?:The\s+)?(?:\p{Lu}[\p{L}\-]*\s+){0,4}\p{Lu}[\p{L}\-]*)(?:['’]s)?((?:\s+\p{Ll}+){0,2})\s+(?:\p{Ll}+ly\s+|also\s+)?$"
)


class ArticleContext:
    """What attribution knows about one article."""

    def __init__(self, text: str, quotes: Sequence[Quote], config: Config) -> None:
        self.text = text
        self.config = config
        self.top = [q for q in quotes if q.parent is None]
        self.quoted = sorted((mark_start(text, q), mark_end(text, q)) for q in self.top)
        self.quoted_starts = [s for s, _ in self.quoted]
        self.sentence_starts = self._sentence_starts()
        self.names = Names(text, self.quoted, self.starts_sentence)
        self.named: list[tuple[int, str]] = []
        #: Cue verbs found in a stretch (lo, hi), kept by :mod:`quoteprov.attribute`.
        self.cue_cache: dict[tuple[int, int], tuple[tuple[int, int, str], ...]] = {}
        # Genders learnt from the pronouns that named someone.
        self.genders: dict[str, str] = {}

    def inside_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts, pos) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]

    def _sentence_starts(self) -> list[int]:
        """0 and the end of each sentence boundary, in order."""
        text = self.text
        starts = [0]
        for m in _SENTENCE_END.finditer(text):
            start, end = m.span()
            if text[start] != "\n":  # a line break always ends a sentence
                if self.inside_quote(end - 1):
                    continue  # a full stop inside a quote ends the speaker's sentence, not the writer's
                if end < len(text) and text[end].islower():
                    continue  # “Who’s gonna pay?” he asks.
                if _ABBREVIATION.search(text[max(0, start - 4) : start + 1]):
                    continue
            starts.append(end)
        return starts

    def starts_sentence(self, pos: int) -> bool:
        k = pos - 1
        while k >= 0 and self.text[k] in " \u00a0\t\"'“‘«„(":
            k -= 1
        if k < 0 or self.text[k] == "\n":
            return True
        return self.text[k] in ".!?…" and not _ABBREVIATION.search(self.text[max(0, k - 4) : k + 1])

    def sentence_start(self, pos: int) -> int:
        return self.sentence_starts[bisect.bisect_right(self.sentence_starts, pos) - 1]

    def sentence_end(self, pos: int) -> int:
        k = bisect.bisect_right(self.sentence_starts, pos)
        return self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.text)

    def boundaries_between(self, lo: int, hi: int) -> int:
        return bisect.bisect_right(self.sentence_starts, hi) - bisect.bisect_right(self.sentence_starts, lo)

    def in_short_question(self, pos: int) -> bool:
        """Whether ``pos`` is in a bare question naming someone: "Governor Christie?"."""
        lo, hi = self.sentence_start(pos), self.sentence_end(pos)
        return self.text[lo:hi].rstrip().endswith("?") and len(WORD.findall(self.text, lo, hi)) <= 6

    def in_headline(self, pos: int) -> bool:
        return self.text.find("\n", 0, pos) < 0

    # -- who a word or phrase stands for ----------------------------------------------

    def person_before(self, pos: int, gender: str | None) -> str | None:
        """The person a pronoun at ``pos`` most likely means.

        Sentence by sentence backwards: the named subject of the sentence if one
        fits the pronoun's gender, else the first person it names. A bare
        question naming someone ("Governor Christie?") is a topic, not a subject.
        """
        k = bisect.bisect_right(self.sentence_starts, pos) - 1
        for s in range(k, max(-1, k - 8), -1):
            lo = self.sentence_starts[s]
            hi = pos if s == k else self.sentence_starts[s + 1]
            if s != k and self.in_short_question(lo):
                continue
            candidates: list[tuple[int, bool, str, str | None]] = [
                (off, True, name, self.genders.get(name)) for off, name in self.named if lo <= off < hi
            ]
            for mention in self.names.between(lo, hi):
                if mention.person is not None:
                    person = self.names.persons[mention.person]
                    known = person.gender or self.genders.get(person.name)
                    candidates.append((mention.start, mention.subject, person.name, known))
            candidates.sort(key=lambda c: c[0])
            fitting = [c for c in candidates if gender is None or c[3] in (None, gender)]
            found = next((c[2] for c in fitting if c[1]), fitting[0][2] if fitting else None)
            if found is not None:
                if gender is not None:
                    self.genders.setdefault(found, gender)  # "he said" of Tom Hale: Tom Hale is "he"
                return found
        return None

    def role_holder(self, phrase: str, pos: int) -> str | None:
        words = {fold(w) for w in WORD.findall(phrase)} - CAPITALISED_STOPWORDS
        found = self.names.with_role(words, pos)
        if found is None and self.in_headline(pos):
            found = self.names.most_mentioned()
        return found or self.person_before(pos, None)

    def org_phrase(self, lo: int, cue_start: int) -> str | None:
        m = _ORG_PHRASE.search(self.text, lo, cue_start)
        if not m:
            return None
        mentions = [x for x in self.names.between(m.start(1), cue_start) if x.org]
        if not mentions:
            return None
        name = self.text[m.start(1) : m.end(1)]
        return (name + m.group(2)).strip()


def mark_start(text: str, q: Quote) -> int:
    """The offset of a quote's opening mark (its content may start after padding)."""
    pos = q.start - 1
    while pos > 0 and text[pos] != q.open:
        pos -= 1
    return max(pos, 0)


def mark_end(text: str, q: Quote) -> int:
    """The offset just after a quote's closing mark (its content end, when unclosed)."""
    if q.close is None:
        return q.end
    pos = q.end
    while pos < len(text) and text[pos] != q.close:
        pos += 1
    return min(pos + 1, len(text))
