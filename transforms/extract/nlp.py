"""Run spaCy over article bodies: the NER on every word, the parse only where needed.

`prepare_pipeline` fixes the tokenizer for news text, makes the attribute ruler and
the lemmatizer cheaper (same output) and adds the entity rules; `analyse` runs the
prepared pipeline in two passes:

1. the whole body through the sentence splitter (`senter`), the NER and the entity
   span_ruler: what `extract_entities` and `extract_quotes` read;
2. only the sentences that may hold a metric (`metric_scope.metric_sentences`) through
   tok2vec, tagger, parser, attribute_ruler and lemmatizer, each run of neighbouring
   sentences as one small Doc that keeps the NER labels: what `extract_metrics` reads.

The parse costs about as much per word as the NER, so parsing the few sentences with
numbers instead of the whole body makes extraction cost close to the NER alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from spacy.attrs import ENT_IOB, ENT_TYPE, NORM
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from transforms.extract.entities.mentions import RULER_NAME, add_entity_rules
from transforms.extract.metrics.scope import metric_sentences
from transforms.extract.metrics.sentences import sentence_bounds
from transforms.extract.nlp_components import (
    index_lemmas_in_sets,
    match_attributes_per_token,
)
from transforms.extract.sentences import Sentences

# "2015.China": two sentences glued at a full stop in scraped text. The lookbehind needs
# a lower-case letter, digit or closing mark, so "U.S." stays one token; a capital and a
# lower-case letter must follow, so decimals and most domain names are left alone.
GLUED_SENTENCE = r"(?<=[a-z0-9%)\]”’\"])\.(?=[A-Z][a-z])"
# the components of each pass, in this order, when the model has them
BODY_PIPES = ("senter", "ner", RULER_NAME)
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# what a part keeps of the body's tokens: the norm the tokenizer may have set ("n’t"
# -> "not"), which the tagger and parser read, and the NER labels
_PART_ATTRS = [NORM, ENT_IOB, ENT_TYPE]
_IOB_IN, _IOB_BEGIN = 1, 3
# Bodies per spaCy batch: the NER and the parser precompute hidden features for every
# token of a batch, so 64 long bodies took ~250 MB at once; 16 take a quarter of that,
# at the same speed.
BATCH_BODIES = 16
# Longest text given to spaCy at once: its NER and parser need about 1 GB of
# temporary memory per 100,000 characters, and `nlp.max_length` (1,000,000 by
# default, E088) must never be reached. Longer bodies are analysed in pieces cut
# after a paragraph, a sentence or a space, then joined back into one Doc.
CHUNK_CHARS = 100_000
# where a piece may end, best first: after a blank line, a line break, a sentence,
# any whitespace
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?…][\"'”’)\]]*\s"),
         re.compile(r"\s"))  # fmt: skip


class ParsedPart(NamedTuple):
    """Sentences of a body, tagged and parsed: `doc.text` starts at `offset` of the
    body, so `body[offset + i] == doc.text[i]`."""

    offset: int
    doc: Doc


@dataclass(frozen=True)
class FailedAnalysis:
    """A body spaCy could not analyse: its article is kept, the error reported."""

    error: Exception


@dataclass(frozen=True)
class Analysis:
    """One body as the extractors read it: `doc` is the whole body with tokens,
    sentence starts, NER and entity spans (no tags or parse); `parts` are the
    sentences that may hold a metric, parsed; `text` is the body, equal to
    `doc.text` (which spaCy rebuilds from every token at each read); `sentences`
    are the body's sentences, found once for choosing the parts and for the rows."""

    doc: Doc
    parts: tuple[ParsedPart, ...]
    text: str
    sentences: Sentences


def prepare_pipeline(nlp: Language) -> Language:
    """Split glued sentences in the tokenizer, make the attribute ruler and the
    lemmatizer cheaper with the same output, and add sciwire's entity rules."""
    if (
        GLUED_SENTENCE not in nlp.Defaults.infixes
        and nlp.meta.get("sciwire_infix") is None
    ):
        infixes = [*nlp.Defaults.infixes, GLUED_SENTENCE]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        nlp.meta["sciwire_infix"] = GLUED_SENTENCE
    match_attributes_per_token(nlp)
    index_lemmas_in_sets(nlp)
    return add_entity_rules(nlp)


def analyse(
    nlp: Language, bodies: Iterable[str], batch_size: int = BATCH_BODIES
) -> list[Analysis | FailedAnalysis]:
    """Every body analysed for `transforms.extract.extract_documents`, in order.

    `nlp` is a pipeline given `prepare_pipeline`; its components are called by name
    whether enabled or not (`senter` ships disabled in the en_core_web models), and
    those it lacks are skipped: a blank pipeline gives docs with the entity rules
    only and parts without a parse.
    """
    return list(iter_analyses(nlp, bodies, batch_size))


def iter_analyses(
    nlp: Language, bodies: Iterable[str], batch_size: int = BATCH_BODIES
) -> Iterator[Analysis | FailedAnalysis]:
    """`analyse`, a batch at a time: a consumer that drops each analysis after use
    holds one batch of Docs instead of a whole shard's. A batch that raises is run
    again body by body, so only the body that fails gives a `FailedAnalysis`."""
    texts = iter(bodies)
    while batch := list(islice(texts, batch_size)):
        try:
            analyses = list(_analyse_batch(nlp, batch, batch_size))
        except Exception:  # one bad body must not take its batch (or the run) down
            analyses = [_analyse_alone(nlp, text) for text in batch]
        yield from analyses


