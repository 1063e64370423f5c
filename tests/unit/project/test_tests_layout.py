"""The tests' own rooms: shared helpers in tests/support/, unit tests mirroring the package, and
no file importing a test module or a conftest.

pytest imports test modules and conftest files itself; a second importer ties one test's fate
to another's file (a rename or a moved helper breaks both) and hides what is shared.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.paths import PACKAGE, REPO

TESTS = REPO / "tests"
SUPPORT = TESTS / "support"
UNIT = TESTS / "unit"
BESIDE_THE_PACKAGE = {"project", "tools"}
"""Unit-test folders for what is not a folder of ocamba_provider: the repository's own files
(pyproject, lock, workflows, this layout) and tools/."""


def _module_of(path: Path) -> str:
    """The dotted name pytest imports `path` under (every folder up to tests/ is a package)."""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_test_module(dotted: str) -> bool:
    last = dotted.rsplit(".", 1)[-1]
    return last.startswith("test_") or last == "conftest"


def imported_test_modules(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """The test modules and conftests `source` (the module `module`) imports, absolutely or
    relatively, as `import m`, `from m import x` or `from package import m`."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if _is_test_module(alias.name)]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if _is_test_module(target):
                found.append(target)
            elif REPO.joinpath(*target.split(".")).is_dir():
                # `from package import name`: a module only when the package is a folder here.
                found += [
                    f"{target}.{alias.name}" for alias in node.names if _is_test_module(alias.name)
                ]
    return found


def _python_files() -> Iterator[Path]:
    yield from sorted(TESTS.rglob("*.py"))


@pytest.mark.parametrize(
    ("source", "module", "found"),
    [
        pytest.param(
            "from tests.e2e.test_summary import rows_of",
            "tests.e2e.x",
            ["tests.e2e.test_summary"],
            id="absolute",
        ),
        pytest.param(
            "from .test_hooks import hood", "tests.unit.x", ["tests.unit.test_hooks"], id="relative"
        ),
        pytest.param(
            "from . import test_summary", "tests.unit.x", ["tests.unit.test_summary"], id="sibling"
        ),
        pytest.param(
            "from ..e2e.conftest import TOKEN", "tests.unit.x", ["tests.e2e.conftest"], id="up"
        ),
        pytest.param("import tests.e2e.conftest", "tests.x", ["tests.e2e.conftest"], id="import"),
        pytest.param(
            "from tests.e2e import conftest", "tests.x", ["tests.e2e.conftest"], id="by-name"
        ),
        pytest.param(
            "def f():\n    from tests.unit.test_x import y\n",
            "tests.x",
            ["tests.unit.test_x"],
            id="late",
        ),
        pytest.param("from tests.support.ledger import applied", "tests.e2e.x", [], id="support"),
        pytest.param("from .helpers import test_data", "tests.e2e.x", [], id="a-name-not-a-module"),
        pytest.param("from pytest import fixture", "tests.e2e.x", [], id="library"),
    ],
)
def test_the_import_check_finds_test_modules_however_they_are_imported(
    source: str, module: str, found: list[str]
) -> None:
    assert imported_test_modules(source, module) == found


def test_no_file_under_tests_imports_a_test_module_or_a_conftest() -> None:
    offenders = {
        str(path.relative_to(REPO)): imported
        for path in _python_files()
        if (
            imported := imported_test_modules(
                path.read_text(encoding="utf-8"),
                _module_of(path),
                is_package=path.name == "__init__.py",
            )
        )
    }

    assert offenders == {}


def test_every_folder_of_test_modules_is_a_package_so_basenames_may_repeat() -> None:
    # tests/e2e/test_summary.py and tests/unit/summary/test_summary.py are imported under
    # their dotted names only while every folder up to tests/ has an __init__.py.
    folders = {path.parent for path in TESTS.rglob("test_*.py")}
    missing = sorted(
        {
            str(level.relative_to(REPO))
            for folder in folders
            for level in [folder, *folder.parents]
            if level.is_relative_to(TESTS) and not (level / "__init__.py").is_file()
        }
    )

    assert missing == []


def test_shared_helpers_live_in_tests_support() -> None:
    # Folders without __init__.py (fixtures, a user's program run as a child) are data.
    strays = sorted(
        str(path.relative_to(REPO))
        for path in _python_files()
        if (path.parent / "__init__.py").is_file()
        and not path.is_relative_to(SUPPORT)
        and path.name not in ("__init__.py", "conftest.py")
        and not path.name.startswith("test_")
    )

    assert strays == []


def test_support_holds_no_tests() -> None:
    assert sorted(path.name for path in SUPPORT.rglob("test_*.py")) == []


def test_unit_folders_mirror_the_package() -> None:
    unit_folders = {path.parent.name for path in UNIT.glob("*/__init__.py")}
    package_folders = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}

    assert unit_folders - BESIDE_THE_PACKAGE <= package_folders
    assert unit_folders >= BESIDE_THE_PACKAGE
