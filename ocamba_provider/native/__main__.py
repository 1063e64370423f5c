"""`python -m ocamba_provider.native`: the plugin, as `pulumi-resource-ocamba` runs it."""

from ocamba_provider.native.server import main

if __name__ == "__main__":
    main()
