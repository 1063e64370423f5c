"""resolve_settings: stack config first, then the environment; the token never shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ocamba_provider.errors import ConfigurationError
from ocamba_provider.settings import (
    DEFAULT_API_URL,
    MAX_TRANSITIONS_DEFAULT,
    ProviderSettings,
    resolve_settings,
)

TOKEN = "tok-settings-9d1e-secret"


def config(**values: Any) -> Callable[[str], Any]:
    """A stack config lookup: `config(apiToken=...)` answers `ocamba:apiToken`."""
    return lambda key: values.get(key.removeprefix("ocamba:"))


def test_token_and_url_come_from_stack_config() -> None:
    settings = resolve_settings(config(apiToken=TOKEN, apiUrl="http://127.0.0.1:8080/"), {})

    assert (settings.token, settings.api_url) == (TOKEN, "http://127.0.0.1:8080")


def test_stack_config_wins_over_the_environment() -> None:
    env = {"OCAMBA_API_TOKEN": "from-env", "OCAMBA_API_URL": "http://env.test"}

    settings = resolve_settings(config(apiToken=TOKEN, apiUrl="http://config.test"), env)

    assert (settings.token, settings.api_url) == (TOKEN, "http://config.test")


def test_token_and_url_fall_back_to_the_environment() -> None:
    env = {"OCAMBA_API_TOKEN": TOKEN, "OCAMBA_API_URL": "http://env.test/"}

    settings = resolve_settings(config(), env)

    assert (settings.token, settings.api_url) == (TOKEN, "http://env.test")


def test_url_defaults_to_the_public_api() -> None:
    assert resolve_settings(config(apiToken=TOKEN), {}).api_url == DEFAULT_API_URL


def test_defaults_for_the_guard_and_pacing() -> None:
    settings = resolve_settings(config(apiToken=TOKEN), {})

    assert settings.max_transitions_per_run == MAX_TRANSITIONS_DEFAULT
    assert settings.allow_mass_transition is False
    assert settings.rate_limit_scale == 1.0


@pytest.mark.parametrize("empty", [None, "", " \n"], ids=["absent", "empty", "blank"])
def test_missing_token_names_both_places(empty: str | None) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config(apiToken=empty), {"OCAMBA_API_TOKEN": ""})

    assert str(caught.value) == (
        "no Ocamba API token: set it with `pulumi config set --secret ocamba:apiToken <token>` "
        "or in the environment variable OCAMBA_API_TOKEN"
    )


def test_surrounding_whitespace_is_not_part_of_the_token() -> None:
    assert resolve_settings(config(apiToken=f"{TOKEN}\n"), {}).token == TOKEN


def test_repr_never_shows_the_token() -> None:
    settings = resolve_settings(config(apiToken=TOKEN), {})

    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings)


def test_guard_settings_are_read_from_string_config() -> None:
    settings = resolve_settings(
        config(apiToken=TOKEN, maxTransitionsPerRun="3", allowMassTransition="true"), {}
    )

    assert (settings.max_transitions_per_run, settings.allow_mass_transition) == (3, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("1", True), ("yes", True), ("false", False), ("0", False), ("no", False)],
)
def test_allow_mass_transition_accepts_usual_spellings(text: str, expected: bool) -> None:
    settings = resolve_settings(config(apiToken=TOKEN, allowMassTransition=text), {})

    assert settings.allow_mass_transition is expected


def test_allow_mass_transition_refuses_other_words() -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config(apiToken=TOKEN, allowMassTransition="maybe"), {})

    assert str(caught.value) == "ocamba:allowMassTransition must be true or false, got 'maybe'"


@pytest.mark.parametrize("value", ["many", "2.5"])
def test_max_transitions_must_be_a_whole_number(value: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config(apiToken=TOKEN, maxTransitionsPerRun=value), {})

    assert str(caught.value) == f"ocamba:maxTransitionsPerRun must be a number, got {value!r}"


def test_max_transitions_must_be_positive() -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config(apiToken=TOKEN, maxTransitionsPerRun="0"), {})

    assert str(caught.value) == "ocamba:maxTransitionsPerRun must be positive, got '0'"


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_rate_limit_scale_must_be_finite(value: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config(apiToken=TOKEN, rateLimitScale=value), {})

    assert str(caught.value) == f"ocamba:rateLimitScale must be a finite number, got {value!r}"


def test_rate_limit_scale_must_be_positive() -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config(apiToken=TOKEN, rateLimitScale="-1"), {})

    assert str(caught.value) == "ocamba:rateLimitScale must be positive, got '-1'"


def test_rate_limit_scale_may_be_a_fraction() -> None:
    assert (
        resolve_settings(config(apiToken=TOKEN, rateLimitScale="0.5"), {}).rate_limit_scale == 0.5
    )


def test_settings_are_hashable_so_sessions_can_be_keyed_by_them() -> None:
    one = resolve_settings(config(apiToken=TOKEN), {})
    two = resolve_settings(config(apiToken=TOKEN), {})

    assert {one: "session"}[two] == "session"
    assert one != ProviderSettings(api_url=one.api_url, token="another")


def test_allow_transitions_comes_from_the_environment_only() -> None:
    from_env = resolve_settings(config(apiToken=TOKEN), {"OCAMBA_ALLOW_TRANSITIONS": "30"})
    from_config = resolve_settings(config(apiToken=TOKEN, ALLOW_TRANSITIONS="30"), {})

    assert (from_env.allow_transitions, from_config.allow_transitions) == (30, None)
    assert from_env.max_transitions_per_run == MAX_TRANSITIONS_DEFAULT


def test_allow_transitions_that_is_not_a_count_is_refused() -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_settings(config(apiToken=TOKEN), {"OCAMBA_ALLOW_TRANSITIONS": "lots"})

    assert str(caught.value) == "OCAMBA_ALLOW_TRANSITIONS must be a number, got 'lots'"
