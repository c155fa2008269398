"""Clean stage: every block labelled title/byline/dateline/body/boilerplate, and the
article (body, title, published date, outlet, author, language) built from them."""

from transforms.clean.stage import CleanOutput, clean_documents

__all__ = ["CleanOutput", "clean_documents"]
