"""Settings read once from the environment (and an optional .env file), validated up front."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jobs.timing import (
    DEFAULT_DIGEST,
    DEFAULT_DIGEST_TIME,
    DEFAULT_LEADS,
    DEFAULT_QUIET,
    DEFAULT_QUIET_HOURS,
    DEFAULT_REMINDERS,
    DigestTime,
    Lead,
    QuietHours,
    parse_digest,
    parse_quiet_hours,
    parse_reminders,
)
from knowledge.curation.limits import DEFAULT_MAX_MB, DEFAULT_MAX_ROWS, MB, ImportLimits
from knowledge.residents.hours import WeeklyHours

T = TypeVar("T")

# Telegram tokens look like "123456789:AA...": digits, a colon, 35 URL-safe characters.
_TOKEN_RE = re.compile(r"\d{5,16}:[A-Za-z0-9_-]{30,64}")
DEFAULT_SEND_RETRY_SECONDS = 60.0
DEFAULT_SEND_RATE = 30.0  # Telegram's limit for one bot, about 30 messages a second
DEFAULT_DESK_HOURS = "mon-fri 09:00-17:30"
DEFAULT_TICKET_IDLE = timedelta(days=3)
DEFAULT_RETENTION_DAYS = 90
_DURATION_RE = re.compile(r"(\d{1,4})\s*([dhm])")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def default_db_path() -> Path:
    """The database file in the user's data directory (never inside the source tree)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("orgbot", appauthor=False)) / "orgbot.db"


def created_database_line(path: Path) -> str:
    """Said once, when the per-user default database is created: where it is."""
    return f"已创建数据库 / created the database: {path} (set ORGBOT_DB to use another file)"


@dataclass(frozen=True)
class Settings:
    """Everything the bot and the CLI read from the environment."""

    db_path: Path
    tz_name: str = "Asia/Shanghai"
    token: str | None = field(default=None, repr=False)
    base_url: str | None = None
    staff_ids: frozenset[int] = frozenset()
    staff_chat_id: int | None = None
    # How long a reply is retried through a Telegram outage (5xx, network) before it is dropped.
    send_retry_seconds: float = DEFAULT_SEND_RETRY_SECONDS
    # Messages a second the bot sends overall (None: no overall limit, for a bot whose
    # Telegram limit was raised by paid broadcasts, or a benchmark against a local server).
    send_rate: float | None = DEFAULT_SEND_RATE
    # Activity notices (jobs/): lead times, quiet hours, weekly digest, sending pace.
    reminders: tuple[Lead, ...] = DEFAULT_LEADS
    quiet_hours: QuietHours | None = DEFAULT_QUIET
    digest: DigestTime | None = DEFAULT_DIGEST_TIME
    broadcast_rate: float = 20.0  # notices a second, overall
    notify_interval: int = 60  # seconds between two planning ticks
    # How long one sender's right to send lasts unless renewed: the longest a sender that was
    # killed holds up the notices (another one waits for it to expire).
    sender_lease: float = 30.0
    # How long a chat's last subject answers its follow-ups ("它的电话呢"); 0: no follow-ups.
    context_minutes: int = 10
    # The staff desk: when a person answers, when a quiet ticket closes, how long data is kept.
    desk_hours: WeeklyHours = field(default_factory=lambda: WeeklyHours.parse(DEFAULT_DESK_HOURS))
    ticket_idle: timedelta = DEFAULT_TICKET_IDLE
    retention_days: int = DEFAULT_RETENTION_DAYS
    kb_dir: Path | None = None  # the curated files /reload imports (None: the shipped ones)
    db_is_default: bool = False  # neither --db nor ORGBOT_DB: the per-user default file
    # What one `kb import` reads at most: rows of all its files, and megabytes of one file
    # (a workbook unpacked may be five times that). Past either it is refused at once.
    import_max_rows: int = DEFAULT_MAX_ROWS
    import_max_mb: int = DEFAULT_MAX_MB

    @property
    def import_limits(self) -> ImportLimits:
        return ImportLimits(self.import_max_rows, self.import_max_mb * MB)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    def require_token(self) -> str:
        """The bot token, or a SettingsError naming TELEGRAM_BOT_TOKEN."""
        if not self.token:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)")
        if self.token != self.token.strip():
            # A trailing "\r" from a file saved on Windows, or a pasted line break: the format
            # would pass a lenient check and every request would then fail obscurely.
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN has spaces or a line break around it: remove them"
            )
        if not _TOKEN_RE.fullmatch(self.token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is malformed (expected <digits>:<35 characters>)"
            )
        return self.token

    def redact(self, text: str) -> str:
        """Text with the token blanked out, for logs and error messages."""
        return redact_token(text, self.token)


