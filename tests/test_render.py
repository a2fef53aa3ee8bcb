from builders import doc

from summarizer import Document, summarize
from summarizer.render import to_markdown, to_text

TWO = [
    doc("The river flooded the old town on Monday after three days of rain.", title="Local *News*"),
    Document(
        text="Three days of rain made the river flood the old town on Monday, officials said.",
        url="javascript:alert(1)",
        date="2024-03-04",
    ),
]


def test_text_is_the_brief_sentences_one_a_line():
    brief = summarize(TWO)
    assert to_text(brief).splitlines() == [s.text for s in brief.sentences]


def test_markdown_cites_both_sources_and_escapes_untrusted_text():
    markdown = to_markdown(summarize(TWO))
    assert "[^1][^2]" in markdown
    assert "Local \\*News\\*" in markdown
    assert "<javascript:" not in markdown and "](javascript" not in markdown


def test_markdown_links_web_addresses():
    brief = summarize([Document(text=TWO[0].text, url="https://example.org/a_b")])
    assert "<https://example.org/a_b>" in to_markdown(brief)
