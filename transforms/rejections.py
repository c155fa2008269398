"""What was set aside and why: each rejection becomes one `quarantine` row.

A module of its own (no pandas, no spaCy) so that listing a source stays cheap."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rejection:
    stage: str
    source_path: str
    reason: str
    detail: str
    article_id: str | None = None  # set when the article itself is still published


def failure(
    stage: str, source_path: str, error: Exception, article_id: str | None = None
) -> Rejection:
    """The rejection of a document (or its extraction) that raised inside a stage."""
    return Rejection(
        stage,
        source_path,
        f"{stage}_error",
        f"{type(error).__name__}: {error}",
        article_id,
    )
