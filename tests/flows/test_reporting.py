import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from expectations import schemas
from flows import reporting

EVIL = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"
CHROMIUM = Path("/usr/bin/chromium")


def _write(root: Path, name: str, rows: dict, schema: pa.Schema | None = None) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    if schema is not None:  # contract columns added later stay null here
        size = len(next(iter(rows.values())))
        rows = {**{name: [None] * size for name in schema.names}, **rows}
    table = pa.table(rows, schema=schema) if schema else pa.table(rows)
    pq.write_table(table, folder / "part-0.parquet")


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    root = tmp_path / "warehouse"
    _write(
        root,
        "articles",
        {
            "article_id": ["a1", "a2"],
            "source_path": ["x.txt", "y.txt"],
            "title": [EVIL, "Plain"],
            "body": ["Body one.", "Body two."],
            "published_date": [dt.date(2024, 1, 5), dt.date(2024, 2, 9)],
            "source_name": [EVIL, "Xinhua"],
            "author": [None, None],
            "language": ["en", "en"],
            "word_count": [2, 2],
        },
        schemas.ARTICLES,
    )
    _write(
        root,
        "entities",
        {
            "article_id": ["a1", "a2"],
            "label": ["ORG", "LOC"],
            "canonical_name": [EVIL, "China"],
            "text": [EVIL, "China"],
        },
    )
    _write(
        root,
        "metrics",
        {"article_id": ["a1", "a2"], "value": [160.0, 170.0], "unit": ["country"] * 2},
    )
    _write(root, "quarantine", {"reason": ["articles.title_in_body"], "stage": ["v"]})
    _write(root, "metric_series", {"indicator": ["country"], "value": [1.0]})
    (root / ".staging").mkdir()
    return root


SUMMARY = {
    "run_id": "run-1",
    "published": True,
    "suites": {"articles": True, "metrics": False},
    "quarantined": {"articles.title_in_body": 1},
}


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


def test_run_report_is_self_contained_and_escaped(warehouse: Path):
    reporting.write_reports(warehouse, SUMMARY)
    page = (warehouse / "report.html").read_text()
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r'(src|href)="https?://', page)
    assert page.count("<svg") >= 5  # outlets, quarantine, months, entities, indicator
    assert "<code>country</code>" in page


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
    assert reporting.localize_data_docs(site) == 1
    html = page.read_text()
    assert 'href="../../../static/vendor/bootstrap/bootstrap.min.css"' in html
    assert 'src="../../../static/vendor/jquery/jquery.min.js"' in html
    assert 'src="../../../static/images/logo-long.png"' in html
    assert 'href="https://docs.example/how"' in html  # a link, not a load
    for local in re.findall(r'(?:src|href)="(\.\./[^"]+)"', html):
        if "images" not in local:
            assert (page.parent / local).exists(), local
    assert reporting.localize_data_docs(site) == 0  # idempotent


def test_every_vendored_asset_exists():
    import json

    listing = json.loads((reporting.DATADOCS_ASSETS / "ASSETS.json").read_text())
    for asset in listing["assets"]:
        assert (reporting.DATADOCS_ASSETS / asset["path"]).stat().st_size > 100


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
    render = reporting.escape_plain_strings(_View.render)
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
    reporting.localize_data_docs(site)
    for page in (warehouse / "report.html", site / "index.html"):
        png = shots.screenshot(page, tmp_path / f"{page.stem}.png")
        stats = shots.pixel_stats(png)
        assert shots.looks_rendered(stats), (page, stats)
        assert stats.coloured > 0.001, (page, stats)  # styles applied: coloured pixels
