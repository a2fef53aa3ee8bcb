"""Facts stage: figures and names in a sentence, what grouping and "sources differ" compare.

A sentence's figures are its counts, amounts, percentages and dates, each with the thing it counts
("60 dead", "killed 67", "$5 million in aid", "45 percent of voters", "July 12"); its names are its
capitalised words not at the start. Two sentences *differ* when they give the same counted thing
different values, *agree* when what they share has the same values, and are *unrelated* otherwise.

The stage after grouping (`check_facts`) uses that twice: it splits a duplicate group whose members
give different figures or names, so `Group.support` counts only sources that say the same; and it
records, on each sentence with figures, the sentences of other articles that report the same thing
with other figures (`Sentence.disputes`), whether grouping joined them or not. The search for those
is grouping's own bounded pair search (`group.similar_pairs`) over the sentences with figures, at a
lower threshold: never all pairs.
"""

from __future__ import annotations

import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from itertools import islice

from .budget import WorkBudget
from .group import similar_pairs
from .segment import stemmer, stop_words
from .types import Difference, Dispute, Group, Sentence

# --- tuned constants ---------------------------------------------------------------------------
# Words looked at on each side of a number for the thing it counts ("60 people were killed": 3 after).
KEY_WINDOW = 4
# Two sentences with figures that grouping did not join are compared if their stems and stem pairs
# (group.sentence_features) have at least this cosine: "the same event, reworded"; grouping joins from
# 0.55. Chosen on the pairs disputed across duc2003, duc2003_task3, duc2006 and multiling2011_en at
# 0.3: true differences scored 0.37-0.50 (Kenya embassy toll 247/248/213, 15/4 Fahrenheit, and the
# fire example's rewording, 0.373); the three wrong ones 0.31-0.35 (two aftershocks' magnitudes,
# "two articles of impeachment approved" / "votes on the four articles", 185,000 / 222,000 workers).
SAME_EVENT_SIMILARITY = 0.36
# The most similar of those compared per sentence (similar_pairs bounds the pairs it finds; this bounds
# the figures compared, the costly part).
CANDIDATES_PER_SENTENCE = 8
# "about 60" and 67 are compatible when they are this close (relative to the larger).
ABOUT_TOLERANCE = 0.2
# A date counts as differing only where two wordings align it with another date and agree on this many
# words either side: "invaded East Timor in 1975" / "annexed East Timor in 1976" are two events, and
# a date next to a verb of saying ("said Saturday") is when it was said. On duc2003, dates compared by
# their neighbouring word alone disputed 5 sentences, all wrongly.
DATE_CONTEXT = 3
DATE_SAME_WORDING = 0.8  # difflib ratio of the two sentences' words: near-identical wordings only
# difflib ratio at or above which two names are one name spelt two ways (Jeddah / Jidda 0.73).
SAME_NAME_SPELLING = 0.7
# A group member is compared with the distinct wordings of at most this many parts of its group, each
# with at most this many wordings, and disputes are looked for among at most this many members of
# its group from other articles: a group of a thousand near-identical sentences costs linear work.
MAX_PARTS_COMPARED = 4
MAX_WORDINGS_COMPARED = 4
SAME_GROUP_CANDIDATES = 8
# Comparisons one call makes at most (10-30 us each): duc2003's 10-article clusters need 3-202 (median
# 38); a million characters of one sentence repeated with its figure changed would need over a million.
MAX_COMPARISONS = 20_000


@dataclass(frozen=True)
class Figure:
    """One number of a sentence and what it counts."""

    kind: str  # "count" | "amount" | "percent" | "date"
    key: str  # the counted thing: "dead", "injur", "usd aid"; for dates "year", "monthday", "month"
    value: float
    text: str  # as written: "162", "$5 million", "July 12"
    bound: str = "exact"  # "exact" | "at_least" | "at_most" | "about" | "part" ("three other provinces")
    precision: float = 1.0  # the unit of its last digit: "38 million" 1e6, "38.5 million" 1e5


@dataclass(frozen=True)
class Facts:
    figures: tuple[Figure, ...]
    names: tuple[str, ...]  # capitalised words not at sentence start, as written
    words: tuple[str, ...]  # every word and number as written, to align two wordings

    @cached_property
    def numbered_places(self) -> dict[tuple[str, ...], tuple[str, str]]:
        """Numbers that name which one, by their place -> (number, as written): after a label word
        ("stage 13": ("stage",)), as an ordinal ("13th", "13e": the word before and "ordinal"), or,
        read as no figure, between two words ("vyhrál 13. etapu": ("vyhrál", "etapu"))."""
        read = {word for f in self.figures for word in f.text.split()}
        lowered = [w.lower() for w in self.words]
        places: dict[tuple[str, ...], tuple[str, str]] = {}
        for i, word in enumerate(lowered):
            if not word.isdigit() or i == 0:
                continue
            before, after = lowered[i - 1], (lowered[i + 1] if i + 1 < len(lowered) else "")
            if before in IDENTIFIER_LABELS:
                places[(before,)] = (word, f"{self.words[i - 1]} {self.words[i]}")
            elif after in ORDINAL_WORDS:
                places[(before, "ordinal")] = (word, f"{self.words[i]}{self.words[i + 1]}")
            elif after and self.words[i] not in read:
                places[(before, after)] = (word, self.words[i])
        return places

    @cached_property
    def keys(self) -> frozenset[tuple[str, str]]:
        """(kind, key) of the figures that occur once: a key given twice in one sentence is ambiguous."""
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for f in self.figures:
            counts[(f.kind, f.key)] += 1
        return frozenset(k for k, n in counts.items() if n == 1)


@dataclass(frozen=True)
class Comparison:
    verdict: str  # "agree" | "differ" | "unrelated"
    figures: tuple[Difference, ...] = ()  # same counted thing, other value: (this sentence, the other)
    names: tuple[Difference, ...] = ()  # a name where the other wording has another
    agreed: int = 0  # counted things both give, with the same value


# --- reading a sentence ------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<iso>\b\d{4}-\d{2}-\d{2}\b)"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<sym>[$€£¥%])"
    r"|(?P<hyphen>-)"
    r"|(?P<punct>[,;:()\[\]\"“”«»—–!?]|\.(?!\d))"
)


