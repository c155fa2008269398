import datetime
import json

import pytest

from transforms.split.documents import RejectedInput, split_documents
from transforms.split.html import extract_html
from transforms.split.records import map_fields, parse_date_field, read_records

BODY = "Officials from ten countries signed a science cooperation agreement on Monday."


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"title": "T", "text": BODY}, {"title": "T", "text": BODY}),
        (
            {"Headline": "T", "Content": BODY, "Link": "https://x.org/a"},
            {"title": "T", "text": BODY, "url": "https://x.org/a"},
        ),
        (
            {"articleBody": BODY, "authors": ["A One", "B Two"], "publisher": "Xinhua"},
            {"text": BODY, "author": "A One, B Two", "source": "Xinhua"},
        ),
        ({"body": "", "content": BODY}, {"text": BODY}),
    ],
)
def test_map_fields_finds_aliases(row, expected):
    assert map_fields(row) == expected


def test_jsonl_records_and_broken_lines_are_both_accounted_for():
    text = (
        f'{{"title": "A", "text": "{BODY}"}}\n'
        "{broken\n"
        "[1, 2]\n"
        '{"title": "no body"}\n'
    )
    split = split_documents("export.jsonl", text)
    assert [d.source_path for d in split.documents] == ["export.jsonl#1"]
    assert split.documents[0].fields == {"title": "A"}
    assert split.rejected_parts == [
        ("export.jsonl#2", "bad_json", split.rejected_parts[0][2]),
        ("export.jsonl#3", "bad_json", "the line is JSON but not an object"),
        ("export.jsonl#4", "no_text", "no text field among: title"),
    ]


def test_csv_records_are_read_by_header():
    records, bad = read_records(f'title,body,date\nA,"{BODY}",2021-03-04\n', "csv")
    assert bad == []
    assert records[0].fields == {"title": "A", "published": "2021-03-04"}


@pytest.mark.parametrize("separator", ["\u2028", "\u0085", "\u2029", "\x1c"])
def test_line_separators_inside_a_json_string_stay_in_the_record(separator):
    """They are legal raw inside JSON strings; str.splitlines cut the record there
    (two bad_json rows, and every later #N off by one)."""
    first = json.dumps({"text": f"{BODY}{separator}Second part."}, ensure_ascii=False)
    second = json.dumps({"text": "Another " + BODY})
    split = split_documents("x.jsonl", f"{first}\n{second}\n")
    assert split.rejected_parts == []
    assert [(d.source_path, d.text) for d in split.documents] == [
        ("x.jsonl#1", f"{BODY}{separator}Second part."),
        ("x.jsonl#2", "Another " + BODY),
    ]


def test_a_csv_field_longer_than_the_default_limit_is_read():
    long_body = (BODY + " ") * 2_000  # 160,000 characters > 131,072
    records, bad = read_records(f'title,body\nA,"{long_body}"\nB,"{BODY}"\n', "csv")
    assert bad == []
    assert [r.text for r in records] == [long_body, BODY]


def test_a_csv_row_the_reader_rejects_is_quarantined_alone(monkeypatch):
    """Only the bad row goes, with the reader's own error; the rows after it stay."""
    import csv

    limit = csv.field_size_limit()
    monkeypatch.setattr(csv, "field_size_limit", lambda *new: limit)  # keep 131,072
    long_body = "x" * (limit + 1)
    text = f'title,body\nA,"{BODY}"\nB,"{long_body}"\nC,"{BODY} again"\n'
    split = split_documents("x.csv", text)
    assert [d.source_path for d in split.documents] == ["x.csv#1", "x.csv#3"]
    ((path, reason, detail),) = split.rejected_parts
    assert (path, reason) == ("x.csv#2", "bad_csv")
    assert "field larger than field limit" in detail


def test_a_jsonl_file_without_any_article_is_rejected():
    with pytest.raises(RejectedInput) as error:
        split_documents("x.jsonl", "{not json}\n")
    assert error.value.reason == "no_records"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-04", datetime.date(2021, 3, 4)),
        ("Thu, 04 Mar 2021 10:00:00 GMT", datetime.date(2021, 3, 4)),
        ("March 4, 2021", datetime.date(2021, 3, 4)),
        ("March 4", None),
        ("", None),
        ("not a date", None),
    ],
)
def test_parse_date_field(value, expected):
    assert parse_date_field(value) == expected


def test_extract_html_keeps_article_and_metadata_drops_scripts():
    html = (
        "<html><head><title>Deal signed - Example Times</title>"
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2021-03-04"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article>"
        f"<h1>Deal signed</h1><p>{BODY}</p><p>{BODY.replace('ten', 'twelve')}</p>"
        "</article><script>alert('x')</script><footer>Copyright 2021 Example</footer>"
        "</body></html>"
    )
    article = extract_html(html)
    assert article.lines[0] == "Deal signed"
    assert BODY in article.lines
    assert not any("alert" in line or "Copyright" in line for line in article.lines)
    assert article.fields["author"] == "Jane Roe"
    assert article.fields["published"] == "2021-03-04"


def test_an_html_page_without_article_is_rejected():
    with pytest.raises(RejectedInput) as error:
        split_documents("empty.html", "<html><body></body></html>")
    assert error.value.reason == "no_article"
