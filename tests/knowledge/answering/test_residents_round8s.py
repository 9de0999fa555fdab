"""Residents' stories, round 8 (issue 16, cause 2: a need told as what happened): the blind
probes' stories this round fixed (questions_dev_round8s.yaml) — a need read from the story's
signs through the words table (a child who turns in circles or does not yet call 妈, a parent
shouting at the child, a neighbours' quarrel, wages held back, a small factory's orders
falling, an after-school sport) and a story's background no longer taken for what it asks (a
job or a school named before the story asks for help) — and the near misses that must stay
refused (a school, a price, a wage or a medicine asked where the story asks)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from knowledge.answering.answer import Answerer
from knowledge.answering.scope import Scope
from tests.knowledge.answering.chat import cases, in_one_chat, judged, standardized, table

HERE = Path(__file__).parent
CASES = cases("questions_dev_round8s.yaml")


@pytest.mark.parametrize("case", table(CASES, {}, "situation"))
def test_a_residents_story_finds_the_organization(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = in_one_chat(answerer, [case["q"]])
    assert judged(answerer, case, answer), answer.text


@pytest.mark.parametrize("case", table(CASES, {}, "refuse", "adversarial"))
def test_what_is_not_ours_stays_refused(answerer: Answerer, case: dict[str, Any]) -> None:
    answer = in_one_chat(answerer, [case["q"]])
    assert not answer.answered, answer.results[:1]


# What happened, read as the need it tells (words.yaml, kind situation).
SIGNS = [
    ("娃三岁了还不会叫妈", "发育迟缓"),
    ("娃老拿头撞墙", "自闭"),
    ("光自己转圈圈", "自闭"),
    ("老板拖了三个月工钱不给", "维权"),
    ("订单越来越少", "开拓市场"),
    ("跟隔壁为一堵墙吵翻了", "邻里纠纷"),
    ("想让他学点拳脚", "武术"),
]


@pytest.mark.parametrize(("written", "need"), SIGNS, ids=[w for w, _ in SIGNS])
def test_a_sign_told_is_read_as_its_need(answerer: Answerer, written: str, need: str) -> None:
    assert need in standardized(answerer, written)


# A noise complained of is no quarrel with the neighbours.
def test_a_noise_is_no_neighbours_quarrel(answerer: Answerer) -> None:
    assert "邻里纠纷" not in standardized(answerer, "在家唱秦腔邻居嫌吵")


STORY_BACKGROUND = [
    # a job named before the story asks for help
    "我在未央住，当了十年全职妈妈，娃上初中了不需要我了，我突然发现自己啥都不会，"
    "出去找工作人家也不要。老公还老说我在屋里闲着。我就想重新活一回，有没有专门帮我们这种女人的",
    # homework named before the story asks how to talk to the child
    "我在未央区上班，工作压力大，回到家看见娃作业写得一塌糊涂就控制不住，又吼又骂。"
    "打完又后悔，半夜自己偷偷哭。我也知道这样不对，就是不知道咋跟娃好好说话",
    # 不怎么 before a verb is "not much", no method asked
    "饭都不咋吃",
    # where the resident heard of it is no news asked for
    "看新闻河南那边又发大水，想捐点钱物不知道交给谁靠谱",
    # no one at home to see to the homework is a care need
    "住张家堡，娃放学没人辅导作业，俺两口子都上班到天黑",
    # a shop gone to is where the family went, no price asked
    "我从农村跟着儿子搬到西安未央区住，小区里一个人都不认识。儿子媳妇周末带着娃去商场，"
    "我一个老婆子也插不进去。以前在村里还能跟人谝闲传，现在一天说不了三句话，闷得慌",
]


@pytest.mark.parametrize("question", STORY_BACKGROUND, ids=[q[:12] for q in STORY_BACKGROUND])
def test_a_storys_background_is_not_what_it_asks(answerer: Answerer, question: str) -> None:
    assert Scope.from_catalog(answerer.catalog).refusal(question) is None


WHERE_IT_ASKS = [
    "孩子明年中考了，成绩一直上不去，晚上还老失眠，我们在宝鸡，有没有靠谱的补课机构",
    "我在宝鸡开了个小厂，这两年订单越来越少，工人也不好招，想问问现在工人工资一般开多少合适",
    "我们小区楼下新开了个社会组织服务中心，我妈天天去那喝免费咖啡，回来就说要把十万块养老钱"
    "投给一个年化12%的理财项目。这个理财靠谱吗，收益能拿到不",
    "少年军校的新闻报道在哪看",
    "宝鸡哪个商场打折多",
]


@pytest.mark.parametrize("question", WHERE_IT_ASKS, ids=[q[:12] for q in WHERE_IT_ASKS])
def test_what_the_story_asks_is_still_read(answerer: Answerer, question: str) -> None:
    assert Scope.from_catalog(answerer.catalog).refusal(question) is not None
