import pytest
from builders import doc, segmented

from summarizer.group import group_sentences
from summarizer.score import score
from summarizer.select import select

ARTICLES = [
    doc(
        "The storm made landfall near the coastal city late on Sunday with winds of 150 kilometres an hour.",
        "Thousands of residents were evacuated from low-lying districts before the storm arrived.",
        "Power was cut to more than 200,000 homes across the region, the utility company said.",
        "Schools will stay closed until Wednesday while crews clear fallen trees from the roads.",
    ),
    doc(
        "The storm made landfall near the coastal city on Sunday night, with winds reaching 150 kilometres an hour.",
        "More than 200,000 homes lost power across the region, according to the utility company.",
        "The national weather agency warned of flooding along the river over the next two days.",
    ),
    doc(
        "Thousands of residents were evacuated from low-lying districts ahead of the storm's arrival.",
        "The national weather agency warned of flooding along the river in the coming two days.",
        "Emergency shelters in sports halls took in around 4,000 people overnight, officials said.",
    ),
]


def scoring_of(*articles, algorithm="consensus"):
    docs = segmented(*articles)
    return score(docs, group_sentences(docs), algorithm, "english")


def run(algorithm="consensus", max_words=None, max_sentences=None):
    return select(scoring_of(*ARTICLES, algorithm=algorithm), max_words, max_sentences)


@pytest.mark.parametrize("algorithm", ["consensus", "lexrank", "lead"])
@pytest.mark.parametrize("max_words", [12, 25, 40, 80])
def test_word_budget_is_never_exceeded(algorithm, max_words):
    chosen = run(algorithm, max_words=max_words)
    assert sum(c.group.representative.word_count for c in chosen) <= max_words


@pytest.mark.parametrize("algorithm", ["consensus", "textrank"])
@pytest.mark.parametrize("max_sentences", [1, 2, 3])
def test_sentence_budget_is_met_exactly_when_there_is_enough_text(algorithm, max_sentences):
    assert len(run(algorithm, max_sentences=max_sentences)) == max_sentences


def test_never_two_sentences_of_one_group():
    chosen = run(max_words=200)
    ids = [c.group.id for c in chosen]
    assert len(ids) == len(set(ids))


def test_first_choice_is_the_fact_most_articles_share():
    chosen = run(max_sentences=1)
    assert chosen[0].group.support >= 2


def test_a_budget_smaller_than_any_sentence_gives_nothing_rather_than_overflow():
    assert run(max_words=3) == ()


def test_both_budgets_hold_together():
    chosen = run(max_words=200, max_sentences=2)
    assert len(chosen) == 2


@pytest.mark.parametrize("max_words", [20, 40, 60])
def test_about_mode_runs_over_by_a_bounded_amount_and_never_cuts(max_words):
    from summarizer.select import ABOUT_MIN_OVERRUN, ABOUT_OVERRUN_SHARE

    docs = segmented(*ARTICLES)
    scoring = score(docs, group_sentences(docs), "consensus", "english")
    strict = select(scoring, max_words, None)
    about = select(scoring, max_words, None, "about")
    words = sum(c.group.representative.word_count for c in about)
    assert words <= max_words + max(ABOUT_MIN_OVERRUN, round(ABOUT_OVERRUN_SHARE * max_words))
    assert words >= sum(c.group.representative.word_count for c in strict)
    texts = {s.text for d in docs for s in d.sentences}
    assert all(c.group.representative.text in texts for c in about)  # whole sentences only


def test_about_mode_fills_what_strict_mode_leaves_short():
    scoring = scoring_of(*ARTICLES)
    strict = sum(c.group.representative.word_count for c in select(scoring, 20, None))
    about = sum(c.group.representative.word_count for c in select(scoring, 20, None, "about"))
    assert strict <= 20 < about


@pytest.mark.parametrize("algorithm", ["consensus", "textrank", "lead"])
def test_the_brief_opens_on_an_article_lead(algorithm):
    chosen = run(algorithm, max_words=60)
    assert chosen[0].group.representative.index == 0 or any(m.index == 0 for m in chosen[0].group.members)


