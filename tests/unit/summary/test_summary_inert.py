"""Hostile campaign names, reasons and error text, rendered by a real GFM renderer (cmark-gfm,
the library github.com itself renders Markdown with, tables and autolinks on).

cmark-gfm shows what Markdown does; GitHub then links mentions, issue references, emoji and
bare URLs in the rendered text, so `live_triggers` looks for those in the HTML's text too.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st

from ocamba_provider.summary import summarize
from ocamba_provider.summary.inert import ZERO_WIDTH_SPACE, code_span, inert
from tests.support.preview_documents import DRAFT_ERROR, document, inputs, step

HOSTILE = (
    "@octocat [click](https://evil.example/x) ![p](https://evil.example/p.png)",
    "<img src=x onerror=alert(1)> <a href='https://evil.example'>a</a> <script>x</script>",
    "&lt;img src=x&gt; &#64;octocat &#x3C;b&#x3E;",
    "www.evil.example mail me: a@evil.example <https://evil.example/auto>",
    "see #1 and GH-2 and @org/team :octocat: :shipit:",
    "`code` ``two`` *em* _em_ ~~gone~~ $x^2$ \\[not a link\\](https://evil.example)",
    "[ref]: https://evil.example\n[x][ref] | second | cell |\n| --- |",
    "line one\r\nline two\n\n# heading\n- item",
)


def render(markdown: str) -> str:
    """HTML as GitHub's renderer makes it (raw HTML allowed here, to see any that gets through)."""
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


class _Cells(HTMLParser):
    """The text of every <td>, and every tag inside a cell that is not our own <strong>."""

    STRUCTURE = frozenset({"table", "thead", "tbody", "tr", "th", "td", "strong"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.other_tags: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._in_cell = True
            self.rows[-1].append("")
        elif self._in_cell and tag not in self.STRUCTURE:
            self.other_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.rows[-1][-1] += data


def cells(rendered: str) -> _Cells:
    parsed = _Cells()
    parsed.feed(rendered)
    parsed.rows = [row for row in parsed.rows if row]  # the header row has <th>, not <td>
    return parsed


# What GitHub links in rendered text (outside code), after Markdown has been rendered.
_LIVE = re.compile(
    r"(?<![\w`])@[A-Za-z0-9]"  # mention
    r"|(?<![\w&])#\d"  # issue reference
    r"|\bGH-\d"
    r"|\b(?:https?|ftp)://"
    r"|\bwww\."
    r"|\w@\w"  # e-mail autolink
    r"|:[a-z_+-][a-z0-9_+-]*:",  # emoji shortcode (custom ones are <img>)
    re.IGNORECASE,
)


def live_triggers(rendered: str) -> list[str]:
    outside_code = re.sub(r"<code>.*?</code>", "", rendered, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", outside_code))
    return _LIVE.findall(text)


def named(name: str, **extra: Any) -> Any:
    return step("create", "c", inputs("1000248", "paused", "running", name=name, **extra))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_campaign_name_renders_as_plain_text_in_one_row(hostile: str) -> None:
    rendered = render(summarize(document(named(hostile))))

    table = cells(rendered)
    assert "<a" not in rendered
    assert "<img" not in rendered
    assert table.other_tags == []
    assert live_triggers(rendered) == []
    assert len(table.rows) == 1
    assert table.rows[0][1].replace(ZERO_WIDTH_SPACE, "") == " ".join(hostile.splitlines())


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_pause_reason_from_the_config_stays_inside_its_bold_action(hostile: str) -> None:
    rendered = render(summarize(document(named("Promo", pause_reason=hostile))))

    table = cells(rendered)
    assert ("<a" in rendered, "<img" in rendered, live_triggers(rendered)) == (False, False, [])
    assert table.other_tags == []
    assert len(table.rows) == 1
    assert table.rows[0][4].replace(ZERO_WIDTH_SPACE, "") == "pause: " + " ".join(
        hostile.splitlines()
    )


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_error_text_and_observed_status_render_inert(hostile: str) -> None:
    error = {**DRAFT_ERROR, "message": f"error: campaign 1000270 ({hostile}): {hostile}"}
    odd_status = step("create", "s", inputs("1000249", "paused", hostile, name="Odd status"))

    rendered = render(summarize(document(odd_status, diagnostics=[error])))

    assert ("<a" in rendered, "<img" in rendered, live_triggers(rendered)) == (False, False, [])
    assert cells(rendered).other_tags == []
    assert len(cells(rendered).rows) == 2


def test_a_hostile_program_error_stays_inside_its_code_block() -> None:
    failure = {"message": "error: " + "\n".join(HOSTILE) + "\n```\n@octocat", "severity": "error"}

    rendered = render(summarize(document(diagnostics=[failure])))

    assert "<a" not in rendered and "<img" not in rendered
    assert live_triggers(rendered) == []
    assert rendered.count("<pre") == 1


# Markdown's and GitHub's trigger characters, often, among any other printable character.
_TRIGGERS = st.sampled_from(list("@#:/[]()!<>|`*_~$\\&;=\"'w.GHx1- "))
_ANY = st.characters(blacklist_categories=("Cs", "Cc"))


@settings(max_examples=300, deadline=None)
@given(name=st.text(alphabet=st.one_of(_TRIGGERS, _TRIGGERS, _ANY), max_size=60))
def test_any_name_renders_back_to_itself_in_one_cell(name: str) -> None:
    rendered = render(summarize(document(named(name))))

    table = cells(rendered)
    assert len(table.rows) == 1
    shown = table.rows[0][1].replace(ZERO_WIDTH_SPACE, "")
    # GFM trims a cell and turns a NUL into U+FFFD; nothing else may change. The renderer
    # inserts U+200B on purpose (summary/inert.py), so it is left out of both sides: a name
    # that carries one of its own reads back without it, like every one the renderer adds.
    expected = name.replace("\0", "\ufffd").strip(" \t").replace(ZERO_WIDTH_SPACE, "")
    assert shown == expected
    assert ("<a" in rendered, "<img" in rendered, table.other_tags) == (False, False, [])
    assert live_triggers(rendered) == []


def test_ordinary_names_are_left_readable() -> None:
    assert inert("Spring sale 2026 (EU), 50% off!") == "Spring sale 2026 (EU), 50% off!"
    assert inert("resume at 2026-12-01 09:00:30 GMT") == "resume at 2026-12-01 09:00:30 GMT"


def test_mentions_and_urls_are_split_by_an_invisible_space() -> None:
    assert inert("@octocat https://x.example") == "@\u200boctocat https:\u200b//x.example"


def test_markdown_and_html_openers_are_escaped() -> None:
    assert inert("[a](b) *c* <d> | & `e`") == "\\[a\\](b) \\*c\\* &lt;d&gt; \\| &amp; \\`e\\`"


def test_a_code_span_outlasts_the_backticks_inside_it() -> None:
    assert code_span("prod") == "`prod`"
    assert code_span("a``b") == "```a``b```"
    assert code_span("`x") == "`` `x ``"
    assert "<code>a``b</code>" in render(code_span("a``b"))
