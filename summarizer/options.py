"""Options for one summarisation run, validated once where they are built."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import OptionsError
from .language import AUTO, resolve_language

DEFAULT_MAX_WORDS = 120
MAX_WORDS_LIMIT = 2000
MAX_SENTENCES_LIMIT = 100
# How max_words holds: "at_most" never goes over (the default: people asked for N words); "about" lets
# the last sentence run over by a bounded amount (select.ABOUT_OVERRUN) rather than stop short. No
# sentence is ever cut either way.
WORDS_MODES = ("at_most", "about")


@dataclass(frozen=True)
class Options:
    """How long the brief may be, which scorer and which language.

    Give `max_words`, `max_sentences`, or both (both then hold); with neither, the brief is
    about DEFAULT_MAX_WORDS words. `language` takes "auto" (each article's language is found, the
    default), a name ("english") or an ISO code ("en").
    `words_mode` "about" lets the last sentence run over max_words a little instead of stopping short.
    """

    max_words: int | None = None
    max_sentences: int | None = None
    algorithm: str = "default"
    language: str = AUTO
    words_mode: str = "at_most"

    def __post_init__(self) -> None:
        from .score import algorithm_names, resolve_algorithm  # score imports options' users only

        for name, limit in (("max_words", MAX_WORDS_LIMIT), ("max_sentences", MAX_SENTENCES_LIMIT)):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise OptionsError(name, f"{name} must be a whole number, not {value!r}.")
            if not 1 <= value <= limit:
                raise OptionsError(name, f"{name} must be between 1 and {limit}; got {value}.")
        if self.max_words is None and self.max_sentences is None:
            object.__setattr__(self, "max_words", DEFAULT_MAX_WORDS)
        if not isinstance(self.algorithm, str):
            raise OptionsError("algorithm", "algorithm must be a name such as 'default' or 'lexrank'.")
        algorithm = resolve_algorithm(self.algorithm)
        if algorithm is None:
            raise OptionsError(
                "algorithm",
                f"Unknown algorithm {self.algorithm!r}; choose one of: {', '.join(algorithm_names())}.",
            )
        object.__setattr__(self, "algorithm", algorithm)
        object.__setattr__(self, "language", resolve_language(self.language))
        if self.words_mode not in WORDS_MODES:
            raise OptionsError(
                "words_mode", f"words_mode must be one of: {', '.join(WORDS_MODES)}; got {self.words_mode!r}."
            )
