from builders import doc, segmented

from summarizer.group import group_sentences
from summarizer.order import order_chosen
from summarizer.score import score
from summarizer.types import ScoredGroup


def scored(*documents):
    docs = segmented(*documents)
    scoring = score(docs, group_sentences(docs), "lead", "english")
    by_text = {g.group.representative.text: g for g in scoring.groups}
    return scoring, by_text


def texts(ordered):
    return [s.group.representative.text for s in ordered]


def test_the_story_lead_first_then_older_articles_first_then_position():
    scoring, by = scored(
        doc("Rescuers reached the village on Friday.", "Roads were blocked by mud.", date="2024-05-02"),
        doc("The dam burst on Thursday night.", "Water swept through three farms.", date="2024-05-01"),
    )
    # Selection chose the Friday lead first: it is the story's lead, whatever its date.
    chosen = [by["Rescuers reached the village on Friday."], by["Roads were blocked by mud."],
              by["Water swept through three farms."], by["The dam burst on Thursday night."]]
    assert texts(order_chosen(chosen, scoring)) == [
        "Rescuers reached the village on Friday.",
        "The dam burst on Thursday night.",
        "Water swept through three farms.",
        "Roads were blocked by mud.",
    ]


def test_without_dates_leads_come_before_details():
    scoring, by = scored(doc("A lead here now.", "A detail follows."), doc("B lead here now.", "B detail follows."))
    chosen = [by[t] for t in ("A lead here now.", "B detail follows.", "A detail follows.", "B lead here now.")]
    assert texts(order_chosen(chosen, scoring)) == [
        "A lead here now.", "B lead here now.", "A detail follows.", "B detail follows."]


def test_undated_articles_fall_in_by_position_not_before_or_after_all_dated_ones():
    """Regression: four reports of one fire, one dated; the brief opened on a late detail."""
    scoring, by = scored(
        doc("A fire destroyed the central market overnight.", "The cause of the fire had not been determined."),
        doc("Firefighters fought the market blaze for six hours.", "Traders counted their losses on Friday.",
            date="2024-03-01"),
    )
    chosen = [by["The cause of the fire had not been determined."], by["Traders counted their losses on Friday."],
              by["Firefighters fought the market blaze for six hours."], by["A fire destroyed the central market overnight."]]
    ordered = texts(order_chosen(chosen, scoring))
    assert ordered[0] == "Firefighters fought the market blaze for six hours."  # the first lead chosen
    assert ordered.index("A fire destroyed the central market overnight.") < ordered.index(
        "The cause of the fire had not been determined.")


def test_a_continuation_comes_right_after_the_sentence_it_continues():
    scoring, by = scored(
        doc("The minister arrived in Vilnius on Tuesday morning.", "She will meet the president on Wednesday."),
        doc("Talks on the treaty open in Vilnius this week.", "Delegates from thirty countries attend."),
    )
    chosen = [by["Talks on the treaty open in Vilnius this week."],
              by["The minister arrived in Vilnius on Tuesday morning."],
              by["Delegates from thirty countries attend."],
              by["She will meet the president on Wednesday."]]
    ordered = texts(order_chosen(chosen, scoring))
    i = ordered.index("The minister arrived in Vilnius on Tuesday morning.")
    assert ordered[i + 1] == "She will meet the president on Wednesday."


def test_nothing_chosen_orders_to_nothing():
    scoring, _ = scored(doc("One sentence only here."))
    assert order_chosen([], scoring) == ()
    assert isinstance(scoring.groups[0], ScoredGroup)
