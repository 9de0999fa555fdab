"""Build the Telegram Application from settings, and run it (polling or webhook)."""

from __future__ import annotations

import hashlib
import logging
import os

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

from bot.services import BotData, Services, open_services
from bot.settings import Settings
from bot.throttle import ChatRateLimiter
from handlers import activities, ask, browse, buttons, errors, guard, inline, start

log = logging.getLogger(__name__)

COMMANDS = [
    BotCommand("start", "开始使用"),
    BotCommand("orgs", "按区县或主题浏览社会组织"),
    BotCommand("activities", "近期活动"),
    BotCommand("help", "帮助"),
]


class RedactingFormatter(logging.Formatter):
    """Blanks the bot token out of every formatted line, tracebacks included (it is in API URLs)."""

    def __init__(self, token: str) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(self.token, "<TELEGRAM_BOT_TOKEN>") if self.token else text


def configure_logging(settings: Settings, level: int = logging.INFO) -> None:
    logging.basicConfig(level=level)
    formatter = RedactingFormatter(settings.token or "")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter)
    # httpx logs every request URL, which contains the token; keep it quiet.
    logging.getLogger("httpx").setLevel(logging.WARNING)


async def _post_init(application: Application) -> None:
    await application.bot.set_my_commands(COMMANDS)


async def _post_shutdown(application: Application) -> None:
    application.bot_data.services.close()


def build_application(settings: Settings, services: Services | None = None) -> Application:
    """The bot's Application: handlers, error handler, Shanghai-time defaults, rate limiter."""
    services = services or open_services(settings)
    # Opt in to python-telegram-bot's timedelta time periods (the v23 default): its flood
    # control otherwise warns on every 429, and nothing here reads the old integers.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
        .context_types(ContextTypes(bot_data=BotData))
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .rate_limiter(ChatRateLimiter())
        .concurrent_updates(True)  # one slow conversation never holds up the others
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.base_url:
        base = settings.base_url.rstrip("/")
        builder = builder.base_url(base + "/bot" if not base.endswith("/bot") else base)
        builder = builder.base_file_url(base.removesuffix("/bot") + "/file/bot")
    application = builder.build()
    application.bot_data.services = services

    # Order matters: the flood guard runs first (group -1) and may stop an update;
    # then commands and buttons; the free-text question handler comes last, and
    # last of all the answer to a press no other handler took.
    application.add_handlers(guard.HANDLERS, group=-1)
    application.add_handlers(start.HANDLERS)  # /start, /help, example buttons
    application.add_handlers(browse.HANDLERS)  # /orgs, /org, browsing buttons, cards
    application.add_handlers(activities.HANDLERS)  # /activities
    application.add_handlers(inline.HANDLERS)  # @bot 心理 in any chat
    application.add_handlers(ask.HANDLERS)  # answer buttons, then free text
    application.add_handlers(buttons.HANDLERS)  # any other press: 已过期，请重新提问
    application.add_error_handler(errors.on_error)
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
) -> None:
    """Run until SIGINT/SIGTERM; updates that arrived while down are processed, not dropped."""
    configure_logging(settings)
    application = build_application(settings)
    log.info(
        "orgbot starting (%s), knowledge version %s",
        "webhook" if webhook_url else "polling",
        application.bot_data.services.knowledge.version,
    )
    if webhook_url:
        token = settings.require_token()
        path = hashlib.sha256(token.encode()).hexdigest()[:32]
        application.run_webhook(
            listen=listen,
            port=port,
            url_path=path,
            webhook_url=f"{webhook_url.rstrip('/')}/{path}",
            secret_token=webhook_secret(token),
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
