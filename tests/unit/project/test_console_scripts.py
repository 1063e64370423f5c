"""Each console script of pyproject.toml names a function that exists: a moved `main` would
otherwise only show when someone installs the wheel and runs the command."""

from __future__ import annotations

import importlib
import tomllib

import pytest

from tests.support.paths import REPO

PYPROJECT = REPO / "pyproject.toml"
SCRIPTS = tomllib.loads(PYPROJECT.read_text())["project"]["scripts"]


def test_the_commands_are_the_new_packages_mains() -> None:
    assert SCRIPTS["ocamba-campaigns"] == "ocamba_provider.discovery.command:main"
    assert SCRIPTS["ocamba-doctor"] == "ocamba_provider.doctor.command:main"


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_the_console_script_resolves_to_a_function(script: str) -> None:
    module, _, attribute = SCRIPTS[script].partition(":")

    assert callable(getattr(importlib.import_module(module), attribute))
