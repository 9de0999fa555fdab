"""Staff add, move and cancel activities in a private chat with the real Application (against
the strict fake Bot API), and the notices planner sees every change at its next tick."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import Application

from bot.services import Services
from handlers.buttons import (
    ActivityField,
    ActivityFieldCode,
    ActivityOrg,
    ActivityPage,
    ActivityPick,
    ActivityStep,
    ActivityTopic,
    Button,
    Step,
    parse,
)
from handlers.serial import SerialConversation
from handlers.staff_access import UNKNOWN_COMMAND
from handlers.staff_activity_steps import CANCELLED, TIMED_OUT, USE_BUTTONS
from jobs.notifier import plan_and_store
from jobs.planner import Policy
from jobs.timing import parse_reminders, utc_text
from knowledge.curation.apply import apply_records
from knowledge.residents.outbox import DeliveryStatus, NoticeKind, Outbox, Outcome
from knowledge.residents.store import SubscriptionKind
from tests.handlers.test_conversation import buttons
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.waiting import until

STAFF, OTHER_STAFF, RESIDENT = 7101, 7102, 7103
SUBSCRIBER = 7201
ORG = "baoji-zhita-children"
ORG_NAME = "宝鸡智塔儿童启能成长中心"
SHANGHAI = ZoneInfo("Asia/Shanghai")
POLICY = Policy(SHANGHAI, parse_reminders("1d@09:00,2h"))  # no quiet hours: CI runs any hour


@pytest.fixture
async def bot(bot_services: Services, running_bot: Application) -> AsyncIterator[Application]:
    """The running bot with two staff members, and no notice ticks of its own: the tests
    plan themselves, at the moments they choose."""
    bot_services.settings = dataclasses.replace(
        bot_services.settings, staff_ids=frozenset({STAFF, OTHER_STAFF})
    )
    assert running_bot.job_queue is not None
    for job in running_bot.job_queue.get_jobs_by_name("notices"):
        job.schedule_removal()
    yield running_bot


def texts(api: FakeBotAPI, chat: int) -> list[str]:
    return [m["plain"] for m in api.sent(chat)]


async def send(api: FakeBotAPI, user: int, text: str, replies: int = 1) -> dict:
    """A message from `user`; the bot's last reply once it has sent `replies` more."""
    before = len(api.sent(user))
    api.push_message(user, text)
    await until(lambda: len(api.sent(user)) >= before + replies, what=f"a reply to {text!r}")
    return api.sent(user)[-1]


async def tap(api: FakeBotAPI, user: int, message: dict, label: str, replies: int = 1) -> dict:
    """Press the button labelled `label` under `message`; the bot's last message once it has
    answered the press and sent `replies` more (0: an edit only)."""
    data = dict(buttons(message))[label]
    sent, answers = len(api.sent(user)), len(api.callback_answers)
    api.push_callback(user, message["message_id"], data)
    await until(lambda: len(api.callback_answers) > answers, what=f"the press of {label!r}")
    await until(lambda: len(api.sent(user)) >= sent + replies, what=f"a reply to {label!r}")
    return api.sent(user)[-1]


def current(api: FakeBotAPI, user: int, message: dict) -> dict:
    """A sent message as it is now (its buttons edited since)."""
    found = api.message(user, message["message_id"])
    assert found is not None
    return found


async def add(
    api: FakeBotAPI,
    user: int,
    title: str = "亲子绘本共读",
    when: str = "明天下午3点到5点",
    place: str = "市图书馆二楼",
    *,
    org: bool = True,
) -> dict:
    """/addactivity through to the summary; returns the summary message (确认 / 取消)."""
    await send(api, user, "/addactivity")
    asked = await send(api, user, title)
    if org:
        found = await send(api, user, "智塔")
        await tap(api, user, found, ORG_NAME)
    else:
        await tap(api, user, asked, "不属于某个组织")
    await send(api, user, when)
    topics = await send(api, user, place)
    await tap(api, user, topics, "儿童青少年", replies=0)
    await until(lambda: "✓ 儿童青少年" in dict(buttons(current(api, user, topics))))
    await tap(api, user, current(api, user, topics), "完成")
    return await send(api, user, "电话报名")


