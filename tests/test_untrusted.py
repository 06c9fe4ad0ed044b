"""Property tests of zntui.untrusted: what comes out can be shown, and parses back.

Each escaper is checked against a real parser of its format (markdown-it for Markdown,
html.parser, ElementTree, csv, Textual's markup), not against our own idea of it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from textual.content import Content

from zntui.untrusted import (
    GuardedStream,
    csv_cell,
    html_text,
    json_text,
    markdown_cell,
    markdown_text,
    markup,
    visible,
    xml_text,
)

# The machine is shared and busy: no deadline, and slow generation is not a failure.
ROBUST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Every code point, surrogates included, with the dangerous ones made likely.
HOSTILE_BITS = st.sampled_from(
    [
        "\x1b]52;c;aGVsbG8=\x07",
        "\x1b[2J",
        "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
        "\x1b]0;title\x07",
        "\x9b2J",
        "\u202e",
        "\r\n",
        "\n# kop\n| a | b |\n",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[@click=app.quit]x[/]",
        "[link=https://evil.example]x[/link]",
        '=HYPERLINK("x")',
        "|",
        "\\",
        "`",
        "   indented",
        "1. ",
        "&amp;",
        "\ud800",
        "\ufffe",
    ]
)
TEXT = st.lists(st.one_of(st.text(), HOSTILE_BITS), max_size=6).map("".join)

BIDI = {0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def assert_displayable(shown: str) -> None:
    for char in shown:
        code = ord(char)
        assert unicodedata.category(char) not in ("Cc", "Cs"), repr(shown)
        assert code not in BIDI, repr(shown)
    shown.encode("utf-8")  # never raises: no lone surrogate survives


@ROBUST
@given(TEXT)
def test_visible_leaves_no_control_character(text: str) -> None:
    assert_displayable(visible(text))


@ROBUST
@given(TEXT)
def test_visible_multiline_keeps_only_newlines(text: str) -> None:
    shown = visible(text, multiline=True)
    for line in shown.split("\n"):
        assert_displayable(line)
    assert shown.count("\n") == text.replace("\r\n", "\n").count("\n")


@ROBUST
@given(TEXT)
def test_visible_is_idempotent_and_keeps_printable_text(text: str) -> None:
    shown = visible(text)
    assert visible(shown) == shown
    printable = "".join(c for c in text if c.isprintable())
    if printable == text:
        assert shown == text


def test_visible_shows_the_examples() -> None:
    assert visible("a\x1b]52;c;xx\x07b") == "a␛]52;c;xx␇b"
    assert visible("\x9b2J") == "\\u009b2J"
    assert visible("x\u202ey") == "x\\u202ey"
    assert visible("\x7f\x00") == "␡␀"
    assert visible("naïve café ✓") == "naïve café ✓"
    assert visible(12) == "12"
    assert visible("a\r\nb\rc", multiline=True) == "a\nb␍c"


@ROBUST
@given(TEXT)
def test_markup_shows_exactly_the_visible_text(text: str) -> None:
    content = Content.from_markup(markup(text))
    assert content.plain == visible(text)
    assert not content.spans  # no style, action or link came from the data


@ROBUST
@given(TEXT)
def test_html_text_parses_back_to_the_visible_text(text: str) -> None:
    seen: list[str] = []
    tags: list[str] = []

    class Collect(HTMLParser):
        def handle_data(self, data: str) -> None:
            seen.append(data)

        def handle_starttag(self, tag: str, attrs: object) -> None:
            tags.append(tag)

    parser = Collect(convert_charrefs=True)
    parser.feed(f'<p title="{html_text(text)}">{html_text(text)}</p>')
    parser.close()
    assert tags == ["p"]
    assert "".join(seen) == visible(text)


@ROBUST
@given(TEXT)
def test_xml_text_always_parses(text: str) -> None:
    escaped = xml_text(text)
    root = ET.fromstring(f'<a m="{escaped}">{escaped}</a>')
    assert (root.text or "") == visible(text).replace("\ufffe", "\\ufffe").replace(
        "\uffff", "\\uffff"
    )
    assert root.get("m") == root.text or (root.text is None and root.get("m") == "")


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _inline_text(tokens: list) -> tuple[str, set[str]]:
    """Plain text of inline tokens, and the kinds of token that are not plain text."""
    out: list[str] = []
    kinds: set[str] = set()
    for token in tokens:
        for child in token.children or []:
            if child.type == "text":
                out.append(child.content)
            elif child.type == "softbreak":
                kinds.add("softbreak")
            else:
                kinds.add(child.type)
    return "".join(out), kinds


def _one_line(text: str) -> str:
    return visible(re.sub(r"[\r\n\u2028\u2029]+", " ", text))


@ROBUST
@given(TEXT, TEXT)
def test_markdown_cell_keeps_the_table_whole(left: str, right: str) -> None:
    doc = "| a | b |\n|---|---|\n" + f"| {markdown_cell(left)} | {markdown_cell(right)} |\n"
    tokens = _markdown().parse(doc)
    kinds = [t.type for t in tokens]
    assert kinds.count("tr_open") == 2  # the header and exactly one row
    assert kinds.count("td_open") == 2
    assert "html_block" not in kinds and "heading_open" not in kinds
    cells = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "td_open"]
    texts = []
    for cell in cells:
        text, other = _inline_text([cell])
        assert not other - {"softbreak"}, other  # no link, image, html, emphasis, code
        texts.append(text.strip())  # the parser trims Unicode blanks at cell edges
    assert texts == [_one_line(left).strip(), _one_line(right).strip()]


@ROBUST
@given(TEXT)
def test_markdown_text_is_one_plain_paragraph_anywhere_in_a_line(text: str) -> None:
    for doc in (markdown_text(text), f"Regio: {markdown_text(text)}", "- " + markdown_text(text)):
        tokens = _markdown().parse(doc + "\n")
        kinds = {t.type for t in tokens}
        assert not kinds & {"heading_open", "html_block", "table_open", "code_block", "fence"}
        assert not kinds & {"blockquote_open", "hr", "ordered_list_open"}
        inline = [t for t in tokens if t.type == "inline"]
        assert len(inline) <= 1
        plain, other = _inline_text(inline)
        assert not other, other
    # Leading blanks are kept as one entity, so the text (without them) reads back whole.
    tokens = _markdown().parse(markdown_text(text) + "\n")
    plain, _ = _inline_text([t for t in tokens if t.type == "inline"])
    assert plain.strip() == _one_line(text).strip()


@ROBUST
@given(TEXT)
def test_csv_cell_never_starts_a_formula_and_reads_back(text: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_cell(text), "x"])
    row = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert row == [csv_cell(text), "x"]
    cell = row[0]
    assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))
    assert_displayable(cell)
    assert cell.removeprefix("'") == visible(text) or cell == visible(text)


def test_csv_cell_examples() -> None:
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("-2") == "'-2"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("\t=1") == "'␉=1"
    assert csv_cell("Twente") == "Twente"


@ROBUST
@given(
    st.recursive(TEXT, lambda inner: st.lists(inner) | st.dictionaries(TEXT, inner), max_leaves=8)
)
def test_json_text_is_printable_and_decodes_to_the_same_data(data: object) -> None:
    import json

    for indent in (None, 2):
        document = json_text(json.dumps(data, ensure_ascii=False, indent=indent))
        assert json.loads(document) == data
    for line in document.split("\n"):
        assert_displayable(line)


@ROBUST
@given(TEXT)
def test_guarded_stream_passes_lines_and_tabs_only(text: str) -> None:
    out = io.StringIO()
    GuardedStream(out).write(text)
    for line in out.getvalue().split("\n"):
        assert_displayable(line.replace("\t", " "))
    assert out.getvalue().count("\n") == text.count("\n")
