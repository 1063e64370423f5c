"""What the GitHub workflows run besides pulumi and the summary: standard library only, so the
runtime-only install of the apply, preview and drift jobs is enough to run them."""
