"""Cohesion: which sentences lean on another one, so that a brief never shows one without it.

A news sentence often reads only after the one before it: it opens on "He" or "But", says "also",
or names a thing by a definite description ("the new document", "the leaders") that its article
introduced earlier. Extracted on its own, such a sentence points at nothing. This module finds
those links; selection then takes a leaning sentence only with what it leans on, and the brief's
order keeps it after that.

Two kinds of link, each with a reason a reader would give:
- `on_previous`: the sentence continues the one before it in its article (a pronoun or connective
  opening it, an additive "also", a personal pronoun before any name, a quotation with no speaker).
  It may stand in a brief only right after that sentence, or a sentence saying the same thing; an
  article's first sentence that opens on a connective ("But once in a great while ...") never.
- `needs`: stems of definite descriptions whose head noun its article used earlier ("the document"
  after "a new security cooperation document"), and of names given bare that its article gave in full
  earlier ("Castellon" after "Manuel Garcia Castellon"). Some earlier brief sentence must mention it.
- `needs_any`: a sentence that adds to something ("Kishida is also slated to visit Belgium") needs
  an earlier brief sentence about its subject: one of the stems of its opening noun phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from .language.words import QUOTATION
from .segment import stemmer, stop_words
from .types import SegmentedDocument, Sentence

# Words that, opening a sentence, point back at the sentence before. Per language; a language without a
# row has no opener rule. Pronouns and demonstratives point at something named before:
POINTERS: dict[str, frozenset[str]] = {
    "english": frozenset(
        "he she him his her hers they them their theirs it its this these those that such there another "
        "other others both either neither which".split()  # "Which is a good thing for ...": a relative clause
    ),
    "french": frozenset("il elle ils elles lui leur leurs son sa ses ce cet cette ces cela ceci celui celle ceux "
                        "celles".split()),
    "german": frozenset("er sie es ihm ihn ihr ihre ihrem ihren sein seine seinem seinen dies diese dieser "
                        "dieses".split()),
    "spanish": frozenset("él ella ellos ellas su sus este esta estos estas eso esto".split()),
    "italian": frozenset("lui lei egli ella essi esse suo sua suoi sue questo questa questi queste".split()),
    "portuguese": frozenset("ele ela eles elas seu sua seus suas este esta estes estas isso isto".split()),
    "greek": frozenset("αυτός αυτή αυτό αυτοί αυτές αυτά αυτού αυτής αυτών του της των τους".split()),
    "czech": frozenset("on ona ono oni ony jeho její jejich jemu tento tato toto tyto tito ten ta to tohoto této "
                       "těchto tomto".split()),
    "polish": frozenset("on ona ono oni one jego jej ich jemu ten ta to te ci".split()),
    "swedish": frozenset("han hon den det de hans hennes deras dess denna detta dessa".split()),
}
# connectives join the sentence to one before it ("But", "However"). A text's first sentence that opens
# on one continues something the text does not hold (a paste begun mid-article): it stands nowhere.
CONNECTIVES: dict[str, frozenset[str]] = {
    "english": frozenset(
        "but and or so yet still also however meanwhile moreover furthermore besides nevertheless "
        "nonetheless instead likewise similarly then thus therefore hence secondly thirdly finally lastly "
        "now".split()  # "Now there are just 5,000.": now, against a then the sentence before told
    ),
    "french": frozenset("mais et ou donc aussi également cependant pourtant toutefois néanmoins ensuite puis "
                        "ainsi".split()),
    "german": frozenset("aber und oder auch jedoch dennoch dann daher deshalb".split()),
    "spanish": frozenset("pero y o también sin embargo además luego así".split()),
    "italian": frozenset("ma e o anche però inoltre quindi poi".split()),
    "portuguese": frozenset("mas e ou também porém além então assim".split()),
    "greek": frozenset("επίσης όμως αλλά και ή ωστόσο επομένως".split()),
    "czech": frozenset("ale a nebo také však proto pak nicméně avšak přesto navíc rovněž taktéž též".split()),
    "polish": frozenset("ale i lub także również jednak więc potem".split()),
    "swedish": frozenset("men och eller också även dock sedan därför".split()),
}
# Openings on a connective that make a subordinate clause instead, which the sentence itself completes ("Now
# that the officer has been convicted, the city ...").
SUBORDINATING_OPENINGS: dict[str, frozenset[str]] = {
    "english": frozenset({"now that", "so that"}),
}
# Verbs of saying that, with their subject left out, leave the speaker to the sentence before: opening a
# sentence ("Dodal, že ..." = "He added that ...") or alone after a quotation ('"...", řekl.' = '"...," he said.').
UNNAMED_SPEAKER_VERBS: dict[str, tuple[str, ...]] = {
    "czech": ("dodal", "dodala", "dodali", "uvedl", "uvedla", "uvedli", "řekl", "řekla", "řekli", "prohlásil",
              "prohlásila", "prohlásili", "doplnil", "doplnila"),
}
# A form of "to be" opening a sentence, a participle or adjective, then a preposition: the subject was left
# out, and the sentence before names it (Czech "Byl spatřen ve stanici Luton" = "He was seen at Luton
# station"; "Je obviněn ze spolčení" = "He is charged with conspiracy"). Impersonal "bylo" ("Bylo rozhodnuto
# o ...", "It was decided to ...") needs no one.
DROPPED_SUBJECT_AUXILIARIES: dict[str, frozenset[str]] = {
    "czech": frozenset("byl byla byli byly je jsou bude budou".split()),
}
PREPOSITIONS: dict[str, frozenset[str]] = {
    "czech": frozenset("v ve na do z ze k ke s se o u po při za pro před pod nad mezi od přes kvůli podle během "
                       "bez".split()),
}
# Connective phrases that do the same when a comma sets them off ("In addition, ..." but not "In addition to
# the dead, ...", which says what it adds to).
CONNECTIVE_PHRASES: dict[str, tuple[str, ...]] = {
    "english": ("in addition", "by contrast", "in contrast", "as a result", "in comparison", "on the other hand",
                "for example", "for instance", "even so", "in response", "in turn", "in that case", "second",
                "third"),
    "french": ("en comparaison", "par ailleurs", "en revanche", "en outre", "de plus", "par conséquent",
               "en effet", "par exemple", "pour sa part", "de son côté"),
    "german": ("zum beispiel", "im gegensatz dazu"),
    "spanish": ("por ejemplo", "en cambio", "por otra parte", "por lo tanto", "en comparación"),
    "czech": UNNAMED_SPEAKER_VERBS["czech"],
}
# Inside a sentence, set off by commas, these contrast it with or draw it from the sentence before ("The
# plan, however, failed."); other connectives there ("meanwhile") read on their own.
INTERJECTED: dict[str, frozenset[str]] = {
    "english": frozenset("however nevertheless nonetheless therefore instead though".split()),
    "french": frozenset("cependant toutefois pourtant néanmoins donc".split()),
}
# Contrasting particles that stand inside a clause without commas ("Reportér ... nicméně řekl, že ..." = "The
# reporter, however, said that ..."), as Czech, Greek, German and Polish place them. In the sentence's first
# clause they contrast it with the sentence before; after a comma, with its own first clause ("Exports rose,
# imports however fell"), which reads on its own.
CONTRASTING_PARTICLES: dict[str, frozenset[str]] = {
    "czech": frozenset("však nicméně ovšem avšak ale".split()),  # "ale" joining two clauses follows a comma
    "greek": frozenset("όμως ωστόσο".split()),
    "german": frozenset("jedoch allerdings".split()),
    "polish": frozenset({"jednak"}),
}
# Pointing words that, ending a short phrase fronted by a comma ("Of these, 80 percent are boys."; "Despite
# that, ..."), point at what the sentence before said. Possessives are not among them: "In his speech,
# Kishida said" names its subject after the comma.
FRONTED_POINTERS: dict[str, frozenset[str]] = {
    "english": frozenset("this these those that them it".split()),
    "french": frozenset("cela ceci ceux celles eux".split()),
}
# and determiners that, anywhere in such a phrase, point at a time or thing named before ("During that time,
# ..."), where "this" points at the present ("Earlier this week, ...").
FRONTED_DISTAL_DETERMINERS: dict[str, frozenset[str]] = {
    "english": frozenset({"that", "those"}),
}
FRONTED_PHRASE_WORDS = 3
# Where and when someone "made the remarks" tells of words the sentence before reported ("Malu made the
# remarks during a meeting on Wednesday with a delegation of the Carter Center."), as wire reports add.
MADE_THE_REMARKS: dict[str, re.Pattern[str]] = {
    "english": re.compile(r"\bmade (?:the|these|those|his|her|their|such) (?:remarks?|statements?|comments?)\b",
                          re.IGNORECASE),
    "french": re.compile(r"\b(?:a|ont|avait|avaient) (?:fait|tenu) (?:ces|ses|leurs|les|de tels) "
                         r"(?:déclarations?|propos|remarques?|commentaires?)\b", re.IGNORECASE),
}
# A reply, or more of a statement the sentence before began: its speaker answers what was said before ('"Guys,
# it's a movie!" responded Tom Sherak', "A spokesman ... replied that ..."), or is named only before ("...,
# it added.", "He added that ..."); duc2006 D0604D, D0619A, D0606F. "responded to the attack" names its cause.
CONTINUES_A_STATEMENT: dict[str, re.Pattern[str]] = {
    "english": re.compile(
        r"\b(?:replied|responded|retorted|countered)\b(?!\s+(?:to|by|with|on)\b)"
        r"|\b(?:he|she|it|they)\s+(?:also\s+)?added\b|\badded\s+(?:he|she|it|they)\b",
        re.IGNORECASE,
    ),
}
# A subject that names what the sentence before told as a kind of thing ("The remarks were among the most
# aggressive ...", "The developments came as ...", "The decision was made at ..."): a shell noun after a
# determiner, with at most one word between, that nothing after it defines ("The decision to
# close the plant ..." says which decision). Its antecedent is a clause, never the same noun, so the
# definite-description rule cannot see it (duc2006@3 D0614E, D0647B, D0630C; multiling2011_en M004).
SHELL_NOUN_SUBJECT: dict[str, re.Pattern[str]] = {
    "english": re.compile(
        r"^[\s\"“']*(?:the|this|these|that|those|such)\s+(?:"
        r"(?:[a-z-]+\s+)?(?:statements?|decisions?|developments?|findings?|incidents?|announcements?|actions?|events?)"
        # nouns that are verbs too take no word before them: "The virus attacks Windows files" says what it does
        r"|(?:remarks?|comments?|moves?|results?|increases?|measures?|steps?|changes?|attacks?|arrests?))\b"
        r"(?!\s+(?:of|in|for|to|on|that|by|from|over|about|at|with|against|which|who|,))",
        re.IGNORECASE,
    ),
}
OPENERS: dict[str, frozenset[str]] = {
    language: POINTERS.get(language, frozenset()) | CONNECTIVES.get(language, frozenset())
    for language in POINTERS.keys() | CONNECTIVES.keys()
}

# Anywhere in a sentence, these presuppose something said before about its subject ("is also
# scheduled"): the brief must have mentioned that subject earlier.
ADDITIVES: dict[str, frozenset[str]] = {
    "english": frozenset({"also", "again", "another", "too"}),
    "french": frozenset({"aussi", "également", "autre"}),
    "german": frozenset({"auch", "ebenfalls"}),
    "spanish": frozenset({"también", "además"}),
    "italian": frozenset({"anche", "inoltre"}),
    "portuguese": frozenset({"também"}),
    "greek": frozenset({"επίσης"}),
    "czech": frozenset({"také", "rovněž", "taktéž", "též"}),
    "polish": frozenset({"także", "również"}),
    "swedish": frozenset({"också", "även"}),
}

# Personal pronouns that, met before any name in the sentence, refer to someone named earlier.
PERSONAL_PRONOUNS: dict[str, frozenset[str]] = {
    "english": frozenset("he she him his her they them their".split()),
}

# Personal pronouns as subjects: after a fronted phrase ("On Saturday, he ...") the subject points back.
SUBJECT_PRONOUNS: dict[str, frozenset[str]] = {
    "english": frozenset("he she they".split()),
    "french": frozenset("il elle ils elles".split()),
    "czech": frozenset("on ona oni ony".split()),
}

# Capitalised words that are not names a pronoun could point at.
NOT_NAMES: dict[str, frozenset[str]] = {
    "english": frozenset(
        "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
        "july august september october november december i".split()
    ),
}

# Definite articles, for definite descriptions. Only languages where nouns are lower-case and the
# article stands before them as a word; elided French/Italian "l'" is handled in _definite_heads. English
# "these" and "those" before a noun point back as "the" does ("Four of those swimmers were banned"); "this"
# and "that" are left out, as "this week" points at the present and "that" is more often a conjunction.
DEFINITE_ARTICLES: dict[str, frozenset[str]] = {
    "english": frozenset({"the", "these", "those"}),
    "french": frozenset({"le", "la", "les"}),
    "spanish": frozenset({"el", "la", "los", "las"}),
    "italian": frozenset({"il", "lo", "la", "i", "gli", "le"}),
    "portuguese": frozenset({"o", "a", "os", "as"}),
    "greek": frozenset({"ο", "η", "το", "οι", "τα", "τον", "την", "του", "της", "των", "τους", "τις"}),
}
# "that" after a preposition is a determiner too, not the conjunction: "The leading edge of that group is
# turning 30", "... Richard Linklater's film of that name" (duc2006 D0613D).
DEMONSTRATIVES_AFTER_PREPOSITION: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "english": (frozenset({"that"}), frozenset(
        "of in on at for from with by into onto about under over against among during after before like "
        "throughout within without toward towards across behind beyond".split())),
}
# A definite description is the article and at most this many lower-case words after it, up to the
# first function word ("the new document which ..."): adjectives such as "new" belong to it, so the
# generic stop-word lists (which hold "new") are too coarse where a closed-class list exists.
DESCRIPTION_WORDS = 3
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "english": frozenset(
        "a an the of in on at to for with by from as and or but nor is are was were be been being has have "
        "had do does did will would can could should shall may might must that which who whom whose what "
        "this these those it its their his her they he she we our you your i my me us them him not no than "
        "then there here when where while after before over under about into onto through during between "
        "against among per via said says say told".split()
    ),
    # sumy's French list, the fallback, lacks "de", "à", "a", "un", "ont", "se", ...: "Le président Barack Obama a
    # également déclaré ..." met its need for a subject with the "a" every French brief says (multiling2011_fr
    # M006, M007). Closed classes only: determiners, prepositions, pronouns, conjunctions, auxiliaries.
    "french": frozenset(
        "le la les l un une des du de d au aux ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre "
        "vos leur leurs à dans par pour en vers avec sans sous sur entre chez contre depuis pendant selon avant "
        "après lors et ou mais donc ni car que qu qui quoi dont où si comme lorsque quand il ils elle elles on je "
        "tu nous vous me m te t se s lui y eux ceci cela ça celui celle ceux celles a ai as avons avez ont avait "
        "avaient aura auront avoir eu est sont était étaient sera seront être été fut ne n pas plus dit déclaré "
        "affirmé indiqué même lui-même elle-même eux-mêmes elles-mêmes soi-même".split()
    ),
    # sumy's Spanish list lacks "de", "y", "a", "que", "del" and "se" as the French one lacks "de".
    "spanish": frozenset(
        "el la los las lo un una unos unas del al de a en por para con sin sobre entre hasta desde hacia según "
        "tras ante bajo contra durante y e o u ni pero sino que quien quienes cual cuales cuyo cuya donde cuando "
        "como si este esta estos estas ese esa esos esas aquel aquella su sus mi mis tu tus nuestro nuestra "
        "nuestros nuestras él ella ellos ellas le les se me te nos os es son era eran fue fueron ser sido está "
        "están estaba estaban estar ha han había habían haber no más muy dijo dijeron afirmó indicó".split()
    ),
}

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[,;:()\[\]\"“”«»—–]")  # words, and the marks that end a phrase
_ELIDED = re.compile(r"^[ld]['’]", re.IGNORECASE)


@dataclass(frozen=True)
class Leaning:
    """What a sentence needs before it in a brief. Empty for a sentence that stands alone."""

    on_previous: bool = False
    needs: frozenset[str] = frozenset()
    needs_any: frozenset[str] = frozenset()

    @property
    def stands_alone(self) -> bool:
        return not self.on_previous and not self.needs and not self.needs_any

    def met_by(self, said: set[str] | frozenset[str]) -> bool:
        """Whether stems an earlier part of the brief said give this sentence what it points at."""
        return self.needs <= said and (not self.needs_any or bool(self.needs_any & said))


STANDS_ALONE = Leaning()


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t[:1].isalnum()]


def _opens_on(lowered: list[str], words: frozenset[str], language: str) -> bool:
    """Whether the opening word, or a part of it joined by an apostrophe, is one of `words`: "that" in
    "That's why", "il" in French "S'il avait voté"; not where the opening makes a subordinate clause
    ("Now that ...", SUBORDINATING_OPENINGS)."""
    return (bool(lowered) and any(part in words for part in re.split(r"['’]", lowered[0]))
            and " ".join(lowered[:2]) not in SUBORDINATING_OPENINGS.get(language, frozenset()))


def _drops_its_subject(words: list[str], language: str) -> bool:
    """Whether the sentence opens on "to be", a lower-case participle or adjective, and a preposition
    (DROPPED_SUBJECT_AUXILIARIES)."""
    auxiliaries = DROPPED_SUBJECT_AUXILIARIES.get(language)
    if not auxiliaries or len(words) < 3:
        return False
    prepositions = PREPOSITIONS.get(language, frozenset())
    return (words[0].lower() in auxiliaries and words[1].islower()
            and words[1] not in prepositions and words[2].lower() in prepositions)


def _leans_on_previous(text: str, tokens: list[str], language: str, marked: list[str]) -> bool:
    """`tokens` are the sentence's words; `marked` the same with its punctuation (`_tokens`)."""
    if not tokens:
        return False
    lowered = [t.lower() for t in tokens]
    if _opens_on(lowered, OPENERS.get(language, frozenset()), language):
        return True

    if "," in marked[:FRONTED_WORDS] and marked.index(",") + 1 < len(marked):
        # "On Saturday, he traveled with Foreign Minister Amr Moussa to Riyadh"; "Néanmoins, il a refusé ...":
        # the subject after a fronted phrase is the pronoun, so the names after it are someone else.
        after = marked.index(",") + 1
        if marked[after].lower() in SUBJECT_PRONOUNS.get(language, ()) and not _impersonal(marked[after:], language):
            return True
    pronouns = PERSONAL_PRONOUNS.get(language)
    if not pronouns:
        return False
    if len(lowered) > 1 and lowered[1] in pronouns and not _names_after_fronted_clause(marked):
        # "Later they struck an alliance with the United States": a subject pronoun after one opening word
        # points back, whatever names follow it; "When he arrived, Kishida said" names him after the comma.
        return True
    not_names = NOT_NAMES.get(language, frozenset())

    def named(words: list[str]) -> bool:
        return any(word[:1].isupper() and word.lower() not in not_names for word in words)

    # Outside its quotations a sentence says who spoke; a name inside one is what was said:
    # '"I want to fly to Mecca," she said.' names nobody "she" could be.
    outside = _words(_tokens(QUOTATION.sub(" ", text)))
    if outside and not text.lstrip().startswith(tuple(_QUOTES)):
        opening = outside[0].lower() in (FUNCTION_WORDS.get(language) or stop_words(language))
        outside = outside[1:] if opening else outside
    if any(word.lower() in pronouns for word in outside) and not named(outside):
        return True
    if any(low in pronouns for low in lowered[1:]):
        # "he said" with nobody named in the sentence points back; with a name, it points at that name
        # ("During his talks with Yoon, Kishida will explain ...").
        return not named(tokens[1:])
    return False


