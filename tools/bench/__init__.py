"""`make bench`: the real Pulumi engine against the local emulator, ours against baselines."""
