"""Inline mode: `@bot 心理` in any chat offers organization cards to share."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, InlineQueryHandler

from bot.services import Context
from handlers.common import html_chunks, services


async def inline_query(update: Update, context: Context) -> None:
    """Offer the organizations that match what was typed so far."""
    query = update.inline_query
    if query is None:
        return
    svc = await services(context)
    results = []
    for org_id in svc.answerer.search_organizations(query.query, limit=10):
        card = svc.browser.card(org_id)
        org = svc.catalog.organizations.get(org_id)
        if card is None or org is None:
            continue
        results.append(
            InlineQueryResultArticle(
                id=org_id,
                title=org.name,
                description=org.summary[:80],
                input_message_content=InputTextMessageContent(
                    html_chunks(card)[0], parse_mode=ParseMode.HTML
                ),
            )
        )
    await query.answer(results, cache_time=60, is_personal=False)


HANDLERS: list[BaseHandler] = [InlineQueryHandler(inline_query)]
