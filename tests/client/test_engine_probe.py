"""The lifeline's probe of the engine's port, against real sockets on 127.0.0.1."""

from __future__ import annotations

import socket

from ocamba_provider.lifeline import refuses_connections


def test_a_listening_engine_port_is_not_taken_for_a_dead_engine() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        assert refuses_connections(server.getsockname()[:2]) is False


def test_a_port_nobody_listens_on_any_more_means_the_engine_is_gone() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        address = server.getsockname()[:2]
    assert refuses_connections(address) is True
