"""Score the published tables on the in-domain development set, per tune/test half.

    uv run python benchmarks/indomain.py [--half tune|test|both] [--keep DIR]
        [--json OUT]

Runs `sciwire run` twice per half, as a user would: once on the page texts alone
(`texts/<id>.txt`) and once on the JSONL export (`pages.jsonl`, one `{"url", "text"}`
record per page) so the URL can date a page. Scores come from the shared scorer
(`tests/quality/score_gold.py`, a verbatim copy of ../shared/bench/score_gold.py);
the date with the URL is checked against the gold's `published_with_url` with the same
`date_ok` rule. The half is fixed by a hash of the URL, so a page never changes side.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.dataset as ds

ROOT = Path(__file__).resolve().parents[1]
INDOMAIN = ROOT / "benchmarks" / "indomain"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.quality import score_gold  # noqa: E402

HALVES = ("tune", "test")


def half_of(url: str) -> str:
    """The fixed split: the parity of the URL's hash decides the half."""
    return HALVES[int(hashlib.sha256(url.encode()).hexdigest()[:8], 16) % 2]


def load_gold(root: Path = INDOMAIN) -> dict[str, dict]:
    """Gold files by page id."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((root / "gold").glob("*.json"))
    }


def run_sciwire(source: Path, warehouse: Path) -> None:
    """`sciwire run` as a user runs it; exits with its output when it fails."""
    command = [str(Path(sys.executable).with_name("sciwire")), "run"]
    command += ["--source", str(source), "--warehouse", str(warehouse)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(
            f"sciwire run failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        )


def read_table(warehouse: Path, table: str) -> list[dict]:
    path = warehouse / table
    if not path.exists():
        return []
    return (
        ds.dataset(str(path), format="parquet", partitioning="hive")
        .to_table()
        .to_pylist()
    )


def run_jsonl(records: list[dict], work: Path) -> list[dict]:
    """Run the JSONL form of `{"url", "text"}` records; the published row of each
    record in input order ({} for a record that was not published)."""
    source = work / "jsonl"
    source.mkdir()
    with (source / "pages.jsonl").open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    warehouse = work / "jsonl_warehouse"
    run_sciwire(source, warehouse)
    by_line = {}
    for row in read_table(warehouse, "articles"):
        line = int(str(row["source_path"]).rsplit("#", 1)[1])
        by_line[line] = row
    return [by_line.get(line, {}) for line in range(1, len(records) + 1)]


def _url_dates(gold: dict[str, dict], ids: list[str], work: Path) -> dict:
    """Run the JSONL form of the pages and check each page's date against the gold."""
    records = [
        {
            "url": gold[page_id]["url"],
            "text": (INDOMAIN / "texts" / f"{page_id}.txt").read_text(encoding="utf-8"),
        }
        for page_id in ids
    ]
    rows = run_jsonl(records, work)
    correct, urls = 0, 0
    for page_id, row in zip(ids, rows, strict=True):
        correct += score_gold.date_ok(
            gold[page_id].get("published_with_url"), row.get("published_date")
        )
        urls += row.get("url") == gold[page_id]["url"]
    return {"date_with_url_acc": correct / len(ids), "url_kept": urls / len(ids)}


def score_half(half: str, gold: dict[str, dict], work: Path) -> dict:
    """Run and score one half; returns the scorer's overall block plus URL dates."""
    ids = [page_id for page_id, g in gold.items() if half_of(g["url"]) == half]
    texts, gold_dir = work / "texts", work / "gold"
    texts.mkdir(parents=True)
    gold_dir.mkdir()
    for page_id in ids:
        shutil.copy(INDOMAIN / "texts" / f"{page_id}.txt", texts)
        shutil.copy(INDOMAIN / "gold" / f"{page_id}.json", gold_dir)
    warehouse = work / "warehouse"
    run_sciwire(texts, warehouse)
    scores = work / "scores.json"
    argv = ["--texts", str(texts), "--gold", str(gold_dir)]
    argv += ["--warehouse", str(warehouse), "--json", str(scores)]
    score_gold.main(argv)
    result = json.loads(scores.read_text())
    published = {row["source_path"] for row in read_table(warehouse, "articles")}
    result["overall"]["published"] = sum(f"{i}.txt" in published for i in ids)
    result["overall"].update(_url_dates(gold, ids, work))
    return result


def summary_line(half: str, overall: dict, english: dict) -> str:
    def f1(block: dict, key: str) -> str:
        value = block[key]["f1"]
        return "n/a" if value is None else f"{value:.3f}"

    def share(value) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    body = overall["body"]
    return (
        f"[{half}] pages={overall['n_articles']} published={overall['published']}"
        f" body P/R/F1={share(body['p'])}/{share(body['r'])}/{share(body['f1'])}"
        f" title={share(overall['title_exact'])} date_text={share(overall['date_acc'])}"
        f" date_url={share(overall['date_with_url_acc'])}"
        f" language={share(overall['language_acc'])}"
        f" ent_typed={f1(english, 'ent_typed')}"
        f" ent_untyped={f1(english, 'ent_untyped')}"
        f" metric_value={f1(english, 'met_value')}"
        f" metric_value_unit={f1(english, 'met')}"
        f" qualifier={share(english['qualifier_acc'])}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both")
    parser.add_argument("--keep", type=Path, help="keep warehouses and scores here")
    parser.add_argument("--json", type=Path, help="write every score as JSON here")
    args = parser.parse_args(argv)
    gold = load_gold()
    halves = HALVES if args.half == "both" else (args.half,)
    work = args.keep or Path(tempfile.mkdtemp(prefix="indomain-"))
    results, lines = {}, []
    for half in halves:
        result = score_half(half, gold, work / half)
        results[half] = result
        lines.append(summary_line(half, result["overall"], result["english"]))
    print("\n" + "\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
