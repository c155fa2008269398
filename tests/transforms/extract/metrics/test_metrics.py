"""Metrics: numeric claims with value, unit, qualifier, currency, ranges, exclusions."""

from __future__ import annotations

import json

import pytest
import spacy

from transforms.extract.metrics import numbers
from transforms.extract.metrics.claims import (
    QUALIFIERS,
    Metric,
    MetricSettings,
    extract_metrics,
    extract_part_metrics,
)
from transforms.extract.metrics.numbers import (
    EmptyLexiconError,
    classify_token,
    compose_value,
    load_lexicon,
)
from transforms.extract.nlp import analyse

# ---------------------------------------------------------------- no model needed


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["two", "hundred", "five", "thousand"], 205000),
        (["1.5", "million"], 1.5e6),
        (["10", "billion"], 1e10),
        (["two", "dozen"], 24),
        (["a", "dozen"], 12),
        (["two", "thirds"], 2 / 3),
        (["one", "a", "half", "million"], 1.5e6),
        (["half", "a", "million"], 5e5),
        (["twenty", "five"], 25),
        (["1,200"], 1200),
    ],
)
def test_compose_value(words: list[str], expected: float) -> None:
    lex = load_lexicon()
    parts = [classify_token(w, lex) for w in words]
    assert compose_value(parts) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("token", "value", "currency", "percent"),
    [
        ("RMB30", 30, "CNY", False),
        ("USD2", 2, "USD", False),
        ("HK$20", 20, "HKD", False),
        ("1.4bn", 1.4e9, None, False),
        ("€5m", 5e6, "EUR", False),
        ("27.3%", 27.3, None, True),
        ("10k", 1e4, None, False),
        ("24pc", 24, None, True),
    ],
)
def test_glued_tokens(token: str, value: float, currency, percent: bool) -> None:
    part = classify_token(token, load_lexicon())
    assert part is not None
    assert part.value == pytest.approx(value)
    assert (part.currency, part.percent) == (currency, percent)


@pytest.mark.parametrize(
    "token", ["5G", "G20", "COVID-19", "4K", "20th", "&", "1.56pm"]
)
def test_names_and_ordinals_are_not_numbers(token: str) -> None:
    assert classify_token(token, load_lexicon()) is None


@pytest.mark.parametrize(
    ("token", "unit"), [("10m", "m"), ("120Hz", "hz"), ("256GB", "gb")]
)
def test_glued_measure_units(token: str, unit: str) -> None:
    part = classify_token(token, load_lexicon())
    assert part is not None and part.unit == unit


def test_empty_lexicon_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    real = numbers._read_json

    def fake(name: str) -> dict:
        data = real(name)
        if name == "hedges.json":
            data = {**data, "prefix": {}}
        return data

    load_lexicon.cache_clear()
    monkeypatch.setattr(numbers, "_read_json", fake)
    try:
        with pytest.raises(EmptyLexiconError):
            load_lexicon()
    finally:
        monkeypatch.setattr(numbers, "_read_json", real)
        load_lexicon.cache_clear()


def test_lexicon_files_are_valid_json() -> None:
    from importlib import resources

    folder = resources.files("transforms.extract.metrics").joinpath("data")
    names = [p.name for p in folder.iterdir() if p.name.endswith(".json")]
    assert {"numbers.json", "hedges.json", "currencies.json", "context.json"} <= set(
        names
    )
    for name in names:
        assert json.loads(folder.joinpath(name).read_text("utf-8"))


def test_empty_doc_gives_no_metrics() -> None:
    assert extract_metrics(spacy.blank("en")("")) == []


def test_blank_pipeline_still_reads_money_and_percent() -> None:
    doc = spacy.blank("en")("Sales rose 27.3% to $1.4 billion.")
    got = {(m.value, m.unit) for m in extract_metrics(doc)}
    assert got == {(27.3, "percent"), (1.4e9, "usd")}


# ---------------------------------------------------------------- with the model


def _run(nlp, text: str, settings: MetricSettings | None = None) -> list[Metric]:
    """Metrics as the flow reads them: the body analysed (only the sentences that
    may hold a metric are parsed), offsets into the body."""
    settings = settings or MetricSettings()
    (analysis,) = analyse(nlp, [text])
    metrics = extract_part_metrics(analysis.parts, settings)
    for m in metrics:
        assert text[m.start_char : m.end_char] == m.surface
        assert m.surface in m.sentence and m.sentence in text
        assert m.qualifier in QUALIFIERS
        assert m.value >= 0
    return metrics


