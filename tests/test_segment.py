import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.segment import content_stems, paragraphs_of, segment_document, split_sentences, words_of
from summarizer.types import Document


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met Gen. Jones at 3 p.m. on Monday. They talked.", 2),
        ("The U.S. economy grew. Prices rose.", 2),
        ("Dr. Watson arrived at 5 a.m. He left early.", 2),
        ("One sentence only", 1),
    ],
)
def test_abbreviations_do_not_split_sentences(text, expected):
    assert len(split_sentences(text)) == expected


def test_splitting_and_stemming_load_no_nltk_and_download_nothing():
    """NLTK costs a second to import (the CLI's start) and looks for data to download; the default path needs none."""
    code = (
        "import sys; from summarizer.segment import split_sentences, content_stems, words_of\n"
        "assert split_sentences('Gen. Stoltenberg spoke. Kishida listened.') == "
        "['Gen. Stoltenberg spoke.', 'Kishida listened.']\n"
        "content_stems(words_of('Die Minister trafen sich'), 'german')\n"
        "assert 'nltk' not in sys.modules, 'nltk was imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).parent.parent)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "language, text, count",
    [
        ("german", "Das ist z.B. ein Satz. Und noch einer.", 2),
        ("french", "M. Dupont est arrivé. Il est parti.", 2),
        ("spanish", "El Sr. García llegó. Se fue.", 2),
    ],
)
def test_other_languages_split_with_their_own_model(language, text, count):
    assert len(split_sentences(text, language)) == count


def test_headline_line_is_its_own_unit_and_marked():
    document = Document(text="Kishida heads to NATO summit\n\nThe prime minister left Tokyo. He will meet Yoon.")
    sentences = segment_document(document, 0, "english").sentences
    assert [s.text for s in sentences] == [
        "Kishida heads to NATO summit",
        "The prime minister left Tokyo.",
        "He will meet Yoon.",
    ]
    assert [s.is_heading for s in sentences] == [True, False, False]
    assert [s.index for s in sentences] == [0, 1, 2]
    assert [s.paragraph for s in sentences] == [0, 1, 1]


def test_single_newline_pastes_split_into_paragraphs():
    text = "First line of news.\nSecond line here.\nThird line follows."
    assert paragraphs_of(text) == ["First line of news.", "Second line here.", "Third line follows."]


def test_a_paragraph_broken_after_a_title_before_a_name_is_joined():
    """Regression (duc2003 d31031t: "... because they didn't want Sen." stood in a brief, the copy having
    broken the paragraph before "Max Baucus")."""
    text = "GOP leaders pulled the bill because they didn't want Sen.\n\nMax Baucus, D-Mont., to add an amendment."
    assert paragraphs_of(text) == ["GOP leaders pulled the bill because they didn't want Sen. Max Baucus, D-Mont., "
                                   "to add an amendment."]


@pytest.mark.parametrize("ending", ["in Littleton, Col.", "on Elm Dr.", "said Gen", "in Washington."])
def test_a_paragraph_ending_on_a_place_or_a_sentence_stays_apart(ending):
    text = f"The shooting happened {ending}\n\nMany schools are not taking the day off."
    assert len(paragraphs_of(text)) == 2


def test_stop_words_are_dropped_and_words_stemmed():
    words = words_of("The ministers were meeting in Brussels")
    assert words == ("the", "ministers", "were", "meeting", "in", "brussels")
    assert content_stems(words, "english") == ("minist", "meet", "brussel")


def test_greek_words_are_stemmed_so_inflections_agree():
    """NLTK's Snowball has no Greek: unstemmed, singular and plural were different concepts."""
    singular = content_stems(words_of("Ο πρωθυπουργός συναντήθηκε με τον πρόεδρο"), "greek")
    plural = content_stems(words_of("Οι πρωθυπουργοί συναντήθηκαν με τους προέδρους"), "greek")

    assert singular == plural and len(singular) == 3


def test_text_without_words_gives_no_sentences():
    assert segment_document(Document(text="... --- !!!"), 0, "english").sentences == ()
