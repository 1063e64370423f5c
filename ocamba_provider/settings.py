"""Where the provider learns the API URL and the token: stack config, else the environment.

The token lives only in a ProviderSettings held by the running provider process: it is never an
input, an output, a field of the pickled provider, or part of a message.
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ocamba_provider.domain.freezes import (
    ALLOW_FREEZE_VARIABLE,
    FREEZES_KEY,
    NO_FREEZES,
    Freezes,
    allowed_names,
    freezes_in_config,
)
from ocamba_provider.domain.guard import ALLOW_TRANSITIONS_VARIABLE
from ocamba_provider.domain.verdict import SETTLE_SECONDS
from ocamba_provider.domain.zones import DEFAULT_ZONE, UnknownZone, zone
from ocamba_provider.errors import ConfigurationError

DEFAULT_API_URL = "https://api.ocamba.com"
UNATTENDED_VARIABLE = "OCAMBA_UNATTENDED"
"""Set by the workflows that run without a reviewer (schedule.yml, Deployments): an
environment variable, never config, so that no reviewed run inherits it."""
MAX_TRANSITIONS_DEFAULT = 25
DEFAULT_SETTLE_SECONDS = SETTLE_SECONDS
"""How long after an ambiguous write a read must start before it may allow a resend."""
"""One run's override of the blast-radius guard: read at run time, never stored in the stack."""


@dataclass(frozen=True)
class ProviderSettings:
    """Resolved provider configuration."""

    api_url: str
    token: str = field(repr=False)
    max_transitions_per_run: int = MAX_TRANSITIONS_DEFAULT
    allow_mass_transition: bool = False
    rate_limit_scale: float = 1.0
    settle_seconds: float = DEFAULT_SETTLE_SECONDS
    allow_transitions: int | None = None
    """OCAMBA_ALLOW_TRANSITIONS: how many transitions this run may make, whatever the limit."""
    time_zone: str = DEFAULT_ZONE
    """`ocamba:timeZone`: the zone of declared times written without an offset (IANA)."""
    freezes: Freezes = NO_FREEZES
    """`ocamba:freezes`, with OCAMBA_ALLOW_FREEZE's names this one command may pass."""
    unattended: bool = False
    """OCAMBA_UNATTENDED: a run nobody reviews at that minute (a scheduled tick, Pulumi
    Deployments' drift remediation) acts on the calendar only (domain/verdict.py)."""


def _as_bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no", ""):
        return False
    raise ConfigurationError(f"{key} must be true or false, got {value!r}")


