"""Score the clean stage on the clean-dev page dumps (tuning and held-out parts).

    uv run python benchmarks/clean_dev.py [--bench ../shared/bench] [--out DIR]
    uv run python benchmarks/clean_dev.py --seeds ../shared/seeds [--gold DIR]

Pages whose id hashes into the held-out quarter are never used for tuning or
training; their F1 is reported separately.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import time
from pathlib import Path

from transforms.clean.article import clean_document
from transforms.clean.repeats import as_documents, evidence_table, repeated_line_keys

HELD_OUT_BUCKETS = 4  # one bucket in four is held out


def is_held_out(page_id: str) -> bool:
    """Fixed split by id hash: about 25% of pages are held out."""
    return (
        int(hashlib.sha256(page_id.encode()).hexdigest()[:8], 16) % HELD_OUT_BUCKETS
        == 0
    )


def read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def load_pages(bench: Path) -> dict[str, list[str]]:
    dumps = sorted((bench / "clean-dev" / "dumps").glob("*.txt"))
    return {p.stem: read_lines(p) for p in dumps}


def load_truth(bench: Path) -> dict[str, str]:
    truth = {}
    for p in sorted((bench / "clean-dev" / "truth").glob("*.json")):
        truth[p.stem] = json.loads(p.read_text(encoding="utf-8"))["articleBody"]
    return truth


def _norm(text: str) -> str:
    return " ".join(text.split())


def line_labels(lines: list[str], article_body: str) -> list[int]:
    """1 for lines that are paragraphs (or long pieces) of the true article body."""
    paragraphs = {_norm(p) for p in article_body.split("\n") if p.strip()}
    full = _norm(article_body)
    return [
        int(_norm(line) in paragraphs or (len(line) > 40 and _norm(line) in full))
        for line in lines
    ]


def _scorer(bench: Path):
    spec = importlib.util.spec_from_file_location(
        "score_clean", bench / "score_clean.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_seeds(seeds: Path, gold: Path, out=sys.stdout) -> bool:
    """Split and clean the seed files as the pipeline does and compare each
    document's body lines (headline included) with the gold `body_lines`."""
    from transforms.clean import clean_documents
    from transforms.split import split_sources

    files = sorted(seeds.glob("*.txt"))
    split = split_sources((f.name, f.read_bytes()) for f in files)
    blocks = clean_documents(split.documents).blocks
    perfect = True
    for f in files:
        want = set(json.loads((gold / f"{f.stem}.json").read_text("utf-8"))
                   ["body_lines"])  # fmt: skip
        rows = blocks[blocks["source_path"] == f.name]
        got = set(rows.loc[rows["label"].isin(["title", "body"]), "ordinal"])
        ok = got == want and len(rows) > 0
        perfect &= ok
        extra, missing = sorted(got - want), sorted(want - got)
        out.write(f"seed {f.stem}: {'ok' if ok else 'WRONG'}"
                  f"{'' if ok else f' extra={extra} missing={missing}'}\n")  # fmt: skip
    out.write(f"seeds: {'all perfect' if perfect else 'NOT perfect'}\n")
    return perfect


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bench", type=Path, default=Path("../shared/bench"))
    ap.add_argument("--out", type=Path, help="write <id>.txt predictions here")
    ap.add_argument("--per-page", action="store_true", help="print per-page F1")
    ap.add_argument("--seeds", type=Path, help="check the seed files instead")
    ap.add_argument("--gold", type=Path, default=Path("../shared/gold"))
    args = ap.parse_args(argv)
    if args.seeds:
        sys.exit(0 if check_seeds(args.seeds, args.gold) else 1)

    pages = load_pages(args.bench)
    truth = load_truth(args.bench)
    repeated = repeated_line_keys(evidence_table(as_documents(pages)))
    start = time.perf_counter()
    none: frozenset[int] = frozenset()
    pred = {pid: clean_document(lines, repeated_lines=repeated.get(pid, none)).body
            for pid, lines in pages.items()}  # fmt: skip
    elapsed = time.perf_counter() - start
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for pid, body in pred.items():
            (args.out / f"{pid}.txt").write_text(body, encoding="utf-8")

    scorer = _scorer(args.bench)
    out = sys.stdout
    for part, keep in (("tuning", False), ("held-out", True), ("all", None)):
        ids = [i for i in truth if keep is None or is_held_out(i) == keep]
        _, counts, _ = scorer.score({i: truth[i] for i in ids}, pred)
        f1, p, r = scorer.benchmark_prf(counts)
        out.write(f"{part:9s} pages={len(ids):3d} F1={f1:.4f} P={p:.4f} R={r:.4f}\n")
        if args.per_page and keep is False:
            for i, c in zip(ids, counts, strict=True):
                pf = scorer.f1_of(scorer.page_precision(*c), scorer.page_recall(*c))
                out.write(f"  {i[:12]} tp={c[0]} fp={c[1]} fn={c[2]} f1={pf:.3f}\n")
    out.write(f"speed: {len(pages) / elapsed:.1f} pages/s of clean_document "
              f"({len(pages)} pages, {elapsed:.2f} s)\n")  # fmt: skip


if __name__ == "__main__":
    main()
