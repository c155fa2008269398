import pytest

from benchmarks.indomain import INDOMAIN, half_of, load_gold
from transforms.clean import clean_documents
from transforms.clean.language import _identifier, detect_language, guess_language
from transforms.split import split_sources
from transforms.split.documents import Document, document_id_for

ENGLISH = (
    "The ministry said that the programme, which has been running for five years, "
    "would fund more than 50 joint laboratories with their partners."
)


@pytest.mark.parametrize(
    "text",
    [
        "Tel: 123 Fax: 456 Tel: 123 Fax: 456 " * 5,  # was Volapük
        "Login Register Login Register " * 6,  # was Latin
        "Volume 12 Issue 3 Volume 12 Issue 4 " * 8,  # was Latin
        "Home News World Sport Video Audio " * 8,  # was Igbo
    ],
)
def test_repetitive_english_furniture_is_english_and_flagged_uncertain(text):
    guess = guess_language(text)
    assert guess.language == "en" and guess.uncertain


def test_english_function_words_make_a_text_english():
    guess = guess_language((ENGLISH + " ") * 3)
    assert guess.language == "en" and guess.english_share >= 0.3


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Forschungseinrichtungen können hochqualifizierte Personen direkt "
         "fördern, um in Großbritannien zu arbeiten.", "de"),
        ("Le ministère a annoncé que le programme financera des laboratoires "
         "communs avec les partenaires africains.", "fr"),
        ("中国科学院与巴西签署了十二项合作协议，双方将共建联合实验室。", "zh"),
    ],
)  # fmt: skip
def test_confident_other_languages_stay(text, language):
    guess = guess_language(text)
    assert (guess.language, guess.uncertain) == (language, False)


def test_no_language_no_news_is_written_in():
    texts = ["Lorem ipsum dolor sit amet " * 10, "Tel: 123 Fax: 456 " * 9]
    assert {detect_language(t) for t in texts} <= {"en"}


def test_an_uncertain_language_is_flagged_and_the_article_kept():
    text = "Science Headline\n\n" + "Science " * 12 + "Science.\n"
    document = Document(document_id_for(text), "menu.txt", text)
    out = clean_documents([document])
    (flag,) = [r for r in out.rejections if r.reason == "uncertain_language"]
    assert (flag.stage, flag.source_path) == ("clean", "menu.txt")
    assert flag.article_id == document.document_id
    assert "probability" in flag.detail


def test_language_is_right_on_every_page_of_the_indomain_tune_half():
    """The tune half only: the test half's gold is never read during development."""
    gold = [g for g in load_gold().values() if half_of(g["url"]) == "tune"]
    files = [(g["file"], (INDOMAIN / "texts" / g["file"]).read_bytes()) for g in gold]
    out = clean_documents(split_sources(files).documents)
    found = dict(
        zip(out.articles["source_path"], out.articles["language"], strict=True)
    )
    wrong = {g["file"]: (g["language"], found.get(g["file"])) for g in gold}
    assert {k: v for k, v in wrong.items() if v[0] != v[1]} == {}
    assert len(gold) == 60


def test_a_long_english_text_is_not_uncertain():
    """py3langid's probabilities flatten with length: a 1 MB page is read by its
    first SAMPLE_CHARS characters."""
    text = "\n\n".join(
        f"The Chinese Academy of Sciences signed 12 agreements in Brazil. Item {n}."
        for n in range(14_000)
    )
    guess = guess_language(text)
    assert (guess.language, guess.uncertain) == ("en", False)


@pytest.mark.parametrize(
    "text",
    [
        (ENGLISH + " ") * 3,
        "Home News World Sport Video Audio " * 8,
        "Le ministère a annoncé que le programme financera des laboratoires.",
        "Science Headline Science Science Science Science Science Science.",
        "Too short",
        "",
    ],
)
def test_detect_language_without_the_model_says_what_the_full_guess_says(text):
    """detect_language skips the model on a text English by its function words."""
    assert detect_language(text) == guess_language(text).language
    assert detect_language(text, "de") == guess_language(text, "de").language


def test_the_row_major_feature_table_scores_as_py3langid_does():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ours = _identifier()
    theirs = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    theirs.set_languages(ours.nb_classes)
    assert ours.nb_ptc.flags["C_CONTIGUOUS"]
    chinese = "中国科学院与巴西签署了十二项合作协议。"
    texts = [ENGLISH, "Tel: 123 Fax: 456 " * 9, chinese]
    assert [ours.classify(t) for t in texts] == [theirs.classify(t) for t in texts]
