"""The entity catalog: one row per entity_id across articles, aliases and counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from transforms.entity_lexicons import country_codes

if TYPE_CHECKING:  # entities re-exports this module's names
    from transforms.entities import EntityMention


@dataclass(frozen=True)
class CatalogEntry:
    """One entity; `country_code` is ISO 3166-1 alpha-2 for countries, else None."""

    entity_id: str
    canonical_name: str
    label: str
    aliases: tuple[str, ...]
    country_code: str | None
    article_count: int
    mention_count: int


def build_entity_catalog(
    mentions_by_article: Mapping[str, Sequence[EntityMention]],
) -> list[CatalogEntry]:
    """Entities of all articles (article_id → mentions), sorted by entity_id."""
    names: dict[str, Counter[str]] = {}
    surfaces: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    articles: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    for article_id, article_mentions in mentions_by_article.items():
        for m in article_mentions:
            names.setdefault(m.entity_id, Counter())[m.canonical_name] += 1
            surfaces.setdefault(m.entity_id, set()).add(m.text)
            labels[m.entity_id] = m.label
            articles.setdefault(m.entity_id, set()).add(article_id)
            mentions[m.entity_id] += 1
    codes = country_codes()
    entries = []
    for eid in sorted(names):
        # ties go to the spelling that is not all capitals ("Beijing" over "BEIJING")
        canonical = max(names[eid].items(), key=lambda kv: (kv[1], not kv[0].isupper()))
        name = canonical[0]
        entries.append(
            CatalogEntry(
                entity_id=eid,
                canonical_name=name,
                label=labels[eid],
                aliases=tuple(sorted(surfaces[eid] - {name})),
                country_code=codes.get(name) if labels[eid] == "LOC" else None,
                article_count=len(articles[eid]),
                mention_count=mentions[eid],
            )
        )
    return entries
