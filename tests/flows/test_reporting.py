import importlib.util
import os
import re
import stat
import sys
from pathlib import Path

import duckdb
import pytest

from expectations import schemas
from flows import data_docs, reporting
from tests.fixtures.report_warehouse import (
    EVIL,
    SUMMARY,
    add_validation_results,
    make_warehouse,
)

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return make_warehouse(tmp_path / "warehouse")


@pytest.fixture
def validated_warehouse(tmp_path: Path) -> Path:
    """With real Great Expectations results of run-1, recorded as published."""
    root = make_warehouse(tmp_path / "warehouse")
    add_validation_results(root, "run-1")
    return root


def test_write_reports_writes_every_artefact(warehouse: Path):
    written = reporting.write_reports(warehouse, SUMMARY)
    assert set(written) == {"duckdb", "dictionary_md", "dictionary_html", "report"}
    assert all(path.exists() for path in written.values())
    assert not [p for p in warehouse.iterdir() if p.name.startswith(".sciwire-")]


def test_duckdb_views_use_absolute_paths(warehouse: Path, tmp_path: Path, monkeypatch):
    reporting.write_reports(warehouse, SUMMARY)
    monkeypatch.chdir(tmp_path)  # a BI server never runs inside the warehouse
    with duckdb.connect(str(warehouse / "sciwire.duckdb"), read_only=True) as con:
        listed = con.execute("select view_name from duckdb_views()").fetchall()
        views = {row[0] for row in listed}
        tables = {"articles", "entities", "metrics", "quarantine", "metric_series"}
        assert tables <= views
        assert con.execute("select count(*) from articles").fetchone() == (2,)
        rows = dict(con.execute("select * from sciwire_tables").fetchall())
        assert rows["metric_series"] == 1


def test_data_dictionary_covers_every_column_and_escapes_examples(warehouse: Path):
    reporting.write_reports(warehouse, SUMMARY)
    markdown = (warehouse / "DATA_DICTIONARY.md").read_text()
    page = (warehouse / "data_dictionary.html").read_text()
    for name in schemas.ARTICLES.names:
        assert f"`{name}`" in markdown and f"<code>{name}</code>" in page
    assert "hash of the normalised text" in markdown
    assert "<script" not in markdown and "<script" not in page
    assert "&lt;script&gt;" in page