def test_where_no_lead_of_the_story_can_stand_it_opens_on_an_articles_first_sentence_that_can():
    """Regression (duc2003 d31028t cut to 3 articles): both hurricane reports open on a sentence too short
    to stand ("Things could have been worse."), so the only lead that could, a weather forecast's, opened
    the brief on frost over the Great Lakes."""
    forecast = doc(
        "Frost will cover patches of the landscape from the western Great Lakes to the Ohio Valley on Friday.",
        "High pressure will bring mainly sunny but very cool conditions to the northeast of the nation.",
    )
    reports = [
        doc(
            "Things could have been worse.",
            "Hurricane Georges crossed the Caribbean islands with winds of 150 miles an hour, killing hundreds.",
            "Aid workers said the islands would need months to rebuild homes, roads and power lines.",
        ),
        doc(
            "It was a long week.",
            "Hurricane Georges killed hundreds of people on the Caribbean islands with winds of 150 miles an hour.",
            "The islands' governments asked for aid to rebuild homes, roads and power lines.",
        ),
    ]
    chosen = select(scoring_of(forecast, *reports), 60, None)

    opener = chosen[0].group.representative
    assert "Georges" in opener.text and opener.index == 1  # its article's first sentence that can stand


def test_a_text_that_starts_mid_article_offers_no_opening():
    """Regression (duc2003_task3 d125i cut to 3 articles): the text that opened on "But once in a great while
    ..." was copied from mid-article, yet its second sentence ("The debris generally includes many particles
    ...") opened the brief in its place, ahead of another article's lead."""
    articles = [
        doc("But once in a great while a neutrino hits an atom in the tank of water under the mountain.",
            "The collision sends out a flash of blue light that sensors in the tank of water detect and measure.",
            "The flash of blue light in the tank of water is how the detector counts neutrinos under the mountain."),
        doc("Physicists said on Friday that neutrinos have mass, after years of counting flashes of light.",
            "The collision sends out a flash of blue light that sensors in the tank of water can detect and measure."),
    ]
    chosen = select(scoring_of(*articles), 40, None)

    assert chosen[0].group.representative.text.startswith("Physicists said on Friday")


def test_a_text_that_starts_mid_article_never_shows_its_first_sentence():
    """Regression (duc2003_task3 d125i): "But once in a great while ..." opened a brief."""
    articles = [
        doc("But once in a great while a neutrino hits an atom in the tank of water under the mountain.",
            "The collision sends out a flash of blue light that sensors in the tank can detect and measure.",
            "Physicists said on Friday that the flashes show neutrinos have mass, after years of counting."),
        doc("Physicists said on Friday that neutrinos have mass, after years of counting flashes of light.",
            "The detector sits in a mine under a mountain and holds 50,000 tons of very pure water."),
    ]
    scoring = scoring_of(*articles)
    for max_words in (20, 40, 80):
        chosen = select(scoring, max_words, None)
        assert chosen and not any(c.group.representative.text.startswith("But") for c in chosen)


def test_a_sentence_that_continues_another_comes_only_with_it():
    continuing = [
        doc("The minister arrived in Vilnius on Tuesday for the two-day summit of the alliance.",
            "She also plans to meet the leaders of Sweden and Finland during her visit there."),
        doc("The minister arrived in Vilnius on Tuesday for the two-day summit of the alliance.",
            "Talks on the new partnership document will continue on Wednesday with the other members."),
    ]
    scoring = scoring_of(*continuing)
    for max_words in (20, 40, 60):
        texts = [c.group.representative.text for c in select(scoring, max_words, None)]
        if any(t.startswith("She also") for t in texts):
            i = next(i for i, t in enumerate(texts) if t.startswith("She also"))
            assert i > 0 and texts[i - 1].startswith("The minister arrived")


