"""Metrics: numeric claims (value, unit, qualifier, subject, period) in a body."""

from transforms.extract.metrics.claims import extract_part_metrics

__all__ = ["extract_part_metrics"]
