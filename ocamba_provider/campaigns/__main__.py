"""`python -m ocamba_provider.campaigns list|doctor ...`, the old name of `ocamba-campaigns`.

Kept for scripts written before the split; new ones run `ocamba-campaigns` or `python -m
ocamba_provider.discovery`.
"""

import sys

from ocamba_provider.discovery.command import main

if __name__ == "__main__":
    sys.exit(main())
