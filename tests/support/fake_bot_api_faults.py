"""Failures the fake Bot API can be told to give: 429s, 5xx answers, outages, revoked tokens.

A mixin of FakeBotAPI; the state lives in BotAPIMethods, and _dispatch asks
_revoked() and _drop_connection() before running a method.
"""

from __future__ import annotations

from collections import deque

from .telegram_validate import ApiError

_STATUS_TEXT = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class Faults:
    """Scripted failures, set by tests and consulted by FakeBotAPI._dispatch."""

    _method_names: dict[str, str]
    _scripted_failures: dict[str, deque[int]]
    _status_failures: dict[str, deque[int]]
    _outage: tuple[int | None, frozenset[str] | None] | None
    _revoked_tokens: set[str]

    def fail_next(self, method: str, count: int = 1, retry_after: int = 1) -> None:
        """Answer the next `count` calls of `method` with 429 Too Many Requests."""
        name = self._method_name(method)
        with self._cond:  # type: ignore[attr-defined]
            self._scripted_failures[name].extend([retry_after] * count)

    def fail_with(self, method: str, status: int, count: int = 1) -> None:
        """Answer the next `count` calls of `method` with this HTTP error (e.g. 502, 500)."""
        name = self._method_name(method)
        with self._cond:  # type: ignore[attr-defined]
            self._status_failures[name].extend([status] * count)

    def start_outage(self, status: int | None = 502, methods: tuple[str, ...] = ()) -> None:
        """Until end_outage(): answer `methods` (every method if none) with `status`, or, when
        status is None, close the connection without an answer (a dropped network)."""
        names = frozenset(self._method_name(m) for m in methods) if methods else None
        with self._cond:  # type: ignore[attr-defined]
            self._outage = (status, names)

    def end_outage(self) -> None:
        """Answer normally again."""
        with self._cond:  # type: ignore[attr-defined]
            self._outage = None
            self._cond.notify_all()  # type: ignore[attr-defined]

    def revoke_token(self, token: str) -> None:
        """Answer every request made with this token 401 Unauthorized, as for a revoked one."""
        with self._cond:  # type: ignore[attr-defined]
            self._revoked_tokens.add(token)

    # ------------------------------------------------------------ internals (lock held)

    def _method_name(self, method: str) -> str:
        name = self._method_names.get(method.lower())
        if name is None:
            raise ValueError(f"unknown Bot API method {method!r}")
        return name

    def _revoked(self, token: str) -> bool:
        return token in self._revoked_tokens

    def _drop_connection(self, method: str) -> bool:
        """Raise the error scripted for this call; True when it is to get no answer at all."""
        if self._outage is not None:
            status, methods = self._outage
            if methods is None or method in methods:
                if status is None:
                    return True
                raise ApiError(status, _STATUS_TEXT.get(status, "Error"))
        statuses = self._status_failures.get(method)
        if statuses:
            status = statuses.popleft()
            raise ApiError(status, _STATUS_TEXT.get(status, "Error"))
        retry_after = self._scripted_failures.get(method)
        if retry_after:
            seconds = retry_after.popleft()
            raise ApiError(429, f"Too Many Requests: retry after {seconds}", seconds)
        return False
