"""`orgbot doctor`'s questions to Telegram: getMe, getWebhookInfo and getChat of the staff chat."""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.doctor_checks import Check, ok, problem
from bot.settings import Settings

TELEGRAM_TIMEOUT = 10.0  # seconds for each request the doctor makes


async def check_telegram(settings: Settings) -> list[Check]:
    """getMe, getWebhookInfo and getChat of the staff chat, each asked once, briefly."""
    from telegram import Bot
    from telegram.error import Forbidden, InvalidToken, TelegramError
    from telegram.request import HTTPXRequest

    from bot.app import _api_urls

    base_url, base_file_url = _api_urls(settings.base_url or "https://api.telegram.org")
    request = HTTPXRequest(connect_timeout=TELEGRAM_TIMEOUT, read_timeout=TELEGRAM_TIMEOUT)
    bot = Bot(
        settings.require_token(), base_url=base_url, base_file_url=base_file_url, request=request
    )
    where = settings.base_url or "api.telegram.org"
    try:
        me = await bot.get_me()
    except InvalidToken:
        return [
            problem(
                "Telegram",
                "getMe: the token was rejected (revoked, mistyped, or the wrong TELEGRAM_BASE_URL)",
                "copy the current token from @BotFather into TELEGRAM_BOT_TOKEN",
            )
        ]
    except TelegramError as exc:
        return [
            problem(
                "Telegram",
                f"getMe: cannot reach {where}: {exc}",
                "check the server's network, proxy and TELEGRAM_BASE_URL",
            )
        ]
    checks = [ok("Telegram", f"getMe: @{me.username} (id {me.id})")]
    try:
        checks.append(_webhook(await bot.get_webhook_info()))
        if settings.staff_chat_id is not None:
            try:
                chat = await bot.get_chat(settings.staff_chat_id)
            except Forbidden as exc:
                checks.append(
                    problem(
                        "staff chat",
                        f"getChat {settings.staff_chat_id}: {exc}",
                        "add the bot to the staff group again",
                    )
                )
            except TelegramError as exc:
                checks.append(
                    problem(
                        "staff chat",
                        f"getChat {settings.staff_chat_id}: {exc}",
                        "check ORGBOT_STAFF_CHAT_ID (a group's id starts with -100) and "
                        "that the bot is a member",
                    )
                )
            else:
                checks.append(ok("staff chat", f"reachable: {chat.title or chat.id} ({chat.type})"))
    except TelegramError as exc:
        checks.append(problem("Telegram", str(exc), "try again; check the network"))
    finally:
        await request.shutdown()
    return checks


def _webhook(info) -> Check:  # telegram.WebhookInfo
    pending = f"{info.pending_update_count} update(s) waiting"
    if not info.url:
        return ok("webhook", f"none: `orgbot run` long-polls; {pending}")
    host = urlsplit(info.url)
    shown = f"{host.scheme}://{host.netloc}/…"  # the path is derived from the token
    if info.last_error_message:
        when = info.last_error_date.isoformat() if info.last_error_date else "recently"
        return problem(
            "webhook",
            f"{shown}: Telegram's last delivery failed {when}: {info.last_error_message}; "
            f"{pending}",
            "check nginx, its TLS certificate and that `orgbot run --webhook-url` is running",
        )
    return ok("webhook", f"{shown}; {pending}")
