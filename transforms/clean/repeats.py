"""The repeated-line rule: a short line that recurs on many pages of one site is that
site's furniture ("Top picks for you today", a section menu).

The evidence is counted per site over every page of the corpus (the caller gathers
it before any page is cleaned, and keeps it with the published snapshot), never per
batch of pages, so the way files fall into shards cannot change what is furniture.
It is counted per site, never across sites, so a syndicated headline that several
outlets carry stays a headline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from transforms.clean.settings import CleanSettings
from transforms.clean.signals import line_key, normalise_line
from transforms.clean.title import split_page_title
from transforms.split.documents import Document, split_blocks

# Page dumps and export records carry their site's furniture; an HTML page's article
# text comes from its DOM, which has left the furniture out already.
SUBJECT_KINDS = frozenset({"text", "record"})
_HTML_SUFFIXES = (".html", ".htm")

EVIDENCE_SCHEMA = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_path", pa.string()),
        ("site", pa.string()),
        ("line_key", pa.int64()),
    ]
)


def yields_subject_documents(source_path: str) -> bool:
    """Whether a source file can hold pages the rule applies to (by its suffix, as
    the split stage decides its format)."""
    return not source_path.lower().endswith(_HTML_SUFFIXES)


def document_lines(document: Document) -> list[str]:
    """The lines the clean stage labels, as read; an export's title comes first."""
    lines = split_blocks(document.text)
    title = document.fields.get("title")
    return [title, *lines] if title and (not lines or lines[0] != title) else lines


def site_of(document: Document, lines: list[str], settings: CleanSettings) -> str:
    """The site whose furniture a page shares. The URL's host when the record states
    one; else the outlet an export states or the page title names ("Headline -
    Outlet", the first line of a page dump); else the file's folder, since scrapers
    land each site's pages in a folder of their own."""
    url = document.fields.get("url")
    host = urlsplit(url).hostname if url else None
    if host:
        return "host:" + host.removeprefix("www.")
    outlet = document.fields.get("source")
    if not outlet and lines:
        _, outlet = split_page_title(lines[0], settings)
    if outlet and normalise_line(outlet):
        return "outlet:" + normalise_line(outlet)
    return "folder:" + document.source_path.partition("#")[0].rpartition("/")[0]


def evidence_table(
    documents: Iterable[Document], settings: CleanSettings = CleanSettings()
) -> pa.Table:
    """One row per distinct line key of each page the rule applies to: a cheap pass
    (a hash of each normalised line), nothing is cleaned."""
    columns: dict[str, list] = {name: [] for name in EVIDENCE_SCHEMA.names}
    for document in documents:
        if document.kind not in SUBJECT_KINDS:
            continue
        lines = document_lines(document)
        site = site_of(document, lines, settings)
        keys = sorted({line_key(line) for line in lines} - {None})
        columns["document_id"] += [document.document_id] * len(keys)
        columns["source_path"] += [document.source_path] * len(keys)
        columns["site"] += [site] * len(keys)
        columns["line_key"] += keys
    return pa.table(columns, schema=EVIDENCE_SCHEMA)


# A page copied under several paths counts once, for the site of its first path.
# A line is furniture of a site when at least `min_documents` of the site's pages,
# and `min_share` of them, show it.
_REPEATED_SQL = """
with pages as (
    select document_id, arg_min(site, source_path) as site
    from evidence group by document_id
),
keys as (
    select distinct e.document_id, p.site, e.line_key
    from evidence e join pages p using (document_id)
),
site_pages as (select site, count(*) as pages from pages group by site),
counts as (select site, line_key, count(*) as pages_with from keys group by all)
select k.document_id, list(k.line_key order by k.line_key) as line_keys
from keys k join counts c using (site, line_key) join site_pages s using (site)
where c.pages_with >= greatest($min_documents, $min_share * s.pages)
group by k.document_id
"""


def repeated_line_keys(
    evidence: pa.Table, settings: CleanSettings = CleanSettings()
) -> dict[str, frozenset[int]]:
    """document_id → the keys of its lines that are furniture of its site (pages
    without any are left out)."""
    if evidence.num_rows == 0:
        return {}
    with duckdb.connect() as con:
        con.register("evidence", evidence)
        found = con.execute(
            _REPEATED_SQL,
            {
                "min_documents": settings.repeated_min_documents,
                "min_share": settings.repeated_min_share,
            },
        ).fetchall()
    return {document_id: frozenset(keys) for document_id, keys in found}


def as_documents(pages: Mapping[str, list[str]]) -> list[Document]:
    """Page dumps given as lines (id → lines, one folder), as the documents the rule
    reads: for the benchmarks and the training script, which start from lines."""
    return [
        Document(page_id, f"{page_id}.txt", "\n".join(lines))
        for page_id, lines in pages.items()
    ]
