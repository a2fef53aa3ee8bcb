from builders import doc, segmented

from summarizer.group import group_sentences


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
