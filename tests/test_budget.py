"""The work budget: its bounds validate, its clock starts once, and what it refuses says what to cut."""

import time
from dataclasses import replace

import pytest

from summarizer import TooMuchWorkError, WorkBudget


@pytest.mark.parametrize(
    "field, value",
    [("max_sentences", 0), ("max_pairs_per_sentence", -1), ("sumy_max_words", 2.5), ("max_sentences", True),
     ("seconds", 0), ("seconds", "10")],
)
def test_a_bad_bound_names_the_field(field, value):
    with pytest.raises(ValueError, match=f"WorkBudget.{field}"):
        WorkBudget(**{field: value})


def test_a_budget_never_started_has_no_deadline():
    budget = WorkBudget(seconds=0.001)
    time.sleep(0.01)
    budget.check_time("testing")  # no clock yet: stages called alone are not timed
    assert budget.deadline is None and budget.seconds_left() is None


def test_started_runs_the_clock_and_takes_the_shorter_of_two_limits():
    budget = WorkBudget(seconds=8).started(seconds=2)
    assert budget.seconds == 2 and 0 < budget.seconds_left() <= 2
    assert WorkBudget(seconds=None).started().deadline is None
    assert WorkBudget(seconds=None).started(seconds=3).seconds == 3


def test_past_the_deadline_the_error_says_where_and_what_to_cut():
    expired = replace(WorkBudget(seconds=8), deadline=time.monotonic() - 1)
    with pytest.raises(TooMuchWorkError) as raised:
        expired.check_time("grouping repeated sentences")
    message = raised.value.message
    assert raised.value.limit == "time" and raised.value.code == "too_much_work"
    assert "8 seconds" in message and "grouping repeated sentences" in message and "Leave out some articles" in message


def test_too_many_sentences_says_how_many_are_allowed():
    WorkBudget(max_sentences=3).check_sentences(3)
    with pytest.raises(TooMuchWorkError, match="more than 3 sentences") as raised:
        WorkBudget(max_sentences=3).check_sentences(4)
    assert raised.value.limit == "sentences"


def test_the_web_layer_answers_too_much_work_with_413_and_the_message():
    from web.inputs import problem_from

    problem = problem_from(TooMuchWorkError("sentences", "The articles hold more than 20,000 sentences; ..."))
    assert (problem.status, problem.code) == (413, "too_much_work")
    assert problem.to_dict()["error"]["message"].startswith("The articles hold more than 20,000 sentences")


def test_a_started_budget_keeps_its_deadline_when_started_again():
    """The web layer starts the clock with what the request has left; summarize() must not restart it."""
    early = WorkBudget(seconds=8).started(seconds=1)
    assert early.started() is early
    assert early.started(seconds=5).deadline == early.deadline
