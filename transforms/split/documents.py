"""Split stage: raw bytes → decoded text → documents → blocks (non-empty lines)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

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
    # how the file's bytes were decoded (`Decoded.encoding`)
    encoding: str = "utf-8"


class Decoded(NamedTuple):
    text: str
    # the decoding used: "utf-8", "utf-16-le", ..., a legacy code page ("gb18030"),
    # or "utf-8+cp1252" for UTF-8 whose few stray bytes were read as cp1252
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode a scraped file, guessing its encoding; reject binary or empty input."""
    if not data.strip():
        raise RejectedInput("empty", "the file is empty or holds only whitespace")
    if data.startswith(_BINARY_SIGNATURES):
        raise RejectedInput("binary", "the file starts with a binary file signature")
    decoded = _decode(data)
    text = decoded.text
    if "\x00" in text:
        if text.count("\x00") > len(text) // 10:
            raise RejectedInput("binary", "the file is mostly NUL bytes")
        text = text.replace("\x00", "")
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), decoded.encoding)


def _decode(data: bytes) -> Decoded:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(data.decode("utf-16"), "utf-16")
    if utf16 := _utf16_without_bom(data):
        return utf16
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    repaired = _utf8_with_cp1252_repair(data)
    if repaired is not None:
        return repaired
    best = from_bytes(data).best()
    if best is None:
        raise RejectedInput("binary", "no text encoding decodes the file")
    return Decoded(str(best), best.encoding.replace("_", "-"))


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 with no byte-order mark: text in Latin script has a NUL byte in every
    other position (odd ones: little-endian), which UTF-8 would read as NULs."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 4:
        return None
    for encoding, nuls, others in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        if nuls.count(0) >= 0.6 * half and others.count(0) <= 0.05 * half:
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                return None
    return None


# A valid UTF-8 sequence of two to four bytes, or one byte that starts none.
_UTF8_OR_STRAY = re.compile(
    rb"([\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})|[\x80-\xff]"
)
_CP1252_AS_UTF8 = {
    byte: bytes([byte]).decode("cp1252", errors="replace").encode("utf-8")
    for byte in range(0x80, 0x100)
}
_ISOLATED_STRAY = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")
# control bytes that text in an 8-bit code page never holds (UTF-16 does)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1b]")


def _utf8_with_cp1252_repair(data: bytes) -> Decoded | None:
    """UTF-8 in which each stray byte is read as cp1252 ("\x80" -> "€"), when that
    explains the file better than one legacy code page for all of it: the valid
    UTF-8 sequences are at least as many as the stray bytes (a page pasted
    together from a UTF-8 and a cp1252 source). A file with no UTF-8 at all is
    cp1252 when every non-ASCII byte stands alone between ASCII ("caf\xe9"), as
    accents and smart quotes do; other legacy text is left to the guesser."""
    if _CONTROL.search(data):
        return None
    valid = stray = 0

    def repair(match: re.Match) -> bytes:
        nonlocal valid, stray
        if match.group(1):
            valid += 1
            return match.group()
        stray += 1
        return _CP1252_AS_UTF8[match.group()[0]]

    repaired = _UTF8_OR_STRAY.sub(repair, data).decode("utf-8")
    if valid and valid >= stray:
        return Decoded(repaired, "utf-8+cp1252")
    if not valid and len(_ISOLATED_STRAY.findall(data)) == stray:
        return Decoded(repaired, "cp1252")
    return None


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
