"""Errors that reach a user through `pulumi up`, complete without a traceback.

An `OcambaError`'s message says which campaign, what was observed and what to do. When it
stands for a domain `Problem` (domain/problems.py), the problem rides along as data: each
adapter renders it for its surface (the native provider in camelCase), and nothing parses the
message back. Inside the dynamic-provider host the message reaches the user alone: the SDK
workaround that makes it so is `install_clean_errors` in resources/sdk_workarounds.py.
"""

from __future__ import annotations


class OcambaError(Exception):
    """An error whose message is complete for the user: campaign, observation, remedy."""

    def __init__(self, *args: object, problem: object | None = None) -> None:
        super().__init__(*args)
        self.problem = problem
        """The domain Problem this error renders, when it is one (typed loosely: a leaf)."""


class ConfigurationError(OcambaError):
    """The provider cannot talk to the API as configured."""


class TransitionError(OcambaError):
    """A resume or pause could not be carried out."""
