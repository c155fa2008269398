"""Clean stage: furniture, bylines, datelines, titles, repair, and the seed gold."""

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from tests.fixtures.prose import LEDE, PROSE
from transforms.clean import furniture
from transforms.clean.article import CleanedArticle, clean_document, repair_text
from transforms.clean.repeats import (
    document_lines,
    evidence_table,
    repeated_line_keys,
    site_of,
)
from transforms.clean.settings import LABELS, CleanSettings
from transforms.clean.signals import line_key
from transforms.split.documents import Document


def _doc(*extra_top, tail=()):
    return [
        "Ministry expands research cooperation",
        *extra_top,
        LEDE,
        PROSE,
        PROSE + " Again.",
        *tail,
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Print This Post",
        "Leave a Reply",
        "You must be logged in to post a comment.",
        "Send this to a friend",
        "Adjust font size:",
        "Follow on Twitter and Facebook to join the conversation.",
        "Get the latest insights and analysis from our newsletter on the big stories.",
        "© 2019 Hearst Communications, Inc.",
        "Category: World",
        "<  1  2  3  4  >",
        "0",
        "Facebook",
        "This website uses cookies to improve your experience while you navigate.",
        "© 2019 Example Media, LLC. All rights reserved. Example Media is the owner "
        "of the Example trademarks, service marks and logos shown on this page.",
        "If you buy something through this post, the site may get a share of the sale.",
    ],
)
def test_furniture_lines_are_boilerplate(line):
    article = clean_document(_doc(tail=[line]))
    block = article.blocks[-1]
    assert block.label == "boilerplate", block
    assert line not in article.body


@pytest.mark.parametrize(
    ("line", "label", "field", "value"),
    [
        ("By Jane Doe", "byline", "author", "Jane Doe"),
        ("作者: Hou Jianguo", "byline", "author", "Hou Jianguo"),
        (
            "Updated 1:39 am EST, Wednesday, November 20, 2019",
            "dateline",
            "published_date",
            dt.date(2019, 11, 20),
        ),
        (
            "26-Oct-2020 Intellasia | South China Morning Post | 6:02 AM Print",
            "dateline",
            "source_name",
            "South China Morning Post",
        ),
    ],
)
def test_metadata_lines_are_labelled_and_read(line, label, field, value):
    article = clean_document(_doc(line))
    assert article.blocks[1].label == label
    assert getattr(article, field) == value
    assert line not in article.body


def test_dateline_with_lede_is_body_and_gives_date_and_source():
    lines = [
        "Ministry expands research cooperation",
        "Nov 28(ABC): " + LEDE,
        PROSE,
        "In 2021 it signed 21 agreements last year.",
    ]
    article = clean_document(lines)
    assert article.blocks[1].label == "body"
    assert article.body.startswith("Nov 28(ABC): ")
    assert article.source_name == "ABC"
    assert article.published_date == dt.date(2022, 11, 28)


def test_title_is_not_repeated_in_body_and_page_title_suffix_gives_site():
    lines = [
        "Ministry expands research cooperation - Daily Planet",
        "Home",
        "Ministry expands research cooperation",
        LEDE,
        PROSE,
    ]
    article = clean_document(lines)
    assert article.title == "Ministry expands research cooperation"
    assert "Ministry expands" not in article.body
    assert article.source_name == "Daily Planet"
    assert [b.label for b in article.blocks][:3] == [
        "boilerplate",
        "boilerplate",
        "title",
    ]


def test_short_lines_inside_the_body_are_kept():
    lines = [
        "Ministry expands research cooperation",
        LEDE,
        "Wang Zhigang:",
        PROSE,
        "– Wan Gang, President of the Association",
        PROSE + " More.",
    ]
    article = clean_document(lines)
    assert "Wang Zhigang:" in article.body
    assert "– Wan Gang, President of the Association" in article.body


