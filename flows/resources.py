"""Heavy shared resources, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

from transforms.nlp import prepare_pipeline


@lru_cache(maxsize=2)
def load_pipeline(model_name: str):
    """The spaCy pipeline with sciwire's rules; loading costs ~1 s, so cache it.

    Give it to `transforms.nlp.analyse(nlp, bodies)`, not to `nlp.pipe`: analyse runs
    the NER (and the `senter`, loaded disabled) on every body and the tagger and parser
    only on the sentences that may hold a metric."""
    import spacy

    try:
        nlp = spacy.load(model_name)
    except OSError as error:
        raise RuntimeError(
            f"spaCy model '{model_name}' is not installed: install it as a package "
            "or set SCIWIRE_MODEL / --model to one that is"
        ) from error
    return prepare_pipeline(nlp)