class _Token:
    """A word, number, sign or punctuation mark of a sentence (a plain class: a sentence has dozens)."""

    __slots__ = ("kind", "text", "lower", "start", "end")

    def __init__(self, kind: str, text: str, start: int, end: int):
        self.kind, self.text, self.lower, self.start, self.end = kind, text, text.lower(), start, end


# Outside English, thousands are grouped by a space as often as by a point ("200 000", "222 570 mrtvých",
# "395 000 eur"): a group of one to three digits, then groups of exactly three. English never groups so,
# and "on March 5 100 people" must stay two numbers there.
_SPACED_TOKEN = re.compile(_TOKEN.pattern.replace(
    r"(?P<num>", r"(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}(?!\d))+(?![.,]?\d)|", 1))
_GROUP_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


def _tokens(text: str, language: str = "english") -> list[_Token]:
    pattern = _TOKEN if language == "english" else _SPACED_TOKEN
    return [_Token(m.lastgroup or "", m.group(), m.start(), m.end()) for m in pattern.finditer(text)]


MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
_YEAR = re.compile(r"1[89]\d\d|20\d\d")  # a year as news gives one
# "last year" / "this year" / "next year": which year, relative to when the report was written.
RELATIVE_OFFSETS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
# The same words in the other languages of the benchmark and their common inflections: "395 tisíc eur" is
# 395,000 euros, not 395 of a thing called "tisíc".
LANGUAGE_SCALES = {
    "czech": {**dict.fromkeys(("tisíc", "tisíce", "tisícovek"), 1e3),
              **dict.fromkeys(("milion", "miliony", "milionu", "milionů", "mil"), 1e6),
              **dict.fromkeys(("miliarda", "miliardy", "miliard", "mld"), 1e9)},
    "french": {**dict.fromkeys(("millier", "milliers"), 1e3), **dict.fromkeys(("million", "millions"), 1e6),
               **dict.fromkeys(("milliard", "milliards"), 1e9)},
    "greek": {**dict.fromkeys(("χιλιάδες", "χιλιάδων"), 1e3),
              **dict.fromkeys(("εκατομμύριο", "εκατομμύρια", "εκατομμυρίων", "εκατ"), 1e6),
              **dict.fromkeys(("δισεκατομμύριο", "δισεκατομμύρια", "δισεκατομμυρίων", "δισ"), 1e9)},
}


@lru_cache(maxsize=None)
def _scales(language: str) -> dict[str, float]:
    """The scale words a reader of `language` knows: English's, and the language's own."""
    return {**SCALES, **LANGUAGE_SCALES.get(language, {})}


DOLLAR_PREFIXES = frozenset(("US", "A", "C", "HK", "NZ", "S"))
CURRENCY_SYMBOLS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
CURRENCY_WORDS = {"dollar": "usd", "dollars": "usd", "euro": "eur", "euros": "eur", "yen": "jpy", "yuan": "cny",
                  "eur": "eur", "eura": "eur", "ευρώ": "eur", "dolarů": "usd", "dolary": "usd", "δολάρια": "usd",
                  "δολαρίων": "usd"}
PERCENT_WORDS = ("percent", "pct", "%")
# What a number counts, said several ways; the first matching word decides (before stemming).
CANON = {
    **dict.fromkeys(("dead", "die", "died", "dies", "dying", "killed", "kill", "kills", "killing", "death", "deaths",
                     "toll", "fatalities", "fatality", "lives", "bodies"), "dead"),
    **dict.fromkeys(("injured", "injuring", "injuries", "injury", "wounded", "wounding", "hurt"), "injured"),
    **dict.fromkeys(("missing", "unaccounted"), "missing"),
    **dict.fromkeys(("arrested", "arrests", "arrest", "detained", "detentions"), "arrested"),
    **dict.fromkeys(("evacuated", "evacuees", "evacuation"), "evacuated"),
}
# Words that say nothing about what is counted: skipped when looking for the counted thing.
GENERIC = frozenset(
    "people persons person others individuals total more less fewer than least most about around nearly almost "
    "some roughly approximately estimated some over under up rose risen rise rising climbed climb reached reach "
    "stood stand stands increased jumped hit topped exceeded totaled totalled now brought bringing put puts "
    "putting raised raising another further additional aged ages".split()
)
# Words passed over after a number on the way to what it counts ("60 of them were killed"); other stop
# words (prepositions) end the search there, and it goes on before the number ("killed 512 people near").
PASS_THROUGH = frozenset("were was are is be been being have has had who of the a an them whom all reportedly "
                         "also later".split())
TIME_UNITS = frozenset("second minute hour day week month year decade centurie century".split())
RELATIVE_WORDS = frozenset("ago later earlier before after until till from since left remaining away".split())
# Words before a number that make it a label, not a count: "district 5", "route 66".
LABEL_WORDS = frozenset("district route flight number no page article chapter section room gate platform line "
                        "level grade class phase stage round game week day year aged age ages".split())
# A counted thing is looked for up to one of these: past it, the words belong to another clause.
BOUNDARY_WORDS = frozenset("and or but while whereas including plus".split())
# Words before a number that make it a bound or an estimate, not an exact figure (up to 3 words).
QUALIFIERS = (
    (("at", "least"), "at_least"), (("more", "than"), "at_least"), (("over",), "at_least"),
    (("upwards", "of"), "at_least"), (("in", "excess", "of"), "at_least"), (("just", "over"), "at_least"),
    (("up", "to"), "at_most"), (("as", "many", "as"), "at_most"), (("fewer", "than"), "at_most"),
    (("less", "than"), "at_most"), (("under",), "at_most"), (("at", "most"), "at_most"),
    (("about",), "about"), (("around",), "about"), (("nearly",), "about"), (("almost",), "about"),
    (("some",), "about"), (("roughly",), "about"), (("approximately",), "about"), (("estimated",), "about"),
    (("close", "to"), "about"), (("an", "estimated"), "about"),
)


