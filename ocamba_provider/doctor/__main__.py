"""`python -m ocamba_provider.doctor [--api-url URL]`, the same as `ocamba-doctor`."""

import sys

from ocamba_provider.doctor.command import main

if __name__ == "__main__":
    sys.exit(main())