def _made_up_scoring(sentences: dict[str, tuple[int, int, int | tuple[str, ...], dict[str, float]]]):
    """A Scoring by hand: name -> (document, position, words, {concept: weight}), where words is a count of
    words, or the sentence's content stems (its words are then its name, its stems and "end.")."""
    from summarizer.score import Scoring
    from summarizer.types import Group, ScoredGroup, Sentence

    groups, concepts, weights, positions = [], {}, {}, {}
    for gid, (name, (document, position, words, carries)) in enumerate(sentences.items()):
        stems = words if isinstance(words, tuple) else ()
        text = " ".join([name, *(stems or ["word"] * (words - 2)), "end."])
        sentence = Sentence(document=document, index=position, text=text, words=tuple(text.lower().split()),
                            stems=stems)
        groups.append(ScoredGroup(group=Group(id=gid, members=(sentence,)), score=sum(carries.values())))
        concepts[gid] = frozenset(carries)
        weights.update(carries)
        positions[(document, position)] = position
    return Scoring(groups=tuple(groups), concepts=concepts, concept_weights=weights,
                   eligible=frozenset(range(len(groups))), positions=positions)


def test_a_longer_sentence_that_says_more_replaces_a_short_one_greedy_choice_took_first(monkeypatch):
    """Greedy choice by gain per word takes the short sentence (4 of weight in 4 words) and then has no
    room for the one saying that and more (6 in 18 words); exchanging them fills the budget with more."""
    import summarizer.select as select_module

    scoring = _made_up_scoring({
        "Opener": (0, 0, 10, {"a": 5.0, "b": 5.0}),
        "Short": (1, 1, 4, {"c": 4.0}),
        "Longer": (2, 1, 18, {"c": 4.0, "d": 2.0}),
    })
    brief = [c.group.representative.text.split()[0] for c in select(scoring, 30, None)]
    assert brief == ["Opener", "Longer"]
    monkeypatch.setattr(select_module, "SWAP_ROUNDS", 0)
    assert [c.group.representative.text.split()[0] for c in select(scoring, 30, None)] == ["Opener", "Short"]


@pytest.mark.parametrize(("longer_weight", "taken"), [(3.2, "Longer"), (2.0, "Short")])
def test_a_longer_sentence_saying_nearly_as_much_replaces_a_short_one(monkeypatch, longer_weight, taken):
    """Greedy choice takes the short sentence (4 of weight in 4 words) and leaves 16 words of 30 unused, where
    the longer one (18 words) says another thing of nearly that weight: the exchange fills the budget. One
    saying much less (2.0, under 1 - LONGER_EXCHANGE_SLACK of 4) does not replace it."""
    import summarizer.select as select_module

    scoring = _made_up_scoring({
        "Opener": (0, 0, 10, {"a": 5.0, "b": 5.0}),
        "Short": (1, 1, 4, {"c": 4.0}),
        "Longer": (2, 1, 18, {"d": longer_weight}),
    })
    names = lambda: [c.group.representative.text.split()[0] for c in select(scoring, 30, None)]
    assert names() == ["Opener", taken]
    monkeypatch.setattr(select_module, "LONGER_EXCHANGE_SLACK", 0.0)  # an exchange must say more
    assert names() == ["Opener", "Short"]


def test_an_exchange_never_breaks_the_budget_or_the_opener():
    scoring = _made_up_scoring({
        "Opener": (0, 0, 10, {"a": 5.0, "b": 5.0}),
        "Short": (1, 1, 4, {"c": 4.0}),
        "Longer": (2, 1, 21, {"c": 4.0, "d": 2.0}),  # one word too many for 30
    })
    brief = select(scoring, 30, None)
    assert [c.group.representative.text.split()[0] for c in brief] == ["Opener", "Short"]
    assert sum(c.group.representative.word_count for c in brief) <= 30


def test_the_exchanges_looked_at_are_bounded(monkeypatch):
    """No more than MAX_EXCHANGE_TRIALS candidates are looked at: with none allowed, greedy choice stands."""
    import summarizer.select as select_module

    scoring = _made_up_scoring({
        "Opener": (0, 0, 10, {"a": 5.0, "b": 5.0}),
        "Short": (1, 1, 4, {"c": 4.0}),
        "Longer": (2, 1, 18, {"c": 4.0, "d": 2.0}),
    })
    monkeypatch.setattr(select_module, "MAX_EXCHANGE_TRIALS", 0)
    assert [c.group.representative.text.split()[0] for c in select(scoring, 30, None)] == ["Opener", "Short"]