def _number_value(text: str, language: str) -> float | None:
    """"1,000" and "1000" alike; in languages other than English "1.000" is a thousand and "1,5" 1.5."""
    thousands, decimal = (",", ".") if language == "english" else (".", ",")
    parts = re.split(r"([.,])", text.translate(_GROUP_SPACES))
    digits = parts[0]
    for separator, group in zip(parts[1::2], parts[2::2]):
        if separator == thousands and len(group) == 3:
            digits += group
        elif separator == decimal or (separator == thousands and len(group) != 3):
            digits += "." + group if "." not in digits else group
    try:
        return float(digits)
    except ValueError:
        return None


def _decimals(text: str, language: str) -> int:
    """Digits after the decimal separator: "38.5" 1, "1,000" 0 (in English)."""
    decimal = "." if language == "english" else ","
    if decimal not in text:
        return 0
    tail = text.rsplit(decimal, 1)[1]
    return len(tail)


def _written_number(tokens: list[_Token], i: int) -> tuple[float, int] | None:
    """ "sixty", "sixty-seven", "two hundred" at tokens[i]: (value, tokens used). "one" is left out:
    it is more often a pronoun ("one of the victims") than a count."""
    word = tokens[i].lower
    if word in _TENS:
        value, used = float(_TENS[word]), 1
        if (i + 2 < len(tokens) and tokens[i + 1].kind == "hyphen" and tokens[i + 2].lower in _UNITS
                and _UNITS[tokens[i + 2].lower] < 10):
            value, used = value + _UNITS[tokens[i + 2].lower], 3
    elif word in _UNITS and word not in ("zero", "one"):
        value, used = float(_UNITS[word]), 1
    else:
        return None
    if i + used < len(tokens) and tokens[i + used].lower == "hundred":
        value, used = value * 100, used + 1
    return value, used


def _glued(a: _Token, b: _Token) -> bool:
    return a.end == b.start


