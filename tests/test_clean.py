"""Clean stage: golden cases on real pasted copy, rule tables, and properties that hold for any text."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.characters import without_odd_characters
from summarizer.clean import clean, clean_document, iso_date, split_paragraphs
from summarizer.ingest import document_from_text, read_document
from summarizer.types import Document, Removed

FIXTURES = Path(__file__).parent / "fixtures"


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _paragraphs(document: Document) -> list[str]:
    return document.text.split("\n\n") if document.text else []


def _article(*middle: str) -> str:
    """Two real paragraphs around the lines under test, so context rules see an ordinary article."""
    return "\n\n".join(
        [
            "The central bank left its key interest rate unchanged on Wednesday, as expected by markets.",
            *middle,
            "Officials said they would review the policy again at the next meeting in September.",
        ]
    )


# ---------------------------------------------------------------------------------------------
# Golden cases: every real paragraph survives exactly once; no cruft survives.
# ---------------------------------------------------------------------------------------------

KYODO_KEEP = [
    "Prime Minister Fumio Kishida said Tuesday that Japan and NATO will issue a new security cooperation "
    "document, as the trans-Atlantic alliance's summit starting the same day in Lithuania takes place amid "
    "growing geopolitical concerns.",
    "Before leaving Tokyo to attend the two-day NATO meeting, Kishida told reporters that he is eager to use "
    'the summit as an opportunity to "reaffirm cooperation with like-minded countries in upholding the '
    'rules-based, free and open international order."',
    "Kishida and NATO Secretary General Jens Stoltenberg are expected to release the new document, which will "
    "seek to enhance cooperation between Japan and the alliance in areas such as maritime security, "
    "disinformation response and outer space, government sources said.",
    "Japan is developing the document, called the Individually Tailored Partnership Program, with the 31 "
    "members of the North Atlantic Treaty Organization to bolster security cooperation between the "
    "Indo-Pacific region and Europe, with China in mind.",
    "Kishida, who is also slated to visit Belgium for regular talks with EU leaders later this week, said he "
    "is scheduled to meet with South Korean President Yoon Suk Yeol and Ukrainian President Volodymyr "
    "Zelenskyy, respectively, on the sidelines of the NATO summit.",
    "During his talks with Yoon, Kishida will explain Japan's plan for releasing treated radioactive water from "
    "the Fukushima nuclear power plant into the sea, after the International Atomic Energy Agency gave the "
    "green light for the project to go ahead, the sources said.",
    "Kishida, meanwhile, is likely to tell Zelenskyy that Japan is ready to expand its support for Ukraine by "
    "helping to rebuild its infrastructure and economy, which have been devastated by Russia's invasion that "
    "started in February 2022, the government sources added.",
    "On Thursday, Kishida will meet with European Council President Charles Michel and European Commission "
    "President Ursula von der Leyen in Brussels, the capital of Belgium, according to the sources.",
    "The leaders are poised to issue a joint statement outlining their intention to enhance cooperation in "
    "maritime, cyberspace, supply chains and other areas, the sources said.",
    "During his four-day European tour through Friday, Kishida is expected to hold bilateral talks with "
    "leaders from various nations and regions, the Japanese Foreign Ministry said.",
]
KYODO_DROP = {
    "(Kyodo) ==Kyodo": "caption",
    "Japanese Prime Minister Fumio Kishida speaks to reporters at the premier's official residence": "caption",
    "Related coverage:": "boilerplate",
    "Japan PM Kishida arranging summit with Zelenskyy in Lithuania on July 12": "boilerplate",
    "NATO summit to discuss Ukraine, ties with Asia-Pacific partners": "boilerplate",
    "Turkish president relents in standoff over Sweden's NATO accession": "boilerplate",
}

NHK_KEEP = [
    "Japanese Prime Minister Kishida Fumio plans to call for stronger coordination with NATO during the "
    "alliance's summit at a time when Russia has developed closer ties with China amid its invasion of Ukraine.",
    "Kishida has arrived in Lithuania, the second stop of his European tour, where he will attend the NATO "
    "summit on Wednesday.",
    "His first destination was Poland. He and Polish Prime Minister Mateusz Morawiecki confirmed their "
    "continued coordination in addressing the situation in Ukraine.",
    "Kishida is expected to pledge Japan's proactive support to Ukraine, based on its achievements at the "
    "Group of Seven summit in Hiroshima.",
    "Kishida plans to call for closer ties between Japan and NATO, based on the belief that the security of "
    "Europe and that of the Indo-Pacific region are inseparable.",
    "The prime minister is also scheduled to meet with NATO Secretary General Jens Stoltenberg. They are "
    "expected to issue a document that presents details of how Japan and the alliance will cooperate.",
    "Arrangements are also underway for Kishida to have separate meetings with South Korean President Yoon "
    "Suk-yeol and Ukrainian President Volodymyr Zelenskyy on the sidelines of the NATO summit.",
]
NHK_DROP = {
    "Similar Readings (5 items)": "boilerplate",
    "Kishida to leave for Europe to attend NATO summit": "boilerplate",
    "Japan PM Kishida set to join NATO summit in July": "boilerplate",
    "Japan Prime Minister Kishida arrives in US to attend NATO summit": "boilerplate",
    "Kishida says Japan to pursue greater security cooperation with NATO": "boilerplate",
    "NATO chief Stoltenberg to visit Japan to likely discuss stronger bilateral ties": "boilerplate",
    "Summary": "boilerplate",
    "Japanese PM Kishida Fumio, in his European tour, plans to reinforce collaboration": "boilerplate",
    "Statistics": "boilerplate",
    "186": "boilerplate",
    "Words1": "boilerplate",
    "Read CountDetails": "boilerplate",
    "ID: cee2a256-533f-47c6-b410-e0a69506b641": "metadata",
    "Category ID: nhk": "metadata",
    "URL: https://www3.nhk.or.jp/nhkworld/en/news/20230712_04/": "metadata",
    "Date: July 12, 2023": "metadata",
    "Created: 2023/07/12 07:33": "metadata",
    "Updated: 2025/12/09 02:04": "metadata",
    "Last Read: 2023/07/12 08:15": "metadata",
}

AP_KEEP = [
    "Temperatures in central Tokyo climbed above 39 degrees Celsius (102 degrees Fahrenheit) on Thursday, the "
    "highest reading in the capital since records began in 1875, the Japan Meteorological Agency said.",
    "Hospitals across the Kanto region reported more than 2,000 people treated for heatstroke over the past "
    "three days, and officials urged older residents to use air conditioning even at night.",
    '"We are asking everyone not to hold back on air conditioning because of the cost of electricity," Chief '
    "Cabinet Secretary Yoshimasa Hayashi told reporters.",
    "Electricity demand in the Tokyo area approached 95% of supply on Thursday afternoon, and the grid "
    "operator asked large businesses to cut non-essential lighting, the sources told Reuters.",
    "The agency said the heat was driven by a strong Pacific high-pressure system and was expected to last at "
    "least another week, with little rain forecast.",
    "Share prices of utility companies rose on Thursday as traders bet on higher summer demand.",
    "By Friday, schools in Saitama and Gunma had cancelled outdoor sports practice for the rest of the month.",
]
AP_DROP = {
    "Tokyo swelters as record heat wave grips Japan": "metadata",
    "By Jane Smith and Kenji Sato": "metadata",
    "Published: July 18, 2024": "metadata",
    "TOKYO (AP) —": "metadata",
    "Advertisement": "boilerplate",
    "Share this:": "boilerplate",
    "(AP Photo/John Doe)": "caption",
    "Read more: Japan's rainy season ends early as heat builds": "boilerplate",
    "Photo: Reuters": "caption",
    "Sign up for our newsletter": "boilerplate",
    "Follow us on X and Facebook for the latest updates.": "boilerplate",
    "___": "boilerplate",
    "Associated Press writer Mari Yamaguchi contributed to this report.": "metadata",
    "Copyright 2024 The Associated Press. All rights reserved.": "boilerplate",
}

MARKDOWN_KEEP = [
    "Japan and NATO agreed on Wednesday to deepen cooperation on cyber defence, including regular joint "
    "exercises and faster sharing of information about attacks on government networks.",
    '"Cyber threats do not respect borders," NATO Secretary General Jens Stoltenberg told a joint news '
    "conference with the Japanese prime minister.",
    "The agreement builds on a partnership program signed last year and adds a hotline between Japan's new "
    "cyber command and NATO's centre in Mons.",
    "Why it matters",
    "Japan has faced a rising number of cyberattacks on its defence industry, officials said, and allies have "
    "pressed Tokyo to tighten its information security.",
    "Japan will send two officers to NATO's cyber defence centre in Tallinn.",
    "The two sides will hold a joint exercise before the end of the year.",
]
MARKDOWN_DROP = {
    "# Japan and NATO agree closer cyber cooperation": "metadata",
    "**By Jane Smith** · 4 min read": "metadata",
    "*Published 10 July 2024*": "metadata",
    "Source: https://example.com/news/2024/07/japan-nato-cyber": "metadata",
    "![Delegates at the NATO summit](https://example.com/images/nato-summit.jpg)": "caption",
    "Delegates arrive for the NATO summit in Washington": "caption",
    "## Related": "boilerplate",
    "[NATO leaders meet in Washington](https://example.com/news/nato-leaders)": "boilerplate",
    "[Japan boosts defence budget again](https://example.com/news/japan-budget)": "boilerplate",
    "---": "boilerplate",
    "Tags: Japan, NATO, cyber defence": "metadata",
}

WRAPPED_KEEP = [
    "Japan's exports rose for a seventh straight month in June as shipments of cars and chip-making equipment "
    "to the United States and Europe offset weaker demand from China, government data showed on Thursday.",
    "Exports grew 5.4% from a year earlier, the Ministry of Finance said, slightly below the median forecast "
    "of economists polled by the Nikkei. Imports fell 3.1%, leaving a trade surplus of 589.4 billion yen.",
    "Shipments to China, Japan's largest trading partner, declined 2.3% as Chinese buyers held back on "
    "purchases of steel and plastics, while exports to the United States rose 11.8%, led by hybrid vehicles.",
    "Economy Minister Yoshitaka Shindo said the government would keep watching the impact of a weak yen on "
    "households, which has pushed up the cost of imported food and energy.",
    '"The recovery in external demand is encouraging, but the picture for the second half is uncertain," said '
    "Taro Saito, executive research fellow at NLI Research Institute.",
]
WRAPPED_DROP = {
    "JAPAN EXPORTS RISE FOR SEVENTH MONTH": "metadata",
    "(Reporting by Jane Smith; Editing by John Doe)": "metadata",
    "Related stories": "boilerplate",
    "Japan's core inflation slows for a second month": "boilerplate",
    "Bank of Japan keeps rates steady, trims bond buying": "boilerplate",
    "Nikkei hits record high as chip stocks rally": "boilerplate",
}

GOLDEN = [
    # fixture, must keep, must drop -> kind, title, url, date
    ("kyodo-kishida-nato.txt", KYODO_KEEP, KYODO_DROP, "", None, None),
    (
        "nhk-kishida-nato-reader-copy.txt",
        NHK_KEEP,
        NHK_DROP,
        "",
        "https://www3.nhk.or.jp/nhkworld/en/news/20230712_04/",
        "2023-07-12",
    ),
    (
        "clean/ap-tokyo-heat-wave.txt",
        AP_KEEP,
        AP_DROP,
        "Tokyo swelters as record heat wave grips Japan",
        None,
        "2024-07-18",
    ),
    (
        "clean/markdown-reader-copy.md",
        MARKDOWN_KEEP,
        MARKDOWN_DROP,
        "Japan and NATO agree closer cyber cooperation",
        "https://example.com/news/2024/07/japan-nato-cyber",
        "2024-07-10",
    ),
    (
        "clean/wrapped-plain-text.txt",
        WRAPPED_KEEP,
        WRAPPED_DROP,
        "JAPAN EXPORTS RISE FOR SEVENTH MONTH",
        None,
        None,
    ),
]
GOLDEN_IDS = [case[0] for case in GOLDEN]


@pytest.mark.parametrize(("fixture", "keep", "drop", "title", "url", "date"), GOLDEN, ids=GOLDEN_IDS)
def test_golden_article_text_survives_exactly_once_and_cruft_is_gone(fixture, keep, drop, title, url, date):
    cleaned = clean_document(Document(text=_read(fixture), name=fixture))
    paragraphs = _paragraphs(cleaned)
    assert paragraphs == keep  # every real paragraph, once each, in order, and nothing else
    for cruft, kind in drop.items():
        assert cruft not in cleaned.text, cruft
        matches = [r for r in cleaned.removed if cruft in r.text]
        assert matches, f"{cruft!r} is not listed as removed"
        assert matches[0].kind == kind, (cruft, matches[0])
    assert (cleaned.title, cleaned.url, cleaned.date) == (title, url, date)
    assert cleaned.name == fixture


@pytest.mark.parametrize("fixture", GOLDEN_IDS)
def test_golden_cleaning_is_idempotent_and_deterministic(fixture):
    once = clean_document(Document(text=_read(fixture)))
    assert clean_document(once) == once
    assert clean_document(Document(text=_read(fixture))) == once


def test_nhk_repeated_run_keeps_first_occurrence_and_says_why():
    cleaned = clean_document(Document(text=_read("nhk-kishida-nato-reader-copy.txt")))
    repeats = [r for r in cleaned.removed if r.kind == "repeated paragraph"]
    assert [r.text for r in repeats] == NHK_KEEP[1:7]
    assert {r.reason for r in repeats} == {"Paragraph repeated from earlier in the article"}


def test_removed_pieces_are_listed_in_document_order_with_reasons():
    cleaned = clean_document(Document(text=_read("nhk-kishida-nato-reader-copy.txt")))
    source = " ".join(_read("nhk-kishida-nato-reader-copy.txt").split())
    positions = [source.index(r.text) for r in cleaned.removed if r.kind != "repeated paragraph"]
    assert positions == sorted(positions)
    assert all(isinstance(r, Removed) and r.reason and r.reason[0].isupper() for r in cleaned.removed)
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Similar Readings (5 items)"] == "Reader-app 'Similar Readings' list"
    assert reasons["Statistics"] == reasons["186"] == "Reader-app statistics block"


# ---------------------------------------------------------------------------------------------
# Rule tables: cruft of each class, and look-alikes that are article text.
# ---------------------------------------------------------------------------------------------

CRUFT_LINES = [
    # line, kind
    ("Advertisement", "boilerplate"),
    ("ADVERTISEMENT", "boilerplate"),
    ("Story continues below advertisement", "boilerplate"),
    ("Share this:", "boilerplate"),
    ("Share on Facebook Twitter Email", "boilerplate"),
    ("Sign up for our newsletter", "boilerplate"),
    ("Subscribe to our daily briefing to get the top stories in your inbox.", "boilerplate"),
    ("Follow us on Twitter @newsdesk", "boilerplate"),
    ("Follow AP's coverage of Asia at https://apnews.com/hub/asia-pacific", "boilerplate"),
    ("Copyright 2024 The Associated Press. All rights reserved.", "boilerplate"),
    ("© 2024 Reuters", "boilerplate"),
    ("THE NEW YORK TIMES NEWS SERVICE. ALL RIGHTS RESERVED.", "boilerplate"),
    ("Read more: Bank of Japan keeps rates unchanged", "boilerplate"),
    ("5 min read", "boilerplate"),
    ("* * *", "boilerplate"),
    ("[Home](https://example.com) | [World](https://example.com/world)", "boilerplate"),
    ("Governor Kazuo Ueda speaks in Tokyo on July 31, 2024. (AP Photo/Eugene Hoshiko)", "caption"),
    ("Bank of Japan headquarters in Tokyo. (Reuters)", "caption"),
    ("Traders watch screens in New York. (Getty Images)", "caption"),
    ("The Bank of Japan building in Tokyo. (Kyodo) ==Kyodo", "caption"),
    ("Photo: Reuters", "caption"),
    ("Image: Getty Images", "caption"),
    ("The governor arrives for the news conference. Credit: Jane Doe/Bloomberg", "caption"),
    ("Photograph: Kim Kyung-Hoon/Reuters", "caption"),
    ("![The central bank](https://example.com/boj.jpg)", "caption"),
    ("Image 3 of 12", "caption"),
    ("By Jane Smith", "metadata"),
    ("By JANE SMITH and JOHN DOE, Associated Press", "metadata"),
    ("TOKYO (Reuters) -", "metadata"),
    ("Published: July 12, 2023", "metadata"),
    ("Updated 8:15 a.m. JST, July 12, 2023", "metadata"),
    ("Wednesday, July 12, 2023", "metadata"),
    ("Author: Jane Smith", "metadata"),
    ("Tags: economy, Japan, interest rates", "metadata"),
    ("Source: Kyodo News", "metadata"),
    ("Last Read: 2023/07/12 08:15  29  429 2842 1.5 3", "metadata"),
    ("https://example.com/business/boj-holds-rates", "metadata"),
    ("(Reporting by Leika Kihara; Editing by Sam Holmes)", "metadata"),
]


@pytest.mark.parametrize(("line", "kind"), CRUFT_LINES)
def test_cruft_line_is_removed_with_its_kind(line, kind):
    cleaned = clean_document(Document(text=_article(line), title="Rates"))
    assert line not in cleaned.text
    assert len(_paragraphs(cleaned)) == 2
    assert [(r.kind, r.text) for r in cleaned.removed] == [(kind, " ".join(line.split()))]


ARTICLE_LOOKALIKES = [
    "The talks stalled on Tuesday, two sources told Reuters.",
    "Markets reacted calmly (see chart), traders said.",
    "By Tuesday, the yen had recovered most of its losses.",
    "By contrast, the European Central Bank raised rates twice.",
    "Share prices of exporters fell 2% after the decision.",
    "Updated: The governor later said the bank would act if needed.",
    "Related to this, the ministry will publish new guidance.",
    "The ministry said more details would follow on Thursday.",
    "Photo opportunities were limited, officials said, as the governor left by a side door.",
    "Summary statistics released by the agency showed 3.2% growth.",
    "Follow-up talks are planned for Thursday.",
    "Subscribers to the bank's data service received the figures early.",
    "Copyright law was not part of the discussion.",
    "He met Yoon on July 12.",
]


FOREIGN_LOOKALIKES = [
    "Partager les richesses reste l'objectif du gouvernement, a déclaré le ministre.",
    "Par ailleurs, la banque centrale a maintenu son taux directeur.",
    "Von Montag an gilt in Bayern ein neuer Hitzeschutzplan.",
    "Stand der Dinge: Die Verhandlungen gehen am Montag weiter.",
    "Por la tarde, el calor remitirá ligeramente en la costa.",
    "Реклама алкоголя будет запрещена с 1 сентября, заявили в Госдуме.",
    "Фото и видео с места событий публикуют очевидцы.",
    "Lire aussi les déclarations du ministre ne suffit pas, estiment les syndicats.",
]


@pytest.mark.parametrize("sentence", ARTICLE_LOOKALIKES + FOREIGN_LOOKALIKES)
def test_article_sentence_that_resembles_cruft_is_kept(sentence):
    cleaned = clean_document(Document(text=_article(sentence), title="Rates"))
    assert sentence in _paragraphs(cleaned)
    assert cleaned.removed == ()


def test_related_heading_takes_the_run_of_headlines_and_stops_at_prose():
    text = _article(
        "Related:",
        "Yen slides to 34-year low against the dollar",
        "Why Japan's wages are finally rising?",
        "Analysts expect one more rate rise before the end of the year.",
    )
    cleaned = clean_document(Document(text=text, title="Rates"))
    assert "Analysts expect one more rate rise before the end of the year." in _paragraphs(cleaned)
    assert [r.text for r in cleaned.removed] == [
        "Related:",
        "Yen slides to 34-year low against the dollar",
        "Why Japan's wages are finally rising?",
    ]
    assert {r.kind for r in cleaned.removed} == {"boilerplate"}


@pytest.mark.parametrize(
    "heading", ["Related stories", "You may also like", "Recommended", "Read more", "More from Kyodo News"]
)
def test_related_headings_of_several_kinds(heading):
    text = _article(heading, "Yen slides to 34-year low", "Nikkei hits record")
    cleaned = clean_document(Document(text=text, title="Rates"))
    assert len(_paragraphs(cleaned)) == 2
    assert len(cleaned.removed) == 3


def test_a_section_heading_that_starts_like_more_from_is_kept_before_prose():
    text = _article("More on the negotiations", "Negotiators met again on Friday without a deal.")
    cleaned = clean_document(Document(text=text, title="Rates"))
    assert "More on the negotiations" in _paragraphs(cleaned)


def test_item_count_in_the_heading_limits_the_list():
    text = _article("Similar Readings (1 items)", "Yen slides to 34-year low", "Background")
    cleaned = clean_document(Document(text=text, title="Rates"))
    assert "Background" in _paragraphs(cleaned)
    assert "Yen slides to 34-year low" not in cleaned.text


def test_summary_heading_removes_only_the_apps_paragraph():
    text = _article("Summary", "The bank held rates. It may raise them later.", "Inflation slowed in June.")
    cleaned = clean_document(Document(text=text, title="Rates"))
    assert "Inflation slowed in June." in _paragraphs(cleaned)
    assert "The bank held rates." not in cleaned.text
    assert [r.kind for r in cleaned.removed] == ["boilerplate", "boilerplate"]


def test_repeated_paragraph_ignores_case_and_whitespace():
    text = _article("Inflation slowed in June.", "  inflation   SLOWED in June. ")
    cleaned = clean_document(Document(text=text, title="Rates"))
    assert _paragraphs(cleaned).count("Inflation slowed in June.") == 1
    assert [r.kind for r in cleaned.removed] == ["repeated paragraph"]


# ---------------------------------------------------------------------------------------------
# Paragraphs: blank-line separated, one per line, or hard-wrapped.
# ---------------------------------------------------------------------------------------------


def test_hard_wrapped_paragraph_is_joined_even_across_capitalised_words():
    text = (
        "The decision was announced after a two-day meeting chaired by Prime\n"
        "Minister Fumio Kishida, who said the government would support the\n"
        "bank's efforts to reach its 2% inflation target in a stable way.\n"
        "\n"
        "Economists had expected the move."
    )
    assert split_paragraphs(text) == [
        "The decision was announced after a two-day meeting chaired by Prime Minister Fumio Kishida, who said "
        "the government would support the bank's efforts to reach its 2% inflation target in a stable way.",
        "Economists had expected the move.",
    ]


def test_one_paragraph_per_line_is_split_on_lines():
    text = "The bank held rates on Wednesday.\nInflation slowed in June.\nMarkets were calm."
    assert split_paragraphs(text) == ["The bank held rates on Wednesday.", "Inflation slowed in June.",
                                      "Markets were calm."]


def test_lowercase_continuation_line_is_joined():
    assert split_paragraphs("The bank said it would keep\nbuying bonds at the current pace.") == [
        "The bank said it would keep buying bonds at the current pace."
    ]


def test_a_wire_digest_s_double_dash_bullets_go_and_a_dash_inside_a_line_stays():
    text = clean_document(Document(text="The following are major news items in leading British newspapers.\n\n"
                                    "-- Prime Minister Tony Blair has commissioned a review of policy -- a sweeping one.")).text
    assert "Prime Minister Tony Blair has commissioned a review of policy -- a sweeping one." in text
    assert "\n-- " not in text and not text.startswith("--")


def test_windows_line_endings_and_extra_blank_lines():
    text = "First paragraph here.\r\n\r\n\r\n\r\nSecond paragraph here.\r\n"
    assert split_paragraphs(text) == ["First paragraph here.", "Second paragraph here."]


# ---------------------------------------------------------------------------------------------
# Document metadata: url, date and title are filled only when missing.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("July 12, 2023", "2023-07-12"),
        ("12 July 2023", "2023-07-12"),
        ("2023/07/12 07:33", "2023-07-12"),
        ("2023-07-12T08:15:00+09:00", "2023-07-12"),
        ("Wed, 12 Jul 2023 08:15:00 GMT", "2023-07-12"),
        ("8:15 a.m. JST, July 12, 2023", "2023-07-12"),
        ("July 2023", None),
        ("3 hours ago", None),
        ("99/99/9999", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def test_metadata_fills_url_and_date_when_missing():
    text = _article("URL: https://example.com/a", "Published: July 12, 2023")
    cleaned = clean_document(Document(text=text, title="Rates"))
    assert (cleaned.url, cleaned.date) == ("https://example.com/a", "2023-07-12")


def test_metadata_never_overwrites_what_the_document_has():
    text = _article("URL: https://example.com/a", "Date: July 12, 2023")
    document = Document(text=text, title="Rates", url="https://kept.example/", date="2020-01-01")
    cleaned = clean_document(document)
    assert (cleaned.title, cleaned.url, cleaned.date) == ("Rates", "https://kept.example/", "2020-01-01")
    assert len(cleaned.removed) == 2


def test_unreadable_date_line_is_removed_without_a_date():
    cleaned = clean_document(Document(text=_article("Date: 31/31/2023"), title="Rates"))
    assert cleaned.date is None
    assert [r.kind for r in cleaned.removed] == ["metadata"]


def test_bare_url_line_fills_url():
    cleaned = clean_document(Document(text=_article("https://example.com/boj"), title="Rates"))
    assert cleaned.url == "https://example.com/boj"


def test_labelled_publication_date_wins_over_a_loose_date_line():
    text = _article("July 1, 2023", "Published: July 12, 2023")
    assert clean_document(Document(text=text, title="Rates")).date == "2023-07-12"


def test_headline_becomes_the_title_only_when_there_is_none():
    text = "Bank of Japan holds rates steady\n\n" + _article()
    untitled = clean_document(Document(text=text))
    assert untitled.title == "Bank of Japan holds rates steady"
    assert untitled.removed == (
        Removed("metadata", "Headline used as the title", "Bank of Japan holds rates steady"),
    )
    titled = clean_document(Document(text=text, title="BOJ decision"))
    assert titled.title == "BOJ decision"
    assert _paragraphs(titled)[0] == "Bank of Japan holds rates steady"


def test_first_paragraph_that_repeats_the_title_is_removed():
    text = "Bank of Japan holds rates steady\n\n" + _article()
    cleaned = clean_document(Document(text=text, title="Bank of Japan holds rates steady"))
    assert [(r.kind, r.reason) for r in cleaned.removed] == [
        ("repeated paragraph", "Paragraph repeats the title")
    ]


def test_a_lone_headline_is_not_taken_as_the_title():
    cleaned = clean_document(Document(text="Bank of Japan holds rates steady"))
    assert (cleaned.title, cleaned.text) == ("", "Bank of Japan holds rates steady")


# ---------------------------------------------------------------------------------------------
# Bylines with a date, and the outlet (issue 9).
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date", "outlet"),
    [
        ("The New York Times · October 30, 1998", "1998-10-30", "The New York Times"),
        ("By Jane Roe | Reuters | Dec 1, 2026", "2026-12-01", "Reuters"),
        ("By Jane Roe | Reuters | Dec 1, 2026 | 9:30 AM GMT", "2026-12-01", "Reuters"),
        ("Jane Roe, Kyiv Independent — 3 March 2025", "2025-03-03", "Kyiv Independent"),
        ("**By Jane Roe** · July 12, 2023 · 4 min read", "2023-07-12", ""),
    ],
)
def test_byline_with_a_date_gives_the_date_and_outlet_and_is_not_a_sentence(line, date, outlet):
    """Regression: "The New York Times · October 30, 1998" stayed a sentence and its date was not read."""
    cleaned = clean_document(Document(text=_article(line)))

    assert (cleaned.date, cleaned.outlet) == (date, outlet)
    assert line not in cleaned.text and len(_paragraphs(cleaned)) == 2
    assert [(r.kind, r.text) for r in cleaned.removed] == [("metadata", line)]


def test_byline_date_never_overwrites_the_documents_own():
    cleaned = clean_document(Document(text=_article("The New York Times · October 30, 1998"), date="1998-10-31"))

    assert cleaned.date == "1998-10-31"


@pytest.mark.parametrize(
    "line",
    [
        "Japan, NATO agree closer ties · July 12, 2023 is when talks began, officials said.",
        "Prices rose 3% in March | analysts had expected 2% on Dec 1, 2026.",
        "Tokyo · Osaka · Nagoya",  # names without a date
    ],
)
def test_lines_with_separators_that_are_not_dated_bylines_are_kept(line):
    cleaned = clean_document(Document(text=_article(line)))

    assert line in _paragraphs(cleaned)
    assert (cleaned.date, cleaned.outlet) == (None, "")


@pytest.mark.parametrize(
    ("middle", "first", "outlet"),
    [
        pytest.param(("By Jane Roe, Reuters",), None, "Reuters", id="byline after the author"),
        pytest.param(("By Jane Roe, Local News Editor",), None, "", id="a job is no outlet"),
        pytest.param(("Kyodo News",), None, "Kyodo News", id="credit line"),
        pytest.param(("NHK World",), None, "NHK World", id="outlet alone on a line"),
        pytest.param((), "LONDON (AP) — The bank said on Monday it would cut rates.", "AP", id="wire dateline"),
        pytest.param(("Officials met in Tokyo on July 11. (Kyodo)",), None, "Kyodo", id="bare agency credit"),
        pytest.param(("Officials met in Tokyo on July 11. (Getty Images)",), None, "", id="a photo library"),
    ],
)
def test_outlet_is_read_from_bylines_datelines_and_credits(middle, first, outlet):
    text = _article(*middle) if first is None else first + "\n\n" + _article(*middle)

    assert clean_document(Document(text=text)).outlet == outlet


def test_a_byline_names_the_outlet_before_a_photo_credit_does():
    text = _article("A man walks past the bank. (Reuters)", "By Jane Roe, The Associated Press")

    assert clean_document(Document(text=text)).outlet == "The Associated Press"


@pytest.mark.parametrize(
    ("opening", "dateline", "outlet"),
    [
        pytest.param("LONDON (AP) _ ", "LONDON (AP) _", "AP", id="AP underscore"),
        pytest.param("BEIJING, August 22 (Xinhua) -- ", "BEIJING, August 22 (Xinhua) --", "Xinhua", id="with a date"),
        pytest.param("NEW DELHI, December 1 (Xinhua)-- ", "NEW DELHI, December 1 (Xinhua)--", "Xinhua",
                     id="dash against the agency"),
        pytest.param("LONDON, Jan. 5 (Reuters) - ", "LONDON, Jan. 5 (Reuters) -", "Reuters", id="Reuters hyphen"),
        pytest.param("Nairobi, February 9 (Xinhua) -- ", "Nairobi, February 9 (Xinhua) --", "Xinhua",
                     id="place not in capitals"),
        pytest.param("NICOSIA, Cyprus (AP) - ", "NICOSIA, Cyprus (AP) -", "AP", id="place and country"),
        pytest.param("BEIDAIHE (Hebei), March 5 (Xinhua) -- ", "BEIDAIHE (Hebei), March 5 (Xinhua) --", "Xinhua",
                     id="province in brackets"),
        pytest.param("AUSTIN, Texas _ ", "AUSTIN, Texas _", "", id="no agency"),
        pytest.param("WASHINGTON (AP -- ", "WASHINGTON (AP --", "AP", id="agency bracket left open"),
        # Regression (duc2006@5 D0643G: "WASHINGTON, December 9 (Xinhua) --U.S. space agency ..." in a brief).
        pytest.param("WASHINGTON, December 9 (Xinhua) --", "WASHINGTON, December 9 (Xinhua) --", "Xinhua",
                     id="no space after the dash"),
        # Regression (multiling2011 M004, M003, M007 in every language): WikiNews's place and region.
        pytest.param("Meadow Lake, Saskatchewan – ", "Meadow Lake, Saskatchewan –", "", id="place and region"),
        pytest.param("Londýn, Anglie - ", "Londýn, Anglie -", "", id="place and region, hyphen"),
        pytest.param("Texas, États-Unis -- ", "Texas, États-Unis --", "", id="place and region, accents"),
        pytest.param("TEXAS, USA - ", "TEXAS, USA -", "", id="place and region in capitals, hyphen"),
        # Indian outlets close the dateline with a colon (noticed in stop 21: "NEW DELHI: ..." stayed in the lead).
        pytest.param("NEW DELHI: ", "NEW DELHI:", "", id="colon"),
        pytest.param("MUMBAI, Dec 3: ", "MUMBAI, Dec 3:", "", id="colon after a date"),
        pytest.param("New Delhi [India], December 3 (ANI): ", "New Delhi [India], December 3 (ANI):", "ANI",
                     id="colon after the agency, region in square brackets"),
        pytest.param("Chennai, Dec 3 (PTI): ", "Chennai, Dec 3 (PTI):", "PTI", id="colon, Press Trust of India"),
    ],
)
def test_a_wire_dateline_leaves_the_lead_and_is_kept_as_metadata(opening, dateline, outlet):
    lead = "The bank said on Monday it would cut its main interest rate by half a point."
    cleaned = clean_document(Document(text=opening + lead + "\n\n" + _article()))

    assert _paragraphs(cleaned)[0] == lead
    assert Removed("metadata", "Dateline at the start of the article", dateline) in cleaned.removed
    assert cleaned.outlet == outlet


@pytest.mark.parametrize(
    ("item", "opening", "reason"),
    [
        pytest.param('FREEDOM AND HONOR IN THE WHITE HOUSE _ The drama of the boy continues, the columnist writes.',
                     "FREEDOM AND HONOR IN THE WHITE HOUSE _", "Headline or wire slug", id="digest heading"),
        pytest.param('ROSA PARKS: AMERICA\'S NO. 1 HEROINE OF THE CENTURY _ "Since its earliest days," she writes.',
                     "ROSA PARKS: AMERICA'S NO. 1 HEROINE OF THE CENTURY _", "Headline or wire slug",
                     id="heading, quotation"),
        pytest.param("CUBA-ELIAN _ MIAMI _ The mayor flies to Washington to meet the attorney general.",
                     "CUBA-ELIAN _ MIAMI _", "Headline or wire slug", id="wire slug and place"),
        pytest.param("ANAHEIM, California (AP) _ Behavior in children improves when they take the drug, a study says.",
                     "ANAHEIM, California (AP) _", "Dateline of an item", id="dateline of an item"),
    ],
)
def test_an_item_of_a_digest_loses_its_heading_or_dateline(item, opening, reason):
    """Regression (duc2006 D0647B, D0628A: a news service's digest put "FREEDOM AND HONOR IN THE WHITE HOUSE _
    The drama ..." and "ANAHEIM, California (AP) _ Behavior ..." in briefs): what follows is the item's text."""
    cleaned = clean_document(Document(text=_article(item)))

    kept = _paragraphs(cleaned)[1]
    assert kept == item[item.index(opening) + len(opening):].strip()
    assert any(r.reason.startswith(reason) and r.text == opening for r in cleaned.removed)
    assert cleaned.outlet == ""  # an item's agency is not the document's outlet
    assert clean_document(cleaned) == cleaned


@pytest.mark.parametrize(
    "paragraph",
    [
        "1:50 a.m. EST -- Plane begins descent from 33,000 feet, the board said.",
        "Nov. 25 -- Elian rescued at sea two or three days after boat capsizes.",
        "NATO members -- there are now 32 -- met in Vilnius on Tuesday.",
        "The plan _ its third this year _ failed.",
        "HAITI _ Most of the destruction in this nation involved residences, officials said.",
    ],
    ids=["a time opening a timeline's entry", "a date opening one", "a name in capitals, then lower case",
         "lower case before the mark", "a place its text points at (duc2003 d31028t)"],
)
def test_a_paragraph_opening_on_words_in_lower_case_keeps_them(paragraph):
    assert _paragraphs(clean_document(Document(text=_article(paragraph))))[1] == paragraph


NOTICE = ("WASHINGTON, D.C. 20003 Tel: 202-547-4512 Fax: 202-546-4194 COPYRIGHT 1998 BY WORLDSOURCES, INC. NO PORTION "
          "OF THE MATERIALS CONTAINED HEREIN MAY BE USED IN ANY MEDIA WITHOUT ATTRIBUTION.")


def test_a_notice_in_capitals_goes():
    """Regression (duc2006 D0613D: a copyright and contact block opened a brief of two articles)."""
    cleaned = clean_document(Document(text=NOTICE + "\n\n" + _article()))

    assert not any("COPYRIGHT" in p for p in _paragraphs(cleaned))
    assert any(r.reason.startswith("Notice in capitals") for r in cleaned.removed)


def test_an_article_written_all_in_capitals_keeps_its_paragraphs():
    """Old wire copy came all in capitals: there, capitals mark nothing."""
    # the notice's words without its telephone numbers, which would make it contact details in any case
    notice = NOTICE.replace("COPYRIGHT", "THE REPORT").replace("Tel: 202-547-4512 Fax: 202-546-4194 ", "")
    shouted = (notice + "\n\n" + _article()).upper()

    assert _paragraphs(clean_document(Document(text=shouted))) == shouted.split("\n\n")


def test_an_editors_note_after_a_wire_underscore_goes():
    """Regression (duc2003 d30010t: "EDITOR'S NOTE _ Nicolas B. Tatro, based in Jerusalem, is The Associated
    Press chief of bureau for Israel.")."""
    note = "EDITOR'S NOTE _ Nicolas B. Tatro, based in Jerusalem, is The Associated Press chief of bureau for Israel."
    cleaned = clean_document(Document(text=_article(note)))

    assert not any("Tatro" in p for p in _paragraphs(cleaned))


@pytest.mark.parametrize(
    ("opening", "date"),
    [
        ("Saturday, March 26, 2005 ", "2005-03-26"),
        ("26 March 2005 ", "2005-03-26"),
    ],
)
def test_a_date_run_into_the_lead_leaves_it_and_dates_the_article(opening, date):
    """Regression (multiling2011_cs M000: "Sobota, 26. března 2005 Až čtyřikrát ..." opened a brief)."""
    lead = "Up to four times as many women as men died in the tsunami, figures released by Oxfam show."
    cleaned = clean_document(Document(text=opening + lead + "\n\n" + _article()))

    assert _paragraphs(cleaned)[0] == lead and cleaned.date == date
    assert Removed("metadata", "Date at the start of the article", opening.strip()) in cleaned.removed


def test_a_date_run_into_the_lead_without_a_space_and_after_a_caption_is_found():
    """Regression (multiling2011_en M000: "Tuesday, January 18, 2005Through a telethon, ..." reached a
    brief; the article opened on a map's caption)."""
    caption = "Countries affected by the 2004 Indian Ocean tsunami"
    lead = "Through a telethon, Romanians have raised 15 billion lei for the victims of the tsunami."
    cleaned = clean_document(Document(text=f"{caption}\n\nTuesday, January 18, 2005{lead}\n\n{_article()}"))

    assert lead in _paragraphs(cleaned)[:2] and cleaned.date == "2005-01-18"
    assert not any(p.startswith("Tuesday") for p in _paragraphs(cleaned))


def test_a_date_run_into_a_caption_above_the_lead_dates_the_article():
    """Regression (multiling2011 M001, en, cs and fr: "Thursday, May 1, 2008 The scenes after the bombings on
    July 7" above the lead kept its date, and the article had none: only a paragraph that ends a sentence was
    looked at)."""
    lead = "A court in the United Kingdom has been shown footage of the bombers on the morning of the attacks."
    cleaned = clean_document(Document(text=f"Thursday, May 1, 2008 The scenes after the bombings on July 7\n\n"
                                           f"{lead}\n\n{_article()}", title="Footage of the bombers shown in court"))

    assert cleaned.date == "2008-05-01"
    assert _paragraphs(cleaned)[:2] == ["The scenes after the bombings on July 7", lead]


@pytest.mark.parametrize("text", ["1;1 2000AdVERTISEMENT", f"1 1 2000ADVERTISEMENT\n\n{_article()}"])
def test_cruft_a_leading_date_hid_goes_too_and_cleaning_again_changes_nothing(text):
    """Regression (hypothesis: "1;1 2000AdVERTISEMENT"): the date went, but the label behind it stayed until
    the text was cleaned a second time."""
    cleaned = clean_document(Document(text=text))

    assert not any("ADVERTISEMENT" in p.upper() for p in _paragraphs(cleaned))
    assert clean_document(cleaned) == cleaned


@pytest.mark.parametrize(
    "lead",
    [
        "On March 26, 2005 Oxfam said four times as many women as men died in the tsunami.",
        "In 2005 The Beatles were voted the best band of all time by the readers of the magazine.",
    ],
)
def test_a_lead_that_opens_on_its_own_date_keeps_it(lead):
    assert _paragraphs(clean_document(Document(text=lead + "\n\n" + _article())))[0] == lead


@pytest.mark.parametrize(
    "lead",
    [
        "Apple (AAPL) - Shares rose after the company said sales of its phones grew in the quarter.",
        "WASHINGTON - The bill passed the Senate on Monday after a long night of debate on its cost.",
        "Paris, Jan. 5 -- The city said on Monday it would close two bridges to traffic for repairs.",
        "Smith, the new coach - Who will replace him is the question the club must answer by June.",
        "London, England-based banks said on Monday they would cut their main interest rates by a point.",
        "New Delhi: The government said on Monday it would cut the price of fertiliser by a tenth.",
        "Moderator: Good evening and welcome to the debate on the city's budget for next year.",
    ],
    ids=["ticker in brackets", "hyphen without an agency", "place not in capitals without an agency",
         "a description after the comma", "a hyphen joining words", "colon, place not in capitals, no agency",
         "a speaker's label"],
)
def test_an_opening_that_only_looks_like_a_dateline_is_kept(lead):
    cleaned = clean_document(Document(text=lead + "\n\n" + _article()))

    assert _paragraphs(cleaned)[0] == lead
    assert not [r for r in cleaned.removed if r.reason.startswith("Dateline")]


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www3.nhk.or.jp/nhkworld/en/news/20230712_04/", "NHK World"),
        ("https://www.nhk.or.jp/politics/articles/1.html", "NHK"),
        ("https://english.kyodonews.net/news/2023/07/x.html", "Kyodo News"),
        ("https://news.example.com/a", ""),  # named by the label from its domain, not here
        ("https://notnhk.or.jp.example/a", ""),
    ],
)
def test_known_hosts_name_their_outlet(url, outlet):
    assert clean_document(Document(text=_article(), url=url)).outlet == outlet


