"""Attribute quotes to speakers: the cue, who it names, and the final quote kind.

Each quote is read with the sentence around it, in this order of evidence:
a cue verb after it ("…,” she said) or leading into it (Lavrov stated: “…”),
"according to X", a colon lead-in, and, for a quote with no cue of its own,
the speaker of the quote it goes on from. Fragments also take a cue anywhere in
their sentence, a possessive ("Tlaib's 'remark'") or a passive "by X".
Pronouns and role nouns ("the minister") resolve to the person who is the
subject of the nearest sentence that names one (see :mod:`quoteprov.names`).
No speaker is better than a wrong one: scare quotes, titles and nested quotes
get none.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Final

import attrs
import regex

from quoteprov.config import Config
from quoteprov.context import ArticleContext, mark_end, mark_start
from quoteprov.cues import (
    AUXILIARIES,
    CUE_VERBS,
    FEMALE_PRONOUNS,
    FUNCTION_WORDS,
    INVERTED_PRONOUNS,
    MALE_PRONOUNS,
    ROLE_DETERMINERS,
    ROLE_NOUNS,
    SAY_VERBS,
    SCARE_AFTER,
    SCARE_BEFORE,
    SOURCE_PHRASES,
    SPEECH_NOUNS,
    TITLE_NOUNS,
)
from quoteprov.marks import TITLE_MARKS
from quoteprov.models import Quote
from quoteprov.names import ROLE_KEYS, WORD, Mention, by_first_letter, fold

__all__ = ["attribute"]

#: Options when none are given (Config is frozen: one serves every call).
_DEFAULT_CONFIG: Final = Config()
_ALL_CUES: Final = frozenset().union(*CUE_VERBS.values())
_CUE_WORD: Final = regex.compile(r"(?<![\p{L}\p{M}])[\p{L}\p{M}]+(?![\p{L}\p{M}])")
_PRONOUN: Final = regex.compile(
    r"(?<![\p{L}])(?:" + "|".join(sorted(MALE_PRONOUNS | FEMALE_PRONOUNS)) + r")(?![\p{L}])",
    regex.IGNORECASE,
)
_POSSESSIVE_PRONOUN: Final = regex.compile(r"(?<![\p{L}])(?:his|her)(?![\p{L}])", regex.IGNORECASE)
#: "the minister", "Foreign Minister": a role noun after a determiner and up to five
#: words, or after capitalised words. The alternations are factored by first
#: letter (same matches, longest first within a letter): the engine drops most at once.
_ROLE_NP: Final = regex.compile(
    r"(?<![\p{L}])(?:(?:"
    + by_first_letter(sorted(ROLE_DETERMINERS, key=len, reverse=True))
    + r")\s+(?:[\p{L}’'\-]+\s+){0,5}?"
    r"|(?:\p{Lu}[\p{L}]*\s+){1,3})"
    r"(?:" + by_first_letter(sorted(ROLE_NOUNS, key=len, reverse=True)) + r")(?![\p{L}])",
    regex.IGNORECASE,
)
#: Any role noun, in case-folded text: what every case-insensitive match of _ROLE_NP ends with.
_ROLE_NOUN_FOLDED: Final = re.compile(by_first_letter(sorted({noun.casefold() for noun in ROLE_NOUNS})))
_SOURCE: Final = regex.compile(
    r"(?<![\p{L}])(?:" + "|".join(regex.escape(p) for p in SOURCE_PHRASES) + r")(?![\p{L}])",
    regex.IGNORECASE,
)

#: The source phrases case-folded: what every case-insensitive match of _SOURCE folds to.
_SOURCE_FOLDED: Final = tuple(p.casefold() for p in SOURCE_PHRASES)
#: An appositive between a name and its cue verb: ", 54," / ", a farmer,".
_APPOSITIVE: Final = regex.compile(r",[^,.;:“”«»\n]{1,60},\s*")
_QUOTATIVE_SO: Final = regex.compile(r"[”“»«\"'’‘][ \u00a0]*,[ \u00a0]*$", regex.REVERSE)
_CLAUSE_END: Final = regex.compile(r"[ \u00a0]*(?:[.!?;…]|$)")
#: The words after a cue, up to the end of the clause.
_NEXT_WORDS: Final = regex.compile(r"[ \u00a0]*([\p{L}\p{M}'’\- \u00a0]*)")
#: After a cue verb: a colon or an opening mark, so the cue introduces what follows.
_LEADS_IN: Final = regex.compile(r"[ \u00a0]*(?::|[“‘«„「『‹»\"'])")
#: ", [aux] cue" right after a quote.
_AFTER_COMMA: Final = regex.compile(
    r"[ \u00a0\u202f]*,[ \u00a0]*(?:[—–][ \u00a0]*)?"  # ", said" / "», — заявил"
    r"(?:(?:"
    + "|".join(sorted(AUXILIARIES))
    + r")(?:-t-(?:il|elle|on))?[ \u00a0]+)?([\p{L}]+)"  # a(-t-il) déclaré
)
#: A cue verb, and at most one word, just before a nested quote ("told us ‘wait").
_CUE_BEFORE: Final = regex.compile(
    r"(?<![\p{L}])(?:" + "|".join(sorted(_ALL_CUES)) + r")(?:[ \u00a0]+[\p{L}]+)?[ \u00a0,:]*$",
    regex.IGNORECASE | regex.REVERSE,
)
_BY: Final = regex.compile(r"[\s,]*by\s+")
_NEXT_WORD: Final = regex.compile(r"[ \u00a0]+([\p{Ll}][\p{L}\-]*)")
_CLAUSE_PUNCT: Final = regex.compile(r"[,;:]")
#: WORD searched backwards: the last word a forward scan of the same stretch would find.
_LAST_WORD: Final = regex.compile(WORD.pattern, regex.REVERSE)
_THAT_BEFORE: Final = regex.compile(r"(?<![\p{L}])that\s*$", regex.REVERSE)


@attrs.frozen
class _Found:
    speaker: str
    cue: str | None
    offset: int  # where the speaker is named (a later pronoun may mean them)


def _gender_of(pronoun: str) -> str:
    return "m" if pronoun.casefold() in MALE_PRONOUNS else "f"


def _cue_words(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """(start, word) of each word of text[lo:hi] that is a cue verb in some case.

    The words as ``_CUE_WORD.finditer(text, lo, hi)`` finds them (a word cut by
    ``hi`` counts as cut), but only the cue verbs are looked for one by one:
    most words are not.
    """
    words = _CUE_WORD.findall(text, lo, hi)
    if _ALL_CUES.isdisjoint(map(str.casefold, words)):
        return []
    found = []
    for word in {w for w in words if w.casefold() in _ALL_CUES}:
        pos = text.find(word, lo, hi)
        while pos >= 0:
            m = _CUE_WORD.match(text, pos, hi)  # a whole word here, not part of one
            if m is not None and m.end() == pos + len(word):
                found.append((pos, word))
            pos = text.find(word, pos + 1, hi)
    found.sort()
    return found


def _cues(ctx: ArticleContext, lo: int, hi: int) -> tuple[tuple[int, int, str], ...]:
    """Cue verbs in [lo, hi) outside quotes; capitalised ones only in a headline;
    German "so" only right after a quote (", so Anna Schmidt").

    Memoised per article: the rules ask about the same stretch more than once.
    """
    cached = ctx.cue_cache.get((lo, hi))
    if cached is not None:
        return cached
    found = []
    for start, word in _cue_words(ctx.text, lo, hi):
        if ctx.inside_quote(start):
            continue
        if word == "so" and not _QUOTATIVE_SO.search(ctx.text, max(0, start - 6), start):
            continue
        if word.islower() or (word.istitle() and ctx.in_headline(start) and not ctx.starts_sentence(start)):
            found.append((start, start + len(word), word))
    ctx.cue_cache[lo, hi] = result = tuple(found)
    return result


def _role_phrases(text: str, lo: int, hi: int) -> list[regex.Match[str]]:
    """The matches of _ROLE_NP in text[lo:hi] ("the minister", "Foreign Minister").

    Every match ends with a role noun, so a stretch whose case-folded text holds
    none (most do not) is not scanned: the regex is slow on capitalised words.
    """
    if not _may_hold_role_noun(text, lo, hi):
        return []
    return list(_ROLE_NP.finditer(text, lo, hi))


def _may_hold_source_phrase(text: str, lo: int, hi: int) -> bool:
    """False when text[lo:hi] holds no match of _SOURCE, as most stretches do.

    Case folding is done character by character, and every character that
    matches a phrase's letter case-insensitively folds to that letter, but for
    İ, which matches i and folds to i and a combining dot: a stretch holding a
    match holds the phrase once folded and rid of that dot.
    """
    folded = text[lo:hi].casefold().replace("i\u0307", "i")
    return any(phrase in folded for phrase in _SOURCE_FOLDED)


def _may_hold_role_noun(text: str, lo: int, hi: int) -> bool:
    """False when no match of _ROLE_NP lies in text[lo:hi] (the check of _role_phrases,
    and İ, which folds to i and a combining dot, read as the i it matches)."""
    return bool(_ROLE_NOUN_FOLDED.search(text[lo:hi].casefold().replace("i\u0307", "i")))


def _words(ctx: ArticleContext, lo: int, hi: int) -> int:
    return len(WORD.findall(ctx.text, lo, hi))


class _Rules:
    """The attribution rules, each a small function of a quote's context."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.text = ctx.text

    # -- subjects ----------------------------------------------------------------------

    def subject_before(self, lo: int, cue_start: int) -> _Found | None:
        """The speaker of a cue verb, looking left from it to ``lo``."""
        ctx = self.ctx
        items: list[tuple[int, str, Mention | str]] = [
            (m.start, "name", m) for m in ctx.names.between(lo, cue_start) if not m.possessive
        ]
        items += [(m.start(), "pronoun", m.group()) for m in _PRONOUN.finditer(self.text, lo, cue_start)]
        items = [it for it in items if not ctx.inside_quote(it[0])]
        items.sort(key=lambda it: it[0], reverse=True)
        # Items are tried right to left. Role phrases ("the minister") take the
        # slowest regex, and the rightmost name or pronoun most often settles it:
        # they are looked for only when one may start after it, or it does not.
        if items and not _may_hold_role_noun(self.text, items[0][0] + 1, cue_start):
            found = self._subject_item(items[0], cue_start)
            if found is not None:
                return found
        roles = [(m.start(), "role", m.group()) for m in _role_phrases(self.text, lo, cue_start)]
        items += [it for it in roles if not ctx.inside_quote(it[0])]
        items.sort(key=lambda it: it[0], reverse=True)  # stable: names, pronouns, roles at one offset
        for item in items:
            found = self._subject_item(item, cue_start)
            if found is not None:
                return found
        org = ctx.org_phrase(lo, cue_start)
        if org:
            return _Found(org, None, cue_start)
        for offset, _kind, value in items:
            if isinstance(value, Mention) and value.person is not None:
                return _Found(ctx.names.display(value), None, offset)
        return None

    def _subject_item(self, item: tuple[int, str, Mention | str], cue_start: int) -> _Found | None:
        """The speaker a name, pronoun or role phrase before a cue stands for, if it is the subject."""
        ctx = self.ctx
        offset, kind, value = item
        if isinstance(value, Mention):
            between = self.text[value.end : cue_start]
            # Right before the cue, or with an appositive between ("Smith, 54, said").
            adjacent = (not WORD.search(between) and "," not in between) or bool(
                _APPOSITIVE.fullmatch(between)
            )
            if value.person is not None and (value.subject or adjacent):
                return _Found(ctx.names.display(value), None, offset)
            if value.person is None and value.kind in ("name", "org") and adjacent:
                return _Found(self._org_name(value), None, offset)
            return None
        # A failed try changes nothing (genders are learnt only from a found person): items may be retried.
        name = (
            ctx.person_before(offset, _gender_of(value))
            if kind == "pronoun"
            else ctx.role_holder(value, offset)
        )
        return _Found(name, None, offset) if name else None

    def _org_name(self, mention: Mention) -> str:
        before = self.text[max(0, mention.start - 4) : mention.start]
        return ("The " if before.endswith(("The ", "the ")) else "") + mention.text

    def subject_after(self, cue_end: int, hi: int) -> _Found | None:
        """The speaker named just after an inverted cue ("…,” said Marta Sousa)."""
        ctx = self.ctx
        window = min(hi, cue_end + 90)
        mentions = [m for m in ctx.names.between(cue_end, window) if not m.possessive]
        for mention in mentions:
            if mention.person is not None:
                return _Found(ctx.names.display(mention), None, mention.start)
        for mention in mentions[:1]:
            if mention.org and _words(ctx, cue_end, mention.start) <= 1:
                return _Found(self._org_name(mention), None, mention.start)
        m = _PRONOUN.match(self.text, cue_end + 1) if cue_end + 1 < len(self.text) else None
        if m:
            name = ctx.person_before(m.start(), _gender_of(m.group()))
            if name:
                return _Found(name, None, m.start())
        after = _NEXT_WORDS.match(self.text, cue_end, window)
        if after is None:
            return None
        words = after.group(1).split()
        if words and words[0].casefold() in INVERTED_PRONOUNS:
            name = ctx.person_before(cue_end, None)  # sagte sie: she, or they
            return _Found(name, None, cue_end) if name else None
        if words and (fold(words[0]) in ROLE_KEYS or (len(words) > 1 and fold(words[1]) in ROLE_KEYS)):
            name = ctx.role_holder(" ".join(words[:2]), cue_end)  # a déclaré le ministre / заявил министр
            return _Found(name, None, cue_end) if name else None
        if not words and _CLAUSE_END.match(self.text, after.end()):
            # Nothing after the cue: the subject is dropped (afirmó. / заявил.): the last one named.
            name = ctx.person_before(cue_end, None)
            return _Found(name, None, cue_end) if name else None
        return None

    def sentence_subject(self, lo: int, hi: int) -> _Found | None:
        """The subject of the clause in [lo, hi): for participle cues and colon lead-ins."""
        ctx = self.ctx
        mentions = [m for m in ctx.names.between(lo, hi) if not ctx.inside_quote(m.start)]
        for mention in mentions:
            if mention.person is not None and mention.subject:
                return _Found(ctx.names.display(mention), None, mention.start)
        m = _PRONOUN.search(self.text, lo, hi)
        if m and not ctx.inside_quote(m.start()):
            name = ctx.person_before(m.start(), _gender_of(m.group()))
            if name:
                return _Found(name, None, m.start())
        for m in _role_phrases(self.text, lo, hi):
            name = ctx.role_holder(m.group(), m.start())
            if name:
                return _Found(name, None, m.start())
        for mention in mentions:
            if mention.person is not None and not mention.possessive:
                return _Found(ctx.names.display(mention), None, mention.start)
        for mention in mentions:
            if mention.org and not mention.possessive:
                return _Found(self._org_name(mention), None, mention.start)
        return None

    def from_cue(self, cue: tuple[int, int, str], lo: int, hi: int, *, inverted: bool) -> _Found | None:
        start, end, word = cue
        if inverted:
            found = self.subject_after(end, hi)
        elif word.casefold().endswith("ing") and self.text[lo:start].rstrip().endswith(","):
            found = self.sentence_subject(self.ctx.sentence_start(start), start)
        else:
            found = self.subject_before(lo, start)
        return _Found(found.speaker, word.casefold(), found.offset) if found else None

    # -- the rules ---------------------------------------------------------------------

    def right_cue(
        self, close_end: int, hi: int, *, adjacent_only: bool = False, inverted_only: bool = False
    ) -> _Found | None:
        """A cue after the quote: “…,” Maria Lopez said / “…,” said Marta Sousa.

        A cue that leads into the next quote ("… Tom Hale said: “…”") is not this one's.
        """
        for cue in _cues(self.ctx, close_end, hi):
            if _LEADS_IN.match(self.text, cue[1]):
                return None
            between = [
                w for w in WORD.findall(self.text, close_end, cue[0]) if w.casefold() not in AUXILIARIES
            ]
            gap = len(between)
            if (adjacent_only and gap > 5) or (inverted_only and gap):
                return None
            found = self.from_cue(cue, close_end, hi, inverted=gap == 0)
            if found is not None:
                return found
        return None

    def right_continues(self, q: Quote, close_end: int, hi: int) -> bool:
        """Whether the text after a quote still belongs to the quote's sentence."""
        after = self.text[close_end:hi].lstrip(" \u00a0")
        if not after:
            return False
        ends_sentence = q.text.rstrip()[-1:] in ".!?…" if q.close else True
        if not ends_sentence or not after[0].isupper():
            return True
        # A new sentence belongs to the quote only as "Name [, appositive,] said" right after it.
        cues = _cues(self.ctx, close_end, hi)
        if not cues or cues[0][2].casefold() not in SAY_VERBS or _LEADS_IN.match(self.text, cues[0][1]):
            return False
        first = self.ctx.names.between(close_end, close_end + 4)
        limit = 15 if first and first[0].person is not None else 5
        return _words(self.ctx, close_end, cues[0][0]) <= limit

    def left_cue(self, lo: int, open_pos: int, *, max_gap: int | None) -> _Found | None:
        """A cue before the quote: Lavrov stated, «…» / calling him “egocentric”."""
        cues = _cues(self.ctx, lo, open_pos)
        if max_gap is not None and cues:
            gap = _words(self.ctx, cues[-1][1], open_pos)
            lead = self.text[lo:open_pos].rstrip(" \u00a0\n")
            if gap > max_gap and not (max_gap and lead.endswith((":", ","))):
                return None
        for cue in reversed(cues):
            found = self.from_cue(cue, lo, open_pos, inverted=False)
            if found is not None:
                return found
        return None

    def colon_lead_in(self, lo: int, open_pos: int, *, anywhere: bool) -> _Found | None:
        """“X:” before the quote, with or without a verb: Fauci: 'We're going …'."""
        lead = self.text[lo:open_pos]
        colon = lead.rfind(":")
        if colon < 0 or (not anywhere and WORD.search(lead, colon)):
            return None
        found = self.sentence_subject(lo, lo + colon)
        if found is None:
            # "Biden: 'Not appropriate' ...": a name nobody else in the text explains.
            names = [m for m in self.ctx.names.between(lo, lo + colon) if m.kind == "name"]
            if names and not WORD.search(self.text, names[-1].end, lo + colon):
                found = _Found(names[-1].text, None, names[-1].start)
        return _Found(found.speaker, ":", found.offset) if found else None

    def previous_paragraph_colon(self, open_pos: int) -> _Found | None:
        """A quote opening its paragraph after one that ends with a colon."""
        para_start = self.text.rfind("\n", 0, open_pos) + 1
        if self.text[para_start:open_pos].strip() or para_start == 0:
            return None
        end = para_start - 1
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        if end <= 0 or self.text[end - 1] != ":":
            return None
        lo = self.ctx.sentence_start(end - 1)
        return self.left_cue(lo, end, max_gap=None) or self.colon_lead_in(lo, end, anywhere=True)

    def source_phrase(self, lo: int, hi: int) -> _Found | None:
        """according to X, selon X, laut X, по словам X, según X."""
        if not _may_hold_source_phrase(self.text, lo, hi):
            return None
        for m in _SOURCE.finditer(self.text, lo, hi):
            if self.ctx.inside_quote(m.start()):
                continue
            found = self.subject_after(m.end(), hi if hi > m.end() else m.end() + 80)
            if found is not None:
                return _Found(_nominative(found.speaker, m.group()), m.group().casefold(), found.offset)
        return None

    def possessive(self, lo: int, open_pos: int, *, direct_only: bool) -> _Found | None:
        """Tlaib's 'remark'; Lavrov’s emphasis on «timely conclusions»; his argument that “…”."""
        ctx = self.ctx
        mentions = [m for m in ctx.names.between(lo, open_pos) if m.possessive and m.person is not None]
        candidates: list[tuple[int, str]] = []
        if mentions:
            candidates.append((mentions[-1].end, ctx.names.display(mentions[-1])))
        if not direct_only:
            for m in _POSSESSIVE_PRONOUN.finditer(self.text, lo, open_pos):
                name = ctx.person_before(m.start(), "m" if m.group().casefold() == "his" else "f")
                if name:
                    candidates.append((m.end(), name))
        for end, name in sorted(candidates, reverse=True):
            between = self.text[end:open_pos]
            words = [w for w in WORD.findall(between) if w not in ("s",)]
            if _CLAUSE_PUNCT.search(between):
                continue
            if not words and direct_only:
                return _Found(name, None, end)
            if not direct_only and 1 <= len(words) <= 3 and fold(words[0]) in SPEECH_NOUNS:
                return _Found(name, None, end)
        return None

    def passive_by(self, close_end: int, hi: int) -> _Found | None:
        """A fragment with its speaker after it: “Axis of Evil” by President Bush."""
        m = _BY.match(self.text, close_end, hi)
        if not m:
            return None
        for mention in self.ctx.names.between(m.end(), m.end() + 40):
            if mention.person is not None:
                return _Found(self.ctx.names.display(mention), "by", mention.start)
        return None

    def modifier(self, close_end: int) -> bool:
        """A fragment used as a modifier (a "door-to-door" campaign) is a term, not speech."""
        m = _NEXT_WORD.match(self.text, close_end, close_end + 40)
        if m is None:
            return False
        return m.group(1) not in FUNCTION_WORDS and m.group(1) not in _ALL_CUES

    def carried(self, open_pos: int, last: tuple[_Found, Quote] | None) -> _Found | None:
        """A quote with no cue that goes on from the last attributed quote.

        Between the two there may be the last quote's own attribution (“A,” she
        told Ann Lee. “B.”), or a short tail that names nobody else.
        """
        if last is None:
            return None
        found, quote = last
        lo = mark_end(self.text, quote)
        if (
            _words(self.ctx, self.ctx.sentence_start(open_pos), open_pos)
            and self.ctx.sentence_start(open_pos) > lo
        ):
            return None  # the quote is woven into a sentence of its own
        between_sentences = self.ctx.boundaries_between(lo, open_pos)
        if between_sentences <= 1 or (between_sentences <= 2 and lo <= found.offset < open_pos):
            return found
        for mention in self.ctx.names.between(lo, open_pos):
            if (
                mention.person is not None
                and self.ctx.names.display(mention) != found.speaker
                and not self.ctx.in_short_question(mention.start)
            ):
                return None
        return found if _words(self.ctx, lo, open_pos) <= 40 else None


