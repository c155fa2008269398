"""Prepare a loaded spaCy pipeline for news text: tokenizer fixes and entity rules."""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex

from transforms.entities import add_entity_rules

# "2015.China": two sentences glued at a full stop in scraped text. The lookbehind needs
# a lower-case letter, digit or closing mark, so "U.S." stays one token; a capital and a
# lower-case letter must follow, so decimals and most domain names are left alone.
GLUED_SENTENCE = r"(?<=[a-z0-9%)\]”’\"])\.(?=[A-Z][a-z])"


def prepare_pipeline(nlp: Language) -> Language:
    """Split glued sentences in the tokenizer and add sciwire's entity rules."""
    if (
        GLUED_SENTENCE not in nlp.Defaults.infixes
        and nlp.meta.get("sciwire_infix") is None
    ):
        infixes = [*nlp.Defaults.infixes, GLUED_SENTENCE]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        nlp.meta["sciwire_infix"] = GLUED_SENTENCE
    return add_entity_rules(nlp)
