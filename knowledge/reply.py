"""What the bot says: a title (shown bold in Telegram) and plain lines."""

from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass
class Reply:
    """A reply or a record's card, as plain text (the CLI) or Telegram HTML (the bot)."""

    title: str = ""
    lines: list[str] = field(default_factory=list)
    # The reply only says the records lack what was asked of a record (资料中没有它的成立日期):
    # a question naming the record is then not answered (replies.py says so, `unknown`).
    unheld: bool = field(default=False, compare=False)

    @property
    def text(self) -> str:
        return "\n".join(x for x in [self.title, *self.lines] if x)

    @property
    def html(self) -> str:
        head = f"<b>{html.escape(self.title, quote=False)}</b>" if self.title else ""
        body = [html.escape(line, quote=False) for line in self.lines if line]
        return "\n".join(x for x in [head, *body] if x)