# Verbs after which a subject pronoun stands for no one: French "il y a", "il faut" ("Selon la police, il y a
# eu dix morts").
IMPERSONAL_VERBS: dict[str, frozenset[str]] = {
    "french": frozenset("y faut semble s'agit s’agit existe reste paraît convient suffit".split()),
}


def _impersonal(subject_on: list[str], language: str) -> bool:
    """Whether the pronoun opening `subject_on` is an impersonal subject ("il y a", "il faut")."""
    return len(subject_on) > 1 and subject_on[1].lower() in IMPERSONAL_VERBS.get(language, ())


def _names_after_fronted_clause(marked: list[str]) -> bool:
    """Whether a comma ends an opening clause and a capitalised word follows it: the subject a pronoun
    in that clause points ahead to."""
    if "," not in marked:
        return False
    after = marked.index(",") + 1
    return after < len(marked) and marked[after][:1].isupper()


def _interjects(marked: list[str], language: str) -> bool:
    """Whether a contrasting connective stands inside the sentence between commas (or a comma and its end)."""
    words = INTERJECTED.get(language)
    if not words:
        return False
    return any(
        token.lower() in words and marked[i - 1] == "," and (i + 1 == len(marked) or marked[i + 1] in ",;")
        for i, token in enumerate(marked) if i > 0
    ) or (len(marked) > 1 and marked[-1].lower() in words and marked[-2] == ",")