def redact_token(text: str, token: str | None) -> str:
    """Text with the token, and its secret half on its own, blanked out."""
    if not token:
        return text
    text = text.replace(token, "<TELEGRAM_BOT_TOKEN>")
    secret = token.partition(":")[2].strip()
    if len(secret) >= 8:  # a URL may carry the colon encoded; the part after it is the secret
        text = text.replace(secret, "<TELEGRAM_BOT_TOKEN>")
    return text


def _int_list(name: str, raw: str) -> frozenset[int]:
    try:
        return frozenset(int(part) for part in re.split(r"[,\s]+", raw.strip()) if part)
    except ValueError:
        raise SettingsError(f"{name} must be Telegram user ids separated by commas") from None


def _load_env_file(env_file: Path | None) -> None:
    """Put an env file's values into os.environ, never over the real environment.

    Only the file named, or `.env` in the working directory: python-dotenv's own search
    walks up from the calling module, which would read a `.env` in any parent folder of
    the installed package (and could point TELEGRAM_BASE_URL, token included, elsewhere).
    """
    from dotenv import load_dotenv

    if env_file is not None and not env_file.is_file():
        raise SettingsError(f"--env-file: no such file {env_file}")
    path = env_file if env_file is not None else Path.cwd() / ".env"
    if path.is_file():
        load_dotenv(path, override=False)


def _parsed(name: str, raw: str, parse: Callable[[str], T]) -> T:
    try:
        return parse(raw)
    except ValueError as exc:
        raise SettingsError(f"{name}: {exc}") from None


def _positive(name: str, raw: str, kind: Callable[[str], T]) -> T:
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a positive number, not {raw!r}") from None
    if not (value > 0 and math.isfinite(value)):  # type: ignore[operator, arg-type]
        raise SettingsError(f"{name} must be a positive number, not {raw!r}")
    return value


MAX_CONTEXT_MINUTES = 24 * 60


def _context_minutes(raw: str) -> int:
    try:
        minutes = int(raw)
    except ValueError:
        minutes = -1
    if not 0 <= minutes <= MAX_CONTEXT_MINUTES:
        raise SettingsError(
            f"ORGBOT_CONTEXT_MINUTES must be whole minutes between 0 and {MAX_CONTEXT_MINUTES}"
            f" (0 turns follow-up questions off), not {raw!r}"
        )
    return minutes


def parse_duration(raw: str) -> timedelta:
    """'3d', '12h' or '90m' (a positive whole number of days, hours or minutes)."""
    found = _DURATION_RE.fullmatch(raw.strip().lower())
    if not found or int(found[1]) == 0:
        raise ValueError(f"expected e.g. '3d' or '12h', got {raw!r}")
    unit = {"d": "days", "h": "hours", "m": "minutes"}[found[2]]
    return timedelta(**{unit: int(found[1])})


