import pytest

from transforms.split.documents import (
    RejectedInput,
    decode_bytes,
    document_id_for,
    looks_like_article,
    split_blocks,
    split_documents,
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Hello world\r\nSecond line", "Hello world\nSecond line"),
        ("Caf\u00e9 \u4e2d\u6587".encode(), "Caf\u00e9 \u4e2d\u6587"),
        ("\ufeffBOM first".encode(), "BOM first"),
        ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
        (b"Some text with a stray\x00 NUL byte", "Some text with a stray NUL byte"),
    ],
)
def test_decode_bytes_reads_text(data, expected):
    assert decode_bytes(data).text == expected


def test_decode_bytes_guesses_legacy_encodings():
    text = "科学技术合作不断深化，各国共同应对全球挑战。" * 3
    assert decode_bytes(text.encode("gbk")).text == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"%PDF-1.7 binary", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"\x00" * 50 + b"ab", "binary"),
    ],
)
def test_decode_bytes_rejects_non_text(data, reason):
    with pytest.raises(RejectedInput) as error:
        decode_bytes(data)
    assert error.value.reason == reason


_ENGLISH = (
    "Scientists from 12 countries met in Geneva on Monday to agree a new accord. "
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(encoding):
    text = _ENGLISH * 4 + "Caf\u00e9 \u20ac5."
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_chinese_utf16_without_a_byte_order_mark_is_detected():
    text = "科学技术合作不断深化，各国共同应对全球挑战。" * 5
    assert decode_bytes(text.encode("utf-16-le")).text == text


def test_mostly_utf8_with_a_few_cp1252_bytes_is_repaired_per_byte():
    """Not one legacy code page for the whole file (mac_latin2 read "€" as "Ä")."""
    utf8 = "The budget rose to €3 billion — officials said “good”. " * 10
    stray = " It cost 20€, a ’quote’."
    decoded = decode_bytes(utf8.encode() + stray.encode("cp1252"))
    assert decoded == (utf8 + stray, "utf-8+cp1252")


def test_ascii_with_isolated_cp1252_bytes_is_cp1252():
    text = "Plain English with a smart ’quote’, a café and 5 €. " * 5
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_plain_utf8_says_so():
    assert decode_bytes("Café in Zürich.".encode()).encoding == "utf-8"


def test_split_documents_keeps_a_single_article_whole():
    (document,) = split_documents("a.txt", "Title\n\nBody line.").documents
    assert document.source_path == "a.txt"
    assert document.text == "Title\n\nBody line."


_STORY = (
    "{} story title\n\nOfficials from both countries met on Monday in the capital "
    "to agree on a new research programme, the ministry said.\n\nThe programme will "
    "fund joint laboratories and exchanges of young scientists over five years."
)


@pytest.mark.parametrize("separator", ["\n=====\n", "\n==========\n", "\f"])
def test_split_documents_numbers_several_articles(separator):
    first, second = _STORY.format("First"), _STORY.format("Second")
    documents = split_documents("b.txt", f"{first}{separator}{second}").documents
    assert [d.source_path for d in documents] == ["b.txt#1", "b.txt#2"]
    assert [d.text.strip() for d in documents] == [first, second]


def test_split_documents_keeps_a_comment_of_equals_signs_inside_its_page():
    page = (
        _STORY.format("Only")
        + "\n\nreader says:\nNovember 19, 2019 at 12:28 pm\nWhat a game that was."
        + "\n==============================\n"
        + "one quick read of your post tells us that you know nothing about it.\n"
        + "Still better than your team.\n\nLeave a Reply\n\n©2019 NBC Universal\n"
    )
    (document,) = split_documents("c.txt", page).documents
    assert document.source_path == "c.txt"
    assert document.text == page


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Site header\nMenu", _STORY.format("Second")),  # no prose before
        (_STORY.format("First"), "Share this\nNext page"),  # no prose after
    ],
)
def test_split_documents_does_not_split_off_a_part_without_prose(before, after):
    (document,) = split_documents("d.txt", f"{before}\n=====\n{after}").documents
    assert "=====" in document.text
    assert document.text.startswith(before) and document.text.endswith(after)


def test_looks_like_article_needs_prose_and_a_proper_start():
    assert looks_like_article(_STORY.format("A"))
    assert not looks_like_article("Menu\nHome\nContact us today")
    assert not looks_like_article("the tail of a cut sentence.\n" + _STORY.format("A"))


def test_split_documents_rejects_separators_only():
    with pytest.raises(RejectedInput):
        split_documents("c.txt", "=====\n\f\n")


def test_document_id_ignores_whitespace_and_case_but_not_words():
    assert document_id_for("Hello  World\n") == document_id_for("hello world")
    assert document_id_for("Hello World") != document_id_for("Hello Word")


def test_split_blocks_drops_blank_lines_and_strips():
    assert split_blocks("  A  \n\n\t\nB\n") == ["A", "B"]
