"""The whole pipeline on the two real example articles and on edge cases."""

from pathlib import Path

import pytest
from builders import doc

from summarizer import (
    LANGUAGES,
    Brief,
    Document,
    NothingToSummarizeError,
    Options,
    OptionsError,
    SummarizerError,
    UnsupportedLanguageError,
    algorithm_names,
    summarize,
)
from summarizer.segment import words_of

FIXTURES = Path(__file__).parent / "fixtures"
KYODO = (FIXTURES / "kyodo-kishida-nato.txt").read_text(encoding="utf-8")
NHK = (FIXTURES / "nhk-kishida-nato-reader-copy.txt").read_text(encoding="utf-8")

# Cruft the examples carry; none of it may reach a brief.
CRUFT = [
    "Related coverage",
    "Similar Readings",
    "==Kyodo",
    "(Kyodo)",
    "Read Count",
    "Statistics",
    "Category ID",
    "cee2a256",
    "Last Read",
    "Turkish president relents",
    "NATO chief Stoltenberg to visit Japan",
    "This comes as Russia aligns closer",  # the reader app's own summary
]


@pytest.fixture(scope="module")
def examples():
    return [Document(text=KYODO, name="kyodo.txt"), Document(text=NHK, name="nhk.txt")]


@pytest.mark.parametrize("algorithm", algorithm_names())
@pytest.mark.parametrize("max_words", [40, 120, 400])
def test_no_cruft_reaches_the_brief(examples, algorithm, max_words):
    brief = summarize(examples, Options(max_words=max_words, algorithm=algorithm))
    for sentence in brief.sentences:
        for cruft in CRUFT:
            assert cruft not in sentence.text
    for document in brief.documents:
        assert not any(cruft in s for s in document.sentences for cruft in CRUFT)


def test_paragraph_pasted_twice_counts_once(examples):
    brief = summarize(examples, Options(max_words=400))
    nhk_sentences = brief.documents[1].sentences
    assert sum("second stop of his European tour" in s for s in nhk_sentences) == 1
    assert any(r.kind == "repeated paragraph" for r in brief.documents[1].removed)


def test_same_fact_in_both_articles_is_one_brief_sentence_with_support_two(examples):
    brief = summarize(examples, Options(max_words=400))
    meetings = [s for s in brief.sentences if "Yoon" in s.text and "Zelenskyy" in s.text]
    assert len(meetings) == 1, [s.text for s in brief.sentences]
    assert meetings[0].support == 2
    assert {ref.document for ref in meetings[0].sources} == {0, 1}


def test_metadata_is_kept_on_the_document(examples):
    brief = summarize(examples)
    assert brief.documents[1].url == "https://www3.nhk.or.jp/nhkworld/en/news/20230712_04/"
    assert brief.documents[1].date == "2023-07-12"


def test_every_brief_sentence_maps_back_to_source_sentences_that_contain_it(examples):
    brief = summarize(examples, Options(max_words=300))
    assert brief.sentences
    for sentence in brief.sentences:
        first, *others = sentence.sources
        assert brief.documents[first.document].sentences[first.sentence] == sentence.text
        for ref in others:
            source = brief.documents[ref.document].sentences[ref.sentence]
            shared = set(words_of(source)) & set(words_of(sentence.text))
            assert len(shared) >= 3
        assert sentence.support == len({ref.document for ref in sentence.sources})


@pytest.mark.parametrize("max_words", [15, 50, 120, 250])
def test_word_budget_holds(examples, max_words):
    brief = summarize(examples, Options(max_words=max_words))
    assert 0 < brief.word_count <= max_words


def test_a_budget_no_sentence_fits_names_the_length_option():
    with pytest.raises(OptionsError) as raised:
        summarize([doc("The council approved the new budget for the city's schools on Monday.")], Options(max_words=5))
    assert raised.value.field == "max_words" and "12" in raised.value.message


