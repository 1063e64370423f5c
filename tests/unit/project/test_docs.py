"""The README and docs/*.md point at things that exist: every relative link reaches a file (and
its `#anchor` a heading), every `make` target, `python -m` module and console script they tell
a reader to run is there, and the README stays a landing page: at most 12 KB, with a table of
contents that lists its sections. The walk-through itself runs in
tests/e2e/test_readme_walkthrough.py."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

from tests.support.markdown_docs import (
    README,
    anchors,
    code_spans,
    headings,
    is_relative,
    links,
    pages,
    shell_commands,
    slug,
    split_code,
    walkthrough,
)
from tests.support.paths import REPO

README_LIMIT = 12_000
"""Bytes (`wc -c README.md`): a landing page, with the depth in docs/."""
SHELL = {"sh", "bash", "shell", "console"}
OUR_COMMANDS = re.compile(r"^(ocamba-[\w-]+|pulumi-resource-ocamba)$")
"""A command of this package, when it is the program a docs line runs."""
_MAKE = re.compile(r"(?:^|[\s;&|(])make ([a-z][\w-]*)")
_PYTHON_M = re.compile(r"\bpython3? -m ([A-Za-z_][\w.]*)")
_ASSIGNMENT = re.compile(r"^\w+=(?:'[^']*'|\"[^\"]*\"|\S)*\s+")
_PAGE_IDS = [str(page.relative_to(REPO)) for page in pages()]


def _what_a_reader_runs(markdown: str) -> list[str]:
    """The inline code spans and the commands of the shell blocks: where the docs tell a
    reader to run something."""
    prose, blocks = split_code(markdown)
    commands = [
        command
        for block in blocks
        if block.language in SHELL
        for command in shell_commands(block.text)
    ]
    return code_spans(prose) + commands


def _broken_links(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    broken = []
    for target in links(text):
        if not is_relative(target):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file.read_text()):
            broken.append(f"{target}: no heading with that anchor in {file.name}")
    return broken


def _makefile_targets() -> set[str]:
    text = (REPO / "Makefile").read_text()
    return set(re.findall(r"^([A-Za-z][\w-]*):(?!=)", text, re.MULTILINE))


def _program_of(command: str) -> str:
    """The program a one-line command runs, without its variable assignments and path."""
    line = re.split(r"&&|\|\||;|\|", command.splitlines()[0])[0].strip().lstrip("!( ")
    while _ASSIGNMENT.match(line):
        line = _ASSIGNMENT.sub("", line, count=1)
    words = line.split()
    return words[0].rsplit("/", 1)[-1] if words else ""


def _named_programs(markdown: str) -> set[str]:
    prose, blocks = split_code(markdown)
    spans = [span for span in code_spans(prose) if " " in span]
    shell = [c for b in blocks if b.language in SHELL for c in shell_commands(b.text)]
    return {program for program in map(_program_of, spans + shell) if OUR_COMMANDS.match(program)}


@pytest.mark.parametrize("page", pages(), ids=_PAGE_IDS)
def test_every_relative_link_reaches_a_file_and_its_heading(page: Path) -> None:
    assert _broken_links(page) == []


@pytest.mark.parametrize("page", pages(), ids=_PAGE_IDS)
def test_every_make_target_the_docs_name_is_in_the_makefile(page: Path) -> None:
    named = {
        target
        for text in _what_a_reader_runs(page.read_text(encoding="utf-8"))
        for target in _MAKE.findall(text)
    }

    assert named - _makefile_targets() == set()


@pytest.mark.parametrize("page", pages(), ids=_PAGE_IDS)
def test_every_python_module_the_docs_run_is_importable(page: Path) -> None:
    named = {
        module
        for text in _what_a_reader_runs(page.read_text(encoding="utf-8"))
        for module in _PYTHON_M.findall(text)
    }
    missing = []
    for module in sorted(named):
        spec = importlib.util.find_spec(module)
        if spec is None:
            missing.append(module)
        # `python -m package` runs the package's __main__.
        elif spec.submodule_search_locations is not None and not importlib.util.find_spec(
            f"{module}.__main__"
        ):
            missing.append(f"{module}.__main__")

    assert missing == []


@pytest.mark.parametrize("page", pages(), ids=_PAGE_IDS)
def test_every_command_of_the_package_the_docs_run_is_a_console_script(page: Path) -> None:
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]

    assert _named_programs(page.read_text(encoding="utf-8")) - set(scripts) == set()


def test_the_readme_is_a_landing_page_of_at_most_12_kb() -> None:
    assert len(README.read_bytes()) <= README_LIMIT


def test_the_readmes_contents_list_its_sections_in_order() -> None:
    text = README.read_text(encoding="utf-8")
    sections = [heading for level, heading in headings(text) if level == 2]
    assert sections[0] == "Contents"
    prose, _ = split_code(text)
    listed = re.search(r"^## Contents\n(.*?)^## ", prose, re.MULTILINE | re.DOTALL)
    assert listed is not None
    entries = re.findall(r"^- \[([^\]]+)\]\(#([^)]+)\)$", listed.group(1), re.MULTILINE)

    assert entries == [(heading, slug(heading)) for heading in sections[1:]]


def test_the_readme_marks_its_walkthrough_block() -> None:
    block = walkthrough(README.read_text(encoding="utf-8"))

    assert "pulumi up" in block.text


# The checks themselves, on made-up pages: each finds what it exists to find.


def test_anchors_are_githubs_slugs() -> None:
    assert slug("Use it in your own project in five minutes") == (
        "use-it-in-your-own-project-in-five-minutes"
    )
    assert slug("Recovering from an interrupted `pulumi up`") == (
        "recovering-from-an-interrupted-pulumi-up"
    )
    assert slug("Removing a declaration: `on_delete`") == "removing-a-declaration-on_delete"
    assert slug("The campaigns of a stack: `<project>:campaigns`") == (
        "the-campaigns-of-a-stack-projectcampaigns"
    )
    assert anchors("# A\n## Notes\n```sh\n# not a heading\n```\n## Notes\n") == {
        "a",
        "notes",
        "notes-1",
    }


def test_the_link_check_finds_a_missing_file_and_a_missing_heading(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Other\n\n## Real heading\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n[ok](other.md#real-heading) [self](#page) [web](https://example.com/x)\n"
        "[gone](nowhere.md) [wrong](other.md#no-such-heading) [here](#nothing)\n"
        "`[in code](nowhere.md)`\n\n```md\n[in a block](nowhere.md)\n```\n"
    )

    assert _broken_links(page) == [
        "nowhere.md: no such file",
        "other.md#no-such-heading: no heading with that anchor in other.md",
        "#nothing: no heading with that anchor in page.md",
    ]


def test_commands_are_read_from_code_only() -> None:
    text = (
        "Run `make demo` and `python -m ocamba_provider.summary x.json`; make a change.\n\n"
        "```sh\nOCAMBA_API_TOKEN=t ocamba-doctor --api-url http://x\n"
        "cd x && make no-such-target\n.venv/bin/ocamba-nothing list\n```\n\n"
        "```yaml\nocamba-campaigns:campaigns: []\n```\n"
    )
    ran = _what_a_reader_runs(text)

    assert {t for r in ran for t in _MAKE.findall(r)} == {"demo", "no-such-target"}
    assert {m for r in ran for m in _PYTHON_M.findall(r)} == {"ocamba_provider.summary"}
    assert _named_programs(text) == {"ocamba-doctor", "ocamba-nothing"}
