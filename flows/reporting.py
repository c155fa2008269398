"""After publish: the DuckDB file, data dictionary, run report and offline Data Docs.

`write_reports(warehouse, summary)` rewrites every artefact from what is published, so
each reflects the current snapshot; every file is built aside and swapped in with
`os.replace`, so a reader never sees half of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import json
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
from jinja2 import Environment, FileSystemLoader, select_autoescape

from expectations import schemas
from flows.catalog import Catalog
from transforms import report_data

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
DATADOCS_ASSETS = TEMPLATES / "datadocs_static"
DUCKDB_FILE = "sciwire.duckdb"
_CHART_COLUMNS = {
    "articles": ["article_id", "published_date", "source_name"],
    "entities": ["label", "canonical_name", "text"],
    "metrics": ["article_id", "value", "unit", "indicator"],
    "quarantine": ["reason", "stage"],
}
_EXAMPLE_ROWS = 1000
_LOADING_URL = re.compile(
    r'(<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)=")(https?://[^"]+)"'
)


def write_reports(warehouse: Path, summary: dict) -> dict[str, Path]:
    """Write sciwire.duckdb, DATA_DICTIONARY.md/.html and report.html into `warehouse`,
    and make its Data Docs readable offline; returns each artefact's path by name."""
    root = Path(warehouse).resolve()
    started = time.perf_counter()
    datasets = find_tables(root)
    written = {"duckdb": write_duckdb(root, datasets)}
    written.update(write_data_dictionary(root, datasets))
    written["report"] = write_run_report(root, datasets, summary)
    site = Catalog(root).report_path.parent
    if Catalog(root).validation_root.is_dir():
        # the only Data Docs build of a run: escaped, then pointed at local assets
        rebuild_escaped_data_docs(Catalog(root).validation_root)
        localize_data_docs(site)
        written["data_docs"] = site / "index.html"
    logger.info("reports written in %.2f s: %s", time.perf_counter() - started, written)
    return written


def find_tables(root: Path) -> dict[str, ds.Dataset]:
    """Every published table folder (one holding Parquet files), by name."""
    skip = {Catalog(root).validation_root.name}
    tables = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name[0] in "._" or folder.name in skip:
            continue
        if next(folder.rglob("*.parquet"), None) is not None:
            tables[folder.name] = ds.dataset(
                folder, format="parquet", partitioning="hive"
            )
    return tables


def write_duckdb(root: Path, datasets: dict[str, ds.Dataset]) -> Path:
    """A DuckDB file with one view per table over its Parquet files.

    Paths are absolute: DuckDB resolves relative ones against the querying process's
    working directory, which for Superset or Metabase is never the warehouse. The file
    is rebuilt every run; after moving a warehouse by hand, rebuild it with
    `python -m flows.reporting NEW_PATH`.
    """
    target = root / DUCKDB_FILE
    handle, scratch = tempfile.mkstemp(suffix=".duckdb", dir=root, prefix=".sciwire-")
    os.close(handle)
    os.unlink(scratch)  # DuckDB refuses an existing empty file
    try:
        with duckdb.connect(scratch) as con:
            for name in datasets:
                pattern = _sql_string(f"{(root / name).as_posix()}/**/*.parquet")
                con.execute(
                    f"create view {_identifier(name)} as select * from "
                    f"read_parquet({pattern}, hive_partitioning=true)"
                )
            con.execute("create table sciwire_tables (table_name varchar, rows bigint)")
            for name, dataset in datasets.items():
                con.execute(
                    "insert into sciwire_tables values (?, ?)",
                    [name, dataset.count_rows()],
                )
        os.replace(scratch, target)
    finally:
        for leftover in (scratch, scratch + ".wal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)
    return target


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def describe_tables(datasets: dict[str, ds.Dataset]) -> list[report_data.TableDoc]:
    """Dictionary entries: published schema, contract meanings, a sample of rows."""
    docs = []
    for name, dataset in datasets.items():
        sample = dataset.head(_EXAMPLE_ROWS)
        contract = schemas.TABLES.get(name)
        docs.append(
            report_data.describe_table(name, sample, dataset.count_rows(), contract)
        )
    return docs


def write_data_dictionary(
    root: Path, datasets: dict[str, ds.Dataset]
) -> dict[str, Path]:
    """DATA_DICTIONARY.md and data_dictionary.html, from the same entries."""
    tables = describe_tables(datasets)
    context = {"tables": tables, "generated": _now(), "duckdb": DUCKDB_FILE}
    md = _render("data_dictionary.md.j2", context)
    page = _render("data_dictionary.html.j2", context)
    return {
        "dictionary_md": _write_text(root / "DATA_DICTIONARY.md", md),
        "dictionary_html": _write_text(root / "data_dictionary.html", page),
    }


def load_chart_frames(datasets: dict[str, ds.Dataset]) -> dict:
    """The few columns the charts need, as frames (empty when a table is absent)."""
    import pandas as pd

    frames = {}
    for name, wanted in _CHART_COLUMNS.items():
        dataset = datasets.get(name)
        names = dataset.schema.names if dataset is not None else []
        columns = [c for c in wanted if c in names]
        frames[name] = (
            dataset.to_table(columns=columns).to_pandas() if columns else pd.DataFrame()
        )
    return frames


def write_run_report(
    root: Path, datasets: dict[str, ds.Dataset], summary: dict
) -> Path:
    """report.html: the run summary and its charts, one file with inline SVG."""
    frames = load_chart_frames(datasets)
    articles, metrics = frames["articles"], frames["metrics"]
    chart = report_data.indicator_series(metrics, articles, summary.get("indicator"))
    context = {
        "summary": summary,
        "generated": _now(),
        "rows": {name: d.count_rows() for name, d in datasets.items()},
        "per_outlet": report_data.count_values(articles, "source_name", top=25),
        "per_month": report_data.articles_per_month(articles),
        "entities": report_data.top_entities_by_type(frames["entities"], top=10),
        "quarantine": report_data.count_values(frames["quarantine"], "reason")
        or _bars(summary.get("quarantined") or {}),
        "indicator": chart,
        "plot": report_data.plot_points(chart, 860, 260) if chart else None,
    }
    return _write_text(root / "report.html", _render("report.html.j2", context))


def _bars(counts: dict[str, int]) -> list[report_data.Bar]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [report_data.Bar(str(k), v) for k, v in ranked]


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html", "html.j2"), default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = _markdown_cell
    env.filters["num"] = _number
    return env


def _render(template: str, context: dict) -> str:
    return _environment().get_template(template).render(**context)


def _markdown_cell(value) -> str:
    """Scraped text inside a Markdown table cell: no HTML, pipes or line breaks."""
    text = html.escape(str(value), quote=False).replace("|", "\\|")
    return " ".join(text.split())


def _number(value) -> str:
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.3g}" if abs(value) >= 1e6 else f"{value:,.2f}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _write_text(target: Path, text: str) -> Path:
    handle, scratch = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(scratch, target)
    return target