def _nominative(name: str, phrase: str) -> str:
    """Undo the genitive that "по словам" puts a Russian name in (Ивана Петрова)."""
    if phrase.casefold() != "по словам":
        return name
    words = []
    for word in name.split():
        if word.endswith("ея"):
            words.append(word[:-2] + "ей")
        elif word.endswith("а") and len(word) > 3 and word[-2] not in "аеёиоуыэюя":
            words.append(word[:-1])
        else:
            words.append(word)
    return " ".join(words)


def _titled(text: str, q: Quote, open_pos: int) -> bool:
    """A work's title: in title marks (『…』), or right after a noun like "novel"."""
    if q.open in TITLE_MARKS:
        return True
    last = _LAST_WORD.search(text, max(0, open_pos - 30), open_pos)
    return last is not None and last.group().casefold() in TITLE_NOUNS


def _introduced(text: str, q: Quote, open_pos: int, close_end: int) -> bool:
    """A capitalised quote set off as speech: a colon before it, or ", said X" after it."""
    first = next((c for c in q.text if c.isalpha()), "")
    if not first.isupper():
        return False
    if text[max(0, open_pos - 3) : open_pos].rstrip(" \u00a0\u202f\n").endswith(":"):
        # ... and ends its sentence: "Biden: 'Not appropriate' for protesters" is woven in.
        rest = text[close_end : close_end + 3].lstrip(" \u00a0")
        return not rest or rest[0] in ".!?\n"
    after = _AFTER_COMMA.match(text, close_end)
    return after is not None and after.group(1).casefold() in _ALL_CUES


