"""Compose short, sourced replies from knowledge records; never a fact the records lack."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import tzinfo

from knowledge.answering.figure_events import end_date_asked, end_date_reply
from knowledge.answering.figures import figures_reply
from knowledge.answering.intent import LEADER_ASKED, Intent
from knowledge.catalog import Catalog
from knowledge.records import (
    CONTACT_FIELDS,
    LOCATION_FIELDS,
    PLACE_FIELDS,
    Activity,
    Organization,
    Project,
    Record,
)
from knowledge.reply import Reply
from knowledge.schema import REGISTRY_FIELDS

CIVIL_AFFAIRS_HINT = "可以向所在区县民政局（社会组织管理部门）咨询"
HANDOFF_HINT = "如需人工帮助，可以联系当地区县民政局社会组织管理部门。"
MAX_LIST = 5
# Registry facts a reply gives only when the question names them (its words run together, as
# segmented: 法定+代表+代表人); 法定代表人 above all is never in a default answer or card.
REGISTRY_ASKED = (
    (("法定代表", "法人"), "legal_representative"),
    (("信用代码",), "credit_code"),
    (("登记机关", "管理机关"), "registration_authority"),
    (("主管单位",), "supervisor"),
    (("成立日期", "成立时间", "登记时间", "注册时间"), "registered_on"),
    (("注册资金", "开办资金", "原始基金"), "registered_capital"),
    (("评估等级",), "rating"),
    (("年检", "年报"), "annual_check"),
    (("证书", "有效期"), "certificate_valid_until"),
    (("业务范围",), "business_scope"),
    (("活动区域",), "activity_area"),
)
# Who leads an organization: the registry's legal representative is the one leader the records
# can hold; asked for a 会长 whom the sources do not name, the reply says so instead of
# introducing the organization (a phone asked for "负责人的电话" is the contact intent's).
LEADER = "leader"
# Asked with words this general, only an organization that has the fact answers with it.
# When it is open or holds its classes, asked of the record answered (武术协会周几上课,
# 智塔周末开门吗): said with the introduction, since the sources rarely give it.
_WHEN_OPEN = re.compile(
    r"(几点|什么时候|啥时候|啥时|哪天|周几|礼拜几|星期几|周[一二三四五六日天末]|礼拜[一二三四五六日天]"
    r"|星期[一二三四五六日天]|节假日|放假|晚上|早上)[^，,。？?！!]{0,3}"
    r"(开门|关门|上班|下班|上课|开课|营业|开放|有人)"
    r"|开放时间|营业时间|办公时间|上课时间|开门|营业"
)
# The next time it holds something (下一场演出是哪天, 下次活动在哪儿办): only what staff
# registered says so; the articles tell what was done, never what will be. 下次 alone is any
# next time (下次带孩子去智塔要带什么, 下次咨询要预约吗): only with an event or when/where.
_NEXT_EVENT = r"活动|演出|表演|演|比赛|讲座|培训|展|营|课|聚会|义诊|招募"
_NEXT_WHEN = r"什么时候|啥时候|啥时|哪天|几号|几月|时间|在哪|哪儿|哪里|去哪|地点"
# …or one day of the coming week (这个星期六去哪里耍、几点集合): what staff registered too.
_THIS_WEEK = (
    r"[这本下]个?(?:周末|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天])"
)
NEXT_ASKED = re.compile(
    r"下一?[场期轮](?![来去])|下一?[次回]去哪"
    rf"|{_THIS_WEEK}(?=[^，,。？?！!]{{0,8}}(?:{_NEXT_WHEN}|集合|玩|耍))|几点集合|在哪集合|集合地点"
    rf"|下一?[次回](?![来去])(?=[^，,。？?！!\s]{{0,3}}(?:{_NEXT_EVENT})"
    rf"|[^，,。？?！!\s]{{0,8}}(?:{_NEXT_WHEN}))"
)
REGISTRY_IF_KNOWN = ((("成立",), "registered_on"), (("慈善组织",), "is_charity"))
REGISTRY_LABELS = {spec.name: spec.label for spec in REGISTRY_FIELDS}

GREETING = Reply(
    "您好！我是社会组织问答助手。",
    [
        "我可以回答宝鸡市、西安市未央区社会组织的情况：它们是谁、做什么服务和项目、有哪些数据、怎么联系。",
        "您可以这样问：",
        "· 我家孩子有自闭症，哪里可以做康复？",
        "· 明明心理关爱中心是做什么的？",
        "· 未央区有多少家社会组织？",
        "· 我在陈仓有块田怎么参加？",
    ],
)

THANKS = Reply(
    "不客气！",
    ["还想了解哪个组织、哪项服务，直接问我就行。", HANDOFF_HINT],
)

NOT_FOUND = Reply(
    "抱歉，知识库里暂时没有找到和您的问题相关的信息。",
    [
        "可以换个说法试试，例如写出组织名称、需要的服务（如“心理咨询”“养老”）或所在区县。",
        HANDOFF_HINT,
    ],
)


class Composer:
    """Builds replies for one knowledge snapshot, with times in the residents' time zone."""

    def __init__(self, catalog: Catalog, tz: tzinfo) -> None:
        self.catalog = catalog
        self.tz = tz

    def answer(
        self,
        record: Record,
        intent: Intent,
        words: Sequence[str],
        upcoming: Sequence[Activity],
        question: str = "",
    ) -> Reply:
        """The reply to a question about `record` asking for `intent` (`words`: its words;
        `upcoming`: the activities of the coming days, needed for an activities question;
        `question`: the normalized question, for what a figure counts)."""
        if isinstance(record, Organization | Project):
            return self._about(record, intent, words, upcoming, question)
        return record.card(self.catalog, self.tz)  # a fact or an activity answers itself

    def _about(
        self,
        record: Organization | Project,
        intent: Intent,
        words: Sequence[str],
        upcoming: Sequence[Activity],
        question: str = "",
    ) -> Reply:
        # Contacts and activities are the organization's, also when a project was named.
        subject = self.catalog.organization_of(record) or record
        if isinstance(record, Organization):  # a project has no registry facts
            asked = registry_fields_asked(words, record)
            if intent not in (Intent.CONTACT, Intent.ADDRESS) and leader_asked(
                question or "".join(words), record
            ):
                # the registry's legal representative when it names one (or is asked for
                # already); otherwise the leader, said to be missing
                named = record.legal_representative or "legal_representative" in asked
                asked = list(dict.fromkeys([*asked, "legal_representative" if named else LEADER]))
            if asked:
                return self.registry(record, asked)
        elif intent not in (Intent.CONTACT, Intent.ADDRESS) and leader_asked(
            question or "".join(words), record
        ):  # 少年军校的领队叫什么: no record names a project's people either
            owner = f"它是{subject.name}的项目；" if subject is not record else ""
            lines = [f"资料中没有{record.name}负责人的姓名。", f"{owner}{CIVIL_AFFAIRS_HINT}。"]
            return Reply(record.name, [*lines, self.catalog.cite(record, [])], True)
        if NEXT_ASKED.search(question):  # 下一场在哪演: not where the organization is
            return self.activities(subject, upcoming, next_asked=True)
        ended = end_date_asked(question)
        if ended:  # 啥时候能装完, 哪天开业: a date to come, which no article gives
            return end_date_reply(self.catalog, record, ended)
        if intent in (Intent.CONTACT, Intent.ADDRESS):
            where = located(record) if intent == Intent.ADDRESS else ""
            return self.contact(subject, intent, where, record)
        if intent == Intent.FIGURE:
            return self.figures(record, words, question)
        if intent == Intent.ACTIVITIES:
            return self.activities(subject, upcoming)
        if intent == Intent.JOIN:
            return self.join(record)
        reply = self.introduce(record)
        if intent in (Intent.INTRODUCE, Intent.SERVICES) and _WHEN_OPEN.search(question):
            return Reply(reply.title, [self._hours_line(subject, question), *reply.lines])
        return reply

    def _hours_line(self, org: Organization | Project, question: str) -> str:
        """When it is open, or that the sources do not say."""
        if isinstance(org, Organization) and org.opening_hours:
            return f"开放时间：{org.opening_hours}"
        asked = "上课时间" if re.search("上课|开课", question) else "开放时间"
        return f"资料中没有{org.display_name}的{asked}。"

    def introduce(self, record: Organization | Project) -> Reply:
        if isinstance(record, Project):
            return record.card(self.catalog, self.tz)
        lines = [record.place_line, record.summary]
        shown = [*PLACE_FIELDS, "summary"]
        if record.services:
            lines.append("服务：" + "、".join(record.services[:MAX_LIST]))
            shown.append("services")
        elif record.business_scope:
            lines.append(record.scope_line)
            shown.append("business_scope")
        projects = self.catalog.projects_of(record.id)
        if projects:
            lines.append("项目：" + "、".join(p.name for p in projects[:MAX_LIST]))
        return Reply(record.name, [*lines, self.catalog.cite(record, shown)])

    def contact(
        self,
        subject: Organization | Project,
        intent: Intent,
        where: str = "",
        about: Record | None = None,
    ) -> Reply:
        """The organization's contacts or address as the records give them; `where`: where
        the project asked about (`about`) is carried out, in its description's words."""
        org = subject if isinstance(subject, Organization) else None
        have = org.contact_details if org else []
        if org and org.opening_hours:
            have.append(("开放时间", org.opening_hours))
        lines = [f"{label}：{value}" for label, value in have]
        shown = [*CONTACT_FIELDS, "opening_hours"]
        wanted = "地址" if intent == Intent.ADDRESS else "电话"
        if where and about is not None:  # 那块地在哪个村: the project's place comes first
            lines.insert(0, f"{about.display_name}：{where}。")
        if all(label != wanted for label, _ in have):
            lines.append(f"资料中没有{subject.name}的{wanted}，我们不提供未经核实的联系方式。")
            if org and org.location:
                lines.append(f"已知它在{org.location}。")
                shown.extend(LOCATION_FIELDS)
            lines.append(f"如需联系，{CIVIL_AFFAIRS_HINT}。")
        cited = [self.catalog.cite(subject, shown)]
        if where and about is not None and about is not subject:
            cited.append(self.catalog.cite(about, ["description"]))
        names = dict.fromkeys(c.removeprefix("来源：") for c in cited)
        return Reply(subject.name, [*lines, "来源：" + "；".join(names)])

    def registry(self, org: Organization, asked: Sequence[str]) -> Reply:
        """The registry facts asked for (field names), as the registry gives them, or that the
        records do not have them."""
        known = [name for name in asked if name != LEADER and getattr(org, name)]
        lines = [f"{REGISTRY_LABELS[name]}：{getattr(org, name)}" for name in known]
        missing = [_label(name) for name in asked if name not in known]
        if missing:
            lines.append(f"资料中没有{org.name}的{'、'.join(missing)}。")
            lines.append(f"如需了解，{CIVIL_AFFAIRS_HINT}。")
        return Reply(org.name, [*lines, self.catalog.cite(org, known)], not known)

    def figures(
        self, record: Organization | Project, words: Sequence[str], question: str = ""
    ) -> Reply:
        return figures_reply(self.catalog, record, words, question)

    def join(self, record: Organization | Project) -> Reply:
        lines = [record.about, f"资料中没有具体的报名或参与方式，{CIVIL_AFFAIRS_HINT}。"]
        return Reply(record.name, [*lines, self.catalog.cite(record, [_about_field(record)])])

    def activities(
        self,
        subject: Organization | Project,
        upcoming: Sequence[Activity],
        *,
        next_asked: bool = False,
    ) -> Reply:
        """Its activities of the coming days; or that none is registered, with what the
        articles say it has done (`next_asked`: the next one was asked for, which that does
        not tell — the reply is then `unheld`)."""
        mine = [a for a in upcoming if a.organization == subject.id]
        if not mine:  # what the articles say it has done is what 有啥活动 can still get
            lines = [f"目前没有登记{subject.name}近期的活动。资料中写到的情况："]
            if subject.about:
                lines.append(subject.about)
            projects = self.catalog.projects_of(subject.id)
            if projects:
                lines.append("资料中提到的项目：" + "、".join(p.name for p in projects[:MAX_LIST]))
            cited = self.catalog.cite(subject, [_about_field(subject)])
            return Reply(subject.name, [*lines, cited], next_asked)
        lines = []
        for activity in mine[:MAX_LIST]:
            lines.append(f"· {activity.title}")
            lines.extend("  " + line for line in activity.lines(self.tz))
        return Reply(f"{subject.name}近期活动", lines)

    def choices(self, records: Sequence[Record]) -> Reply:
        lines = [f"{i}. {self.label(record)}" for i, record in enumerate(records, 1)]
        lines.append("请回复更完整的名称，或点选下面的按钮。")
        return Reply("您是想找哪一个？", lines)

    def label(self, record: Record) -> str:
        """Its name, and a project's organization (two projects may share a name)."""
        if isinstance(record, Project):
            owner = self.catalog.organization_of(record)
            return f"{record.name}（{owner.name}）" if owner else record.name
        return record.display_name