def localize_data_docs(site: Path) -> int:
    """Point Data Docs pages at local copies of their CDN assets; returns pages changed.

    The copies (listed with their npm package in datadocs_static/ASSETS.json) go to
    `static/vendor/`; GE's own logo comes from `static/images/`. Links to web pages are
    left alone: only loading tags (script, link, img, iframe) are rewritten.
    """
    assets = json.loads((DATADOCS_ASSETS / "ASSETS.json").read_text())["assets"]
    vendor = site / "static" / "vendor"
    shutil.copytree(DATADOCS_ASSETS, vendor, dirs_exist_ok=True)
    changed = 0
    for page in site.rglob("*.html"):
        static = Path(os.path.relpath(site / "static", page.parent)).as_posix()

        def _local(match: re.Match, static: str = static, page: Path = page) -> str:
            path = re.sub(r"^https?://[^/]+", "", match.group(2)).split("?")[0]
            local = next((a["path"] for a in assets if path.endswith(a["match"])), None)
            if local is not None:
                return f'{match.group(1)}{static}/vendor/{local}"'
            if path.endswith("/logo-long.png"):
                return f'{match.group(1)}{static}/images/logo-long.png"'
            logger.warning("data docs %s still loads %s", page.name, match.group(2))
            return match.group(0)

        text = page.read_text(encoding="utf-8")
        localized = _LOADING_URL.sub(_local, text)
        if localized != text:
            _write_text(page, localized)
            changed += 1
    return changed


def escape_plain_strings(render):
    """Wrap GE's `render_content_block` so plain strings (unexpected and observed
    values: scraped text) are HTML-escaped; GE 1.24 escapes only template params."""

    @functools.wraps(render)
    def render_escaped(self, jinja_context, content_block, *args, **kwargs):
        markdown = kwargs.get("render_to_markdown", args[2] if len(args) > 2 else False)
        if not markdown:
            if isinstance(content_block, str):
                return html.escape(content_block, quote=False)
            if isinstance(content_block, list):
                content_block = [
                    html.escape(e, quote=False) if isinstance(e, str) else e
                    for e in content_block
                ]
        return render(self, jinja_context, content_block, *args, **kwargs)

    return render_escaped


@contextlib.contextmanager
def escaped_data_docs() -> Iterator[None]:
    """While open, Data Docs built in this process escape scraped values."""
    from great_expectations.render.view.view import DefaultJinjaView

    original = DefaultJinjaView.render_content_block
    DefaultJinjaView.render_content_block = escape_plain_strings(original)
    try:
        yield
    finally:
        DefaultJinjaView.render_content_block = original


def rebuild_escaped_data_docs(validation_root: Path) -> None:
    """Re-render the latest validation result of each suite with escaping on."""
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=str(validation_root))
    latest = {}
    for key in context.validation_results_store.list_keys():
        suite = key.expectation_suite_identifier.name
        if suite not in latest or key.run_id.run_time > latest[suite].run_id.run_time:
            latest[suite] = key
    if latest:
        from great_expectations.data_context.types.resource_identifiers import (
            ExpectationSuiteIdentifier,
        )

        suites = [ExpectationSuiteIdentifier(name) for name in latest]
        with escaped_data_docs():
            context.build_data_docs(resource_identifiers=[*latest.values(), *suites])


# Rebuild after moving a warehouse by hand: python -m flows.reporting PATH
if __name__ == "__main__":
    import sys

    logging.basicConfig(level=logging.INFO)
    write_reports(Path(sys.argv[1]), {"run_id": "(rebuilt by hand)"})
