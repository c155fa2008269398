"""The entity catalog: aliases merged across articles, countries coded."""

import pytest
import spacy

from transforms.derived.entity_catalog import build_entity_catalog
from transforms.extract.entities import add_entity_rules, extract_entities


@pytest.fixture(scope="module")
def blank_nlp():
    return add_entity_rules(spacy.blank("en"))


def test_catalog_merges_aliases_across_articles(blank_nlp):
    by_article = {
        "a1": extract_entities(blank_nlp("The Chinese Academy of Sciences (CAS) met.")),
        "a2": extract_entities(blank_nlp("The US and China met. China spoke.")),
        "a3": extract_entities(blank_nlp("Delegates of the United States met.")),
    }
    catalog = {e.canonical_name: e for e in build_entity_catalog(by_article)}
    cas = catalog["Chinese Academy of Sciences"]
    assert (cas.label, cas.aliases, cas.mention_count) == ("ORG", ("CAS",), 2)
    us = catalog["United States"]
    assert (us.country_code, us.aliases, us.article_count) == ("US", ("US",), 2)
    assert catalog["China"].mention_count == 2
    assert cas.country_code is None


def test_catalog_of_nothing_is_empty():
    assert build_entity_catalog({}) == []
    assert build_entity_catalog({"a": []}) == []