def _contrasts_with_before(marked: list[str], language: str) -> bool:
    """Whether a contrasting particle stands in the sentence's first clause, after its first word (an
    opening one is a connective)."""
    particles = CONTRASTING_PARTICLES.get(language)
    if not particles:
        return False
    first_clause = marked[1 : marked.index(",")] if "," in marked else marked[1:]
    return any(token.lower() in particles for token in first_clause)


def _fronted_pointer(marked: list[str], language: str) -> bool:
    """Whether a short phrase before the first comma ends on a pointing word, standing for what was said
    before ("Of these, ...", "Despite that, ..."), or holds a distal determiner ("During that time, ...");
    "this" as a determiner points at the moment ("Earlier this week, ...")."""
    pointers = FRONTED_POINTERS.get(language)
    if not pointers or "," not in marked[1 : FRONTED_PHRASE_WORDS + 1]:
        return False
    phrase = [token.lower() for token in marked[: marked.index(",")]]
    return phrase[-1] in pointers or not FRONTED_DISTAL_DETERMINERS.get(language, frozenset()).isdisjoint(phrase)


# A sentence that announces what comes next ("Following are excerpts from the decision ...", "The
# following are major news items in leading Kenyan newspapers today.") says nothing a brief can use.
_ANNOUNCES = re.compile(r"(?:the\s+)?following\s+(?:are|is|were|was)\b|voici\s+(?:les|des|un|une)\b",
                        re.IGNORECASE)