def test_outlet_never_overwrites_the_documents_own():
    text = _article("By Jane Roe, Reuters")

    assert clean_document(Document(text=text, outlet="City Herald")).outlet == "City Herald"


@pytest.mark.parametrize(
    ("fixture", "outlet"), [("kyodo-kishida-nato.txt", "Kyodo"), ("nhk-kishida-nato-reader-copy.txt", "NHK World")]
)
def test_outlet_of_the_real_examples(fixture, outlet):
    assert clean_document(document_from_text(_read(fixture))).outlet == outlet


def test_the_address_an_article_gives_names_its_outlet_when_it_was_fetched_from_another():
    """A reader copy served from elsewhere keeps its own "URL:" line's host as the outlet's name."""
    fetched = document_from_text(_read("nhk-kishida-nato-reader-copy.txt"), url="http://127.0.0.1:8765/nhk")

    cleaned = clean_document(fetched)

    assert cleaned.url == "http://127.0.0.1:8765/nhk" and cleaned.outlet == "NHK World"


def test_docx_byline_gives_the_date_and_outlet():
    """Regression (issue 9): a .docx kept "The New York Times · October 30, 1998" as a sentence."""
    word = docx.Document()
    word.add_paragraph("Clinton signs the budget", style="Title")
    word.add_paragraph("The New York Times · October 30, 1998")
    word.add_paragraph("President Clinton signed the budget on Thursday after weeks of talks with Congress.")
    word.add_paragraph("The bill funds the government until the end of September, aides said.")
    out = io.BytesIO()
    word.save(out)

    cleaned = clean_document(read_document("clinton.docx", out.getvalue()))

    assert (cleaned.date, cleaned.outlet) == ("1998-10-30", "The New York Times")
    assert "Times" not in cleaned.text
    assert ("metadata", "The New York Times · October 30, 1998") in [(r.kind, r.text) for r in cleaned.removed]


