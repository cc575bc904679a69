"""The HTTP client under the Bot API calls, without work httpcore does on every request that
it need not.

Before each request httpcore's pool asks every open connection whether the server closed it
(`has_expired` → ``get_extra_info("is_readable")``). Through anyio that question builds the
socket's whole attribute table (a `getpeername` system call among them) to find the socket,
then polls it: per request, once per open connection (up to 32 for the replies), about 5 % of
the bot's CPU under a burst (issue 13). `LeanHTTPXRequest` gives the pool a network backend
whose streams keep their socket from the start and only poll it; everything else is the
anyio backend's.
"""

from __future__ import annotations

import select
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx
from telegram.request import HTTPXRequest


def _readable(sock: Any) -> bool:
    """As httpcore's `is_socket_readable`: data or the end of the stream waiting."""
    fd = -1 if sock is None else sock.fileno()
    if fd < 0:
        return True
    poll = select.poll()
    poll.register(fd, select.POLLIN)
    return bool(poll.poll(0))


class _Stream(httpcore.AsyncNetworkStream):
    __slots__ = ("_inner", "_sock")

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._sock = inner.get_extra_info("socket")

    # httpcore's interface: the timeouts are its parameters, passed through.
    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None,  # noqa: ASYNC109
                        ) -> httpcore.AsyncNetworkStream:
        return _Stream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return _readable(self._sock)
        if info == "socket":
            return self._sock
        return self._inner.get_extra_info(info)


class LeanBackend(httpcore.AsyncNetworkBackend):
    """Another backend's connections, as `_Stream`s."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(self, host: str, port: int,
                          timeout: float | None = None,  # noqa: ASYNC109
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        return _Stream(await self._inner.connect_tcp(
            host, port, timeout=timeout, local_address=local_address,
            socket_options=socket_options))

    async def connect_unix_socket(self, path: str,
                                  timeout: float | None = None,  # noqa: ASYNC109
                                  socket_options: Iterable[Any] | None = None,
                                  ) -> httpcore.AsyncNetworkStream:
        return _Stream(await self._inner.connect_unix_socket(
            path, timeout=timeout, socket_options=socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def lean(client: httpx.AsyncClient) -> httpx.AsyncClient:
    """The client with `LeanBackend` under its default transport's pool (left as it is if
    httpx or httpcore are built otherwise than this expects)."""
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(pool, httpcore.AsyncConnectionPool) and backend is not None and not (
            isinstance(backend, LeanBackend)):
        pool._network_backend = LeanBackend(backend)
    return client


class LeanHTTPXRequest(HTTPXRequest):
    """PTB's HTTPXRequest over `lean` clients (PTB builds one again after a shutdown)."""

    def _build_client(self) -> httpx.AsyncClient:
        return lean(super()._build_client())
