"""Body signatures made once (in the shard task, or stored with the snapshot) are the
ones the flow would hash from the body."""

from __future__ import annotations

import numpy as np
import pandas as pd

from flows.body_signatures import BodySignatures, shard_signatures, write_signatures
from transforms.derived import body_signature

LONG = " ".join(f"word{n} of a long enough body" for n in range(20))
SHORT = "Too short to compare."


def _equal(a, b) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and a.dtype == b.dtype and np.array_equal(a, b)
    )


def test_stored_signatures_are_those_hashed_from_the_bodies(tmp_path):
    articles = pd.DataFrame({"article_id": ["b", "a"], "body": [LONG, SHORT]})
    made = shard_signatures(articles)
    assert _equal(made["b"], body_signature(LONG)) and made["a"] is None
    write_signatures(tmp_path, made.items())
    stored = BodySignatures(tmp_path)
    assert _equal(stored.of("b", "ignored: the stored one is used"), made["b"])
    assert stored.of("a", LONG) is None


def test_an_unknown_article_is_hashed_from_its_body(tmp_path):
    known = BodySignatures(None)
    assert _equal(known.of("x", LONG), body_signature(LONG))
    known.add({"x": None})
    assert known.of("x", LONG) is None
    assert _equal(BodySignatures(tmp_path).of("x", LONG), body_signature(LONG))