def test_browser_printed_pdf_is_cleaned_of_print_furniture_and_byline():
    cleaned = clean_document(read_document("goteborg.pdf", (FIXTURES / "ingest" / "browser-printed.pdf").read_bytes()))

    kinds = [r.kind for r in cleaned.removed]
    assert kinds.count("page header") == 3 and "metadata" in kinds
    assert (cleaned.date, cleaned.outlet) == ("2026-12-01", "Reuters")
    assert "Jane Roe" not in cleaned.text and "7:38" not in cleaned.text


# ---------------------------------------------------------------------------------------------
# Edges: empty, all cruft, what the stage keeps of the input document.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "\t \r\n"])
def test_empty_input_gives_empty_output(text):
    cleaned = clean_document(Document(text=text))
    assert cleaned.text == ""
    assert cleaned.removed == ()


def test_document_of_only_cruft_comes_back_empty():
    text = "Advertisement\n\nShare this:\n\nRelated coverage:\n\nYen slides\n\nCopyright 2024 Kyodo News"
    cleaned = clean_document(Document(text=text))
    assert cleaned.text == ""
    assert len(cleaned.removed) == 5


def test_earlier_removals_and_name_are_kept():
    earlier = Removed("boilerplate", "Removed when the file was read", "<nav>")
    cleaned = clean_document(Document(text=_article("Advertisement"), name="a.txt", removed=(earlier,)))
    assert cleaned.removed[0] == earlier
    assert cleaned.name == "a.txt"


