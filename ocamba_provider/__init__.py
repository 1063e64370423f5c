"""Run-state of Ocamba Hood campaigns as a Pulumi dynamic resource."""

from __future__ import annotations

__version__ = "0.1.0"