def announces_what_follows(text: str) -> bool:
    return _ANNOUNCES.match(text.lstrip(" \"“'")) is not None


# Part of a set the sentence before named ("Two of those went to ...", "Most of them were ..."), unless a
# clause or phrase says which ("Two of those who died ...", "Most of those at the dance ..."), and a time the
# sentence before set ("... have been killed since then", "... died in the flooding that year", "... voted that
# same year", "The following day, the first flight ..."), unless the sentence names a year, month or day before
# it: duc2003 d30020t, duc2003_task3 d101a, duc2006 D0633F, D0613D, duc2006@3 D0631D.
_TIME_SET_BEFORE = (r"\b(?:(?:that|those)\s+(?:same\s+)?|the\s+(?:following|next|previous)\s+)(?:year|day|week|month|"
                    r"night|morning|afternoon|evening|time|season|decade|summer|winter|spring|autumn|fall)s?\b")
_TIME_NAMED = (r"\b(?:(?:1[6-9]|20)\d\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
               r"march|april|(?-i:May)|june|july|august|september|october|november|december)\b")
POINTING_BACK: dict[str, re.Pattern[str]] = {
    "english": re.compile(
        rf"^(?!.*{_TIME_NAMED}.*{_TIME_SET_BEFORE}).*{_TIME_SET_BEFORE}"
        r"|^\W*(?:[\w-]+\s+){0,2}of "
        r"(?:them\b(?!\s+(?:who|whom|whose|which|that|at|in|on|from|with|under|over|aged)\b)"
        # "these" and "those" stand alone before a verb; before a noun ("Four of those swimmers") they are
        # its determiner, and the description rule asks for the swimmers' mention instead
        r"|(?:these|those)(?=\s*[,.;]|\s+(?:are|were|is|was|have|has|had|will|would|could|can|may|might|must|went|"
        r"came|remain|remained|still|also)\b))"
        r"|\bsince then\b",
        re.IGNORECASE,
    ),
}


