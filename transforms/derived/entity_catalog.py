"""The entity catalog: one row per entity_id across articles, aliases and counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import pandas as pd

from transforms.extract.entities.lexicons import country_codes
from transforms.tables import frame

if TYPE_CHECKING:
    from transforms.extract.entities.mentions import EntityMention


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


class EntityCatalogBuilder:
    """Accumulates mentions article by article, so a corpus is catalogued shard by
    shard without holding its mentions; memory grows with distinct entities only."""

    def __init__(self) -> None:
        self._names: dict[str, Counter[str]] = {}
        self._surfaces: dict[str, set[str]] = {}
        self._labels: dict[str, str] = {}
        self._articles: Counter[str] = Counter()
        self._last_article: dict[str, str] = {}
        self._mentions: Counter[str] = Counter()

    def add(self, article_id: str, mentions: Sequence[EntityMention]) -> None:
        """Mentions of one article; an article's mentions may come in several calls
        as long as no other article's come in between."""
        for m in mentions:
            self.count(article_id, m.entity_id, m.canonical_name, m.text, m.label)

    def count(
        self,
        article_id: str,
        entity_id: str,
        canonical_name: str,
        text: str,
        label: str,
    ) -> None:
        """One mention, by its columns (rows of a table need no objects)."""
        self._names.setdefault(entity_id, Counter())[canonical_name] += 1
        self._surfaces.setdefault(entity_id, set()).add(text)
        self._labels[entity_id] = label
        self._mentions[entity_id] += 1
        if self._last_article.get(entity_id) != article_id:
            self._last_article[entity_id] = article_id
            self._articles[entity_id] += 1

    def entries(self) -> list[CatalogEntry]:
        """One entry per entity, sorted by entity_id."""
        codes = country_codes()
        entries = []
        for eid in sorted(self._names):
            # ties go to the spelling not in capitals ("Beijing" over "BEIJING")
            name, _ = max(
                self._names[eid].items(), key=lambda kv: (kv[1], not kv[0].isupper())
            )
            label = self._labels[eid]
            entries.append(
                CatalogEntry(
                    entity_id=eid,
                    canonical_name=name,
                    label=label,
                    aliases=tuple(sorted(self._surfaces[eid] - {name})),
                    country_code=codes.get(name) if label == "LOC" else None,
                    article_count=self._articles[eid],
                    mention_count=self._mentions[eid],
                )
            )
        return entries


def build_entity_catalog(
    mentions_by_article: Mapping[str, Sequence[EntityMention]],
) -> list[CatalogEntry]:
    """Entities of all articles (article_id → mentions), sorted by entity_id."""
    builder = EntityCatalogBuilder()
    for article_id, mentions in mentions_by_article.items():
        builder.add(article_id, mentions)
    return builder.entries()


def add_to_catalog(catalog: EntityCatalogBuilder, entities: pd.DataFrame) -> None:
    """Count a batch of published mention rows into the catalog (an article's rows
    may continue in the next batch)."""
    if entities.empty:
        return
    columns = ("article_id", "entity_id", "canonical_name", "text", "label")
    for row in zip(*(entities[c].tolist() for c in columns), strict=True):
        catalog.count(*row)


def catalog_table(catalog: EntityCatalogBuilder) -> pd.DataFrame:
    """One row per entity_id over all published mentions: names, aliases, counts."""
    entries = [asdict(e) for e in catalog.entries()]
    for entry in entries:
        entry["aliases"] = list(entry["aliases"])
    return frame(entries, CATALOG_COLUMNS)


CATALOG_COLUMNS = (
    "entity_id",
    "canonical_name",
    "label",
    "aliases",
    "country_code",
    "article_count",
    "mention_count",
)
