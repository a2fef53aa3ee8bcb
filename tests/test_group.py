"""Grouping: one group per fact across articles, found without comparing every pair of sentences."""

import itertools
import math
import time
from dataclasses import replace
from pathlib import Path

import pytest
from builders import doc, segmented
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import TooMuchWorkError, WorkBudget
from summarizer.group import copies, group_sentences, reports, sentence_features, similar_pairs

FIXTURES = Path(__file__).parent / "fixtures"


def groups_by_text(groups):
    return {g.representative.text: g for g in groups}


def test_same_fact_in_two_articles_is_one_group_with_support_two():
    a = doc("Japan and NATO will issue a new security cooperation document at the summit in Lithuania.")
    b = doc("At the summit in Lithuania, Japan and NATO will issue a new document on security cooperation.")
    groups = group_sentences(segmented(a, b))
    assert len(groups) == 1
    assert groups[0].support == 2
    assert {(m.document, m.index) for m in groups[0].members} == {(0, 0), (1, 0)}


def test_wire_copy_with_a_small_edit_joins_the_group():
    original = "Kishida will meet South Korean President Yoon Suk Yeol on the sidelines of the NATO summit, the sources said."
    edited = "Kishida will meet South Korean President Yoon Suk-yeol on the sidelines of the NATO summit."
    groups = group_sentences(segmented(doc(original), doc(edited)))
    assert len(groups) == 1 and groups[0].support == 2


def test_different_facts_about_the_same_people_stay_apart():
    a = doc("Kishida will meet Zelenskyy to offer help rebuilding Ukraine's infrastructure and economy.")
    b = doc("Kishida will explain the release of treated water from the Fukushima plant to Yoon.")
    assert len(group_sentences(segmented(a, b))) == 2


def test_two_quotations_from_one_speaker_are_two_facts_though_their_attribution_is_shared():
    # Real pair from a DUC 2006 cluster: cosine 0.57, all of it in the attribution.
    a = doc('"We are a very vulnerable group," said Audrey Horne, president of the Autism Society of America.')
    b = doc('"Autism causes such a broad spectrum (of symptoms)," said Audrey Horne, president of the Autism '
            'Society of America and parent of a son with autism.')
    assert similar_pairs([*segmented(a)[0].sentences, *segmented(b)[0].sentences])  # close by their words
    assert len(group_sentences(segmented(a, b))) == 2


def test_a_question_confirms_no_statement_however_close_its_words():
    # Real pair from a DUC 2006 cluster (an FAQ beside reports): cosine 0.63.
    statement = doc("West Nile encephalitis is not transmitted from person to person, officials said.")
    question = doc("Can West Nile encephalitis be transmitted from person to person, officials were asked?")
    assert similar_pairs([*segmented(statement)[0].sentences, *segmented(question)[0].sentences])
    assert len(group_sentences(segmented(statement, question))) == 2
    assert len(group_sentences(segmented(question, question))) == 1


def test_one_quotation_in_two_reports_is_one_fact_even_when_one_quotes_only_part_of_it():
    a = doc('"I have never had sexual relations with Monica Lewinsky," Clinton said in the deposition.')
    b = doc('Clinton said in the deposition: "I have never had sexual relations with Monica Lewinsky, '
            'as the term was defined."')
    groups = group_sentences(segmented(a, b))
    assert len(groups) == 1 and groups[0].support == 2


def test_a_chain_of_close_pairs_is_not_one_fact_when_its_ends_share_nothing():
    meet = doc("Kishida will meet Yoon and Zelenskyy in Vilnius.")
    both = doc("Kishida will meet Yoon and Zelenskyy in Vilnius and fly to Brussels for EU talks.")
    fly = doc("Kishida will fly to Brussels for EU talks.")
    docs = segmented(meet, both, fly)
    assert len(similar_pairs([d.sentences[0] for d in docs])) == 2  # meet ~ both ~ fly, meet !~ fly
    groups = group_sentences(docs)
    assert sorted(sorted(m.document for m in g.members) for g in groups) == [[0, 1], [2]]


def test_exact_repeat_inside_one_article_counts_one_document():
    sentence = "The prime minister arrived in Vilnius on Tuesday evening."
    groups = group_sentences(segmented(doc(sentence, "Something else happened there today.", sentence)))
    repeated = groups_by_text(groups)[sentence]
    assert len(repeated.members) == 2
    assert repeated.support == 1


