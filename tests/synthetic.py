"""Synthetic news corpora with known truth, for scoring and benchmarking quoteprov.

A corpus is built from a pool of *remarks*: invented English sentences of 12–24
words, each said by one invented speaker.  Every remark is reported by several
outlets.  Two *wire* outlets always quote it verbatim (so a verbatim reference
exists and the speaker majority is clear); every other outlet that reports it
renders it with exactly one planted edit, recorded with its verdict and flags
in a :class:`PlantedQuote`:

=================  ==============================================  ===============
edit               what the outlet prints                           verdict / flags
=================  ==============================================  ===============
verbatim           same words; only mark style, case or commas      verbatim
trimmed            one contiguous run of 5+ words                   trimmed
elided             two runs in order joined by … / ... / [...]      elided
altered            1–2 words substituted, or one added / dropped    altered
paraphrased        ~55–65 % of the words kept in order              paraphrased
negation           "not" inserted after an auxiliary, or removed    altered, negation
number             one number changed                               altered, number
spliced            first half of this remark + second half of      spliced
                   another (``remarks`` holds both ids)
misattributed      verbatim words, another speaker's name           misattributed
unsupported        a separate remark quoted by exactly one outlet   unsupported
=================  ==============================================  ===============

``PlantedQuote.speaker`` is the name printed next to the quote (for a
misattributed quote, the wrong one); the true speaker of every remark is in
``SyntheticCorpus.remarks``.  ``PlantedQuote.text`` is exactly the content between
the quotation marks (including a trailing comma or period when the cue form puts
one inside the marks).

:func:`generate` builds a small corpus eagerly; :func:`iter_articles` (and
:func:`iter_annotated`, which pairs every article with its planted quotes)
stream arbitrarily large corpora with ~8–12 quotes per article.

>>> corpus = generate(seed=1, remarks=6, outlets=4)
>>> first = corpus.remarks[0]
>>> [q.verdict for q in corpus.quotes if q.remarks == (first.id,)][:2]
['verbatim', 'verbatim']
>>> corpus == generate(seed=1, remarks=6, outlets=4)
True
>>> sum(len(q) for _, q in iter_annotated(seed=1, quotes=50)) >= 50
True
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import itertools
import random
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from quoteprov import Article

__all__ = [
    "ADJECTIVES",
    "ADVERBS",
    "FLAGS",
    "NAMES",
    "NOUNS",
    "QUOTE_STYLES",
    "VERBS",
    "VERDICTS",
    "PlantedQuote",
    "Remark",
    "SyntheticCorpus",
    "generate",
    "iter_annotated",
    "iter_articles",
]

VERDICTS: Final = frozenset(
    {"verbatim", "trimmed", "elided", "altered", "paraphrased", "spliced", "unsupported", "misattributed"}
)
FLAGS: Final = frozenset({"negation", "number"})

#: quotation-mark pairs by style name: (opening, closing), padding included.
QUOTE_STYLES: Final[dict[str, tuple[str, str]]] = {
    "curly": ("\u201c", "\u201d"),
    "guillemets": ("\u00ab\u00a0", "\u00a0\u00bb"),
    "german": ("\u201e", "\u201c"),
    "straight": ('"', '"'),
}

# --------------------------------------------------------------------------- vocabulary

_NOUN_TEXT = """
budget deficit tax tariff subsidy pension salary wage income revenue expense debt loan bond
currency inflation recession recovery growth economy market industry sector company firm factory
bank lender investor shareholder dividend profit loss price cost fee rent mortgage housing property
land farm harvest crop fishery forest mine oil gas coal electricity grid pipeline refinery reactor
turbine battery vehicle railway highway bridge port airport harbor tunnel canal border frontier
region province district county city village capital country nation republic kingdom government
cabinet ministry minister parliament senate assembly council committee commission agency authority
regulator court judge jury lawyer prosecutor lawsuit statute law rule regulation treaty accord
agreement deal contract proposal plan strategy policy program reform initiative measure bill
amendment referendum election ballot vote campaign candidate party coalition opposition majority
minority leader president premier governor mayor official diplomat ambassador envoy delegation
summit negotiation dialogue ceasefire truce conflict war army navy soldier officer weapon missile
drone sanction embargo blockade alliance partner neighbor refugee migrant asylum citizen voter
taxpayer worker employer union strike protest demonstration rally crowd police crime fraud
corruption scandal investigation inquiry audit report survey study forecast estimate figure
statistic index rate target threshold ceiling limit quota allowance grant fund reserve stimulus
package bailout rescue crisis shortage supply demand export import trade shipment cargo container
warehouse retailer consumer customer shopper household family child student teacher school
university hospital clinic doctor nurse patient vaccine disease outbreak pandemic healthcare
insurance welfare benefit poverty hunger drought flood storm wildfire earthquake climate emission
pollution carbon waste recycling water river coast ocean island mountain valley desert soil seed
livestock dairy grain wheat sugar coffee steel aluminum copper lumber cement chemical fertilizer
software hardware network platform satellite telescope laboratory research science technology
innovation patent startup venture merger acquisition takeover stake asset liability portfolio
account ledger payment transfer remittance deposit withdrawal tourism hotel restaurant festival
museum library archive newspaper broadcaster journalist editor statement speech interview briefing
hearing testimony deadline schedule calendar quarter decade century generation future history
tradition culture heritage identity language religion church mosque temple community neighborhood
suburb town street square stadium arena league team player coach tournament ranking position role
mandate term office seat chamber session agenda priority issue question answer problem solution
threat risk danger opportunity advantage goal mission vision promise pledge commitment obligation
duty right freedom liberty justice equality security safety stability prosperity peace democracy
constitution charter sovereignty territory jurisdiction infrastructure investment spending saving
procurement tender auction lottery donation charity volunteer foundation institute association
federation consortium cartel monopoly competition rival competitor supplier manufacturer producer
exporter importer distributor dealer broker trader banker economist analyst scientist engineer
architect farmer fisherman miner driver pilot sailor builder landlord tenant owner entrepreneur
executive director manager chairman spokesman adviser consultant auditor inspector watchdog
ombudsman
"""

_VERB_TEXT = """
reduce expand protect support oppose approve reject block delay postpone cancel extend renew review
revise amend repeal restore replace rebuild repair improve strengthen weaken undermine defend attack
criticize praise welcome condemn accept refuse sign ratify negotiate implement enforce introduce
launch unveil announce propose present publish release disclose reveal conceal investigate examine
inspect monitor track assess evaluate calculate predict finance subsidize raise lower cut boost lift
freeze restrict ban prohibit allow permit authorize regulate control manage govern lead guide
direct coordinate organize arrange prepare design build construct develop produce manufacture sell
buy purchase acquire lease borrow lend repay owe invest spend save allocate distribute divide split
combine unite join abandon resume continue pursue achieve deliver complete finish start begin halt
suspend resolve settle solve address tackle confront handle ease relieve worsen deepen widen shrink
double triple stabilize secure guarantee ensure insure pay compensate reward punish sue convict
acquit pardon detain arrest deport host visit attend elect appoint nominate dismiss hire employ
recruit train educate inform warn advise urge persuade convince pressure force compel require
request seek win lose gain earn collect recover reclaim retain keep hold maintain preserve sustain
promote encourage discourage prevent avoid survive withstand absorb offset counter dispute doubt
trust respect honor celebrate recognize acknowledge admit deny confirm verify prove test endorse
sponsor modernize digitize automate streamline simplify clarify explain justify overhaul dismantle
privatize nationalize liberalize deregulate tighten loosen relax harden soften reopen shut connect
link integrate separate isolate exclude include involve engage consult notify update upgrade
downgrade exceed surpass meet damage harm hurt threaten endanger destroy evacuate shelter feed
provide offer withdraw deploy patrol guard shield scrap revive
"""

_ADJECTIVE_TEXT = """
new old large small major minor key main central local national federal regional global
international foreign domestic public private economic financial fiscal monetary political social
cultural military civil legal judicial electoral parliamentary constitutional democratic liberal
conservative moderate radical progressive popular unpopular controversial contentious ambitious
modest bold cautious careful reckless responsible fair unfair honest transparent accountable
independent neutral strategic tactical historic recent current previous former annual monthly
weekly daily quarterly temporary permanent immediate urgent critical serious severe mild strong weak
stable volatile fragile robust resilient sustainable affordable expensive cheap costly efficient
effective successful failed broken complex simple clear vague detailed comprehensive limited broad
narrow wide deep shallow high low rising falling growing declining steady sharp sudden gradual rapid
slow early late final initial primary secondary additional extra full partial total net gross real
nominal digital industrial agricultural rural urban coastal northern southern eastern western green
clean renewable nuclear fossil solar electric medical educational environmental commercial
residential competitive dominant powerful influential wealthy poor vulnerable elderly young skilled
unskilled vital essential necessary unnecessary possible impossible likely unlikely reasonable
realistic practical credible reliable accurate false misleading illegal lawful unlawful legitimate
formal informal joint bilateral multilateral unilateral collective individual personal human
natural physical mental basic fundamental significant substantial considerable dramatic massive
huge enormous tiny decisive generous strict tough harsh lenient flexible rigid closed secret
sensitive confidential peaceful violent hostile friendly loyal divided united fierce bitter heated
calm quiet busy crowded empty vacant overdue outstanding pending unpaid balanced unbalanced
sovereign imperial colonial modern traditional ancient novel innovative experimental proven
untested preliminary provisional interim transitional
"""

_ADVERB_TEXT = """
quickly slowly carefully firmly fully partly largely mostly clearly openly quietly publicly
privately formally officially jointly directly indirectly gradually rapidly steadily sharply
significantly substantially dramatically slightly modestly broadly strongly deeply seriously
urgently immediately eventually finally initially previously recently currently temporarily
permanently effectively efficiently fairly honestly responsibly strictly properly legally
politically economically financially socially militarily technically practically realistically
reasonably genuinely actively aggressively cautiously boldly decisively swiftly promptly readily
willingly reluctantly unanimously collectively individually separately entirely completely
thoroughly roughly simply already soon again
"""


def _word_lists(*texts: str) -> tuple[tuple[str, ...], ...]:
    """Split the vocabulary texts, keeping each word only in the first list naming it."""
    seen: set[str] = set()
    out: list[tuple[str, ...]] = []
    for text in texts:
        words: list[str] = []
        for word in text.split():
            if word not in seen:
                seen.add(word)
                words.append(word)
        out.append(tuple(words))
    return tuple(out)


NOUNS, VERBS, ADJECTIVES, ADVERBS = _word_lists(_NOUN_TEXT, _VERB_TEXT, _ADJECTIVE_TEXT, _ADVERB_TEXT)
_BY_TAG: Final[dict[str, tuple[str, ...]]] = {"N": NOUNS, "V": VERBS, "A": ADJECTIVES, "R": ADVERBS}

_FIRST_NAME_TEXT: Final = """
Adela Bruno Carmen Dario Elin Farid Greta Hakon Ines Jonas Kaja Lior Marta Nikos Oona Pavel Quinn
Rosa Stefan Talia Ugo Vera Wendel Ximena Yannick Zora Anselm Bettina Cyrus Dagny Emil Fenna Gideon
Hedda Ivo Jorun Kasimir Leontine Matthias Nadia Orla Piet Rana Soren Tamsin Ulla Viktor Wilma
"""

_SURNAME_TEXT: Final = """
Abernathy Brandvik Castellano Dragomir Eskelund Fairbairn Gallardo Halvorsen Ivanko Jablonski
Kettering Lindqvist Moravec Nakashima Oyelaran Pettersen Quiroga Rasmussen Szabados Tavernier
Urquhart Valdivia Wexford Yarborough Zelenko Achterberg Boateng Cardenas Delacroix Eriksdottir
Fitzmaurice Grunewald Hadjidakis Isfahani Jovanovic Kowalczyk Lemaire Mbeki Nordstrom Okonkwo
Papadakis Ravenscroft Santangelo Thorvaldsen Uzunova Vasquez Whitlock Xenakis Yilmazer Zamorano
Albescu Berglund Cavendish Dunleavy Ellingsen Ferrante Gorecki Hollister Ishikawa Jankowski
Kilbride Lazarescu Montague Nwachukwu Ostrowski Pellegrini Rautenberg Sandoval Trevelyan Ulbricht
"""
_FIRST_NAMES: Final = _FIRST_NAME_TEXT.split()
_SURNAMES: Final = _SURNAME_TEXT.split()

#: invented "First Last" speaker names, one per surname.
NAMES: Final[tuple[str, ...]] = tuple(
    f"{_FIRST_NAMES[i % len(_FIRST_NAMES)]} {surname}" for i, surname in enumerate(_SURNAMES)
)

_AUXILIARIES: Final = ("will", "can", "must", "should", "would", "could", "may", "might")
_NEGATORS: Final = ("not", "never")
#: swappable function words and what a paraphrase may put in their place.
_FUNCTION_SWAPS: Final[dict[str, tuple[str, ...]]] = {
    "we": ("they",),
    "our": ("their", "the"),
    "the": ("this", "that"),
    "this": ("that", "the"),
    "because": ("since", "as"),
    "but": ("yet",),
    "while": ("whereas",),
    "although": ("though",),
}
_UNITS: Final = ("percent", "million", "billion")
_COMMA_CONNECTORS: Final = ("but", "while", "although", "and", "so")
_PLAIN_CONNECTORS: Final = ("because", "unless", "before", "after", "if")

_CITIES: Final = (
    "Geneva", "Brussels", "Lisbon", "Vienna", "Oslo", "Nairobi", "Ottawa", "Canberra", "Santiago",
    "Warsaw", "Dublin", "Prague", "Helsinki", "Accra", "Montevideo", "Tallinn",
)  # fmt: skip
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS: Final = ("January", "March", "May", "June", "September", "October", "November")
#: The large corpora's vocabularies (see :func:`iter_annotated`), and their help for a command line.
VOCABULARIES: Final = ("lexicon", "news")
VOCABULARY_HELP: Final = (
    "the corpus's content words: one fixed lexicon of ~1,060 words, the index's worst case"
    " (default), or news-like, by Zipf's law over 50,000 words per part of speech"
)

#: Words per part of speech in the "news" vocabulary, and the syllables and endings of made-up ones.
_NEWS_WORDS: Final = 50_000
_ONSETS: Final = ("b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "kr")
_VOWELS: Final = ("a", "e", "i", "o", "u", "ar", "en", "ol")
_ENDINGS: Final = {"N": "", "V": "ate", "A": "ic", "R": "ly"}


@functools.cache
def _zipf_cumulative() -> list[float]:
    """Cumulative Zipf weights (1/rank) of the ranks 1 … _NEWS_WORDS."""
    return list(itertools.accumulate(1 / rank for rank in range(1, _NEWS_WORDS + 1)))


def _news_word(tag: str, rank: int) -> str:
    """The word of 0-based ``rank`` in the "news" vocabulary of part of speech ``tag``:
    the lexicon's words first, then two or three made-up syllables and the tag's ending."""
    lexicon = _BY_TAG[tag]
    if rank < len(lexicon):
        return lexicon[rank]
    syllables, n = [], rank - len(lexicon)
    while n or len(syllables) < 2:
        n, k = divmod(n, len(_ONSETS) * len(_VOWELS))
        syllables.append(_ONSETS[k % len(_ONSETS)] + _VOWELS[k // len(_ONSETS)])
    return "".join(syllables) + _ENDINGS[tag]


_TOPICS: Final = (
    "the pension reform", "the trade agreement", "the budget plan", "the energy subsidy",
    "the housing bill", "the border dispute", "the climate package", "the tax overhaul",
    "the rail strike", "the health budget", "the port expansion", "the mining licence",
    "the wage deal", "the election law", "the fishing quota", "the water tariff",
)  # fmt: skip
_INSTITUTIONS: Final = (
    "ministry", "parliament", "senate", "central bank", "finance committee", "regional council",
    "electoral commission", "trade office", "cabinet office", "treasury",
)  # fmt: skip
_FILLERS: Final = (
    "{name} spoke to reporters in {city} on {weekday}.",
    "The remarks came as debate over {topic} intensified.",
    "Officials have been under pressure to act on {topic} for months.",
    "The {institution} is expected to vote on {topic} later this month.",
    "Analysts said the outcome remained uncertain.",
    "Several lawmakers have called for a review of {topic}.",
    "The {institution} did not immediately respond to a request for comment.",
    "Talks are set to resume in {city} next week.",
    "{name} has held the post since {year}.",
    "Opposition groups staged a protest outside the {institution} on {weekday}.",
    "The dispute over {topic} has dragged on for more than a year.",
    "Markets were little changed after the announcement.",
    "A final decision is not expected before the end of the year.",
    "The government has faced criticism over its handling of {topic}.",
    "Both sides are due to meet again in {month}.",
    "The {institution} published its own figures on {weekday}.",
)
_TITLE_VERBS: Final = ("defends", "questions", "backs", "warns over", "speaks on", "criticises")
_FRAGMENT_LEADS: Final = ("the plan was", "the proposal was", "the move was", "the decision was")
_ELISION_MARKS: Final = (" … ", " ... ", " [...] ")
_OUTLETS: Final = (
    "Meridian Wire", "Continental Press Service", "The Harbor Ledger", "Evening Courier",
    "Northern Sentinel", "Capital Dispatch", "Riverside Gazette", "The Daily Beacon",
    "Valley Chronicle", "Coastal Herald", "Metro Observer", "Plains Register",
)  # fmt: skip
_WIRES: Final = 2
_EPOCH: Final = _dt.date(2024, 1, 1)

#: relative frequency of each edit a non-wire outlet may plant.
_EDIT_WEIGHTS: Final[dict[str, int]] = {
    "verbatim": 22,
    "trimmed": 15,
    "elided": 9,
    "altered": 11,
    "paraphrased": 10,
    "negation": 8,
    "number": 7,
    "spliced": 7,
    "misattributed": 7,
}

# --------------------------------------------------------------------------- data model

Tok = tuple[str, str]  # (word, tag): N V A R content; AUX NEG NUM; F / FS function; P punctuation


@attrs.frozen
class Remark:
    """What a speaker actually said; ``unsupported`` remarks are quoted by one outlet only."""

    id: str
    speaker: str
    text: str
    unsupported: bool = False


@attrs.frozen
class PlantedQuote:
    """One quotation planted in one article, with the truth about it."""

    article: str
    text: str  # exact content between the marks
    speaker: str  # name printed with the quote
    remarks: tuple[str, ...]  # remark ids (two for spliced)
    verdict: str
    flags: tuple[str, ...]
    edit: str  # human-readable description of the edit


@attrs.frozen
class SyntheticCorpus:
    articles: tuple[Article, ...]
    quotes: tuple[PlantedQuote, ...]
    remarks: tuple[Remark, ...] = ()


@attrs.frozen
class _Remark:
    id: str
    speaker: str
    toks: tuple[Tok, ...]
    joint: int  # index of the token (comma or connector) that starts the second clause
    unsupported: bool = False


@attrs.frozen
class _Rendering:
    body: str  # without closing punctuation
    full: bool  # a whole sentence (may take sentence cue forms) rather than a fragment
    speaker: str
    remarks: tuple[str, ...]
    verdict: str
    flags: tuple[str, ...]
    edit: str


# --------------------------------------------------------------------------- token helpers


def _render(toks: Sequence[Tok], *, cap: bool) -> str:
    parts: list[str] = []
    for word, tag in toks:
        if tag == "P":
            if parts:
                parts[-1] += word
        else:
            parts.append(word)
    text = " ".join(parts)
    if cap and text:
        text = text[0].upper() + text[1:]
    return text


def _word_positions(toks: Sequence[Tok]) -> list[int]:
    return [i for i, (_, tag) in enumerate(toks) if tag != "P"]


def _span(toks: Sequence[Tok], words: list[int], first: int, last: int) -> list[Tok]:
    """Tokens from word ``first`` to word ``last`` inclusive (inner punctuation kept)."""
    return list(toks[words[first] : words[last] + 1])


def _ends_well(toks: Sequence[Tok], i: int) -> bool:
    """Whether a quoted fragment may end on token ``i``: a noun, a number or a predicate adjective."""
    word, tag = toks[i]
    following = toks[i + 1] if i + 1 < len(toks) else ("", "")
    if tag == "A":
        return following[1] != "N"
    if tag == "NUM":
        return following[0] not in _UNITS
    return tag == "N" or word in _UNITS


def _number_phrase(rng: random.Random) -> list[Tok]:
    kind = rng.randrange(6)
    if kind < 2:
        return [(("by", "to")[kind], "F"), (str(rng.randint(2, 45)), "NUM"), ("percent", "F")]
    if kind < 4:
        unit = ("million", "billion")[kind - 2]
        return [("by", "F"), (str(rng.randint(2, 90)), "NUM"), (unit, "F")]
    prep = ("since", "by", "before")[rng.randrange(3)]
    year = rng.randint(1995, 2019) if prep == "since" else rng.randint(2025, 2035)
    return [(prep, "F"), (str(year), "NUM")]


class _Builder:
    """All state of one synthetic world: random stream, outlets, recent remarks."""

    def __init__(
        self, seed: int, outlets: int, style: str, speakers: Sequence[str], vocabulary: str = "lexicon"
    ) -> None:
        if outlets < _WIRES:
            raise ValueError(f"need at least {_WIRES} outlets (the wires), got {outlets}")
        if style != "mixed" and style not in QUOTE_STYLES:
            raise ValueError(f"style must be 'mixed' or one of {sorted(QUOTE_STYLES)}, got {style!r}")
        self.rng = random.Random(seed)
        self.outlets = outlets
        names = sorted(QUOTE_STYLES)
        offset = self.rng.randrange(len(names))
        self.styles = [
            QUOTE_STYLES[style] if style != "mixed" else QUOTE_STYLES[names[(o + offset) % len(names)]]
            for o in range(outlets)
        ]
        self.outlet_names = [_OUTLETS[o] if o < len(_OUTLETS) else f"Outlet {o}" for o in range(outlets)]
        self.speakers = list(speakers)
        self.recent: deque[_Remark] = deque(maxlen=64)
        self.next_remark = 0
        self.next_story = 0
        if vocabulary not in VOCABULARIES:
            raise ValueError(f"vocabulary must be one of {VOCABULARIES}, got {vocabulary!r}")
        self.news = vocabulary == "news"

    # ----------------------------------------------------------------- remarks

    def _word(self, tag: str) -> Tok:
        if self.news:
            cumulative = _zipf_cumulative()
            return (_news_word(tag, bisect.bisect_left(cumulative, self.rng.random() * cumulative[-1])), tag)
        return (self.rng.choice(_BY_TAG[tag]), tag)

    def _clause(self, *, negated: bool) -> list[Tok]:
        rng = self.rng
        r = rng.random()
        if r < 0.2:
            toks: list[Tok] = [("we", "FS")]
        elif r < 0.5:
            toks = [("the", "FS"), self._word("A"), self._word("N")]
        elif r < 0.7:
            toks = [("our", "FS"), self._word("N")]
        elif r < 0.85:
            toks = [("this", "FS"), self._word("N")]
        else:
            toks = [("the", "FS"), self._word("N"), ("of", "F"), ("the", "F"), self._word("N")]
        negator: list[Tok] = [(rng.choice(_NEGATORS), "NEG")] if negated else []
        if toks[0][0] != "we" and rng.random() < 0.25:
            toks += [("is", "AUX"), *negator]
            if rng.random() < 0.4:
                toks.append(self._word("R"))
            toks.append(self._word("A"))
            if rng.random() < 0.5:
                toks += [("for", "F"), ("the", "F"), self._word("N")]
            return toks
        toks += [(rng.choice(_AUXILIARIES), "AUX"), *negator]
        if rng.random() < 0.4:
            toks.append(self._word("R"))
        toks.append(self._word("V"))
        r = rng.random()
        if r < 0.6:
            toks.append(("the", "FS"))
            if rng.random() < 0.6:
                toks.append(self._word("A"))
            toks.append(self._word("N"))
            if rng.random() < 0.35:
                toks += [("of", "F"), self._word("A"), self._word("N")]
        elif r < 0.75:
            toks += [("every", "F"), self._word("N")]
        else:
            toks += [("our", "FS"), self._word("A"), self._word("N")]
        if rng.random() < 0.3:
            toks += [("in", "F"), ("the", "F"), self._word("A"), self._word("N")]
        return toks

    def _sentence(self) -> tuple[tuple[Tok, ...], int]:
        rng = self.rng
        while True:
            neg = rng.randrange(6)  # clause 0 or 1 negated with probability 1/3 in all
            first = self._clause(negated=neg == 0)
            second = self._clause(negated=neg == 1)
            if rng.random() < 0.45:
                (first if rng.random() < 0.5 else second).extend(_number_phrase(rng))
            if rng.random() < 0.6:
                conn = rng.choice(_COMMA_CONNECTORS)
                toks = [*first, (",", "P"), (conn, "FS" if conn in _FUNCTION_SWAPS else "F"), *second]
            else:
                conn = rng.choice(_PLAIN_CONNECTORS)
                toks = [*first, (conn, "FS" if conn in _FUNCTION_SWAPS else "F"), *second]
            if 12 <= len(_word_positions(toks)) <= 24:
                return tuple(toks), len(first)

    def new_remark(self, speaker: str, *, unsupported: bool = False) -> _Remark:
        self.next_remark += 1
        toks, joint = self._sentence()
        return _Remark(f"r{self.next_remark:04d}", speaker, toks, joint, unsupported)

    # ----------------------------------------------------------------- edits

    def _verbatim_body(self, toks: Sequence[Tok]) -> tuple[str, str]:
        """Same words; at most a case or comma change."""
        rng = self.rng
        options = ["quote marks only", "first letter lowercased"]
        commas = [i for i, (_, tag) in enumerate(toks) if tag == "P"]
        if commas:
            options.append("comma dropped")
        plain = [i for i, (w, _) in enumerate(toks) if i and w in _PLAIN_CONNECTORS]
        if plain:
            options.append("comma added")
        choice = rng.choice(options)
        if choice == "first letter lowercased":
            return _render(toks, cap=False), "verbatim: first letter lowercased"
        if choice == "comma dropped":
            i = rng.choice(commas)
            return _render([*toks[:i], *toks[i + 1 :]], cap=True), "verbatim: comma dropped"
        if choice == "comma added":
            i = rng.choice(plain)
            return _render([*toks[:i], (",", "P"), *toks[i:]], cap=True), "verbatim: comma added"
        return _render(toks, cap=True), "verbatim: quote marks only"

    def _trim(self, toks: Sequence[Tok]) -> tuple[str, str]:
        rng = self.rng
        words = _word_positions(toks)
        n = len(words)
        while True:
            length = rng.randint(5, min(n - 2, 12))
            start = rng.randint(0, n - length)
            while length > 5 and not _ends_well(toks, words[start + length - 1]):
                length -= 1
            if _ends_well(toks, words[start + length - 1]):
                break
        span = _span(toks, words, start, start + length - 1)
        while span and span[-1][1] == "P":
            span.pop()
        return _render(span, cap=start == 0), f"trimmed to words {start + 1}-{start + length} of {n}"

    def _elide(self, toks: Sequence[Tok]) -> tuple[str, bool, str]:
        rng = self.rng
        words = _word_positions(toks)
        n = len(words)
        while True:
            first_len, gap = rng.randint(3, 5), rng.randint(2, 4)
            second_len = min(rng.randint(3, 6), n - first_len - gap)
            total = first_len + gap + second_len
            if rng.random() < 0.4:
                second_len += n - total  # run to the end of the remark
                total = n
            start = 0 if rng.random() < 0.5 else rng.randint(0, n - total)
            second = start + first_len + gap
            while second_len > 3 and not _ends_well(toks, words[second + second_len - 1]):
                second_len -= 1
            if _ends_well(toks, words[second + second_len - 1]):
                break
        full = start == 0 and second + second_len == n
        one = _span(toks, words, start, start + first_len - 1)
        two = _span(toks, words, second, second + second_len - 1)
        for run in (one, two):
            while run and run[-1][1] == "P":
                run.pop()
        mark = rng.choice(_ELISION_MARKS)
        body = _render(one, cap=start == 0) + mark + _render(two, cap=False)
        desc = (
            f"elided words {start + first_len + 1}-{second} of {n} with {mark.strip()!r}"
            f" (kept {start + 1}-{start + first_len} and {second + 1}-{second + second_len})"
        )
        return body, full, desc

    def _alter(self, toks: Sequence[Tok]) -> tuple[str, str]:
        rng = self.rng
        out = list(toks)
        last = len(out) - 1
        content = [i for i, (_, tag) in enumerate(out) if tag in _BY_TAG and 0 < i < last]
        droppable = [i for i in content if out[i][1] == "R" or (out[i][1] == "A" and out[i + 1][1] == "N")]
        verbs = [i for i in content if out[i][1] == "V" and out[i - 1][1] != "R"]
        ops = ["substitute one", "substitute two"]
        if droppable:
            ops.append("drop")
        if verbs:
            ops.append("add")
        op = rng.choice(ops)
        if op == "drop":
            i = rng.choice(droppable)
            dropped = out.pop(i)[0]
            return _render(out, cap=True), f"altered: dropped {dropped!r}"
        if op == "add":
            i = rng.choice(verbs)
            added = self._word("R")
            out.insert(i, added)
            return _render(out, cap=True), f"altered: added {added[0]!r}"
        changes = []
        for i in rng.sample(content, 1 if op == "substitute one" else 2):
            old, tag = out[i]
            new = old
            while new == old:
                new = rng.choice(_BY_TAG[tag])
            out[i] = (new, tag)
            changes.append(f"{old!r} -> {new!r}")
        return _render(out, cap=True), "altered: " + ", ".join(changes)

    def _paraphrase(self, toks: Sequence[Tok]) -> tuple[str, str]:
        rng = self.rng
        out = list(toks)
        n = len(_word_positions(out))
        k = round(n * rng.uniform(0.35, 0.45))
        content = [i for i, (_, tag) in enumerate(out) if tag in _BY_TAG]
        function = [i for i, (_, tag) in enumerate(out) if tag == "FS"]
        rng.shuffle(content)
        rng.shuffle(function)
        chosen = (content + function)[:k]
        for i in chosen:
            old, tag = out[i]
            if tag == "FS":
                new = rng.choice(_FUNCTION_SWAPS[old])
            else:
                new = old
                while new == old:
                    new = rng.choice(_BY_TAG[tag])
            out[i] = (new, tag)
        return _render(out, cap=True), f"paraphrased: {len(chosen)} of {n} words replaced"

    def _negate(self, toks: Sequence[Tok]) -> tuple[str, str]:
        out = list(toks)
        for i, (word, tag) in enumerate(out):
            if tag == "NEG":
                del out[i]
                return _render(out, cap=True), f"negation: removed {word!r} after {out[i - 1][0]!r}"
        i = next(i for i, (_, tag) in enumerate(out) if tag == "AUX")
        out.insert(i + 1, ("not", "NEG"))
        return _render(out, cap=True), f"negation: inserted 'not' after {out[i][0]!r}"

    def _renumber(self, toks: Sequence[Tok]) -> tuple[str, str]:
        rng = self.rng
        out = list(toks)
        i = rng.choice([i for i, (_, tag) in enumerate(out) if tag == "NUM"])
        old = int(out[i][0])
        new = old
        while new == old:
            new = old + rng.choice((-1, 1)) * rng.randint(1, 6) if old > 1900 else rng.randint(2, 95)
        out[i] = (str(new), "NUM")
        return _render(out, cap=True), f"number: {old} -> {new}"

    def _splice(self, remark: _Remark, other: _Remark) -> tuple[str, str]:
        """First clause of ``remark`` joined to the connector and second clause of ``other``."""
        head = remark.toks[: remark.joint]
        tail = other.toks[other.joint :]
        return (
            _render([*head, *tail], cap=True),
            f"spliced: first {len(_word_positions(head))} words + last {len(_word_positions(tail))}"
            f" words of {other.id}",
        )

    def _partner(self, remark: _Remark, story: Sequence[_Remark]) -> _Remark | None:
        pool = [r for r in (*story, *self.recent) if r.id != remark.id and not r.unsupported]
        same = [r for r in pool if r.speaker == remark.speaker]
        if same:
            return self.rng.choice(same)
        return self.rng.choice(pool) if pool else None

    def render_edit(self, remark: _Remark, story: Sequence[_Remark], speakers: Sequence[str]) -> _Rendering:
        rng = self.rng
        toks = remark.toks
        partner = self._partner(remark, story)
        edits = [
            e
            for e in _EDIT_WEIGHTS
            if (e != "number" or any(tag == "NUM" for _, tag in toks)) and (e != "spliced" or partner)
        ]
        edit = rng.choices(edits, weights=[_EDIT_WEIGHTS[e] for e in edits])[0]
        ids = (remark.id,)
        if edit == "verbatim":
            body, desc = self._verbatim_body(toks)
            return _Rendering(body, True, remark.speaker, ids, "verbatim", (), desc)
        if edit == "trimmed":
            body, desc = self._trim(toks)
            return _Rendering(body, False, remark.speaker, ids, "trimmed", (), desc)
        if edit == "elided":
            body, full, desc = self._elide(toks)
            return _Rendering(body, full, remark.speaker, ids, "elided", (), desc)
        if edit == "altered":
            body, desc = self._alter(toks)
            return _Rendering(body, True, remark.speaker, ids, "altered", (), desc)
        if edit == "paraphrased":
            body, desc = self._paraphrase(toks)
            return _Rendering(body, True, remark.speaker, ids, "paraphrased", (), desc)
        if edit == "negation":
            body, desc = self._negate(toks)
            return _Rendering(body, True, remark.speaker, ids, "altered", ("negation",), desc)
        if edit == "number":
            body, desc = self._renumber(toks)
            return _Rendering(body, True, remark.speaker, ids, "altered", ("number",), desc)
        if edit == "spliced":
            assert partner is not None
            body, desc = self._splice(remark, partner)
            return _Rendering(body, True, remark.speaker, (remark.id, partner.id), "spliced", (), desc)
        others = [s for s in speakers if s != remark.speaker]
        if not others:
            others = [s for s in self.speakers if s != remark.speaker]
        wrong = rng.choice(others)
        desc = f"misattributed to {wrong} (said by {remark.speaker})"
        return _Rendering(_render(toks, cap=True), True, wrong, ids, "misattributed", (), desc)

    # ----------------------------------------------------------------- articles

    def _quote_sentence(self, r: _Rendering, style: tuple[str, str]) -> tuple[str, str]:
        """The sentence carrying one quote, and the exact text between its marks."""
        rng = self.rng
        opening, closing = style
        name = r.speaker
        if not r.full:
            lead = rng.choice(_FRAGMENT_LEADS)
            return f"{name} said {lead} {opening}{r.body}{closing}.", r.body
        form = rng.randrange(3)
        if form == 0:
            text = r.body + ","
            return f"{opening}{text}{closing} {name} said.", text
        if form == 1:
            text = r.body + "."
            return f"{name} said: {opening}{text}{closing}", text
        text = r.body + ","
        return f"{opening}{text}{closing} said {name}.", text

    def _filler(self, names: Sequence[str], topic: str, institution: str) -> str:
        rng = self.rng
        return rng.choice(_FILLERS).format(
            name=rng.choice(names),
            city=rng.choice(_CITIES),
            weekday=rng.choice(_WEEKDAYS),
            month=rng.choice(_MONTHS),
            topic=topic,
            institution=institution,
            year=rng.randint(2008, 2023),
        )

    def story(
        self,
        size: int,
        *,
        speakers: Sequence[str],
        include: float,
        fillers: tuple[int, int],
        max_sentences: int | None,
    ) -> Iterator[tuple[Article, list[PlantedQuote], list[_Remark]]]:
        """Articles of one story, one per outlet, with their quotes and the story's new remarks."""
        rng = self.rng
        story_no = self.next_story
        self.next_story += 1
        cast = rng.sample(list(speakers), min(len(speakers), rng.randint(1, min(3, size) + 1)))
        remarks = [self.new_remark(rng.choice(cast)) for _ in range(size)]
        unsupported_outlet = None
        new = list(remarks)
        if rng.random() < 0.35:
            new.append(self.new_remark(rng.choice(cast), unsupported=True))
            unsupported_outlet = rng.randrange(_WIRES, self.outlets) if self.outlets > _WIRES else 0
        topic = rng.choice(_TOPICS)
        institution = rng.choice(_INSTITUTIONS)
        published = (_EPOCH + _dt.timedelta(days=story_no % 3650)).isoformat()
        for o in range(self.outlets):
            article_id = f"outlet{o}-story{story_no}"
            renderings: list[_Rendering] = []
            if o < _WIRES:
                for remark in remarks:
                    body = _render(remark.toks, cap=True)
                    renderings.append(
                        _Rendering(
                            body, True, remark.speaker, (remark.id,), "verbatim", (), "verbatim (wire copy)"
                        )
                    )
            else:
                chosen = [r for r in remarks if rng.random() < include] or [rng.choice(remarks)]
                renderings.extend(self.render_edit(r, remarks, cast) for r in chosen)
            if o == unsupported_outlet:
                u = new[-1]
                renderings.insert(
                    rng.randint(0, len(renderings)),
                    _Rendering(
                        _render(u.toks, cap=True),
                        True,
                        u.speaker,
                        (u.id,),
                        "unsupported",
                        (),
                        "unsupported: quoted by this outlet only",
                    ),
                )
            lo, hi = fillers
            if max_sentences is not None:
                hi = max(lo, min(hi, max_sentences - len(renderings)))
                lo = max(lo, 4 - len(renderings))
            n_fill = rng.randint(lo, max(lo, hi))
            sentences: list[str] = []
            quotes: list[PlantedQuote] = []
            for r in renderings:
                sentence, text = self._quote_sentence(r, self.styles[o])
                sentences.append(sentence)
                quotes.append(
                    PlantedQuote(article_id, text, r.speaker, r.remarks, r.verdict, r.flags, r.edit)
                )
            lead = self._filler(cast, topic, institution)
            for _ in range(n_fill - 1):
                sentences.insert(rng.randint(0, len(sentences)), self._filler(cast, topic, institution))
            sentences.insert(0, lead)
            paragraphs: list[str] = []
            i = 0
            while i < len(sentences):
                step = rng.randint(1, 2)
                paragraphs.append(" ".join(sentences[i : i + step]))
                i += step
            main = cast[0].split()[-1]
            title = f"{main} {rng.choice(_TITLE_VERBS)} {topic.removeprefix('the ')}"
            slug = self.outlet_names[o].lower().replace(" ", "-")
            article = Article(
                id=article_id,
                text="\n\n".join(paragraphs),
                title=title,
                source=self.outlet_names[o],
                published=published,
                url=f"https://{slug}.example.com/{published}/{article_id}",
            )
            yield article, quotes, (new if o == 0 else [])
        self.recent.extend(remarks)


def _public(remark: _Remark) -> Remark:
    return Remark(remark.id, remark.speaker, _render(remark.toks, cap=True) + ".", remark.unsupported)


def generate(*, seed: int, remarks: int = 40, outlets: int = 6, style: str = "mixed") -> SyntheticCorpus:
    """A small corpus: ``remarks`` supported remarks (plus a few unsupported ones) in 2–4-remark stories.

    Every outlet writes one article of 4–12 sentences per story.
    """
    if remarks < 1:
        raise ValueError("need at least one remark")
    rng = random.Random(seed)
    pool = rng.sample(NAMES, min(len(NAMES), max(4, remarks // 2)))
    builder = _Builder(rng.randrange(2**32), outlets, style, pool)
    sizes: list[int] = []
    left = remarks
    while left:
        size = left if left <= 4 else rng.randint(2, 4)
        if left - size == 1:
            size -= 1
        sizes.append(size)
        left -= size
    articles: list[Article] = []
    quotes: list[PlantedQuote] = []
    all_remarks: list[Remark] = []
    for size in sizes:
        for article, planted, new in builder.story(
            size, speakers=pool, include=0.8, fillers=(1, 7), max_sentences=12
        ):
            articles.append(article)
            quotes.extend(planted)
            all_remarks.extend(_public(r) for r in new)
    return SyntheticCorpus(tuple(articles), tuple(quotes), tuple(all_remarks))


def iter_annotated(
    *, seed: int, quotes: int, outlets: int = 6, style: str = "mixed", vocabulary: str = "lexicon"
) -> Iterator[tuple[Article, tuple[PlantedQuote, ...]]]:
    """Stream articles (~8–12 quotes each) with their planted quotes until ``quotes`` are planted.

    The last article may overshoot the count by less than one article's worth.

    ``vocabulary``: "lexicon" draws every content word evenly from one fixed lexicon
    of about 1,060 words, so at 100,000 quotes the average word is held by about 900
    segments (the index's worst case: postings grow with the corpus). "news" draws
    them as words occur in text, by Zipf's law (frequency ∝ 1/rank) over
    50,000 words per part of speech: the lexicon's words first, then made-up ones,
    so common words are very common and most words rare, as in news.
    """
    builder = _Builder(seed, outlets, style, NAMES, vocabulary)
    done = 0
    while done < quotes:
        size = builder.rng.randint(9, 13)
        for article, planted, _ in builder.story(
            size, speakers=NAMES, include=0.85, fillers=(2, 6), max_sentences=None
        ):
            yield article, tuple(planted)
            done += len(planted)
            if done >= quotes:
                return


def iter_articles(
    *, seed: int, quotes: int, outlets: int = 6, style: str = "mixed", vocabulary: str = "lexicon"
) -> Iterator[Article]:
    """Stream a large corpus lazily: articles of ~8–12 quotes each until ``quotes`` are planted
    (``vocabulary``: see :func:`iter_annotated`)."""
    for article, _ in iter_annotated(
        seed=seed, quotes=quotes, outlets=outlets, style=style, vocabulary=vocabulary
    ):
        yield article
