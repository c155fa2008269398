"""Split stage: raw bytes → decoded text → documents → blocks (non-empty lines)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

# A line of five or more "=" (or a form feed) separates articles concatenated in one file.
_DOCUMENT_SEPARATOR = re.compile(r"^[ \t]*(?:={5,}|\f)[ \t]*$|\f", re.MULTILINE)
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


def decode_bytes(data: bytes) -> str:
    """Decode a scraped file, guessing its encoding; binary or empty input is rejected."""
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
    """Stable id from the normalised text, so a re-run or a copy of a file maps to it."""
    normalised = " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def split_documents(source_path: str, text: str) -> list[Document]:
    """One document per article in the file; `source_path#n` when a file holds several."""
    parts = [p for p in _DOCUMENT_SEPARATOR.split(text) if p.strip()]
    if not parts:
        raise RejectedInput("empty", "the file holds no text")
    if len(parts) == 1:
        return [Document(document_id_for(parts[0]), source_path, parts[0])]
    return [
        Document(document_id_for(part), f"{source_path}#{n}", part)
        for n, part in enumerate(parts, start=1)
    ]


def split_blocks(text: str) -> list[str]:
    """The non-empty stripped lines of a document, in order; their index is the ordinal."""
    return [line.strip() for line in text.splitlines() if line.strip()]
