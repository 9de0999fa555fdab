"""How the bot logs: one line per event, as text or as JSON for a log collector.

Whatever the format, the bot token is blanked out of every line, tracebacks included (it is
in every API URL). At INFO the bot's own lines name chats and users by their Telegram id,
never by name, and never quote what residents wrote.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from enum import StrEnum

from bot.settings import redact_token

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class LogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class RedactingFormatter(logging.Formatter):
    """Blanks the bot token out of every formatted line, tracebacks included (it is in API URLs)."""

    def __init__(self, token: str) -> None:
        super().__init__(TEXT_FORMAT)
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        return redact_token(super().format(record), self.token)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, and any traceback.

    Redacted after encoding, as the text formatter redacts its line: the token's characters
    (digits, letters, `:_-`) are the same inside a JSON string."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return redact_token(json_line(entry), self.token)


class OutageInOneLine(logging.Filter):
    """python-telegram-bot logs some failures to reach Telegram with a traceback (the last
    getUpdates of a stop while Telegram is away, a retry loop giving up): the message and
    the error on one line say all there is."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and record.name.startswith("telegram"):
            from telegram.error import BadRequest, NetworkError

            if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
                record.msg, record.args = f"{record.getMessage()} ({error})", ()
                record.exc_info, record.exc_text = None, None
        return True


# Characters that JSON leaves raw but that many readers take for the end of a line
# (Python's str.splitlines, JavaScript before ES2019): escaped, so one object stays one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(value: object) -> str:
    """`value` as JSON on exactly one line, non-ASCII text kept readable."""
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)


def configure_logging(
    token: str | None, log_format: LogFormat = LogFormat.TEXT, level: int = logging.INFO
) -> None:
    logging.basicConfig(level=level)
    formatter: logging.Formatter = (
        JsonFormatter(token or "")
        if log_format is LogFormat.JSON
        else RedactingFormatter(token or "")
    )
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter)
        if not any(isinstance(f, OutageInOneLine) for f in handler.filters):
            handler.addFilter(OutageInOneLine())
    # Warnings are printed to stderr apart from logging, unredacted: send them through it.
    logging.captureWarnings(True)
    # httpx logs every request URL, which contains the token; keep it quiet.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # APScheduler writes two INFO lines each time a job runs (the notices tick: ~2,900 a
    # day) that say nothing an operator acts on; its warnings and errors still come through.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