def load_settings(
    environ: Mapping[str, str] | None = None,
    *,
    dotenv: bool = True,
    db_path: Path | None = None,
    env_file: Path | None = None,
) -> Settings:
    """Read and validate settings; `.env` values never override the real environment."""
    if environ is None:
        if dotenv:
            _load_env_file(env_file)
        environ = os.environ
    env = {k: v for k, v in environ.items() if v != ""}

    tz_name = env.get("ORGBOT_TZ", "Asia/Shanghai")
    try:
        ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"ORGBOT_TZ: unknown time zone {tz_name!r}") from None

    base_url = env.get("TELEGRAM_BASE_URL")
    if base_url and not re.match(r"^https?://", base_url):
        raise SettingsError("TELEGRAM_BASE_URL must start with http:// or https://")
    if base_url and re.search(r"\s", base_url):
        raise SettingsError("TELEGRAM_BASE_URL has spaces or a line break in it: remove them")

    staff_chat: int | None = None
    if "ORGBOT_STAFF_CHAT_ID" in env:
        try:
            staff_chat = int(env["ORGBOT_STAFF_CHAT_ID"])
        except ValueError:
            raise SettingsError("ORGBOT_STAFF_CHAT_ID must be a Telegram chat id") from None

    retry_seconds = DEFAULT_SEND_RETRY_SECONDS
    if "ORGBOT_SEND_RETRY_SECONDS" in env:
        try:
            retry_seconds = float(env["ORGBOT_SEND_RETRY_SECONDS"])
        except ValueError:
            retry_seconds = -1.0
        if not 0 <= retry_seconds <= 3600:
            raise SettingsError("ORGBOT_SEND_RETRY_SECONDS must be seconds between 0 and 3600")

    send_rate = env.get("ORGBOT_SEND_RATE", str(DEFAULT_SEND_RATE))
    context_minutes = _context_minutes(env.get("ORGBOT_CONTEXT_MINUTES", "10"))

    retention = _positive(
        "ORGBOT_RETENTION_DAYS", env.get("ORGBOT_RETENTION_DAYS", str(DEFAULT_RETENTION_DAYS)), int
    )
    kb_dir = Path(env["ORGBOT_KB_DIR"]).expanduser() if "ORGBOT_KB_DIR" in env else None
    db_is_default = db_path is None and "ORGBOT_DB" not in env
    if db_path is None:
        db_path = Path(env["ORGBOT_DB"]).expanduser() if "ORGBOT_DB" in env else default_db_path()
    return Settings(
        db_path=db_path,
        tz_name=tz_name,
        token=env.get("TELEGRAM_BOT_TOKEN"),
        base_url=base_url,
        staff_ids=_int_list("ORGBOT_STAFF_IDS", env.get("ORGBOT_STAFF_IDS", "")),
        staff_chat_id=staff_chat,
        send_retry_seconds=retry_seconds,
        send_rate=None if send_rate == "off" else _positive("ORGBOT_SEND_RATE", send_rate, float),
        reminders=_parsed(
            "ORGBOT_REMINDERS", env.get("ORGBOT_REMINDERS", DEFAULT_REMINDERS), parse_reminders
        ),
        quiet_hours=_parsed(
            "ORGBOT_QUIET_HOURS",
            env.get("ORGBOT_QUIET_HOURS", DEFAULT_QUIET_HOURS),
            parse_quiet_hours,
        ),
        digest=_parsed("ORGBOT_DIGEST", env.get("ORGBOT_DIGEST", DEFAULT_DIGEST), parse_digest),
        broadcast_rate=_positive(
            "ORGBOT_BROADCAST_RATE", env.get("ORGBOT_BROADCAST_RATE", "20"), float
        ),
        notify_interval=_positive(
            "ORGBOT_NOTIFY_INTERVAL", env.get("ORGBOT_NOTIFY_INTERVAL", "60"), int
        ),
        sender_lease=_positive("ORGBOT_SENDER_LEASE", env.get("ORGBOT_SENDER_LEASE", "30"), float),
        context_minutes=context_minutes,
        desk_hours=_parsed(
            "ORGBOT_DESK_HOURS", env.get("ORGBOT_DESK_HOURS", DEFAULT_DESK_HOURS), WeeklyHours.parse
        ),
        ticket_idle=_parsed(
            "ORGBOT_TICKET_IDLE", env.get("ORGBOT_TICKET_IDLE", "3d"), parse_duration
        ),
        retention_days=retention,
        kb_dir=kb_dir,
        db_is_default=db_is_default,
        import_max_rows=_positive(
            "ORGBOT_IMPORT_MAX_ROWS", env.get("ORGBOT_IMPORT_MAX_ROWS", str(DEFAULT_MAX_ROWS)), int
        ),
        import_max_mb=_positive(
            "ORGBOT_IMPORT_MAX_MB", env.get("ORGBOT_IMPORT_MAX_MB", str(DEFAULT_MAX_MB)), int
        ),
    )
