"""Fault injection: kill -9 `sciwire run` at random moments and check the warehouse.

Builds a dirty corpus (the seeds plus every kind of bad input), publishes a first
snapshot, then repeatedly starts a run that would publish a different snapshot and kills
its whole process group with SIGKILL after a random delay. After each kill the published
tables must be readable by pyarrow and DuckDB and equal to the old or the new snapshot,
never a mix; the next run must complete. Also starts a run while the warehouse's lock
is held and checks that it is refused. Prints the figures.

    uv run python scripts/fault_injection.py --trials 8
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow.dataset as ds

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from flows.catalog import Catalog  # noqa: E402
from flows.lock import warehouse_lock  # noqa: E402
from tests.fixtures.cli import run_command  # noqa: E402
from tests.fixtures.dirty_corpus import EN_STORY, build_dirty_corpus  # noqa: E402

TABLES = (
    "articles",
    "entities",
    "metrics",
    "quotes",
    "entity_catalog",
    "quarantine",
    "blocks",
)


def _start(source: Path, warehouse: Path) -> subprocess.Popen:
    return subprocess.Popen(
        run_command(source, warehouse),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, "SCIWIRE_MAX_FILE_BYTES": str(64 * 1024)},
    )


def _snapshot(warehouse: Path) -> dict[str, frozenset]:
    """Article ids per table, read with pyarrow and cross-checked with DuckDB."""
    found = {}
    for table in TABLES:
        rows = ds.dataset(warehouse / table, format="parquet").to_table()
        glob = (warehouse / table / "**" / "*.parquet").as_posix()
        count = duckdb.sql(f"select count(*) from read_parquet('{glob}')").fetchall()[
            0
        ][0]
        if count != rows.num_rows:
            raise AssertionError(
                f"{table}: DuckDB reads {count}, pyarrow {rows.num_rows}"
            )
        key = (
            "article_id" if "article_id" in rows.column_names else rows.column_names[0]
        )
        found[table] = frozenset(map(str, rows.column(key).to_pylist()))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--max-delay", type=float, default=12.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="sciwire-faults-"))
    source, warehouse = work / "source", work / "warehouse"
    expected = build_dirty_corpus(source, 64 * 1024)
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        shutil.copy(seed, source / seed.name)
    first = _start(source, warehouse)
    first.wait()
    old = _snapshot(warehouse)
    print(
        f"inputs: {len(expected) + 5} entries "
        f"({len(expected)} dirty-corpus outcomes + 5 seeds)"
    )
    intact = completed = 0
    for trial in range(args.trials):
        (source / f"new_{trial}.txt").write_text(
            EN_STORY.format(title=f"Story number {trial}")
        )
        run = _start(source, warehouse)
        delay = rng.uniform(0.5, args.max_delay)
        time.sleep(delay)
        finished = run.poll() is not None
        if not finished:
            os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        now = _snapshot(warehouse)
        ok = now == old or now["articles"] != old["articles"]
        mixed = [t for t in TABLES[1:4] if not now[t] <= now["articles"]]
        ok = ok and not mixed
        intact += ok
        state = "finished before the kill" if finished else f"killed after {delay:.1f}s"
        print(
            f"trial {trial + 1}: {state}; "
            f"published tables {'intact' if ok else 'BROKEN'}"
        )
        recovery = _start(source, warehouse)
        output, _ = recovery.communicate()
        completed += recovery.returncode == 0
        old = _snapshot(warehouse)
    # A run while another writer holds the warehouse, as a run would: this script
    # holds the lock itself, since two real runs overlap only if the first is still
    # writing when the second gets there. The source changes, so that the run has
    # work to do (on an unchanged one it returns before it takes the lock).
    (source / "new_concurrent.txt").write_text(
        EN_STORY.format(title="Story for two runs at once")
    )
    with warehouse_lock(Catalog.at(str(warehouse)).lock_path):
        second = _start(source, warehouse)
        second_out, _ = second.communicate()
    refused = second.returncode == 3 and "being written" in second_out
    leftovers = sorted(p.name for p in (warehouse / ".staging").glob("*"))
    print(
        f"kill -9 trials: {args.trials}; "
        f"published tables intact after the kill: {intact}"
    )
    print(f"next run completed after each kill: {completed}/{args.trials}")
    print(f"run refused while the lock is held, with a message: {refused}")
    print(f"staging left behind after the last run: {leftovers or 'none'}")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if intact == completed == args.trials and refused and not leftovers else 1


if __name__ == "__main__":
    sys.exit(main())
