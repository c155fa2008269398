"""The Data Docs as a reader opens them from disk: every asset local, nothing fetched
from the network, tabs and collapsibles working, no console error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows import data_docs, reporting
from tests.fixtures.devtools import CHROMIUM, Browser
from tests.fixtures.report_warehouse import (
    SUMMARY,
    add_validation_results,
    make_warehouse,
)

# what makes a browser fetch: loading tags and CSS url()/@import (links to web pages
# and URLs inside data: URIs or scripts' strings are not loads)
_FETCHES = (
    re.compile(
        r"<(?:script|link|img|iframe|source|audio|video|embed|object|image|use)\b"
        r"[^>]*?\b(?:src|href|xlink:href|data|srcset|poster)\s*=\s*['\"]?"
        r"((?:https?:)?//[^'\"\s>]+)",
        re.IGNORECASE,
    ),
    re.compile(r"url\(\s*['\"]?((?:https?:)?//[^'\")\s]+)", re.IGNORECASE),
    re.compile(r"@import\s+['\"]((?:https?:)?//[^'\"]+)", re.IGNORECASE),
)


def network_references(text: str) -> list[str]:
    return [url for pattern in _FETCHES for url in pattern.findall(text)]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A warehouse with real Data Docs (GE results of run-1) and every report."""
    root = make_warehouse(tmp_path_factory.mktemp("data-docs") / "warehouse")
    add_validation_results(root, "run-1")
    reporting.write_reports(root, SUMMARY)
    return root


def _site(root: Path) -> Path:
    return root / "validation/gx/uncommitted/data_docs/local_site"


def test_localized_tags_lose_integrity_and_crossorigin(tmp_path: Path):
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<script src="https://cdn.example/ajax/libs/popper.js/1.12.9/umd/popper.min.js"'
        ' integrity="sha384-Ap" crossorigin="anonymous"></script>'
        '<link rel="stylesheet" href="static/vendor/bootstrap/bootstrap.min.css"'
        ' integrity="sha384-gg" crossorigin>'
    )
    data_docs.localize_data_docs(page.parent)
    html = page.read_text()
    assert '<script src="static/vendor/popper/popper.min.js"></script>' in html
    assert (
        '<link rel="stylesheet" href="static/vendor/bootstrap/bootstrap.min.css">'
        in html
    )


def test_local_static_references_climb_to_the_site_root(tmp_path: Path):
    site = tmp_path / "site"
    page = site / "validations" / "t" / "run" / "time" / "page.html"
    page.parent.mkdir(parents=True)
    (site / "static" / "images").mkdir(parents=True)
    (site / "static" / "images" / "favicon.ico").write_bytes(b"icon")
    # as GE 1.24 writes it on validation pages: one level too few
    page.write_text(
        '<link rel="shortcut icon" href="../../../static/images/favicon.ico">'
    )
    data_docs.localize_data_docs(site)
    href = re.search(r'href="([^"]+)"', page.read_text()).group(1)
    assert href == "../../../../static/images/favicon.ico"
    assert (page.parent / href).resolve().is_file()


def test_css_urls_point_at_local_copies(tmp_path: Path):
    site = tmp_path / "site"
    styles = site / "static" / "styles" / "default.css"
    styles.parent.mkdir(parents=True)
    remote = "url('https://assets.example/full_logo_dark.png')"
    page = site / "index.html"
    dark_mode = "@media (prefers-color-scheme: dark)"
    page.write_text(f"<style>{dark_mode} {{ a {{ background: {remote} }} }}</style>")
    styles.write_text(f"a {{ background: {remote} 0 0 no-repeat; }}")
    assert data_docs.localize_data_docs(site) == 2
    assert (
        "url('static/vendor/great_expectations/logo-long-dark.svg')" in page.read_text()
    )
    assert (
        "url('../vendor/great_expectations/logo-long-dark.svg')" in styles.read_text()
    )
    assert (site / "static/vendor/great_expectations/logo-long-dark.svg").is_file()


def test_network_references_finds_loads_not_links():
    text = (
        '<a href="https://docs.example/how">docs</a>'
        "<img src='//cdn.example/x.png'>"
        '<div style="background:url(&quot;data:image/svg+xml,xmlns=http://w3.org&quot;)">'
        "<style>b { background: url(https://cdn.example/y.png) }</style>"
    )
    assert network_references(text) == [
        "//cdn.example/x.png",
        "https://cdn.example/y.png",
    ]


def test_no_published_page_or_style_loads_anything_from_the_network(published: Path):
    checked = [
        path
        for path in published.rglob("*")
        if path.suffix in (".html", ".css", ".svg", ".md")
    ]
    assert len([p for p in checked if p.is_relative_to(_site(published))]) >= 5
    found = {
        str(path.relative_to(published)): refs
        for path in checked
        if (refs := network_references(path.read_text(encoding="utf-8")))
    }
    assert found == {}


INTERACT_TAB = """(async () => {
  const tab = [...document.querySelectorAll('a[data-toggle="tab"]')]
    .find(a => !a.classList.contains('active'));
  const pane = document.querySelector(tab.getAttribute('href'));
  const before = pane.classList.contains('active');
  tab.click();
  await new Promise(done => setTimeout(done, 600));
  return {tab: tab.textContent.trim(), before,
          after: pane.classList.contains('active') && pane.offsetHeight > 0};
})()"""

EXPAND_MORE_INFO = """(async () => {
  const link = [...document.querySelectorAll('a[data-toggle="collapse"]')]
    .find(a => a.textContent.includes('Show more info'));
  const body = document.querySelector(link.getAttribute('href'));
  const before = body.offsetHeight;
  link.click();
  await new Promise(done => setTimeout(done, 1000));
  return {before, after: body.offsetHeight, shown: body.classList.contains('show')};
})()"""


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
)
def test_data_docs_work_offline_in_headless_chromium(published: Path):
    site = _site(published)
    validation = next((site / "validations").rglob("*.html"))
    with Browser() as browser:
        index = browser.new_page()
        index.open(site / "index.html")
        switched = index.evaluate(INTERACT_TAB)
        assert switched["before"] is False and switched["after"] is True, switched

        page = browser.new_page()
        page.open(validation)
        expanded = page.evaluate(EXPAND_MORE_INFO)
        assert expanded["before"] == 0 and expanded["after"] > 0, expanded
        assert expanded["shown"] is True

        dark = browser.new_page()
        dark.open(site / "index.html", dark=True)
        brand = "document.querySelector('.navbar-brand a')"
        logo = dark.evaluate(f"getComputedStyle({brand}).backgroundImage")
        assert logo.startswith('url("file://') and "logo-long-dark.svg" in logo

        others = []
        for report in (published / "report.html", published / "data_dictionary.html"):
            others.append(browser.new_page())
            others[-1].open(report)
        for opened in (index, page, dark, *others):
            assert opened.log.errors == [], opened.log
            assert len(opened.log.requests) > 0
            fetched = [
                u for u in opened.log.requests if not u.startswith(("file:", "data:"))
            ]
            assert fetched == []


def test_validation_page_names_the_run(published: Path):
    """ "Show more info" gives the run's name and time, not GE's `__none__`."""
    page = next((_site(published) / "validations").rglob("*.html"))
    text = page.read_text(encoding="utf-8")
    assert "run-1" in text
    assert "__none__" not in text
