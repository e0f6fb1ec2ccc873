"""The readers: every format, every kind of bad input, on real files made in tmp_path."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import TODAY, shared_path
from sitrep.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    NoArticleError,
    UnsupportedInputError,
)
from sitrep.options import Options
from sitrep.readers import RawInput, read_inputs
from sitrep.readers.formats import sniff_format
from sitrep.readers.html import plain_fragment_text, publication_date

OPTIONS = Options(today=TODAY)

PARAGRAPHS = [
    "The foreign ministers of both countries met in Geneva on Tuesday to discuss the terms "
    "of a ceasefire along the northern border.",
    "Officials said the talks, which lasted more than six hours, ended without agreement "
    "but that a second round was planned for next week.",
    "A spokesperson for the ministry said the delegation had presented a detailed proposal "
    "for the exchange of prisoners held by both sides.",
    "Observers from the United Nations attended the meeting and are expected to publish a "
    "report on its outcome by the end of the month.",
]


def article_page(*, title: str = "Talks in Geneva end without agreement", head: str = "") -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright Example News</footer></body></html>"
    )


DATED_HEAD = (
    '<meta property="article:published_time" content="2024-10-13T08:00:00Z">'
    '<meta name="author" content="Ana Diaz">'
    '<meta property="og:site_name" content="Example News">'
)


def read_all(*paths: str | Path, options: Options = OPTIONS, stdin: bytes | None = None) -> list:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_inputs(list(paths), options, stdin=stream))


def only_article(items: list) -> RawInput:
    assert len(items) == 1 and isinstance(items[0], RawInput), items
    return items[0]


def only_error(items: list, kind: type[InputError]) -> InputError:
    assert len(items) == 1 and isinstance(items[0], kind), items
    return items[0]


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# -- plain text ------------------------------------------------------------------------------


def test_text_file_is_read_as_is(tmp_path: Path) -> None:
    path = write(
        tmp_path / "story.txt", "GENEVA (Wire) - Talks ended.\r\n\r\nA second round follows.\n"
    )
    article = only_article(read_all(path))
    assert article.text == "GENEVA (Wire) - Talks ended.\n\nA second round follows.\n"
    assert article.source == str(path)
    assert article.meta.source == str(path)
    assert article.meta.input_format == "text"
    assert article.meta.published is None and article.meta.published_source == "none"


@pytest.mark.parametrize("name", ["notes.md", "notes.text", "notes.story", "README"])
def test_markdown_and_unknown_extensions_with_text_are_text(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, "Ministers met in Geneva.\nNo agreement was reached.\n")
    assert only_article(read_all(path)).meta.input_format == "text"


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    words = "Café in São Paulo, naïve résumé. Ça va très bien, merci!"
    path = write(tmp_path / "latin.txt", words.encode("latin-1"))
    assert only_article(read_all(path)).text == words


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_text_with_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / "bom.txt", "Kyiv said on Monday…".encode(encoding))
    assert only_article(read_all(path)).text == "Kyiv said on Monday…"


def test_stdin_text(tmp_path: Path) -> None:
    article = only_article(read_all("-", stdin=b"Ministers met.\nNo deal.\n"))
    assert article.source == "-"
    assert article.meta.input_format == "text"
    assert article.text == "Ministers met.\nNo deal.\n"


def test_a_single_bare_path_is_one_input(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", "One article.")
    assert len(list(read_inputs(str(path), OPTIONS))) == 1


# -- HTML ------------------------------------------------------------------------------------


def test_html_keeps_one_paragraph_per_line_with_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", article_page(head=DATED_HEAD))
    article = only_article(read_all(path))
    lines = article.text.split("\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in lines
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.meta.title == "Talks in Geneva end without agreement"
    assert article.meta.author == "Ana Diaz"
    assert article.meta.site == "Example News"
    assert article.meta.published == date(2024, 10, 13)
    assert article.meta.published_source == "metadata"
    assert article.meta.input_format == "html"


def test_html_sniffed_from_stdin_and_unknown_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "page.dat", article_page())
    for article in (
        only_article(read_all(path)),
        only_article(read_all("-", stdin=path.read_bytes())),
    ):
        assert article.meta.input_format == "html"
        assert PARAGRAPHS[0] in article.text.split("\n")


def test_gzipped_html_is_decompressed(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html.gz", gzip.compress(article_page().encode()))
    assert PARAGRAPHS[1] in only_article(read_all(path)).text


def test_given_published_date_wins(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", article_page(head=DATED_HEAD))
    given = OPTIONS.with_changes(published=date(2025, 1, 2))
    meta = only_article(read_all(path, options=given)).meta
    assert meta.published == date(2025, 1, 2)
    assert meta.published_source == "given"


def test_htmldate_supplies_a_date_the_metadata_lacks() -> None:
    markup = "<html><body><p>Posted 2024-03-05.</p><p>Some words.</p></body></html>"
    assert publication_date(markup, None, OPTIONS, None) == (date(2024, 3, 5), "htmldate")
    assert publication_date(markup, "2024-01-01", OPTIONS, None) == (
        date(2024, 1, 1),
        "metadata",
    )


def test_html_with_only_navigation_has_no_article(tmp_path: Path) -> None:
    links = "<li><a href='/'>Home</a></li><li><a href='/a'>About</a></li>"
    nav = f"<html><body><nav><ul>{links}</ul></nav></body></html>"
    path = write(tmp_path / "nav.html", nav)
    error = only_error(read_all(path), NoArticleError)
    assert str(error) == f"{path}: no article text found in the HTML"


def test_plain_fragment_text_keeps_blocks_as_lines() -> None:
    fragment = (
        "<p>One  <b>bold</b>\n word.</p><script>x()</script><ul><li>A</li><li>B</li></ul>C<br>D"
    )
    assert plain_fragment_text(fragment) == "One bold word.\nA\nB\nC\nD"


# -- JSON Lines ------------------------------------------------------------------------------


def test_jsonl_reads_each_line_and_reports_bad_ones(tmp_path: Path) -> None:
    html = article_page().replace('"', "'")
    lines = [
        '{"text": "Ministers met.\\nNo deal.", "url": "https://example.org/a", "title": "A", '
        '"published": "2024-10-13T08:00:00+02:00", "author": "Ana", "site": "Wire", "id": 7}',
        "not json at all",
        "",
        '{"title": "no body"}',
        f'{{"html": "{html}", "published": "2024-10-14"}}',
        '{"text": "Dated badly.", "published": "13/10/2024"}',
        '["an", "array"]',
        '{"text": 42}',
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    kinds = [type(item) for item in items]
    assert (
        kinds
        == [RawInput, MalformedInputError, MalformedInputError, RawInput]
        + [MalformedInputError] * 3
    )
    first, fourth = items[0], items[3]
    assert first.source == f"{path}#1" and first.text == "Ministers met.\nNo deal."
    assert first.meta.model_dump() == {
        "title": "A",
        "url": "https://example.org/a",
        "site": "Wire",
        "author": "Ana",
        "published": date(2024, 10, 13),
        "published_source": "metadata",
        "source": f"{path}#1",
        "input_format": "jsonl",
    }
    assert fourth.source == f"{path}#5"
    assert PARAGRAPHS[2] in fourth.text.split("\n")
    assert fourth.meta.title == "Talks in Geneva end without agreement"
    assert fourth.meta.published == date(2024, 10, 14)
    assert str(items[1]).startswith(f"{path}:2: not JSON")
    assert str(items[2]) == f"{path}:4: has no non-empty 'text' or 'html' field"
    assert "'published' is not an ISO date" in str(items[4])
    assert str(items[5]) == f"{path}:7: an array, not a JSON object"
    assert str(items[6]) == f"{path}:8: field 'text' is not a string"


def test_jsonl_html_without_article_points_at_the_line(tmp_path: Path) -> None:
    links = "<li><a href='/'>Home</a></li><li><a href='/a'>About</a></li>"
    html = f"<html><body><nav><ul>{links}</ul></nav></body></html>"
    path = write(tmp_path / "nav.jsonl", json.dumps({"html": html}) + "\n")
    error = only_error(read_all(path), NoArticleError)
    assert error.source == f"{path}:1"


def test_jsonl_sniffed_from_stdin() -> None:
    items = read_all("-", stdin=b'{"text": "One."}\n{"text": "Two."}\n')
    assert [item.text for item in items] == ["One.", "Two."]
    assert [item.source for item in items] == ["-#1", "-#2"]


# -- feeds -----------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://example.org/</link><description>News</description>
<item><title>Talks &amp; truce</title><link>https://example.org/1</link>
<pubDate>Sun, 13 Oct 2024 08:00:00 GMT</pubDate><author>desk@example.org (Ana Diaz)</author>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The minister said on Monday that talks would resume.</p>
<p>"We are ready," she said.</p>]]></content:encoded></item>
<item><title>Second</title><link>https://example.org/2</link>
<description>Only a summary, &lt;b&gt;bold&lt;/b&gt; here.</description></item>
<item><title>Empty</title></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:x</id>
<updated>2024-10-14T00:00:00Z</updated>
<entry><title>Ceasefire holds</title><id>urn:1</id><link href="https://example.org/c"/>
<published>2024-10-14T06:30:00Z</published><updated>2024-10-15T06:30:00Z</updated>
<author><name>Ben Ode</name></author>
<content type="html">&lt;p&gt;The ceasefire held overnight.&lt;/p&gt;
&lt;p&gt;Both sides reported calm.&lt;/p&gt;</content>
</entry></feed>
"""


