"""Errors that reach a user through `pulumi up`, complete without a traceback.

An `OcambaError`'s message says which campaign, what was observed and what to do. Inside the
dynamic-provider host it reaches the user as that message alone: the SDK workaround that makes
it so is `install_clean_errors` in resources/sdk_workarounds.py.
"""

from __future__ import annotations


class OcambaError(Exception):
    """An error whose message is complete for the user: campaign, observation, remedy."""


class ConfigurationError(OcambaError):
    """The provider cannot talk to the API as configured."""


class TransitionError(OcambaError):
    """A resume or pause could not be carried out."""
