"""Which Hood API a command talks to, and with which token: the commands' `settings.py`.

`ocamba-campaigns` and `ocamba-doctor` run from a shell or inside a Pulumi program (stack code
calling `find_campaigns`). Both read the URL and the token the same way, here, so the doctor
checks exactly the account a `list` would read.
"""

from __future__ import annotations

import os

from ocamba_provider.errors import ConfigurationError
from ocamba_provider.settings import DEFAULT_API_URL


def _stack_config(key: str) -> str | None:
    # Inside a Pulumi program the stack's config is readable; outside it is simply empty.
    # Imported only when a token is looked up: importing the commands (and their --help) loads
    # no Pulumi SDK.
    import pulumi

    value = pulumi.Config("ocamba").get(key)
    return str(value) if value else None


def api_from_environment(api_url: str | None = None) -> tuple[str, str]:
    """The base URL and token from stack config (`ocamba:apiUrl`, `ocamba:apiToken`) inside a
    Pulumi program, else OCAMBA_API_URL / OCAMBA_API_TOKEN; `api_url` wins over both.

    Raises:
        ConfigurationError: no token anywhere.
    """
    token = _stack_config("apiToken") or os.environ.get("OCAMBA_API_TOKEN")
    if not token:
        raise ConfigurationError(
            "no Ocamba API token: set the environment variable OCAMBA_API_TOKEN "
            "(or, in a Pulumi program, `pulumi config set --secret ocamba:apiToken <token>`)"
        )
    url = api_url or _stack_config("apiUrl") or os.environ.get("OCAMBA_API_URL")
    return url or DEFAULT_API_URL, token