def test_clean_keeps_order_and_count():
    documents = [Document(text=_read(name)) for name in GOLDEN_IDS]
    cleaned = clean(documents)
    assert isinstance(cleaned, tuple)
    assert cleaned == tuple(clean_document(d) for d in documents)
    assert clean(()) == ()


# ---------------------------------------------------------------------------------------------
# Properties: any text at all.
# ---------------------------------------------------------------------------------------------

_PIECES = [
    "Advertisement",
    "Share this:",
    "Related coverage:",
    "Similar Readings (2 items)",
    "Summary",
    "Statistics",
    "186",
    "Words1",
    "Date: July 12, 2023",
    "URL: https://example.com/x",
    "Last Read: 2023/07/12 08:15  29",
    "By Jane Smith",
    "Photo: Reuters",
    "A man walks past. (Kyodo) ==Kyodo",
    "Yen slides to record low",
    "The bank held rates on Wednesday.",
    "the bank said it would",
    "Prime",
    "# Heading",
    "- [link](https://example.com)",
    "**Bold** text",
    "Inflation slowed in June.",
    "---",
]
_SEPARATORS = ["\n", "\n\n", " ", "\r\n", "\n \n"]
newsy_text = st.lists(
    st.tuples(st.sampled_from(_PIECES) | st.text(max_size=30), st.sampled_from(_SEPARATORS)), max_size=25
).map(lambda parts: "".join(piece + separator for piece, separator in parts))
any_text = st.text() | newsy_text