def test_data_dictionary_states_conventions_types_and_one_example_row(tmp_path: Path):
    """Offsets, percent, dates and examples explained; SQL type beside the Arrow type;
    every column has a meaning; the examples of a table are one row."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    from flows.report_pages import write_data_dictionary
    from tests.fixtures.report_warehouse import ARTICLES

    rows = {**ARTICLES, "author": ["Hou Jianguo", None]}
    # columns the fixture leaves out are NULL in both rows
    columns = {name: rows.get(name, [None, None]) for name in schemas.ARTICLES.names}
    table = pa.table(columns, schema=schemas.ARTICLES)
    dataset = ds.dataset(table)
    written = write_data_dictionary(tmp_path, {"articles": dataset})
    markdown = written["dictionary_md"].read_text()
    page = written["dictionary_html"].read_text()
    for text in (markdown, page):
        assert "substr(body, start_char+1, end_char-start_char)" in text
        assert "0-based and end-exclusive" in text
        assert "27.3 with" in text and "not 0.273" in text
        assert "SQL type" in text and "Arrow type" in text
        assert "no meaning recorded" not in text
        assert "there is no" in text and "published_month" in text
    lines = {line.split(" | ")[0]: line for line in markdown.splitlines()}
    assert "| DATE | date32[day] |" in lines["| `published_date`"]
    assert "| BIGINT | int64 |" in lines["| `word_count`"]
    # a1 is the row with an author: every example is a1's, none comes from a2
    assert lines["| `article_id`"].endswith("| a1 |")
    assert lines["| `author`"].endswith("| Hou Jianguo |")
    assert lines["| `published_date`"].endswith("| 2024-01-05 |")
    assert lines["| `duplicate_of`"].endswith("| NULL |")


def test_run_report_is_self_contained_and_escaped(warehouse: Path):
    reporting.write_reports(warehouse, SUMMARY)
    page = (warehouse / "report.html").read_text()
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r'(src|href)="https?://', page)
    assert page.count("<svg") >= 5  # outlets, quarantine, months, entities, indicator
    assert "<code>country</code>" in page
    # the chart names what is counted and about whom, and labels the qualifier
    assert "<code>country</code> about <code>&lt;script&gt;" in page
    assert ">&gt;160</text>" in page and "over 160 countries &lt;script&gt;" in page


def test_write_reports_tolerates_a_warehouse_without_tables(tmp_path: Path):
    written = reporting.write_reports(tmp_path, {"run_id": "r"})
    with duckdb.connect(str(written["duckdb"]), read_only=True) as con:
        assert con.execute("select count(*) from sciwire_tables").fetchone() == (0,)
    assert "nothing to show" in written["report"].read_text()


def test_localize_data_docs_points_loading_tags_at_local_copies(tmp_path: Path):
    site = tmp_path / "local_site"
    page = site / "validations" / "t" / "run" / "page.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<link href="https://cdn.example/bootstrap/4.3.1/css/bootstrap.min.css">'
        '<script src="https://cdn.example/jquery-3.7.1.min.js"></script>'
        '<img src="https://assets.example/logo-long.png?d=1&id=2">'
        '<a href="https://docs.example/how">docs</a>'
    )
    assert data_docs.localize_data_docs(site) == 1
    html = page.read_text()
    assert 'href="../../../static/vendor/bootstrap/bootstrap.min.css"' in html
    assert 'src="../../../static/vendor/jquery/jquery.min.js"' in html
    assert 'src="../../../static/images/logo-long.png"' in html
    assert 'href="https://docs.example/how"' in html  # a link, not a load
    for local in re.findall(r'(?:src|href)="(\.\./[^"]+)"', html):
        if "images" not in local:
            assert (page.parent / local).exists(), local
    assert data_docs.localize_data_docs(site) == 0  # idempotent


def test_every_vendored_asset_exists():
    import json

    listing = json.loads((data_docs.DATADOCS_ASSETS / "ASSETS.json").read_text())
    for asset in listing["assets"]:
        assert (data_docs.DATADOCS_ASSETS / asset["path"]).stat().st_size > 100


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_published_reports_follow_the_umask(validated_warehouse: Path, umask: int):
    previous = os.umask(umask)
    try:
        written = reporting.write_reports(validated_warehouse, SUMMARY)
    finally:
        os.umask(previous)
    site = written["data_docs"].parent
    assert len(list(site.rglob("*.html"))) >= 3  # index, suite, validation pages
    published = [*written.values(), *site.rglob("*")]
    wrong = {
        str(path.relative_to(validated_warehouse)): oct(
            stat.S_IMODE(path.stat().st_mode)
        )
        for path in published
        if stat.S_IMODE(path.stat().st_mode)
        != (0o777 if path.is_dir() else 0o666) & ~umask
    }
    assert wrong == {}


def test_rebuilding_by_hand_keeps_the_run_id_and_suite_results(
    validated_warehouse: Path, tmp_path: Path
):
    reporting.write_reports(validated_warehouse, SUMMARY)
    moved = validated_warehouse.rename(tmp_path / "moved")
    assert reporting.main([str(moved)]) == 0
    page = (moved / "report.html").read_text()
    assert "<code>run-1</code>" in page
    # the articles suite failed in run-1 (one empty body was quarantined)
    assert re.search(r"<code>articles</code></td><td><span class=\"pill bad\">", page)
    with duckdb.connect(str(moved / "sciwire.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone() == (2,)


def test_rebuilding_by_hand_needs_a_published_snapshot(warehouse: Path):
    assert reporting.main([str(warehouse)]) == 2  # no _state.json: never published
    assert not (warehouse / "report.html").exists()


class _View:
    def render(self, jinja_context, content_block, *args, **kwargs):
        return content_block if isinstance(content_block, str) else content_block


@pytest.mark.parametrize(
    ("block", "markdown", "expected"),
    [
        (EVIL, False, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img"),
        ([EVIL, {"content_block_type": "x"}], False, "&lt;script&gt;"),
        (EVIL, True, "<script>"),
    ],
)
def test_escape_plain_strings_escapes_html_but_not_markdown(block, markdown, expected):
    render = data_docs.escape_plain_strings(_View.render)
    out = render(_View(), {}, block, render_to_markdown=markdown)
    assert expected in str(out)


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
)
def test_reports_render_in_headless_chromium(warehouse: Path, tmp_path: Path):
    script = Path(__file__).parents[2] / "scripts" / "screenshot_reports.py"
    spec = importlib.util.spec_from_file_location("screenshot_reports", script)
    shots = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, shots)  # dataclasses look their module up
    spec.loader.exec_module(shots)
    reporting.write_reports(warehouse, SUMMARY)
    site = tmp_path / "site"
    (site / "static").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="https://cdn.example/bootstrap/4.3.1/css/'
        'bootstrap.min.css"></head><body><div class="container"><h1>Data Docs</h1>'
        '<button class="btn btn-primary btn-lg">Validation results</button>'
        '<table class="table table-striped"><tr><td>articles</td><td>passed</td></tr>'
        "</table></div></body></html>"
    )
    data_docs.localize_data_docs(site)
    for page in (warehouse / "report.html", site / "index.html"):
        png = shots.screenshot(page, tmp_path / f"{page.stem}.png")
        stats = shots.pixel_stats(png)
        assert shots.looks_rendered(stats), (page, stats)
        assert stats.coloured > 0.001, (page, stats)  # styles applied: coloured pixels
