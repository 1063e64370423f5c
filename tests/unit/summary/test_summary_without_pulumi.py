"""The PR summary is a JSON-to-Markdown command: it must not load the Pulumi SDK.

The import contracts (`make lint-imports`) check the static imports; this runs the real
command, so a late import inside a function, a package `__init__` or a plugin hook counts too.
`-X importtime` lists every module the interpreter imported, one per stderr line.
"""

from __future__ import annotations

import subprocess
import sys

_IMPORT_LINE = "import time:"


def _imported_modules(command: list[str]) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    # "import time: self [us] | cumulative | imported package", nested names indented.
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith(_IMPORT_LINE) and line.count("|") == 2
    }
    return done, modules


def test_summary_help_imports_no_pulumi_module() -> None:
    done, modules = _imported_modules(["-m", "ocamba_provider.summary", "--help"])

    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout
    # The listing is read correctly: the summary's own modules are in it.
    assert {"ocamba_provider.summary.rows", "ocamba_provider.domain.reconcile"} <= modules
    pulumi = sorted(m for m in modules if m == "pulumi" or m.startswith("pulumi."))
    assert pulumi == []


def test_the_listing_would_show_pulumi_if_it_were_imported() -> None:
    # The check above cannot pass vacuously: the same reading sees the SDK when it loads.
    _, modules = _imported_modules(["-c", "import pulumi.dynamic"])

    assert "pulumi" in modules and "pulumi.dynamic" in modules
