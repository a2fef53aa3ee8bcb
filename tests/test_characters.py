"""Characters no text should carry, read one way wherever text enters (summarizer/characters.py)."""

from hypothesis import given
from hypothesis import strategies as st

from summarizer.characters import CHAR_MAP, without_odd_characters


def test_windows_punctuation_read_as_latin_1_is_read_as_windows_1252_has_it():
    assert without_odd_characters("Meadow Lake, Saskatchewan \x96 It\x92s \x93here\x94\x85") == (
        "Meadow Lake, Saskatchewan – It’s “here”…"
    )


def test_controls_go_and_separators_are_newlines():
    assert without_odd_characters("a\r\nb\rc\u2028d\u2029e\x0cf\ufeffg\x00h\u202ei\tj") == "a\nb\nc\nd\n\ne\nfghi\tj"


@given(st.text())
def test_text_without_odd_characters_is_returned_as_it_is_and_the_rest_is_mapped(text):
    read = without_odd_characters(text)
    assert without_odd_characters(read) == read
    assert not any(ord(c) in CHAR_MAP and CHAR_MAP[ord(c)] != c for c in read if c not in "\n")
    if not any(ord(c) in CHAR_MAP for c in text):
        assert read is text
