"""A stack may declare 1,000 campaigns (the soak's size): every provider must serialise."""

from __future__ import annotations

from tests.support.many_resources import declare_many


def test_a_program_can_declare_1100_campaigns() -> None:
    done = declare_many(1100)

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok 1100"