def _normalised(text: str) -> str:
    """The input as cleaning reads it (characters.py: controls dropped, C1 dashes read as Windows-1252's), spaced."""
    return " ".join(without_odd_characters(text).split())


def test_a_document_made_by_a_library_caller_is_read_as_ingest_reads_it():
    """summarize() given raw text (as bench/common.py gives it) sees what the app would: a Windows dash read as
    Latin-1 ("\\x96", multiling2011_el M007) is an en dash, so the dateline before it goes and its place stays."""
    lead = "ΤΕΞΑΣ, ΗΠΑ \x96 Στρατοδικείο των Ηνωμένων Πολιτειών έκρινε ένοχο τον Charles Graner."
    cleaned = clean_document(Document(text=lead + "\n\n" + _article()))
    assert cleaned.text.startswith("Στρατοδικείο των Ηνωμένων") and cleaned.place == "Τεξας, ΗΠΑ"
    assert "\x96" not in cleaned.text and "\x96" not in "".join(r.text for r in cleaned.removed)


@settings(deadline=None, max_examples=300)
@given(any_text)
def test_any_text_cleans_without_error_and_keeps_only_input_text(text):
    cleaned = clean_document(Document(text=text))
    assert isinstance(cleaned, Document)
    source = _normalised(text)
    for paragraph in _paragraphs(cleaned):
        assert paragraph and paragraph == paragraph.strip() and "\n" not in paragraph
        assert paragraph in source
    for removed in cleaned.removed:
        assert removed.text in source


