"""Language layer: which language an article is in (detect), its sentences (split), its words (words).

One table says what each supported language uses. A language is supported when every layer has
something for it: a sentence splitter (sentencex covers every code), stop words (sumy's list where it
has one, as before, else stopwords-iso), and word stems (Snowball through PyStemmer, simplemma's
lemmas, or none where neither has the language: the words themselves then serve as stems).
Czech and Greek take simplemma's dictionary lemmas rather than Snowball's stems: for these heavily
inflected languages the light normalisation keeps apart words that Snowball's suffix stripping merges
(Czech always used a light stemmer here, sumy's). On MultiLing (10 clusters each, so weak evidence)
cs 40.24 / 18.18 -> 40.47 / 18.76, el 39.30 / 12.31 -> 40.17 / 12.58; for English and French lemmas
did worse on every set of theirs but one (MultiLing fr -0.68 / -0.75, DUC 2003 task 3 -0.60 / -0.16),
so Snowball stays where it is mature.
Chinese, Japanese and Korean are read as overlapping character pairs (words.py says why).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import OptionsError

AUTO = "auto"


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    name: str  # the pipeline's key and the API's value: "english"
    label: str  # shown to people: "English"
    stemmer: str | None = None  # a PyStemmer (Snowball) algorithm
    lemmas: bool = False  # simplemma's lemmas instead of stems (see the module's docstring)
    spaced: bool = True  # words are written with spaces between them
    rtl: bool = False  # written right to left
    scripts: tuple[str, ...] = ("LATIN",)  # Unicode names of the scripts its letters come from


_TABLE = (
    Language("ar", "arabic", "Arabic", stemmer="arabic", rtl=True, scripts=("ARABIC",)),
    Language("zh", "chinese", "Chinese", spaced=False, scripts=("CJK",)),
    Language("cs", "czech", "Czech", lemmas=True),
    Language("da", "danish", "Danish", stemmer="danish"),
    Language("nl", "dutch", "Dutch", stemmer="dutch"),
    Language("en", "english", "English", stemmer="english"),
    Language("fi", "finnish", "Finnish", stemmer="finnish"),
    Language("fr", "french", "French", stemmer="french"),
    Language("de", "german", "German", stemmer="german"),
    Language("el", "greek", "Greek", lemmas=True, scripts=("GREEK",)),
    Language("he", "hebrew", "Hebrew", rtl=True, scripts=("HEBREW",)),
    Language("hi", "hindi", "Hindi", stemmer="hindi", scripts=("DEVANAGARI",)),
    Language("hu", "hungarian", "Hungarian", stemmer="hungarian"),
    Language("id", "indonesian", "Indonesian", stemmer="indonesian"),
    Language("it", "italian", "Italian", stemmer="italian"),
    Language("ja", "japanese", "Japanese", spaced=False, scripts=("CJK", "HIRAGANA", "KATAKANA")),
    Language("ko", "korean", "Korean", scripts=("HANGUL", "CJK")),
    Language("no", "norwegian", "Norwegian", stemmer="norwegian"),
    Language("pl", "polish", "Polish", stemmer="polish"),
    Language("pt", "portuguese", "Portuguese", stemmer="portuguese"),
    Language("ro", "romanian", "Romanian", stemmer="romanian"),
    Language("ru", "russian", "Russian", stemmer="russian", scripts=("CYRILLIC",)),
    Language("es", "spanish", "Spanish", stemmer="spanish"),
    Language("sv", "swedish", "Swedish", stemmer="swedish"),
    Language("tr", "turkish", "Turkish", stemmer="turkish"),
    Language("uk", "ukrainian", "Ukrainian", lemmas=True, scripts=("CYRILLIC",)),
)
BY_NAME: dict[str, Language] = {lang.name: lang for lang in _TABLE}
BY_CODE: dict[str, Language] = {lang.code: lang for lang in _TABLE}
# Codes a detector or a person may give for a supported language: Norwegian Bokmål and Nynorsk.
_ALIASES = {"nb": "no", "nn": "no", "bokmal": "no", "bokmål": "no", "nynorsk": "no"}

# name -> ISO 639-1 code, the shape callers have always imported.
LANGUAGES: dict[str, str] = {lang.name: lang.code for lang in _TABLE}


def language(name: str) -> Language:
    """The table's row for a pipeline name ("english"); KeyError for anything else."""
    return BY_NAME[name]


def find_language(value: object) -> Language | None:
    """The row for a name, an ISO code or an alias, in any case; None when unsupported."""
    if not isinstance(value, str):
        return None
    key = value.strip().lower()
    key = _ALIASES.get(key, key)
    return BY_NAME.get(key) or BY_CODE.get(key)


def resolve_language(value: object, allow_auto: bool = True) -> str:
    """The pipeline's name for a name or ISO code, or AUTO; OptionsError naming the choices otherwise."""
    if allow_auto and (value is None or (isinstance(value, str) and value.strip().lower() == AUTO)):
        return AUTO
    found = find_language(value)
    if found is None:
        choices = ", ".join(f"{lang.name} ({lang.code})" for lang in _TABLE)
        raise OptionsError(
            "language", f"Unsupported language {value!r}; choose auto (found by itself) or one of: {choices}."
        )
    return found.name