def _triples(metrics: list[Metric]) -> list[tuple[float, str | None, str]]:
    return [(pytest.approx(m.value), m.unit, m.qualifier) for m in metrics]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "China has established cooperation with over 160 countries and regions.",
            [(160, "country", "more_than")],
        ),
        (
            "It signed 114 inter-governmental agreements.",
            [(114, "agreement", "exact")],
        ),
        (
            "Over 1,200 foreign experts joined.",
            [(1200, "expert", "more_than")],
        ),
        (
            "China co-authored over 183,000 papers, a 1.5 times increase.",
            [(183000, "paper", "more_than"), (1.5, "time", "exact")],
        ),
        (
            "We have also built ten overseas centres.",
            [(10, "centre", "exact")],
        ),
        (
            "Nearly 300 school districts closed and almost 70 percent agreed.",
            [(300, "district", "nearly"), (70, "percent", "nearly")],
        ),
        (
            "Some 2,500 scientists and up to 300 engineers came, as many as 40 firms.",
            [
                (2500, "scientist", "about"),
                (300, "engineer", "up_to"),
                (40, "firm", "up_to"),
            ],
        ),
        (
            "Fewer than 100 people and at least 12 universities took part.",
            [(100, "person", "less_than"), (12, "university", "at_least")],
        ),
        (
            "Over the past 40 years, China has grown.",
            [(40, "year", "exact")],
        ),
        (
            "Total downloads of data exceeding 160 million times were recorded.",
            [(1.6e8, "download", "more_than")],
        ),
        (
            "Beijing held a dialogue with 20 Latin American and Caribbean countries.",
            [(20, "country", "exact")],
        ),
        (
            "In the last two years, seven Nobel laureates spoke.",
            [(2, "year", "exact"), (7, "laureate", "exact")],
        ),
        ("Output rose 5 per cent.", [(5, "percent", "exact")]),
        ("Dozens of companies signed up.", [(24, "company", "at_least")]),
        (
            "The 176 hp engine weighs 20 kilograms.",
            [(176, "hp", "exact"), (20, "kilogram", "exact")],
        ),
        (
            "11 of the 12 cities were polluted.",
            [(11, "city", "exact"), (12, "city", "exact")],
        ),
        # a bracketed acronym inside the modifiers does not end the phrase
        (
            "Envoys of the 27 European Research Area (ERA) countries met.",
            [(27, "country", "exact")],
        ),
        # a short label before a colon names what the number counts
        (
            "Schools closed: more than 200, officials said.",
            [(200, "school", "more_than")],
        ),
        ("Arrests: 14 across the city.", [(14, "arrest", "exact")]),
    ],
)
def test_values_units_qualifiers(nlp, text: str, expected: list) -> None:
    assert _triples(_run(nlp, text)) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        (
            "China has established cooperation with over 160 countries and regions.",
            ["over 160 countries"],
        ),
        (
            "The total budget is about 10 billion yuan ($1.4 billion).",
            ["about 10 billion yuan", "$1.4 billion"],
        ),
        ("Its share was 27.3% of the total.", ["27.3%"]),
        (
            "It opened 114 inter-governmental scientific and technological cooperation "
            "agreements.",
            [
                "114 inter-governmental scientific and technological cooperation"
                " agreements"
            ],
        ),
    ],
)
def test_surface_spans_hedge_through_head_noun(nlp, text, surfaces) -> None:
    assert [m.surface for m in _run(nlp, text)] == surfaces


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The company raised USD2 billion and RMB30 million.",
            [(2e9, "usd", "USD"), (3e7, "yuan", "CNY")],
        ),
        ("Exports reached €3.2bn.", [(3.2e9, "eur", "EUR")]),
        ("They spent £3.2bn on it.", [(3.2e9, "gbp", "GBP")]),
        ("It costs US$1.4 billion.", [(1.4e9, "usd", "USD")]),
        ("It costs 5 million US dollars.", [(5e6, "usd", "USD")]),
        ("It costs 300 million Hong Kong dollars.", [(3e8, "hkd", "HKD")]),
        ("The fund holds 10 billion euros.", [(1e10, "eur", "EUR")]),
        ("The Chinese state paid ¥500 million.", [(5e8, "yuan", "CNY")]),
        ("The state paid ¥500 million.", [(5e8, "jpy", "JPY")]),
    ],
)
def test_currency(nlp, text: str, expected: list) -> None:
    got = [(pytest.approx(m.value), m.unit, m.currency) for m in _run(nlp, text)]
    assert got == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text", ["Liang said. $1.4 billion", "He left. $1.4 billion was spent."]
)
def test_a_full_stop_before_a_dollar_sign_stays_out_of_the_amount(nlp, text) -> None:
    (metric,) = _run(nlp, text)
    assert metric.surface == "$1.4 billion"
    assert metric.surface in metric.sentence


