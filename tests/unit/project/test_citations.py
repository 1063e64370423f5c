"""Every file the code and the docs cite exists: a comment that points at a moved test or
module sends the next reader nowhere."""

from __future__ import annotations

import re
import subprocess

from tests.support.paths import REPO

# A path into the repository, as prose writes it: `docs/ci.md`, a test module, a folder.
_CITED = re.compile(
    r"(?<![\w/.<-])((?:ocamba_provider|tests|tools|docs|stacks|examples|\.github)/[\w./-]*\w)"
)
_SCANNED = (".py", ".md", ".yml", ".toml", ".sh")
_EXAMPLES = {"stacks/Pulumi", "stacks/Pulumi.production.yaml"}
"""Files a user makes in their own project, named by the README as examples."""


def _tracked() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [name for name in listed if name.endswith(_SCANNED)]


def test_every_cited_path_exists() -> None:
    missing: dict[str, set[str]] = {}
    for name in _tracked():
        if name.startswith("tests/fixtures/"):
            continue  # recipes for older checkouts name that checkout's files
        path = REPO / name
        if not path.is_file():
            continue
        for found in _CITED.finditer(path.read_text(encoding="utf-8", errors="replace")):
            cited = found.group(1).rstrip(".")
            if cited not in _EXAMPLES and not (REPO / cited).exists():
                missing.setdefault(name, set()).add(cited)

    assert missing == {}


def test_the_check_finds_a_citation_that_points_nowhere() -> None:
    nowhere = "/".join(("tests", "unit", "test_nowhere.py"))  # not written out: it is cited
    text = f"see {nowhere} and docs/architecture.md"

    cited = [found.group(1) for found in _CITED.finditer(text)]

    assert cited == [nowhere, "docs/architecture.md"]
    assert not (REPO / cited[0]).exists()
    assert (REPO / cited[1]).exists()
