import pytest
import spacy

from transforms.nlp import prepare_pipeline


@pytest.fixture(scope="module")
def nlp():
    return prepare_pipeline(spacy.blank("en"))


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("in 2015.China opened", ["in", "2015", ".", "China", "opened"]),
        ("the U.S. Senate", ["the", "U.S.", "Senate"]),
        ("grew 3.5 percent", ["grew", "3.5", "percent"]),
    ],
)
def test_glued_sentences_split_but_abbreviations_and_decimals_do_not(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


def test_prepare_pipeline_is_idempotent(nlp):
    again = prepare_pipeline(nlp)
    assert [t.text for t in again("in 2015.China")] == ["in", "2015", ".", "China"]