def test_rss_feed_yields_one_article_per_entry(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS)
    first, second, third = read_all(path)
    assert isinstance(first, RawInput) and isinstance(second, RawInput)
    assert (
        first.text
        == 'The minister said on Monday that talks would resume.\n"We are ready," she said.'
    )
    assert first.source == f"{path}#1"
    assert first.meta.title == "Talks & truce"
    assert first.meta.url == "https://example.org/1"
    assert first.meta.author == "Ana Diaz"
    assert first.meta.site == "Example Wire"
    assert first.meta.published == date(2024, 10, 13)
    assert first.meta.input_format == "rss"
    assert second.text == "Only a summary, bold here."
    assert second.meta.published is None
    assert isinstance(third, NoArticleError) and third.source == f"{path}#3"


def test_atom_feed(tmp_path: Path) -> None:
    article = only_article(read_all(write(tmp_path / "wire.atom", ATOM)))
    assert article.text == "The ceasefire held overnight.\nBoth sides reported calm."
    assert article.meta.author == "Ben Ode"
    assert article.meta.published == date(2024, 10, 14)
    assert article.meta.url == "https://example.org/c"
    assert article.meta.input_format == "atom"


@pytest.mark.parametrize("feed", [RSS, ATOM])
def test_feeds_are_sniffed_without_extension(feed: str) -> None:
    items = read_all("-", stdin=feed.encode())
    assert isinstance(items[0], RawInput) and items[0].meta.input_format in {"rss", "atom"}