def test_a_name_given_bare_comes_only_after_a_sentence_that_names_it():
    """Regression (duc2003 d30003t): "Castellon's probe into murder, torture and disappearances in Chile ...
    began in 1996." stood in a brief that never said who Castellon was; its article had named him in full
    ("Another judge, Manuel Garcia Castellon, ...") in the sentence before."""
    articles = [
        doc("Spanish judges asked Britain to extradite former dictator Augusto Pinochet on Friday, officials said.",
            "Another judge, Manuel Garcia Castellon, filed a request to question Pinochet a day earlier.",
            "Castellon is investigating the disappearances of Spanish citizens in Chile during the dictatorship."),
        doc("Spanish judges asked Britain on Friday to extradite former dictator Augusto Pinochet.",
            "Relatives of Spanish citizens who disappeared in Chile have waited 25 years for a trial."),
        doc("Britain was asked to extradite the former dictator Augusto Pinochet, Spanish officials said on Friday.",
            "The families of Spanish citizens who disappeared in Chile welcomed the news."),
    ]
    scoring = scoring_of(*articles)
    bare = [c for c in scoring.groups if c.group.representative.text.startswith("Castellon is")]
    assert bare and bare[0].group.id in scoring.eligible
    for max_words in range(10, 60, 4):
        texts = [c.group.representative.text for c in select(scoring, max_words, None)]
        for i, text in enumerate(texts):
            if text.startswith("Castellon is"):
                assert any("Castellon" in earlier for earlier in texts[:i]), texts


def test_a_sentence_restating_what_the_brief_says_stays_out(monkeypatch):
    """Regression (duc2006, MultiLing 250-word briefs): once the new facts ran out, a second wording of the
    opener's fact (all its concepts but one small one said, most of its words too) filled the budget."""
    import summarizer.select as select_module

    scoring = _made_up_scoring({
        "Opener": (0, 0, ("prozac", "reduc", "symptom", "panic", "disord", "studi", "drug", "help"),
                   {"a": 3.0, "b": 3.0, "c": 3.0}),
        "Restated": (1, 1, ("prozac", "reduc", "symptom", "panic", "disord", "studi", "drug", "journal"),
                     {"a": 3.0, "b": 3.0, "c": 3.0, "d": 1.0}),
        "Detail": (2, 1, ("million", "american", "suffer", "life", "institut", "health", "mental", "adult"),
                   {"e": 1.0}),
    })
    names = lambda max_words: [c.group.representative.text.split()[0] for c in select(scoring, max_words, None)]
    assert names(40) == ["Opener", "Detail"]
    monkeypatch.setattr(select_module, "RESTATED_GAIN_SHARE", 0.0)  # only a repeat adding nothing stays out
    assert "Restated" in names(40)


def test_a_sentence_adding_more_than_a_third_of_what_it_says_is_no_restatement():
    scoring = _made_up_scoring({
        "Opener": (0, 0, ("prozac", "reduc", "symptom", "panic", "disord", "studi", "drug", "help"),
                   {"a": 3.0, "b": 3.0}),
        "Adds": (1, 4, ("prozac", "reduc", "symptom", "panic", "disord", "studi", "drug", "journal"),
                 {"a": 3.0, "b": 3.0, "d": 4.0}),  # not an article's opening, so not the opener
    })
    assert [c.group.representative.text.split()[0] for c in select(scoring, 40, None)] == ["Opener", "Adds"]


def test_an_exchange_never_brings_in_a_restatement(monkeypatch):
    """The exchanges keep the rule greedy choice keeps: a longer sentence that mostly restates the opener does
    not replace a short one that says something new, though its one new concept weighs more."""
    import summarizer.select as select_module

    opener = ("prozac", "reduc", "symptom", "panic", "disord", "studi", "drug", "help")
    scoring = _made_up_scoring({
        "Opener": (0, 0, opener, {"a": 3.0, "b": 3.0, "c": 3.0}),
        "Short": (1, 4, ("million", "american", "suffer"), {"e": 1.0}),
        "Restated": (2, 4, opener[:7] + ("journal",) * 10, {"a": 3.0, "b": 3.0, "c": 3.0, "d": 2.0}),
    })
    names = lambda: [c.group.representative.text.split()[0] for c in select(scoring, 30, None)]
    assert names() == ["Opener", "Short"]
    monkeypatch.setattr(select_module, "RESTATED_GAIN_SHARE", 0.0)
    assert names() == ["Opener", "Restated"]


