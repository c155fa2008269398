"""Property-style: random scraped folders (kinds, encodings, sizes, names, nesting,
links) never crash a run, and every file ends up in articles or in quarantine."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from tests.conftest import run_flow

pytestmark = pytest.mark.flow

MAX_BYTES = 200_000
WORDS = (
    "the ministry said officials from both countries signed an agreement on "
    "research in Beijing over 160 countries joined 12 laboratories and 3.5 billion "
    "yuan was invested Chinese Academy of Sciences Brazil talks Monday programme"
).split()
ZH = "中国与多国签署科技合作协议，双方将继续加强联合研究与人才交流。"
NAMES = ["story", "Café société", "新闻", "a b", "x.y", "-dash", "UPPER", "ünï"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "gbk", "latin-1"]


def _prose(rng: random.Random, sentences: int) -> str:
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 25))).capitalize()
        + "."
        for _ in range(sentences)
    )


def _page(rng: random.Random) -> str:
    paragraphs = [_prose(rng, rng.randint(1, 4)) for _ in range(rng.randint(1, 6))]
    return "\n\n".join([_prose(rng, 1)[:60], *paragraphs])


def _encode(rng: random.Random, text: str) -> bytes:
    encoding = rng.choice(ENCODINGS)
    if encoding in ("cp1252", "latin-1"):
        text = text.replace("Brazil", "Brésil’s")
    if encoding == "gbk" or rng.random() < 0.2:
        text = ZH + "\n\n" + text
    return text.encode(encoding, errors="replace")


def _entry(rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(
        ["text", "text", "empty", "binary", "huge_line", "jsonl", "csv", "html",
         "too_large", "other_type", "mixed"]
    )  # fmt: skip
    if kind == "empty":
        return ".txt", rng.choice([b"", b" \n\t"])
    if kind == "binary":
        return ".txt", bytes(rng.randrange(256) for _ in range(rng.randint(1, 600)))
    if kind == "huge_line":
        return ".txt", " ".join(rng.choice(WORDS) for _ in range(20_000)).encode()
    if kind == "too_large":
        return ".txt", b"word " * (MAX_BYTES // 5 + 1)
    if kind == "other_type":
        return rng.choice([".pdf", ".docx", ""]), b"%PDF-1.4 " + bytes(20)
    if kind == "mixed":  # UTF-8 with a few stray cp1252 bytes
        return ".txt", _page(rng).encode() + " costs 5\x80 \x93ok\x94.".encode(
            "latin-1"
        )
    if kind == "jsonl":
        lines = []
        for _ in range(rng.randint(1, 5)):
            roll = rng.random()
            if roll < 0.2:
                lines.append("{broken json")
            elif roll < 0.3:
                lines.append(json.dumps({"title": "no text"}))
            else:
                text = _page(rng) + rng.choice(["", "\u2028more", "\x85end"])
                record = {"title": _prose(rng, 1)[:50], "text": text}
                lines.append(json.dumps(record, ensure_ascii=False))
        return ".jsonl", "\n".join(lines).encode()
    if kind == "csv":
        rows = ["title,body,date"] + [
            f'"{_prose(rng, 1)[:40]}","{_page(rng)}",2024-0{rng.randint(1, 9)}-01'
            for _ in range(rng.randint(1, 4))
        ]
        return ".csv", "\n".join(rows).encode()
    if kind == "html":
        body = "".join(f"<p>{p}</p>" for p in _page(rng).split("\n\n"))
        html = f"<html><head><title>T</title></head><body><nav>Home</nav>{body}</body>"
        return rng.choice([".html", ".htm"]), html.encode()
    return ".txt", _encode(rng, _page(rng))


def build_random_folder(root: Path, seed: int) -> set[str]:
    """A folder of random entries; returns the relative paths of its regular files
    (links to files included), each of which must be accounted for."""
    rng = random.Random(seed)
    files: set[str] = set()
    for n in range(rng.randint(6, 12)):
        folder = root.joinpath(*rng.sample(["a", "b", "deep", "新"], rng.randint(0, 2)))
        folder.mkdir(parents=True, exist_ok=True)
        suffix, data = _entry(rng)
        path = folder / f"{rng.choice(NAMES)}{n}{suffix}"
        path.write_bytes(data)
        files.add(path.relative_to(root).as_posix())
    target = sorted(files)[0]
    (root / "link_to_file.txt").symlink_to(root / target)
    files.add("link_to_file.txt")
    if rng.random() < 0.5:
        (root / "b").mkdir(exist_ok=True)
        os.symlink("..", root / "b" / "loop")  # a link back up: must not recurse
    return files


def _accounted(files: set[str], rows: dict[str, list[dict]]) -> set[str]:
    seen = {r["source_path"] for table in rows.values() for r in table}
    return {f for f in files if f in seen or any(s.startswith(f + "#") for s in seen)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_random_folder_ends_published_or_blocked_with_every_file_accounted_for(
    prefect_harness, tmp_path, seed
):
    source = tmp_path / "source"
    source.mkdir()
    files = build_random_folder(source, seed)
    summary = run_flow(
        source=str(source), warehouse=str(tmp_path / "wh"), max_file_bytes=MAX_BYTES
    )
    assert summary.published or summary.blocking
    if summary.published:
        rows = {
            t: ds.dataset(tmp_path / "wh" / t, format="parquet").to_table().to_pylist()
            for t in ("articles", "quarantine")
        }
        assert files - _accounted(files, rows) == set()
        assert all(q["reason"] and q["detail"] for q in rows["quarantine"])
