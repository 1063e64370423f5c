"""The campaigns one program run declares: a campaign declared twice is a program error.

Per run, not per process: an Automation API caller runs preview and then up (or several stacks)
in one process, and Pulumi's mocks run a program per test; each of those declares afresh.
"""

from __future__ import annotations

import threading

import pulumi

from ocamba_provider.resources.program_run import current_run


class Declarations:
    """Remembers which resource declared each campaign id in the current program run."""

    def __init__(self) -> None:
        self._run: object | None = None
        self._names: dict[str, str] = {}
        self._lock = threading.Lock()

    def declare(self, campaign_id: object, resource_name: str) -> None:
        """Remember one declaration.

        Raises:
            pulumi.RunError: the id is already declared in this run (two resources would fight
                over it).
        """
        if not isinstance(campaign_id, str):
            return  # an Output: its value is known only later, to the engine
        run = current_run()
        with self._lock:
            if run is not self._run:
                # Holding the marker keeps it alive, so a later run cannot reuse its identity.
                self._run, self._names = run, {}
            if campaign_id in self._names:
                raise pulumi.RunError(
                    f"campaign {campaign_id} is declared twice: declare each campaign once "
                    "(two declarations would pause and resume it on alternate runs)"
                )
            self._names[campaign_id] = resource_name


DECLARATIONS = Declarations()
"""The one registry of the process; it starts over whenever a new program run declares."""