STORM_REPORT = doc(
    "The storm made landfall near the coastal city on Sunday with winds of 150 kilometres an hour, officials said.",
    "Power was cut to more than 200,000 homes across the region, the utility company said on Monday.",
    "The national weather agency warned of flooding along the river over the next two days.",
    "Schools in the coastal city will stay closed until Wednesday while crews clear fallen trees.",
    "Thousands of residents were evacuated from low-lying districts before the storm arrived.",
)
STORM_BODY = (
    "The storm made landfall near the coastal city on Sunday, with winds reaching 150 kilometres an hour.",
    "More than 200,000 homes lost power across the region, according to the utility company.",
    "Schools in the coastal city will stay closed until Wednesday while crews clear fallen trees from roads.",
    "The national weather agency warned of more flooding along the river over the next two days.",
)


def _leads(chosen) -> set[int]:
    return {m.document for c in chosen for m in c.group.members if m.index == 0}


@pytest.mark.parametrize("max_words", [40, 60])
def test_with_two_articles_the_other_writers_lead_follows_the_opener(monkeypatch, max_words):
    """Two reports give no majority to rank facts by, so each writer's lead is kept where it fits (the seeds'
    brief had left NHK's lead out for body sentences of Kyodo's); with the rule off this brief leaves it out."""
    second = doc("Flooding along the river forced thousands of residents from low-lying districts after the storm struck.",
                 *STORM_BODY)
    chosen = select(scoring_of(STORM_REPORT, second), max_words, None)
    assert _leads(chosen) == {0, 1} and _leads(chosen[:2]) == {0, 1}
    assert sum(len(c.group.representative.words) for c in chosen) <= max_words

    monkeypatch.setattr("summarizer.select.EVERY_LEAD_ARTICLES", 1)
    assert _leads(select(scoring_of(STORM_REPORT, second), max_words, None)) == {0}


def test_a_second_lead_that_adds_nothing_the_articles_agree_on_stays_out():
    """A feature's hook ("What began as ...") is no summary of the story: it adds no agreed concept."""
    second = doc("What began as a quiet summer weekend turned into the worst disaster anyone here can remember.",
                 *STORM_BODY)
    chosen = select(scoring_of(STORM_REPORT, second), 60, None)
    assert not any(c.group.representative.text.startswith("What began") for c in chosen)


@pytest.mark.parametrize("max_words", [60, 80])
def test_a_second_lead_that_reports_the_opener_in_other_words_stays_out(max_words):
    """The golden cup final's two leads both say who won and how: the second would be a repeat, as most of
    what it says that the articles agree on is said (without that check it follows the opener here)."""
    first = doc("Tomas Reyne headed the winner in the 108th minute as Rivermouth Rovers beat Kelby Athletic 2-1 after "
                "extra time to lift the Northern Shield.",
                "Rovers fell behind in the 34th minute when Anders Pike finished a swift Kelby counter-attack at the near post.",
                "Captain Joel Matheson converted a penalty in the 77th minute after Reyne was tripped in the box.",
                "Manager Sofia Lindqvist said the victory was for everyone who stuck with the club through the bad years.")
    second = doc("Rivermouth Rovers are Northern Shield champions after Tomas Reyne's extra-time header gave them a 2-1 win "
                 "over Kelby Athletic.",
                 "Kelby struck first through Anders Pike midway through the first half of the final.",
                 "The equaliser came from the penalty spot in the 77th minute, captain Joel Matheson scoring.",
                 "Kelby finished the match with ten men after defender Ivo Sand was shown a second yellow card.")
    chosen = select(scoring_of(first, second), max_words, None)
    assert len(_leads(chosen)) == 1
