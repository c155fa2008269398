"""Split stage: decode and split source files into documents, one copy of each text."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from transforms.rejections import Rejection
from transforms.split.documents import Document, RejectedInput, decode_bytes
from transforms.split.documents import split_documents as split_file


@dataclass(frozen=True)
class SplitOutput:
    documents: list[Document]
    rejections: list[Rejection]


def split_sources(sources: Iterable[tuple[str, bytes]]) -> SplitOutput:
    """Decode and split (relative path, bytes) pairs into documents."""
    documents: list[Document] = []
    rejections: list[Rejection] = []
    for path, data in sources:
        try:
            decoded = decode_bytes(data)
            found = split_file(path, decoded.text)
        except RejectedInput as error:
            rejections.append(Rejection("split", path, error.reason, error.detail))
            continue
        documents.extend(
            dataclasses.replace(d, encoding=decoded.encoding) for d in found.documents
        )
        rejections.extend(Rejection("split", *part) for part in found.rejected_parts)
    return SplitOutput(documents, rejections)


def drop_duplicate_documents(
    documents: Iterable[Document], first_path: dict[str, str]
) -> SplitOutput:
    """Keep the first of documents with the same text, so `article_id` stays unique;
    the others are rejected as duplicates naming the one kept. `first_path`
    (document_id → source path of the copy kept) carries over from batch to batch,
    so a corpus split into shards is deduplicated as a whole."""
    kept: list[Document] = []
    rejections: list[Rejection] = []
    for document in sorted(documents, key=lambda d: d.source_path):
        first = first_path.setdefault(document.document_id, document.source_path)
        if first == document.source_path:
            kept.append(document)
        else:
            detail = f"same text as {first}"
            rejections.append(
                Rejection("split", document.source_path, "duplicate", detail)
            )
    return SplitOutput(kept, rejections)
