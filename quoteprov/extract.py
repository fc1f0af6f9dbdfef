"""Find quoted spans: exact offsets, marks, nesting, unbalanced marks flagged.

The scan looks only at mark characters (one regex pass), decides from each
mark's neighbours whether it can open, close, or is an apostrophe, and pairs
marks with a bounded stack. A quote that is still open at a paragraph break
goes on only when the next paragraph reopens it with a mark (news style) or
closes it before opening anything else; otherwise it is flagged as unclosed
and ends with its paragraph, so one bad mark never spoils the rest.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence
from typing import Final

import attrs
import regex

from quoteprov.config import Config
from quoteprov.marks import (
    CLOSERS,
    ELISION_AFTER_APOSTROPHE,
    MARK_PATTERN,
    PADDING,
    PREFERRED_ROLE,
    SINGLE_MARKS,
    STRAIGHT_MARKS,
    family,
)
from quoteprov.models import Extraction, Problem, Quote

__all__ = ["UNCLOSED", "find_quotes", "quote_shape"]

#: Options when none are given (Config is frozen: one serves every call).
_DEFAULT_CONFIG: Final = Config()
#: The problem noted on a quote whose closing mark is missing.
UNCLOSED: Final = "unclosed"

_OPEN_CONTEXT: Final = frozenset("([{<—–‐-/") | frozenset(CLOSERS) | frozenset("」』")
_CLOSE_CONTEXT: Final = frozenset(")]}>—–‐-/.,;:!?…") | frozenset(CLOSERS) | frozenset("」』")
_SENTENCE_PUNCT: Final = frozenset(".,;:!?…")
_NEVER_OPENS: Final = frozenset("」』")
_NEVER_CLOSES: Final = frozenset("„‚「『‟‛")

#: A blank line: the paragraph separator of most text.
_BLANK_LINE: Final = regex.compile(r"\n[^\S\n]*\n\s*")
#: Any run of line breaks: the paragraph separator of text without blank lines.
_LINE_BREAK: Final = regex.compile(r"\n\s*")
#: The second mark of ’n’ (rock ’n’ roll).
_N_ELISION: Final = regex.compile(r"(?<![\p{L}\d])['’]n['’](?![\p{L}\d])", regex.IGNORECASE)
#: Every ’n’ _N_ELISION can match, without its lookarounds.
_N_PAIRS: Final = tuple(a + n + b for a in "'’" for n in "nN" for b in "'’")
#: Marks and brackets that may follow a quote's sentence-final punctuation.
_TRAILING_CLOSERS: Final = "\"'”’»)]"
#: How much of a quote is read for its first words: twelve fit (see quote_shape).
_SHAPE_PREFIX: Final = 160
_WORD: Final = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*")
#: First words that make a capitalised quote a sentence even without a full stop.
_SENTENCE_OPENERS: Final = frozenset(
    [
        "i",
        "i'm",
        "i’m",
        "i've",
        "i’ve",
        "i'd",
        "i’d",
        "we",
        "we're",
        "we’re",
        "we've",
        "we’ve",
        "you",
        "you're",
        "you’re",
        "he",
        "he's",
        "he’s",
        "she",
        "she's",
        "she’s",
        "it",
        "it's",
        "it’s",
        "they",
        "they're",
        "they’re",
        "this",
        "that",
        "there",
        "there's",
        "there’s",
    ]
)
_MINOR_WORDS: Final = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "vs",
        "via",
    ]
)


@attrs.define  # one per mark of every text: a frozen class takes three times as long to build
class _Mark:
    pos: int
    char: str
    can_open: bool
    can_close: bool
    weak: bool  # a closing ’ or ' after a letter: may be a possessive apostrophe


@attrs.define
class _Open:
    index: int  # creation order, used for ids and parent links
    mark: _Mark
    content_start: int
    parent: int | None


@attrs.define
class _Span:
    index: int
    open_mark: _Mark
    start: int
    end: int
    close: str | None
    parent: int | None


def _is_space(char: str) -> bool:
    return char == "" or char.isspace()


@functools.lru_cache(maxsize=1 << 12)
def _roles(char: str, before: str, after: str) -> tuple[bool, bool] | None:
    """(can open, can close) of a mark between ``before`` and ``after``; None if neither.

    Space (or an opening bracket) before and none after: opens. The mirror
    image: closes. Both or neither (“ x ”, word"word, ."Next): either, and the
    stack decides. Memoised: texts hold few distinct neighbourhoods.
    """
    left = _is_space(before) or before in _OPEN_CONTEXT
    right = _is_space(after) or after in _CLOSE_CONTEXT
    can_open = not (right and not left) and char not in _NEVER_OPENS
    can_close = not (left and not right) and char not in _NEVER_CLOSES
    return (can_open, can_close) if can_open or can_close else None


def _classify(text: str, pos: int, char: str, apostrophes: set[int]) -> _Mark | None:
    """Return the mark's possible roles, or None when it is an apostrophe."""
    before = text[pos - 1] if pos else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if char in SINGLE_MARKS:  # the only marks that may be apostrophes
        if pos in apostrophes or (before.isalnum() and after.isalnum()):
            return None  # rock ’n’ roll; don’t, Lavrov’s, O‘Neil
        if char in "’'":
            if (_is_space(before) or before in _OPEN_CONTEXT or before in _SENTENCE_PUNCT) and (
                ELISION_AFTER_APOSTROPHE.match(text, pos + 1)
            ):
                return None  # ’em, ’90s, ’n’
            if before in ".!?" and after and after in "sS" and not text[pos + 2 : pos + 3].isalpha():
                return None  # U.S.’s
    roles = _roles(char, before, after)
    if roles is None:
        return None
    # A single closer right after a letter may be a possessive (the reporters’ notes,
    # the reporters’,): it closes only if no better closer follows (see _find_opener).
    weak = roles[1] and char in SINGLE_MARKS and before.isalpha()
    return _Mark(pos, char, roles[0], roles[1], weak)