@settings(deadline=None, max_examples=300)
@given(any_text, st.sampled_from(["", "Rates"]))
def test_cleaning_is_idempotent_for_any_text(text, title):
    once = clean_document(Document(text=text, title=title))
    assert clean_document(once) == once
    assert clean_document(Document(text=text, title=title)) == once


@settings(deadline=None)
@given(st.text())
def test_iso_date_never_raises(value):
    result = iso_date(value)
    assert result is None or len(result) == 10


# ---------------------------------------------------------------------------------------------
# Other languages (issue 11): reader-app and news-site copies in French, German, Spanish and Russian,
# two articles each, cleaned together as one request. Every article sentence survives exactly once;
# no cruft line survives; the metadata block fills url and date.
# ---------------------------------------------------------------------------------------------

READER_COPIES = [
    # fixture, language, per article: (kept paragraphs, title, url, date); cruft lines that must go
    (
        "reader_copy_fr.txt",
        "fr",
        [
            (
                [
                    "Météo-France a placé vendredi quatorze départements du sud-est en vigilance rouge canicule, le niveau d'alerte le plus élevé, alors que les températures devraient dépasser 42 °C dans la vallée du Rhône.",
                    "Les préfectures ont annoncé la fermeture des écoles et le report des événements sportifs en plein air jusqu'à dimanche soir.",
                    "« Nous n'avons jamais connu une chaleur aussi précoce dans la région », a déclaré la préfète du Rhône lors d'une conférence de presse.",
                    'Le ministère de la Santé a rappelé aux personnes âgées de boire régulièrement et de rester dans des pièces fraîches.',
                    "Les hôpitaux de la région ont activé leur plan blanc afin de faire face à l'afflux de patients victimes de coups de chaleur.",
                ],
                'Canicule : Météo-France place quatorze départements en vigilance rouge',
                None,
                '2024-07-12',
            ),
            (
                [
                    'Toutes les écoles du Rhône et de la Drôme resteront fermées vendredi et samedi en raison de la vigilance rouge canicule, ont annoncé les deux préfectures jeudi soir.',
                    'Les températures ont atteint 41,2 °C à Montélimar jeudi après-midi, un record pour un mois de juillet selon Météo-France.',
                    'Les centres de loisirs pourront accueillir les enfants dont les parents travaillent, à condition de disposer de salles climatisées.',
                    "La préfecture a également interdit les feux de camp et les barbecues dans les massifs forestiers jusqu'à nouvel ordre.",
                ],
                'Vigilance rouge canicule : les écoles fermées dans le Rhône et la Drôme',
                'https://www.exemple.fr/actualite/2024/07/12/canicule-ecoles-fermees',
                '2024-07-12',
            ),
        ],
        [
            'Par Claire Martin',
            'Publié le 12 juillet 2024 à 10h05',
            'Mis à jour le 12 juillet 2024 à 15h30',
            'Partager sur Facebook Partager sur X Envoyer par e-mail',
            'Un pompier arrose une rue de Lyon, le 11 juillet 2024. Photo : Jean Dupont / AFP',
            'Publicité',
            "Lire aussi : Sécheresse : les restrictions d'eau s'étendent à vingt départements",
            'Le Quotidien · Édition du soir',
            'Sur le même sujet',
            'Canicule : comment protéger ses animaux domestiques',
            'Les villes françaises face au défi des îlots de chaleur',
            'Pourquoi les nuits tropicales se multiplient-elles en France ?',
            "Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité chaque matin.",
            'Mots-clés : canicule, Météo-France, santé',
            '© Le Quotidien 2024',
            'Partager sur Facebook Partager sur X Envoyer par e-mail',
            'Photo : Météo-France',
            'Le Quotidien · Édition du soir',
            'Canicule',
            'Écoles',
            'Rhône',
            'Drôme',
            "Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité chaque matin.",
            'À lire aussi',
            'Canicule : les bons gestes pour dormir quand il fait chaud',
            'Incendies : le Var en alerte maximale',
            'Quelles régions seront épargnées par la chaleur ce week-end ?',
            'Lien : https://www.exemple.fr/actualite/2024/07/12/canicule-ecoles-fermees',
            'Date : 12/07/2024',
            'Créé : 12/07/2024 16:02',
            'Dernière lecture : 12/07/2024 18:40',
        ],
    ),
    (
        "reader_copy_de.txt",
        "de",
        [
            (
                [
                    'Der Deutsche Wetterdienst hat für weite Teile Bayerns und Baden-Württembergs eine Warnung vor extremer Hitze ausgegeben.',
                    'Bis zum Wochenende werden dort Temperaturen von bis zu 38 Grad erwartet, in Freiburg könnten es sogar 39 Grad werden.',
                    '"Wir rechnen mit einer deutlichen Zunahme von Hitzenotfällen", sagte ein Sprecher des Deutschen Roten Kreuzes.',
                    'Das Gesundheitsministerium rief die Bevölkerung auf, ausreichend zu trinken und die Mittagshitze zu meiden.',
                ],
                'Hitzewelle: Wetterdienst warnt vor extremer Hitze im Süden',
                None,
                None,
            ),
            (
                [
                    'Die Krankenhäuser in Bayern stellen sich wegen der Hitzewelle auf deutlich mehr Notfälle ein, teilte die Bayerische Krankenhausgesellschaft am Freitag mit.',
                    'Mehrere Kliniken in München und Nürnberg haben zusätzliches Personal in die Notaufnahmen geschickt.',
                    'Besonders gefährdet seien ältere Menschen und Kleinkinder, sagte ein Sprecher der Gesellschaft.',
                ],
                'Extreme Hitze: Kliniken in Bayern bereiten sich auf mehr Patienten vor',
                'https://www.beispiel.de/panorama/hitzewelle-bayern-kliniken-100.html',
                '2024-07-12',
            ),
        ],
        [
            'Stand: 12.07.2024 14:03 Uhr',
            'Von Anna Schmidt, ARD-Hauptstadtstudio',
            'Ein Mann kühlt sich an einem Brunnen in München ab. Foto: Peter Kneffel/dpa',
            'Anzeige',
            'Mehr zum Thema',
            'Hitze in Europa: Spanien meldet Rekordwerte',
            'Wie schütze ich mich vor einem Hitzschlag?',
            'Waldbrandgefahr steigt in Brandenburg',
            'Teilen',
            'Lesen Sie auch: Klimawandel macht Hitzewellen wahrscheinlicher',
            'Abonnieren Sie unseren Newsletter und verpassen Sie keine wichtige Nachricht mehr.',
            'Tagesblatt Nachrichten – Ausgabe Süd',
            'Veröffentlicht am 12.07.2024',
            'Quelle: https://www.beispiel.de/panorama/hitzewelle-bayern-kliniken-100.html',
            'Teilen',
            'Bild: Klinikum Nürnberg',
            'Tagesblatt Nachrichten – Ausgabe Süd',
            'Abonnieren Sie unseren Newsletter und verpassen Sie keine wichtige Nachricht mehr.',
            'Das könnte Sie auch interessieren',
            'Hitzeschutz am Arbeitsplatz: Was Arbeitgeber tun müssen',
            'Trinkwasser wird in Franken knapp',
            'Wann kommt die Abkühlung?',
            'Schlagwörter: Hitze, Bayern, Gesundheit',
            'Gespeichert: 12.07.2024 18:12',
        ],
    ),
    (
        "reader_copy_es.txt",
        "es",
        [
            (
                [
                    'La Agencia Estatal de Meteorología ha activado el aviso rojo por temperaturas máximas en las provincias de Córdoba, Sevilla y Jaén, donde se esperan hasta 44 grados este viernes.',
                    'Las autoridades sanitarias recomiendan evitar la exposición al sol entre las doce del mediodía y las seis de la tarde.',
                    'Según la Aemet, el episodio de calor se prolongará al menos hasta el domingo, cuando una masa de aire más fresco llegará por el oeste.',
                ],
                'Ola de calor: la Aemet activa el aviso rojo en Andalucía',
                None,
                '2024-07-12',
            ),
            (
                [
                    'El Ayuntamiento de Sevilla ha cerrado los parques públicos por la tarde y ha adelantado el horario de las piscinas municipales debido al aviso rojo por calor.',
                    'Los servicios de emergencia atendieron el jueves a más de treinta personas por golpes de calor en la provincia.',
                    'El alcalde pidió a los vecinos que eviten las actividades al aire libre y que cuiden especialmente de las personas mayores que viven solas.',
                ],
                'La ola de calor obliga a cerrar parques y adelantar horarios en Sevilla',
                'https://www.ejemplo.es/sociedad/2024-07-12/ola-de-calor-sevilla.html',
                '2024-07-12',
            ),
        ],
        [
            'Por María García',
            '12 de julio de 2024 - 10:05 CEST',
            'Compartir en Facebook',
            'Compartir en X',
            'Publicidad',
            'Un hombre se refresca en una fuente de Sevilla. Foto: Jorge Guerrero / AFP',
            'Te puede interesar',
            'Cómo proteger a las mascotas del calor',
            'Récord de consumo eléctrico en plena ola de calor',
            '¿Cuándo terminará el verano más caluroso?',
            'Suscríbete a nuestra newsletter para recibir las noticias más importantes del día.',
            'El Diario del Sur · Edición Andalucía',
            'Fuente: https://www.ejemplo.es/sociedad/2024-07-12/ola-de-calor-sevilla.html',
            'Fecha: 12/07/2024',
            'Compartir en Facebook',
            'Publicidad',
            'El Diario del Sur · Edición Andalucía',
            'Lee también: La sequía reduce a la mitad la cosecha de aceite',
            'Calor',
            'Sevilla',
            'Aemet',
            'Salud',
            'Suscríbete a nuestra newsletter para recibir las noticias más importantes del día.',
            'Etiquetas: calor, Aemet, Sevilla',
        ],
    ),
    (
        "reader_copy_ru.txt",
        "ru",
        [
            (
                [
                    'Температурный рекорд, державшийся в Москве с 1954 года, побит в пятницу: столбик термометра поднялся до 34,8 градуса, сообщили в Гидрометцентре.',
                    'По словам синоптиков, жаркая погода сохранится в столичном регионе как минимум до понедельника.',
                    'Врачи советуют москвичам пить больше воды и не выходить на улицу в самые жаркие часы.',
                    'Городские власти открыли дополнительные пункты охлаждения в парках и на вокзалах.',
                ],
                'Жара в Москве побила рекорд 1954 года',
                None,
                '2024-07-12',
            ),
            (
                [
                    'Власти Москвы открыли более ста пунктов охлаждения в парках, на вокзалах и в крупных торговых центрах, сообщили в мэрии.',
                    'В пунктах можно бесплатно получить питьевую воду и отдохнуть в прохладе, работать они будут до конца жары.',
                    'Особое внимание медики просят уделять пожилым людям и детям.',
                ],
                'В Москве открыли пункты охлаждения из-за аномальной жары',
                'https://www.primer.ru/society/20240712/zhara.html',
                '2024-07-12',
            ),
        ],
        [
            '12 июля 2024, 10:05',
            'Поделиться',
            'Фото: Артем Геодакян/ТАСС',
            'Читайте также: Синоптики рассказали, когда в Москву вернется прохлада',
            'Реклама',
            'Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать главные новости.',
            'Автор: Иван Петров',
            'Городские новости · Вечерний выпуск',
            'Ссылка: https://www.primer.ru/society/20240712/zhara.html',
            'Дата: 12.07.2024',
            'Поделиться',
            'Реклама',
            'Городские новости · Вечерний выпуск',
            'Читайте также',
            'Как пережить жару в городской квартире',
            'Энергетики готовятся к пиковым нагрузкам',
            'Когда в Москве закончится жара?',
            'Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать главные новости.',
            'Теги: жара, Москва, погода',
            'Последнее прочтение: 12.07.2024 19:30',
        ],
    ),
]


