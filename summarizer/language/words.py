"""Words of a sentence in any supported language: tokens, stop words, stems, and what a "word" counts as.

Chinese and Japanese are written without spaces, and a Korean word carries its particles
("서울시는", "서울시가"). A segmenter per language would cost tens of MB and a slow start; overlapping
character pairs ("北京时间" -> 北京, 京时, 时间) are the classic language-free stand-in: two reports
of one fact share most of their pairs however the words would be cut.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from . import language

# A quotation, by its marks: "...", “...”, «...», „...“ (a quote's words are what someone said, not the
# sentence's own).
QUOTATION = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»|„([^“”]+)[“”]')
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")  # letters and digits; "_" is a dash in wire copy
# Scripts written without spaces between words (Han, Hiragana, Katakana), and Hangul, whose words
# take their particles attached: both are read as character pairs.
_UNSPACED = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_PAIRED = re.compile(f"[{_UNSPACED}{_HANGUL}]+")
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
# One character of those scripts, or a word of letters and digits in any other.
_COUNTED = re.compile(f"[{_UNSPACED}]|(?:(?![{_UNSPACED}])[^\\W_])+(?:[-'’.,](?:(?![{_UNSPACED}])[^\\W_])+)*")
# Words whose stems a worker keeps; a news vocabulary is tens of thousands, and input made of
# made-up words must not grow a long-lived worker without end.
_STEM_CACHE_MAX = 200_000


def _pairs(run: str) -> list[str]:
    return [run] if len(run) < 3 else [run[i : i + 2] for i in range(len(run) - 1)]


def words_of(text: str) -> tuple[str, ...]:
    """Lower-cased words; runs of Chinese, Japanese or Korean characters as overlapping pairs."""
    words = list(map(str.lower, _WORD.findall(text)))
    if not _PAIRED.search(text):
        return tuple(words)
    out: list[str] = []
    for word in words:
        at = 0
        for run in _PAIRED.finditer(word):
            if run.start() > at:
                out.append(word[at : run.start()])
            out.extend(_pairs(run.group()))
            at = run.end()
        if at < len(word):
            out.append(word[at:])
    return tuple(out)


def count_words(text: str) -> int:
    """Words as budgets count them: space-separated words, and each Chinese or Japanese character.

    A reader of Chinese or Japanese counts length in characters (字, 文字); one character carries
    about as much as two-thirds of an English word, so "120 words" gives a brief of similar reach.
    """
    if not _UNSPACED_CHAR.search(text):
        return len(text.split())
    return len(_COUNTED.findall(text))


# How far a counted word reaches, in English words, for the bounds on a sentence's length (a brief
# sentence reads as one at 8-60 English words). Rules of thumb from translation, not measured here: an
# English word comes out as about 1.5 characters of Chinese or Japanese, and a Korean spaced word carries
# a word with its particles, about 1.5 English words. Budgets still count words as count_words does.
CHARACTERS_PER_ENGLISH_WORD = 1.5
ENGLISH_WORDS_PER_KOREAN_WORD = 1.5
_HANGUL_WORD = re.compile(f"[{_HANGUL}]")


def english_reach(text: str) -> float:
    """The sentence's length in English words it is worth: for the bounds on a brief sentence's length."""
    if not _PAIRED.search(text):
        return len(text.split())
    unspaced = len(_UNSPACED_CHAR.findall(text))
    if unspaced:
        return unspaced / CHARACTERS_PER_ENGLISH_WORD + (count_words(text) - unspaced)
    words = text.split()
    korean = sum(1 for w in words if _HANGUL_WORD.search(w))
    return korean * ENGLISH_WORDS_PER_KOREAN_WORD + (len(words) - korean)


def _sumy_stop_words(name: str) -> frozenset[str] | None:
    """sumy's bundled list, read as a file: the lists the pipeline has always used where sumy has one."""
    path = resources.files("sumy") / "data" / "stopwords" / f"{name}.txt"
    if not path.is_file():
        return None
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())


@lru_cache(maxsize=None)
def stop_words(name: str) -> frozenset[str]:
    """The language's stop words: sumy's list, else stopwords-iso's (Danish, Dutch, Russian...)."""
    words = _sumy_stop_words(name)
    if words is None:
        import stopwordsiso

        words = frozenset(w.lower() for w in stopwordsiso.stopwords(language(name).code))
    if not language(name).spaced:
        # Pairs are the words here (words_of): a listed word of two characters is a stop pair.
        words = frozenset(w for w in words if len(w) <= 2)
    return words


class Stemmer:
    """Snowball (PyStemmer) where it has the language, simplemma's lemmas where that has it, else the word.

    Stems are cached per word: stemming dominates segmentation time on long clusters.
    """

    def __init__(self, name: str):
        row = language(name)
        if row.stemmer:
            import Stemmer as pystemmer

            self._stem = pystemmer.Stemmer(row.stemmer).stemWord
        elif row.lemmas:
            import simplemma

            code = row.code
            self._stem = lambda word: simplemma.lemmatize(word, lang=code).lower()
        else:
            self._stem = str.lower
        self._cache: dict[str, str] = {}

    def many(self, words) -> list[str]:
        """Stems of many words: one dictionary look-up each where cached (scoring stems every word)."""
        stems = list(map(self._cache.get, words))
        if None in stems:
            stems = [stem or self(word) for stem, word in zip(stems, words)]
        return stems

    def __call__(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            if len(self._cache) >= _STEM_CACHE_MAX:
                self._cache.clear()
            stem = self._cache[word] = self._stem(word) or word
        return stem


@lru_cache(maxsize=None)
def stemmer(name: str) -> Stemmer:
    return Stemmer(name)


def content_stems(words: tuple[str, ...], name: str) -> tuple[str, ...]:
    """Stems of the words that carry content: stop words dropped."""
    stops = stop_words(name)
    stem = stemmer(name)
    return tuple(stem.many([w for w in words if w not in stops]))
