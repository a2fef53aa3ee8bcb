"""Rendering a brief (text, Markdown), naming its sources (labels) and the brief itself (default title)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from builders import doc

from summarizer import Document, summarize
from summarizer.render import (
    LABEL_CHARS,
    default_title,
    document_labels,
    site_name,
    source_labels,
    to_markdown,
    to_text,
    with_dateline,
)
from summarizer.types import Brief, BriefSentence, DocumentView, SourceRef

TWO = [
    doc("The river flooded the old town on Monday after three days of rain.", title="Local *News*"),
    Document(
        text="Three days of rain made the river flood the old town on Monday, officials said.",
        url="javascript:alert(1)",
        date="2024-03-04",
    ),
]
FLOOD = "The river flooded the old town on Monday after three days of rain, officials said."
MADE = date(2026, 12, 2)


def _flood(**metadata) -> Document:
    return Document(text=FLOOD, **metadata)


# --- labels ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metadata", "label"),
    [
        (
            {"title": "NHK World", "title_typed": True, "outlet": "NHK", "url": "https://www3.nhk.or.jp/a"},
            "NHK World",
        ),
        ({"title": "Kishida to attend summit", "outlet": "Kyodo", "url": "https://english.kyodonews.net/1"}, "Kyodo"),
        ({"url": "https://www3.nhk.or.jp/nhkworld/en/news/1/", "name": "nhk.html"}, "nhk.or.jp"),
        ({"title": "Kishida to attend summit", "name": "k.html"}, "Kishida to attend summit"),
        ({"url": "javascript:alert(1)", "name": "report.pdf"}, "report.pdf"),
        ({"title": "  ", "outlet": "\n"}, "Article 1"),
    ],
    ids=["typed title", "outlet before a headline read", "site", "headline read", "file name", "nothing"],
)
def test_a_source_is_labelled_by_typed_title_outlet_site_headline_file_name(metadata, label):
    assert source_labels([_flood(**metadata)]) == (label,)


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www3.nhk.or.jp/nhkworld/en/news/1/", "nhk.or.jp"),
        ("https://english.kyodonews.net/news/2023/07", "kyodonews.net"),
        ("http://news.bbc.co.uk/x", "bbc.co.uk"),
        ("https://www.example.org:8443/a", "example.org"),
        ("http://localhost:8000/a", "localhost"),
        ("http://192.0.2.7/a", "192.0.2.7"),
        ("javascript:alert(1)", ""),
        ("file:///home/x/page.html", ""),
        ("not a url", ""),
        ("http://[::1", ""),
        (None, ""),
    ],
)
def test_site_name_is_the_registrable_domain_of_a_web_address(url, site):
    assert site_name(url) == site


def test_labels_are_unique_in_a_brief():
    sources = [_flood(outlet="Reuters"), _flood(url="https://www.reuters.com/a"), _flood(outlet="reuters"),
               _flood(title="Reuters (2)"), _flood(url="https://reuters.com/b")]
    labels = source_labels(sources)
    assert labels[0] == "Reuters" and labels[2] == "reuters (2)"
    assert labels[3] == "Reuters (2) (2)"  # a typed name that looks like a numbered one is numbered too
    assert labels[1] == "reuters.com" and labels[4] == "reuters.com (2)"
    assert len({label.casefold() for label in labels}) == len(labels)


def test_a_long_title_is_cut_at_a_word_for_the_label():
    title = "Kishida vows support for Ukraine at the NATO summit in Vilnius"
    (label,) = source_labels([_flood(title=title)])
    assert len(label) <= LABEL_CHARS and label.endswith("…")
    assert title.startswith(label.removesuffix("…")) and title[len(label) - 1] == " "


def test_the_brief_carries_each_sources_label_in_its_json():
    brief = summarize([_flood(title="Kyodo"), _flood(url="https://news.example.org/a"), _flood()])
    assert [d.label for d in brief.documents] == ["Kyodo", "example.org", "Article 3"]
    data = brief.to_dict()
    assert [d["label"] for d in data["documents"]] == ["Kyodo", "example.org", "Article 3"]
    assert Brief.from_dict(data).documents == brief.documents


def test_a_brief_saved_before_labels_gets_them_by_the_same_rule():
    data = summarize([_flood(title="Kyodo"), _flood(title="Kyodo")]).to_dict()
    for document in data["documents"]:
        del document["label"], document["outlet"]
    assert document_labels(data["documents"]) == ("Kyodo", "Kyodo (2)")
    assert document_labels(Brief.from_dict(data).documents) == ("Kyodo", "Kyodo (2)")


# --- the brief's title ----------------------------------------------------------------------------


def test_default_title_is_the_title_sharing_most_words_with_the_brief():
    sentences = ["Japan and NATO will sign a security document in Vilnius, Kishida said on Tuesday."]
    titles = ["NHK World", "Kishida heads to Lithuania", "Kishida: Japan and NATO to sign security pact", ""]
    assert default_title(titles, sentences) == "Kishida: Japan and NATO to sign security pact"


def test_default_title_passes_over_titles_that_only_name_the_outlet():
    sentences = ["Japan and NATO will sign a new security document in Vilnius, Kishida said on Tuesday."]
    title = default_title(["NHK World", "Kyodo"], sentences)
    assert title == "Japan and NATO will sign a new security document in Vilnius, Kishida said on Tuesday"


def test_default_title_cuts_a_long_lead_at_a_word_with_an_ellipsis():
    lead = " ".join(f"word{i}" for i in range(40)) + "."
    title = default_title([], [lead, "Another sentence."])
    assert title.endswith("…") and len(title) <= 90
    assert lead.startswith(title.removesuffix("…") + " ")


def test_default_title_of_an_empty_brief():
    assert default_title(["Only a title"], []) == "Untitled brief"


# --- text and Markdown ------------------------------------------------------------------------------


def test_text_is_the_brief_sentences_one_a_line():
    brief = summarize(TWO)
    assert to_text(brief).splitlines() == [s.text for s in brief.sentences]


def _three() -> Brief:
    return summarize([
        _flood(title="Kyodo", title_typed=True, url="https://english.kyodonews.net/news/1", date="2024-03-05"),
        Document(text=FLOOD + " Residents of the lower streets spent the night in a school on the hill.",
                 outlet="NHK World", url="https://www3.nhk.or.jp/a", date="2024-03-04"),
        Document(text="The mayor said the town would rebuild the bridge by the summer. " + FLOOD, name="notes.txt"),
    ])


def test_text_to_share_carries_title_date_citations_and_numbered_sources():
    brief = _three()
    lines = to_text(brief, "Flood in the old town", MADE).splitlines()
    assert lines[0] == "Flood in the old town"
    assert lines[1] == "Made 2026-12-02 from 3 sources, dated 2024-03-04 to 2024-03-05."
    assert lines[2] == "" and lines[3 + len(brief.sentences)] == ""
    assert lines[3: 3 + len(brief.sentences)] == [  # each cites its sources, the one whose wording it is first
        f"{with_dateline(s)} [{', '.join(str(n + 1) for n in dict.fromkeys(r.document for r in s.sources))}]"
        for s in brief.sentences
    ]
    assert any(line.endswith(" [1, 2]") or line.endswith(" [1, 2, 3]") for line in lines)
    assert lines[3].startswith("2024-03-05 — The river flooded the old town on Monday")  # which Monday: Kyodo's day
    assert lines[lines.index("Sources") + 1:] == [
        "1. Kyodo · 2024-03-05 · https://english.kyodonews.net/news/1",
        "2. NHK World · 2024-03-04 · https://www3.nhk.or.jp/a",
        "3. notes.txt",
    ]


def test_markdown_names_each_sentences_sources_and_links_them():
    markdown = to_markdown(_three(), "Flood in the *old* town", MADE)
    assert markdown.startswith("# Flood in the \\*old\\* town\n\nMade 2026-12-02 from 3 sources, dated 2024-03-04 to 2024-03-05.\n")
    items = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert items and all(re.search(r" \((\[Kyodo\]\[1\]|\[NHK World\]\[2\]|notes\.txt)(, .+)?\)$", i) for i in items)
    assert any("[Kyodo][1], [NHK World][2]" in item for item in items)  # the flood sentence stands on both
    assert "1. **Kyodo** · 2024-03-05 · <https://english.kyodonews.net/news/1>" in markdown
    assert "2. **NHK World** · 2024-03-04 · <https://www3.nhk.or.jp/a>" in markdown
    assert "3. **notes.txt**" in markdown
    assert "[1]: <https://english.kyodonews.net/news/1>" in markdown and "[3]:" not in markdown


def test_markdown_escapes_untrusted_text_and_never_links_a_script():
    markdown = to_markdown(summarize(TWO), "A <b>title</b>", MADE)
    assert markdown.startswith("# A \\<b\\>title\\</b\\>\n")
    assert "Local \\*News\\*" in markdown
    assert "<javascript:" not in markdown and "](javascript" not in markdown and "]: javascript" not in markdown
    assert "2. **Article 2** · 2024-03-04 · javascript:alert(1)" in markdown


def test_markdown_without_a_title_takes_the_default_one():
    brief = summarize(TWO)
    first = to_markdown(brief).splitlines()[0]
    assert first.startswith("# ") and first != "# Brief"


def test_markdown_links_web_addresses():
    brief = summarize([Document(text=TWO[0].text, url="https://example.org/a_b")])
    markdown = to_markdown(brief, "T")
    assert "<https://example.org/a_b>" in markdown and "[example.org][1]" in markdown


@pytest.mark.parametrize(("text", "item"), [("1995. The town flooded.", "1995\\. The town flooded."),
                                           ("- 5 points, the index fell.", "\\- 5 points, the index fell.")])
def test_a_sentence_that_looks_like_a_list_marker_stays_one_item(text, item):
    brief = Brief(
        sentences=(BriefSentence(text, 1.0, 1, (SourceRef(0, 0),)),),
        documents=(DocumentView("", None, None, "", (text,), ()),),
        algorithm="consensus",
        language="english",
    )
    items = [line for line in to_markdown(brief, "T").splitlines() if line.startswith("- ")]
    assert items == [f"- {item} (Article 1)"]


def test_downloads_say_where_a_source_was_filed():
    brief = summarize([Document(text="NICOSIA, Cyprus (AP) _ " + FLOOD), _flood(title="Cyprus Mail")])
    assert "1. AP · filed in Nicosia, Cyprus" in to_text(brief, "Flood", MADE).splitlines()
    assert "1. **AP** · filed in Nicosia, Cyprus" in to_markdown(brief, "Flood", MADE).splitlines()


# --- datelines ------------------------------------------------------------------------------------

ULAN_BATOR = ("ULAN BATOR, February 22 (Xinhua) -- Mongolian Prime Minister Mendsaikhan Enkhsaikhan left here today "
              "for a five-day working visit to Japan, officials said.")


def test_a_sentence_saying_here_and_today_reads_under_its_sources_dateline_in_every_format():
    brief = summarize([Document(text=ULAN_BATOR, date="1998-02-22")])
    [sentence] = brief.sentences
    assert sentence.text.startswith("Mongolian Prime Minister")  # the text stays the source's sentence
    assert sentence.dateline == "Ulan Bator, 1998-02-22"
    assert brief.to_dict()["summary"]["sentences"][0]["dateline"] == "Ulan Bator, 1998-02-22"
    assert to_text(brief) == "Ulan Bator, 1998-02-22 — " + sentence.text + "\n"
    assert "- Ulan Bator, 1998-02-22 — Mongolian Prime Minister" in to_markdown(brief, "Visit", MADE)


def test_a_brief_saved_before_datelines_loads_without_them():
    data = summarize([Document(text=ULAN_BATOR)]).to_dict()
    assert data["summary"]["sentences"][0]["dateline"] == "Ulan Bator"  # no date given: only the place
    del data["summary"]["sentences"][0]["dateline"]
    assert Brief.from_dict(data).sentences[0].dateline == ""
