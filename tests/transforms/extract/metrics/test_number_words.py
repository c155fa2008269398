"""Numbers written without digits or with South-Asian scales: multiples, fractions,
'lakh crore', abbreviated currency signs and unit symbols."""

from __future__ import annotations

import pytest

from transforms.extract.metrics.claims import extract_part_metrics
from transforms.extract.metrics.numbers import (
    classify_token,
    compose_value,
    load_lexicon,
)
from transforms.extract.nlp import analyse


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["3", "lakh", "crore"], 3e12),
        (["10", "thousand", "crore"], 1e11),
        (["1.7", "lakh", "crores"], 1.7e12),
        (["two", "hundred", "thousand"], 2e5),  # a small scale still multiplies
        (["one", "million", "two", "hundred", "thousand"], 1.2e6),
    ],
)
def test_a_scale_of_scales_multiplies(words: list[str], expected: float) -> None:
    lex = load_lexicon()
    assert compose_value([classify_token(w, lex) for w in words]) == pytest.approx(
        expected
    )


def _run(nlp, text: str) -> list[tuple]:
    (analysis,) = analyse(nlp, [text])
    metrics = extract_part_metrics(analysis.parts)
    for m in metrics:
        assert text[m.start_char : m.end_char] == m.surface
    return [(pytest.approx(m.value, rel=1e-3), m.unit, m.change) for m in metrics]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no digit in the sentence: it must still be parsed
        ("Exports doubled last year.", [(2, "time", "increase")]),
        ("The firm will halve its staff.", [(0.5, "time", "decrease")]),
        ("Fares tripled after the strike.", [(3, "time", "increase")]),
        ("Exports hit a record, double last year's figure.", [(2, "time", "increase")]),
        ("It was twice as large.", [(2, "time", None)]),
        # adjectives, not multiples
        ("Police are treating it as a double murder.", []),
        ("The firm posted double-digit growth.", []),
    ],
)
def test_multiplier_verbs_are_multiples(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deforestation fell by more than a fifth.", [(0.2, "fraction", "decrease")]),
        (
            "Sales have dropped by about a third since May.",
            [(0.3333, "fraction", "decrease")],
        ),
        ("A quarter of the staff left.", [(0.25, "fraction", None)]),
        # ordinals before a noun are no fraction
        ("He won a third term.", []),
        ("It was a fifth consecutive rise.", []),
    ],
)
def test_article_fractions_are_amounts(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The budget is Rs 3 lakh crore.", [(3e12, "inr", None)]),
        ("Heroin valued at Rs. 25 crores was seized.", [(2.5e8, "inr", None)]),
        ("Winds reached 225km/h near the coast.", [(225, "km/h", None)]),
    ],
)
def test_south_asian_scales_signs_and_unit_symbols(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hours:minutes:seconds is a duration in seconds, not a time of day
        ("He ran the marathon in 2:00:35 on Sunday.", [(7235, "second", None)]),
        # the currency named elsewhere in the sentence
        (
            "In dollar terms, exports were 958.34 billion last year.",
            [(9.5834e11, "usd", None)],
        ),
        (
            "Imports were $3 billion, up from 2.5 billion.",
            [(3e9, "usd", "increase"), (2.5e9, "usd", None)],
        ),
        # the degree sign glued to the number beats the noun after it
        ("Europe saw 40°C temperatures.", [(40, "degree celsius", None)]),
        # a bare number as the subject of a casualty verb counts people
        (
            "13 Killed, 41 Injured in Bus Crash",
            [(13, "person", None), (41, "person", None)],
        ),
        (
            "Six were killed and 20 injured.",
            [(6, "person", None), (20, "person", None)],
        ),
        ("At least 1,700 were destroyed.", [(1700, None, None)]),
    ],
)
def test_durations_stated_currencies_degrees_and_people(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The total value is $24 185 800.", [(24185800, "usd", None)]),
        ("The fire covers 217, 581 acres.", [(217581, "acre", None)]),
        # a comma and a space between two numbers of another size: two numbers
        ("In 2019, 581 acres burned.", [(581, "acre", None)]),
        (
            "He scored 3 goals, 200 fans cheered.",
            [(3, "goal", None), (200, "fan", None)],
        ),
    ],
)
def test_thousands_grouped_with_spaces_are_one_number(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two men in their 20s and 40s were held.",
            [(2, "man", None), (20, "year", None), (40, "year", None)],
        ),
        ("Music of the 90s is back.", []),
        ("A magnitude 6 earthquake struck.", [(6, "magnitude", None)]),
        ("It measured 7.0 on the Richter scale.", [(7, "magnitude", None)]),
        (
            "Studies put it at 9.4–9.6 on the moment magnitude scale.",
            [(9.4, "magnitude", None), (9.6, "magnitude", None)],
        ),
        ("Gusts of 100-mile-per-hour hit the coast.", [(100, "mile per hour", None)]),
        # "or" between a larger and a smaller amount restates, it is no range
        (
            "Arrivals were up by 41,182 or 5.8% on the week.",
            [(41182, None, "increase"), (5.8, "percent", "increase")],
        ),
        ("It takes four or five months.", [(4, "month", None), (5, "month", None)]),
        ("Yields were 25 quintal last year.", [(25, "quintal", None)]),
    ],
)
def test_age_decades_magnitudes_hyphen_rates_and_or_ranges(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a prefix glued by a hyphen with no noun after: the compound is the unit
        (
            "It is built from two sub-indices: input and output.",
            [(2, "sub-index", None)],
        ),
        ("The firm hired seven co-founders.", [(7, "co-founder", None)]),
        ("It held 3,000 people-to-people exchanges.", [(3000, "exchange", None)]),
        # "couple" counts only before "of"
        ("They joined in the last couple of days.", [(2, "day", None)]),
        ("It took a couple of weeks.", [(2, "week", None)]),
        ("A couple who met in 2001 married.", []),
        # a year before a title-case word is part of a name
        ("Its “2022 Challenges to Security” report is out.", []),
        ("Some 2000 workers went on strike.", [(2000, "worker", None)]),
    ],
)
def test_prefix_compounds_couples_and_years_in_titles(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The bank raised rates by 25 basis points.",
            [(25, "basis point", "increase")],
        ),
        ("The rate rose 0.5 percentage points.", [(0.5, "percent", "increase")]),
        ("The package is ¥13.9 trillion, Japan said.", [(1.39e13, "jpy", None)]),
        ("China's trade surplus was ¥3 trillion.", [(3e12, "yuan", None)]),
    ],
)
def test_basis_and_percentage_points_and_the_yen_sign(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
def test_a_bare_number_after_the_number_of_counts_that_noun(nlp):
    text = (
        "Seven joined last week, bringing the total number of member countries to 14."
    )
    assert _run(nlp, text)[-1] == (14, "country", "increase")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Payrolls rose by +49,000 in May.", [(49000, None, "increase")]),
        # "over" before a stretch of time says what it spans
        ("The loan is repaid over 30 years.", [(30, "year", None)]),
        ("The deal is worth $19 billion-a-year.", [(1.9e10, "usd per year", None)]),
        ("Flats of 752 sq ft sold.", [(752, "sq ft", None)]),
        # numbers listed after a label are labels
        ("Articles 101 and 102 apply.", []),
        ("Stages 1, 2 and 3 were hit.", []),
        ("Article 5 and 30 people were cited.", [(30, "person", None)]),
    ],
)
def test_signed_counts_spanned_time_rates_areas_and_listed_labels(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
def test_over_a_stretch_of_time_is_exact_but_over_an_age_is_not(nlp):
    (analysis,) = analyse(
        nlp, ["The loan runs over 30 years; he is over 30 years old."]
    )
    got = [(m.surface, m.qualifier) for m in extract_part_metrics(analysis.parts)]
    assert got == [("30 years", "exact"), ("over 30 years", "more_than")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 12 member Monetary Policy Committee met.", [(12, "member", None)]),
        ("The 27 European Union member states agreed.", [(27, "state", None)]),
        # a year before the level or price of that year
        ("They aim for 40% below 1990 levels.", [(40, "percent", "decrease")]),
        ("It sold 1900 units.", [(1900, "unit", None)]),
    ],
)
def test_a_noun_before_a_name_and_years_of_a_level(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sign several currencies write: the country the sentence names
        ("Pakistan's reserves stood at Rs 500 billion.", [(5e11, "pkr", None)]),
        ("India spent Rs 500 crore.", [(5e9, "inr", None)]),
        ("The Australian dollar fell to US$0.65.", [(0.65, "usd", "decrease")]),
        ("Barbados paid $24 185 800.", [(24185800, "bbd", None)]),
        # ISO codes from pycountry; words that are also codes are no money
        ("The MVR 20 million project began.", [(2e7, "mvr", None)]),
        ("COP 28 drew 70,000 people.", [(70000, "person", None)]),
        ("Garment exports hit Tk 500 crore.", [(5e9, "bdt", None)]),
        # one-letter signs only before a scale word
        ("Eskom spent R5 billion.", [(5e9, "zar", None)]),
        ("The firm spent R2.5bn.", [(2.5e9, "zar", None)]),
        ("Nigeria budgeted N50 billion.", [(5e10, "ngn", None)]),
        ("Wear N95 masks.", []),
    ],
)
def test_shared_signs_iso_codes_and_letter_signs(nlp, text, expected):
    assert _run(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He quit after the 5-Star party boycotted the bill.", []),
        ("They signed a 3-Year deal.", [(3, "year", None)]),
    ],
)
def test_digits_hyphened_to_a_capitalised_word_are_a_name(nlp, text, expected):
    assert _run(nlp, text) == expected