def _finds(patterns: Mapping[str, re.Pattern[str]], language: str, text: str) -> bool:
    """Whether the language's pattern of a table (MADE_THE_REMARKS, SHELL_NOUN_SUBJECT, ...) is in `text`."""
    pattern = patterns.get(language)
    return pattern is not None and pattern.search(text) is not None


def _opens_on_phrase(text: str, language: str) -> bool:
    opening = text.lstrip().lower()
    return any(opening.startswith(phrase + ",") for phrase in CONNECTIVE_PHRASES.get(language, ()))


# Quotation marks that open and close a quotation, by opening mark ("..." and '...' close with themselves).
_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "‘": "’", "‚": "‘", "「": "」", "『": "』"}


def _quotes_an_unnamed_speaker(text: str, language: str) -> bool:
    """Whether the sentence is a quotation followed by nothing but a verb of saying whose subject is left
    out ('"Myslím, že uvidíme značné škody", řekl.' = '"I think we will see great damage," he said.')."""
    verbs = UNNAMED_SPEAKER_VERBS.get(language)
    text = text.strip()
    close = _QUOTES.get(text[:1])
    if not verbs or close is None or (end := text.find(close, 1)) < 0:
        return False
    after = _words(_tokens(text[end + 1 :]))
    return len(after) == 1 and after[0].lower() in verbs


