"""The in-domain gold agrees with its texts (benchmarks/indomain): what the scorer
reads from a gold file must be findable in the page it annotates."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest

from benchmarks.indomain import HALVES, INDOMAIN, half_of, load_gold

GOLD = load_gold()
QUALIFIERS = {"exact", "more_than", "at_least", "nearly", "about", "less_than", "up_to"}
TYPES = {"PERSON", "ORG", "LOC", "MISC"}


def _lines(page_id: str) -> list[str]:
    text = (INDOMAIN / "texts" / f"{page_id}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_the_set_has_the_size_and_mix_it_promises():
    kinds = [g["kind"] for g in GOLD.values()]
    hosts = {g["url"].split("/")[2].removeprefix("www.") for g in GOLD.values()}
    assert len(GOLD) >= 100
    assert kinds.count("indomain") >= 70
    assert kinds.count("general") >= 20
    assert kinds.count("nonenglish") >= 8
    assert len(hosts) >= 40
    halves = [half_of(g["url"]) for g in GOLD.values()]
    assert all(0.35 <= halves.count(h) / len(halves) <= 0.65 for h in HALVES)


def test_sources_list_every_page_with_its_hash():
    with (INDOMAIN / "SOURCES.tsv").open(encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle, delimiter="\t")}
    assert set(rows) == set(GOLD)
    for page_id, row in rows.items():
        raw = (INDOMAIN / "texts" / f"{page_id}.txt").read_bytes()
        assert (
            row["sha256"] == hashlib.sha256(raw).hexdigest() == GOLD[page_id]["sha256"]
        )
        assert row["url"] == GOLD[page_id]["url"]
        assert row["query"]


def test_the_jsonl_form_holds_the_same_pages():
    with (INDOMAIN / "pages.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle.read().split("\n") if line]
    by_url = {record["url"]: record["text"] for record in records}
    assert len(records) == len(GOLD)
    for page_id, gold in GOLD.items():
        text = (INDOMAIN / "texts" / f"{page_id}.txt").read_text(encoding="utf-8")
        assert by_url[gold["url"]] == text


@pytest.mark.parametrize("page_id", sorted(GOLD))
def test_gold_agrees_with_its_text(page_id):
    gold, lines = GOLD[page_id], _lines(page_id)
    body, boilerplate = set(gold["body_lines"]), set(gold["boilerplate_lines"])
    neutral = set(gold.get("neutral_lines", []))
    assert not body & boilerplate and not body & neutral and not boilerplate & neutral
    assert body | boilerplate | neutral == set(range(len(lines))), "line indices"
    body_text = "\n".join(lines[i] for i in sorted(body))
    if gold["title"] is not None:
        # a headline may share its line with a fused date stamp (" date 2024-05-01 …")
        assert any(gold["title"] in lines[i] for i in body), "title is in a body line"
    for entity in gold["entities"]:
        assert entity["type"] in TYPES
        assert entity["text"] in body_text, entity
    for metric in gold["metrics"]:
        assert metric["qualifier"] in QUALIFIERS
        assert isinstance(metric["value"], int | float)
        assert metric["sentence"] in body_text, metric["sentence"]
        assert metric["surface"] in metric["sentence"], metric["surface"]
    if gold["kind"] == "nonenglish":
        assert gold["language"] != "en"
    else:
        assert gold["language"] == "en"


def test_a_broken_gold_file_is_caught(monkeypatch):
    """The check above fails on a gold file whose entity is not in the text."""
    page_id = sorted(GOLD)[0]
    broken = dict(
        GOLD[page_id], entities=[{"text": "Nowhere Institute", "type": "ORG"}]
    )
    monkeypatch.setitem(GOLD, page_id, broken)
    with pytest.raises(AssertionError):
        test_gold_agrees_with_its_text(page_id)
