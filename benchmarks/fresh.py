"""Score titles, dates, outlets and languages on the fresh blind set, per half.

    uv run python benchmarks/fresh.py [--half tune|test|both] [--keep DIR]

The pages (benchmarks/fresh, 40 hosts the in-domain set does not have) carry metadata
gold only, so this scores the metadata an analyst sees first: title exact, date from the
text alone, date when the URL comes with the page (JSONL form), outlet and language. It
runs `sciwire run` twice per half, as benchmarks/indomain.py does, and uses the shared
scorer's normalisation (tests/quality/score_gold.py). Per-page lines are printed for the
tune half only; the test half reports aggregates.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRESH = ROOT / "benchmarks" / "fresh"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.indomain import (  # noqa: E402
    HALVES,
    half_of,
    load_gold,
    read_table,
    run_jsonl,
    run_sciwire,
)
from tests.quality import score_gold  # noqa: E402

MEASURES = ("title", "date_text", "date_url", "source", "language")


def page_records(gold: dict[str, dict], ids: list[str]) -> list[dict]:
    """The JSONL input form of the pages: one `{"url", "text"}` record each."""
    return [
        {
            "url": gold[page_id]["url"],
            "text": (FRESH / "texts" / f"{page_id}.txt").read_text(encoding="utf-8"),
        }
        for page_id in ids
    ]


def title_ok(gold: dict, row: dict) -> bool:
    """Exact title under the scorer's normalisation; a null gold wants no title."""
    got = score_gold.norm_text(row.get("title"))
    want = gold.get("title")
    return got == "" if want is None else got == score_gold.norm_text(want)


def source_ok(gold: dict, row: dict) -> bool:
    """The outlet, case-folded; a null gold wants no outlet named from the text."""
    got = score_gold.norm_text(row.get("source_name")).casefold()
    want = gold.get("source")
    return got == "" if want is None else got == score_gold.norm_text(want).casefold()


def language_ok(gold: dict, row: dict) -> bool:
    return score_gold.norm_lang(row.get("language")) == gold["language"]


def score_pages(gold: dict[str, dict], text_rows: dict, url_rows: dict) -> dict:
    """Per-page checks: text-form rows for title/date/source/language, JSONL rows
    for the date with the URL. Missing rows count as wrong."""
    pages = {}
    for page_id, page in gold.items():
        text_row, url_row = text_rows.get(page_id), url_rows.get(page_id)
        text_row_or_empty = text_row or {}
        pages[page_id] = {
            "title": text_row is not None and title_ok(page, text_row),
            "date_text": text_row is not None
            and score_gold.date_ok(
                page.get("published"), text_row.get("published_date")
            ),
            "date_url": url_row is not None
            and score_gold.date_ok(
                page.get("published_with_url"), url_row.get("published_date")
            ),
            "source": text_row is not None and source_ok(page, text_row),
            "language": text_row is not None and language_ok(page, text_row),
            "got_title": text_row_or_empty.get("title"),
        }
    return pages


def aggregate(pages: dict[str, dict]) -> dict[str, float]:
    return {m: sum(p[m] for p in pages.values()) / len(pages) for m in MEASURES}


def run_half(gold: dict[str, dict], work: Path) -> tuple[dict, dict]:
    """Run both input forms of these pages; rows by page id (text form, JSONL form)."""
    ids = sorted(gold)
    texts = work / "texts"
    texts.mkdir(parents=True)
    for page_id in ids:
        shutil.copy(FRESH / "texts" / f"{page_id}.txt", texts)
    warehouse = work / "warehouse"
    run_sciwire(texts, warehouse)
    text_rows = {
        Path(str(row["source_path"])).stem: row
        for row in read_table(warehouse, "articles")
    }
    url_rows = dict(zip(ids, run_jsonl(page_records(gold, ids), work), strict=True))
    return text_rows, {k: v for k, v in url_rows.items() if v}


def _page_line(page_id: str, gold: dict, checks: dict) -> str:
    marks = " ".join(f"{m}={'Y' if checks[m] else 'n'}" for m in MEASURES)
    line = f"{page_id} {marks}"
    if not checks["title"]:
        line += f"\n    gold={gold.get('title')!r}\n    got ={checks['got_title']!r}"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both")
    parser.add_argument("--keep", type=Path, help="keep the warehouses here")
    args = parser.parse_args(argv)
    gold = load_gold(FRESH)
    work = args.keep or Path(tempfile.mkdtemp(prefix="fresh-"))
    for half in HALVES if args.half == "both" else (args.half,):
        half_gold = {k: g for k, g in gold.items() if half_of(g["url"]) == half}
        pages = score_pages(half_gold, *run_half(half_gold, work / half))
        if half == "tune":
            for page_id in sorted(pages):
                print(_page_line(page_id, half_gold[page_id], pages[page_id]))
        figures = " ".join(f"{m}={v:.3f}" for m, v in aggregate(pages).items())
        print(f"[{half}] pages={len(pages)} {figures}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
