"""The domain layer: what a declaration says and what it takes, decided without I/O.

Nothing here imports Pulumi, HTTP or the client: the verdict, the policies, the guard and the
stack-config parser are pure functions of declarations, observations and the clock, so the PR
summary and every adapter can share them. See docs/architecture.md.
"""
