"""Near-duplicate articles: the same story from two outlets, or one page saved twice."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DedupeSettings:
    # Estimated Jaccard similarity of word shingles above which bodies are one story.
    threshold: float = 0.6
    shingle_words: int = 4
    num_perm: int = 128
    # Bodies shorter than this have too few shingles to compare reliably.
    min_words: int = 30
    # datasketch's permutation scheme; stored signatures are only comparable within one.
    scheme: str = "affine32"


def body_signature(
    body: str, settings: DedupeSettings = DedupeSettings()
) -> np.ndarray | None:
    """MinHash of the body's word shingles as a bare array (compact enough to keep for
    every article of a corpus); None for short bodies."""
    words = _WORD.findall((body or "").casefold())
    if len(words) < settings.min_words:
        return None
    n = settings.shingle_words
    shingles = {" ".join(words[i : i + n]).encode() for i in range(len(words) - n + 1)}
    signature = _minhash(settings)
    signature.update_batch(list(shingles))
    return signature.hashvalues.copy()


def find_near_duplicates(
    article_ids: Sequence[str],
    signatures: Sequence[np.ndarray | None],
    settings: DedupeSettings = DedupeSettings(),
) -> list[str | None]:
    """For each article, the id of the first earlier article telling the same story
    (in the given order), else None. The order decides which copy is the original."""
    position = {article_id: n for n, article_id in enumerate(article_ids)}
    index = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
    kept: dict[str, MinHash] = {}
    duplicate_of: list[str | None] = []
    for article_id, values in zip(article_ids, signatures, strict=True):
        if values is None:
            duplicate_of.append(None)
            continue
        signature = _minhash(settings, values)
        candidates = [
            c
            for c in index.query(signature)
            if kept[c].jaccard(signature) >= settings.threshold
        ]
        original = min(candidates, key=position.__getitem__) if candidates else None
        duplicate_of.append(original)
        if original is None:
            index.insert(article_id, signature)
            kept[article_id] = signature
    return duplicate_of


def _minhash(settings: DedupeSettings, values: np.ndarray | None = None) -> MinHash:
    """A MinHash sharing one set of permutations: drawing them anew for each body
    costs about a millisecond, more than hashing a short body."""
    return MinHash(
        num_perm=settings.num_perm,
        hashvalues=values,
        permutations=_permutations(settings.num_perm, settings.scheme),
        scheme=settings.scheme,
    )


@lru_cache(maxsize=4)
def _permutations(num_perm: int, scheme: str) -> np.ndarray:
    return MinHash(num_perm=num_perm, scheme=scheme).permutations


def find_duplicate_links(
    articles: Iterable[tuple[str, dt.date | None, str, np.ndarray | None]],
) -> dict[str, str]:
    """`duplicate_of` for every later copy of a story, from (article_id,
    published_date, source_path, body signature) of every article: the earliest
    published article (then first by path) is the original."""
    order = sorted(articles, key=lambda a: (a[1] is None, a[1] or dt.date.min, a[2]))
    originals = find_near_duplicates([a[0] for a in order], [a[3] for a in order])
    return {
        a[0]: original
        for a, original in zip(order, originals, strict=True)
        if original is not None
    }
