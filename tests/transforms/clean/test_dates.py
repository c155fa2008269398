"""Publication dates: URL forms, crawler stamps, the link line, and their basis."""

import datetime as dt

import pytest

from tests.fixtures.prose import LEDE, PROSE
from transforms.clean.article import clean_document
from transforms.clean.dates import (
    PublishedDate,
    date_from_url,
    match_stamp,
    match_url_line,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/2019/11/18/some-story", (2019, 11, 18, "day")),
        ("http://www.news.cn/2024-09/28/c_1130.htm", (2024, 9, 28, "day")),
        ("https://x.com.cn/n3/2021/0425/c31354-9843070.html", (2021, 4, 25, "day")),
        ("https://x.com/s/201805/24/WS5b78.html", (2018, 5, 24, "day")),
        ("https://x.com/20240928/story.html", (2024, 9, 28, "day")),
        ("http://n.cas.cn/Lead/201807/t20180727_4541539.html", (2018, 7, 27, "day")),
        ("https://x.org/news?date=2023-03-05&id=9", (2023, 3, 5, "day")),
        ("https://x.com/story-20221202-p5c37s.html", (2022, 12, 2, "day")),
        ("https://x.org/2019/06/some-story/", (2019, 6, 1, "month")),
        ("https://x.com/rr-news-2021-12-seven-countries/", (2021, 12, 1, "month")),
        ("https://x.org/news/some-story", None),
        ("https://pib.gov.in/Page.aspx?PRID=2085957", None),
        ("https://x.org/2019/13/45/not-a-date", None),
        (None, None),
    ],
)
def test_date_from_url_keeps_the_precision_the_url_gives(url, expected):
    found = date_from_url(url)
    if expected is None:
        assert found is None
    else:
        *ymd, precision = expected
        assert found == PublishedDate(dt.date(*ymd), "url", precision)


def test_crawler_stamp_gives_date_and_rest():
    assert match_stamp("date 2024-05-01 Headline here") == (
        PublishedDate(dt.date(2024, 5, 1), "stated"),
        "Headline here",
    )
    assert match_stamp("date 2021-03 x")[0].precision == "month"
    assert match_stamp("dated 2024-05-01 x") is None


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("URL: https://example.org/a/b", "https://example.org/a/b"),
        ("Source: http://example.org/x?y=1", "http://example.org/x?y=1"),
        ("Source: Xinhua", None),
        ("See https://example.org for more.", None),
    ],
)
def test_url_line(line, url):
    assert match_url_line(line) == url


def test_stamp_glued_to_headline_gives_headline_and_dates_the_page():
    article = clean_document(
        ["date 2024-05-01 Ministry expands research cooperation", LEDE, PROSE]
    )
    assert article.title == "Ministry expands research cooperation"
    assert article.published == PublishedDate(dt.date(2024, 5, 1), "stated")
    assert article.blocks[0].label == "title"


def test_text_date_wins_over_url_and_url_over_metadata():
    lines = ["Ministry expands research cooperation", "March 3, 2020", LEDE, PROSE]
    url = "https://example.org/2021/04/05/story"
    assert clean_document(lines, url=url).published.basis == "stated"
    undated = [lines[0], LEDE, PROSE]
    meta = dt.date(2022, 1, 1)
    assert clean_document(undated, url=url, metadata_date=meta).published == (
        PublishedDate(dt.date(2021, 4, 5), "url")
    )
    assert clean_document(undated, metadata_date=meta).published == (
        PublishedDate(meta, "metadata")
    )


def test_inferred_year_is_flagged():
    lines = [
        "Ministry expands research cooperation",
        "Nov 28 (ABC): " + LEDE,
        "The plan follows the agreement signed in 2022 by both ministries.",
    ]
    published = clean_document(lines).published
    assert published == PublishedDate(dt.date(2022, 11, 28), "inferred")


def test_url_line_of_a_text_dump_is_kept_and_names_the_outlet():
    lines = [
        "URL: https://www.example-news.org/2020/01/02/story",
        "Ministry expands research cooperation",
        LEDE,
        PROSE,
    ]
    article = clean_document(lines)
    assert article.url == "https://www.example-news.org/2020/01/02/story"
    assert article.source_name == "example-news.org"
    assert article.published == PublishedDate(dt.date(2020, 1, 2), "url")
    assert article.blocks[0].label == "boilerplate"
    assert "URL:" not in article.body


def test_bare_link_at_the_top_of_a_dump_is_its_url_not_its_title():
    lines = ["https://example.org/2016/09/22/story", "Headline of the story", LEDE]
    article = clean_document(lines)
    assert article.url == lines[0]
    assert article.title == "Headline of the story"
    assert match_url_line(lines[0]) is None  # only at the top of a dump