def _scare_marked(text: str, open_pos: int, close_end: int) -> bool:
    before = text[max(0, open_pos - 20) : open_pos].casefold().rstrip()
    after = text[close_end : close_end + 24].casefold().lstrip(" ,—–-(\u00a0")
    return before.endswith(SCARE_BEFORE) or after.startswith(SCARE_AFTER)


def _with_kind(q: Quote, kind: str) -> Quote:
    """``q`` with its kind set: ``q`` itself when the kind is unchanged."""
    return q if kind == q.kind else attrs.evolve(q, kind=kind)


def _attribute_one(
    rules: _Rules, q: Quote, open_pos: int, close_end: int, last: tuple[_Found, Quote] | None
) -> _Found | None:
    """The speaker of a top-level quote whose marks span ``open_pos:close_end``."""
    ctx, text = rules.ctx, rules.text
    s_start = ctx.sentence_start(open_pos)
    after = close_end
    while after < len(text) and text[after] in " \u00a0":
        after += 1
    s_end = max(ctx.sentence_end(after), close_end)
    right_hi = min(s_end, close_end + ctx.config.max_context_chars)
    k = bisect.bisect_left(ctx.quoted_starts, close_end)
    later = ctx.quoted_starts[k : k + 1]
    if q.kind == "partial":
        # A fragment used as a modifier (a "door-to-door" campaign) takes no
        # speaker from the words after it.
        right = not rules.modifier(close_end)
        if not right and len(WORD.findall(q.text)) == 1:
            return None  # the 'crisis' talk: one word modifying a noun is a term
        return (
            rules.possessive(s_start, open_pos, direct_only=True)
            or (rules.passive_by(close_end, right_hi) if right else None)
            or (rules.right_cue(close_end, right_hi, inverted_only=True) if right else None)
            or rules.left_cue(s_start, open_pos, max_gap=None)
            or (rules.right_cue(close_end, right_hi) if right else None)
            or rules.possessive(s_start, open_pos, direct_only=False)
            or rules.source_phrase(s_start, right_hi if right else open_pos)
            or (last[0] if last and ctx.boundaries_between(mark_end(text, last[1]), open_pos) == 0 else None)
            or rules.colon_lead_in(s_start, open_pos, anywhere=True)
        )
    if q.kind == "title" and rules.modifier(close_end):
        return None
    # Direct quotes and titles: only a cue next to the quote names its speaker.
    floor = s_start
    if last and mark_end(text, last[1]) > s_start:
        floor = max(floor, mark_end(text, last[1]))
    if later:
        right_hi = min(right_hi, later[0])
    if q.kind == "title":
        return (
            rules.passive_by(close_end, right_hi)
            or rules.left_cue(floor, open_pos, max_gap=0)
            or rules.right_cue(close_end, right_hi, adjacent_only=True)
        )
    found = rules.previous_paragraph_colon(open_pos)
    if found is None and rules.right_continues(q, close_end, right_hi):
        found = rules.right_cue(close_end, right_hi)
    para_start = text.rfind("\n", 0, open_pos) + 1
    return (
        found
        or rules.left_cue(floor, open_pos, max_gap=4)
        or rules.colon_lead_in(floor, open_pos, anywhere=False)
        or rules.source_phrase(floor, right_hi)
        or rules.carried(open_pos, last)
        or rules.source_phrase(para_start, open_pos)
    )


