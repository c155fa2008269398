"""Entities: lexicon spans, name rules and the NER merged into mentions with one
canonical id per real-world entity."""

from transforms.extract.entities.mentions import (
    RULER_NAME,
    EntityMention,
    add_entity_rules,
    extract_entities,
)

__all__ = ["RULER_NAME", "EntityMention", "add_entity_rules", "extract_entities"]