class _Reader:
    """Reads the figures of one sentence, left to right."""

    def __init__(self, text: str, language: str):
        self.text = text
        self.language = language
        self.tokens = _tokens(text, language)
        self.scales = _scales(language)
        self.stops = stop_words(language)
        self.stem = stemmer(language)
        self.used: set[int] = set()  # tokens that belong to a figure already read
        self.ratios = self._ratios()

    def _ratio_value(self, i: int) -> float | None:
        """The number at tokens[i], digits or one written word ("one" too: in a ratio it is a number)."""
        token = self.tokens[i]
        if token.kind == "num":
            return _number_value(token.text, self.language)
        if token.lower == "one":
            return 1.0
        written = _written_number(self.tokens, i)
        return written[0] if written and written[1] == 1 else None

    def _ratios(self) -> dict[int, tuple[int, float]]:
        """The ratios of a sentence ("one out of 10 children", "5 of every 10,000", "one in five"), by the
        index of their first number: (index of their second number, the ratio as a percentage). A ratio is
        read as the share it is, never as a count of the thing named after it: "10 children" is no toll.
        English only, as the written numbers are."""
        if self.language != "english":
            return {}
        tokens = self.tokens
        found: dict[int, tuple[int, float]] = {}
        for i in range(2, len(tokens)):
            if tokens[i - 1].lower not in ("of", "every", "in"):
                continue  # most tokens: no ratio ends here
            for joiner in (("out", "of"), ("of", "every"), ("in", "every"), ("in",)):
                start = i - len(joiner) - 1
                if start < 0 or tuple(t.lower for t in tokens[start + 1:i]) != joiner:
                    continue
                if _YEAR.fullmatch(tokens[i].text):
                    break  # "5 in 2005": a year
                part, whole = self._ratio_value(start), self._ratio_value(i)
                if part is not None and whole and part < whole and start not in found:
                    found[start] = (i, 100.0 * part / whole)
                break
        return found

    def _ratio(self, start: int, end: int, share: float) -> Figure | None:
        """The ratio at tokens[start..end] as a percentage of what it counts ("children")."""
        self.used.update(range(start, end + 1))
        key = self._counted(end + 1, start)
        if key is None:
            return None
        text = self.text[self.tokens[start].start:self.tokens[end].end]
        return Figure("percent", key, share, text, self._bound(start, end + 1), precision=share * 0.01)

    def _relative_times(self) -> list[Figure]:
        """ "last year", "this month", "next week": a time, as a date is, so that "60,000 tons last year"
        and a target of "110,000 tons this year" are two times' counts, not a dispute. English only."""
        if self.language != "english":
            return []
        tokens = self.tokens
        return [
            Figure("date", f"relative {b.lower}", float(RELATIVE_OFFSETS[a.lower]), f"{a.text} {b.text}")
            for a, b in zip(tokens, tokens[1:])
            if a.lower in RELATIVE_OFFSETS and b.lower in ("year", "month", "week")
        ]

    def figures(self) -> tuple[Figure, ...]:
        found: list[Figure] = self._relative_times()
        tokens = self.tokens
        for i, token in enumerate(tokens):
            if i in self.used:
                continue
            if i in self.ratios:
                end, share = self.ratios[i]
                figure = self._ratio(i, end, share)
                if figure:
                    found.append(figure)
                continue
            if token.kind == "iso":
                year, month, day = token.text.split("-")
                found += [Figure("date", "year", float(year), year),
                          Figure("date", "monthday", int(month) * 100 + float(day), token.text)]
                self.used.add(i)
            elif token.kind == "word" and token.lower.rstrip(".") in MONTHS and token.text[0].isupper():
                found += self._month(i)
            elif token.kind == "num":
                figure = self._number(i)
                if figure:
                    found.append(figure)
            elif token.kind == "word" and self.language == "english":
                written = _written_number(tokens, i)
                if written and not self._in_range(i) and not self._relative_time(i + written[1] - 1):
                    figure = self._figure(i, i + written[1], written[0])
                    if figure:
                        found.append(figure)
        return tuple(found)

    # dates

    def _month(self, i: int) -> list[Figure]:
        tokens, month = self.tokens, MONTHS[self.tokens[i].lower.rstrip(".")]
        if tokens[i].lower == "may" and not (i + 1 < len(tokens) and tokens[i + 1].kind == "num"):
            return []  # "may" the verb, or May without a day
        day = None
        if i + 1 < len(tokens) and tokens[i + 1].kind == "num" and re.fullmatch(r"\d{1,2}", tokens[i + 1].text):
            day, day_token = int(tokens[i + 1].text), i + 1
            ordinal = i + 2 < len(tokens) and tokens[i + 2].lower in ("st", "nd", "rd", "th")
            if ordinal and _glued(tokens[i + 1], tokens[i + 2]):
                self.used.add(i + 2)
        elif i >= 1 and tokens[i - 1].kind == "num" and re.fullmatch(r"\d{1,2}", tokens[i - 1].text):
            day, day_token = int(tokens[i - 1].text), i - 1
        found = []
        if day is not None and 1 <= day <= 31:
            self.used.add(day_token)
            first, last = sorted((i, day_token))
            text = self.text[tokens[first].start:tokens[last].end]
            found.append(Figure("date", "monthday", float(month * 100 + day), text))
        elif i > 0:  # "a February Gallup poll": a time, which tells two polls apart
            found.append(Figure("date", "month", float(month), tokens[i].text))
        # "July 12, 2023" / "July 2023": the year is a date, not a count
        j = max(i, day_token if day is not None else i) + 1
        if j < len(tokens) and tokens[j].text == ",":
            j += 1
        if j < len(tokens) and tokens[j].kind == "num" and _YEAR.fullmatch(tokens[j].text):
            self.used.add(j)
            found.append(Figure("date", "year", float(tokens[j].text), tokens[j].text))
        return found

    # numbers

    def _number(self, i: int) -> Figure | None:
        tokens, token = self.tokens, self.tokens[i]
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        # identifiers and times: G7, COVID-19, Flight 370, No. 2, 10:30, 3 p.m., 3-1
        if before is not None and _glued(before, token) and (before.kind in ("word", "hyphen") or before.text == "."):
            return None
        if (before is not None and before.kind == "word" and before.text[0].isupper()
                and before.lower not in self.stops and before.lower not in QUALIFIER_WORDS
                and before.lower.rstrip(".") not in MONTHS and (i >= 2 or self.language == "english")):
            # "Flight 370", "Article 5", "No. 2": a name, not a count. Outside English a sentence often opens
            # on its verb ("Σκοτώθηκαν 200.000 άνθρωποι", "Zemřelo 60 lidí"): a first word is no name's.
            return None
        if after is not None and _glued(token, after) and after.text == ":" and self._is_number(i + 2):
            return None
        if before is not None and _glued(before, token) and before.text == ":" and self._is_number(i - 2):
            return None  # the minutes and seconds of 23:49:56
        if after is not None and after.lower in ("a", "p") and i + 2 < len(tokens) and tokens[i + 2].text == ".":
            return None
        if after is not None and _glued(token, after) and after.lower in TIME_AND_ORDINAL_SUFFIXES:
            return None
        if (self.language in DOTTED_ORDINALS and after is not None and after.text == "." and _glued(token, after)
                and i + 2 < len(tokens) and tokens[i + 2].kind == "word" and tokens[i + 2].text[0].islower()
                and tokens[i + 2].lower not in _month_names(self.language)):
            return None  # Czech "vyhrál 13. etapu": the 13th, not 13 of them ("7. července" stays a date's day)
        if after is not None and after.kind == "hyphen" and i + 2 < len(tokens) and tokens[i + 2].kind == "num":
            return None
        if before is not None and before.kind == "hyphen" and i > 1 and tokens[i - 2].kind == "num":
            return None
        if before is not None and before.lower.rstrip(".") in LABEL_WORDS:
            return None
        if self._in_range(i) or self._relative_time(i):
            return None
        if after is not None and after.kind == "word" and after.lower.rstrip(".") in MONTHS and after.text[0].isupper():
            return None  # "12 July": the month reads it as a date
        value = _number_value(token.text, self.language)
        if value is None:
            return None
        if _YEAR.fullmatch(token.text) and not self._counts_things(i):
            return Figure("date", "year", value, token.text)
        return self._figure(i, i + 1, value)

    def _is_number(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.tokens[i].kind == "num"

    def _in_range(self, i: int) -> bool:
        """ "between 1.3 and 1.7 million", "from 18 to 34", "18 to 34": a range, not a figure."""
        tokens = self.tokens
        before = tokens[i - 1].lower if i else ""
        if before == "between" or (before in ("and", "to") and i >= 2 and tokens[i - 2].kind == "num"):
            return True
        if i + 2 < len(tokens) and tokens[i + 1].lower in ("and", "to", "or") and tokens[i + 2].kind == "num":
            return before in ("between", "from") or tokens[i + 1].lower == "to"
        return False

    def _relative_time(self, i: int) -> bool:
        """ "two years ago", "three days until", "the past 5 years": how long before or after, which
        depends on when each report was written."""
        tokens = self.tokens
        before = tokens[i - 1].lower if i else ""
        if before in ("past", "last", "next", "coming", "previous", "first", "final"):
            return True
        j = i + 1
        if j < len(tokens) and tokens[j].kind == "hyphen":
            j += 1
        if j < len(tokens) and tokens[j].lower.rstrip("s") in TIME_UNITS:
            return j + 1 < len(tokens) and tokens[j + 1].lower in RELATIVE_WORDS
        return False

    def _counts_things(self, i: int) -> bool:
        """A four-digit number followed by a plural or a people word counts ("2000 troops"); else it is a year."""
        after = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if after is None or after.kind != "word" or after.lower in self.stops:
            return False
        return after.lower.endswith("s") or after.lower in ("people", "dead", "injured")

    def _figure(self, start: int, end: int, value: float) -> Figure | None:
        """The figure at tokens[start:end] with its scale, currency or percent sign, bound and counted thing."""
        tokens = self.tokens
        first, last = start, end - 1
        currency = None
        if start >= 1 and tokens[start - 1].text in CURRENCY_SYMBOLS:
            currency, first = CURRENCY_SYMBOLS[tokens[start - 1].text], start - 1
            prefix = tokens[first - 1] if first >= 1 else None
            if prefix is not None and prefix.text in DOLLAR_PREFIXES and _glued(prefix, tokens[first]):
                first -= 1  # US$, HK$
        j = end
        precision = 1.0
        if tokens[start].kind == "num":
            decimals = _decimals(tokens[start].text, self.language)
            precision = 10.0 ** -decimals
        if j < len(tokens) and tokens[j].lower in self.scales and (tokens[j].kind == "word") and (
            len(tokens[j].text) > 2 or (currency and _glued(tokens[j - 1], tokens[j]))
        ):
            value *= self.scales[tokens[j].lower]
            precision *= self.scales[tokens[j].lower]
            last, j = j, j + 1
        kind = "amount" if currency else "count"
        if j < len(tokens) and tokens[j].lower in CURRENCY_WORDS and not currency:
            currency, kind, last, j = CURRENCY_WORDS[tokens[j].lower], "amount", j, j + 1
        if j < len(tokens) and tokens[j].lower in PERCENT_WORDS:
            kind, last, j = "percent", j, j + 1
        elif j + 1 < len(tokens) and tokens[j].lower == "per" and tokens[j + 1].lower == "cent":
            kind, last, j = "percent", j + 1, j + 2
        elif j + 1 < len(tokens) and tokens[j].lower == "percentage" and tokens[j + 1].lower == "points":
            kind, last, j = "percent", j + 1, j + 2
        self.used.update(range(first, last + 1))
        key = self._counted(j, first, amount=currency is not None)
        if key is None:
            return None
        if currency:
            key = f"{currency} {key}"
        text = self.text[tokens[first].start:tokens[last].end]
        if not tokens[start].kind == "num":
            text = text.lower()  # "Sixty-seven people died": "sixty-seven" when quoted elsewhere
        return Figure(kind, key, value, text, self._bound(first, j), precision)

    def _content(self, token: _Token) -> str | None:
        """The counted thing a word names, or None for a word that names none."""
        word = token.lower.replace("’", "'").removesuffix("'s")
        if word in CANON:
            return CANON[word]
        if word in self.stops or word in GENERIC or word in QUALIFIER_WORDS or len(word) < 2:
            return None
        if word in MONTHS or word in WEEKDAYS:
            return None
        return self.stem(word)

    def _counted(self, after: int, before: int, amount: bool = False) -> str | None:
        """The content word after the figure ("60 dead", "60 people were killed"), else before it
        ("killed 67", "a toll of 60"); None when neither says ("60 people, police said")."""
        tokens = self.tokens
        j = after
        if j < len(tokens) and tokens[j].kind == "hyphen":  # "60-year-old", "a 40-member team"
            j += 1
        for token in tokens[j:j + KEY_WINDOW]:
            if token.kind != "word" or token.lower in BOUNDARY_WORDS:
                break
            if token.lower in GENERIC or token.lower in PASS_THROUGH or (amount and token.lower in AMOUNT_OF):
                continue  # "$5 million in aid" counts aid
            if token.lower in self.stops:
                break  # "512 people near the river": a preposition starts another phrase
            key = self._content(token)
            if key:
                return key
        for token in reversed(tokens[max(0, before - KEY_WINDOW):before]):
            if token.kind != "word" or token.lower in BOUNDARY_WORDS:
                break
            key = self._content(token)
            if key:
                return key
        return None  # "39 percent of people": of people doing what, the sentence does not say nearby

    def _bound(self, first: int, after: int) -> str:
        words = [t.lower for t in self.tokens[max(0, first - 3):first]]
        for phrase, bound in QUALIFIERS:
            if tuple(words[-len(phrase):]) == phrase:
                return bound
        tail = [t.lower for t in self.tokens[after:after + 2]]
        if tail[:2] == ["or", "more"]:
            return "at_least"
        if words[-1:] in (["another"], ["further"]) or (tail and tail[0] in PART_WORDS) or tail == ["of", "them"]:
            return "part"  # "three other provinces", "20 more", "another 5": a part of a count, not the count
        if tail[:1] == ["others"] and first >= 2 and words[-1:] == ["and"] and self.tokens[first - 2].text[:1].isupper():
            return "part"  # "Catanduanes and three others"; "injuring 162 others" is the whole count
        return "exact"


QUALIFIER_WORDS = frozenset(w for phrase, _ in QUALIFIERS for w in phrase)
AMOUNT_OF = frozenset(("in", "for", "worth"))
# Ordinal suffixes ("13th stage", French "13e", "13ème" étape, Spanish "13º", Italian "13°"): the number
# names which one rather than counting how many. None is a word of its own, so a number's next word being
# one makes it an ordinal even where the words no longer say it was written against the number.
ORDINAL_WORDS = frozenset(("st", "nd", "rd", "th", "e", "er", "ère", "eme", "ème", "ieme", "ième", "è", "º", "ª", "°"))
# Written against a number, these make it a time or an ordinal (Spanish "1o", "1a" too, which as words of
# their own are "or" and "to").
TIME_AND_ORDINAL_SUFFIXES = ORDINAL_WORDS | {"am", "pm", "gmt", "utc", "o", "a"}
PART_WORDS = frozenset(("other", "more", "additional", "further", "new", "extra"))


def _names(tokens: list[_Token]) -> tuple[str, ...]:
    """Capitalised words that are not the sentence's first word, nor dates, nor in a Title-Case line."""
    words = [t for t in tokens if t.kind == "word"]
    if not words:
        return ()
    capitalised = [t for t in words[1:] if t.text[0].isupper()]
    if len(capitalised) > 0.6 * len(words):
        return ()  # a headline in Title Case: capitals say nothing
    names = []
    for t in capitalised:
        lower = t.lower.rstrip(".")
        if lower in MONTHS or lower in WEEKDAYS or len(lower) < 2:
            continue
        names.append(re.sub(r"['’]s$", "", t.text))
    return tuple(names)


_DIGIT = re.compile(r"\d")
_FIGURE_WORDS = frozenset(set(_UNITS) | set(_TENS) | set(MONTHS)) - {"zero", "one", "may", "mar"}


def may_have_figures(sentence: Sentence) -> bool:
    """A quick test on the sentence's words that lets most sentences skip reading: no digit, no number
    word, no month, no figure."""
    if _DIGIT.search(sentence.text) or not _FIGURE_WORDS.isdisjoint(sentence.words):
        return True
    return any(w.partition("-")[0] in _TENS for w in sentence.words if "-" in w)  # "sixty-seven"


def facts_of(text: str, language: str = "english") -> Facts:
    """The figures and names of one sentence."""
    reader = _Reader(text, language)
    words = tuple(t.text for t in reader.tokens if t.kind in ("word", "num", "iso"))
    return Facts(figures=reader.figures(), names=_names(reader.tokens), words=words)


# --- comparing two sentences -------------------------------------------------------------------


def _interval(f: Figure) -> tuple[float, float]:
    if f.bound == "at_least":
        return f.value, math.inf
    if f.bound == "at_most":
        return -math.inf, f.value
    if f.bound == "about":
        return f.value - ABOUT_TOLERANCE * abs(f.value), f.value + ABOUT_TOLERANCE * abs(f.value)
    return f.value, f.value


def _compatible(a: Figure, b: Figure) -> bool:
    """Whether both can be true: 60 and 67 cannot; "at least 156" and "more than 150" can, and so can
    "about 3 hours" and "less than four hours"."""
    if abs(a.value - b.value) <= max(a.precision, b.precision) / 2 + 1e-9:
        return True  # equal, or equal once rounded as the rounder one is: 38.5 million and 38 million
    if "part" in (a.bound, b.bound):
        return True
    (low_a, high_a), (low_b, high_b) = _interval(a), _interval(b)
    return low_a <= high_b and low_b <= high_a


@lru_cache(maxsize=65536)
def _same_name(a: str, b: str) -> bool:
    """One name in two spellings: Zelensky / Zelenskyy, Jeddah / Jidda, Serbo(-Croatian) / Serbian, and
    typos (Hand / Hans Carlsson): on duc2003 every name "difference" between wire copies but one was
    such a spelling."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if a[0] != b[0]:
        return False
    prefix = len(os.path.commonprefix([a, b]))
    if prefix >= 4 and prefix >= 0.6 * min(len(a), len(b)):
        return True
    return SequenceMatcher(None, a, b).ratio() >= SAME_NAME_SPELLING


def _name_differences(a: Facts, b: Facts) -> tuple[Difference, ...]:
    """Names standing where the other wording has another name that it does not have anywhere:
    "met Yoon in Vilnius" / "met Biden in Vilnius". Reordered or added names are no difference."""
    if not a.names or not b.names or not (_names_apart(a, b) and _names_apart(b, a)):
        return ()  # no name of one is missing from the other: nothing can stand in another's place
    capitalised_a = set(a.names)
    capitalised_b = set(b.names)
    matcher = SequenceMatcher(None, [w.lower() for w in a.words], [w.lower() for w in b.words], autojunk=False)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i1 == 0 or j1 == 0:
            continue
        side_a = [re.sub(r"['’]s$", "", w) for w in a.words[i1:i2]]
        side_b = [re.sub(r"['’]s$", "", w) for w in b.words[j1:j2]]
        if not all(w in capitalised_a for w in side_a) or not all(w in capitalised_b for w in side_b):
            continue
        if any(_same_name(x, y) for x in side_a for y in b.names) or any(
            _same_name(y, x) for y in side_b for x in a.names
        ):
            continue  # a spelling of a name the other has elsewhere: reordered, not replaced
        found.append(Difference(" ".join(a.words[i1:i2]), " ".join(b.words[j1:j2])))
    return tuple(found)


@lru_cache(maxsize=None)
def _month_names(language: str) -> frozenset[str]:
    """The language's month names in all their forms ("července", "červenec"), from dateparser's data;
    abbreviations are left out, as several are words too (Czech "led", ice)."""
    from dateparser.languages import default_loader

    from .language import BY_NAME

    row = BY_NAME.get(language)
    try:
        info = default_loader.get_locale(row.code).info if row else {}
    except (KeyError, ValueError):
        return frozenset()
    english = {number: name for name, number in sorted(MONTHS.items(), key=lambda item: len(item[0]))}
    # each month's longest English name ("january", "september") is dateparser's key for it
    return frozenset(name.lower() for month in english.values() for name in info.get(month, []) if len(name) > 4)


# Languages that write an ordinal as its number and a full stop ("13. etapu", "13. Etappe").
DOTTED_ORDINALS = frozenset({"czech", "slovak", "german", "polish", "hungarian", "danish", "norwegian", "finnish",
                             "croatian", "slovenian", "serbian", "estonian", "latvian", "icelandic", "turkish"})
# Label words whose number names which one ("stage 13", "Flight 447"), but not the age words, whose
# number is a figure of a person.
IDENTIFIER_LABELS = LABEL_WORDS - {"aged", "age", "ages"}


def _identifier_differences(a: Facts, b: Facts) -> tuple[Difference, ...]:
    """Numbers that name which one, standing in the same place of two wordings with other values: "won
    stage 13" / "won stage 15", "Flight 447" / "Flight 448", "la 13e étape" / "la 15e étape". They tell
    of two things, not of one thing two ways: the sentences are not one fact, and no dispute either.
    Places are found by their neighbouring words (`Facts.numbered_places`), in time linear in the words."""
    mine, theirs = a.numbered_places, b.numbered_places
    if not mine or not theirs:
        return ()
    return tuple(Difference(mine[place][1], theirs[place][1]) for place in mine.keys() & theirs.keys()
                 if mine[place][0] != theirs[place][0])


_DATE_WORD = re.compile(r"\d{1,2}|1[89]\d\d|20\d\d|\d{4}-\d{2}-\d{2}|st|nd|rd|th", re.IGNORECASE)


def _date_differences(a: Facts, b: Facts) -> tuple[Difference, ...]:
    """Dates that stand in the same place of two wordings whose neighbouring words are the same."""
    dates_a = {f.text for f in a.figures if f.kind == "date"}
    dates_b = {f.text for f in b.figures if f.kind == "date"}
    if not dates_a or not dates_b or dates_a == dates_b:
        return ()
    left, right = [w.lower() for w in a.words], [w.lower() for w in b.words]
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    if matcher.ratio() < DATE_SAME_WORDING:
        return ()
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        sides = (left[i1:i2], right[j1:j2])
        if not all(all(_DATE_WORD.fullmatch(w) or w.rstrip(".") in MONTHS for w in side) for side in sides):
            continue
        if not all(any(c.isdigit() for w in side for c in w) for side in sides):
            continue
        if left[max(0, i1 - DATE_CONTEXT):i1] != right[max(0, j1 - DATE_CONTEXT):j1]:
            continue
        if left[i2:i2 + DATE_CONTEXT] != right[j2:j2 + DATE_CONTEXT]:
            continue
        if i1 and left[i1 - 1].rstrip(".") in MONTHS:  # "March 5", not "5"
            i1, j1 = i1 - 1, j1 - 1
        found.append(Difference(" ".join(a.words[i1:i2]), " ".join(b.words[j1:j2])))
    return tuple(found)


def _other_time(a: Facts, b: Facts) -> bool:
    """Whether the two name different times of one kind ("a February poll" / "a poll released in June"):
    their counts may be of different things. (A date they give differently in the same place of one
    wording is a difference instead: `_date_differences`.)"""
    mine = {(f.key, f.value) for f in a.figures if f.kind == "date"}
    theirs = {(f.key, f.value) for f in b.figures if f.kind == "date"}
    keys = {k for k, _ in mine} & {k for k, _ in theirs}
    return any(not ({v for k2, v in mine if k2 == k} & {v for k2, v in theirs if k2 == k}) for k in keys)


def _names_apart(a: Facts, b: Facts) -> bool:
    """Whether `a` has a name that `b` has in no spelling."""
    exact = set(b.names)
    return any(x not in exact and not any(_same_name(x, y) for y in b.names) for x in a.names)


def _unmatched(a: Facts, b: Facts) -> list[Difference]:
    """Where one sentence gives a counted thing once and the other gives it more than once ("56 percent
    of the vote" / "with 22 percent of the vote counted, 51 percent of the vote"), the one value must be
    one of the others; if none is compatible, they differ (shown against the nearest)."""
    found = []
    for one, many, flip in ((a, b, False), (b, a, True)):
        for key in one.keys - many.keys:
            if key[0] == "date":
                continue
            values = [f for f in many.figures if (f.kind, f.key) == key]
            mine = next(f for f in one.figures if (f.kind, f.key) == key)
            if len(values) < 2 or any(_compatible(mine, other) for other in values):
                continue
            nearest = min(values, key=lambda other: abs(other.value - mine.value))
            found.append(Difference(nearest.text, mine.text) if flip else Difference(mine.text, nearest.text))
    return found


def compare(a: Facts, b: Facts) -> Comparison:
    """Whether two sentences give the same figures and names.

    Only counted things each sentence gives once are compared; a date or a name differs only where
    the two wordings align it with another one (so "Kishida met Yoon" and "Kishida met Biden" differ).

    Returns:
        "differ" with the differences as (a's value, b's value); "agree" when some figure or name
        is shared and nothing differs; "unrelated" when they share neither.
    """
    # Each naming a place or party the other does not ("killed 32 in Poland" / "killed at least 62
    # throughout Europe"): the counts may well be of different things, so they are no dispute.
    # Numbers naming two different ones ("stage 13" / "stage 15"): their figures are of different things.
    identifiers = _identifier_differences(a, b)
    other_scope = (_names_apart(a, b) and _names_apart(b, a)) or _other_time(a, b) or bool(identifiers)
    shared_keys = {k for k in a.keys & b.keys if k[0] != "date"} if not other_scope else set()
    by_key_b = {(f.kind, f.key): f for f in b.figures}
    figures, agreed = [], 0
    for f in a.figures:
        if (f.kind, f.key) not in shared_keys:
            continue
        other = by_key_b[(f.kind, f.key)]
        if _compatible(f, other):
            agreed += 1
        else:
            figures.append(Difference(f.text, other.text))
    if not other_scope:
        figures += _unmatched(a, b)
    figures += _date_differences(a, b)
    names = _name_differences(a, b) + identifiers
    if figures or names:
        return Comparison("differ", tuple(figures), names)
    shares_name = bool({n.lower() for n in a.names} & {n.lower() for n in b.names})
    return Comparison("agree" if agreed or shares_name else "unrelated", agreed=agreed)


# --- the stage ---------------------------------------------------------------------------------


class _FactsCache(dict):
    """Facts of sentences by (document, index), read from their text when first asked for."""

    def __init__(self, language: str):
        super().__init__()
        self.language = language
        self.texts: dict[tuple[int, int], str] = {}

    def add(self, sentences: Iterable[Sentence]) -> None:
        self.texts.update(((s.document, s.index), s.text) for s in sentences)

    def __missing__(self, key: tuple[int, int]) -> Facts:
        value = self[key] = facts_of(self.texts[key], self.language)
        return value


class _Comparer:
    """`compare`, at most MAX_COMPARISONS times per check_facts call, reading the budget's clock as it
    goes: past the ceiling (input built to repeat one figure thousands of times) answers None, and
    groups are then left whole and no more disputes are looked for."""

    def __init__(self, budget: WorkBudget | None):
        self.left = MAX_COMPARISONS
        self.budget = budget

    def __call__(self, a: Facts, b: Facts) -> Comparison | None:
        if self.left <= 0:
            return None
        self.left -= 1
        if self.budget is not None and self.left % 1024 == 0:
            self.budget.check_time("comparing the articles' figures")
        return compare(a, b)


def _split(group: Group, facts: dict[tuple[int, int], Facts], comparer: _Comparer) -> list[list[Sentence]]:
    """Members in their order, into parts whose members do not differ from one another; the first
    part keeps the representative. Members without figures or names go with it."""
    parts: list[list[Sentence]] = []
    wordings: list[list[Facts]] = []  # distinct facts of each part
    verdicts: dict[tuple[int, int], bool] = {}

    def differs(x: Facts, y: Facts) -> bool:
        pair = (id(x), id(y))
        if pair not in verdicts:
            comparison = comparer(x, y)
            verdicts[pair] = comparison is not None and comparison.verdict == "differ"
        return verdicts[pair]

    if all(m.words == group.members[0].words for m in group.members):
        return [list(group.members)]  # exact repeats: nothing to compare
    for member in group.members:
        mine = facts[(member.document, member.index)]
        for part, known in zip(parts[:MAX_PARTS_COMPARED], wordings):
            plain = not (mine.figures or mine.names)
            if plain or not any(differs(mine, other) for other in known[:MAX_WORDINGS_COMPARED]):
                part.append(member)
                if len(known) < MAX_WORDINGS_COMPARED and mine not in known:  # only these are compared
                    known.append(mine)
                break
        else:
            parts.append([member])
            wordings.append([mine])
    return parts


def _similarity(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    shared = len(a & b)
    return (shared / math.sqrt(len(a) * len(b)) if shared else 0.0), shared


def _content_stems(sentence: Sentence) -> frozenset[str]:
    return frozenset(s for s in sentence.stems if not any(c.isdigit() for c in s))


def _candidates(
    sentences: Sequence[Sentence], with_figures: Sequence[int], budget: WorkBudget | None
) -> dict[int, set[int]]:
    """Sentences of other articles with figures that may report the same event: group.similar_pairs at
    a threshold below grouping's (a rewording with other figures shares fewer stems and stem pairs),
    whose own bounds keep the work linear in sentences."""
    scored: dict[int, list[tuple[float, int]]] = {i: [] for i in with_figures}
    for a, b, cosine in similar_pairs([sentences[i] for i in with_figures], SAME_EVENT_SIMILARITY, budget):
        i, j = with_figures[a], with_figures[b]
        if sentences[i].document != sentences[j].document:
            scored[i].append((cosine, j))
            scored[j].append((cosine, i))
    return {i: {j for _, j in sorted(pairs, reverse=True)[:CANDIDATES_PER_SENTENCE]} for i, pairs in scored.items()}


def _disputes(
    sentence: Sentence, others: Iterable[Sentence], facts: dict[tuple[int, int], Facts], stems, comparer: _Comparer
) -> tuple[Dispute, ...]:
    """Per other article, its most similar sentence that gives this one's counted things other values;
    none for an article that also has a sentence agreeing on them (it says both)."""
    mine = facts[(sentence.document, sentence.index)]
    best: dict[int, tuple[float, Sentence, Comparison]] = {}
    agreeing: set[int] = set()
    for other in others:
        comparison = comparer(mine, facts[(other.document, other.index)])
        if comparison is None:
            return ()
        if comparison.agreed:
            agreeing.add(other.document)
        elif comparison.figures:  # a name alone is another fact, not a dispute: "met Yoon" / "met Biden"
            similarity, _ = _similarity(stems(sentence), stems(other))
            if other.document not in best or similarity > best[other.document][0]:
                best[other.document] = (similarity, other, comparison)
    return tuple(
        Dispute(other.document, other.index, comparison.figures + comparison.names)
        for document, (_, other, comparison) in sorted(best.items())
        if document not in agreeing
    )


def check_facts(
    groups: Sequence[Group], language: str = "english", budget: WorkBudget | None = None
) -> tuple[Group, ...]:
    """Split groups whose members' figures or names differ, and record disputes on the sentences.

    Args:
        groups: the duplicate groups of all sentences (every sentence in exactly one group).
        language: the articles' language (stop words, stems, how numbers are written).
        budget: bounds and deadline for the pair search (group.similar_pairs); its defaults when None.

    Returns:
        Groups whose members agree, representatives first as before, ids renumbered; a sentence that
        other articles contradict carries them in `Sentence.disputes`.
    """
    sentences = [m for g in groups for m in g.members]
    facts = _FactsCache(language)  # read only where needed: most sentences have no figures, most groups one member
    facts.add(sentences)
    comparer = _Comparer(budget)
    parts = [part for g in groups for part in (_split(g, facts, comparer) if len(g.members) > 1 else [list(g.members)])]

    # Which sentences another may dispute: those the pair search finds alike enough, and the members of
    # the group a sentence was split from (grouping already found those to be one event). Only these
    # pairs' sentences are read, so a sentence with figures that nothing resembles costs no reading.
    position = {(s.document, s.index): i for i, s in enumerate(sentences)}
    figure_like = [i for i, s in enumerate(sentences) if may_have_figures(s)]
    candidates = _candidates(sentences, figure_like, budget)
    for g in groups:
        if len(g.members) < 2:
            continue
        figured = [i for i in (position[(m.document, m.index)] for m in g.members) if i in candidates]
        for i in figured:
            others = (j for j in figured if sentences[j].document != sentences[i].document)
            candidates[i].update(islice(others, SAME_GROUP_CANDIDATES))
    stem_sets: dict[int, frozenset[str]] = {}

    def stems(s: Sentence) -> frozenset[str]:
        i = position[(s.document, s.index)]
        if i not in stem_sets:
            stem_sets[i] = _content_stems(s)
        return stem_sets[i]

    disputed: dict[tuple[int, int], tuple[Dispute, ...]] = {}
    for i, found in candidates.items():
        sentence = sentences[i]
        if not found or not facts[(sentence.document, sentence.index)].keys:
            continue
        disputes = _disputes(sentence, [sentences[j] for j in sorted(found)], facts, stems, comparer)
        if disputes:
            disputed[(sentence.document, sentence.index)] = disputes

    def with_disputes(s: Sentence) -> Sentence:
        found = disputed.get((s.document, s.index))
        return replace(s, disputes=found) if found else s

    return tuple(Group(id=n, members=tuple(with_disputes(m) for m in part)) for n, part in enumerate(parts))


def disputes_for(group: Group) -> tuple[Dispute, ...]:
    """What the brief shows beside a group's sentence: the disputes of the wording shown, leaving out
    articles that support it (an article that says both is no dissent)."""
    supporting = {m.document for m in group.members}
    return tuple(d for d in group.representative.disputes if d.document not in supporting)
