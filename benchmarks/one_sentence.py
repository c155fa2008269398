"""Build a folder of one-sentence undated news pages and run sciwire over it.

    uv run python benchmarks/one_sentence.py OUT_DIR [--run]

The pages are the sentences of benchmarks/metrics_gold/sentences.jsonl plus the
first sentence of each body line of the in-domain tune half (never the test half),
one sentence per file, with no date in it. Each must publish as an article whose
body is that sentence: a lone sentence is body, not a headline with an empty body.
With --run, `sciwire run` goes over the folder and the counts are printed.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.indomain import INDOMAIN, half_of, load_gold  # noqa: E402
from transforms.clean.metadata import find_full_date  # noqa: E402

SENTENCES = ROOT / "benchmarks" / "metrics_gold" / "sentences.jsonl"
PAGES = 590
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def _tune_sentences() -> list[str]:
    """First sentences of the English tune-half body lines, 6 to 50 words."""
    out = []
    for page_id, gold in sorted(load_gold().items()):
        if half_of(gold["url"]) != "tune" or gold["language"] != "en":
            continue
        text = (INDOMAIN / "texts" / f"{page_id}.txt").read_text(encoding="utf-8")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for index in gold["body_lines"]:
            first = _SENTENCE_END.split(lines[index], maxsplit=1)[0]
            if 6 <= len(first.split()) <= 50 and first.endswith((".", "!", "?")):
                out.append(first)
    return out


def one_sentence_pages(limit: int = PAGES) -> list[tuple[str, str]]:
    """(file name, text) of up to `limit` distinct undated one-sentence pages."""
    rows = [json.loads(line) for line in SENTENCES.read_text("utf-8").splitlines()]
    sentences = [row["sentence"].strip() for row in rows] + _tune_sentences()
    seen: set[str] = set()
    pages = []
    for sentence in sentences:
        if sentence in seen or find_full_date(sentence) or sentence.startswith("date "):
            continue
        seen.add(sentence)
        pages.append((f"s{len(pages):04d}.txt", sentence + "\n"))
    return pages[:limit]


def write_pages(out: Path, limit: int = PAGES) -> int:
    out.mkdir(parents=True, exist_ok=True)
    pages = one_sentence_pages(limit)
    for name, text in pages:
        (out / name).write_text(text, encoding="utf-8")
    return len(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--run", action="store_true")
    args = parser.parse_args(argv)
    n = write_pages(args.out / "pages")
    print(f"{n} pages in {args.out / 'pages'}")
    if not args.run:
        return 0
    command = [str(Path(sys.executable).with_name("sciwire")), "run"]
    command += ["--source", str(args.out / "pages")]
    command += ["--warehouse", str(args.out / "warehouse")]
    done = subprocess.run(command, capture_output=True, text=True)
    print(done.stdout[-2000:])
    print(f"exit code {done.returncode}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
