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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from spacy.attrs import ENT_IOB, ENT_TYPE, IDS, NORM
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from transforms.entities import RULER_NAME, add_entity_rules
from transforms.metric_scope import metric_sentences
from transforms.metric_spans import sentence_bounds

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
# the token attributes a one-token attribute rule may test and still be matched once
# per distinct token (`TokenAttributeRuler`), as `Doc.to_array` reads them
_STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "SHAPE", "TAG", "POS", "DEP"})
_FLAG_ATTRS = frozenset({"IS_SPACE", "IS_PUNCT"})
_UNNAMED = -1  # stands for every value of a string attribute that no rule names


class ParsedPart(NamedTuple):
    """Sentences of a body, tagged and parsed: `doc.text` starts at `offset` of the
    body, so `body[offset + i] == doc.text[i]`."""

    offset: int
    doc: Doc


@dataclass(frozen=True)
class Analysis:
    """One body as the extractors read it: `doc` is the whole body with tokens,
    sentence starts, NER and entity spans (no tags or parse); `parts` are the
    sentences that may hold a metric, parsed."""

    doc: Doc
    parts: tuple[ParsedPart, ...]


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
    _match_attributes_per_token(nlp)
    _index_lemmas_in_sets(nlp)
    return add_entity_rules(nlp)


def _match_attributes_per_token(nlp: Language) -> None:
    """The model's attribute_ruler becomes a `TokenAttributeRuler` with its rules."""
    name = "attribute_ruler"
    if name in nlp.pipe_names and type(nlp.get_pipe(name)) is AttributeRuler:
        patterns = nlp.get_pipe(name).patterns
        nlp.replace_pipe(name, "sciwire_attribute_ruler").add_patterns(patterns)


def _index_lemmas_in_sets(nlp: Language) -> None:
    """The rule lemmatizer looks each candidate lemma up in a list of the words of its
    POS (57k nouns in en_core_web_sm), most of its time: a set answers at once."""
    if "lemmatizer" not in nlp.component_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        index = lookups.get_table("lemma_index")
        for pos, words in list(index.items()):
            index[pos] = _WordList(words)


class _WordList(list):
    """A list of words (saved with the pipeline as one) that answers `in` from a set."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self._members = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self._members


@dataclass(frozen=True)
class _SplitRules:
    single: Matcher  # the one-token rules on plain values (`_plain_spec`)
    multi: Matcher  # the others, matched on every doc
    attrs: list[int]  # what the single rules test, for `Doc.to_array`
    named: list[frozenset[int] | None]  # per attr, the values rules name; None: all
    seen: dict[tuple[int, ...], list[tuple[int, int]]]  # token -> (rule, key) matched


class TokenAttributeRuler(AttributeRuler):
    """spaCy's attribute_ruler with the same rules and output, cheaper: its Matcher
    tries every pattern at every token (the ~180 of en_core_web_sm cost as much as the
    parser), but a one-token pattern sees only that token's attributes, so those rules
    are matched once per distinct token and looked up after. Values that no rule names
    ("budget", "yuan") match alike, so they count as one and few tokens are new."""

    def __init__(self, vocab, name: str = "attribute_ruler", **kwargs) -> None:
        super().__init__(vocab, name, **kwargs)
        self._split: _SplitRules | None = None

    def clear(self) -> None:
        super().clear()
        self._split = None

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._split = None

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """`AttributeRuler.match`: (rule, key, start, end) of every match, sorted."""
        split = self._split = self._split or self._split_rules()
        if not split.attrs:
            return super().match(doc)
        strings = self.vocab.strings
        multi = split.multi(doc, allow_missing=True) if len(split.multi) else []
        found = [(int(strings[key]), key, start, end) for key, start, end in multi]
        rows = doc.to_array(split.attrs).reshape(len(doc), len(split.attrs))
        for i, row in enumerate(rows.tolist()):
            token = tuple(
                value if names is None or value in names else _UNNAMED
                for value, names in zip(row, split.named, strict=True)
            )
            hits = split.seen.get(token)
            if hits is None:
                matches = split.single(doc[i : i + 1], allow_missing=True)
                hits = [(int(strings[key]), key) for key, _, _ in matches]
                split.seen[token] = hits
            found.extend((rule, key, i, i + 1) for rule, key in hits)
        found.sort()
        return found

    def _split_rules(self) -> _SplitRules:
        single, multi = Matcher(self.vocab), Matcher(self.vocab)
        named: dict[str, set[int]] = {}
        for rule, entry in enumerate(self.patterns):  # rule i is matched as str(i)
            patterns = entry["patterns"]
            specs = [spec for pattern in patterns for spec in pattern]
            if not all(len(p) == 1 for p in patterns) or not all(
                map(_plain_spec, specs)
            ):
                multi.add(str(rule), patterns)
                continue
            single.add(str(rule), patterns)
            for spec in specs:
                for name, value in spec.items():
                    if isinstance(value, dict):  # {"IN": [...]} or {"NOT_IN": [...]}
                        value = [v for values in value.values() for v in values]
                    else:
                        value = [value]
                    named.setdefault(name, set()).update(map(get_string_id, value))
        names = sorted(named)
        return _SplitRules(
            single,
            multi,
            [IDS[name] for name in names],
            [frozenset(named[n]) if n in _STRING_ATTRS else None for n in names],
            {},
        )


def _plain_spec(spec: dict) -> bool:
    """A token's attributes tested against values or IN / NOT_IN lists of values."""
    return all(
        name in _STRING_ATTRS | _FLAG_ATTRS
        and (not isinstance(value, dict) or set(value) <= {"IN", "NOT_IN"})
        for name, value in spec.items()
    )


@Language.factory("sciwire_attribute_ruler")
def make_token_attribute_ruler(nlp: Language, name: str) -> TokenAttributeRuler:
    return TokenAttributeRuler(nlp.vocab, name)


def analyse(
    nlp: Language, bodies: Iterable[str], batch_size: int = 64
) -> list[Analysis]:
    """Every body analysed for `stages.extract_documents`, in order.

    `nlp` is a pipeline given `prepare_pipeline`; its components are called by name
    whether enabled or not (`senter` ships disabled in the en_core_web models), and
    those it lacks are skipped: a blank pipeline gives docs with the entity rules
    only and parts without a parse.
    """
    body_pipes = _components(nlp, BODY_PIPES)
    parse_pipes = _components(nlp, PARSE_PIPES)
    out: list[Analysis] = []
    texts = iter(bodies)
    while batch := list(islice(texts, batch_size)):
        docs = _run(body_pipes, (nlp.make_doc(text) for text in batch), batch_size)
        spans = [_parse_spans(doc) for doc in docs]
        parts = [
            part
            for doc, found in zip(docs, spans, strict=True)
            for part in _parts(doc, found)
        ]
        parsed = iter(_run(parse_pipes, (p.doc for p in parts), batch_size))
        parts = [ParsedPart(p.offset, next(parsed)) for p in parts]
        start = 0
        for doc, found in zip(docs, spans, strict=True):
            out.append(Analysis(doc, tuple(parts[start : start + len(found)])))
            start += len(found)
    return out


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


def _parse_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of the runs of sentences to parse: every sentence that may hold a
    metric, joined to its neighbours where the splitter cut without a full stop or a
    line break ("NEW DELHI: ...", "[1]"), since the parser would not cut there."""
    bounds = sentence_bounds(doc)
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
