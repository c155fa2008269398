"""The data dictionary (Markdown and HTML) and the run report, rendered from the
published tables with the Jinja templates in flows/templates/."""

from __future__ import annotations

import datetime as dt
import functools
import html
from pathlib import Path

import pyarrow.dataset as ds
from jinja2 import Environment, FileSystemLoader, select_autoescape

from expectations import schemas
from expectations.fields import OFFSETS
from flows.duckdb_views import DUCKDB_FILE
from flows.published_files import write_text
from transforms.derived import dictionary, indicator_chart, report_data

TEMPLATES = Path(__file__).parent / "templates"
_CHART_COLUMNS = {
    "articles": ["article_id", "published_date", "source_name"],
    "entities": ["label", "canonical_name", "text"],
    "metric_series": list(indicator_chart.COLUMNS),
    "quarantine": ["reason", "stage"],
}
_EXAMPLE_ROWS = 1000


def describe_tables(datasets: dict[str, ds.Dataset]) -> list[dictionary.TableDoc]:
    """Dictionary entries: published schema, contract meanings, an example row."""
    docs = []
    for name, dataset in datasets.items():
        sample = dataset.head(_EXAMPLE_ROWS)
        contract = schemas.TABLES.get(name)
        docs.append(
            dictionary.describe_table(name, sample, dataset.count_rows(), contract)
        )
    return docs


def write_data_dictionary(
    root: Path, datasets: dict[str, ds.Dataset]
) -> dict[str, Path]:
    """DATA_DICTIONARY.md and data_dictionary.html, from the same entries."""
    tables = describe_tables(datasets)
    context = {
        "tables": tables,
        "generated": _now(),
        "duckdb": DUCKDB_FILE,
        "offsets": OFFSETS,
        "null": dictionary.NULL,
    }
    md = _render("data_dictionary.md.j2", context)
    page = _render("data_dictionary.html.j2", context)
    return {
        "dictionary_md": write_text(root / "DATA_DICTIONARY.md", md),
        "dictionary_html": write_text(root / "data_dictionary.html", page),
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
    articles = frames["articles"]
    chart = indicator_chart.indicator_series(
        frames["metric_series"], summary.get("indicator")
    )
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
        "plot": indicator_chart.plot_points(chart, 820, 260) if chart else None,
        "marks": indicator_chart.QUALIFIER_MARKS,
    }
    return write_text(root / "report.html", _render("report.html.j2", context))


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
