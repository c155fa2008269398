"""The headline as a scored choice: furniture and lead sentences are never titles,
and a page without a headline has none."""

import pytest

from tests.fixtures.prose import LEDE, PROSE
from transforms.clean.article import clean_document
from transforms.clean.metadata import credit_of_line

HEADLINE = "Ministry to fund joint laboratories with Europe and Africa"


@pytest.mark.parametrize(
    "top",
    [
        ["Home >> World"],
        ["Related News", "Home » Nation"],
        ["Navigation path", "Other available languages: FR DE"],
        ["Science and Technology"],
        ["español>>China"],
        [
            "Off the wire",
            "Army kills 134 in raid • GDP grows 6.7 pct • Fed holds rates",
        ],
        ["You are here: Home"],
        ["Blog icon"],
        ["00:00:00 NETWORK KINYARWANDA ENGLISH FRANCAIS"],
    ],
)
def test_furniture_above_the_headline_is_never_the_title(top):
    article = clean_document([*top, HEADLINE, LEDE, PROSE])
    assert article.title == HEADLINE


def test_page_without_headline_has_no_title_and_keeps_its_lead():
    article = clean_document([LEDE, PROSE, PROSE + " Again."])
    assert article.title is None
    assert article.body.startswith(LEDE)


def test_lone_paragraph_is_body_not_title():
    article = clean_document([LEDE])
    assert article.title is None
    assert article.body == LEDE


def test_section_label_gives_way_to_the_line_above_the_lede():
    article = clean_document(["World News", "Joint Summary", "December 5, 2019", LEDE])
    assert article.title == "Joint Summary"


def test_headline_over_two_lines_is_its_first_line():
    lines = ["II Science Ministers Meeting:", "Brasilia Declaration", LEDE, PROSE]
    assert clean_document(lines).title == "II Science Ministers Meeting:"


def test_dated_agency_line_is_a_dateline_not_a_caption():
    article = clean_document([HEADLINE, "June 9, 2022 (Reuters)", LEDE, PROSE])
    assert article.source_name == "Reuters"
    assert str(article.published_date) == "2022-06-09"
    assert article.blocks[1].label == "dateline"


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("LONDON (Reuters) - The bank said", "Reuters"),
        ("(Bloomberg) -- Stocks fell on Monday", "Bloomberg"),
        ("The centre opened on Monday. (From Xinhua)", "Xinhua"),
        ("The centre (the largest) opened on Monday.", None),
    ],
)
def test_agency_credits_are_read(line, credit):
    assert credit_of_line(line) == credit


@pytest.mark.parametrize(
    ("notice", "outlet"),
    [
        ("This release was issued on June 18, 2010, by CERN.", "CERN"),
        ("Courtesy of Global Times", "Global Times"),
        ("Source: Reuters", "Reuters"),
        ("Based on a Xinhua News Agency article", "Xinhua News Agency"),
        ("This article was originally published in Nature.", "Nature"),
    ],
)
def test_republishing_notice_is_boilerplate_and_names_the_source(notice, outlet):
    article = clean_document([HEADLINE, LEDE, PROSE, notice])
    assert notice not in article.body
    assert article.source_name == outlet
    assert article.blocks[3].reason == "republishing_notice"


def test_republishing_notice_dates_the_page():
    notice = "This release was issued on June 18, 2010, by CERN."
    assert str(clean_document([HEADLINE, LEDE, notice]).published_date) == "2010-06-18"


def test_headline_above_its_deck_is_the_title():
    deck = "Officials say the first results are due later this year"
    article = clean_document(["World", HEADLINE, deck, LEDE, PROSE])
    assert article.title == HEADLINE


def test_lede_cut_short_is_not_the_title():
    cut = " ".join(LEDE.split()[:24])  # a lede without its full stop
    article = clean_document([HEADLINE, "June 9, 2022", cut, PROSE, PROSE])
    assert article.title == HEADLINE


def test_caption_before_the_headline_does_not_hide_it():
    caption = (
        "Officials exchange the signed agreements after a meeting in the "
        "resort state of Goa in western India, Saturday, Oct. 15, 2016"
    )
    article = clean_document([caption, HEADLINE, "© AP Photo/ Manish Swarup", LEDE])
    assert article.title == HEADLINE
    assert caption not in article.body


def test_promo_sentence_above_the_headline_and_its_date_does_not_hide_it():
    """A promo that reads as a sentence sits above the headline; the date line
    under the headline shows where the article starts."""
    promo = (
        "See the offers on our markets page. These picks gained 19 points this year."
    )
    article = clean_document([promo, HEADLINE, "Published 04/23/2023", LEDE, PROSE])
    assert article.title == HEADLINE


def test_lede_above_a_later_date_line_keeps_the_page_without_title():
    """Only a date or byline line near the top moves the lede: a page that opens
    with its lede and has no metadata still has no title."""
    article = clean_document([LEDE, "Second paragraph begins here", PROSE])
    assert article.title is None


def test_headline_written_as_a_sentence_that_the_lede_restates_is_the_title():
    headline = "Ministry to fund fifty joint laboratories with Europe and Africa."
    article = clean_document([headline, "Share Button", LEDE, PROSE])
    assert article.title == headline


def test_lede_sentence_not_restated_below_is_still_no_title():
    first = "The ministry opened a new laboratory in the capital on Tuesday."
    article = clean_document([first, PROSE, PROSE + " Again."])
    assert article.title is None


def test_headline_dated_in_its_last_words_is_the_title_and_dates_the_page():
    headline = "Joint laboratory news for today, Tuesday, April 30, 2019"
    article = clean_document([headline, LEDE, PROSE])
    assert article.title == headline
    assert str(article.published_date) == "2019-04-30"


def test_stamp_closing_on_a_date_is_not_a_title():
    article = clean_document(["Last updated on Tuesday, April 30, 2019", LEDE, PROSE])
    assert article.title is None


def test_summary_sentence_right_on_the_lede_it_restates_is_no_title():
    summary = "Ministry to fund fifty joint laboratories with Europe and Africa."
    article = clean_document([summary, LEDE, PROSE])
    assert article.title is None
