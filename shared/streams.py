"""A TCP server on the service's own event loop that knows the port it got (port 0 picks a free one).

Both small HTTP servers a service runs (the operations endpoint and the scoreboard's webhook receiver) are this
plus their own handler: one place for how the port is taken and how the server closes.
"""

from __future__ import annotations

import asyncio
import contextlib


class StreamServer:
    """Listens on ``host:port`` once started; :attr:`port` is then the port it got."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.requested_port = port
        self.port = port
        self._server: asyncio.Server | None = None

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._handle, self.host, self.requested_port)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self.port

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
            self._server = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError
