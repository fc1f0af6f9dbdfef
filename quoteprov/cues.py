"""Attribution lexicons: cue verbs, source phrases, titles, role nouns, pronouns.

Data only; :mod:`quoteprov.attribute` reads it. English first, with the common
French, German, Russian and Spanish forms. All entries are lower case.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "AUXILIARIES",
    "CAPITALISED_STOPWORDS",
    "CUE_VERBS",
    "DATE_WORDS",
    "FEMALE_HONORIFICS",
    "FEMALE_PRONOUNS",
    "FUNCTION_WORDS",
    "INVERTED_PRONOUNS",
    "MALE_HONORIFICS",
    "MALE_PRONOUNS",
    "NAME_PARTICLES",
    "ORG_WORDS",
    "PLACE_WORDS",
    "ROLE_DETERMINERS",
    "ROLE_NOUNS",
    "SAY_VERBS",
    "SCARE_AFTER",
    "SCARE_BEFORE",
    "SOURCE_PHRASES",
    "SPEECH_NOUNS",
    "TITLE_NOUNS",
    "TITLE_WORDS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Verbs (and participles) that present words as someone's, per language.
CUE_VERBS: Final[dict[str, frozenset[str]]] = {
    "en": _words(
        """accused acknowledged added adding adds admits admitted announced answered argued argues
        arguing asked asking asks asserted asserting asserts boasted bragged called calling
        cautioned claimed claiming commented complained conceded concluded concluding confirmed
        confirming contended continued countered declared declares declaring decried decrying
        described describes describing dismissed dismissing dubbed emphasised emphasized emphasizes
        emphasizing explained explaining explains hailed insisted insisting insists joked labeled
        labelled lamented maintained mocked muttered noted noting observed pledged posted predicted
        proclaimed proclaiming promised quip quipped railed reasoned recalled referred reiterated
        reiterating remarked replied replies replying responded responds retorted said saying says
        scoffed shouted stated stating stressed stresses stressing suggested suggesting telling
        tells termed testified told touted tweeted tweeting tweets urged vowed vowing vows warned
        warns whispered writes writing wrote yelled""",
    ),
    "fr": _words(
        """dit déclaré déclare affirme affirmé ajoute ajouté souligne souligné estime estimé
        explique expliqué averti avertit indique indiqué précise précisé poursuit poursuivi
        assure assuré lance lancé martèle martelé insiste insisté répond répondu""",
    ),
    "de": _words(
        """sagte sagt sagten erklärte erklärt betonte betont meinte meint warnte warnt schrieb
        schreibt fügte fragte fragt antwortete behauptete kritisierte so""",
    ),
    "ru": _words(
        """сказал сказала сказали заявил заявила заявили отметил отметила подчеркнул подчеркнула
        добавил добавила сообщил сообщила пояснил пояснила написал написала ответил ответила
        считает предупредил предупредила""",
    ),
    "es": _words(
        """dijo dice afirmó afirma declaró declara señaló señala añadió agregó explicó aseguró
        asegura advirtió indicó sostuvo manifestó subrayó""",
    ),
    "pl": _words("""powiedział powiedziała stwierdził stwierdziła dodał dodała oświadczył oświadczyła"""),
}

#: Determiners before a role noun ("the minister", "le ministre", "die Ministerin").
ROLE_DETERMINERS: Final = _words("the this that le la les l' der die das dem den el los las")

#: Pronouns that are a speaker only right after a cue verb (German "sagte sie").
INVERTED_PRONOUNS: Final = _words("sie")

#: Auxiliaries that may stand between a quote and its cue verb ("», a déclaré X").
AUXILIARIES: Final = _words("a ha hat has have had est ont habe hatte")

#: Nouns that, just before a quote, make it a work's title ("the novel ‘Night Harbor’").
TITLE_NOUNS: Final = _words(
    """book novel film movie song album show series programme program play poem documentary
    podcast painting titled entitled headlined roman livre chanson émission buch lied sendung
    libro novela película canción роман книга фильм песня статья""",
)

#: The plain reporting verbs: after a quote that ends its sentence, only these
#: reach back to it ("…!” Mr. Calderón told CNBC.), not "He also dismissed …".
SAY_VERBS: Final = _words(
    """said says told tells added adds asked asks wrote writes tweeted stated continued explained
    replied responded declared noted insisted argued warned recalled concluded
    dit déclaré ajouté sagte sagt erklärte сказал сказала заявил заявила добавил dijo afirmó añadió""",
)

#: Phrases that name a source after them: "according to X".
SOURCE_PHRASES: Final = ("according to", "selon", "d'après", "d’après", "laut", "по словам", "según")

#: Honorifics and office words that precede a name; stripped from the name.
TITLE_WORDS: Final = _words(
    """mr mrs ms miss mx dr prof sen rep gov gen lt col sgt capt adm rev fr st president vice prime
    minister foreign secretary senator representative governor judge justice chancellor king queen
    prince princess pope speaker leader chairman chairwoman chair director ambassador general
    admiral mayor commissioner sheikh rabbi deputy chief former retired whip minority majority
    attorney spokesman spokeswoman monsieur m mme madame herr frau señor señora sr sra don doña sir
    dame lord lady premier emir ayatollah presidente ministre ministro министр президент
    representatives senators reps sens ministers presidents governors justices
    ministerin kanzler kanzlerin bundeskanzler bundeskanzlerin präsident präsidentin sprecher
    sprecherin bürgermeister bürgermeisterin ministra presidenta portavoz alcalde alcaldesa
    porte-parole maire députée député sénateur sénatrice министра президента
    господин госпожа analyst correspondent""",
)
MALE_HONORIFICS: Final = _words("mr monsieur m herr señor sr sir lord господин")
FEMALE_HONORIFICS: Final = _words("mrs ms miss mme madame frau señora sra dame lady госпожа")
MALE_PRONOUNS: Final = _words("he il er он él")
FEMALE_PRONOUNS: Final = _words("she elle она ella")

#: Lower-case words inside names of people ("Ludwig van Beethoven").
NAME_PARTICLES: Final = _words("de da das do dos van von der den ter bin ibn al el la le du di del y")

#: Nouns that stand for a person already named: "the minister said".
ROLE_NOUNS: Final = _words(
    """minister diplomat president speaker senator secretary spokesman spokeswoman spokesperson
    official lawmaker congresswoman congressman justice judge journalist reporter analyst governor
    leader chairman chairwoman chair expert adviser advisor ambassador envoy professor lawyer
    general director chief head candidate nominee mayor premier chancellor prosecutor
    representative researcher scientist economist commander officer activist author writer
    executive founder politician legislator specialist mogul tycoon billionaire front-runner
    democrat republican member strategist correspondent commentator
    ministre président présidente porte-parole député députée sénateur maire ministro ministra
    presidente portavoz alcalde alcaldesa diputado diputada ministerin präsident präsidentin
    sprecher sprecherin kanzler kanzlerin bürgermeister министр президент глава представитель
    депутат мэр""",
)

#: Words that make a capitalised phrase a body (which may speak), not a person.
ORG_WORDS: Final = _words(
    """court committee council university college school institute ministry department agency
    service services news times post journal press network group party forces army navy bank
    company corporation inc ltd union federation nations organization organisation association
    society foundation center centre house senate congress parliament assembly church hospital
    security unit board commission fund reserve media radio television tv online daily weekly
    herald tribune guardian telegraph reuters office administration government campaign""",
)

#: Words that make a capitalised phrase a place or a thing, never a speaker.
PLACE_WORDS: Final = _words(
    """republic kingdom states garden street square peninsula sea ocean river island islands
    valley city county province region airport station north south east west northern southern
    eastern western central new twitter facebook plan treaty law blog africa america europe asia
    korea russia china ukraine iran israel mexico france britain germany japan india pakistan
    syria iraq afghanistan canada brazil turkey poland spain italy""",
)

#: Days and months: capitalised, never speakers.
DATE_WORDS: Final = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december""",
)

