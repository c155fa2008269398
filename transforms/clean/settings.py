"""Thresholds of the clean stage and the labels it gives."""

from __future__ import annotations

from dataclasses import dataclass

LABELS = ("title", "byline", "dateline", "body", "boilerplate")


@dataclass(frozen=True)
class CleanSettings:
    """Thresholds of the clean stage; every default is written here and only here."""

    good_min_words: int = 10  # a line this long with stop words is article prose
    good_min_stop_density: float = 0.3
    caption_max_words: int = 20  # lower-case lines without a full stop: alt text
    near_min_words: int = 5  # shorter sentence-like lines need body context
    context_max_gap: int = 3  # short lines within this many lines of prose are body
    run_max_gap: int = 3  # non-body lines tolerated inside one body run
    run_min_share: float = 0.5  # runs with this share of the main run's text are kept
    short_page_max_lines: int = 3  # a page this short with no body keeps its line
    cut_min_words: int = 6  # a last line cut off mid-sentence has this many words
    cut_max_title_case: float = 0.5  # … and reads as a sentence, not a headline
    list_item_max_words: int = 12  # longer lines after a list's intro are prose again
    model_min_good_lines: int = 3  # fewer prose lines: the rules decide, not the model
    furniture_max_words: int = 12  # lexicon phrases only condemn short lines
    repeated_max_words: int = 20  # longer repeated lines may be shared wire copy
    page_top_min_words: int = 4  # shorter repeats of the page top may be section names
    repeated_min_documents: int = 3
    repeated_min_share: float = 0.05
    title_max_position: int = 6  # the headline sits near the top of the page
    title_max_words: int = 30
    title_min_words: int = 4  # shorter candidates read as section names
    headline_max_words: int = 20  # longer candidates read as a lede or a deck
    title_min_score: float = 1.5  # below this no line is a headline: title is null
    title_max_digit_share: float = 0.25  # digit-heavy lines are stamps, not headlines
    site_name_max_words: int = 5
    lede_min_words: int = 6  # a dateline followed by this many words opens the body
    metadata_max_words: int = 24  # longer dated lines are prose, not page metadata
    default_language: str = "en"