def test_feed_declaring_entities_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
        '<rss version="2.0"><channel><title>&c;</title><item><title>x</title>'
        "<description>&c;</description></item></channel></rss>"
    )
    for items in (read_all(write(tmp_path / "bomb.xml", bomb)), read_all("-", stdin=bomb.encode())):
        error = only_error(items, UnsupportedInputError)
        assert error.reason == "declares XML entities; refused"


def test_feed_with_a_plain_doctype_is_read(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd">\n'
    feed = RSS.replace("<rss ", doctype + "<rss ", 1)
    assert isinstance(read_all(write(tmp_path / "old.rss", feed))[0], RawInput)


def test_malformed_feed_names_the_parser_reason(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.rss", RSS[: RSS.index("<item><title>Second")] + "<item><title>")
    error = only_error(read_all(path), MalformedInputError)
    assert error.reason.startswith("malformed feed XML: ")


def test_xml_that_is_not_a_feed_is_unsupported(tmp_path: Path) -> None:
    path = write(tmp_path / "data.xml", '<?xml version="1.0"?><catalog><book>x</book></catalog>')
    only_error(read_all(path), UnsupportedInputError)


# -- WARC ------------------------------------------------------------------------------------


def warc_bytes(*, compress: bool) -> bytes:
    """A WARC with two article pages, a 404, a non-HTML response and a request record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)

    def response(url: str, status: str, content_type: str, body: str) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=headers
            )
        )

    page = "text/html; charset=utf-8"
    response("https://example.org/a", "200 OK", page, article_page(title="Story A"))
    writer.write_record(
        writer.create_warc_record(
            "https://example.org/x", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
    )
    response("https://example.org/missing", "404 Not Found", page, "<html><body>gone</body></html>")
    response("https://example.org/data.json", "200 OK", "application/json", '{"a": 1}')
    response("https://example.org/b", "200 OK", page, article_page(title="Story B"))
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "compress"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_are_articles(tmp_path: Path, name: str, compress: bool) -> None:
    path = write(tmp_path / name, warc_bytes(compress=compress))
    first, second = read_all(path)
    assert isinstance(first, RawInput) and isinstance(second, RawInput)
    assert first.meta.url == "https://example.org/a" and first.meta.title == "Story A"
    assert second.meta.url == "https://example.org/b" and second.meta.title == "Story B"
    assert first.source == f"{path}#1" and second.source == f"{path}#5"
    assert first.meta.input_format == "warc"
    assert PARAGRAPHS[3] in second.text.split("\n")


@pytest.mark.parametrize(("name", "compress"), [("cut.warc", False), ("cut.warc.gz", True)])
def test_truncated_warc_yields_records_before_the_damage(
    tmp_path: Path, name: str, compress: bool
) -> None:
    data = warc_bytes(compress=compress)
    path = write(tmp_path / name, data[: len(data) - 200])  # cuts into the last page
    *articles, error = read_all(path)
    assert [article.meta.url for article in articles] == ["https://example.org/a"]
    assert isinstance(error, MalformedInputError) and "truncated" in error.reason


def test_warc_cut_inside_a_record_header_is_truncated(tmp_path: Path) -> None:
    data = warc_bytes(compress=False)
    second_record = data.index(b"WARC/1.0", 10)
    path = write(tmp_path / "cut.warc", data[: second_record + 40])
    *articles, error = read_all(path)
    assert [article.meta.url for article in articles] == ["https://example.org/a"]
    assert isinstance(error, MalformedInputError) and "truncated" in error.reason


def test_garbage_with_warc_extension_is_malformed(tmp_path: Path) -> None:
    path = write(tmp_path / "fake.warc", "this is not an archive\n")
    only_error(read_all(path), MalformedInputError)


def test_warc_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "crawl.bin", warc_bytes(compress=True))
    assert [type(item) for item in read_all(path)] == [RawInput, RawInput]


# -- folders ---------------------------------------------------------------------------------


def test_folder_is_read_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Bee.")
    write(tmp_path / "a.txt", "Ay.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "c.jsonl", '{"text": "Sea."}\n')
    write(tmp_path / ".hidden.txt", "Hidden.")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "d.txt", "Hidden too.")
    items = read_all(tmp_path)
    assert [item.text for item in items] == ["Ay.", "Bee.", "Sea."]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    only_error(read_all(tmp_path), EmptyInputError)


# -- bad input -------------------------------------------------------------------------------


def test_missing_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Fine.")
    missing, article = read_all(tmp_path / "absent.txt", good)
    assert type(missing) is InputError
    assert str(missing) == f"{tmp_path / 'absent.txt'}: no such file"
    assert isinstance(article, RawInput)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_blank_file(tmp_path: Path, content: bytes) -> None:
    only_error(read_all(write(tmp_path / "blank.txt", content)), EmptyInputError)


def test_empty_stdin() -> None:
    only_error(read_all("-", stdin=b""), EmptyInputError)


def test_png_is_unsupported(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    error = only_error(read_all(write(tmp_path / "photo.txt", png)), UnsupportedInputError)
    assert "PNG" in error.reason


@pytest.mark.parametrize(
    "content", [b"abc\x00def" * 10, bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 20 + b"text"]
)
def test_binary_content_is_refused(tmp_path: Path, content: bytes) -> None:
    only_error(read_all(write(tmp_path / "blob.dat", content)), BinaryInputError)


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 200)
    small = OPTIONS.with_changes(max_bytes=100)
    error = only_error(read_all(path, options=small), InputTooLargeError)
    assert "100 bytes" in error.reason
    only_error(read_all("-", options=small, stdin=b"y" * 200), InputTooLargeError)


def test_gzip_that_inflates_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"z" * 10_000))
    only_error(read_all(path, options=OPTIONS.with_changes(max_bytes=1_000)), InputTooLargeError)


def test_every_bad_input_in_one_batch_is_reported_in_order(tmp_path: Path) -> None:
    paths = [
        write(tmp_path / "1.txt", "One."),
        tmp_path / "2.txt",
        write(tmp_path / "3.txt", b""),
        write(tmp_path / "4.txt", "Four."),
    ]
    kinds = [type(item) for item in read_all(*paths)]
    assert kinds == [RawInput, InputError, EmptyInputError, RawInput]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<?xml version='1.0'?>\n<rss version='2.0'>", "feed"),
        ("<!DOCTYPE feed [<!ENTITY a 'b'>]><feed>", "feed"),
        ("<?xml version='1.0'?><rdf:RDF>", "feed"),
        ("<!doctype html><html><body>", "html"),
        ("  <p>Fragment</p>", "html"),
        ('{"text": "x"}\n', "jsonl"),
        ("{not json", "text"),
        ("<Reuters> reported on Monday.", "text"),
        ("<?xml version='1.0'?><catalog/>", "feed"),
        ("Plain words.", "text"),
    ],
)
def test_sniff_format(text: str, expected: str) -> None:
    assert sniff_format(text) == expected


# -- real pages ------------------------------------------------------------------------------


def test_real_benchmark_pages_yield_text() -> None:
    folder = shared_path("data", "article-extraction-benchmark", "html")
    pages = sorted(folder.glob("*.html.gz"))[:5]
    assert len(pages) == 5
    items = read_all(*pages)
    assert all(isinstance(item, RawInput) for item in items), items
    for item in items:
        assert item.text.strip()
        assert item.meta.input_format == "html"


def test_folders_read_article_files_only(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Officials met on Monday to discuss the talks.\n")
    (tmp_path / "README.md").write_text("# Notes about this folder\n")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "story.yaml").write_text("quotes: []\n")
    results = list(read_inputs([tmp_path], Options()))
    assert [r.source for r in results] == [str(tmp_path / "story.txt")]


def test_a_named_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("Officials met on Monday to discuss the talks.\n")
    results = list(read_inputs([notes], Options()))
    assert len(results) == 1 and not isinstance(results[0], InputError)