def _about_field(record: Organization | Project) -> str:
    """The field `record.about` reads: an organization's summary, a project's description."""
    return "summary" if isinstance(record, Organization) else "description"


# Where a project is carried out, as its description says it ("项目位于县功镇翟家村、虢镇
# 街道西堡村", "在市信访大厅设立“安心小屋”"): one clause, never a guessed address.
_LOCATED = re.compile(
    r"[^，,。；;]*?(位于|设在|坐落在|在[^，,。；;]{2,30}?(设立|开展|举办|组织))[^，,。；;]*"
)


def located(record: Record) -> str:
    """The clause of a project's description that says where it is carried out, or ""."""
    if not isinstance(record, Project):
        return ""
    found = _LOCATED.search(record.description)
    return found.group().strip() if found else ""


def _label(field: str) -> str:
    return "负责人（会长、理事长等）姓名" if field == LEADER else REGISTRY_LABELS[field]


def leader_asked(question: str, org: Organization | Project) -> bool:
    """Whether a question about `org` asks who leads it (not a role in its own name)."""
    found = LEADER_ASKED.search(question)
    return found is not None and not any(role and role in org.name for role in found.groups())


def registry_fields_asked(words: Sequence[str], org: Organization) -> list[str]:
    """The registry fields (names) a question about `org` asks for, in REGISTRY_ASKED's order."""
    text = "".join(words)
    asked = [name for keys, name in REGISTRY_ASKED if any(key in text for key in keys)]
    asked += [
        name
        for keys, name in REGISTRY_IF_KNOWN
        if getattr(org, name) and any(key in text for key in keys)
    ]
    return list(dict.fromkeys(asked))
