"""How the bot talks HTTP to the Bot API: aiohttp under python-telegram-bot's BaseRequest.

python-telegram-bot's own HTTPXRequest (httpx, httpcore and anyio, all pure Python) cost
2-4 ms of CPU per request on a 2-core machine: with many replies on their way, httpcore checks
the socket of every idle connection in its pool twice per request. That was most of the
bot's CPU per question. aiohttp, whose HTTP parser is in C, costs about 1 ms for the same
sendMessage (benchmarks/bench_load.py; issue 15). BaseRequest is python-telegram-bot's
documented way to use another HTTP library; its errors are the same here: TimedOut for a
timeout, NetworkError for any other failure, with aiohttp's exception as the __cause__.
"""

from __future__ import annotations

import json
import ssl

import aiohttp
import certifi
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_JSON = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """HTTP/1.1 keep-alive connections to the Bot API, up to `connection_pool_size` at once;
    the timeouts mean what they mean for HTTPXRequest (seconds; None: no limit). aiohttp has
    no timeout for writing alone: a request also ends once all its timeouts together passed."""

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            # The same certificates as httpx (certifi), not whatever the system has.
            tls = ssl.create_default_context(cafile=certifi.where())
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, ssl=tls),
                headers={"User-Agent": self.USER_AGENT},
                cookie_jar=aiohttp.DummyCookieJar(),  # the Bot API sets none
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        body: aiohttp.FormData | bytes | None = None
        headers = None
        if files:
            body = _form(request_data.json_parameters if request_data else {}, files)
        elif request_data:
            # JSON, which the Bot API reads as well as forms: urlencoding Chinese text byte by
            # byte cost 0.1-0.2 ms of CPU a notice, and the server reads JSON faster too
            # (benchmarks/bench_notify.py). Not RequestData.json_payload: it would encode
            # each value on its own first, then the whole again.
            body = _json_body(request_data.parameters)
            headers = _JSON
        timeout = self._timeout(
            _given(read_timeout, self._read_timeout),
            _given(write_timeout, self._media_write_timeout if files else self._write_timeout),
            _given(connect_timeout, self._connect_timeout),
            _given(pool_timeout, self._pool_timeout),
        )
        try:
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as answer:
                return answer.status, await answer.read()
        except TimeoutError as err:  # aiohttp's timeouts are TimeoutErrors too
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{type(err).__name__}: {err}") from err

    @staticmethod
    def _timeout(
        read: float | None, write: float | None, connect: float | None, pool: float | None
    ) -> aiohttp.ClientTimeout:
        parts = (read, write, connect, pool)
        return aiohttp.ClientTimeout(
            total=None if None in parts else sum(p for p in parts if p is not None),
            # aiohttp's `connect` is waiting for a free connection plus making a new one.
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )


def _json_body(parameters: dict) -> bytes:
    """UTF-8 JSON. A lone surrogate (half an emoji, cut off in a quoted message) cannot be
    UTF-8: it goes as "?" rather than the reply being lost to a UnicodeEncodeError."""
    text = json.dumps(parameters, ensure_ascii=False)
    try:
        return text.encode()
    except UnicodeEncodeError:
        return text.encode(errors="replace")


def _given(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value  # type: ignore[return-value]


def _form(fields: dict[str, str], files: dict) -> aiohttp.FormData:
    """A multipart body: the parameters, then each file (name, content, MIME type)."""
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
