"""Build the Telegram Application from settings, and run it (polling or webhook)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import signal
import time
from dataclasses import dataclass

from telegram import BotCommand
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults, ExtBot

from bot.connection import OrgApplication, connect
from bot.health import health_body, start_health_server
from bot.logs import LogFormat, configure_logging
from bot.request import AiohttpRequest
from bot.services import BotData, Services, open_services
from bot.settings import Settings, created_database_line
from bot.throttle import ChatRateLimiter
from bot.updates import ALLOWED_UPDATES, PollingTrouble, UpdateReadingRequest
from handlers import (
    activities,
    ask,
    browse,
    buttons,
    confirm,
    desk,
    errors,
    forget,
    guard,
    inline,
    membership,
    mysubs,
    nontext,
    review,
    staff,
    staff_access,
    staff_activities,
    start,
    subscriptions,
    watch,
)
from jobs.desk import install as install_desk
from jobs.notifier import install as install_notices
from knowledge.backup import RunLock
from knowledge.db import describe, unwritable

log = logging.getLogger(__name__)


class StartupError(Exception):
    """The bot could not start, or had to stop: one line for the operator, no traceback."""


COMMANDS = [
    BotCommand("start", "开始使用"),
    BotCommand("orgs", "按区县或主题浏览社会组织"),
    BotCommand("activities", "近期活动"),
    BotCommand("subscribe", "订阅活动提醒"),
    BotCommand("mysubs", "我的订阅"),
    BotCommand("unsubscribe", "取消订阅"),
    BotCommand("forget", "删除我的信息"),
    BotCommand("human", "转人工：请工作人员回答"),
    BotCommand("done", "结束人工服务"),
    BotCommand("help", "帮助"),
]


async def _post_init(application: Application) -> None:
    await application.bot.set_my_commands(COMMANDS)


async def _post_shutdown(application: Application) -> None:
    application.bot_data.services.close()


def _api_urls(base_url: str) -> tuple[str, str]:
    """python-telegram-bot's base_url and base_file_url for TELEGRAM_BASE_URL (with or
    without its /bot suffix)."""
    base = base_url.rstrip("/").removesuffix("/bot")
    return base + "/bot", base + "/file/bot"


def build_notice_bot(settings: Settings) -> ExtBot[None]:
    """A bot without an Application for `orgbot notify --once` (cron), with the same rate
    limits and retries as `orgbot run`."""
    base_url, base_file_url = _api_urls(settings.base_url or "https://api.telegram.org")
    return ExtBot(
        settings.require_token(),
        base_url=base_url,
        base_file_url=base_file_url,
        request=AiohttpRequest(),
        rate_limiter=ChatRateLimiter(settings.send_retry_seconds, settings.send_rate),
    )


def build_application(settings: Settings, services: Services | None = None) -> Application:
    """The bot's Application: handlers, error handler, Shanghai-time defaults, rate limiter."""
    services = services or open_services(settings)
    # Opt in to python-telegram-bot's timedelta time periods (the v23 default): its flood
    # control otherwise warns on every 429, and nothing here reads the old integers.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    trouble = PollingTrouble(settings.base_url or "api.telegram.org")
    builder = (
        ApplicationBuilder()
        .application_class(OrgApplication)
        .token(settings.require_token())
        .context_types(ContextTypes(bot_data=BotData))
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .rate_limiter(ChatRateLimiter(settings.send_retry_seconds, settings.send_rate))
        .request(AiohttpRequest())  # see bot/request.py: a third of httpx's CPU a request
        .get_updates_request(UpdateReadingRequest(connection_pool_size=1, trouble=trouble))
        .concurrent_updates(True)  # one slow conversation never holds up the others
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.base_url:
        base_url, base_file_url = _api_urls(settings.base_url)
        builder = builder.base_url(base_url).base_file_url(base_file_url)
    application = builder.build()
    application.bot_data.services = services
    if isinstance(application, OrgApplication):
        application.polling_trouble = trouble

    # Order matters: the database watch runs first (group -3), then the bot's own
    # membership changes (blocked, unblocked, migrated; group -2), then the flood guard
    # (group -1); any may stop an update; then commands and buttons; the free-text
    # question handler comes last, and last of all the answer to a press no other
    # handler took.
    application.add_handlers(watch.HANDLERS, group=-3)
    application.add_handlers(membership.HANDLERS, group=-2)
    application.add_handlers(guard.HANDLERS, group=-1)
    # Staff conversations first: while one is on, its text is its own (not a question).
    application.add_handlers(staff_activities.handlers())  # /addactivity, /editactivity...
    application.add_handlers(start.HANDLERS)  # /start, /help, example buttons
    application.add_handlers(browse.HANDLERS)  # /orgs, /org, browsing buttons, cards
    application.add_handlers(activities.HANDLERS)  # /activities
    application.add_handlers(inline.HANDLERS)  # @bot 心理 in any chat
    application.add_handlers(staff.handlers(services))  # /reload, /stats (staff only)
    application.add_handlers(review.handlers(services))  # /unanswered and its buttons
    application.add_handlers(desk.handlers(services))  # 转人工 and relays, before questions
    # /subscribe's keyboard, and a reply to its name prompt (before free text takes it)
    application.add_handlers(subscriptions.HANDLERS)
    application.add_handlers(mysubs.HANDLERS)  # /mysubs, /unsubscribe, 不再提醒 buttons
    application.add_handlers(forget.HANDLERS)  # /forget
    application.add_handlers(ask.HANDLERS)  # answer buttons, then free text
    application.add_handlers(confirm.HANDLERS)  # 是 / 不是 under a proposal
    application.add_handlers(nontext.HANDLERS)  # stickers, photos...: a hint in private chats
    application.add_handlers(staff_access.HANDLERS)  # a command nobody took: the one refusal
    application.add_handlers(buttons.HANDLERS)  # any other press: 已过期，请重新提问
    application.add_error_handler(errors.on_error)
    install_notices(application, settings)  # plans every ORGBOT_NOTIFY_INTERVAL s, sends between
    install_desk(application, settings, services.residents)  # idle tickets, retention
    return application


def webhook_secret(token: str) -> str:
    """A stable secret Telegram sends back on every webhook call (derived, never logged)."""
    return hashlib.sha256(("orgbot-webhook:" + token).encode()).hexdigest()[:48]


def run_bot(
    settings: Settings,
    *,
    webhook_url: str | None = None,
    listen: str = "127.0.0.1",
    port: int = 8443,
    health_port: int | None = None,
    log_format: LogFormat = LogFormat.TEXT,
) -> None:
    """Run until SIGINT/SIGTERM; updates that arrived while down are processed, not dropped.
    With `health_port`, GET /health answers on it (on the `listen` address).

    Raises StartupError, with one line naming what to check, when the database cannot be
    opened, Telegram rejects the token or the URL, or the database file goes away."""
    configure_logging(settings.token, log_format)
    lock = _hold_run_lock(settings)
    try:
        _run_locked(settings, Listening(webhook_url, listen, port, health_port))
    finally:
        lock.release()


@dataclass(frozen=True)
class Listening:
    """Where the bot gets its updates from, and where it answers GET /health."""

    webhook_url: str | None
    listen: str
    port: int
    health_port: int | None


def _hold_run_lock(settings: Settings) -> RunLock:
    """The database's run lock: one bot per file, and `orgbot db restore` refused meanwhile."""
    lock = RunLock(settings.db_path)
    try:
        held = lock.acquire()
    except OSError as exc:  # a read-only folder, a lock path that is a folder...
        why = unwritable(settings.db_path) or (
            f"cannot create its lock file {lock.path}: {exc.strerror or exc}"
        )
        raise StartupError(
            f"cannot open the database {settings.db_path} (ORGBOT_DB): {why}"
        ) from None
    if not held:
        raise StartupError(
            f"another orgbot is already running on {settings.db_path}: stop it first, or give "
            "this one its own database (ORGBOT_DB)"
        )
    return lock


def _run_locked(settings: Settings, where: Listening) -> None:
    new = settings.db_is_default and not settings.db_path.exists()
    try:
        services = open_services(settings)
    except Exception as exc:  # a missing folder, no permission, not a database, locked...
        raise StartupError(
            f"cannot open the database {settings.db_path} (ORGBOT_DB): "
            + describe(settings.db_path, exc)
        ) from None
    if new:
        log.info("%s", created_database_line(settings.db_path))
    application = build_application(settings, services)
    mode = "webhook" if where.webhook_url else "polling"
    log.info("orgbot starting (%s), knowledge version %s", mode, services.knowledge.version)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # run_polling/run_webhook go on in this loop
    health: asyncio.Server | None = None
    try:
        if where.health_port is not None:
            health = _serve_health(application, services, where, mode, loop)
        try:
            connected = loop.run_until_complete(connect(application, settings))
        except TelegramError as exc:
            loop.run_until_complete(application.bot.shutdown())  # its HTTP sessions
            services.close()
            raise _refused(exc, settings) from None
        if not connected:
            log.info("stopped before Telegram could be reached")
            loop.run_until_complete(application.bot.shutdown())
            services.close()
            return
        _stop_on_signals(application, loop)
        try:
            _run(application, settings, where)
        except TelegramError as exc:  # the services were closed by run_polling's shutdown
            raise _refused(exc, settings) from None
    finally:
        if health is not None:
            health.close()
            loop.run_until_complete(health.wait_closed())
        loop.close()
    if services.stopping_for_database:
        raise StartupError(
            f"stopped: the database file {settings.db_path} was deleted or replaced while "
            "the bot ran; start it again to open the file now at that path"
        )


def _serve_health(
    application: Application,
    services: Services,
    where: Listening,
    mode: str,
    loop: asyncio.AbstractEventLoop,
) -> asyncio.Server:
    """GET /health on where.listen:where.health_port, from start-up on (503 until running)."""
    started = time.monotonic()

    def state() -> tuple[int, dict]:
        database_ok = not (services.stopping_for_database or services.database_file_changed())
        return health_body(application.running, database_ok, mode, started)

    assert where.health_port is not None
    try:
        server = loop.run_until_complete(
            start_health_server(state, where.listen, where.health_port)
        )
    except OSError as exc:
        services.close()
        raise StartupError(
            f"cannot answer /health on {where.listen}:{where.health_port} (--health-port): "
            f"{exc.strerror or exc}"
        ) from None
    log.info("GET /health answers on %s:%d", where.listen, where.health_port)
    return server


def _run(application: Application, settings: Settings, where: Listening) -> None:
    # close_loop=False: run_bot closes the loop, after the /health listener.
    if where.webhook_url:
        token = settings.require_token()
        path = hashlib.sha256(token.encode()).hexdigest()[:32]
        application.run_webhook(
            listen=where.listen,
            port=where.port,
            url_path=path,
            webhook_url=f"{where.webhook_url.rstrip('/')}/{path}",
            secret_token=webhook_secret(token),
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
            stop_signals=None,  # _stop_on_signals
            close_loop=False,
        )
    else:
        application.run_polling(
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
            bootstrap_retries=-1,  # Telegram gone between getMe and deleteWebhook: wait for it
            stop_signals=None,
            close_loop=False,
        )


def _stop_on_signals(application: Application, loop: asyncio.AbstractEventLoop) -> None:
    """SIGINT/SIGTERM stop the bot through Application.stop_running().

    Not python-telegram-bot's own handlers: they raise SystemExit, and raised in the loop step
    in which a start-up step finished (setMyCommands answered), it left that step's
    loop.stop() queued, to cut the shutdown short: "Event loop stopped before Future
    completed", exit status 1, the services never closed. stop_running() is heeded up to the
    end of post_init and once the bot runs; in between (the updater starting) it is asked
    again shortly."""

    def stop() -> None:
        application.stop_running()
        if not application.running:
            loop.call_later(0.1, stop)

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGABRT):  # python-telegram-bot's
        loop.add_signal_handler(sig, stop)


def _refused(error: TelegramError, settings: Settings) -> StartupError:
    """What to check when Telegram refuses to let the bot start (401, 404, ...)."""
    if not isinstance(error, InvalidToken):
        return StartupError(f"Telegram refused to start the bot: {settings.redact(str(error))}")
    if "Not Found" in str(error.__cause__ or ""):
        return StartupError(
            "Telegram answered 404 Not Found at start-up: check TELEGRAM_BASE_URL (a local Bot "
            "API server's ends in /bot) and that TELEGRAM_BOT_TOKEN is the whole token"
        )
    return StartupError(
        "Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): it was revoked or mistyped; "
        "copy the current token from @BotFather"
    )
