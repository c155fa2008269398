"""Extract stage: the spaCy analysis of each body (`nlp`), then its entities, metrics
and quotes."""

from transforms.extract.nlp import analyse, iter_analyses, prepare_pipeline
from transforms.extract.stage import ExtractOutput, extract_documents

__all__ = [
    "ExtractOutput",
    "analyse",
    "extract_documents",
    "iter_analyses",
    "prepare_pipeline",
]