def _reader_copy(fixture: str) -> list[Document]:
    return [Document(text=text) for text in _read(fixture).split("---8<---\n")]


@pytest.mark.parametrize("given_language", [False, True], ids=["language unknown", "language given"])
@pytest.mark.parametrize(("fixture", "code", "articles", "cruft"), READER_COPIES, ids=[c[0] for c in READER_COPIES])
def test_reader_copy_in_another_language_keeps_every_sentence_and_no_cruft(
    fixture, code, articles, cruft, given_language
):
    cleaned = clean(_reader_copy(fixture), code if given_language else None)

    assert [(_paragraphs(d), d.title, d.url, d.date) for d in cleaned] == [tuple(a) for a in articles]
    removed = [r.text for d in cleaned for r in d.removed]
    for line in cruft:
        assert all(line not in _paragraphs(d) for d in cleaned), line  # "Rhône" the tag, not the word
        assert line in removed, f"{line!r} is not listed as removed"


@pytest.mark.parametrize(("fixture", "code", "articles", "cruft"), READER_COPIES, ids=[c[0] for c in READER_COPIES])
def test_reader_copy_cleaning_is_idempotent(fixture, code, articles, cruft):
    once = clean(_reader_copy(fixture))
    assert clean(once) == once


@pytest.mark.parametrize(
    ("line", "kind", "language"),
    [
        ("Lire aussi : Le Japon et l'OTAN signent un accord", "boilerplate", "fr"),
        ("À lire aussi", "boilerplate", "fr"),
        ("Publicité", "boilerplate", "fr"),
        ("Photo : AFP", "caption", "fr"),
        ("Partager sur Facebook", "boilerplate", "fr"),
        ("Mehr zum Thema", "boilerplate", "de"),
        ("Lesen Sie auch: Die Zinsen bleiben hoch", "boilerplate", "de"),
        ("Foto: dpa", "caption", "de"),
        ("Bild: Reuters", "caption", "de"),
        ("Werbung", "boilerplate", "de"),
        ("Publicidad", "boilerplate", "es"),
        ("Te puede interesar", "boilerplate", "es"),
        ("Compartir", "boilerplate", "es"),
        ("Читайте также: Банк сохранил ставку", "boilerplate", "ru"),
        ("Реклама", "boilerplate", "ru"),
        ("Фото: ТАСС", "caption", "ru"),
        ("Поделиться", "boilerplate", "ru"),
        ("Leggi anche: La Bce lascia i tassi invariati", "boilerplate", "it"),
        ("Czytaj też: Bank centralny utrzymał stopy", "boilerplate", "pl"),
        ("Διαβάστε επίσης: Η ΕΚΤ διατήρησε τα επιτόκια", "boilerplate", "el"),
        ("Veröffentlicht am 12.07.2024", "metadata", "de"),
        ("Publicado el 12 de julio de 2024", "metadata", "es"),
        ("Опубликовано 12 июля 2024", "metadata", "ru"),
    ],
)
def test_cruft_line_in_another_language_is_removed_with_or_without_the_language(line, kind, language):
    for given in (None, language):
        cleaned = clean_document(Document(text=_article(line), title="Rates"), given)
        assert line not in cleaned.text
        assert len(_paragraphs(cleaned)) == 2
        assert [(r.kind, r.text) for r in cleaned.removed] == [(kind, line)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Publié le 12 juillet 2024 à 10h05", "2024-07-12"),
        ("Veröffentlicht am 12.07.2024", "2024-07-12"),  # day first, as German writes it
        ("Fecha: 12/07/2024", "2024-07-12"),
        ("Date : juillet 2024", None),  # no day: no date of publication
    ],
)
def test_dates_in_other_languages_fill_the_date(line, expected):
    assert clean_document(Document(text=_article(line), title="Rates")).date == expected


def test_a_date_alone_on_its_line_is_read_in_the_language_of_the_text():
    prose = "Власти Москвы открыли пункты охлаждения в парках и на вокзалах, сообщили в мэрии."
    cleaned = clean_document(Document(text=f"{prose}\n\n12 июля 2024 г.\n\n{prose[:-1]} города.", title="Жара"))
    assert cleaned.date == "2024-07-12"
    assert [r.text for r in cleaned.removed] == ["12 июля 2024 г."]





_PROSE_FR = (
    "Le gouvernement a présenté mercredi un plan de lutte contre la chaleur dans les écoles, qui prévoit "
    "des travaux d'isolation dans plus de deux mille établissements d'ici à la fin de l'année prochaine."
)


def test_run_of_short_lines_after_the_article_is_removed_in_any_language():
    """Tags or links with no cue word at all (here Finnish) go as a run; the same lines alone would stay."""
    lines = ["Helle", "Terveys", "Sää", "Koulut"]
    cleaned = clean_document(Document(text=_article(*lines), title="Rates"))
    assert len(_paragraphs(cleaned)) == 2
    assert {r.reason for r in cleaned.removed} == {"Run of short lines that are not sentences (links or a menu)"}
    two = clean_document(Document(text=_article(*lines[:2]), title="Rates"))
    assert _paragraphs(two)[1:3] == lines[:2]


def test_short_lines_before_the_article_begins_are_left_to_the_title_and_byline_rules():
    text = "Canicule dans le Rhône\nÉdition du soir\nRubrique Société\n\n" + _PROSE_FR
    cleaned = clean_document(Document(text=text))
    assert cleaned.title == "Canicule dans le Rhône"
    assert _paragraphs(cleaned) == ["Édition du soir", "Rubrique Société", _PROSE_FR]


def test_a_line_two_documents_share_goes_only_when_it_is_no_sentence():
    shared_line = "Le Quotidien · Édition du soir"
    first = Document(text=_article(shared_line, _PROSE_FR), title="A")
    second = Document(text=_article(_PROSE_FR, shared_line), title="B")

    cleaned = clean([first, second])

    assert all(shared_line not in d.text for d in cleaned)
    assert all(_PROSE_FR in _paragraphs(d) for d in cleaned)  # a sentence both articles print is news
    assert shared_line in _paragraphs(clean_document(first))  # one document alone has nothing to compare


@pytest.mark.parametrize(
    "line",
    [
        "→ [Canicule : les bons gestes](https://example.fr/a) · [Sécheresse](https://example.fr/b) à lire",
        "Plus d'infos https://example.fr/canicule/2024/07/12/vigilance-rouge-rhone",
    ],
)
def test_line_that_is_mostly_links_is_removed(line):
    cleaned = clean_document(Document(text=_article(line), title="Rates"))
    assert [(r.kind, r.reason) for r in cleaned.removed] == [("boilerplate", "Mostly links to other pages")]


def test_sentence_with_an_inline_link_is_kept():
    sentence = "Selon [Météo-France](https://meteofrance.com), la vigilance rouge sera levée dimanche matin."
    cleaned = clean_document(Document(text=_article(sentence), title="Rates"))
    assert len(_paragraphs(cleaned)) == 3 and cleaned.removed == ()