def _pages(site: str, count: int, *lines: str, start: int = 0) -> list[Document]:
    """Page dumps of one site: a 'Headline - Site' page title, then `lines`."""
    return [
        Document(
            f"{site}-{i}",
            f"{site}-{i}.txt",
            "\n".join([f"Story {i} of the day - {site}", *lines, f"{LEDE} {i}"]),
        )
        for i in range(start, start + count)
    ]


def test_repeated_lines_across_documents_are_furniture():
    docs = _pages("Daily Planet", 5, "Top Picks For You Today")
    repeated = repeated_line_keys(evidence_table(docs))
    assert line_key("top picks for you today") in repeated["Daily Planet-0"]
    article = clean_document(
        _doc(tail=["Top Picks For You Today"]),
        repeated_lines=repeated["Daily Planet-0"],
    )
    assert article.blocks[-1].reason == "repeated_across_site"


def test_a_line_shared_by_several_sites_is_not_their_furniture():
    """A syndicated headline carried by five outlets, once each: no site repeats it."""
    wire = "China and Kenya open a joint laboratory for crop science"
    docs = [page for n in range(5) for page in _pages(f"Outlet {n}", 1, wire)]
    assert repeated_line_keys(evidence_table(docs)) == {}
    # the same line on five pages of one outlet is that outlet's furniture
    one_site = _pages("Outlet 0", 5, wire)
    repeated = repeated_line_keys(evidence_table(one_site))
    assert len(repeated) == 5
    assert all(line_key(wire) in keys for keys in repeated.values())


def test_site_is_the_host_then_the_outlet_then_the_folder():
    settings = CleanSettings()

    def site(path, text="Plain first line", **fields):
        document = Document("d", path, text, fields=fields)
        return site_of(document, document_lines(document), settings)

    assert site("x.jsonl#1", url="https://www.example.org/a") == "host:example.org"
    assert site("x.jsonl#2", source="Xinhua") == "outlet:xinhua"
    assert (
        site("news/a.txt", "Labs open - The Daily Planet") == "outlet:the daily planet"
    )
    assert site("news/xinhua/a.txt") == "folder:news/xinhua"
    assert site("a.txt") == "folder:"


def test_a_page_share_floor_counts_the_site_pages_only():
    """A line on 3 of a site's 100 pages is under the 5% share; the other sites'
    pages do not lower the floor."""
    big = _pages("Big Site", 3, "Related coverage") + _pages("Big Site", 97, start=3)
    small = _pages("Small Site", 3, "Related coverage")
    repeated = repeated_line_keys(evidence_table(big + small))
    assert "Big Site-0" not in repeated
    assert line_key("Related coverage") in repeated["Small Site-0"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("published in 2015.China also opened", "published in 2015.China also opened"),
        ("the U.S. and the U.K. agreed", "the U.S. and the U.K. agreed"),
        ("growth of 3.5 percent", "growth of 3.5 percent"),
        ("visit www.Example.Com today", "visit www.Example.Com today"),
        ("a\u00a0b\u2009c\u200bd", "a b cd"),
        ("cafÃ© culture", "café culture"),
        ("China’s pursuit", "China’s pursuit"),  # curly quotes are kept
    ],
)
def test_repair_text(given, expected):
    assert repair_text(given) == expected


def test_empty_document_gives_empty_article():
    article = clean_document([])
    assert article == CleanedArticle(None, "", None, None, None, None, "en", ())


@pytest.mark.parametrize(
    "lines",
    [
        [
            "First story title",
            "Officials met on Monday to agree on a new programme, the ministry said.",
        ],
        [
            "Menu",
            "First story title",
            "Officials met on Monday to agree on a new programme, the ministry said.",
            "They will sign it next week.",
            "Home",
            "Contact us",
        ],
    ],
)
def test_short_article_keeps_its_sentences(lines):
    article = clean_document(lines)
    prose = [line for line in lines if line.endswith(".")]
    assert article.body == "\n\n".join(prose)
    assert article.title == "First story title"


def test_only_furniture_gives_empty_body():
    article = clean_document(["Home", "Subscribe", "Print This Post"])
    assert article.body == ""
    assert all(b.label in LABELS for b in article.blocks)