# Marks that open an item of a list: a wire list's "_", a pasted page's bullets.
_LIST_MARKS = "_*•·▪◦‣"


def _is_list_item(text: str) -> bool:
    """Whether the sentence opens on a list's mark ("_ Avandia, an oral diabetes drug by SmithKline.",
    '* NP&CP - "The death toll passed 150,000."', "--Children 12 and under should ride in the back seat."): an
    item of a list reads only after what introduced it."""
    mark = 2 if text.startswith("--") else 1 if text[:1] in _LIST_MARKS or text.startswith(("- ", "– ", "— ")) else 0
    return bool(mark) and (text[mark:mark + 1] == " " or text[mark:mark + 1].isalpha())


def _introduces_a_list(sentence: Sentence) -> bool:
    """Whether what follows is an item of what this sentence introduces: it ends on a colon ("The New York
    Times said in an editorial on Tuesday, July 30:", a press digest's "Financial Times:"), or it is a
    bulleted heading ("*Friday" in a timeline). The item then reads only after it."""
    text = sentence.text.rstrip()
    return text.endswith((":", "：")) or (sentence.is_heading and _is_list_item(text))


def _is_bare_quotation(text: str) -> bool:
    """A sentence that is one quotation and nothing else ("“It's the Constitution I'm concerned about.”")
    names no speaker: its article named them in the sentence before ("..., he told reporters:")."""
    text = text.strip()
    close = _QUOTES.get(text[:1])
    if close is None:
        return False
    body = text[1:].rstrip(".!?…")
    if not body.endswith(close):
        return False
    inner = body[:-1]
    return close not in inner and (text[0] == close or text[0] not in inner)


def _definite_heads(tokens: list[str], language: str) -> list[str]:
    """Head words of the definite descriptions in a sentence: the last lower-case word of up to
    DESCRIPTION_WORDS after a definite article (or a demonstrative after a preposition). A capitalised word
    ends the description: "the NATO summit" names itself."""
    articles = DEFINITE_ARTICLES.get(language)
    if not articles:
        return []
    stops = FUNCTION_WORDS.get(language) or stop_words(language)
    lowered = [t.lower() for t in tokens]
    elides = language in ("french", "italian")
    demonstratives, prepositions = DEMONSTRATIVES_AFTER_PREPOSITION.get(language, (frozenset(), frozenset()))
    starts = [i for i, low in enumerate(lowered)
              if low in articles or (elides and _ELIDED.match(low))
              or (low in demonstratives and i and lowered[i - 1] in prepositions)]
    heads = []
    for i in starts:
        if elides and _ELIDED.match(lowered[i]):
            rest = [tokens[i][2:], *tokens[i + 1 : i + DESCRIPTION_WORDS]]
        else:
            rest = tokens[i + 1 : i + 1 + DESCRIPTION_WORDS]
        words = []
        for word in rest:
            if not word[:1].isalpha() or word[:1].isupper() or word.lower() in stops:
                break
            if elides and re.split(r"['’]", word.lower(), maxsplit=1)[0] in stops:
                break  # "la première fois qu'un ...": an elided function word ends the description too
            words.append(word.lower())
        if words:
            heads.append(words[-1])
    return heads


