"""Datelines of brief sentences: the source's place for "here", its date for a day named relative to it."""

import pytest

from summarizer.dateline import dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister left here today for Tokyo.", "Ulan Bator, 1998-02-22"),
        ("The minister left here for Tokyo.", "Ulan Bator"),
        ("The minister left for Tokyo on Sunday.", "1998-02-22"),
        ("The talks went on late last night, officials said.", "1998-02-22"),
        ("The minister left for Tokyo in 1998.", ""),
        ("The minister will leave for Tokyo on Sunday, January 23.", ""),  # the day is named outright
        ("Here's what the minister said about the visit to Tokyo.", ""),  # "here's" points at what follows
        ("There and everywhere the visit was welcomed by officials.", ""),
        ("It is illegal to drive while talking on a cell phone in this Cleveland suburb.", "Ulan Bator"),
        ("Officials in this little known city welcomed the minister.", "Ulan Bator"),
        ("This plan for the city was welcomed by the minister.", ""),  # "this" points at the plan
    ],
)
def test_a_sentence_gets_only_the_parts_of_the_dateline_it_needs(text, expected):
    assert dateline(text, "english", "Ulan Bator", "1998-02-22") == expected


def test_nothing_the_source_did_not_give():
    assert dateline("The minister left here today for Tokyo.", "english", "", None) == ""
    assert dateline("The minister left here today for Tokyo.", "english", "", "1998-02-22T10:00") == "1998-02-22"


def test_each_language_has_its_own_words():
    assert dateline("Le ministre est arrivé ici aujourd’hui.", "french", "Paris", "2024-03-04") == "Paris, 2024-03-04"
    assert dateline("The minister arrived ici aujourd'hui.", "english", "Paris", "2024-03-04") == ""
    assert dateline("Der Minister ist heute hier eingetroffen.", "german", "Berlin", "2024-03-04") == "Berlin, 2024-03-04"
    assert dateline("Le ministre est parti dimanche.", "french", "Paris", "2024-03-04") == "2024-03-04"
    assert dateline("Le ministre partira dimanche 23 janvier.", "french", "Paris", "2024-03-04") == ""
    assert dateline("Il ministro è arrivato qui oggi.", "welsh", "Roma", "2024-03-04") == ""  # no row: no dateline
