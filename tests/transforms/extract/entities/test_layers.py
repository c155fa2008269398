"""The top layer's position index answers what a scan over every name answers."""

from hypothesis import given
from hypothesis import strategies as st

from transforms.extract.entities.canonical import Candidate
from transforms.extract.entities.layers import TopLayer

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 8)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=25,
)


def _scan(chosen, start, end):
    return sorted(
        (c for c in chosen if c.start < end and start < c.end), key=lambda c: c.start
    )


@given(spans, spans)
def test_overlapping_matches_a_full_scan(added, queries):
    layer = TopLayer()
    for start, end in added:
        c = Candidate(start, end, "ORG", "rule")
        if not layer.overlapping(start, end):
            layer.add(c)
    for start, end in queries:
        assert layer.overlapping(start, end) == _scan(layer.chosen, start, end)


def test_replace_keeps_the_choice_order_and_puts_the_wrapper_last():
    a, b, c = (
        Candidate(s, e, "LOC", "lexicon") for s, e in ((0, 5), (10, 15), (20, 25))
    )
    layer = TopLayer()
    for cand in (c, a, b):
        layer.add(cand)
    wrapper = Candidate(8, 27, "ORG", "ner")
    layer.replace(layer.overlapping(8, 27), wrapper)
    assert layer.chosen == [a, wrapper]
    assert layer.overlapping(0, 30) == [a, wrapper]
