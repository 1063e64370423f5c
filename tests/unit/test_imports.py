"""Every module of the package imports on its own, in a fresh interpreter.

An import cycle only shows when the cycle's second module is the first one imported (as
`import ocamba_provider.policies` did before the domain layer: policies -> resources -> provider
-> policies), so each module gets a process of its own, where nothing was imported before it.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import ocamba_provider

MODULES = sorted(
    module.name
    for module in pkgutil.walk_packages(ocamba_provider.__path__, "ocamba_provider.")
    # Running a __main__ is running a command, not importing a module.
    if not module.name.endswith(".__main__")
)


def test_the_package_has_modules_to_import() -> None:
    assert "ocamba_provider.domain.policies" in MODULES
    assert len(MODULES) > 40


@pytest.mark.parametrize("module", ["ocamba_provider", *MODULES])
def test_module_imports_in_a_fresh_interpreter(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
