"""spaCy components made cheaper with the same output.

en_core_web_sm's attribute_ruler tries all its ~180 patterns at every token, and its
rule lemmatizer looks each candidate lemma up in lists of up to 57k words: together
they cost about as much as the parser. `prepare_pipeline`
(`transforms.extract.nlp`) swaps in the versions below, checked token for token
against spaCy's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

# the token attributes a one-token attribute rule may test and still be matched once
# per distinct token (`TokenAttributeRuler`), as `Doc.to_array` reads them
_STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "SHAPE", "TAG", "POS", "DEP"})
_FLAG_ATTRS = frozenset({"IS_SPACE", "IS_PUNCT"})
_UNNAMED = -1  # stands for every value of a string attribute that no rule names


def match_attributes_per_token(nlp: Language) -> None:
    """The model's attribute_ruler becomes a `TokenAttributeRuler` with its rules."""
    name = "attribute_ruler"
    if name in nlp.pipe_names and type(nlp.get_pipe(name)) is AttributeRuler:
        patterns = nlp.get_pipe(name).patterns
        nlp.replace_pipe(name, "sciwire_attribute_ruler").add_patterns(patterns)


def index_lemmas_in_sets(nlp: Language) -> None:
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
