"""A fake GitHub per test, and a client of it with the workflow's token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.fake_github import REPO, TOKEN, Store, fake_github
from tools.ci.github_rest import GitHub


@pytest.fixture
def served() -> Iterator[tuple[GitHub, Store]]:
    with fake_github() as (url, store):
        yield GitHub(url, REPO, TOKEN), store