def activities(services: Services) -> dict[str, dict]:
    return services.knowledge.records("activities")


def planned(services: Services, now: datetime) -> list[tuple[str, str, list[int]]]:
    """What a planning tick at `now` adds: (kind, activity id, chats)."""
    report = plan_and_store(services.knowledge.db, now, POLICY)
    return [
        (str(n.kind), n.activity_id, [chat for chat, _ in n.recipients])
        for n in report.plan.notices
    ]


def delivered(services: Services, now: datetime) -> None:
    """Every waiting notice goes out, as the sender would send it."""
    outbox = Outbox(services.knowledge.db)
    rows = [row.row_id for row in outbox.due(utc_text(now), 1000)]
    outbox.claim(rows, "test", utc_text(now))
    outbox.finish("test", [Outcome(r, DeliveryStatus.SENT, utc_text(now)) for r in rows])


# --- /addactivity ---------------------------------------------------------------------------


async def test_a_staff_member_adds_an_activity_that_residents_and_the_planner_see(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    audits = bot_services.knowledge.db["audit"].count
    summary = await add(fake_api, STAFF)
    tomorrow = datetime.now(SHANGHAI).date() + timedelta(days=1)
    weekday = "一二三四五六日"[tomorrow.weekday()]
    shown = f"{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日（周{weekday}）15:00–17:00"
    # The time is read back in full before the next question.
    assert f"时间：{shown}\n第4步：活动地点在哪里？" in texts(fake_api, STAFF)
    assert summary["plain"].splitlines()[1:] == [
        "名称：亲子绘本共读",
        f"组织：{ORG_NAME}",
        f"时间：{shown}",
        "地点：市图书馆二楼",
        "主题：儿童青少年",
        "报名：电话报名",
    ]
    done = await tap(fake_api, STAFF, summary, "确认")
    assert done["plain"].startswith("已添加活动「亲子绘本共读」")

    [(key, record)] = activities(bot_services).items()
    assert key in done["plain"] and key.startswith(f"{tomorrow:%Y%m%d}-")
    assert record["organization"] == ORG and record["topics"] == ["儿童青少年"]
    assert record["start"] == f"{tomorrow.isoformat()}T15:00:00+08:00"
    assert record["end"] == f"{tomorrow.isoformat()}T17:00:00+08:00"
    assert (record["place"], record["registration"], record["status"]) == (
        "市图书馆二楼",
        "电话报名",
        "scheduled",
    )
    assert record["source"]["document"] == "民政局工作人员录入"  # not a made-up article
    [audit] = list(bot_services.knowledge.db["audit"].rows_where("id > ?", [audits]))
    assert (audit["record_id"], audit["action"], audit["file"]) == (
        key,
        "added",
        f"telegram:{STAFF}",
    )
    assert not buttons(current(fake_api, STAFF, summary))  # a second 确认 has nothing to press

    # Residents see it once the knowledge has loaded (in the background; a resident asking
    # meanwhile is answered from the version before)...
    await until(lambda: not bot_services.answerer.is_stale(), what="the new knowledge loaded")
    listing = await send(fake_api, RESIDENT, "/activities")
    assert "亲子绘本共读" in listing["plain"]
    # ...and the planner, which reads the database every tick, reminds the subscribers.
    bot_services.residents.subscribe(SUBSCRIBER, SubscriptionKind.ORGANIZATION, ORG)
    start = datetime.fromisoformat(record["start"])
    assert planned(bot_services, start - timedelta(hours=2) + timedelta(minutes=1)) == [
        ("reminder", key, [SUBSCRIBER])
    ]


async def test_a_past_impossible_or_unreadable_time_is_explained_and_asked_again(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    await send(fake_api, STAFF, "/addactivity")
    await send(fake_api, STAFF, "敬老院慰问演出")
    found = await send(fake_api, STAFF, "智塔")
    await tap(fake_api, STAFF, found, ORG_NAME)
    for typed, says in [
        ("2月30日 9点", "没有这一天：2月30日"),
        ("2020-01-01 09:00", "已经过去了"),
        ("改天再说", "没看懂"),
        ("明天", "请写上开始时间"),
    ]:
        reply = await send(fake_api, STAFF, typed)
        assert says in reply["plain"] and "请再发送一次活动时间" in reply["plain"], typed
    reply = await send(fake_api, STAFF, "下周六 14:00")
    assert reply["plain"].startswith("时间：") and "14:00" in reply["plain"]
    assert "地点" in reply["plain"]


async def test_cancel_midway_changes_nothing_and_free_text_is_a_question_again(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    version, audits = bot_services.knowledge.version, bot_services.knowledge.db["audit"].count
    await send(fake_api, STAFF, "/addactivity")
    # During the conversation, text is the conversation's, not a question to answer.
    asked = await send(fake_api, STAFF, "宝鸡哪里有心理咨询")
    assert asked["plain"].startswith("第2步") and "明明心理" not in asked["plain"]
    found = await send(fake_api, STAFF, "智塔")
    await tap(fake_api, STAFF, found, ORG_NAME)
    assert (await send(fake_api, STAFF, "/cancel"))["plain"] == CANCELLED
    assert activities(bot_services) == {}
    assert bot_services.knowledge.version == version
    assert bot_services.knowledge.db["audit"].count == audits
    answer = await send(fake_api, STAFF, "宝鸡哪里有心理咨询")
    assert "明明心理" in answer["plain"]


async def test_the_summarys_cancel_button_changes_nothing(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    summary = await add(fake_api, STAFF)
    assert (await tap(fake_api, STAFF, summary, "取消"))["plain"] == CANCELLED
    assert activities(bot_services) == {}


async def test_a_change_the_validation_refuses_is_explained_and_the_conversation_stays(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    summary = await add(fake_api, STAFF)
    with bot_services.knowledge.transaction():  # the organization is removed meanwhile
        bot_services.knowledge.delete_record("organizations", ORG)
    refused = await tap(fake_api, STAFF, summary, "确认")
    assert refused["plain"].startswith("没有保存，原因：\n· 组织：")
    assert ORG in refused["plain"] and "/cancel" in refused["plain"]
    assert activities(bot_services) == {}
    assert (await tap(fake_api, STAFF, summary, "取消"))["plain"] == CANCELLED  # still in it


async def test_anyone_not_staff_gets_the_unknown_command_reply(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    for command in ("/addactivity", "/editactivity", "/cancelactivity"):
        assert (await send(fake_api, RESIDENT, command))["plain"] == UNKNOWN_COMMAND
    answer = await send(fake_api, RESIDENT, "宝鸡哪里有心理咨询")  # no conversation began
    assert "明明心理" in answer["plain"]
    assert (await send(fake_api, RESIDENT, "/cancel"))["plain"] == UNKNOWN_COMMAND


async def test_two_staff_members_at_once_each_add_their_own(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    summaries = await asyncio.gather(
        add(fake_api, STAFF, "周末义诊", "明天上午9点半", "社区卫生站"),
        add(fake_api, OTHER_STAFF, "书法体验课", "后天下午2点", "文化馆三楼", org=False),
    )
    await asyncio.gather(
        *(tap(fake_api, u, s, "确认") for u, s in zip([STAFF, OTHER_STAFF], summaries, strict=True))
    )
    found = {r["title"]: r for r in activities(bot_services).values()}
    assert set(found) == {"周末义诊", "书法体验课"}
    assert found["周末义诊"]["start"].endswith("T09:30:00+08:00")
    assert found["周末义诊"]["place"] == "社区卫生站"
    assert found["书法体验课"]["start"].endswith("T14:00:00+08:00")
    assert found["书法体验课"]["place"] == "文化馆三楼"
    assert (found["周末义诊"]["organization"], found["书法体验课"]["organization"]) == (ORG, "")
    files = {a["record_id"]: a["file"] for a in bot_services.knowledge.db["audit"].rows}
    assert files[found["周末义诊"]["id"]] == f"telegram:{STAFF}"
    assert files[found["书法体验课"]["id"]] == f"telegram:{OTHER_STAFF}"


async def test_a_double_tap_on_confirm_adds_the_activity_once(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    summary = await add(fake_api, STAFF)
    confirm = dict(buttons(summary))["确认"]
    answers = len(fake_api.callback_answers)
    for _ in range(2):  # both queued before the bot handles the first
        fake_api.push_callback(STAFF, summary["message_id"], confirm)
    await until(lambda: len(fake_api.callback_answers) == answers + 2, what="both presses answered")
    await until(lambda: any(t.startswith("已添加") for t in texts(fake_api, STAFF)))
    await asyncio.sleep(0.3)
    assert len(activities(bot_services)) == 1
    assert sum(t.startswith("已添加") for t in texts(fake_api, STAFF)) == 1


async def test_a_silent_conversation_times_out(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    [conversation] = [h for h in bot.handlers[0] if isinstance(h, SerialConversation)]
    monkeypatch.setattr(conversation, "_conversation_timeout", 0.5)
    await send(fake_api, STAFF, "/addactivity")
    await send(fake_api, RESIDENT, "/addactivity")  # refused: no conversation, no timeout
    await until(lambda: TIMED_OUT in texts(fake_api, STAFF), what="the time-out notice")
    await asyncio.sleep(0.5)
    assert TIMED_OUT not in texts(fake_api, RESIDENT)
    answer = await send(fake_api, STAFF, "宝鸡哪里有心理咨询")  # a question again
    assert "明明心理" in answer["plain"]


# --- /cancelactivity and /editactivity ------------------------------------------------------


def scheduled(services: Services, key: str, start: datetime, **fields: str) -> None:
    record = {
        "id": key,
        "title": fields.pop("title", "亲子阅读会"),
        "organization": ORG,
        "start": start.isoformat(),
        "end": (start + timedelta(hours=2)).isoformat(),
        "place": "市图书馆二楼",
        "source": "民政局2026年走访核实",
        **fields,
    }
    report = apply_records(services.knowledge, [("activities", record)], origin="test")
    assert report.ok, report.describe()


def soon() -> datetime:
    """A start whose two-hour reminder is due now (Shanghai time, whole minutes)."""
    moment = datetime.now(UTC) + timedelta(minutes=90)
    return moment.astimezone(SHANGHAI).replace(second=0, microsecond=0)


async def pick(api: FakeBotAPI, command: str, title: str) -> dict:
    listing = await send(api, STAFF, command)
    [label] = [label for label, _ in buttons(listing) if title in label]
    return await tap(api, STAFF, listing, label)


async def test_cancelling_tells_those_already_reminded(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    scheduled(bot_services, "reading", soon())
    bot_services.residents.subscribe(SUBSCRIBER, SubscriptionKind.ORGANIZATION, ORG)
    now = datetime.now(UTC)
    assert planned(bot_services, now) == [("reminder", "reading", [SUBSCRIBER])]
    delivered(bot_services, now)

    asked = await pick(fake_api, "/cancelactivity", "亲子阅读会")
    assert asked["plain"].startswith("要取消这个活动吗？")
    done = await tap(fake_api, STAFF, asked, "确认取消")
    assert done["plain"] == "已取消活动「亲子阅读会」。"
    assert activities(bot_services)["reading"]["status"] == "cancelled"
    assert [a["file"] for a in bot_services.knowledge.db["audit"].rows][-1] == f"telegram:{STAFF}"
    assert planned(bot_services, now + timedelta(minutes=1)) == [
        ("cancelled", "reading", [SUBSCRIBER])
    ]
    assert (await send(fake_api, STAFF, "/cancelactivity"))["plain"] == "目前没有即将开始的活动。"


async def test_a_new_time_tells_those_already_reminded_that_it_changed(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    scheduled(bot_services, "reading", soon())
    bot_services.residents.subscribe(SUBSCRIBER, SubscriptionKind.ORGANIZATION, ORG)
    now = datetime.now(UTC)
    planned(bot_services, now)
    delivered(bot_services, now)

    asked = await pick(fake_api, "/editactivity", "亲子阅读会")
    field = await tap(fake_api, STAFF, asked, "时间")
    assert field["plain"].startswith("新的时间")
    assert "没有这一天" in (await send(fake_api, STAFF, "2月30日 9点"))["plain"]
    confirm = await send(fake_api, STAFF, "后天上午10点-11点半")
    assert "（原来：" in confirm["plain"]
    done = await tap(fake_api, STAFF, confirm, "确认")
    assert done["plain"].startswith("已把「亲子阅读会」改到")
    day = datetime.now(SHANGHAI).date() + timedelta(days=2)
    record = activities(bot_services)["reading"]
    assert (record["start"], record["end"]) == (
        f"{day.isoformat()}T10:00:00+08:00",
        f"{day.isoformat()}T11:30:00+08:00",
    )
    [notice] = plan_and_store(
        bot_services.knowledge.db, now + timedelta(minutes=1), POLICY
    ).plan.notices
    assert (notice.kind, notice.activity_id) == (NoticeKind.CHANGED, "reading")
    assert [chat for chat, _ in notice.recipients] == [SUBSCRIBER]
    assert "活动时间有变" in notice.text


async def test_a_new_place_is_saved_and_the_rest_kept(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    scheduled(bot_services, "reading", soon() + timedelta(days=3), registration="电话报名")
    asked = await pick(fake_api, "/editactivity", "亲子阅读会")
    await tap(fake_api, STAFF, asked, "地点")
    confirm = await send(fake_api, STAFF, "市少年宫一楼")
    assert "（原来：市图书馆二楼）" in confirm["plain"]
    await tap(fake_api, STAFF, confirm, "确认")
    record = activities(bot_services)["reading"]
    assert (record["place"], record["registration"], record["status"]) == (
        "市少年宫一楼",
        "电话报名",
        "scheduled",
    )


async def test_the_list_is_paged_and_a_vanished_activity_is_not_touched(
    fake_api: FakeBotAPI, bot: Application, bot_services: Services
) -> None:
    first = soon() + timedelta(days=1)
    for n in range(10):
        scheduled(bot_services, f"talk-{n}", first + timedelta(hours=n), title=f"讲座{n}")
    listing = await send(fake_api, STAFF, "/cancelactivity")
    assert (await send(fake_api, STAFF, "讲座9"))["plain"] == USE_BUTTONS  # not a question
    labels = [label for label, _ in buttons(listing)]
    assert len([x for x in labels if "讲座" in x]) == 8 and "下一页" in labels
    await tap(fake_api, STAFF, listing, "下一页", replies=0)
    await until(lambda: "上一页" in dict(buttons(current(fake_api, STAFF, listing))))
    second = [label for label, _ in buttons(current(fake_api, STAFF, listing))]
    assert [x for x in second if "讲座" in x] == [
        f"{(first + timedelta(hours=n)):%m-%d %H:%M} 讲座{n}" for n in (8, 9)
    ]
    # Another staff member cancels 讲座9 meanwhile: pressing it changes nothing.
    apply_records(
        bot_services.knowledge,
        [("activities", {"id": "talk-9", "status": "cancelled"})],
        origin="test",
    )
    audits = bot_services.knowledge.db["audit"].count
    gone = await tap(fake_api, STAFF, current(fake_api, STAFF, listing), second[-3])
    assert "已经开始、已取消或已删除" in gone["plain"]
    assert bot_services.knowledge.db["audit"].count == audits


# --- the buttons ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "button",
    [
        ActivityOrg("x" * 40),
        ActivityTopic(999_999),
        ActivityPick("x" * 40),
        ActivityPage(999_999),
        *(ActivityField(code) for code in ActivityFieldCode),
        *(ActivityStep(step) for step in Step),
    ],
    ids=repr,
)
def test_every_activity_button_reads_back_as_itself_within_64_bytes(button: Button) -> None:
    assert parse(button.data) == button
    assert len(button.data.encode()) <= 64


@pytest.mark.parametrize(
    "data",
    [
        "ac:",
        "ac:x",
        "ac:o:",
        "ac:o:ABC",
        "ac:t:abc",
        "ac:t:-1",
        "ac:e:z",
        "ac:a:" + "a" * 41,
        "ac:yy",
    ],
)
def test_forged_activity_data_is_no_button(data: str) -> None:
    assert parse(data) is None