def attribute(text: str, quotes: Sequence[Quote], *, config: Config | None = None) -> list[Quote]:
    """Give each quote its speaker, cue and final kind.

    Args:
        text: the article text the quotes were found in.
        quotes: quotes from :func:`quoteprov.extract.find_quotes`, in order.
        config: options (``max_context_chars``, ``scare_max_words``).

    Returns:
        The quotes, each with ``speaker`` and ``cue`` set where the text supports
        one, and ``kind`` final: a short fragment nobody is said to have spoken,
        or one used as a modifier, is a scare quote; a title nobody is said to
        have spoken stays a title.

    >>> from quoteprov.extract import find_quotes
    >>> text = "Sergei Lavrov spoke. “We agree,” the minister said. A ‘special operation’, a term he likes."
    >>> [(q.text, q.kind, q.speaker) for q in attribute(text, find_quotes(text).quotes)]
    [('We agree,', 'direct', 'Sergei Lavrov'), ('special operation', 'scare', None)]
    """
    if not quotes:
        return []  # nothing to attribute: spare the names and sentences of the whole text
    cfg = config or _DEFAULT_CONFIG
    ctx = ArticleContext(text, quotes, cfg)
    rules = _Rules(ctx)
    result: list[Quote] = []
    last: tuple[_Found, Quote] | None = None
    for q in quotes:
        open_pos, close_end = mark_start(text, q), mark_end(text, q)
        if _titled(text, q, open_pos):
            result.append(_with_kind(q, "title"))
            continue
        if q.parent is not None:
            kind = "direct" if _CUE_BEFORE.search(text, max(0, open_pos - 40), open_pos) else q.kind
            result.append(_with_kind(q, kind))
            continue
        fragment = q.kind != "direct"
        if fragment and _scare_marked(text, open_pos, close_end):
            result.append(_with_kind(q, "scare" if q.kind == "partial" else q.kind))
            continue
        found = _attribute_one(rules, q, open_pos, close_end, last)
        if found is None:
            kind = q.kind
            short = len(WORD.findall(q.text)) <= cfg.scare_max_words
            if kind == "partial" and short and not any(c.isdigit() for c in q.text):
                kind = "scare"  # a term in marks; a figure in marks is somebody's figure
            result.append(_with_kind(q, kind))
            continue
        kind = "partial" if q.kind == "title" else q.kind
        if kind == "partial" and _introduced(text, q, open_pos, close_end):
            kind = "direct"  # «Le projet est mort», a déclaré X / X said: “Our members have voted”
        if kind == "direct" and _THAT_BEFORE.search(text, max(0, open_pos - 8), open_pos):
            kind = "partial"  # proclaiming that “I will always speak truth to power”
        result.append(attrs.evolve(q, kind=kind, speaker=found.speaker, cue=found.cue))
        if found.cue not in (None, "by"):
            bisect.insort(ctx.named, (found.offset, found.speaker))
        last = (found, q)
    return result