def test_representative_is_the_earliest_wording_and_every_location_is_kept():
    a = doc("Other news first today.", "The ministers agreed on a plan to cut tariffs on steel imports by half.")
    b = doc("The ministers agreed on a plan to halve tariffs on steel imports, officials said.")
    group = next(g for g in group_sentences(segmented(a, b)) if g.support == 2)
    assert group.representative.document == 1 and group.representative.index == 0
    assert sorted((m.document, m.index) for m in group.members) == [(0, 1), (1, 0)]


def test_no_sentences_no_groups():
    assert group_sentences(segmented(doc(""))) == ()


# --- similar_pairs: the pair finder grouping (and fact checking) share ---------------------------


def all_pairs(sentences, threshold):
    """What comparing every pair finds, less the pairs similar_pairs leaves implied: a sentence whose
    features an earlier one already has pairs with that one only (with cosine 1)."""
    features = [frozenset(sentence_features(s)) for s in sentences]
    first = {}
    for i, key in enumerate(features):
        first.setdefault(key, i)
    found = set()
    for i, j in itertools.combinations(range(len(sentences)), 2):
        a, b = features[i], features[j]
        if a and b and len(a & b) / math.sqrt(len(a) * len(b)) >= threshold:
            if first[b] == j and first[a] == i or first[b] == i:
                found.add((i, j))
    return found


def example_sentences():
    names = ("kyodo-kishida-nato.txt", "nhk-kishida-nato-reader-copy.txt")
    texts = [(FIXTURES / name).read_text(encoding="utf-8") for name in names]
    return [s for d in segmented(*(doc(t) for t in texts)) for s in d.sentences]


@pytest.mark.parametrize("threshold", [0.2, 0.35, 0.55, 0.8, 1.0])
def test_similar_pairs_finds_what_comparing_every_pair_finds(threshold):
    sentences = example_sentences()
    pairs = similar_pairs(sentences, threshold)
    assert {(i, j) for i, j, _ in pairs} == all_pairs(sentences, threshold)
    assert all(i < j and threshold <= cosine <= 1.0 + 1e-9 for i, j, cosine in pairs)


WORDS = st.sampled_from("nato summit japan kishida ukraine aid talks vilnius leaders sweden turkey".split())
SENTENCE_TEXTS = st.lists(st.lists(WORDS, min_size=1, max_size=9).map(lambda w: " ".join(w).capitalize() + "."),
                          min_size=2, max_size=30)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(SENTENCE_TEXTS, st.sampled_from([0.3, 0.55, 0.9]))
def test_similar_pairs_is_exact_within_the_budget(texts, threshold):
    """Prefix filtering misses no pair: whatever the sentences, the pairs comparing them all finds."""
    sentences = [s for d in segmented(*(doc(t) for t in texts)) for s in d.sentences]
    assert {(i, j) for i, j, _ in similar_pairs(sentences, threshold)} == all_pairs(sentences, threshold)


def test_sentences_with_identical_features_pair_with_the_first():
    text = "The minister said the talks would resume in Brussels next week."
    sentences = segmented(doc(text, text.upper(), text.replace("the talks", "talks")))[0].sentences
    assert similar_pairs(sentences) == [(0, 1, 1.0), (0, 2, 1.0)]


def test_past_the_budget_each_sentence_is_compared_with_a_few_early_ones_and_still_joins():
    texts = [f"The minister said talks on trade would resume in Brussels on day {n}." for n in range(30)]
    sentences = [s for d in segmented(*(doc(t) for t in texts)) for s in d.sentences]
    assert len(similar_pairs(sentences)) == len(all_pairs(sentences, 0.55)) == 30 * 29 // 2
    capped = similar_pairs(sentences, budget=WorkBudget(max_feature_sentences=4, max_pairs_per_sentence=3))
    assert len(capped) <= 3 * 30
    assert {i for i, _, _ in capped} <= {0, 1, 2, 3}  # the index keeps a feature's first 4 holders
    assert {j for _, j, _ in capped} == set(range(1, 30))  # every later sentence still joins an early one


@pytest.mark.parametrize("threshold", [0, -0.5, 1.5])
def test_similar_pairs_refuses_a_threshold_outside_zero_to_one(threshold):
    with pytest.raises(ValueError, match="threshold"):
        similar_pairs(example_sentences()[:3], threshold)


# --- bounded work (issue 8) ----------------------------------------------------------------------