def test_the_given_language_limits_the_cues_to_that_language():
    """"Publicidad" is a Spanish advert label; a French article's line "Publicidad" is not read as one."""
    text = _article("Publicidad")
    assert clean_document(Document(text=text, title="Rates"), "es").removed != ()
    assert "Publicidad" in _paragraphs(clean_document(Document(text=text, title="Rates"), "fr"))


def test_japanese_sentences_end_with_the_ideographic_full_stop():
    """A Japanese paragraph ends with "。": it is a sentence, not a link title to run into a list."""
    text = "関連記事\n政府は金曜日、猛暑対策を発表した。\n気象庁によると、暑さは週末まで続く見通しだ。"
    cleaned = clean_document(Document(text=text, title="猛暑"))
    assert _paragraphs(cleaned)[-2:] == ["政府は金曜日、猛暑対策を発表した。", "気象庁によると、暑さは週末まで続く見通しだ。"]


@pytest.mark.parametrize(
    "note",
    [
        "Editor’s Note: This story contains descriptions of violence that some readers may find upsetting.",
        "Correction: An earlier version of this article misstated the date of the vote.",
        "This article was amended on 5 May 2024 to correct the name of the minister.",
        "ATTENTION EDITORS: The following material is for use only by arrangement with the syndicate.",
        "(To publish this article, it must be purchased from the syndicate's sales representative.)",
        "(For use by New York Times News Service clients)",
        "Photo and graphics information and editors' names can be found at the end of this budget.",
        "EDs: Updates will be included on subsequent budgets.",
    ],
    ids=["editor's note", "correction", "amended", "attention editors", "syndication", "for clients",
         "wire budget", "word to editors"],
)
def test_a_note_about_the_article_is_removed(note):
    cleaned = clean_document(Document(text=note + "\n\n" + _article()))

    assert note not in _paragraphs(cleaned)
    assert [r.text for r in cleaned.removed if r.reason.startswith("Note about the article")] == [note]


@pytest.mark.parametrize(
    "sentence",
    [
        "The report was updated in March to include figures from the second quarter, officials said.",
        "Corrections to the budget were approved by the council on Monday after a short debate.",
        "Please note: the museum will be closed to visitors on Mondays until the end of the year.",
        "Updates to the schools' roofs will be paid for from next year's budget, the council said.",
        "Eds said the plan would cost the city more than it saves, according to the report.",
    ],
)
def test_news_that_mentions_updates_or_corrections_is_kept(sentence):
    assert sentence in _paragraphs(clean_document(Document(text=sentence + "\n\n" + _article())))


@pytest.mark.parametrize(
    "pointer",
    [
        "Visit https://www.example.com/news/123 for the full story.",
        "Read more at example.com",
        "For more information, visit www.example.gov.",
        "Find out more at bbc.co.uk/news.",
        # Regression (duc2006 D0645I, D0635H): a short paragraph ending on where to go.
        "The HUD report can be found at: http://www.hud.gov/news.html",
        "Visit Slate on the Web at: http://www.slate.com",
    ],
)
def test_a_pointer_to_another_page_is_removed(pointer):
    cleaned = clean_document(Document(text=_article(pointer)))

    assert pointer not in _paragraphs(cleaned)
    assert [r.text for r in cleaned.removed if r.reason == "Pointer to another page"] == [pointer]


@pytest.mark.parametrize(
    "sentence",
    [
        "Visitors can see the exhibition at www.museum.org until May, the museum said.",
        "More than 500 people signed up at www.petition.org on the first day of the campaign.",
        "See the U.S. report on trade, which the agency released on Monday.",
        "Fans heard about it four days earlier on the Lucasfilm Web site (www.starwars.com), and it became an event.",
        "For more information, the council said, residents should wait for the report due in May.",
    ],
)
def test_news_that_names_a_website_is_kept(sentence):
    assert sentence in _paragraphs(clean_document(Document(text=_article(sentence))))


def test_where_to_learn_more_is_removed():
    """Regression (duc2003_task3@5 d124i: "The organization has a Web site at: http://..." ended a brief)."""
    contact = ("For more information on Doctors Without Borders, the New York office can be reached at (212) "
               "679-6800. The organization has a Web site at: http://www.doctorswithoutborders.org.")
    cleaned = clean_document(Document(text=_article(contact)))

    assert contact not in _paragraphs(cleaned)
    assert any(r.reason.startswith("Where to learn more") for r in cleaned.removed)


@pytest.mark.parametrize(
    "contact",
    [
        "The day news editor is Tom Oder, 404-526-5887, toder(at)coxnews.com.",
        "(Dan Freedman can be reached at 202-298-6920 or at the e-mail address dan(at)hearstdc.com).",
        "Phone (800) 283-7800, or write to the society's office in Washington.",
        "Send questions to the study's authors at rushstudy@aol.com.",
        "Write to the news desk at NEWSDESK(AT)NYTIMES.COM for a copy of the full report.",
    ],
)
def test_a_short_paragraph_giving_a_number_or_an_address_to_write_to_is_removed(contact):
    """Regression (duc2006 D0647B: a wire budget's staff list, "The day news editor is Tom Oder, 404-526-5887,
    toder(at)coxnews.com.", stood in a brief)."""
    cleaned = clean_document(Document(text=_article(contact)))
    assert contact not in _paragraphs(cleaned)
    assert any(r.reason.startswith("Where to learn more") for r in cleaned.removed)


def test_a_number_inside_news_is_no_contact():
    news = "The vote was 404-526 in the House and 52-48 in the Senate, the clerk said on Tuesday evening."
    assert news in _paragraphs(clean_document(Document(text=_article(news))))


def test_a_list_of_links_with_descriptions_is_removed():
    entries = ["www.y2k.gov _ The President's Council on Year 2000 Conversion. Features a link for each state.",
               "https://www.itaa.org - Y2k information from a leading computer trade organization."]
    cleaned = clean_document(Document(text=_article(*entries)))

    assert not set(entries) & set(_paragraphs(cleaned))
    assert [r.text for r in cleaned.removed if r.reason == "Link to another page"] == entries


@pytest.mark.parametrize("sentence", ["www.example.com was the most visited site in May, the survey found."])
def test_news_that_opens_on_a_website_is_kept(sentence):
    assert sentence in _paragraphs(clean_document(Document(text=_article(sentence))))


@pytest.mark.parametrize(
    ("caption", "language"),
    [
        pytest.param("Russell Square after the bombings. Image: Francis Tyers.", None, id="label"),
        pytest.param("An inflatable patrol boat similar to the two seized by Iran on March 23, 2007. "
                     "(File photo: Patrol boat seen in Iraq in 2002)", None, id="credit in brackets"),
        pytest.param("Balkón Agustína Rosse po zemětřesení a tsunami. Foto: Diego Grez.", "cs", id="Czech label"),
        pytest.param("Nafukovací člun zajatý Íránem 23. března 2007. (Foto: Strážní loď v Iráku)", "cs",
                     id="Czech, an ordinal date in the caption"),
    ],
)
def test_a_caption_run_on_at_the_end_of_a_paragraph_goes_and_the_paragraph_stays(caption, language):
    """Regression (multiling2011 M001, M002, M005, every language): the copy lost the line break before a
    photo's caption, and the whole paragraph went as a caption, article sentences and all."""
    text = "The film was taken from a camera at the station on the morning of the attacks. It shows the men " \
           "walking to the platform with their rucksacks."
    if language == "cs":
        text = "Záznam byl pořízen kamerou na nádraží v den útoků. Ukazuje muže, jak jdou na nástupiště s batohy."
    cleaned = clean_document(Document(text=_article(f"{text} {caption}")), language=language)

    assert _paragraphs(cleaned)[1] == text
    assert Removed("caption", "Photo caption run on at the end of a paragraph", caption) in cleaned.removed
    assert clean_document(cleaned, language=language).text == cleaned.text


def test_a_paragraph_that_is_only_a_caption_and_its_credit_still_goes_whole():
    cleaned = clean_document(Document(text=_article("Russell Square after the bombings. Image: Francis Tyers.")))
    assert "Russell Square" not in cleaned.text


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("NICOSIA, Cyprus (AP) - ", "Nicosia, Cyprus"),
        ("LONDON, Jan. 5 (Reuters) - ", "London"),
        ("New Delhi [India], December 3 (ANI): ", "New Delhi, India"),
        ("Meadow Lake, Saskatchewan – ", "Meadow Lake, Saskatchewan"),
        ("RIO DE JANEIRO, Brazil _ ", "Rio de Janeiro, Brazil"),
        ("WINSTON-SALEM, N.C. (AP) _ ", "Winston-Salem, N.C."),
        ("DAR ES SALAAM, Tanzania (AP) -- ", "Dar es Salaam, Tanzania"),
        ("DAM-FISH (Undated) _ ", ""),
        ("BREAKING: ", ""),
        ("", ""),
    ],
    ids=["place and country", "place and date", "colon, region in brackets", "WikiNews", "particle in the name",
         "hyphenated name", "two particles", "a wire item's slug, undated (duc2006 D0612C)", "a label", "none"],
)
def test_the_dateline_taken_off_the_lead_keeps_its_place_as_metadata(opening, place):
    """A lead's "here" and "this nation" mean the dateline's place: cleaning took it off the text, so the source
    keeps it (41 sentences of the benchmark briefs say "here")."""
    lead = "The bank said here on Monday it would cut its main interest rate by half a point."
    assert clean_document(Document(text=opening + lead + "\n\n" + _article())).place == place


def test_a_place_given_with_the_document_wins_over_its_dateline():
    text = "NICOSIA, Cyprus (AP) - The bank said on Monday it would cut its rate.\n\n" + _article()
    assert clean_document(Document(text=text, place="Larnaca")).place == "Larnaca"
