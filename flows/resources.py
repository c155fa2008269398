"""Per-process resources: the spaCy pipeline, loaded once, and the heap, trimmed."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache

from transforms.extract import prepare_pipeline


@lru_cache(maxsize=2)
def load_pipeline(model_name: str):
    """The spaCy pipeline with sciwire's rules; loading costs ~1 s, so cache it.

    Give it to `transforms.extract.analyse`, not to `nlp.pipe`: analyse runs
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


def release_freed_memory() -> None:
    """Give the heap memory freed by a finished shard back to the system.

    glibc keeps freed chunks in its arenas, and a long run's pickled shards and frames
    leave them fragmented, so without this a process grows with the corpus (measured:
    the flow process held ~90 MB more after 4,000 articles). Dask's workers trim the
    same way. Elsewhere than glibc this does nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
