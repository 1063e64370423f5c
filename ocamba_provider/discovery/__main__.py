"""`python -m ocamba_provider.discovery list|doctor ...`, the same as `ocamba-campaigns`."""

import sys

from ocamba_provider.discovery.command import main

if __name__ == "__main__":
    sys.exit(main())
