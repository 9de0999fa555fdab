"""Replies around an answer: asking back when the bot is only fairly sure, and a note in
English for a question asked in English (the knowledge base is in Chinese)."""

from __future__ import annotations

from knowledge.reply import Reply

# Said under the proposal where there are no 是 / 不是 buttons (`orgbot ask`).
UNSURE_IN_WORDS = "我不太确定，先按它回答；如果不是您要问的，请换个说法再问。"
# What 不是 gets: the miss is logged for the staff's review.
DENIED = Reply(
    "抱歉，没有理解您的问题。",
    [
        "您的问题已经记下，工作人员会查看并完善资料。也可以换个说法再问，例如写出组织名称或需要的服务。"
    ],
)
ENGLISH_NOTE = "Note: the knowledge base is in Chinese, so the details above are in Chinese."


def confirm_reply(name: str) -> Reply:
    """The question the bot asks back, above its 是 / 不是 buttons."""
    return Reply(f"您是想问「{name}」吗？")


def in_words(question: Reply, proposal: Reply) -> str:
    """The asked-back question and the proposed answer as one text, for a reply without
    buttons (the English note once, at the end)."""
    if question.lines[-1:] == [ENGLISH_NOTE] and proposal.lines[-1:] == [ENGLISH_NOTE]:
        question = Reply(question.title, question.lines[:-1])
    return "\n".join([question.text, UNSURE_IN_WORDS, "", proposal.text])


def with_english_note(reply: Reply) -> Reply:
    return Reply(reply.title, [*reply.lines, ENGLISH_NOTE])