@pytest.mark.model
def test_bracketed_conversion_links_back_and_stays_positive(nlp) -> None:
    metrics = _run(nlp, "The total budget is about 10 billion yuan ($1.4 billion).")
    assert [m.currency for m in metrics] == ["CNY", "USD"]
    assert metrics[1].value == pytest.approx(1.4e9)
    assert metrics[1].converted_from == 0
    assert metrics[0].converted_from is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The plan will last three to five years.", [(3, "year"), (5, "year")]),
        (
            "It will cost $3 billion to $5 billion.",
            [(3e9, "usd"), (5e9, "usd")],
        ),
        ("Between 10 and 20 countries joined.", [(10, "country"), (20, "country")]),
        ("It took three or four years.", [(3, "year"), (4, "year")]),
        ("It will cost 3 to 5 billion yuan.", [(3e9, "yuan"), (5e9, "yuan")]),
        (
            "Vehicles contribute 40 to 80 percent of it.",
            [(40, "percent"), (80, "percent")],
        ),
    ],
)
def test_ranges_are_two_rows_sharing_an_id(nlp, text: str, expected: list) -> None:
    metrics = _run(nlp, text)
    assert [(pytest.approx(m.value), m.unit) for m in metrics] == expected
    assert metrics[0].range_id is not None
    assert metrics[0].range_id == metrics[1].range_id


@pytest.mark.model
def test_a_change_from_to_is_not_a_range(nlp) -> None:
    metrics = _run(nlp, "Revenue rose from 10% to 20% in 2021.")
    assert [(m.value, m.range_id) for m in metrics] == [(10, None), (20, None)]


@pytest.mark.model
def test_vague_amounts_carry_bounds(nlp) -> None:
    (m,) = _run(nlp, "Tens of thousands of people watched.")
    assert (m.value, m.unit, m.qualifier) == (20000, "person", "at_least")
    assert (m.value_low, m.value_high) == (20000, 99999)
    assert _run(nlp, "Dozens of firms came.", MetricSettings(include_vague=False)) == []


@pytest.mark.model
def test_fractions(nlp) -> None:
    metrics = _run(nlp, "Two-thirds of members voted.")
    assert [(pytest.approx(m.value), m.unit, m.indicator) for m in metrics] == [
        (2 / 3, "fraction", "member")
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The meeting on Sept. 9 and the forum on 12 June were held at 6:02 AM.",
        "On Oct 28, scholars met. In 2021, they met again since 2016.",
        "The data cover the years from 2011 to 2021 and the 2020-21 season.",
        "He came third, the first time the 20th National Congress met.",
        "COVID-19 hit G20 economies and 5G rollouts during the 13th Five-Year Plan.",
        "The Five-hundred-meter Aperture Spherical Radio Telescope opened.",
        "Call 010-6851-1234 or see page 12 of ISBN 978-3-16-148410-0.",
        "The two met, and one of them said so.",
        "Apollo 11 landed and Destiny 2 launched.",
        "Science & Technology and R&D matter.",
        "The forum runs 18-24 November.",
        "He lives at 1119 Eighth St. in town.",
        "The Group of 20 met and she ranked No. 1 on channel 4.",
        "Part 3 of the Digital Economy Act and UN Resolution 2231 apply.",
        "The temple was built between A.D. 1000 and 1260.",
        "The i5-9300H chip ships in the 2020-21 season.",
    ],
)
def test_exclusions(nlp, text: str) -> None:
    assert _run(nlp, text) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nadal won 6-4, 7-6 to seal a 2-1 win.", [6, 4, 7, 6, 2, 1]),
        ("Leeds beat Hull City FC 3-0 at home.", [3, 0]),
        ("The bill passed after senators voted 51-49.", [51, 49]),
        # a hyphened pair with no word of a result near it is no score
        ("It was 12-40, according to the list.", []),
    ],
)
def test_scores_are_two_quantities_that_count_nothing(nlp, text, expected) -> None:
    metrics = _run(nlp, text)
    assert [(m.value, m.unit, m.range_id) for m in metrics] == [
        (v, None, None) for v in expected
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They scored 71.2 and 69.8 points.", [(71.2, "point"), (69.8, "point")]),
        (
            "It leads 9 out of 40 listed indicators.",
            [(9, "indicator"), (40, "indicator")],
        ),
        # a count restated as a share keeps its own unit
        (
            "Arrivals rose by 4,100 or 6.2% on the year.",
            [(4100, None), (6.2, "percent")],
        ),
    ],
)
def test_a_head_noun_said_once_after_the_last_number(nlp, text, expected) -> None:
    metrics = _run(nlp, text)
    assert [(m.value, m.unit) for m in metrics] == [
        (pytest.approx(v), u) for v, u in expected
    ]


