from pathlib import Path

import pytest

from summarizer.errors import UnsupportedLanguageError
from summarizer.language import AUTO, BY_CODE
from summarizer.language.detect import QUICK_CHARS, choose_language, detect

LANGUAGE_FIXTURES = Path(__file__).parent / "fixtures" / "languages"


def articles(code: str) -> list[str]:
    text = (LANGUAGE_FIXTURES / f"{code}.txt").read_text(encoding="utf-8")
    return [piece.strip() for piece in text.split("\n---\n") if piece.strip()]


@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_each_supported_language_is_found_in_its_news_text(code):
    for text in articles(code):
        found = detect(text)
        assert (found.code, found.sure) == (code, True), f"{code}: {found}"


def test_an_opening_that_does_not_settle_the_language_is_read_further():
    names = " · ".join(["Olaf Scholz", "Robert Habeck", "Christian Lindner", "Annalena Baerbock", "Markus Söder"] * 5)
    opening = f"Berlin, 12.03.2024 · 14:05 · {names}"[:QUICK_CHARS]
    assert not detect(opening).sure
    found = detect(f"{opening} {GERMAN} {GERMAN}")
    assert (found.code, found.sure) == ("de", True)


GERMAN = ("Der Bundestag hat am Donnerstag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen. "
          "Die Abgeordneten stimmten mit großer Mehrheit für den Entwurf der Regierung.")
ENGLISH = ("Parliament passed a new law on Thursday to promote renewable energy. "
           "Members voted by a large majority for the government's draft.")
THAI = "รัฐสภาได้ผ่านกฎหมายใหม่เมื่อวันพฤหัสบดีเพื่อส่งเสริมพลังงานหมุนเวียน สมาชิกลงมติเห็นชอบร่างของรัฐบาลด้วยเสียงข้างมาก"


def test_auto_takes_the_language_of_most_articles_and_leaves_the_other_out_with_its_reason():
    choice = choose_language([GERMAN, ENGLISH, GERMAN], ["A", "B", "C"], AUTO)
    assert choice.language == "german"
    assert set(choice.left_out) == {1}
    assert "English" in choice.left_out[1] and "German" in choice.left_out[1]
    assert any(note.startswith("B was left out") for note in choice.notes)


def test_a_chosen_language_reads_every_article_and_names_those_that_look_otherwise():
    choice = choose_language([GERMAN, ENGLISH], ["A", "B"], "english")
    assert choice.language == "english" and not choice.left_out
    assert choice.notes == ("A looks German: read as English, as chosen.",)


def test_a_short_text_is_unsure_and_said_so_with_auto():
    assert not detect("NATO summit").sure
    choice = choose_language(["NATO summit in Vilnius"], ["Article 1"], AUTO)
    assert choice.language in {row.name for row in BY_CODE.values()}
    assert "could not be told for sure" in choice.notes[0] and "Choose the language" in choice.notes[0]


def test_an_explicit_choice_wins_over_an_unsure_verdict_without_a_note():
    assert choose_language(["NATO summit in Vilnius"], ["Article 1"], "french").notes == ()


def test_an_article_in_an_unsupported_language_is_left_out_beside_supported_ones():
    choice = choose_language([ENGLISH, THAI], ["A", "B"], AUTO)
    assert choice.language == "english" and "cannot summarise yet (th)" in choice.left_out[1]


def test_only_unsupported_articles_are_refused_with_the_supported_languages_named():
    with pytest.raises(UnsupportedLanguageError) as error:
        choose_language([THAI], ["A"], AUTO)
    assert "th" in error.value.message and "German" in error.value.message


def test_empty_articles_have_no_verdict():
    choice = choose_language(["", ENGLISH], ["A", "B"], AUTO)
    assert choice.detected[0] is None and choice.language == "english"


def test_a_chosen_language_still_leaves_out_an_article_no_supported_language_reads():
    choice = choose_language([ENGLISH, THAI], ["A", "B"], "english")
    assert set(choice.left_out) == {1}
    with pytest.raises(UnsupportedLanguageError):
        choose_language([THAI], ["A"], "english")


def test_a_chosen_language_reads_an_article_in_its_script_that_looks_unsupported():
    """Regression: made-up words in Latin letters, surely "Somali" to the model, crashed a chosen English."""
    text = " ".join(f"Qaxo{n} baru dhuxe{n} ilmaha xooga." for n in range(12))
    found = detect(text)
    assert found.sure and found.language is None, found  # the case: sure, and of no supported language
    choice = choose_language([text], ["A"], "english")
    assert not choice.left_out and choice.language == "english"
    assert "which is not supported" in choice.notes[0]


def test_a_short_text_in_another_script_is_left_out_not_read_in_the_majority_language():
    choice = choose_language([ENGLISH, ENGLISH, "東京で会議"], ["A", "B", "C"], AUTO)
    assert choice.language == "english" and set(choice.left_out) == {2}
    assert "script of English" in choice.left_out[2]
