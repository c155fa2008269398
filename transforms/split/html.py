"""Article and metadata of a saved HTML page, extracted by trafilatura from its DOM."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class HtmlArticle:
    lines: list[str]  # the article's paragraphs, headline first when the page has one
    fields: dict[str, str] = field(
        default_factory=dict
    )  # title, published, author, source, url


def extract_html(html: str) -> HtmlArticle:
    """Paragraphs and page metadata; a page with no article gives no lines."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if extracted is None or not (extracted.text or "").strip():
        return HtmlArticle([])
    lines = [line.strip() for line in extracted.text.splitlines() if line.strip()]
    title = (extracted.title or "").strip()
    if title and (not lines or lines[0] != title):
        lines.insert(0, title)
    fields = {
        "title": title,
        "published": extracted.date or "",
        "author": extracted.author or "",
        "source": extracted.sitename or "",
        "url": extracted.url or "",
    }
    return HtmlArticle(lines, {k: v for k, v in fields.items() if v})
