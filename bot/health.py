"""`GET /health` on its own port (`orgbot run --health-port`), for a load balancer, Docker or
a monitor.

python-telegram-bot's webhook server (tornado) offers no way to add a route: its answer is to
run your own web server and feed it the updates (the "custom webhook" example). A separate,
tiny asyncio listener in the bot's own event loop keeps its webhook server as it is; it
answers 200 with a small JSON while the bot runs and its database is the file at its path,
503 otherwise, and 404 for anything but GET /health. No new dependency.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable

HEAD_LIMIT = 8192  # bytes of request line and headers read at most
READ_TIMEOUT = 5.0


def health_body(running: bool, database_ok: bool, mode: str, started: float) -> tuple[int, dict]:
    """The status code and JSON the endpoint answers."""
    up = running and database_ok
    body = {
        "status": "ok" if up else ("database replaced" if running else "starting or stopping"),
        "mode": mode,
        "uptime_seconds": round(time.monotonic() - started),
    }
    return (200 if up else 503), body


async def start_health_server(
    state: Callable[[], tuple[int, dict]], host: str, port: int
) -> asyncio.Server:
    """Listen on host:port; `state()` gives the status code and JSON of each answer."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), READ_TIMEOUT)
            method, target, *_ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
            if method in ("GET", "HEAD") and target.split("?", 1)[0] == "/health":
                status, body = state()
            else:
                status, body = 404, {"status": "not found"}
            payload = json.dumps(body).encode()
            reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}[status]
            writer.write(
                f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\nCache-Control: no-store\r\n"
                "Connection: close\r\n\r\n".encode()
                + (payload if method != "HEAD" else b"")
            )
            await writer.drain()
        except (
            TimeoutError,
            ValueError,
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
            ConnectionError,
        ):
            pass  # a client that sends nothing, too much or garbage gets no answer
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    return await asyncio.start_server(answer, host, port, limit=HEAD_LIMIT)
