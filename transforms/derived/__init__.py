"""Tables derived across articles: the entity catalog, near-duplicate links, the
metric series and the report's aggregations."""

from transforms.derived.duplicates import body_signature, find_duplicate_links
from transforms.derived.entity_catalog import (
    EntityCatalogBuilder,
    add_to_catalog,
    catalog_table,
)
from transforms.derived.series import metric_series

__all__ = [
    "EntityCatalogBuilder",
    "add_to_catalog",
    "body_signature",
    "catalog_table",
    "find_duplicate_links",
    "metric_series",
]
