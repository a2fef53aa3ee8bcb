"""Which language an article is written in: py3langid's model (inside the package, nothing downloaded).

The detector knows 140 languages, more than the pipeline supports, so that an article in Thai is
named as unsupported rather than read as the nearest supported language. Its probabilities are
calibrated by length; a short text rarely reaches them, and is then "unsure": the caller says so,
and a person's explicit choice always wins over it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

from ..errors import UnsupportedLanguageError
from . import AUTO, BY_NAME, find_language, language

# Characters read to decide: a paragraph or two settle it (every fixture article is sure on its first
# 1,000), and long input costs nothing more; detection is then about 0.6 ms an article.
SAMPLE_CHARS = 1_000
# A verdict already near-certain on the first QUICK_CHARS does not change with the rest of the sample: on
# every article of ../shared/mds (2,274, five languages), the 2,256 that reach QUICK_PROBABILITY on their
# first 400 characters get the same language from 1,000. Reading less halves detection's time.
QUICK_CHARS = 400
QUICK_PROBABILITY = 0.99
# A verdict is sure when the model gives it at least this probability and the text has enough
# letters to carry it. On the per-language fixtures every article of 80+ words scores above 0.9;
# a headline or a single line mostly falls below 0.5.
SURE_PROBABILITY = 0.5
SURE_LETTERS = 40
_LETTER = re.compile(r"[^\W\d_]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
_NO_LANGUAGE = frozenset({"zxx", "und"})


@dataclass(frozen=True)
class Detected:
    """The detector's verdict on one text."""

    code: str  # the detector's ISO 639 code, e.g. "de", "th"; "" when the text has no letters
    language: str | None  # the pipeline's name when supported ("german"), else None
    probability: float
    sure: bool
    best_supported: str | None  # the likeliest supported language, for an unsure verdict


_model_lock = threading.Lock()
_model = None


def _identifier():
    """The model, loaded once per process (≈ 0.5 s: it is stored LZMA-compressed)."""
    global _model
    with _model_lock:
        if _model is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _model


def warm(background: bool = False) -> None:
    """Load the model now (a server's start), not in the first request that needs it.

    In the background, the load (mostly LZMA decompression, which runs outside the GIL) overlaps the
    caller's own start-up: the CLI reads its files meanwhile.
    """
    if background:
        threading.Thread(target=_identifier, name="load-language-model", daemon=True).start()
    else:
        _identifier()


def detect(text: str) -> Detected:
    sample = text[:QUICK_CHARS]
    letters = len(_LETTER.findall(sample))
    ranking = _identifier().rank(sample) if letters >= SURE_LETTERS else []
    if not ranking or ranking[0][1] < QUICK_PROBABILITY:
        sample = text[:SAMPLE_CHARS]
        letters = len(_LETTER.findall(sample))
        if not letters:
            return Detected("", None, 0.0, False, None)
        ranking = _identifier().rank(sample)
    code, probability = ranking[0]
    found = find_language(code)
    best_supported = next((row.name for row in map(find_language, (c for c, _ in ranking)) if row), None)
    # "zxx" is the model's "no language" (codes, made-up words): never a sure verdict against a language.
    sure = probability >= SURE_PROBABILITY and letters >= SURE_LETTERS and code not in _NO_LANGUAGE
    return Detected(
        code=found.code if found else code,
        language=found.name if found else None,
        probability=round(probability, 3),
        sure=sure,
        best_supported=best_supported,
    )


@dataclass(frozen=True)
class LanguageChoice:
    """The language a brief is made in, what was found in each article, and what that leaves out."""

    language: str  # the pipeline's name
    detected: tuple[Detected | None, ...]  # per article; None for an empty one
    left_out: dict[int, str]  # article index -> why it is not summarised
    notes: tuple[str, ...]


def choose_language(texts: list[str], labels: list[str], chosen: str) -> LanguageChoice:
    """Find each article's language and the one the brief is made in.

    With `chosen` "auto", the language of most articles wins (ties: more words); articles surely in
    another language are left out, each with its reason, and an unsure verdict is said in a note.
    With a language chosen, every article is read in it, and a note names the articles that look
    otherwise. Articles in a language nothing supports are left out; if that is all of them,
    UnsupportedLanguageError.
    """
    detected = tuple(detect(text) if text.strip() else None for text in texts)
    notes: list[str] = []
    left_out: dict[int, str] = {}

    def leave_out(i: int, reason: str) -> None:
        left_out[i] = reason
        notes.append(f"{labels[i]} was left out: {reason}.")

    if chosen != AUTO:
        label = language(chosen).label
        others = []
        for i, d in enumerate(detected):
            if d and not _written_in(texts[i], language(chosen).scripts):  # Thai letters read as English: no
                looks = f" (it looks like {d.code})" if d.code else ""
                leave_out(i, f"it is not written in the script of {label}{looks}")
            elif d and d.sure and d.language != chosen:
                looks = language(d.language).label if d.language else f"like {d.code}, which is not supported"
                others.append(f"{labels[i]} looks {looks}")
        if others:
            notes.append(f"{'; '.join(others)}: read as {label}, as chosen.")
        if left_out and len(left_out) == sum(1 for d in detected if d):
            raise _unsupported(detected)
        return LanguageChoice(chosen, detected, left_out, tuple(notes))

    votes: dict[str, list[int]] = {}
    for i, d in enumerate(detected):
        if d and d.sure and d.language:
            votes.setdefault(d.language, []).append(i)
    if not votes:  # nothing sure: the likeliest supported language of the unsure ones
        for i, d in enumerate(detected):
            if d and d.best_supported and (d.language or not d.sure):
                votes.setdefault(d.best_supported, []).append(i)
    if not votes:
        raise _unsupported(detected)
    words = [len(text.split()) for text in texts]
    winner = max(votes, key=lambda name: (len(votes[name]), sum(words[i] for i in votes[name])))
    label = language(winner).label
    for i, d in enumerate(detected):
        if d is None:
            continue
        if d.sure and d.language != winner:
            found = language(d.language).label if d.language else None
            leave_out(i, f"it is in {found}, the others in {label}; choose {found} to summarise it" if found
                      else f"it is in a language this app cannot summarise yet ({d.code})")
        elif not _written_in(texts[i], language(winner).scripts):  # too short to tell, but not in its script
            leave_out(i, f"it is not written in the script of {label}")
        elif not d.sure:
            notes.append(
                f"The language of {labels[i]} could not be told for sure from its text; "
                f"it was read as {label}. Choose the language if that is wrong."
            )
    return LanguageChoice(winner, detected, left_out, tuple(notes))


# Share of an article's letters that must be in the chosen language's scripts for it to be read in it:
# a few quoted foreign names pass, an article in another script does not.
MIN_SCRIPT_SHARE = 0.5


def _written_in(text: str, scripts: tuple[str, ...]) -> bool:
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return True
    # ASCII letters are Latin: only the others need their Unicode names (most of a cluster's time here).
    others = _NON_ASCII_LETTER.findall(sample)
    inside = (letters - len(others) if "LATIN" in scripts else 0) + sum(
        1 for letter in others if unicodedata.name(letter, "").startswith(scripts)
    )
    return inside >= MIN_SCRIPT_SHARE * letters


def _unsupported(detected: tuple[Detected | None, ...]) -> UnsupportedLanguageError:
    unsupported = sorted({d.code for d in detected if d and d.code})
    return UnsupportedLanguageError(
        "The articles are written in a language this app cannot summarise yet"
        + (f" (detected: {', '.join(unsupported)})" if unsupported else "")
        + f". Supported: {', '.join(row.label for row in BY_NAME.values())}."
    )
