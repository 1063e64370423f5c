"""The campaigns one program run declares: the bulk-read hint, and no campaign twice.

Per run, not per process: an Automation API caller runs preview and then up (or several stacks)
in one process, and Pulumi's mocks run a program per test; each of those declares afresh.

Why a hint travels with the first resource: the engine checks resources one after another, so
without being told, the provider cannot know how many checks are still to come, and no online
rule (small reads, then the whole workspace) stays within min(N, ceil(T/100)) + 2 requests for
every N. So the first resource of a run carries every declared id; the others wait, before they
register, until the first one has registered. That wait is a plain future, not an Output of the
first resource: no dependency edge is recorded, and `--target` of one campaign touches exactly
that campaign (an untargeted first resource still registers, at once, from state).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import Any

import pulumi

from ocamba_provider.domain.run_list import hint_of
from ocamba_provider.resources.sdk_workarounds import current_run


class Declarations:
    """Which resource declared each campaign id in the current program run, and with what."""

    def __init__(self) -> None:
        self._run: object | None = None
        self._names: dict[str, str] = {}
        self._states: dict[str, dict[str, str]] = {}
        self._first: pulumi.Resource | None = None
        self._lock = threading.Lock()

    def reset(self) -> None:
        """Forget every run: the next declaration starts a new one, whatever the SDK says."""
        with self._lock:
            self._run, self._names, self._states, self._first = None, {}, {}, None

    def declare(self, props: dict[str, Any], resource_name: str) -> pulumi.Resource | None:
        """Remember one declaration; the run's first resource, None if this is the first.

        Raises:
            pulumi.RunError: the id is already declared in this run (two resources would fight
                over it).
        """
        run = current_run()
        with self._lock:
            if run is not self._run:
                # Holding the marker keeps it alive, so a later run cannot reuse its identity.
                self._run, self._names, self._states, self._first = run, {}, {}, None
            campaign_id = props.get("campaign_id")
            if isinstance(campaign_id, str):  # an Output is known only later, to the engine
                if campaign_id in self._names:
                    raise pulumi.RunError(
                        f"campaign {campaign_id} is declared twice: declare each campaign once "
                        "(two declarations would pause and resume it on alternate runs)"
                    )
                self._names[campaign_id] = resource_name
                self._states[campaign_id] = hint_of(props)
            return self._first

    def first_registered(self, resource: pulumi.Resource) -> None:
        """`resource` is the run's first: the one that carries the hint."""
        with self._lock:
            self._first = resource

    async def every_declared(self) -> dict[str, dict[str, str]]:
        """The hint: every id of this run, once the program's body has declared them all."""
        # Tasks start only after the program's synchronous body: by now it has declared all.
        with self._lock:
            return dict(self._states)


async def after_registration(first: pulumi.Resource) -> dict[str, Any]:
    """An empty hint, ready once `first` has registered (or failed to)."""
    # Its own error is reported by its own registration; this one only waits for it.
    with contextlib.suppress(Exception):
        await first.urn.future()
    return {}


def hint_for(first: pulumi.Resource | None, declarations: Declarations) -> pulumi.Output[Any]:
    """The hint input of a new resource: every id for the first, a wait for the others."""
    if first is None:
        return pulumi.Output.from_input(asyncio.ensure_future(declarations.every_declared()))
    return pulumi.Output.from_input(asyncio.ensure_future(after_registration(first)))


DECLARATIONS = Declarations()
"""The one registry of the process, owned by this module; it starts over whenever a new program
run declares (sdk_workarounds.current_run), and on `reset_declarations()`."""


def reset_declarations() -> None:
    """For tests: forget what earlier runs declared, as a new process would."""
    DECLARATIONS.reset()
