"""The summary as a GitLab merge-request note: hostile names stay plain text there too.

GitLab links its own references in the rendered text (`!12`, `~label`, `%milestone`, `$12`,
`&12`, `[vulnerability:12]`, `*iteration:`) besides GitHub's, and runs a quick action written at
the start of any line of a note (`/merge`, `/close`, `/approve`). The Markdown is rendered by
cmark-gfm (GitLab's Markdown is GFM too); the quick actions are looked for in the note's raw
lines, as GitLab does, fenced blocks included.
"""

from __future__ import annotations

import html
import re

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from ocamba_provider.summary import summarize
from ocamba_provider.summary.inert import ZERO_WIDTH_SPACE, inert, no_quick_action
from tests.support.preview_documents import DRAFT_ERROR, document, inputs, step

HOSTILE = (
    "/merge",
    '/close !12 ~bug ~"needs review" %v1.0 $3 &4 [vulnerability:5] *iteration:"s" @all',
    "Spring sale\n/approve\n/merge\r\n/label ~urgent",
    "see group/project!7 and project#8 :thumbsup: www.evil.example",
)

# What GitLab links or notifies in rendered text (outside code), after Markdown.
_GITLAB_LIVE = re.compile(
    r"(?<![\w`])@[A-Za-z0-9]"  # mention, @all included
    r"|(?<![\w&])#\d"
    r"|!\d"  # merge request
    r"|~[\w\"]"  # label
    r"|%[\w\"]"  # milestone
    r"|\$\d"  # snippet
    r"|&\d"  # epic
    r"|\[vulnerability:|\*iteration:"
    r"|\b(?:https?|ftp)://|\bwww\."
    r"|:[a-z_+-][a-z0-9_+-]*:",  # emoji
    re.IGNORECASE,
)
_QUICK_ACTION = re.compile(r"^/[a-z]", re.MULTILINE)


def render(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def gitlab_live(rendered: str) -> list[str]:
    outside_code = re.sub(r"<code>.*?</code>", "", rendered, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", outside_code))
    return _GITLAB_LIVE.findall(text)


def named(name: str, **extra: str) -> object:
    return step("create", "c", inputs("1000248", "paused", "running", name=name, **extra))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_name_links_nothing_and_starts_no_quick_action_on_gitlab(hostile: str) -> None:
    note = summarize(document(named(hostile, pause_reason=hostile)))

    rendered = render(note)
    assert _QUICK_ACTION.findall(note) == []
    assert gitlab_live(rendered) == []
    assert "<a" not in rendered and "<img" not in rendered


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_error_text_starts_no_quick_action(hostile: str) -> None:
    error = {**DRAFT_ERROR, "message": f"error: campaign 1000270 ({hostile}): {hostile}"}

    note = summarize(document(diagnostics=[error]))

    assert _QUICK_ACTION.findall(note) == []
    assert gitlab_live(render(note)) == []


def test_a_program_error_of_many_lines_keeps_them_but_starts_no_quick_action() -> None:
    failure = {"message": "error: bad config\n/merge\n  /approve\n/close ~bug", "severity": "error"}

    note = summarize(document(diagnostics=[failure]))

    assert re.findall(r"^[ \t]*/", note, re.MULTILINE) == []
    assert f"{ZERO_WIDTH_SPACE}/merge\n  {ZERO_WIDTH_SPACE}/approve" in note
    assert render(note).count("<pre") == 1


def test_no_quick_action_leaves_other_lines_alone() -> None:
    assert no_quick_action("/merge") == ZERO_WIDTH_SPACE + "/merge"
    assert no_quick_action("  /close") == "  " + ZERO_WIDTH_SPACE + "/close"
    assert no_quick_action("a/b /merge") == "a/b /merge"


def test_gitlab_references_are_split_by_an_invisible_space() -> None:
    assert (
        inert("!12 %v1 $3") == f"!{ZERO_WIDTH_SPACE}12 %{ZERO_WIDTH_SPACE}v1 \\${ZERO_WIDTH_SPACE}3"
    )
    assert inert("&4") == f"&amp;{ZERO_WIDTH_SPACE}4"
    assert inert("50% off!") == "50% off!"