def _adds_to(words: list[str], language: str) -> bool:
    lowered = [w.lower() for w in words]
    if any(w in ADDITIVES.get(language, ()) for w in lowered):
        return True
    return language == "english" and "as well" in " ".join(lowered)


# Words of a sentence's opening noun phrase, at most; a fronted phrase ends at a comma within this many.
SUBJECT_WORDS = 4
FRONTED_WORDS = 8


def _subject_words(tokens: list[str], language: str) -> list[str]:
    """The words of the sentence's opening noun phrase, its likely subject: "Kishida" in "Kishida, who
    is also ...", "prime minister" in "The prime minister is also ...". A fronted phrase ("On Thursday,")
    is skipped."""
    function = FUNCTION_WORDS.get(language) or stop_words(language)
    start = 0
    if tokens and tokens[0].lower() in function and "," in tokens[:FRONTED_WORDS]:
        start = tokens.index(",") + 1
    words = []
    for token in tokens[start:]:
        if not token[:1].isalnum():
            break
        if token.lower() in function:
            if words:
                break
            continue  # a leading article or determiner
        words.append(token.lower())
        if len(words) == SUBJECT_WORDS:
            break
    return words


# Languages whose capitals mark names and sentence openings only (German capitalises every noun).
_CAPITALS_NOT_NAMES = frozenset({"german"})
_POSSESSIVES = ("'s", "’s")


def _not_name_words(language: str) -> frozenset[str]:
    """Words that are no part of a name, capitalised or not: stop words, and NOT_NAMES ("Earlier Monday")."""
    return stop_words(language) | NOT_NAMES.get(language, frozenset())


def _name_runs(tokens: list[str], stops: frozenset[str]) -> list[list[str]]:
    """Runs of adjacent capitalised words that are not in `stops` ("Manuel Garcia Castellon"), possessive
    "'s" dropped; a comma or bracket ends a run ("Vilnius, Lithuania" is two). An initial inside a run is
    part of it, though a stop word alone ("George W. Bush")."""
    runs: list[list[str]] = []
    run: list[str] = []
    for token in tokens:
        if token[:1].isupper() and (token.lower() not in stops or (run and len(token) == 1 and token != "I")):
            run.append(token[:-2] if token.endswith(_POSSESSIVES) else token)  # a token ends on a letter
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


