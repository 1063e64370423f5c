"""A group through the provider hooks against a real emulator over HTTP (no engine): check then
create as the engine drives a new group, the ledger and the wire read after each.

Exactly once per member under dropped answers; members found with one listing, labels matched
here whatever the server's `labels=` filter does; precedence (a pause wins) and conflicts;
the guard counting members; an empty selector result; refresh as a drift check.
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from typing import Any

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from ocamba_provider.emulator import Emulator
from ocamba_provider.emulator.behaviour.variants import variant_settings
from ocamba_provider.errors import TransitionError
from ocamba_provider.resources.provider import CampaignRunStateProvider
from ocamba_provider.runstate.session import reset_sessions
from tests.support.ledger import applied, ledger_problems
from tests.support.recording_proxy import RecordingProxy, blind_resends
from tests.support.scaled import SCALE, TOKEN, ids, live_statuses

LABEL = "black-friday-2026"
BF = {"select": {"labels": [LABEL]}, "state": "active", "run_immediately": True}
STOP = {"select": {"labels": [LABEL]}, "state": "paused", "pause_reason": "checkout is down"}


def seed(hood: Emulator, count: int, status: str, *, labelled: int, first: int = 2000000) -> None:
    """`count` campaigns, the first `labelled` of them carrying LABEL (every other one in the
    comma-joined string form Hood's older answers use)."""
    hood.control.seed(
        [
            {
                "id": cid,
                "name": f"Campaign {cid}",
                "status": status,
                "labels": (
                    ([LABEL, "push"] if i % 2 else f"{LABEL}, mail") if i < labelled else ["other"]
                ),
            }
            for i, cid in enumerate(ids(count, first))
        ]
    )


def provider(url: str, entries: list[dict[str, Any]] | None = None, **config: str) -> Any:
    """A provider configured as the dynamic host does it, with the stack config's list."""
    raw = {
        "ocamba:apiToken": TOKEN,
        "ocamba:apiUrl": url,
        "ocamba:rateLimitScale": str(SCALE),
        "ocamba:allowMassTransition": "true",
        "ocamba:settleSeconds": "3",
        **{f"ocamba:{key}": value for key, value in config.items()},
    }
    if entries is not None:
        raw["ocamba-campaigns:campaigns"] = json.dumps(entries)
    found = CampaignRunStateProvider()
    found.configure(ConfigureRequest(Config(raw, "ocamba-campaigns")))
    return found


def declared(name: str, group: dict[str, Any]) -> dict[str, Any]:
    """A group's properties as CampaignGroup hands them to the provider."""
    return {**group, "group": name, "__resource_name": name}


def reasons(result: Any) -> list[str]:
    return [failure.reason for failure in result.failures]


def test_every_member_is_resumed_once_under_dropped_answers(
    hood: Emulator, wire: RecordingProxy
) -> None:
    seed(hood, 60, "paused", labelled=40)
    hood.control.set_faults([{"route": "resume", "fault": "drop_after_apply", "rate": 0.4}], seed=3)
    group = provider(wire.url, [{"name": "bf", **BF}])

    checked = group.check({}, declared("bf", BF))
    assert reasons(checked) == []
    created = group.create(checked.inputs)

    assert ledger_problems(hood.control, resumed=ids(40), untouched=ids(20, 2000040)) == []
    assert blind_resends(wire.exchanges()) == []
    assert hood.control.fault_counts()[0] > 5  # the drops really happened
    assert sorted(created.outs["members"]) == ids(40)
    hood.control.set_faults([])
    statuses = live_statuses(hood)
    assert {statuses[cid] for cid in ids(40)} == {"running"}


@pytest.mark.parametrize("label_filter", ["ignore", "filter", "refuse"])
def test_members_are_found_with_bulk_reads_whatever_the_server_does_with_labels(
    hood: Emulator, wire: RecordingProxy, label_filter: str
) -> None:
    seed(hood, 500, "paused", labelled=100)
    hood.control.settings(label_filter=label_filter)
    hood.control.reset_stats()

    checked = provider(wire.url).check({}, declared("bf", BF))

    assert reasons(checked) == []
    assert sorted(checked.inputs["observed_members"]) == ids(100)
    reads = sum(
        n for route, n in Counter(hood.control.stats()["requests"]).items() if "GET" in route
    )
    # At most a listing of the workspace plus two; one page of members where the server filters.
    assert reads <= math.ceil(500 / 100) + 2
    if label_filter == "filter":
        assert reads <= math.ceil(100 / 100) + 1
    assert hood.control.ledger() == []


def test_an_emergency_stop_pauses_every_running_member_once_whoever_else_declares_it(
    hood: Emulator, wire: RecordingProxy
) -> None:
    seed(hood, 40, "running", labelled=40)
    # An active group and an entry by id select the same campaigns: the pause wins.
    entries = [
        {"name": "bf", **BF},
        {"name": "stop", **STOP},
        {"id": ids(1)[0], "state": "active", "run_immediately": True},
    ]
    stop, bf = provider(wire.url, entries), provider(wire.url, entries)

    checked = {
        name: p.check({}, declared(name, group))
        for name, p, group in (("stop", stop, STOP), ("bf", bf, BF))
    }
    entry = stop.check({}, {"campaign_id": ids(1)[0], "state": "active", "run_immediately": True})
    for result in [*checked.values(), entry]:
        assert reasons(result) == []
    for name, p in (("stop", stop), ("bf", bf)):
        p.create(checked[name].inputs)
    stop.create(entry.inputs)

    assert ledger_problems(hood.control, resumed=(), paused=ids(40)) == []
    assert applied(hood.control, "resume") == Counter()
    pause = next(e for e in hood.control.ledger() if e["action"] == "pause")
    assert pause["body"]["reason"].startswith("checkout is down")
    facts = checked["bf"].inputs["observed_members"]
    assert facts[ids(1)[0]]["governed_by"] == "held: group stop pauses it (a pause wins)"


def test_two_groups_that_resume_one_campaign_differently_fail_at_preview_naming_both(
    hood: Emulator,
) -> None:
    seed(hood, 3, "paused", labelled=3)
    later = {**BF, "run_immediately": None, "scheduled_time": "2031-01-01 09:00:00"}
    later = {key: value for key, value in later.items() if value is not None}
    entries = [{"name": "bf", **BF}, {"name": "bf-later", **later}]

    checked = provider(hood.url, entries).check({}, declared("bf", BF))

    (first, *_) = reasons(checked)
    assert first.startswith(f"campaign {ids(1)[0]} (Campaign {ids(1)[0]}) is selected by groups")
    assert "bf and bf-later" in first and "resume now" in first and "2031-01-01" in first
    assert hood.control.ledger() == []


def test_the_guard_counts_each_member_and_refuses_before_anything_is_sent(hood: Emulator) -> None:
    seed(hood, 30, "paused", labelled=30)
    limited = provider(
        hood.url, [{"name": "bf", **BF}], allowMassTransition="false", maxTransitionsPerRun="25"
    )

    checked = limited.check({}, declared("bf", BF))

    assert any("30" in reason and "25" in reason for reason in reasons(checked)), reasons(checked)
    assert hood.control.ledger() == []


def test_a_selector_that_matches_nothing_is_an_error_unless_allowed(hood: Emulator) -> None:
    seed(hood, 5, "paused", labelled=0)

    empty = provider(hood.url).check({}, declared("bf", BF))
    allowed = provider(hood.url).check({}, declared("bf", {**BF, "allow_empty": True}))

    assert reasons(empty) == [
        f"group bf: no campaign matches select (labels {LABEL}); 5 campaigns were read. Check "
        f"the selector (`ocamba-campaigns list --labels {LABEL}` lists what it selects), or set "
        "allow_empty: true to keep a group that is empty for now."
    ]
    assert reasons(allowed) == []


def test_refresh_is_clean_after_create_and_dirty_once_a_member_moved(hood: Emulator) -> None:
    seed(hood, 4, "paused", labelled=4)
    checked = provider(hood.url).check({}, declared("bf", BF))
    outs = provider(hood.url).create(checked.inputs).outs

    reset_sessions()  # `pulumi refresh` is a new provider process
    read = provider(hood.url).read("bf", outs)
    assert provider(hood.url).diff("bf", outs, read.inputs).changes is False

    hood.control.set_status(ids(1)[0], "paused")
    reset_sessions()
    moved = provider(hood.url).read("bf", outs)
    assert moved.outs["members"][ids(1)[0]]["status"] == "paused"
    assert provider(hood.url).diff("bf", outs, moved.inputs).changes is True


def test_destroying_a_group_under_on_delete_pause_pauses_each_member_once(hood: Emulator) -> None:
    seed(hood, 3, "paused", labelled=3)
    group = {**BF, "on_delete": "pause"}
    checked = provider(hood.url).check({}, declared("bf", group))
    outs = provider(hood.url).create(checked.inputs).outs
    reset_sessions()

    provider(hood.url).delete("bf", outs)

    assert ledger_problems(hood.control, resumed=ids(3), paused=ids(3)) == []
    reasons_sent = [e["body"]["reason"] for e in hood.control.ledger() if e["action"] == "pause"]
    assert all(reason.startswith("left the group (on_delete: pause)") for reason in reasons_sent)


def test_destroying_a_group_forgets_its_members_by_default_and_sends_nothing(
    hood: Emulator,
) -> None:
    seed(hood, 3, "running", labelled=3)
    checked = provider(hood.url).check({}, declared("bf", BF))
    outs = provider(hood.url).create(checked.inputs).outs

    provider(hood.url).delete("bf", outs)

    assert hood.control.ledger() == []


def test_a_group_under_the_hostile_api_variant_resumes_each_member_once_and_then_rests(
    hood: Emulator,
) -> None:
    seed(hood, 30, "paused", labelled=20)
    hood.control.settings(**variant_settings(["hostile"]))
    hood.control.set_faults([{"route": "resume", "fault": "drop_after_apply", "rate": 0.2}], seed=7)

    checked = provider(hood.url).check({}, declared("bf", BF))
    assert reasons(checked) == []
    outs = provider(hood.url).create(checked.inputs).outs

    assert ledger_problems(hood.control, resumed=ids(20), untouched=ids(10, 2000020)) == []
    assert sorted(outs["members"]) == ids(20)
    hood.control.set_faults([])
    time.sleep(3.5)  # longer than the variant's status lag: reads show every resume now
    reset_sessions()
    before = len(hood.control.ledger())
    again = provider(hood.url).check(outs, declared("bf", BF))
    assert reasons(again) == []
    assert provider(hood.url).diff("bf", outs, again.inputs).changes is False
    assert len(hood.control.ledger()) == before


def test_a_group_update_whose_writes_keep_failing_names_each_member_and_the_next_run_finishes(
    hood: Emulator,
) -> None:
    seed(hood, 4, "paused", labelled=4)
    # Every resume answers 500 and applies nothing: each member uses up its rounds.
    hood.control.set_faults([{"route": "resume", "fault": "500", "rate": 1.0}])
    checked = provider(hood.url).check({}, declared("bf", BF))

    with pytest.raises(TransitionError) as failed:
        provider(hood.url).create(checked.inputs)

    message = str(failed.value)
    assert message.startswith("group bf: 4 of 4 member(s) could not be changed:\n  - campaign ")
    assert all(f"campaign {cid}" in message for cid in ids(4))
    assert "Nothing was sent twice" in message and "A new `pulumi up` is safe from" in message
    assert hood.control.ledger() == []

    hood.control.set_faults([])
    reset_sessions()
    again = provider(hood.url).check({}, declared("bf", BF))
    provider(hood.url).create(again.inputs)

    assert ledger_problems(hood.control, resumed=ids(4)) == []
