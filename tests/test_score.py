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
        # the tail of a sentence a copy broke at a line ("... planned to ask" / "a court to prevent ...")
        ("a court to prevent the Truth Commission report from implicating him in covering up terror.", False),
        ("iPhone sales rose by a fifth in the quarter, the company said on Thursday.", True),
        ("3 people were killed when the storm hit the coast on Sunday night.", True),
        # a piece of a parenthesis the splitter cut at its inner full stop
        ("(Comments may be sent to The Spiritual Life, Box 2378, Boston, MA 02107-2378; or via e-mail.", False),
        ("The Pentagon (which has not commented) said the talks would go on for days.", True),
        ("(The Press Democrat in Santa Rosa, Calif., is part of the New York Times Regional Newspaper Group.)", False),
        ("(AP) The Pentagon said the talks would go on for days, officials in Washington said.", True),
        # the end of a quotation opened in the sentence before; German and Czech quotations are whole
        ("C'est un pas en avant très important pour le climat et pour nous tous. »", False),
        ("„Wir stehen an der Seite der Ukraine“, sagte der Kanzler am Dienstag in Vilnius.", True),
        ("« Nous voulons une coopération plus étroite », a déclaré le ministre mardi.", True),
        # it announces what follows, and says nothing itself
        ("Following are excerpts from the decision by a three-judge federal panel in the census case.", False),
        ("The following are major news items in leading Kenyan newspapers today.", False),
        ("The following year, the panel ruled against the use of sampling in the census.", True),
        # a question states nothing: a feature's hook, an FAQ's heading (duc2006 D0604D, D0624F)
        ("Who doesn't remember feeling a zing up the spine at the blast of trumpets in the film?", False),
        ('He asked the minister: "Why has the Lawrence case been so important to the police?"', False),
        ('"Why has the case been so important?" the minister asked in parliament on Tuesday.', True),
        # an entry of a timeline, a roundup or a fact box, under its label (duc2006 D0631D, D0647B, D0623E, D0629B)
        ("April 9, 1969: The Concorde 002, built by the British Aircraft Corporation, makes its first flight.", False),
        ("Nov. 25 -- Elian rescued at sea two or three days after boat capsizes, killing his mother.", False),
        ("10:25 a.m. EDT -- Plane leaves Newark, N.J., bound for Los Angeles International Airport.", False),
        ("GREECE: One would never know it, but smoking is actually forbidden in public places in Greece.", False),
        ("HOW IT WORKS: Makes its way into computers as an e-mail attachment and then sends itself on.", False),
        ("In 1969, the Concorde 002 made its first test flight from Filton near Bristol.", True),
        ("The minister said: the talks will go on for days and nights to come in Vilnius.", True),
        ("U.S. officials said -- quietly, and only in private -- that the talks were over.", True),
    ],
)
def test_eligibility(text, eligible):
    sentence = segmented(doc(text))[0].sentences[0]
    assert is_eligible(sentence) is eligible


def test_a_line_that_stops_without_ending_a_sentence_is_not_one():
    """Regression (multiling2011_en M006): a photo caption run into the paragraph before it stood in a brief."""
    paragraph = ('"I just held on and bounced across the wall," he said, as quoted by the Associated Press. '
                 "A map indicating the intensity of the earthquake in Haiti and the Dominican Republic, made by USGS")
    quote, caption = segmented(doc(paragraph))[0].sentences
    assert is_eligible(quote) and not is_eligible(caption)


@pytest.mark.parametrize(
    "name, resolved",
    [("default", "consensus"), ("LexRank", "lexrank"), (" kl-sum ", "kl"), ("nope", None)],
)
def test_resolve_algorithm(name, resolved):
    assert resolve_algorithm(name) == resolved


# --- sumy on a bounded candidate set (issue 8) ----------------------------------------------------


def test_sumy_rates_every_sentence_of_a_news_sized_input():
    from summarizer import WorkBudget
    from summarizer.score import _sumy_candidates

    docs = segmented(A, B, C)
    assert _sumy_candidates(docs, group_sentences(docs), WorkBudget()) is None


def test_past_its_budget_sumy_rates_only_the_likeliest_sentences_and_the_rest_rate_lowest():
    """Issue 8: LexRank took 25 s and LSA 80 s and 2.7 GB on 100-200 kB of short sentences."""
    from summarizer import WorkBudget
    from summarizer.score import _sumy_candidates

    docs = segmented(A, B, C)
    groups = group_sentences(docs)
    budget = WorkBudget(sumy_max_sentences=2)
    kept = _sumy_candidates(docs, groups, budget)
    # The fact all three articles report comes first, in its wordings nearest an article's lead.
    assert kept == {(0, 0), (1, 0)}
    scoring = ALGORITHMS["lexrank"](docs, groups, "english", budget)
    shared = next(s for s in scoring.groups if s.group.support == 3)
    assert all(s.score <= shared.score for s in scoring.groups)
    lowest = min(s.score for s in scoring.groups)
    assert sum(s.score == lowest for s in scoring.groups) >= len(groups) - 2


def test_sumy_candidates_stop_at_the_word_budget():
    from summarizer import WorkBudget
    from summarizer.score import _sumy_candidates

    docs = segmented(A, B, C)
    kept = _sumy_candidates(docs, group_sentences(docs), WorkBudget(sumy_max_words=30))
    words = {(s.document, s.index): len(s.words) for d in docs for s in d.sentences}
    assert kept and sum(words[k] for k in kept) <= 30


def test_sumy_candidates_stop_at_the_matrix_budget():
    """LSA's matrix is distinct stems x sentences; rare words once made it 80 s and 2.7 GB."""
    from summarizer import WorkBudget
    from summarizer.score import _sumy_candidates

    docs = segmented(A, B, C)
    kept = _sumy_candidates(docs, group_sentences(docs), WorkBudget(sumy_max_cells=60))
    chosen = [s for d in docs for s in d.sentences if (s.document, s.index) in kept]
    assert chosen and len({stem for s in chosen for stem in s.stems}) * len(chosen) <= 60