def _analyse_alone(nlp: Language, text: str) -> Analysis | FailedAnalysis:
    try:
        return next(_analyse_batch(nlp, [text], 1))
    except Exception as error:
        return FailedAnalysis(error)


def _analyse_batch(
    nlp: Language, batch: list[str], batch_size: int
) -> Iterator[Analysis]:
    body_pipes = _components(nlp, BODY_PIPES)
    parse_pipes = _components(nlp, PARSE_PIPES)
    limit = min(CHUNK_CHARS, nlp.max_length)
    if any(len(text) > limit for text in batch):
        docs = [_run_in_pieces(nlp, body_pipes, text, limit) for text in batch]
    else:
        docs = _run(body_pipes, (nlp.make_doc(text) for text in batch), batch_size)
    bounds = [sentence_bounds(doc) for doc in docs]
    spans = [_parse_spans(doc, b) for doc, b in zip(docs, bounds, strict=True)]
    parts = [
        part
        for doc, found in zip(docs, spans, strict=True)
        for part in _parts(doc, found)
    ]
    parsed = iter(_run(parse_pipes, (p.doc for p in parts), batch_size))
    parts = [ParsedPart(p.offset, next(parsed)) for p in parts]
    start = 0
    for text, doc, found, sentences in zip(batch, docs, spans, bounds, strict=True):
        yield Analysis(
            doc,
            tuple(parts[start : start + len(found)]),
            text,
            Sentences.from_bounds(doc, sentences),
        )
        start += len(found)


def _run_in_pieces(nlp: Language, components: list, text: str, limit: int) -> Doc:
    """One Doc of a body of any length: its pieces run alone and joined, so the
    Doc's text (and every offset into it) is the body's."""
    pieces = list(_pieces(text, limit))
    if len(pieces) == 1:
        return _run(components, [nlp.make_doc(text)], 1)[0]
    docs = _run(components, (nlp.make_doc(piece) for piece in pieces), 1)
    return Doc.from_docs(docs, ensure_whitespace=False)


def _pieces(text: str, limit: int) -> Iterator[str]:
    """`text` cut into pieces of at most `limit` characters, each ending at the best
    cut (`_CUTS`) in its second half, or at `limit` when there is none."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        end = limit
        for cut in _CUTS:
            ends = [m.end() for m in cut.finditer(window, limit // 2)]
            if ends:
                end = ends[-1]
                break
        yield text[start : start + end]
        start += end
    yield text[start:]


def _components(nlp: Language, names: Sequence[str]) -> list:
    present = set(nlp.component_names)
    return [nlp.get_pipe(name) for name in names if name in present]


def _run(components: list, docs: Iterable[Doc], batch_size: int) -> list[Doc]:
    for component in components:
        if hasattr(component, "pipe"):
            docs = component.pipe(docs, batch_size=batch_size)
        else:
            docs = map(component, docs)
    return list(docs)


def _parts(doc: Doc, spans: list[tuple[int, int]]) -> list[ParsedPart]:
    """A new Doc for each token span, with the body's norms and entity labels."""
    if not spans:
        return []
    array = doc.to_array(_PART_ATTRS)
    parts = []
    for a, b in spans:
        tokens = doc[a:b]
        part = Doc(
            doc.vocab,
            words=[t.text for t in tokens],
            spaces=[bool(t.whitespace_) for t in tokens],
        )
        rows = array[a:b].copy()
        if rows[0][1] == _IOB_IN:  # an entity cut at the start begins here
            rows[0][1] = _IOB_BEGIN
        part.from_array(_PART_ATTRS, rows)
        parts.append(ParsedPart(doc[a].idx, part))
    return parts


def _parse_spans(doc: Doc, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token bounds of the runs of sentences to parse: every sentence that may hold a
    metric, joined to its neighbours where the splitter cut without a full stop or a
    line break ("NEW DELHI: ...", "[1]"), since the parser would not cut there;
    `bounds` are the doc's `sentence_bounds`."""
    selected = {start for start, _ in metric_sentences(doc, bounds=bounds)}
    units: list[list[int]] = []  # [start, end, selected]
    for start, end in dict.fromkeys(bounds):
        if start == end:
            continue
        if units and not _full_stop(doc, units[-1][1], start):
            units[-1][1] = end
            units[-1][2] |= start in selected
        else:
            units.append([start, end, start in selected])
    runs: list[tuple[int, int]] = []
    for start, end, keep in units:
        if not keep:
            continue
        if runs and all(tok.is_space for tok in doc[runs[-1][1] : start]):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


_FINAL = frozenset(".!?…")
_CLOSING = frozenset("\"'”’)]")


def _full_stop(doc: Doc, end: int, start: int) -> bool:
    """The sentence ending at token `end` and the next one starting at `start` are
    cut by a line break or after a full stop, question or exclamation mark."""
    if "\n" in doc[end - 1 : start].text_with_ws[len(doc[end - 1].text) :]:
        return True
    k = end - 1
    while k > 0 and doc[k].text in _CLOSING:
        k -= 1
    return doc[k].text[-1:] in _FINAL
