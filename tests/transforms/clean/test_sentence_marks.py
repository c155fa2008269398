"""Pages in another language: the headline is the scored choice above the lede, not
the first line; furniture lines shown in any language are never titles."""

import pytest

from transforms.clean.article import clean_document

TITLE = "Parte il nuovo programma europeo per la ricerca scientifica"
LEDE = (
    "Parte ufficialmente da oggi il nuovo programma europeo per la ricerca, "
    "il più grande mai varato dalla Commissione per la ricerca scientifica."
)
MORE = (
    "Il ministro ha detto che il programma servirà ad accrescere la "
    "cooperazione tra le università e le imprese di tutta Europa."
)


@pytest.mark.parametrize(
    "top",
    [
        ["Questo sito contribuisce all’audience di un quotidiano nazionale"],
        ["© 2024 Accademia delle scienze"],
        ["italiano>>Europa"],
        ["Ultimo aggiornamento alle 08h54 del 25/04"],
    ],
)
def test_furniture_above_the_headline_is_not_the_title(top):
    article = clean_document([*top, TITLE, LEDE, MORE])
    assert article.language == "it"
    assert article.title == TITLE
    assert top[0] not in article.body


def test_update_stamp_over_the_lede_is_no_title():
    article = clean_document(["Ultimo aggiornamento alle 08h54 del 25/04", LEDE, MORE])
    assert article.title is None
    assert article.body.startswith(LEDE)


def test_subheading_quote_intro_and_cut_last_paragraph_are_body():
    intro = "Il ministro ha dichiarato durante la conferenza stampa:"
    cut = "Grandi le attese per il paese, ha aggiunto il ministro: ci aspettiamo di"
    lines = [TITLE, LEDE, "Le università", MORE, intro, MORE + " Ancora.", cut]
    body = clean_document(lines).body.split("\n\n")
    assert body == lines[1:]


def test_a_sentence_shown_twice_is_a_caption():
    caption = "Questa foto, scattata il 26 settembre 2020, mostra il parco solare."
    article = clean_document([TITLE, caption, caption, LEDE, MORE])
    assert caption not in article.body


def test_a_page_whose_only_prose_is_shown_twice_keeps_it():
    article = clean_document([TITLE, LEDE, LEDE])
    assert article.body == f"{LEDE}\n\n{LEDE}"


@pytest.mark.parametrize(
    ("foot", "source"), [("Ansa", "Ansa"), ("Share", None), ("Fine.", None)]
)
def test_agency_standing_under_the_last_paragraph_is_the_source(foot, source):
    article = clean_document([TITLE, LEDE, MORE, foot, "Ultimi articoli"])
    assert article.source_name == source