def _as_number(key: str, value: Any, kind: Callable[[str], float | int]) -> Any:
    try:
        number = kind(str(value))
    except ValueError:
        raise ConfigurationError(f"{key} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        # nan and inf parse as floats but cannot size a rate-limit window.
        raise ConfigurationError(f"{key} must be a finite number, got {value!r}")
    if number <= 0:
        raise ConfigurationError(f"{key} must be positive, got {value!r}")
    return number


NAMESPACE: Final = "ocamba"
KNOWN_KEYS: Final = (
    "apiToken",
    "apiUrl",
    "maxTransitionsPerRun",
    "allowMassTransition",
    "rateLimitScale",
    "settleSeconds",
    "timeZone",
    "declaredCampaigns",
    "freezes",
)
"""Every key of the `ocamba:` namespace (the native schema's config variables, pinned by
tests/unit/test_single_source.py): any other is a typo that must not be silently ignored."""


def unknown_keys(keys: Iterable[str]) -> list[str]:
    """A sentence for each `ocamba:` key in `keys` that is no setting, naming the nearest one.

    `keys` are full config keys (`ocamba:apiUrl`, `myproject:campaigns`); other namespaces
    are not this provider's to judge.
    """
    found = []
    for key in sorted(set(keys)):
        namespace, _, name = key.partition(":")
        if namespace != NAMESPACE or name in KNOWN_KEYS:
            continue
        near = difflib.get_close_matches(name, KNOWN_KEYS, n=1, cutoff=0.6)
        near = near or [k for k in KNOWN_KEYS if k.lower() == name.lower()]
        hint = f"; did you mean {NAMESPACE}:{near[0]}?" if near else ""
        found.append(f"{key} is not a setting of the ocamba provider{hint}")
    return found


def resolve_settings(
    config: Callable[[str], Any],
    environ: Mapping[str, str] = os.environ,
    keys: Iterable[str] = (),
) -> ProviderSettings:
    """Settings from `config(key)` (stack config, namespaced keys) and the environment.

    `keys` are every config key set (when the caller can list them): an unknown `ocamba:` key
    is refused, naming the nearest setting, instead of silently ignored.

    Raises:
        ConfigurationError: an unknown key, no token anywhere, or a setting of the wrong type.
    """
    typos = unknown_keys(keys)
    if typos:
        known = ", ".join(f"{NAMESPACE}:{key}" for key in KNOWN_KEYS)
        raise ConfigurationError(f"{'; '.join(typos)} (the settings are {known})")
    # A token is visible ASCII: a newline from `pulumi config set --secret ... < file` would
    # only make the client refuse it later, with a less helpful message.
    token = str(config("ocamba:apiToken") or environ.get("OCAMBA_API_TOKEN") or "").strip()
    if not token:
        raise ConfigurationError(
            "no Ocamba API token: set it with `pulumi config set --secret ocamba:apiToken <token>` "
            "or in the environment variable OCAMBA_API_TOKEN"
        )
    api_url = config("ocamba:apiUrl") or environ.get("OCAMBA_API_URL") or DEFAULT_API_URL
    max_transitions = config("ocamba:maxTransitionsPerRun")
    allow_mass = config("ocamba:allowMassTransition")
    scale = config("ocamba:rateLimitScale")
    settle = config("ocamba:settleSeconds")
    time_zone = str(config("ocamba:timeZone") or DEFAULT_ZONE).strip()
    try:
        zone(time_zone)
    except UnknownZone as error:
        raise ConfigurationError(f"ocamba:timeZone: {error}") from None
    # An environment variable, not config: `config set` and `up --config` both write the
    # stack file, so a one-off override made that way would stay for every later run.
    override = environ.get(ALLOW_TRANSITIONS_VARIABLE, "").strip()
    freezes = _freezes(config(FREEZES_KEY), environ.get(ALLOW_FREEZE_VARIABLE), time_zone)
    return ProviderSettings(
        api_url=str(api_url).rstrip("/"),
        token=token,
        max_transitions_per_run=(
            MAX_TRANSITIONS_DEFAULT
            if max_transitions is None
            else int(_as_number("ocamba:maxTransitionsPerRun", max_transitions, int))
        ),
        allow_mass_transition=(
            False if allow_mass is None else _as_bool("ocamba:allowMassTransition", allow_mass)
        ),
        rate_limit_scale=(
            1.0 if scale is None else float(_as_number("ocamba:rateLimitScale", scale, float))
        ),
        settle_seconds=(
            DEFAULT_SETTLE_SECONDS
            if settle is None
            else float(_as_number("ocamba:settleSeconds", settle, float))
        ),
        allow_transitions=(
            int(_as_number(ALLOW_TRANSITIONS_VARIABLE, override, int)) if override else None
        ),
        time_zone=time_zone,
        freezes=freezes,
        unattended=_as_bool(UNATTENDED_VARIABLE, environ.get(UNATTENDED_VARIABLE, "") or "false"),
    )


def _freezes(raw: Any, allow: str | None, time_zone: str) -> Freezes:
    """`ocamba:freezes` (a list, or the JSON text a dynamic provider's config holds) and the
    one-run override.

    Raises:
        ConfigurationError: every problem of the list, or an override naming no freeze.
    """
    rules, problems = freezes_in_config(raw, time_zone)
    allowed = allowed_names(allow)
    unknown = sorted(allowed - {rule.name for rule in rules})
    if unknown and not problems:
        names = ", ".join(rule.name for rule in rules) or "none"
        problems.append(
            f"{ALLOW_FREEZE_VARIABLE} names {', '.join(unknown)}, which is no freeze of this "
            f"stack (its freezes: {names})"
        )
    if problems:
        raise ConfigurationError("; ".join(problems))
    return Freezes(rules, allowed)
