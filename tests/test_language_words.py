import pytest

from summarizer.language import BY_NAME, LANGUAGES, find_language, resolve_language
from summarizer.language.words import content_stems, count_words, english_reach, stemmer, stop_words, words_of
from summarizer.errors import OptionsError


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_every_language_has_stop_words_and_a_stemmer_that_load_offline(name):
    assert len(stop_words(name)) >= 20, f"{name} has almost no stop words"
    assert stemmer(name)("example") != ""


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("english", ["ministers", "minister"]),
        ("german", ["Ministerin", "Ministerinnen"]),
        ("russian", ["министра", "министром"]),
        ("ukrainian", ["міністра", "міністром"]),
        ("polish", ["ministra", "ministrem"]),
        ("czech", ["ministra", "ministrem", "ministři"]),
        ("greek", ["πρωθυπουργός", "πρωθυπουργοί"]),
        ("turkish", ["bakanın", "bakanı"]),
        ("hindi", ["मंत्रियों", "मंत्री"]),
        ("arabic", ["الوزير", "للوزير", "بالوزير"]),
    ],
)
def test_inflected_forms_of_one_word_share_a_stem(name, forms):
    stem = stemmer(name)
    assert len({stem(word.lower()) for word in forms}) == 1


def test_stop_words_are_dropped_before_stemming():
    assert content_stems(words_of("The ministers were meeting in Brussels"), "english") == ("minist", "meet", "brussel")


def test_chinese_is_read_as_overlapping_character_pairs():
    assert words_of("北京时间") == ("北京", "京时", "时间")
    # Two reports wording one fact differently still share most pairs.
    a, b = set(words_of("日本首相岸田文雄访问波兰")), set(words_of("岸田文雄首相今天访问了波兰"))
    assert {"岸田", "文雄", "访问", "波兰"} <= a & b


def test_korean_words_with_different_particles_share_pairs():
    assert set(words_of("서울시는")) & set(words_of("서울시가")) == {"서울", "울시"}


def test_latin_words_inside_cjk_text_stay_whole():
    assert words_of("NATO首脑会议2024年") == ("nato", "首脑", "脑会", "会议", "2024", "年")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Japan and NATO will sign a document.", 7),
        ("北京时间今天上午。", 8),  # each character a word; the full stop is not one
        ("NATO首脑会议在2024年举行", 10),  # NATO, 首脑会议在 (5), 2024, 年, 举行 (2)
        ("서울시는 오늘 발표했다.", 3),  # Korean is written with spaces: its words count
        ("Премьер-министр посетит Польшу.", 3),
    ],
)
def test_count_words_counts_words_and_each_chinese_or_japanese_character(text, count):
    assert count_words(text) == count


@pytest.mark.parametrize(("value", "name"), [("de", "german"), ("German", "german"), ("nb", "norwegian"),
                                              ("auto", "auto"), (None, "auto"), (" EN ", "english")])
def test_resolve_language_takes_names_codes_and_auto(value, name):
    assert resolve_language(value) == name


def test_an_unsupported_language_is_refused_with_the_choices_named():
    with pytest.raises(OptionsError) as error:
        resolve_language("klingon")
    assert "auto" in error.value.message and "german (de)" in error.value.message


def test_right_to_left_languages_are_marked():
    assert {row.code for row in BY_NAME.values() if row.rtl} == {"ar", "he"}
    assert find_language("he").rtl and not find_language("en").rtl


@pytest.mark.parametrize(
    ("text", "reach"),
    [
        ("Japan and NATO will sign a document.", 7),
        ("杭州市区遭遇强降雨，多条道路出现严重积水。", 19 / 1.5),  # 19 characters
        ("NATO首脑会议在2024年举行", 2 + 8 / 1.5),  # NATO and 2024, 8 characters
        ("부산에 폭우가 쏟아졌다.", 3 * 1.5),
    ],
)
def test_english_reach_weighs_characters_and_korean_words_as_english_words(text, reach):
    assert english_reach(text) == pytest.approx(reach)


def test_a_long_chinese_sentence_can_stand_in_a_brief_as_a_long_english_one_can():
    from summarizer.score import is_eligible
    from summarizer.types import Sentence

    chinese = "据杭州市气象台统计，" + "西湖区两小时累计降雨量达到九十八毫米，" * 3 + "为今年以来最大的一次降雨。"  # 80 characters
    korean = "부산에 오후 폭우가 쏟아졌다."  # 4 spaced words: a 6-word English sentence, too short
    assert len(chinese) == 80 and is_eligible(Sentence(0, 0, chinese))  # 75 of them Han: 50 words' worth
    assert not is_eligible(Sentence(0, 0, korean))
    assert is_eligible(Sentence(0, 0, "부산에 10일 오후 시간당 최대 70밀리미터가 넘는 폭우가 쏟아졌다."))