def test_empty_lexicon_raises(monkeypatch, tmp_path):
    class _Files:
        def joinpath(self, name):
            path = tmp_path / name
            path.write_text("# only a comment\n", encoding="utf-8")
            return path

    monkeypatch.setattr(furniture.resources, "files", lambda _: _Files())
    with pytest.raises(furniture.EmptyLexiconError):
        furniture.load_lexicon("furniture_phrases.txt")


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CleanSettings().good_min_words = 3  # type: ignore[misc]


GOLD = Path(__file__).resolve().parents[4] / "shared" / "gold"
SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.mark.skipif(not GOLD.is_dir(), reason="gold annotations not available")
@pytest.mark.parametrize("seed", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_seed_matches_gold(seed):
    gold = json.loads((GOLD / f"{seed}.json").read_text(encoding="utf-8"))
    text = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    article = clean_document(lines)
    kept = {b.ordinal for b in article.blocks if b.label in ("title", "body")}
    assert kept == set(gold["body_lines"])
    assert article.title == gold["title"]
    published = article.published_date
    assert (published.isoformat() if published else None) == gold["published"]
    assert article.source_name == gold["source"]
    assert article.author == gold["author"]
    assert article.language == gold["language"]


ZH_TITLE = "中国与多国签署科技合作协议"
ZH_BODY = "科学技术部表示，中国已与一百六十多个国家和地区建立了科技合作关系。"
FR_TITLE = "Accord de coopération scientifique"
FR_BODY = "Les deux pays ont signé un accord de coopération scientifique lundi à Paris."


@pytest.mark.parametrize(
    ("lines", "language", "title", "body"),
    [
        ([ZH_TITLE, "首页 | 新闻", ZH_BODY], "zh", ZH_TITLE, ZH_BODY),
        ([FR_TITLE, "Accueil", FR_BODY], "fr", FR_TITLE, FR_BODY),
    ],
)
def test_other_languages_keep_title_and_sentences(lines, language, title, body):
    article = clean_document(lines)
    assert (article.language, article.title, article.body) == (language, title, body)
    assert article.blocks[1].label == "boilerplate"


@pytest.mark.parametrize(
    "caption",
    [
        "Image caption Officials met in the capital to sign the agreement",
        "Photo by Jane Doe/Getty Images",
        "US minister Jane Doe (left) and her colleague John Roe at the signing",
        "In this March 28, 2017, file photo, the minister speaks in the capital.",
        "Teachers rally at the Statehouse in Indianapolis, Tuesday, Nov. 19, 2019, "
        "calling for more funding.",
        "2of4A shopper looks at extension cords at a hardware store.",
        "The core stage of the rocket after the installation of its engines. "
        "(credit: NASA/Jude Guidry)",
        "The company logo is displayed outside an office in New York.Reuters",
        "WikiLeaks founder Julian Assange (AFP)",
    ],
)
def test_photo_captions_inside_the_article_are_boilerplate(caption):
    article = clean_document(_doc(tail=(caption, PROSE + " Later.")))
    (block,) = [b for b in article.blocks if b.text == caption]
    assert (block.label, block.reason) == ("boilerplate", "caption")
    assert caption not in article.body


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the agency, according to Reuters, would fund the labs.",
        "Officials in the capital (pictured in the report) approved the programme.",
        "Experts said on Tuesday that the labs would open next year.",
    ],
)
def test_body_sentences_are_not_taken_for_captions(line):
    assert not furniture.is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "Wang Yang (C) talks to researchers at the joint centre on June 16, 2018.",
        "Zhang Jie (R), meets the minister. (Image from Bureau of Cooperation)",
        "An artist’s impression of the radio telescopes to be built in the outback.",
        "CSIRO logo",
        "Image courtesy U.S. Defense Intelligence Agency (DIA) in its 2022 report.",
    ],
)
def test_captions_written_as_sentences_are_captions(line):
    assert furniture.is_caption(line)


