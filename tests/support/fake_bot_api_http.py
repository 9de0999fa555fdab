"""HTTP plumbing of the fake Bot API: threaded server, request decoding, JSON answers.

The handler turns a request into (path, params) and hands it to the fake's _dispatch;
everything Telegram-specific happens there.
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from .telegram_validate import Params

if TYPE_CHECKING:
    from .fake_bot_api import FakeBotAPI

_JSON_PARAMS = frozenset(
    {"reply_markup", "entities", "commands", "results", "allowed_updates", "scope",
     "reply_parameters", "link_preview_options", "button"}
)  # fmt: skip


class ClientGone(Exception):
    """The HTTP client disconnected while its request was waiting."""


def client_gone(connection: socket.socket | None) -> bool:
    """Whether the peer closed the connection (readable with EOF)."""
    if connection is None:
        return False
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


class Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows its FakeBotAPI and can drop open keep-alive sockets."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], fake: FakeBotAPI) -> None:
        super().__init__(address, _Handler)
        self.fake = fake
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open.discard(request)

    def close_connections(self) -> None:
        """Shut down every open client connection."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up (cancelled long polls) are normal; stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    """Decodes Bot API requests (query string, form, multipart or JSON) and writes JSON."""

    protocol_version = "HTTP/1.1"
    # Headers and body in one write (wfile buffered, flushed at the end of do_POST): written
    # apart, every answer cost the server a second send and the client a second wake-up, about
    # a tenth of each one's CPU a request (benchmarks/bench_notify.py).
    wbufsize = 64 * 1024
    # A large body still goes in two writes: without this, Nagle's algorithm would hold it
    # for the client's delayed ACK of the headers, adding ~40 ms to the answer.
    disable_nagle_algorithm = True
    server: Server

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        try:
            params = self._params(url.query)
        except ValueError as exc:
            method = url.path.rsplit("/", 1)[-1]
            status, body = 400, self.server.fake._bad_body(method, str(exc))
        else:
            answer = self.server.fake._dispatch(url.path, params, self.connection)
            if answer is None:
                self.close_connection = True
                return
            status, body = answer
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            self.close_connection = True

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr."""

    def _params(self, query: str) -> Params:
        """All request parameters, with JSON-valued ones (reply_markup, ...) decoded."""
        params: Params = dict(parse_qsl(query, keep_blank_values=True))
        body = self._body()
        content_type = self.headers.get("Content-Type", "")
        if body and content_type.startswith("application/json"):
            try:
                decoded = json.loads(body)
            except ValueError:
                raise ValueError("can't parse JSON request body") from None
            if not isinstance(decoded, dict):
                raise ValueError("JSON request body must be an object")
            params.update(decoded)
        elif body and content_type.startswith("multipart/form-data"):
            params.update(_multipart(content_type, body))
        elif body:
            params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        for name in _JSON_PARAMS & params.keys():
            if isinstance(params[name], str):
                # an unparsable value stays a string; the method reports it
                with contextlib.suppress(ValueError):
                    params[name] = json.loads(params[name])
        return params

    def _body(self) -> bytes:
        """The request body (Content-Length or chunked)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline().strip():
                pass
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))


def _multipart(content_type: str, body: bytes) -> Params:
    """Form fields of a multipart/form-data body; uploaded files become {filename, size}."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: Params = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename():
            fields[name] = {"filename": part.get_filename(), "size": len(payload)}
        else:
            fields[name] = payload.decode("utf-8")
    return fields
