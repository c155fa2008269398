"""Outlet credits, date forms and dated headlines that unseen sites write
(benchmarks/fresh tune half): each case is a class, not one page's wording."""

import datetime as dt

import pytest

from tests.fixtures.prose import LEDE, PROSE
from transforms.clean import furniture
from transforms.clean import metadata as meta
from transforms.clean.article import clean_document
from transforms.clean.dates import date_from_url
from transforms.clean.local_dates import find_local_date


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("EVANSVILLE, IN (WFIE) -", "WFIE"),
        ("Investing.com -- Here is your recap of the week.", "Investing.com"),
        ("MIAMI - AFP", "AFP"),
        ("UNB . Dhaka", "UNB"),
        ("source: AFP", "AFP"),
        ("The talks began at the office this afternoon, reports BSS.", "BSS"),
        ("LONDON (Reuters) - Shares fell on Monday", "Reuters"),
        # not credits: a verb's object, a lower-case word, a sentence going on
        ("The paper reports the minister's plan.", None),
        ("He reports CNN and more", None),
        ("MIAMI - Officials said", None),
    ],
)
def test_outlet_credits(line, credit):
    assert meta.credit_of_line(line) == credit


def test_a_dateline_credit_may_run_straight_into_the_lede():
    m = meta.match_dateline("Beijing, Sep 30 (IANS) An earthquake struck on Saturday")
    assert (m.month, m.day, m.year, m.credit) == (9, 30, None, "IANS")
    assert m.rest.startswith("An earthquake")


@pytest.mark.parametrize(
    ("line", "author", "agency"),
    [
        ("By Allen Cone, UPI", "Allen Cone", "UPI"),
        ("By Eric Song, IGN Staff", "Eric Song", None),
        ("By Jane Doe", "Jane Doe", None),
    ],
)
def test_an_agency_after_the_byline_is_the_source(line, author, agency):
    assert meta.match_byline(line) == author
    assert meta.byline_agency(line) == agency


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Date: 04-04-2015   source:    Print", dt.date(2015, 4, 4)),
        ("22.09.2016", dt.date(2016, 9, 22)),
        ("22.09.2016 10:31", dt.date(2016, 9, 22)),
        ("- GOV.UK (06.07.2018): New scheme for researchers", None),
        ("  • 2012•01•05     Tokyo", dt.date(2012, 1, 5)),
        ("2023.04.23 10:31", dt.date(2023, 4, 23)),
        ("2019/06/30 Staff reporter", dt.date(2019, 6, 30)),
        ("Published 04/23/2023, 07:05 AM", dt.date(2023, 4, 23)),  # still month first
        ("Version 2015.1 released", None),
    ],
)
def test_numeric_date_forms(line, date):
    assert meta.find_full_date(line) == date


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Orders were lifted on Saturday. Photo courtesy Cal Fire/Facebook |", True),
        ("Creek Fire Evacuation Orders Are In Red - New Area In Gray View Photo", True),
        ("The photo courtesy of the family was shown in court.", False),
        ("Visitors can view photos of the new wing online today.", False),
    ],
)
def test_captions_closed_by_a_credit_or_a_gallery_link(line, caption):
    assert furniture.is_caption(line) == caption


def test_agency_credits_set_the_source():
    article = clean_document(["By Allen Cone, UPI", LEDE, PROSE])
    assert (article.author, article.source_name) == ("Allen Cone", "UPI")
    article = clean_document(
        ["Quake hits the province", "EVANSVILLE, IN (WFIE) -", LEDE, PROSE]
    )
    assert article.source_name == "WFIE"


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://site.example/08/02/2008/brasil-e-espanha", dt.date(2008, 2, 8)),
        ("https://site.example/2019/06/30/story", dt.date(2019, 6, 30)),
        ("https://site.example/31/13/2008/not-a-month", None),
    ],
)
def test_day_first_url_dates(url, date):
    found = date_from_url(url)
    assert (found.date if found else None) == date


@pytest.mark.parametrize(
    ("line", "language", "date"),
    [
        ("Miércoles, 16 de Diciembre de 2015", "es", dt.date(2015, 12, 16)),
        ("16. Dezember 2015", "de", dt.date(2015, 12, 16)),
        ("le 5 mars 2019", "fr", dt.date(2019, 3, 5)),
        ("22 сентября 2016 г.", "ru", dt.date(2016, 9, 22)),
        ("hier 3 juin", "fr", None),  # no year
        ("16 de Diciembre de 2015", "xx", None),  # a language dateparser lacks
    ],
)
def test_dates_with_the_page_languages_month_names(line, language, date):
    assert find_local_date(line, language) == date


def test_another_languages_date_line_dates_the_page_but_its_prose_does_not():
    body = (
        "El acuerdo de cooperación fue firmado por los dos ministros en la capital "
        "y entrará en vigor el próximo año, según informó el ministerio."
    )
    event = (
        "La declaración conjunta, firmada el 19 de diciembre de 2012 por los dos "
        "presidentes, sirve de marco para la cooperación científica y técnica."
    )
    article = clean_document(["Colombia firmó un acuerdo con Israel", body, event])
    assert article.published is None
    article = clean_document(
        [
            "Colombia firmó un acuerdo con Israel",
            body,
            "Miércoles, 16 de Diciembre de 2015",
        ]
    )
    assert article.published_date == dt.date(2015, 12, 16)
