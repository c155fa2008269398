"""Split stage: raw bytes → decoded text → documents → blocks (non-empty lines)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from transforms.split.html import extract_html
from transforms.split.records import read_records

# A line of five or more "=" (or a form feed) separates articles in one file.
_DOCUMENT_SEPARATOR = re.compile(r"^[ \t]*(?:={5,}|\f)[ \t]*$|\f", re.MULTILINE)
# A separator only splits when both sides read as articles: a reader's comment of
# "=====" inside a page must not cut the page in two. An article has this many
# prose lines (sentences of `_PROSE_MIN_WORDS` or more) and does not open in the
# middle of a sentence.
_ARTICLE_MIN_PROSE_LINES = 2
_ARTICLE_MIN_PROSE_WORDS = 30
_PROSE_MIN_WORDS = 8
_PROSE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Bytes that never occur in text files; their presence marks images, PDFs, archives.
_BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")


class RejectedInput(ValueError):
    """An input that cannot become a document; `reason` is the quarantine code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Document:
    document_id: str
    source_path: str
    text: str
    # "text" (a page dump), "html" (a page's article text, extracted from its DOM) or
    # "record" (a JSONL/CSV export row)
    kind: str = "text"
    # Metadata an export or page states itself (title, date, author, source, url).
    fields: Mapping[str, str] = field(default_factory=dict)


def decode_bytes(data: bytes) -> str:
    """Decode a scraped file, guessing its encoding; reject binary or empty input."""
    if not data.strip():
        raise RejectedInput("empty", "the file is empty or holds only whitespace")
    if data.startswith(_BINARY_SIGNATURES):
        raise RejectedInput("binary", "the file starts with a binary file signature")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise RejectedInput(
                    "binary", "no text encoding decodes the file"
                ) from None
            text = str(best)
    if "\x00" in text:
        if text.count("\x00") > len(text) // 10:
            raise RejectedInput("binary", "the file is mostly NUL bytes")
        text = text.replace("\x00", "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def document_id_for(text: str) -> str:
    """Stable id of the normalised text: a re-run or a copy of a file maps to it."""
    normalised = " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class SplitFile:
    documents: list[Document]
    # (source_path#n, reason, detail) of parts of the file that hold no readable article
    rejected_parts: list[tuple[str, str, str]] = field(default_factory=list)


def split_documents(source_path: str, text: str) -> SplitFile:
    """One document per article; `source_path#n` when a file holds several."""
    suffix = source_path.rsplit(".", 1)[-1].lower()
    if suffix in ("html", "htm"):
        return split_html(source_path, text)
    if suffix in ("jsonl", "csv"):
        return split_records(source_path, text, suffix)
    parts = _article_parts(text)
    if not parts:
        raise RejectedInput("empty", "the file holds no text")
    if len(parts) == 1:
        return SplitFile([Document(document_id_for(parts[0]), source_path, parts[0])])
    return SplitFile(
        [
            Document(document_id_for(part), f"{source_path}#{n}", part)
            for n, part in enumerate(parts, start=1)
        ]
    )


def looks_like_article(text: str) -> bool:
    """Enough prose to stand alone, and a first line that is not the tail of a
    sentence cut by the separator (it does not start in lower case)."""
    lines = split_blocks(text)
    if not lines or lines[0][:1].islower():
        return False
    prose = [
        n
        for n in (len(line.split()) for line in lines if _PROSE_END.search(line))
        if n >= _PROSE_MIN_WORDS
    ]
    return len(prose) >= _ARTICLE_MIN_PROSE_LINES and sum(prose) >= (
        _ARTICLE_MIN_PROSE_WORDS
    )


def _article_parts(text: str) -> list[str]:
    """The file cut at separators that stand between two article-like parts; a
    separator with a non-article on either side stays inside its document."""
    pieces: list[str] = []
    separators: list[str] = []
    start = 0
    for match in _DOCUMENT_SEPARATOR.finditer(text):
        pieces.append(text[start : match.start()])
        separators.append(match.group())
        start = match.end()
    pieces.append(text[start:])
    kept = [(sep, piece) for sep, piece in zip(["", *separators], pieces,
            strict=True) if piece.strip()]  # fmt: skip
    parts: list[str] = []
    for sep, piece in kept:
        if parts and not (looks_like_article(parts[-1]) and looks_like_article(piece)):
            parts[-1] = parts[-1] + sep + piece
        else:
            parts.append(piece)
    return parts


def split_blocks(text: str) -> list[str]:
    """The non-empty stripped lines of a document; their index is the ordinal."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def split_records(source_path: str, text: str, suffix: str) -> SplitFile:
    """One document per record of a JSONL or CSV export that has an article text."""
    records, bad = read_records(text, suffix)
    if not records:
        reasons = ", ".join(sorted({b.reason for b in bad})) or "no records"
        raise RejectedInput("no_records", f"no record has an article text ({reasons})")
    documents = [
        Document(
            document_id_for(record.text),
            f"{source_path}#{record.number}",
            record.text,
            kind="record",
            fields=record.fields,
        )
        for record in records
    ]
    rejected = [(f"{source_path}#{b.number}", b.reason, b.detail) for b in bad]
    return SplitFile(documents, rejected)


def split_html(source_path: str, html: str) -> SplitFile:
    """The article of a saved page, told from the furniture by its DOM."""
    article = extract_html(html)
    if not article.lines:
        raise RejectedInput("no_article", "no article text found in the HTML page")
    text = "\n".join(article.lines)
    return SplitFile(
        [
            Document(
                document_id_for(text),
                source_path,
                text,
                kind="html",
                fields=article.fields,
            )
        ]
    )
