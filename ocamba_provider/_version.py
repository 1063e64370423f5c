"""The package's version, its one source (pyproject.toml and the release check read it here).

A module of its own, importing nothing, so that the lowest layers (the client's User-Agent)
can name the version without importing the package root, which reaches the Pulumi adapter.
"""

__version__ = "0.1.0"
