"""Words that tell no need: a record does not have to account for them.

A resident's question is told around its need with words no record holds and none should
(哎呀, 整天, 到底, 怎么办, 有个, 人能): counted in the coverage, they made a question told
plainly look half unknown, and the gate threw the right answer away. They still score where a
record holds them; they only stop counting against the coverage. Words that name something
(房子, 银行, 保姆, 喝酒, 放学) are not here: a record that leaves them out answers something
else. The function words of STOP_WORDS (text.py) never reach the coverage at all.

Kept apart from STOP_WORDS on purpose: those are left out of the index and of scoring, these
only out of the coverage (the index's cache does not change with them).
"""

from __future__ import annotations

import re

_FILLERS = """
    哎 哎呀 哎哟 唉 嗯 哈 呗 咧 哩 嘞 噢 哇 啦 喽 咯 噻 哒 呐 哟 呦 嗨 喂
    人家 别人 咱 咱家 俺 俺们 我俩 他俩 我们家 你们家 一家 一家人 大伙 大伙儿
    我想 我要 想问 我想问 想问问 请教 劳驾 打扰 麻烦问 您好 你好 谢谢您 辛苦
    怎么办 怎么弄 怎么整 咋办 咋整 咋弄 办法 有啥办法 有什么办法 啥办法 什么办法 干什么 干啥 为啥 啥样 哪能 哪有 哪里有 有啥 有个
    有没有人 有没 到底 究竟 人能 谁能 能管 能帮 帮帮 帮着 帮一下 帮助 一下子 管一管 管管
    还有 整天 整日 成天 一天天 天天儿 老是 总 老 越来越 根本 或者 还是 可是 而且 并且
    然后 结果 其实 反正 确实 实在 真是 挺 蛮 特 非得 赶紧 马上 专门 别的 这种 那种
    这样 那样 一样 有些 里头 里面 没什么 连个 起来 之类 什么的 啥的 等等 啥都 什么都
    常年 一年到头 逢年过节 回去 正经 不想 想带 想学 学点 干点 做点 找点 合适 附近
    一点儿 好不好 行不行 对不对 可以吗 好吗 行吗 是吧 对吧
    说白 说白了 说实话 说实在的 老实说 搞不清 搞不懂 弄不清 简单说说 最好
"""
FILLERS = frozenset(_FILLERS.split())


# An age, a time or how often told (三岁, 十年, 好几年, 一个月, 半年, 好几回, 三次) sets the
# story; it is no need a record must account for (a figure's question reads its own words).
_TIME = re.compile(r"[0-9一二两三四五六七八九十百千几多好半]+(?:岁|年|个月|天|周|星期|回|次|遍|趟)")


def tells_nothing(word: str) -> bool:
    """Whether a question's word is filler that no record needs to account for."""
    return word in FILLERS or _TIME.fullmatch(word) is not None
