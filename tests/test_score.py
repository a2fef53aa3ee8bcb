import pytest
from builders import doc, segmented

from summarizer.group import group_sentences
from summarizer.score import ALGORITHMS, is_eligible, resolve_algorithm, score

SHARED = "The central bank raised interest rates by half a point on Thursday to fight inflation."
A = doc(
    SHARED,
    "Analysts had expected a smaller move after weak retail figures last month.",
    "The bank's governor said further increases could follow if prices kept rising.",
)
B = doc(
    "The central bank raised interest rates by half a point on Thursday, its biggest rise in years.",
    "Shares in property developers fell sharply after the announcement in the afternoon.",
)
C = doc(
    "Inflation reached its highest level in two decades in the spring, official data show.",
    "The central bank raised interest rates by half a point on Thursday to fight inflation.",
)


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_every_algorithm_scores_every_group(algorithm):
    docs = segmented(A, B, C)
    groups = group_sentences(docs)
    scoring = score(docs, groups, algorithm, "english")
    assert [s.group.id for s in scoring.groups] == [g.id for g in groups]
    assert all(isinstance(s.score, float) for s in scoring.groups)


def test_consensus_rates_the_fact_all_articles_share_highest():
    docs = segmented(A, B, C)
    scoring = score(docs, group_sentences(docs), "consensus", "english")
    best = max(scoring.groups, key=lambda s: s.score)
    assert best.group.support == 3
    assert "raised interest rates" in best.group.representative.text


def test_consensus_concepts_need_several_documents():
    docs = segmented(A, B, C)
    scoring = score(docs, group_sentences(docs), "consensus", "english")
    assert "interest rate" in scoring.concept_weights
    assert "retail figur" not in scoring.concept_weights  # said by one article only


def test_single_article_still_gets_concepts():
    docs = segmented(A)
    scoring = score(docs, group_sentences(docs), "consensus", "english")
    assert scoring.concept_weights


def test_sumy_adapter_reads_ratings_not_just_the_choice():
    docs = segmented(A, B, C)
    scoring = score(docs, group_sentences(docs), "lexrank", "english")
    assert len({round(s.score, 9) for s in scoring.groups}) > 1


@pytest.mark.parametrize(
    "text, eligible",
    [
        ("The summit opened on Tuesday in Vilnius with thirty-one leaders present.", True),
        ("Too short to stand.", False),
        ("Related coverage of the summit and its many outcomes follows here:", False),
        ('He said "the talks would go on for days and nights to come.', False),
    ],
)
def test_eligibility(text, eligible):
    sentence = segmented(doc(text))[0].sentences[0]
    assert is_eligible(sentence) is eligible


@pytest.mark.parametrize(
    "name, resolved",
    [("default", "consensus"), ("LexRank", "lexrank"), (" kl-sum ", "kl"), ("nope", None)],
)
def test_resolve_algorithm(name, resolved):
    assert resolve_algorithm(name) == resolved
