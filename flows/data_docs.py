"""Great Expectations Data Docs made safe and self-contained.

GE 1.24 renders scraped values unescaped and loads its front-end from CDNs, with
Subresource Integrity attributes and a remote logo in its dark-mode CSS. Here the
pages are rebuilt with escaping on, then pointed at the local copies in
datadocs_static/ (listed with their origin in ASSETS.json), so they work over
`file://` with no network: a local script that keeps `integrity` + `crossorigin` is
blocked by Chromium as a CORS request, which breaks every tab and collapsible.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from flows.published_files import write_text

logger = logging.getLogger(__name__)

DATADOCS_ASSETS = Path(__file__).parent / "templates" / "datadocs_static"
_LOADING_URL = re.compile(
    r'(<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)=")(https?://[^"]+)(")'
)
# a local reference into the site's static/ folder, however many levels up it climbs
_STATIC_REF = re.compile(
    r'(<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)=")(?:\./|(?:\.\./)*)static/'
)
_CSS_URL = re.compile(r"""(url\(\s*['"]?|@import\s+['"])(https?://[^'")\s]+)(['"]?)""")
_SCRIPT_OR_LINK = re.compile(r"<(?:script|link)\b[^>]*>")
_REMOTE_SOURCE = re.compile(r'\b(?:src|href)="https?://')
_INTEGRITY = re.compile(r'\s+(?:integrity="[^"]*"|crossorigin(?:="[^"]*")?)')


def localize_data_docs(site: Path) -> int:
    """Point Data Docs pages and styles at local copies of their remote assets;
    returns the files changed.

    The copies go to `static/vendor/`; GE's own logo comes from `static/images/`.
    Links to web pages are left alone: only loading tags (script, link, img, iframe)
    and CSS `url()`/`@import` are rewritten.
    """
    assets = json.loads((DATADOCS_ASSETS / "ASSETS.json").read_text())["assets"]
    vendor = site / "static" / "vendor"
    _copy_assets(vendor)
    changed = 0
    for path in sorted([*site.rglob("*.html"), *site.rglob("*.css")]):
        if path.is_relative_to(vendor):
            continue
        static = Path(os.path.relpath(site / "static", path.parent)).as_posix()
        local = functools.partial(_local_asset, assets, static, path.name)
        text = path.read_text(encoding="utf-8")
        localized = _CSS_URL.sub(_rewrite(local), text)
        if path.suffix == ".html":
            localized = _LOADING_URL.sub(_rewrite(local), localized)
            # GE 1.24 climbs one level too few to the favicon from validation pages
            localized = _STATIC_REF.sub(rf"\g<1>{static}/", localized)
            localized = _SCRIPT_OR_LINK.sub(_without_integrity, localized)
        if localized != text:
            write_text(path, localized)
            changed += 1
    return changed


def _copy_assets(vendor: Path) -> None:
    """The asset copies, made as new files and folders (not `copytree`, which copies
    the source's permission bits), so they get the umask's permissions."""
    for source in sorted(DATADOCS_ASSETS.rglob("*")):
        if source.is_file():
            copy = vendor / source.relative_to(DATADOCS_ASSETS)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)


def _local_asset(assets: list[dict], static: str, page: str, url: str) -> str | None:
    path = re.sub(r"^https?://[^/]+", "", url).split("?")[0]
    local = next((a["path"] for a in assets if path.endswith(a["match"])), None)
    if local is not None:
        return f"{static}/vendor/{local}"
    if path.endswith("/logo-long.png"):
        return f"{static}/images/logo-long.png"
    logger.warning("data docs %s still loads %s", page, url)
    return None


def _rewrite(local: Callable[[str], str | None]):
    """A `re.sub` replacement: the URL (group 2, between groups 1 and 3) swapped for
    its local copy."""

    def replace(match: re.Match) -> str:
        copy = local(match.group(2))
        if copy is None:
            return match.group(0)
        return f"{match.group(1)}{copy}{match.group(3)}"

    return replace


def _without_integrity(match: re.Match) -> str:
    """A local script or stylesheet tag without `integrity`/`crossorigin`: the
    checks are meant for CDN copies, and over file:// they make Chromium block it."""
    tag = match.group(0)
    return tag if _REMOTE_SOURCE.search(tag) else _INTEGRITY.sub("", tag)


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


def _latest_results(context, run_id: str | None = None) -> dict:
    """The newest stored validation result key of each suite (of run `run_id` only,
    when given), by suite name."""
    latest = {}
    for key in context.validation_results_store.list_keys():
        if run_id is not None and key.run_id.run_name != run_id:
            continue
        suite = key.expectation_suite_identifier.name
        if suite not in latest or key.run_id.run_time > latest[suite].run_id.run_time:
            latest[suite] = key
    return latest


def rebuild_escaped_data_docs(validation_root: Path) -> None:
    """Re-render the latest validation result of each suite with escaping on."""
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=str(validation_root))
    latest = _latest_results(context)
    if latest:
        from great_expectations.data_context.types.resource_identifiers import (
            ExpectationSuiteIdentifier,
        )

        suites = [ExpectationSuiteIdentifier(name) for name in latest]
        with escaped_data_docs():
            context.build_data_docs(resource_identifiers=[*latest.values(), *suites])


def suite_outcomes(validation_root: Path, run_id: str) -> dict[str, bool]:
    """Whether each suite passed in run `run_id`, from the stored results (the
    suites that run did not validate are left out)."""
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=str(validation_root))
    store = context.validation_results_store
    return {
        suite: bool(store.get(key).success)
        for suite, key in sorted(_latest_results(context, run_id).items())
    }
