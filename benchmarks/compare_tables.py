"""Do two versions of the code publish the same tables? Runs `sciwire run` for two git
refs on the same inputs and compares every published table row for row.

    uv run python benchmarks/compare_tables.py          # main against the working tree
    uv run python benchmarks/compare_tables.py --refs main HEAD --shared ../shared

A ref is exported with `git archive` and run with this interpreter (its packages
come from this venv; the script warns when the refs' `uv.lock` differ); the ref
`WORKTREE` is the working tree as it is. The inputs: `seeds/`,
`SHARED/bench/clean-dev/dumps` and `benchmarks/indomain/texts` when they exist, the
same files for both refs. Rows are compared after sorting by every column; the
columns that name a run (`run_id`, timestamps) are left out. Exits 1 when a table
differs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

ROOT = Path(__file__).resolve().parents[1]
WORKTREE = "WORKTREE"
IGNORED_COLUMNS = frozenset({"run_id"})


def export_ref(ref: str, target: Path) -> Path:
    """The code of `ref` in `target` (the working tree itself for WORKTREE)."""
    if ref == WORKTREE:
        return ROOT
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def lock_of(ref: str) -> bytes:
    if ref == WORKTREE:
        return (ROOT / "uv.lock").read_bytes()
    return subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{ref}:uv.lock"],
        check=True,
        capture_output=True,
    ).stdout


def run_flow(code: Path, source: Path, warehouse: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(code), PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, "-m", "sciwire.cli", "run", "--source", str(source)]
    done = subprocess.run(
        [*command, "--warehouse", str(warehouse)],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"sciwire run failed ({done.returncode}) in {code}")


def published_tables(warehouse: Path) -> dict[str, pd.DataFrame]:
    """Every table folder of the current snapshot that holds Parquet, read whole
    (hive partitions too); the warehouse's own folders for a layout before
    snapshots."""
    current = warehouse / "current"
    root = current if current.is_dir() else warehouse
    tables = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name.startswith(".") or not any(folder.rglob("*.parquet")):
            continue
        table = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
        tables[folder.name] = _comparable(table)
    return tables


def _comparable(table: pa.Table) -> pd.DataFrame:
    keep = [
        f.name
        for f in table.schema
        if f.name not in IGNORED_COLUMNS and not pa.types.is_timestamp(f.type)
    ]
    frame = table.select(keep).to_pandas()
    frame = frame[sorted(frame.columns)]
    text = frame.map(_cell)
    return text.sort_values(list(text.columns)).reset_index(drop=True)


def _cell(value) -> str:
    """A cell as text: lists and arrays by their items, NaN and None alike."""
    if hasattr(value, "__len__") and not isinstance(value, str):
        return repr(list(value))
    return repr(None if pd.isna(value) else value)


def compare(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> list[str]:
    """One verdict line per table; differences are counted, not just flagged."""
    lines = []
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            lines.append(f"{name:16} DIFFERS: only in {'b' if name in b else 'a'}")
            continue
        x, y = a[name], b[name]
        if list(x.columns) != list(y.columns):
            extra = sorted(set(x.columns) ^ set(y.columns))
            lines.append(f"{name:16} DIFFERS: columns {extra}")
        elif x.equals(y):
            lines.append(f"{name:16} identical ({len(x)} rows)")
        else:
            merged = x.merge(y, how="outer", indicator=True)
            only_a = int((merged["_merge"] == "left_only").sum())
            only_b = int((merged["_merge"] == "right_only").sum())
            lines.append(
                f"{name:16} DIFFERS: {len(x)} vs {len(y)} rows, "
                f"{only_a} only in a, {only_b} only in b"
            )
    return lines


def corpora(shared: Path) -> dict[str, Path]:
    found = {
        "seeds": ROOT / "seeds",
        "clean-dev": shared / "bench" / "clean-dev" / "dumps",
        "indomain": ROOT / "benchmarks" / "indomain" / "texts",
    }
    return {name: path for name, path in found.items() if path.is_dir()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refs", nargs=2, default=["main", WORKTREE])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    ref_a, ref_b = args.refs
    if lock_of(ref_a) != lock_of(ref_b):
        print("warning: the refs pin different packages; both run with this venv's")
    ok = True
    with tempfile.TemporaryDirectory(prefix="sciwire-compare-") as tmp:
        work = Path(tmp)
        code_a = export_ref(ref_a, work / "code-a")
        code_b = export_ref(ref_b, work / "code-b")
        for name, source in corpora(args.shared).items():
            runs = {}
            for side, code in (("a", code_a), ("b", code_b)):
                warehouse = work / f"{name}-{side}"
                run_flow(code, source, warehouse)
                runs[side] = published_tables(warehouse)
            print(f"== {name} ({source}): a = {ref_a}, b = {ref_b}")
            verdicts = compare(runs["a"], runs["b"])
            ok = ok and all("DIFFERS" not in v for v in verdicts)
            print("\n".join(f"   {v}" for v in verdicts), flush=True)
    print("verdict: identical" if ok else "verdict: TABLES DIFFER")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
