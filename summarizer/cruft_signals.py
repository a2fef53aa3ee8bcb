"""Clean stage, language-neutral signals: what marks a line as page furniture whatever its language.

Four signals, each cheap, none needing a word list of cues:
- sentence punctuation: article text is made of sentences; link lists, menus and labels are not;
- stop-word density, as jusText measures it (share of a line's words found in its language's
  stop-list, with jusText's own thresholds): prose is full of "the", "de", "и"; headlines and labels
  are not;
- link density, where the copy kept Markdown links or addresses: how much of a line is link text;
- repetition across the documents of one request: the same non-sentence line in two articles is the
  site's furniture ("Partager sur Facebook", a newsletter box), not news.
The stop-lists are jusText's (installed with trafilatura): read from its package files, so neither
jusText nor lxml is imported.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

__all__ = [
    "SENTENCE_END",
    "ends_sentence",
    "stoplist",
    "stoplist_language",
    "stopword_density",
    "is_prose",
    "link_density",
    "is_furniture",
    "furniture_runs",
    "repeated_across",
]

# Sentence-final marks of the scripts the product reads: Latin/Cyrillic/Greek, CJK full-width,
# Arabic/Urdu, Devanagari. A line ending in none of them is a headline, a label or a link.
SENTENCE_END = tuple(".!?…:;。！？؟۔।")
CLOSERS = "\"'”’»)]*_ 」』）"

# jusText's defaults (justext.core): a paragraph shorter than LENGTH_LOW characters is "short" (not
# judged by its words); a longer one is prose ("good" or "near-good") when at least STOPWORDS_LOW of its
# words are stop words. Its authors chose them on web pages in many languages; kept as they are so the
# measure is jusText's.
LENGTH_LOW = 70
STOPWORDS_LOW = 0.30
# Longest line that can be furniture: a related article's title runs to ~20 words (clean.py's
# HEADLINE_MAX_WORDS) and ~160 characters in the examples; a longer unpunctuated line is text.
FURNITURE_MAX_WORDS = 20
FURNITURE_MAX_CHARS = 160
# Consecutive furniture lines after the article has begun that make a block of links. Three: two short
# lines can be a section heading and a sub-heading; the shortest "read also" boxes seen list three.
MIN_FURNITURE_RUN = 3
# Share of a line's visible characters inside links above which it is a link, not text. jusText calls a
# paragraph bad above 0.2 in HTML, where article links are rare; pasted Markdown keeps inline links in
# sentences (one linked name in a sentence: ~0.1-0.3), while "Lire aussi : [title](url)" is ~0.8.
MAX_LINK_DENSITY = 0.5
# Opening words of a document read to choose its stop-list when the language is not given.
STOPLIST_SAMPLE_WORDS = 120  # ~50 stop words in prose: plenty to tell the lists of one script apart

# ISO 639-1 -> jusText's stop-list, for the languages of the product that jusText has (not Chinese or
# Japanese: their words are not spaced, and a density of stop words means nothing there).
_JUSTEXT_LISTS = {
    "ar": "Arabic", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ko": "Korean", "nl": "Dutch", "no": "Norwegian_Bokmal",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish", "tr": "Turkish",
    "uk": "Ukrainian",
}
# Which stop-lists can fit a text, by the script most of its letters are in.
_SCRIPTS = (
    (re.compile(r"[\u0400-\u04FF]"), ("ru", "uk")),
    (re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]"), ("el",)),
    (re.compile(r"[\u0600-\u06FF]"), ("ar",)),
    (re.compile(r"[\u0590-\u05FF]"), ("he",)),
    (re.compile(r"[\u0900-\u097F]"), ("hi",)),
    (re.compile(r"[\uAC00-\uD7AF\u1100-\u11FF]"), ("ko",)),
    (re.compile(r"[\u3040-\u30FF\u4E00-\u9FFF]"), ()),
    (re.compile(r"[A-Za-z\u00C0-\u024F]"), ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "cs", "sv", "da",
                                             "no", "fi", "hu", "ro", "tr", "id")),
)


def ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSERS).endswith(SENTENCE_END)


@lru_cache(maxsize=None)
def stoplist(language: str | None) -> frozenset[str]:
    """jusText's stop-list for an ISO 639-1 code, lower-cased as jusText does; empty when it has none."""
    name = _JUSTEXT_LISTS.get(language or "")
    spec = importlib.util.find_spec("justext")
    if name is None or spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "stoplists" / f"{name}.txt"
    try:
        return frozenset(word.lower() for word in path.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


@lru_cache(maxsize=None)
def _stop_index(codes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """word -> the languages among `codes` whose stop-list holds it: one look-up per word, not per list."""
    index: dict[str, list[str]] = {}
    for code in codes:
        for word in stoplist(code):
            index.setdefault(word, []).append(code)
    return {word: tuple(found) for word, found in index.items()}


def stoplist_language(text: str) -> str | None:
    """The language whose stop-list covers most of `text`'s opening words, among those of its script.

    Used only when the caller gives no language: it picks the stop-list (and the language dates are read
    in); it is no language detector.
    """
    words = text.split()[:STOPLIST_SAMPLE_WORDS]
    sample = " ".join(words)
    counts = [(len(pattern.findall(sample)), codes) for pattern, codes in _SCRIPTS]
    letters, candidates = max(counts, key=lambda pair: pair[0])
    if not letters or not candidates:
        return None
    index = _stop_index(candidates)
    hits = dict.fromkeys(candidates, 0)
    for word in words:
        for code in index.get(word.lower(), ()):
            hits[code] += 1
    if not any(hits.values()):
        return None
    return max(candidates, key=lambda code: hits[code])  # ties go to the first listed (English for Latin)


def stopword_density(text: str, stopwords: frozenset[str]) -> float:
    """jusText's measure: the share of whitespace-separated words (case-folded) in the stop-list."""
    words = text.split()
    return sum(word.lower() in stopwords for word in words) / len(words) if words else 0.0


def is_prose(text: str, stopwords: frozenset[str]) -> bool:
    """What jusText would call good or near-good text: long enough, and with enough stop words.

    Without a stop-list (Chinese, Japanese) length alone decides.
    """
    if len(text) < LENGTH_LOW:
        return False
    return not stopwords or stopword_density(text, stopwords) >= STOPWORDS_LOW


_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>()]+")


def link_density(text: str) -> float:
    """Share of the line's visible characters that are link text (Markdown anchors or bare addresses)."""
    linked = 0
    visible = []
    last = 0
    for match in _MARKDOWN_LINK.finditer(text):
        visible.append(text[last:match.start()])
        visible.append(match.group(1))
        linked += len(match.group(1)) or len(match.group(2))
        last = match.end()
    visible.append(text[last:])
    shown = "".join(visible)
    linked += sum(len(url) for url in _BARE_URL.findall(shown))
    size = len(shown.strip()) or 1
    return min(1.0, linked / size)


def is_furniture(text: str, stopwords: frozenset[str]) -> bool:
    """A line that is no sentence: short, without sentence punctuation (a question or an ellipsis may end
    a link's title), and not prose by its stop words."""
    if not any(ch.isalpha() for ch in text) or len(text) > FURNITURE_MAX_CHARS:
        return False
    if len(text.split()) > FURNITURE_MAX_WORDS:
        return False
    end = text.rstrip(CLOSERS)
    if end.endswith(SENTENCE_END) and not end.endswith(("?", "!", "…", "...", "？", "！")):
        return False
    return not is_prose(text, stopwords)


def furniture_runs(texts: Sequence[str], stopwords: frozenset[str]) -> list[list[int]]:
    """Runs of at least MIN_FURNITURE_RUN consecutive furniture lines after the article's first prose
    paragraph: link boxes, tag lists and menus, in any language. Lines before the article begins
    (headline, standfirst, byline) are left to the rules that read them."""
    runs: list[list[int]] = []
    begun = False
    current: list[int] = []
    for i, text in enumerate(texts):
        if not begun:
            begun = is_prose(text, stopwords) and ends_sentence(text)
            continue
        if is_furniture(text, stopwords):
            current.append(i)
            continue
        if len(current) >= MIN_FURNITURE_RUN:
            runs.append(current)
        current = []
    if len(current) >= MIN_FURNITURE_RUN:
        runs.append(current)
    return runs


def repeated_across(documents: Iterable[Iterable[str]]) -> frozenset[str]:
    """Keys of the lines found in two documents or more: each document's lines are given as keys of its
    furniture lines (the caller chooses which; sentences shared by two articles are news, not furniture)."""
    counts: Counter[str] = Counter()
    for keys in documents:
        counts.update(set(keys))
    return frozenset(key for key, count in counts.items() if count >= 2)
