import pytest

from summarizer import Options, OptionsError
from summarizer.options import DEFAULT_MAX_WORDS


def test_defaults():
    options = Options()
    assert (options.max_words, options.max_sentences, options.algorithm, options.language) == (
        DEFAULT_MAX_WORDS, None, "consensus", "auto"
    )


def test_sentences_alone_leave_words_unset():
    assert Options(max_sentences=3).max_words is None


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"max_words": 0}, "max_words"),
        ({"max_words": -5}, "max_words"),
        ({"max_words": 10**6}, "max_words"),
        ({"max_words": "100"}, "max_words"),
        ({"max_words": True}, "max_words"),
        ({"max_sentences": 0}, "max_sentences"),
        ({"max_sentences": 2.5}, "max_sentences"),
        ({"algorithm": "gpt"}, "algorithm"),
        ({"algorithm": 3}, "algorithm"),
        ({"language": "klingon"}, "language"),
        ({"language": 3}, "language"),
    ],
)
def test_bad_option_names_its_field(kwargs, field):
    with pytest.raises(OptionsError) as raised:
        Options(**kwargs)
    assert raised.value.field == field
    assert field.split("_")[-1] in raised.value.message


def test_language_by_code_and_algorithm_alias():
    options = Options(language="FR", algorithm="TextRank")
    assert (options.language, options.algorithm) == ("french", "textrank")
