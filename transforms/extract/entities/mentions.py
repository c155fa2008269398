"""Entity mentions of an article body: spaCy NER corrected by lexicons and name rules.

Sources, strongest first: the lexicon span_ruler (countries, regions, international
bodies, programmes), head-word name rules (`name_rules`), a dateline credit
("Nov 28 (Xinhua):"), then the model's NER for everything else (people, cities, firms).
Nesting: mentions are flat, but a complete multi-word name of a *different* entity
inside a longer one is emitted too ("Communist Party of China" in "20th National
Congress of the Communist Party of China"); a same-label prefix is not, except an
organisation inside one of its organs ("United Nations" in "United Nations General
Assembly"); single words inside names ("Asia" in "OpenGov Asia") are never split out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from transforms.extract.entities.canonical import (
    Candidate,
    display_name,
    entity_id,
    link_acronyms,
    link_surnames,
)
from transforms.extract.entities.class_nouns import retype_by_class_noun
from transforms.extract.entities.glued import glued_lexicon_names
from transforms.extract.entities.layers import TopLayer
from transforms.extract.entities.lexicons import entity_patterns
from transforms.extract.entities.name_rules import find_names, name_runs
from transforms.extract.entities.places import (
    drop_compound_modifiers,
    missed_cities,
    retype_cities,
)
from transforms.extract.entities.repair import (
    drop_common_words,
    extend_cut_names,
    retype_by_head,
    retype_clubs,
    retype_places,
    retype_sports_leagues,
    retype_titled_appositions,
    titled_people,
)
from transforms.extract.entities.spans import (
    clean_candidate,
    dateline_candidates,
    ner_candidates,
)

RULER_NAME = "sciwire_entity_lexicon"
SPANS_KEY = "sciwire_entities"
_AFTER_CONNECTOR = re.compile(r"\s(?:of|for|on|in|at|and)(?:\s+the)?\s+$")


@dataclass(frozen=True)
class EntityMention:
    """One entity mention; `doc.text[start_char:end_char] == text`."""

    text: str
    label: str  # PERSON | ORG | LOC | MISC
    start_char: int
    end_char: int
    entity_id: str
    canonical_name: str


def add_entity_rules(nlp: Language) -> Language:
    """Add the lexicon span_ruler after the NER; it fills doc.spans, not doc.ents."""
    if RULER_NAME in nlp.pipe_names:
        return nlp
    patterns = list(entity_patterns())
    if not patterns:
        raise ValueError("entity lexicons are empty")
    placement = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "span_ruler",
        name=RULER_NAME,
        config={
            "spans_key": SPANS_KEY,
            "annotate_ents": False,
            "overwrite": True,
            "validate": True,
        },
        **placement,
    )
    with nlp.select_pipes(enable=[]):  # patterns need only the tokenizer
        ruler.add_patterns(patterns)
    return nlp


def extract_entities(doc: Doc, text: str | None = None) -> list[EntityMention]:
    """Entity mentions of `doc` (processed by a pipeline given `add_entity_rules`);
    `text`, when the caller holds it, is `doc.text`, which spaCy rebuilds from every
    token at each read."""
    if SPANS_KEY not in doc.spans:
        raise ValueError(
            f"doc has no {SPANS_KEY!r} spans: run it through a pipeline prepared "
            "with add_entity_rules(nlp)"
        )
    text = doc.text if text is None else text
    if not text.strip():
        return []
    strong = (
        drop_compound_modifiers(text, _lexicon_candidates(doc))
        + glued_lexicon_names(text)
        + _rule_candidates(text)
        + dateline_candidates(text)
    )
    strong = [c for c in (clean_candidate(text, c) for c in strong) if c]
    strong = retype_clubs(text, retype_by_class_noun(text, strong))
    top, nested = _resolve(drop_common_words(text, strong))
    weak = extend_cut_names(text, ner_candidates(doc), name_runs(text))
    weak = drop_compound_modifiers(text, weak)
    weak = [c for c in (clean_candidate(text, c) for c in weak) if c]
    weak = retype_clubs(text, retype_by_head(text, drop_common_words(text, weak)))
    weak = retype_sports_leagues(text, retype_titled_appositions(text, weak))
    weak = retype_cities(text, retype_places(text, weak, top.chosen))
    weak = retype_by_class_noun(text, weak)
    weak += missed_cities(text, top.chosen + weak)
    weak += titled_people(text, top.chosen + weak)
    nested = _add_ner(top, nested, weak)
    cands = top.chosen + [c for c in nested if _keep_nested(text, c, top)]
    cands = link_acronyms(text, cands)
    cands = link_surnames(text, cands)
    cands = _drop_in_headings(text, cands)
    return _mentions(text, cands)


def _lexicon_candidates(doc: Doc) -> list[Candidate]:
    return [
        Candidate(s.start_char, s.end_char, s.label_, "lexicon", s.id_ or None)
        for s in doc.spans[SPANS_KEY]
    ]


def _rule_candidates(text: str) -> list[Candidate]:
    return [
        Candidate(n.start, n.end, n.label, "nested" if n.nested else "rule")
        for n in find_names(text)
    ]


def _resolve(cands: list[Candidate]) -> tuple[TopLayer, list[Candidate]]:
    """Longest candidates win overlaps; the ones they contain are kept as nested."""
    rank = {"lexicon": 0, "rule": 1, "dateline": 2, "nested": 3}
    order = sorted(cands, key=lambda c: (-(c.end - c.start), rank[c.source], c.start))
    top = TopLayer()
    nested: list[Candidate] = []
    for c in order:
        if hit := top.overlapping(c.start, c.end):
            if any(
                t.start <= c.start
                and c.end <= t.end
                and (t.start, t.end) != (c.start, c.end)
                for t in hit
            ):
                nested.append(c)
            continue
        top.add(c)
    return top, nested


def _add_ner(
    top: TopLayer, nested: list[Candidate], weak: list[Candidate]
) -> list[Candidate]:
    """NER fills the gaps; it beats lexicon places only with a longer name. Returns
    the nested candidates, with the places a longer NER name took over."""
    nested = list(nested)
    for c in weak:
        hit = top.overlapping(c.start, c.end)
        if not hit:
            top.add(c)
            continue
        wraps = all(c.start <= t.start and t.end <= c.end for t in hit)
        longer = all((t.start, t.end) != (c.start, c.end) for t in hit)
        if (
            wraps
            and longer
            and all(t.source == "lexicon" and t.label == "LOC" for t in hit)
        ):
            nested.extend(t for t in top.chosen if t in hit)
            top.replace(hit, c)
    return nested


def _keep_nested(text: str, c: Candidate, top: TopLayer) -> bool:
    """Nesting policy (module docstring): multi-word names of another entity."""
    outer = next(
        (
            t
            for t in top.overlapping(c.start, c.end)
            if t.start <= c.start and c.end <= t.end
        ),
        None,
    )
    if outer is None or " " not in text[c.start : c.end]:
        return False
    hyphens = ("-", "–")
    if text[c.start - 1 : c.start] in hyphens or text[c.end : c.end + 1] in hyphens:
        return False  # a fragment of a hyphen compound ("Asean" in "China-Asean")
    if c.canonical is not None and c.canonical == outer.canonical:
        return False  # another name of the same entity ("Republic of South Africa")
    if c.label == "LOC" and outer.label == "ORG":
        return False  # where the body is ("Chinese University of Hong Kong")
    if c.start == outer.start:
        return c.label != outer.label or c.label == "ORG"
    # "2030 Agenda for …" holds "Agenda for …": the same name, not another entity
    return bool(_AFTER_CONNECTOR.search(text[outer.start : c.start]))


def _drop_in_headings(text: str, cands: list[Candidate]) -> list[Candidate]:
    """In a Title Case heading every word is capitalised, so NER's organisation and
    misc guesses there are kept only when the same name occurs in the prose."""
    headings = [
        (m.start(), m.end())
        for m in re.finditer(r"[^\n]+", text)
        if _is_heading(m.group())
    ]
    if not headings:
        return cands

    def in_heading(c: Candidate) -> bool:
        return any(s <= c.start and c.end <= e for s, e in headings)

    prose = {text[c.start : c.end] for c in cands if not in_heading(c)}
    return [
        c
        for c in cands
        if not in_heading(c)
        or c.source != "ner"
        or c.label in ("PERSON", "LOC")
        or text[c.start : c.end] in prose
    ]


def _is_heading(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    if len(words) < 5 or len(line) > 300 or line.rstrip().endswith(tuple('.!?"”')):
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.8


def _mentions(text: str, cands: list[Candidate]) -> list[EntityMention]:
    """One mention per distinct span; same surface in an article → same canonical."""
    canon_by_surface: dict[tuple[str, str], str] = {}
    for c in sorted(cands, key=lambda c: text[c.start : c.end].isupper()):
        # "BEIJING" in a dateline takes the spelling of "Beijing" in the prose
        key = (text[c.start : c.end].casefold(), c.label)
        canon_by_surface.setdefault(
            key, c.canonical or display_name(text[c.start : c.end])
        )
    seen: set[tuple[int, int, str]] = set()
    out = []
    for c in sorted(cands, key=lambda c: (c.start, c.end, c.label)):
        key = (c.start, c.end, c.label)
        if key in seen:
            continue
        seen.add(key)
        surface = text[c.start : c.end]
        canonical = c.canonical or canon_by_surface[(surface.casefold(), c.label)]
        out.append(
            EntityMention(
                surface,
                c.label,
                c.start,
                c.end,
                entity_id(c.label, canonical),
                canonical,
            )
        )
    return out
