from builders import doc, segmented

from summarizer.group import group_sentences
from summarizer.order import order
from summarizer.types import ScoredGroup


def test_older_article_first_when_dates_are_known_then_position():
    documents = [
        doc("Rescuers reached the village on Friday.", "Roads were blocked by mud.", date="2024-05-02"),
        doc("The dam burst on Thursday night.", "Water swept through three farms.", date="2024-05-01"),
    ]
    groups = group_sentences(segmented(*documents))
    chosen = [ScoredGroup(group=g, score=1.0) for g in reversed(groups)]
    texts = [s.group.representative.text for s in order(chosen, documents)]
    assert texts == [
        "The dam burst on Thursday night.",
        "Water swept through three farms.",
        "Rescuers reached the village on Friday.",
        "Roads were blocked by mud.",
    ]


def test_without_dates_leads_come_before_details():
    documents = [doc("A lead here now.", "A detail follows."), doc("B lead here now.", "B detail follows.")]
    groups = group_sentences(segmented(*documents))
    chosen = [ScoredGroup(group=g, score=1.0) for g in reversed(groups)]
    texts = [s.group.representative.text for s in order(chosen, documents)]
    assert texts == ["A lead here now.", "B lead here now.", "A detail follows.", "B detail follows."]
