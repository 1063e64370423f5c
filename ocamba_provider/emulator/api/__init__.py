"""The emulated Hood campaigns API as a client sees it: the URL map (`routes`), the gate every
request passes (`pipeline`: auth, rate limits, faults), the handlers that only parse and
serialise (`handlers`), the list query language (`query`), JSON bodies in and out (`wire`), a
campaign's wire form (`answers`) and one class per documented error (`errors`)."""
