"""Datelines of brief sentences: where a sentence's "here" is, and which day its "today" is.

Cleaning takes a wire dateline off an article's lead ("ULAN BATOR, February 22 (Xinhua) -- ") and keeps
its place and the article's date as metadata. Under that dateline "Mongolian Prime Minister Mendsaikhan
Enkhsaikhan left here today for a five-day working visit to Japan." reads well; in a brief, among
sentences of other places and days, "here" and "today" mean nothing. Such a sentence is shown under its
source's dateline, as wire roundups print their items: "Ulan Bator, 1998-02-22 — ... left here today".
Only what the sentence needs is given (the place for "here" or "this Cleveland suburb", the date for a day
named relative to its writing), and only what its source gave. The words are each language's; a language without a row gets
no datelines.
"""

from __future__ import annotations

from .language.words import words_of

# Words for the place a text was filed from.
HERE: dict[str, frozenset[str]] = {
    "english": frozenset({"here"}),
    "french": frozenset({"ici"}),
    "spanish": frozenset({"aquí"}),
    "german": frozenset({"hier"}),
    "italian": frozenset({"qui", "qua"}),
    "portuguese": frozenset({"aqui"}),
    "dutch": frozenset({"hier"}),
    "czech": frozenset({"zde", "tady"}),
    "greek": frozenset({"εδώ"}),
}
# A place pointed at by a demonstrative ("this Cleveland suburb", "this Chinese capital", "this country"): the
# pointing words, and the nouns of places they may point at across up to two words.
POINTED_PLACES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "english": (frozenset({"this"}), frozenset("city town suburb village capital port island nation country state "
                                               "region province county community neighborhood".split())),
    "french": (frozenset({"cette", "ce"}), frozenset("ville capitale commune région province île pays".split())),
}
# Days named relative to the day of writing: words, and two-word phrases ("last night").
_WEEKDAYS_EN = "monday tuesday wednesday thursday friday saturday sunday"
RELATIVE_DAYS: dict[str, frozenset[str]] = {
    "english": frozenset(
        f"today tonight yesterday tomorrow {_WEEKDAYS_EN}".split()
        + ["this morning", "this afternoon", "this evening", "this week", "this weekend", "last night",
           "last week", "last weekend", "next week", "next weekend"]
    ),
    "french": frozenset(
        "aujourd'hui aujourd’hui hier demain lundi mardi mercredi jeudi vendredi samedi dimanche".split()
        + ["ce matin", "ce soir", "cette semaine", "la veille"]
    ),
    "spanish": frozenset("hoy ayer mañana anoche lunes martes miércoles jueves viernes sábado domingo".split()),
    "german": frozenset("heute gestern morgen montag dienstag mittwoch donnerstag freitag samstag sonntag".split()),
    "italian": frozenset("oggi ieri domani stamattina stasera lunedì martedì mercoledì giovedì venerdì sabato "
                         "domenica".split()),
    "portuguese": frozenset("hoje ontem amanhã segunda-feira terça-feira quarta-feira quinta-feira sexta-feira "
                            "sábado domingo".split()),
    "czech": frozenset("dnes včera zítra pondělí úterý středa čtvrtek pátek sobota neděle".split()),
    "greek": frozenset("σήμερα χθες αύριο χτες".split()),
}


# Months: a weekday followed by a month and day ("on Sunday, January 23") names its day outright.
MONTHS: dict[str, frozenset[str]] = {
    "english": frozenset("january february march april may june july august september october november december "
                         "jan feb mar apr jun jul aug sep sept oct nov dec".split()),
    "french": frozenset("janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()),
}


def dateline(text: str, language: str, place: str, date: str | None) -> str:
    """The dateline `text` needs from its source's `place` and `date` ("Ulan Bator", "2007-07-21", or both
    joined by ", "); "" when it says neither "here" nor a relative day, or its source gave neither."""
    words = words_of(text)
    pairs = {f"{a} {b}" for a, b in zip(words, words[1:])}
    here = HERE.get(language, frozenset())
    days = RELATIVE_DAYS.get(language, frozenset())
    parts = []
    if place and (any(word in here for word in words) or _points_at_a_place(words, language)):
        parts.append(" ".join(place.split()))
    months = MONTHS.get(language, frozenset())
    names_a_day = any(word in days and not any(w in months or w.isdigit() for w in words[i + 1 : i + 3])
                      for i, word in enumerate(words))  # "Sunday", not "Sunday, January 23"
    if date and (names_a_day or not pairs.isdisjoint(days)):
        parts.append(date[:10])
    return ", ".join(parts)


def _points_at_a_place(words: tuple[str, ...], language: str) -> bool:
    """Whether a demonstrative points at a place noun within three words ("in this Cleveland suburb")."""
    pointers, places = POINTED_PLACES.get(language, (frozenset(), frozenset()))
    return any(word in pointers and any(w in places for w in words[i + 1 : i + 4]) for i, word in enumerate(words))