class Leanings(Mapping[tuple[int, int], Leaning]):
    """Every sentence's leaning by (document, sentence index), worked out when first asked for:
    selection looks at a few dozen candidates of a cluster's hundreds of sentences. Sentences that
    stand alone are not in it."""

    def __init__(self, documents: Sequence[SegmentedDocument], language: str):
        self._language = language
        self._stem = stemmer(language)
        self._sentences: dict[tuple[int, int], tuple[Sentence, int]] = {}  # -> (sentence, body position)
        self._first_use: dict[int, dict[str, int]] = {}  # document -> stem -> body position first used
        self._by_document: dict[int, list[tuple[Sentence, int]]] = {}  # body sentences and their positions
        for document in documents:
            first: dict[str, int] = {}
            position = 0
            for sentence in document.sentences:
                self._sentences[(sentence.document, sentence.index)] = (sentence, position)
                if not sentence.is_heading:  # a headline is not running text: leads are written to open
                    self._by_document.setdefault(sentence.document, []).append((sentence, position))
                    for stem in self._stem.many(sentence.words):
                        first.setdefault(stem, position)
                    position += 1
            if document.sentences:
                self._first_use[document.sentences[0].document] = first
        self._known: dict[tuple[int, int], Leaning] = {}
        self._names: dict[int, dict[str, int]] = {}  # document -> _full_names, once asked for
        self._not_names = _not_name_words(language)

    def _work_out(self, key: tuple[int, int]) -> Leaning:
        sentence, position = self._sentences[key]
        if sentence.is_heading:
            return STANDS_ALONE
        language, stem = self._language, self._stem
        first = self._first_use.get(sentence.document, {})
        tokens = _tokens(sentence.text)
        words = _words(tokens)
        before = self._sentences.get((sentence.document, sentence.index - 1))
        if before is not None and _introduces_a_list(before[0]):
            return Leaning(on_previous=True)
        if position == 0:  # an opening connective or list item continues what the text does not hold
            on_previous = (_opens_on([w.lower() for w in words[:2]], CONNECTIVES.get(language, frozenset()), language)
                           or _is_list_item(sentence.text))
        else:
            on_previous = (_leans_on_previous(sentence.text, words, language, tokens)
                           or _is_bare_quotation(sentence.text) or _quotes_an_unnamed_speaker(sentence.text, language)
                           or _is_list_item(sentence.text) or _drops_its_subject(words, language)
                           or _opens_on_phrase(sentence.text, language)
                           or _interjects(tokens, language) or _contrasts_with_before(tokens, language)
                           or _fronted_pointer(tokens, language)
                           or _finds(MADE_THE_REMARKS, language, sentence.text)
                           or _finds(CONTINUES_A_STATEMENT, language, sentence.text)
                           or _finds(SHELL_NOUN_SUBJECT, language, sentence.text)
                           or _finds(POINTING_BACK, language, QUOTATION.sub(" ", sentence.text)))
        needs = frozenset(
            head for head in (stem(word) for word in _definite_heads(tokens, language))
            if first.get(head, position) < position
        )
        if position:
            needs |= self._names_given_in_full_before(sentence.document, tokens, position)
        needs_any: frozenset[str] = frozenset()
        if position and _adds_to(words, language):  # a lead's "another" or "also" opens its text as written
            needs_any = frozenset(stem(word) for word in _subject_words(tokens, language)) or frozenset({""})
        return Leaning(on_previous, needs, needs_any)

    def _names_given_in_full_before(self, document: int, tokens: list[str], position: int) -> frozenset[str]:
        """Stems of the names this sentence gives bare ("Castellon's probe ...") that its article first gave in
        full before it ("Another judge, Manuel Garcia Castellon, ..."): as news names a person or place in full
        once and by the last name after, the bare name reads only after a brief sentence that names it."""
        if self._language in _CAPITALS_NOT_NAMES:
            return frozenset()
        runs = _name_runs(tokens, self._not_names)
        in_full = {self._stem(word.lower()) for run in runs if len(run) > 1 for word in run}
        bare = {self._stem(run[0].lower()) for run in runs if len(run) == 1} - in_full
        if not bare:
            return frozenset()
        given = self._full_names(document)
        return frozenset(name for name in bare if given.get(name, position) < position)

    def _full_names(self, document: int) -> dict[str, int]:
        """Stem -> body position, for each word an article first uses as the last word of a full name, and
        only ever as a name's last word: not one it also writes in lower case ("Minister" of "Prime Minister"
        where "the minister" follows) or before another name ("Indians" where "Indian Affairs" follows: a
        people, not a person). Worked out once an article's sentence asks."""
        known = self._names.get(document)
        if known is None:
            first: dict[str, tuple[int, bool]] = {}  # word as written, lower-cased -> (position, last of a name)
            common: set[str] = set()  # in lower case, or naming something else ("Indian" of "Indian Affairs")
            written: set[str] = set()  # every word as written
            for sentence, position in self._by_document.get(document, ()):
                tokens = _tokens(sentence.text)
                written.update(tokens)
                for run in _name_runs(tokens, self._not_names):
                    last = len(run) - 1
                    for i, word in enumerate(run):
                        first.setdefault(word.lower(), (position, 0 < i == last))
                    common.update(word.lower() for word in run[:last])
            common.update(t for t in written if t[:1].islower())
            common_stems = set(self._stem.many(common))
            earliest: dict[str, tuple[int, bool]] = {}  # stem -> its first use (words are in order of first use)
            for word, use in first.items():
                earliest.setdefault(self._stem(word), use)
            known = self._names[document] = {
                name: position for name, (position, last) in earliest.items() if last and name not in common_stems
            }
        return known

    def _leaning(self, key: tuple[int, int]) -> Leaning:
        leaning = self._known.get(key)
        if leaning is None:
            leaning = self._known[key] = self._work_out(key)
        return leaning

    def __getitem__(self, key: tuple[int, int]) -> Leaning:
        if key not in self._sentences or self._leaning(key).stands_alone:
            raise KeyError(key)
        return self._leaning(key)

    def get(self, key, default=None):  # type: ignore[override]
        if key not in self._sentences:
            return default
        leaning = self._leaning(key)
        return default if leaning.stands_alone else leaning

    def __contains__(self, key: object) -> bool:
        return key in self._sentences and not self._leaning(key).stands_alone  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return (key for key in self._sentences if key in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def leanings(documents: Sequence[SegmentedDocument], language: str) -> Leanings:
    """Every sentence's leaning, by (document, sentence index); sentences that stand alone are left out."""
    return Leanings(documents, language)