def _scan(text: str) -> list[_Mark]:
    # Most texts have no ’n’ at all; the substring test spares them a regex pass.
    maybe_elision = any(pair in text for pair in _N_PAIRS)
    apostrophes = {m.end() - 1 for m in _N_ELISION.finditer(text)} if maybe_elision else set()
    marks = []
    for found in MARK_PATTERN.finditer(text):
        mark = _classify(text, found.start(), found.group(), apostrophes)
        if mark is not None:
            marks.append(mark)
    return marks


def _paragraph_breaks(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each paragraph break, in order."""
    pattern = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _skip_padding(text: str, pos: int, step: int) -> int:
    while 0 <= pos < len(text) and text[pos] in PADDING:
        pos += step
    return pos


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _compatible(opener: str, closer: str) -> bool:
    return closer in CLOSERS.get(opener, ())


def _reopens(mark: _Mark, opener: str) -> bool:
    """True when ``mark`` can reopen, in a new paragraph, a quote opened by ``opener``."""
    return mark.can_open and (
        mark.char == opener or bool(CLOSERS.get(mark.char, frozenset()) & CLOSERS[opener])
    )


def _is_strong_single_closer(mark: _Mark) -> bool:
    return mark.can_close and not mark.weak and mark.char in SINGLE_MARKS


def _is_single_opener(mark: _Mark) -> bool:
    return mark.can_open and not mark.can_close and mark.char in SINGLE_MARKS


def _next_index(marks: Sequence[_Mark], wanted: Callable[[_Mark], bool]) -> list[int]:
    """For each mark, the index of the next later mark that is ``wanted`` (or len(marks))."""
    result = [len(marks)] * (len(marks) + 1)
    for k in range(len(marks) - 2, -1, -1):
        result[k] = k + 1 if wanted(marks[k + 1]) else result[k + 1]
    return result


class _Pairing:
    """One pass over the marks of a text: the state of the stack matching."""

    def __init__(self, text: str, marks: Sequence[_Mark], config: Config) -> None:
        self.text = text
        self.marks = marks
        self.positions = [m.pos for m in marks]
        self.config = config
        self.stack: list[_Open] = []
        self.spans: list[_Span] = []
        self.problems: list[Problem] = []
        self.consumed: set[int] = set()
        self.count = 0
        self.next_strong_single = _next_index(marks, _is_strong_single_closer)
        self.next_single_open = _next_index(marks, _is_single_opener)

    def push(self, mark: _Mark) -> None:
        if len(self.stack) >= self.config.max_nesting:
            self.problems.append(
                Problem(offset=mark.pos, mark=mark.char, message="opening mark nested too deep; ignored")
            )
            return
        start = mark.pos + 1
        while start < len(self.text) and self.text[start].isspace():
            start += 1
        parent = self.stack[-1].index if self.stack else None
        self.stack.append(_Open(self.count, mark, start, parent))
        self.count += 1

    def close(self, depth: int, close_pos: int, close_char: str | None) -> None:
        """Close the stack entry at ``depth`` (and, unclosed, any entry above it)."""
        while len(self.stack) > depth:
            entry = self.stack.pop()
            is_target = len(self.stack) == depth
            end = close_pos
            if is_target and close_char is not None:
                end = _skip_padding(self.text, close_pos - 1, -1) + 1
            end = max(_rstrip_end(self.text, entry.content_start, end), entry.content_start)
            char = close_char if is_target else None
            self.spans.append(_Span(entry.index, entry.mark, entry.content_start, end, char, entry.parent))

    def on_mark(self, k: int, paragraph_end: int) -> None:
        mark = self.marks[k]
        if k in self.consumed:
            return
        if mark.can_close:
            target = self._find_opener(mark, k, paragraph_end)
            if target is not None:
                self.close(target, mark.pos, mark.char)
                return
            # Nothing to close: a mark that reads as a closer is stray.
            if not mark.can_open or self._reads_as_closer(mark):
                if not mark.weak:
                    self.problems.append(
                        Problem(offset=mark.pos, mark=mark.char, message="closing mark with no opening mark")
                    )
                return
        self.push(mark)

    def _reads_as_closer(self, mark: _Mark) -> bool:
        """True for a two-way mark that still reads as a closer: ” with no
        space before it, or ` , " said` (punctuation before, lower case after)."""
        text = self.text
        before = text[mark.pos - 1] if mark.pos else ""
        if PREFERRED_ROLE.get(mark.char) == "close" and not (_is_space(before) or before in _OPEN_CONTEXT):
            return True
        if mark.char not in STRAIGHT_MARKS:
            return False  # only straight marks leave their direction to the context
        prev = _skip_padding(text, mark.pos - 1, -1)
        nxt = _skip_padding(text, mark.pos + 1, 1)
        return prev >= 0 and text[prev] in _SENTENCE_PUNCT and (nxt >= len(text) or text[nxt].islower())

    def _find_opener(self, mark: _Mark, k: int, paragraph_end: int) -> int | None:
        """Return the stack depth of the quote this mark closes, if any."""
        if mark.weak:
            if not self.stack or not _compatible(self.stack[-1].mark.char, mark.char):
                return None
            strong = self.next_strong_single[k]
            opener = self.next_single_open[k]
            if strong < len(self.marks) and self.marks[strong].pos < paragraph_end and strong < opener:
                return None  # a later closer fits better: this one is an apostrophe
            return len(self.stack) - 1
        for depth in range(len(self.stack) - 1, -1, -1):
            if _compatible(self.stack[depth].mark.char, mark.char):
                return depth
        return None

    def on_break(self, brk: tuple[int, int], next_end: int) -> None:
        """Decide, at a paragraph break, which open quotes go on into the next paragraph."""
        first = bisect.bisect_left(self.positions, brk[1])
        last = bisect.bisect_left(self.positions, next_end)
        cursor = first
        depth = 0
        # Quotes reopened at the start of the next paragraph continue.
        while depth < len(self.stack) and cursor < last:
            mark = self.marks[cursor]
            expected = (
                brk[1] if cursor == first else _skip_padding(self.text, self.marks[cursor - 1].pos + 1, 1)
            )
            if mark.pos != expected or not _reopens(mark, self.stack[depth].mark.char):
                break
            self.consumed.add(cursor)
            cursor += 1
            depth += 1
        # The others go on only if the next paragraph closes them before opening a like quote.
        while depth < len(self.stack):
            if not self._closed_ahead(self.stack[depth].mark.char, cursor, last):
                self.close(depth, brk[0], None)
                break
            depth += 1

    def _closed_ahead(self, opener: str, first: int, last: int) -> bool:
        for k in range(first, last):
            mark = self.marks[k]
            prefers_open = mark.can_open and PREFERRED_ROLE.get(mark.char) == "open"
            if mark.can_close and not mark.weak and not prefers_open and _compatible(opener, mark.char):
                return True
            if mark.can_open and family(mark.char) == family(opener):
                return False
        return False

    def run(self) -> list[_Span]:
        breaks = _paragraph_breaks(self.text)
        ends = [b[0] for b in breaks] + [len(self.text)]
        b = 0
        for k, mark in enumerate(self.marks):
            while b < len(breaks) and breaks[b][0] < mark.pos:
                if self.stack:
                    self.on_break(breaks[b], ends[b + 1])
                b += 1
            self.on_mark(k, ends[b])
        while b < len(breaks):
            if self.stack:
                self.on_break(breaks[b], ends[b + 1])
            b += 1
        self.close(0, len(self.text), None)
        return self.spans


def quote_shape(text: str) -> str:
    """Classify quote content by its form alone: "direct", "partial" or "title".

    A sentence (capital first, sentence punctuation or a comma last, or two
    sentences) reads as direct speech; a short run of capitalised words as a
    title; anything else as a fragment.

    >>> quote_shape("We will not accept this."), quote_shape("egocentric")
    ('direct', 'partial')
    >>> quote_shape("State of the Union")
    'title'
    """
    stripped = text.strip()
    if not stripped:
        return "partial"
    first = stripped[0] if stripped[0].isalnum() else next((c for c in stripped if c.isalnum()), "")
    # Only the first word and whether there are twelve count (beyond six
    # words, none is looked at): a quote whose start holds twelve is not read
    # on (a word cut there still counts one).
    words = _WORD.findall(stripped, 0, _SHAPE_PREFIX)
    if len(words) < 12 and len(stripped) > _SHAPE_PREFIX:
        words = _WORD.findall(stripped)
    capitalised = first.isupper() or first.isdigit() or not first.isalpha()
    # Sentence punctuation, then only closing marks or brackets, ends the content.
    before_closers = stripped.rstrip(_TRAILING_CLOSERS)
    ends = (bool(before_closers) and before_closers[-1] in ".!?…") or stripped.endswith(
        (",", "—", "–", "-", ":")
    )
    opens_sentence = words[0].casefold() in _SENTENCE_OPENERS if words else False
    if (
        capitalised
        and first.isalpha()
        and 1 <= len(words) <= 6
        and stripped[-1:] not in "!?"
        and not opens_sentence
        and all(w[0].isupper() or w.lower() in _MINOR_WORDS for w in words)  # title case
        # A work's title carries no sentence punctuation, but for a full stop or
        # comma of the writer's sentence: on CNN's "New Day." / “State of the Union,”
        and (not ends or (stripped.endswith((".", ",")) and len(words) > 1))
    ):
        return "title"
    if capitalised and (ends or len(words) >= 12):
        return "direct"
    if first.isupper() and len(words) >= 3 and words[0].casefold() in _SENTENCE_OPENERS:
        return "direct"  # a headline's "We're going in the wrong direction"
    return "partial"


def find_quotes(text: str, *, article_id: str = "", config: Config | None = None) -> Extraction:
    """Find every quoted span of ``text``, before attribution.

    Args:
        text: the article text.
        article_id: the id given to the article; quote ids are ``"<article_id>:<n>"``.
        config: options (``max_nesting``).

    Returns:
        The quotes in the order of their opening marks, with kinds judged from
        their form alone and no speakers, and the problems met on the way.

    >>> [q.text for q in find_quotes("He said “yes” and ‘no’.").quotes]
    ['yes', 'no']
    """
    cfg = config or _DEFAULT_CONFIG
    pairing = _Pairing(text, _scan(text), cfg)
    spans = sorted(pairing.run(), key=lambda s: s.index)
    prefix = f"{article_id}:" if article_id else "q"
    ids: dict[int, str] = {}
    quotes: list[Quote] = []
    problems = list(pairing.problems)
    for span in spans:
        if span.end <= span.start:
            problems.append(
                Problem(offset=span.open_mark.pos, mark=span.open_mark.char, message="empty quote")
            )
            continue
        ids[span.index] = f"{prefix}{len(quotes)}"
        content = text[span.start : span.end]
        parent = ids.get(span.parent) if span.parent is not None else None
        quotes.append(
            Quote(
                id=ids[span.index],
                article=article_id,
                start=span.start,
                end=span.end,
                text=content,
                open=span.open_mark.char,
                close=span.close,
                kind=quote_shape(content),
                parent=parent,
                problems=(UNCLOSED,) if span.close is None else (),
            )
        )
    problems.sort(key=lambda p: p.offset)
    return Extraction(article=article_id, quotes=tuple(quotes), problems=tuple(problems))
