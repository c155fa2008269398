"""Metadata signals: datelines, dates with and without year, bylines, sources."""

import datetime as dt

import pytest

from transforms.clean import metadata as meta
from transforms.clean.language import detect_language


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "26-Oct-2020 Intellasia | South China Morning Post | 6:02 AM",
            dt.date(2020, 10, 26),
        ),
        ("0 Comment(s)Print E-mail, October 27, 2020", dt.date(2020, 10, 27)),
        ("Updated 1:39 am EST, Wednesday, November 20, 2019", dt.date(2019, 11, 20)),
        ("Published 2019-11-19T12:48:14Z", dt.date(2019, 11, 19)),
        ("By Kashmira Gander On 11/13/19 at 4:00 PM EST", None),
        ("Posted 19 November 2019", dt.date(2019, 11, 19)),
        ("No date in this line at all", None),
    ],
)
def test_find_full_date(line, expected):
    assert meta.find_full_date(line) == expected


@pytest.mark.parametrize(
    ("line", "month", "day", "year", "credit", "rest_starts"),
    [
        (
            "Nov 28(ABC): China’s pursuit of self-reliance",
            11,
            28,
            None,
            "ABC",
            "China’s",
        ),
        (
            "BEIJING, Sept. 9 (Xinhua) -- China has launched",
            9,
            9,
            None,
            "Xinhua",
            "China",
        ),
        (
            "WASHINGTON, Nov. 3, 2021 (AP) — Lawmakers voted",
            11,
            3,
            2021,
            "AP",
            "Lawmakers",
        ),
    ],
)
def test_match_dateline(line, month, day, year, credit, rest_starts):
    m = meta.match_dateline(line)
    assert (m.month, m.day, m.year, m.credit) == (month, day, year, credit)
    assert m.rest.startswith(rest_starts)


@pytest.mark.parametrize("line", ["May the best team win.", "November was cold."])
def test_match_dateline_rejects_prose(line):
    assert meta.match_dateline(line) is None


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            ["In 2021, China held 40 exchanges.", "It co-authored papers last year."],
            2022,
        ),
        (["The plan for 2019 was approved in 2018."], 2019),
        (["No year is mentioned here."], None),
    ],
)
def test_infer_year_from_text_never_today(texts, expected):
    assert meta.infer_year(texts, 11, 28) == expected


def test_parse_yearless_prefers_the_inferred_year():
    assert meta.parse_yearless(11, 28, 2022) == dt.date(2022, 11, 28)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Emily Stewart", "Emily Stewart"),
        ("作者: Hou Jianguo", "Hou Jianguo"),
        ("Author: Jane Doe", "Jane Doe"),
        ("By Tess Bonn - 11/19/19 06:56 AM EST", "Tess Bonn"),
        ("By Eric Song, IGN Staff", "Eric Song"),
        ("By Joseph Tsidulko November 19, 2019, 07:47 PM EST", "Joseph Tsidulko"),
        ("Posted by Michael David Smith on November 19, 2019", "Michael David Smith"),
        ("By most accounts, the law worked.", None),
        ("By choosing I Accept, you consent to our use of cookies.", None),
        ("Tom Krisher, AP Auto Writer", "Tom Krisher"),
        ("Jane Doe | Reporter", "Jane Doe"),
        ("Lara Logan, a former “60 Minutes” correspondent, said so.", None),
        ("Home | Editor", None),
    ],
)
def test_match_byline(line, author):
    assert meta.match_byline(line) == author


@pytest.mark.parametrize(
    ("line", "source"),
    [
        (
            "26-Oct-2020 Intellasia | South China Morning Post | 6:02 AM",
            "South China Morning Post",
        ),
        ("Home | 12:00", None),
    ],
)
def test_source_from_pipes_prefers_the_original_outlet(line, source):
    assert meta.source_from_pipes(line) == source


@pytest.mark.parametrize(
    ("line", "source"),
    [
        (
            "As reported by OpenGov Asia, lawmakers began deliberating a draft.",
            "OpenGov Asia",
        ),
        ("He said it was reported by the press.", None),
    ],
)
def test_source_from_reported_by(line, source):
    assert meta.source_from_reported_by(line) == source


def test_credit_and_host():
    assert meta.credit_of_line("LONDON (Reuters) - Shares fell on Monday") == "Reuters"
    assert meta.source_from_url("https://www.ctpost.com/news/a.php") == "ctpost.com"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "China will expand science and technology cooperation with others.",
            "en",
        ),
        (
            "Die Bundesregierung will die Zusammenarbeit in der Forschung ausbauen.",
            "de",
        ),
        ("中国将继续扩大国际科技合作，推动构建人类命运共同体。", "zh"),
        ("", "en"),  # too little text: the default
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_detect_language_always_returns_an_iso_639_1_code():
    # py3langid's best guess for this is Nigerian Pidgin, which has only a 3-letter code
    text = "China China the Ministry of Science and Technology (MOST)"
    assert len(detect_language(text)) == 2
