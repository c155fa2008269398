"""Sentence offsets in the body, computed once per article, so that entities, metrics
and quotes of one sentence join on (article_id, sentence_start)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from transforms.extract.metrics.sentences import sentence_bounds


@dataclass(frozen=True)
class Sentences:
    """The body's sentences as (start_char, end_char), in order, white space trimmed:
    the body Doc's sentence starts plus line breaks (`sentence_bounds`)."""

    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]  # the first item of each span, for bisection

    @classmethod
    def of(cls, doc: Doc) -> Sentences:
        return cls.from_bounds(doc, sentence_bounds(doc))

    @classmethod
    def from_bounds(cls, doc: Doc, bounds: list[tuple[int, int]]) -> Sentences:
        """From the `sentence_bounds` of `doc` when the caller has them already (the
        analysis computes them to choose what to parse)."""
        spans = [
            (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
            for start, end in dict.fromkeys(bounds)
            if start < end
        ]
        return cls(tuple(spans), tuple(start for start, _ in spans))

    def around(self, start_char: int, end_char: int) -> dict[str, int]:
        """`sentence_start`/`sentence_end` of a span: from the start of the sentence
        holding its first character to the end of the one holding its last, so a
        quote over three sentences gets all three; always around the span itself."""
        first = bisect_right(self.starts, start_char) - 1
        last = bisect_right(self.starts, max(end_char - 1, start_char)) - 1
        sentence_start = self.spans[first][0] if first >= 0 else start_char
        sentence_end = self.spans[last][1] if last >= 0 else end_char
        return {
            "sentence_start": min(sentence_start, start_char),
            "sentence_end": max(sentence_end, end_char),
        }