@pytest.mark.model
def test_a_number_word_with_a_scale_is_an_amount_without_a_noun(nlp) -> None:
    metrics = _run(nlp, "Since May the waiting list has grown by about two million.")
    assert [(m.value, m.unit, m.change) for m in metrics] == [(2e6, None, "increase")]
    assert _run(nlp, "The two met, and the three of them left.") == []


@pytest.mark.model
def test_sentence_with_only_dates_gives_nothing(nlp) -> None:
    assert _run(nlp, "It happened on 12 June 2021, at 10 a.m.") == []


@pytest.mark.model
def test_indicator_and_context_columns(nlp) -> None:
    metrics = _run(nlp, "In 2021, China opened 53 joint laboratories.")
    (m,) = metrics
    assert (m.unit, m.indicator) == ("laboratory", "joint laboratory")
    assert m.subject_text == "China"
    assert m.period_text == "In 2021"


@pytest.mark.model
def test_offsets_index_the_original_text(nlp) -> None:
    text = "Intro line.\n\nOver 40 ministerial-level exchanges were held."
    (m,) = _run(nlp, text)
    assert text[m.start_char : m.end_char] == "Over 40 ministerial-level exchanges"


@pytest.mark.model
def test_input_doc_is_not_mutated(nlp) -> None:
    doc = nlp("China signed 21 new agreements.")
    before = [(t.text, t.ent_type_, t.dep_) for t in doc]
    extract_metrics(doc)
    assert [(t.text, t.ent_type_, t.dep_) for t in doc] == before


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two and a half years later it ended.", [(2.5, "year")]),
        ("Three quarters of the budget was spent.", [(0.75, "fraction")]),
        ("It took half an hour.", [(0.5, "hour")]),
        ("They spent half a million dollars.", [(5e5, "usd")]),
        ("In the first three quarters, sales grew.", [(3, "quarter")]),
        (
            "The device has 256GB of storage and a 120Hz screen.",
            [(256, "gb"), (120, "hz")],
        ),
        ("Output rose to 1.2m tons.", [(1.2e6, "ton")]),
        ("Shares were up 24pc.", [(24, "percent")]),
        ("Prices hit US $58.24 per barrel.", [(58.24, "usd per barrel")]),
        ("Patrick Carlineo, 55, of Addison, was charged.", [(55, "year")]),
        ("They held 3,000 people-to-people exchanges.", [(3000, "exchange")]),
        ("China signed 84 MoUs.", [(84, "mou")]),
        ("A million or more Uighurs were held.", [(1e6, "uighur")]),
        ("A score of 80 and test scores rose.", [(80, None)]),
        (
            "At noon the Dow was +0.2% and the S&P 500 +0.3%.",
            [(0.2, "percent"), (0.3, "percent")],
        ),
        ("Tesla delivered 63,150 Model 3s.", [(63150, None)]),
        ("A 5,000-strong crowd gathered.", [(5000, "crowd")]),
    ],
)
def test_more_number_forms(nlp, text: str, expected: list) -> None:
    got = [(pytest.approx(m.value), m.unit) for m in _run(nlp, text)]
    assert got == expected