def test_lines_repeated_from_the_page_top_are_furniture():
    teaser = "Minister warns of funding cuts for regional universities next year"
    page_title = "Ministry expands research cooperation - Daily Planet"
    lines = [page_title, "Home", teaser, *_doc(), teaser, "About us"]
    article = clean_document(lines)
    block = article.blocks[len(lines) - 2]
    assert (block.text, block.label, block.reason) == (
        teaser,
        "boilerplate",
        "page_top_repeat",
    )
    assert teaser not in article.body


def test_embedded_tweet_attribution_is_not_a_dateline():
    credit = "— Jane Doe (@janedoe) November 1, 2019"
    article = clean_document(_doc(tail=(credit, PROSE + " Later.")))
    (block,) = [b for b in article.blocks if b.text == credit]
    assert block.label != "dateline"
    assert article.published_date != dt.date(2019, 11, 1)


def test_page_of_furniture_like_lines_keeps_its_longest_prose_run():
    lines = [
        "Share this article",
        "Click here to subscribe to our newsletter for more news.",
        "Read more: The ministry said the new programme will fund labs abroad.",
    ]
    article = clean_document(lines)
    assert article.body
    assert {b.reason for b in article.blocks if b.label == "body"} == {
        "body_fallback_prose"
    }


def test_page_without_prose_keeps_an_empty_body():
    article = clean_document(["Share this article", "Home"])
    assert article.body == ""


@pytest.mark.parametrize(
    "lines",
    [
        ["13 Killed, 41 Injured in Central China Crash"],
        ["Fiscal deficit was brought down from 4.5 percent to 2.7 percent"],
        # its numbers are words of the sentence: 4 words alone read as a fragment
        ["The total value is $24 185 800."],
    ],
)
def test_one_line_page_is_body_not_a_title_with_an_empty_body(lines):
    article = clean_document(lines)
    assert article.body == lines[0]
    assert article.title is None


def test_a_list_or_table_a_sentence_announces_is_body():
    intro = "The top five countries of the ranking are shown in the table below."
    rows = ["Rank Economy Score", "1Switzerland67.6", "2Sweden64.2", "Source"]
    article = clean_document(["Ministry expands research cooperation", LEDE, PROSE,
                              intro, *rows])  # fmt: skip
    assert article.body.split("\n\n")[-5:] == [intro, *rows]


def test_short_lines_without_an_announcing_sentence_stay_out():
    lines = ["Ministry expands research cooperation", LEDE, PROSE, "Share", "Tags"]
    assert "Tags" not in clean_document(lines).body


def test_a_short_label_ending_in_a_colon_announces_no_list():
    lines = [*_doc(), "Our picks:", "Energy", PROSE + " Later."]
    assert "Energy" not in clean_document(lines).body.split("\n\n")


@pytest.mark.parametrize(
    "label", ["[Related: Ministry expands cooperation with Africa]", "More On:"]
)
def test_link_labels_bracketed_or_not_are_furniture(label):
    assert furniture.furniture_reason(label, CleanSettings()) == "promo_pattern"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("InterAcademy agreement (English)", "language_version"),
        ("(Russian translation)", "language_version"),
        ("Write to Jane Doe at jane.doe@dailyplanet.com", "contact_line"),
        ("E-mail: info@company.co.uk", "contact_line"),
        ("SCROLL TO CONTINUE READING", "furniture_phrase"),
        ("The talks were held in Spanish (and English)", None),
    ],
)
def test_links_to_language_versions_and_reading_prompts_are_furniture(line, reason):
    assert furniture.furniture_reason(line, CleanSettings()) == reason


def test_a_last_paragraph_cut_off_by_the_excerpt_is_body():
    cut = "The main aim of these collaborations is to co"
    lines = ["Ministry expands research cooperation", LEDE, PROSE, cut]
    assert clean_document(lines).body.endswith(cut)


def test_a_closing_prompt_is_no_cut_paragraph():
    lines = [
        "Ministry expands research cooperation",
        LEDE,
        PROSE,
        "Suggest to a Friend",
    ]
    assert "Suggest" not in clean_document(lines).body
