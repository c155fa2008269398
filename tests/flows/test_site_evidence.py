"""The repeat evidence of a local folder, gathered in the flow's process."""

from __future__ import annotations

from flows.settings import RunSettings
from flows.site_evidence import SiteEvidence
from flows.sources import list_sources
from tests.fixtures.site_corpus import build_site_corpus
from transforms.clean.repeats import EVIDENCE_SCHEMA, evidence_table
from transforms.split import split_sources


def test_local_evidence_is_every_file_hashed_whatever_the_shard_size(tmp_path):
    """Chunked only to bound memory: the rows are those of one pass over all files."""
    build_site_corpus(tmp_path)
    listing = list_sources(tmp_path)
    gathered = [
        SiteEvidence.gather(str(tmp_path), listing, None, RunSettings(shard_size=size))
        for size in (7, 200)
    ]
    files = [(p, (tmp_path / p).read_bytes()) for p in listing.paths]
    direct = evidence_table(split_sources(files).documents)
    for evidence in gathered:
        assert evidence.rows.select(EVIDENCE_SCHEMA.names).equals(direct)
        assert evidence.rows["file"].to_pylist() == direct["source_path"].to_pylist()
    assert gathered[0].repeated == gathered[1].repeated
    assert any(gathered[0].repeated.values())