#: Nouns for what someone said: "Lavrov’s emphasis on «timely conclusions»".
SPEECH_NOUNS: Final = _words(
    """words remarks remark comments comment statement statements argument claim claims assertion
    emphasis reference message warning warnings promise pledge vow description phrase phrasing
    language view views words rhetoric characterization label""",
)

#: Words that may follow a quoted fragment in running prose; any other lower-case
#: word right after it makes the fragment a modifier (a "door-to-door" campaign).
FUNCTION_WORDS: Final = _words(
    """of to in on at by for from with and or but as that which who whom whose when where while than
    then is are was were be been being has have had will would could should may might can cannot
    not it he she they we i you his her their its our my your a an the this these those about into
    over after before since if because so yet nor out up down off also even just only still during
    against without within among between through under until unless though although whether since
    per via amid despite said says""",
)

#: Capitalised words that start sentences but never names.
CAPITALISED_STOPWORDS: Final = _words(
    """the a an in on at but and or if when while as for to of it he she they we i you this that
    these those his her their our my its your after before during since until without with
    according asked speaking talking why what how who where there here then now yet so still
    also even just only however meanwhile regardless despite although though because once
    earlier later today yesterday tomorrow some many most all any each every no not both either
    neither one two three four five six seven eight nine ten first last next other another such
    by from into over under about against between through like unlike among amid within
    le la les un une des il elle der die das ein eine er sie el los las una él ella он она
    selon laut según zufolge""",
)

#: Words just before a fragment that mark it as a term mentioned, not words used.
SCARE_BEFORE: Final = ("so-called", "so called", "the term", "the word", "the phrase", "dubbed")
#: Words just after a fragment that mark it as a term mentioned.
SCARE_AFTER: Final = ("a term", "a word", "a phrase", "a euphemism", "as it is called")
