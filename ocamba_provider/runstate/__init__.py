"""The run-state core: the hooks of a run-state resource, with no Pulumi SDK.

`RunStateCore` (core.py) holds the five hooks (check, diff, apply, refresh, remove), each taking
plain values and returning plain data (results.py). Beside it: the exactly-once transition
(transition.py), the process's sessions (session.py), the run's whole plan (whole_run.py), the
audit trail (audit.py), the outputs (outputs.py) and the observation beat (observing.py). Both
adapters, resources/ (pulumi.dynamic) and native/ (pulumi.provider.experimental), are thin maps
over it. See docs/architecture.md.
"""
