"""Waitress with the bounds a production server puts on what one client can hold.

Waitress stops accepting at its connection limit (100 by default) and closes a connection
only after it has been idle for `channel_timeout`: one client holding 110 connections that
each send a byte every 5 seconds made the server answer nobody. Here, as nginx's
`limit_conn` and `client_header_timeout` do:

- one client address may hold at most `PER_CLIENT` connections at once (its next ones are
  closed as soon as they are accepted), out of `CONNECTION_LIMIT` in all;
- a request must have arrived whole (headers and body) within `REQUEST_SECONDS` of its
  first byte, however slowly it trickles, or its connection is closed.

Only whole requests reach the worker threads, so a slow client never holds a thread; these
bounds keep it from holding every connection either.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher

CONNECTION_LIMIT = 512
PER_CLIENT = 64  # behind a reverse proxy every request comes from it: still room for 64 at once
REQUEST_SECONDS = 10.0  # headers and body, from the request's first byte
CHECK_SECONDS = 1  # how often the connections are looked over
LOG = logging.getLogger("cse_toolkit.web")


class GuardedChannel(HTTPChannel):
    """A connection that notes when the request it is receiving began."""

    receiving_since: float | None = None

    def __init__(
        self, server: GuardedServer, sock: Any, addr: Any, adj: Adjustments, map: Any = None
    ) -> None:
        super().__init__(server, sock, addr, adj, map=map)
        client = addr[0] if isinstance(addr, tuple) else addr
        same = sum(1 for c in server.active_channels.values() if _client(c) == client)
        if same > PER_CLIENT:
            server.over_limit(client)
            self.close()

    def received(self, data: bytes) -> bool:
        if data and self.request is None:
            self.receiving_since = time.time()
        done: bool = super().received(data)
        if self.request is None:  # nothing half-received: the request was whole (or none came)
            self.receiving_since = None
        return done


def _client(channel: Any) -> Any:
    addr = getattr(channel, "addr", None)
    return addr[0] if isinstance(addr, tuple) else addr


class GuardedServer(TcpWSGIServer):
    channel_class = GuardedChannel
    _warned_at = 0.0

    def maintenance(self, now: float) -> None:
        """Waitress closes idle connections; also close those whose request is overdue."""
        super().maintenance(now)
        cutoff = now - REQUEST_SECONDS
        for channel in list(self.active_channels.values()):
            since = getattr(channel, "receiving_since", None)
            if since is not None and since < cutoff:
                channel.will_close = True

    def over_limit(self, client: object) -> None:
        """Say so in the log, at most once a minute (the address is not logged)."""
        now = time.monotonic()
        if now - self._warned_at > 60:
            self._warned_at = now
            LOG.warning(
                "a client opened more than %d connections at once; its extra ones were closed", PER_CLIENT
            )


def _more_files() -> None:
    """Room for every connection: the soft limit on open files is often 1,024. (POSIX
    only: `resource` does not exist on Windows, where there is no such soft limit.)"""
    try:
        import resource
    except ImportError:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = CONNECTION_LIMIT * 2 + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def create_server(app: Any, **settings: Any) -> Any:
    """waitress.create_server, with the guarded server and channel and the bounds above."""
    _more_files()
    adj = Adjustments(
        connection_limit=CONNECTION_LIMIT,
        cleanup_interval=CHECK_SECONDS,
        asyncore_use_poll=True,  # select() cannot watch a descriptor over 1,023
        **settings,
    )
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    socket_map: dict[int, Any] = {}
    servers = [
        GuardedServer(app, socket_map, dispatcher=dispatcher, adj=adj, sockinfo=sockinfo)
        for sockinfo in adj.listen
    ]
    if len(servers) == 1:
        return servers[0]
    listening = [(s.effective_host, s.effective_port) for s in servers]
    return MultiSocketServer(socket_map, adj, listening, dispatcher, servers[-1].log_info)
