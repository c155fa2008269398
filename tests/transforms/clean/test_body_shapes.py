"""Body shapes: lines in another script and earlier copies of a repeated line are
not article body on an English page."""

from tests.fixtures.prose import LEDE, PROSE
from transforms.clean.article import clean_document
from transforms.clean.body_shapes import (
    other_script_share,
    overruled_body_lines,
    verbless_caption,
)


def _body(lines):
    return {b.ordinal for b in clean_document(lines).blocks if b.label == "body"}


def test_other_script_share_counts_wide_characters_as_words():
    assert other_script_share(PROSE) == 0.0
    assert other_script_share("羞愧综合症 cringe attack") > 0.5
    glued = "How to get more laughter into our lives, say the experts阅读理解答案"
    assert other_script_share(glued) >= 0.25
    # A term in its own script inside an English sentence stays English prose.
    term = (
        "The initiative, known in Chinese as 一带一路, has funded ports, railways "
        "and power plants in more than sixty countries since it began."
    )
    assert other_script_share(term) < 0.25


def test_a_line_in_another_script_on_an_english_page_is_not_body():
    lines = [
        "Ministry expands research cooperation",
        LEDE,
        PROSE,
        "经典英语美文:Life is a gift and we should enjoy it",
        PROSE + " Again.",
    ]
    body = _body(lines)
    assert {1, 2, 4} <= body
    assert 3 not in body


def test_the_earlier_copy_of_a_repeated_body_line_is_dropped():
    lines = [LEDE, PROSE, LEDE + " "]
    assert overruled_body_lines(lines, {0, 1, 2}) == {0: "repeated_later"}
    assert overruled_body_lines(lines, {0, 1}) == {}


RELATED = [
    "Ukraine war will be prolonged if weapons keep arriving, says the ambassador",
    "Sri Lanka president emails his resignation to the speaker of parliament",
    "Animal to human disease outbreaks rise by more than half in Africa",
]


def test_a_run_of_headlines_inside_the_article_is_not_body():
    lines = ["Ministry expands research cooperation", LEDE, PROSE, *RELATED,
             PROSE + " Again.", LEDE + " Again."]  # fmt: skip
    body = _body(lines)
    assert {1, 2, 6, 7} <= body
    assert not body & {3, 4, 5}


def test_a_list_the_article_announces_stays_body():
    lines = [LEDE, PROSE + " Three things changed:", *RELATED, PROSE + " Again."]
    assert overruled_body_lines(lines, set(range(len(lines)))) == {}
    # Two such lines are no run; nor are lines that end like sentences.
    lines = [LEDE, PROSE, *RELATED[:2], PROSE + " Again."]
    assert overruled_body_lines(lines, set(range(len(lines)))) == {}
    lines = [LEDE, PROSE, *(h + "." for h in RELATED), PROSE + " Again."]
    assert overruled_body_lines(lines, set(range(len(lines)))) == {}


def test_a_verbless_caption_is_told_from_a_short_sentence():
    assert verbless_caption("Alan Franey, VIFF director of programming.")
    assert verbless_caption("Juror Kim Linekin announcing the winners.")
    assert verbless_caption("Director Mikhail Red, one of the winners of the award.")
    # A finite verb, regular, irregular, spelled as its base, or an auxiliary.
    assert not verbless_caption("Alan Franey, the director, resigned on Monday.")
    assert not verbless_caption("Alan Franey, the director, spoke on Monday.")
    assert not verbless_caption("Australia beat Colombia behind Nick Kyrgios, 6-4.")
    assert not verbless_caption("Alan Franey, the director, will stay on.")
    assert not verbless_caption("Alan Franey, the director, says so.")
    # No name, no apposition: a short sentence of the article.
    assert not verbless_caption("Ok, now for a little fun.")
    assert not verbless_caption("Digital Crown with haptic feedback.")


def test_a_verbless_caption_between_paragraphs_is_not_body():
    lines = [
        LEDE,
        PROSE,
        "Alan Franey, VIFF director of programming.",
        LEDE + " Again.",
    ]
    assert overruled_body_lines(lines, {0, 1, 2, 3}) == {2: "verbless_caption"}


def test_post_excerpts_cut_with_a_bracketed_ellipsis_and_their_headlines_are_not_body():
    teaser = "Sometimes people ask me why this or that location became so popular […]"
    lines = [LEDE, PROSE, "Skills system update", teaser, PROSE + " Later."]
    body = _body(lines)
    assert {0, 1, 4} <= body
    assert not {2, 3} & body


def test_a_footnote_opened_by_a_glued_mark_is_not_body_but_a_bullet_is_kept():
    footnote = (
        "*These statements have not been evaluated by the agency and are no advice."
    )
    bullet = "* The ministry said it would fund more than fifty joint laboratories."
    body = _body([LEDE, PROSE, footnote, bullet, PROSE + " Later."])
    assert 2 not in body
    assert 3 in body
