"""Property-based tests of the library: whatever text arrives, a brief or a clear error, never a crash."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Document, Options, SummarizerError, summarize
from summarizer.characters import without_odd_characters
from summarizer.segment import words_of

pytestmark = pytest.mark.slow

NEWSY_WORDS = st.sampled_from(
    "the minister said on Tuesday that talks in Brussels would go on . Kishida NATO summit U.S. Mr. "
    "3.5 % \"quoted\" — Related coverage : URL Date Photo (Kyodo) ==Kyodo \n \n\n --- é ß 東京".split(" ")
)
NEWSY_TEXT = st.lists(NEWSY_WORDS, max_size=120).map(" ".join)
ANY_TEXT = st.text(max_size=400)
DOCUMENT_TEXTS = st.lists(st.one_of(ANY_TEXT, NEWSY_TEXT), min_size=1, max_size=5)
OPTIONS = st.builds(
    Options,
    max_words=st.one_of(st.none(), st.integers(1, 200)),
    max_sentences=st.one_of(st.none(), st.integers(1, 10)),
    algorithm=st.sampled_from(["consensus", "lead", "luhn", "lexrank"]),
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def attempt(texts, options):
    try:
        return summarize([Document(text=t) for t in texts], options)
    except SummarizerError as error:
        assert error.message.strip()
        return None


@SETTINGS
@given(DOCUMENT_TEXTS, OPTIONS)
def test_any_text_gives_a_brief_or_a_clear_error(texts, options):
    attempt(texts, options)


@SETTINGS
@given(DOCUMENT_TEXTS, OPTIONS)
def test_budgets_hold(texts, options):
    brief = attempt(texts, options)
    if brief is None:
        return
    if options.max_words is not None:
        assert brief.word_count <= options.max_words
    if options.max_sentences is not None:
        assert len(brief.sentences) <= options.max_sentences


@SETTINGS
@given(DOCUMENT_TEXTS)
def test_every_brief_sentence_maps_back_to_sources_that_contain_it(texts):
    brief = attempt(texts, Options(max_words=200))
    if brief is None:
        return
    for sentence in brief.sentences:
        first = sentence.sources[0]
        assert brief.documents[first.document].sentences[first.sentence] == sentence.text
        source = without_odd_characters(texts[first.document])  # as the library reads it (characters.py)
        assert sentence.text in source or set(words_of(sentence.text)) <= set(words_of(source))
        assert sentence.support == len({ref.document for ref in sentence.sources})


@settings(max_examples=60, deadline=None)
@given(DOCUMENT_TEXTS, OPTIONS)
def test_deterministic(texts, options):
    first = attempt(texts, options)
    second = attempt(texts, options)
    assert (first and first.to_dict()) == (second and second.to_dict())
