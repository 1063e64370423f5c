"""How the emulator can be told to behave: the runtime switches (`settings`), the named API
variants built from them (`variants`), seeded fault injection (`faults`) and the documented
rate limits with the optional concurrency cap (`ratelimit`)."""