def test_a_sentence_repeated_thousands_of_times_is_one_group_in_linear_time():
    """Issue 8: 5 articles of one repeated sentence took 3.5 GB, then MemoryError (`matrix @ matrix.T`)."""
    sentence = "The minister said the talks on the new trade agreement would resume in Brussels next week."
    documents = segmented(*(doc(" ".join([sentence] * 2000)) for _ in range(3)))
    start = time.process_time()
    groups = group_sentences(documents)
    assert time.process_time() - start < 2.0  # all pairs would be 18 million comparisons
    assert len(groups) == 1 and len(groups[0].members) == 6000 and groups[0].support == 3


def test_near_repeats_past_the_budget_still_group_without_all_pairs():
    """Thousands of near-copies (one number changed) are all similar: 4.5 million pairs if all were compared."""
    texts = " ".join(f"The minister said talks on trade would resume in Brussels on day {n}." for n in range(3000))
    start = time.process_time()
    groups = group_sentences(segmented(doc(texts)))
    assert time.process_time() - start < 3.0
    assert len(groups) == 1


def test_grouping_stops_at_the_deadline_with_a_message_that_says_what_to_cut():
    documents = segmented(doc("Kishida will meet Zelenskyy to offer help rebuilding Ukraine's infrastructure."))
    expired = replace(WorkBudget(seconds=5), deadline=time.monotonic() - 1)
    with pytest.raises(TooMuchWorkError) as raised:
        group_sentences(documents, expired)
    assert raised.value.limit == "time" and "Leave out some articles" in raised.value.message


STORY = (
    "Japan and NATO will issue a new security cooperation document at the summit in Lithuania.",
    "Kishida will meet South Korean President Yoon Suk Yeol on the sidelines of the summit.",
    "The prime minister is scheduled to visit Belgium for talks with European Union leaders.",
    "Japan is developing the document with the 31 members of the alliance, officials said.",
    "The summit opens on Tuesday in Vilnius amid concern about Russia's war in Ukraine.",
)


def test_an_article_given_twice_is_a_copy_of_the_first_whatever_its_spacing_and_case():
    again = "\n\n".join(" ".join(s.upper().split()) for s in STORY)
    other = doc("Wildfires forced thousands from their homes in the north of the country on Monday.")
    assert copies(segmented(doc(*STORY), other, doc(again))) == {2: 0}


def test_an_article_missing_one_paragraph_in_ten_is_still_a_copy_but_an_update_is_not():
    later = tuple(f"{s[:-1]}, the ministry said on day {n}." for n, s in enumerate(STORY))
    ten = (*STORY, *later)
    assert len({s.text for s in segmented(doc(*ten))[0].sentences}) == 10
    assert copies(segmented(doc(*ten), doc(*ten[:-1]))) == {1: 0}  # a caption or a line lost in copying
    assert copies(segmented(doc(*ten[:-1]), doc(*ten))) == {0: 1}  # the fuller copy stands for both
    assert copies(segmented(doc(*ten), doc(*ten[:-2]))) == {}
    tenth = "The alliance said the document covers maritime security, disinformation and outer space."
    assert copies(segmented(doc(*STORY), doc(*STORY, tenth))) == {}  # an update adds a fact: a report of its own


WRITE_THROUGH = (*STORY[:4], "Police said on Wednesday that twelve protesters were arrested near the venue.")


def test_versions_of_one_report_are_found_and_a_shared_quotation_makes_none():
    """A write-through keeps most of the story word for word: one source. Another outlet that quotes one of its
    sentences is a report of its own (regression, duc2003 d31022t: AP's write-throughs gave a toll support 3)."""
    quoting = doc("Officials in Vilnius said the alliance's leaders would meet for two days this week.", STORY[1],
                  "Russia said the summit would raise tensions in Europe, its foreign ministry said.")
    found = reports(segmented(doc(*STORY), doc(*WRITE_THROUGH), quoting))
    assert found == {0: 0, 1: 0}
    # A version of a version is the same report; a document sharing nothing is left out of the mapping.
    later = doc(*WRITE_THROUGH[1:], "The summit ended on Wednesday with a statement on Ukraine's path to membership.")
    assert reports(segmented(quoting, doc(*STORY), doc(*WRITE_THROUGH), later)) == {1: 1, 2: 1, 3: 1}
    # Half the shorter one's sentences, and two at least.
    assert reports(segmented(doc(*STORY), doc(*STORY[:2], "A different sentence of ten words about something.",
                                                "Another different sentence of ten words about other things."))) \
        == {0: 0, 1: 0}
    assert reports(segmented(doc(*STORY), doc(STORY[0], "A different sentence of ten words about something.",
                                                "Another different sentence of ten words about other things."))) == {}
