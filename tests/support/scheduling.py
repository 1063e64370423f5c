"""How `make test` spreads the suite over xdist workers (`--dist loadscope`, made ours by
tests/conftest.py): a module's tests run on one worker, in file order, since an e2e module's
numbered steps share one stack; the tests of a module in SPREAD are independent, and each may go
to any worker.

Why not xdist's own `loadgroup` with an `xdist_group` mark per module: pytest-xdist 3.8 groups
by appending the group to `item._nodeid`, which pytest 9 no longer reads, so every test became
its own group and numbered steps ran on fresh stacks.
"""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

SPREAD = frozenset(
    {
        # Independent tests that take long: 15 engine runs of about 30 s each, and so on.
        "tests/reliability/test_api_variants.py",
        "tests/reliability/test_engine_exactly_once.py",
        "tests/e2e/test_user_paths.py",
        "tests/e2e/test_policies.py",
        "tests/e2e/test_request_counts.py",
        "tests/unit/test_imports.py",
    }
)


class ModuleScheduling(LoadScopeScheduling):  # type: ignore[misc]
    """loadfile, except that a SPREAD module's tests are scheduled one by one."""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return nodeid if module in SPREAD else module
