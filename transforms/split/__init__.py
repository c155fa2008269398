"""Split stage: source files → documents (text, HTML pages, JSONL/CSV exports) →
blocks, with the inputs set aside and why."""

from transforms.split.stage import SplitOutput, drop_duplicate_documents, split_sources

__all__ = ["SplitOutput", "drop_duplicate_documents", "split_sources"]