@pytest.mark.parametrize("max_sentences", [1, 3, 5])
def test_sentence_budget_holds(examples, max_sentences):
    assert len(summarize(examples, Options(max_sentences=max_sentences)).sentences) == max_sentences


def test_to_dict_has_the_contract_shape(examples):
    data = summarize(examples).to_dict()
    assert set(data) >= {"summary", "documents", "algorithm", "language"}
    assert set(data["summary"]) >= {"text", "word_count", "sentences"}
    assert data["summary"]["word_count"] == len(data["summary"]["text"].split())
    sentence = data["summary"]["sentences"][0]
    assert set(sentence) >= {"text", "support", "sources"}
    assert set(sentence["sources"][0]) == {"document", "sentence"}
    assert set(data["documents"][0]) >= {"title", "url", "date", "sentences", "removed"}
    assert data["algorithm"] == "consensus" and data["language"] == "english"


def test_deterministic(examples):
    assert summarize(examples).to_dict() == summarize(examples).to_dict()


@pytest.mark.parametrize(
    "documents, error",
    [
        ([], NothingToSummarizeError),
        ([Document(text="")], NothingToSummarizeError),
        ([Document(text="   \n\t  ")], NothingToSummarizeError),
        ([Document(text="Related coverage:\n\nSome headline here\n\nAnother headline")], NothingToSummarizeError),
        ([Document(text="岸田首相は11日、北大西洋条約機構の首脳会議に出席するため、リトアニアに到着した。")], UnsupportedLanguageError),
    ],
)
def test_unsummarisable_input_gives_a_clear_error(documents, error):
    with pytest.raises(error) as raised:
        summarize(documents)
    assert raised.value.message and raised.value.code


def test_single_sentence_single_article_gives_that_sentence():
    brief = summarize([doc("The council approved the new budget for the city's schools on Monday.")])
    assert [s.text for s in brief.sentences] == ["The council approved the new budget for the city's schools on Monday."]
    assert brief.sentences[0].support == 1


def test_one_emptied_article_among_others_is_noted_not_fatal():
    brief = summarize([Document(text=KYODO), Document(text="Related coverage:\n\nA headline\n\nAnother one", title="Links")])
    assert brief.sentences
    assert any("Article 2" in note for note in brief.notes)


def test_non_english_language_when_chosen():
    text = (
        "Die Regierung hat am Montag ein neues Gesetz beschlossen. Es soll die Mieten in den Städten begrenzen. "
        "Kritiker sagen, das Gesetz komme zu spät. Der Bundestag stimmt im Herbst darüber ab."
    )
    brief = summarize([doc(text)], Options(language="de", max_sentences=2))
    assert brief.language == "german" and len(brief.sentences) == 2


@pytest.mark.parametrize(
    "text",
    ["\x00\x01\x02 binary \xff\xfe", "â€œmis-encodedâ€\x9d text Ã©tÃ© here.", "a" * 5000, "!!!???..."],
)
def test_odd_text_gives_a_brief_or_a_clear_error(text):
    try:
        brief = summarize([Document(text=text)])
    except SummarizerError as error:
        assert error.message
    else:
        assert brief.word_count <= 120


def test_brief_round_trips_through_its_json(examples):
    data = summarize(examples).to_dict()
    rebuilt = Brief.from_dict(data)
    assert rebuilt.to_dict() == data
    assert rebuilt.text == data["summary"]["text"]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_supported_language_runs_with_its_own_model_and_stop_words(language):
    # Made-up words in the language's script, a different set in each sentence: each language's
    # Punkt model, stop words and stemmer must load offline and keep these six sentences apart.
    letters = "αβγδεζηθ" if language == "greek" else "abcdefgh"
    sentences = [" ".join(f"{letters[n]}{letters[k]}o{n}{k}" for k in range(8)).capitalize() + "." for n in range(6)]
    text = " ".join(sentences)
    brief = summarize([doc(text)], Options(language=language, max_sentences=3))
    assert brief.language == language
    assert len(brief.documents[0].sentences) == 6
    assert len(brief.sentences) == 3
