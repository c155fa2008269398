"""Block-model cues: what one line's own text says (profiles, captions, credits,
tweets, bullets), matched once per distinct line."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from transforms.clean.furniture import load_lexicon
from transforms.clean.signals import LINE_CACHE_SIZE

# "Acme Corp. is a leading provider of …": a press release's company profile.
_PROFILE = re.compile(
    r"^(?:[A-Z][\w&'’.-]*,?\s+){1,6}(?:\([^()]{1,30}\)\s+)?(?:is|are)\s+"
    r"(?:a|an|the|one of)\b.{0,160}\b(?:leading|leader|provider|company|firm|"
    r"organi[sz]ation|headquartered|founded|employs|network|manufacturer|"
    r"developer|supplier|group)\b"
)
_PHOTO = re.compile(r"^©|\b(?:photo(?:graph)?s?|pictured|file image|getty images|"
                    r"shutterstock|illustration)\b", re.IGNORECASE)  # fmt: skip
_CONTACT = re.compile(r"\S@\S|https?://|www\.")
# A sentence opening right after a lower-case word with no stop between: a headline
# glued to its blurb ("… future automation A new study …").
_GLUED_BREAK = re.compile(r"[a-z0-9’'”\"] (?:A|An|The|This|These|In|It|On|After|When|"
                          r"As|For|From|With|Here|How|What|Why|We|You|He|She|They) "
                          r"[a-z]")  # fmt: skip
_MID_DATELINE = re.compile(r"\S\s+[A-Z]{2,}(?:\s+[A-Z]{2,}){0,2}\s*(?:\([^()]+\))?"
                           r"\s*(?::|--|—)\s")  # fmt: skip
# A photo credit line: "Sakib Ali/Hindustan Times/Getty Images", "Photo: X, AP",
# "(Image credit: NASA)", "Courtesy Google".
_CREDIT = re.compile(
    r"\b(?:getty(?:\s+images)?|reuters|ap|afp|epa|shutterstock|istock\w*|alamy|"
    r"bloomberg|courtesy|credits?|photo(?:graph)?s?|images?|copyright|via)\b|"
    r"\w\s?/\s?\w|©",
    re.IGNORECASE,
)
# A caption's own cues: who stands where, file photos, AP-style "Tuesday, Nov. 19,
# 2019, in …", a gallery counter, or an agency credit glued to its end.
_CAPTION = re.compile(
    r"\((?:left|right|cent(?:er|re)|top|bottom|front|back|l|r|pictured)\)|"
    r"\b(?:file (?:photo|image)|pictured|photo(?:graph)? by|image caption|stock "
    r"(?:image|photo)|(?:is|are) seen|this (?:image|photo|picture|handout))\b|"
    r"\((?:credit|photo|image)[^()]*\)\s*$|^\d+\s?of\s?\d+\S|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]{2,8}\.? \d{1,2}, "
    r"\d{4}, (?:in|at|near)\b|\b(?:AP|AFP|EPA|Getty(?: Images)?|Reuters|"
    r"Shutterstock|Bloomberg|Statista)\)?\s*$"
)
_HEADQUARTERED = re.compile(r"\b(?:is|are) (?:headquartered|based) in\b|\bemploys "
                            r"(?:around|about|over|more than|some|approximately)?"
                            r"\s*[\d,.]+", re.IGNORECASE)  # fmt: skip
_TWEET = re.compile(r"pic\.twitter\.com/|^[—–-]\s.+\(@\w+\)\s")
_BULLET = re.compile(r"^(?:[•·*▪◦‣►✓✔-]\s*|\d{1,2}[.)]\s)")
_ABOUT_HEADER = re.compile(r"^About(?: the)? [A-Z][\w&'’.-]*(?:\s+\S+){0,3}$")


@lru_cache(maxsize=1)
def _list_headers() -> tuple[str, ...]:
    return tuple(h.lower() for h in load_lexicon("section_headers.txt"))


class TextCues(NamedTuple):
    """What a line's own text says, for the features of the same names."""

    all_caps: bool
    list_header: bool  # a short line opening like a list's header ("Key points")
    about_header: bool
    lead_title_case: float
    company_profile: bool
    headquartered: bool
    photo_words: bool
    contact: bool
    glued_break: bool
    mid_dateline: bool
    credit: bool
    caption_cue: bool
    tweet: bool
    bullet: bool


@lru_cache(maxsize=LINE_CACHE_SIZE)
def text_cues(line: str) -> TextCues:
    """The cues of one line (cached: most of the features' cost is these regexes,
    and furniture and syndicated paragraphs recur across pages)."""
    letters = "".join(filter(str.isalpha, line))
    return TextCues(
        all_caps=len(letters) > 1 and all(map(str.isupper, letters)),
        list_header=len(line.split()) <= 6 and line.lower().startswith(_list_headers()),
        about_header=bool(_ABOUT_HEADER.match(line)),
        lead_title_case=_title_share(line.split()[:8]),
        company_profile=bool(_PROFILE.match(line)),
        headquartered=bool(_HEADQUARTERED.search(line)),
        photo_words=bool(_PHOTO.search(line)),
        contact=bool(_CONTACT.search(line)),
        glued_break=bool(_GLUED_BREAK.search(line)),
        mid_dateline=bool(_MID_DATELINE.search(line, 15)),
        credit=_is_credit(line),
        caption_cue=bool(_CAPTION.search(line)),
        tweet=bool(_TWEET.search(line)),
        bullet=bool(_BULLET.match(line)),
    )


def _is_credit(line: str) -> bool:
    """A short line naming a photo's source."""
    return (
        len(line.split()) <= 10
        and bool(_CREDIT.search(line))
        and not (line.endswith((".", "!", "?")) and len(line.split()) > 4)
    )


def _title_share(words: list[str]) -> float:
    letters = [w for w in words if w[:1].isalpha()]
    return sum(w[0].isupper() for w in letters) / len(letters) if letters else 0.0
