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