@pytest.mark.model
def test_a_sentence_never_crosses_a_paragraph_break(nlp) -> None:
    text = "– Wan Gang, President of the Association\n\n"
    text += "The Academy works with 130 countries."
    (m,) = _run(nlp, text)
    assert m.sentence == "The Academy works with 130 countries."
    assert "\n" not in m.sentence


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The number of cases rose by 2,000 to 15,000.",
        "Deaths fell 3% to 1,200.",
        "Capacity will go from 175 gigawatts to 450 gigawatts.",
    ],
)
def test_changes_are_not_ranges(nlp, text: str) -> None:
    metrics = _run(nlp, text)
    assert len(metrics) == 2
    assert all(m.range_id is None for m in metrics)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2021, China opened 53 joint laboratories.", "joint laboratory"),
        (
            "It signed 114 inter-governmental scientific and technological "
            "cooperation agreements.",
            "inter-governmental cooperation agreement",
        ),
        ("It trained over 15,000 foreign science workers.", "foreign science worker"),
        ("The two best second-place finishers advance.", "finisher"),
    ],
)
def test_indicator_keeps_kind_words_only(nlp, text: str, expected: str) -> None:
    (m,) = _run(nlp, text)
    assert m.indicator == expected


@pytest.mark.model
def test_period_is_the_nearest_one(nlp) -> None:
    text = "In 2020 it had 10 labs, while in 2022 it had 30 labs."
    assert [m.period_text for m in _run(nlp, text)] == ["In 2020", "in 2022"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Indian digit grouping and plural scale words
        ("The scheme costs ₹12,34,567 crore.", [(1.234567e13, "inr")]),
        ("They seized goods worth Rs 40 crores.", [(4e8, "inr")]),
        # shilling amounts glued to their sign
        ("The county spent Sh22 billion on roads.", [(2.2e10, "kes")]),
        # people and elided "others" are counted persons
        ("Nine people died and 12 others were hurt.", [(9, "person"), (12, "person")]),
    ],
)
def test_scale_words_currency_signs_and_people(nlp, text, expected):
    got = [(m.value, m.unit) for m in _run(nlp, text)]
    assert got == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the counted noun stated earlier in the sentence
        (
            "At least 40 houses burned and more than 25 were damaged.",
            [(40, "house"), (25, "house")],
        ),
        ("Officers said 14 others were arrested.", [(14, "person")]),
    ],
)
def test_elided_counted_nouns_come_from_the_context(nlp, text, expected):
    got = [(m.value, m.unit) for m in _run(nlp, text)]
    assert got == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The field pumps 30,000 barrels a day.", [(3e4, "barrel per day")]),
        ("Diesel sold at $4 a gallon.", [(4, "usd per gallon")]),
        ("Flats cost HK$20,000 per square foot.", [(2e4, "hkd per square foot")]),
        ("The lake covers 410 square kilometres.", [(410, "square kilometre")]),
        ("It was 38°C in the shade.", [(38, "degree celsius")]),
        ("Readings hit 99 degrees Fahrenheit.", [(99, "degree fahrenheit")]),
        ("Trains run at 320 km/h on the line.", [(320, "km/h")]),
        ("Inflation was 5 percent a year earlier.", [(5, "percent")]),
    ],
)
def test_rates_square_measures_temperatures_and_symbols(nlp, text, expected):
    got = [(m.value, m.unit) for m in _run(nlp, text)]
    assert got == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.model
def test_a_year_before_a_proper_name_is_part_of_the_name(nlp):
    text = "The 2030 Winter Games will host 90 nations."
    assert [(m.value, m.unit) for m in _run(nlp, text)] == [(90, "nation")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is one of the largest ports and has 12 berths.", [(12, "berth")]),
        ("The WIPO 2023 rankings cover 132 economies.", [(132, "economy")]),
    ],
)
def test_idioms_and_years_in_names_are_no_metrics(nlp, text, expected):
    got = [(m.value, m.unit) for m in _run(nlp, text)]
    assert got == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.model
def test_one_of_a_group_is_kept_only_when_asked_for(nlp):
    text = "The lab employs 200 researchers, one of the largest teams."
    asked = MetricSettings(include_one_of=True)
    got = [(pytest.approx(m.value), m.unit) for m in _run(nlp, text, asked)]
    assert got == [(200, "researcher"), (1, "team")]
    assert [(m.value, m.unit) for m in _run(nlp, text)] == [(200, "researcher")]
