"""Compose short, sourced replies from knowledge records; never a fact the records lack."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from knowledge.answering.index import Doc
from knowledge.schema import REGISTRY_FIELDS

CIVIL_AFFAIRS_HINT = "可以向所在区县民政局（社会组织管理部门）咨询"
HANDOFF_HINT = "如需人工帮助，可以联系当地区县民政局社会组织管理部门。"
MAX_LIST = 5
CONTACT_FIELDS = (("phone", "电话"), ("address", "地址"), ("email", "邮箱"), ("website", "网站"))
OPENING_HOURS = ("opening_hours", "开放时间")
MAX_SCOPE = 100  # characters of 业务范围 in an introduction
# Registry facts a reply gives only when the question names them (the words as segmented);
# 法定代表人 above all is never in a default answer or card.
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
# Asked with words this general, only an organization that has the fact answers with it.
REGISTRY_IF_KNOWN = ((("成立",), "registered_on"), (("慈善组织",), "is_charity"))
REGISTRY_LABELS = {f.name: f.label for f in REGISTRY_FIELDS}


@dataclass
class Reply:
    """A reply as a title (shown bold in Telegram) and plain lines."""

    title: str = ""
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(x for x in [self.title, *self.lines] if x)

    @property
    def html(self) -> str:
        head = f"<b>{html.escape(self.title, quote=False)}</b>" if self.title else ""
        body = [html.escape(line, quote=False) for line in self.lines if line]
        return "\n".join(x for x in [head, *body] if x)


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

NOT_FOUND = Reply(
    "抱歉，知识库里暂时没有找到和您的问题相关的信息。",
    [
        "可以换个说法试试，例如写出组织名称、需要的服务（如“心理咨询”“养老”）或所在区县。",
        HANDOFF_HINT,
    ],
)


class Composer:
    """Builds replies for one knowledge snapshot."""

    def __init__(
        self, records: dict[str, dict[str, dict[str, Any]]], tz: tzinfo | None = None
    ) -> None:
        self.records = records
        self.tz = tz
        self.orgs = records.get("organizations", {})
        self.projects_of: dict[str, list[dict[str, Any]]] = {}
        for project in records.get("projects", {}).values():
            self.projects_of.setdefault(project["organization"], []).append(project)

    def record(self, doc: Doc) -> dict[str, Any]:
        table = {
            "organization": "organizations",
            "project": "projects",
            "fact": "facts",
            "activity": "activities",
        }[doc.kind]
        return self.records[table][doc.id]

    def cite(self, record: dict[str, Any], fields: list[str] | None = None) -> str:
        """The sources of a record, or of the fields a reply shows: a field a later file added
        (a phone from the registry) is cited as that file's source."""
        own = record.get("field_sources") or {}
        sources = [record.get("source") or {}]
        if fields:
            sources = [own.get(f) or sources[0] for f in fields]
        elif own:
            sources += list(own.values())
        named = dict.fromkeys(self._source_name(s) for s in sources)
        return "来源：" + "；".join(named)

    def _source_name(self, source: dict[str, Any]) -> str:
        document = source.get("document", "")
        known = self.records.get("sources", {}).get(document)
        return known.get("short") or known.get("title") if known else document

    # --- answers ------------------------------------------------------------------------

    def answer(
        self, doc: Doc, intent: str, words: list[str], upcoming: list[dict[str, Any]]
    ) -> Reply:
        record = self.record(doc)
        if doc.kind == "fact":
            return Reply(record["name"], [record["answer"], self.cite(record)])
        if doc.kind == "activity":
            return Reply(record["title"], [*self.activity_lines(record), self.cite(record)])
        org = (
            record
            if doc.kind == "organization"
            else self.orgs.get(record.get("organization", ""), {})
        )
        asked = registry_fields_asked(words, record) if doc.kind == "organization" else []
        if asked:
            return self.registry(record, asked)
        if intent in ("contact", "address"):
            return self.contact(org or record, intent)
        if intent == "figure":
            return self.figures(record, words)
        if intent == "activities":
            return self.activities(org or record, upcoming)
        if intent == "join":
            return self.join(record, org)
        return self.introduce(record, doc)

    def introduce(self, record: dict[str, Any], doc: Doc) -> Reply:
        if doc.kind == "project":
            org = self.orgs.get(record["organization"], {})
            lines = [f"{org.get('name', '')}的项目。" if org else ""]
            lines.append(record.get("description", ""))
            if record.get("period"):
                lines.append(f"时间：{record['period']}")
            return Reply(record["name"], [*lines, self.cite(record)])
        lines = [self.place_line(record), record.get("summary", "")]
        if record.get("services"):
            lines.append("服务：" + "、".join(record["services"][:MAX_LIST]))
        elif record.get("business_scope"):
            scope = record["business_scope"]
            lines.append(
                "业务范围：" + (scope if len(scope) <= MAX_SCOPE else scope[:MAX_SCOPE] + "…")
            )
        projects = self.projects_of.get(record["id"], [])
        if projects:
            lines.append("项目：" + "、".join(p["name"] for p in projects[:MAX_LIST]))
        return Reply(record["name"], [*lines, self.cite(record)])

    def place_line(self, org: dict[str, Any]) -> str:
        parts = [org.get("city", ""), org.get("district", ""), org.get("street", "")]
        where = "".join(p for p in parts if p)
        form = org.get("legal_form", "")
        bits = [b for b in (where, form) if b]
        return "｜".join(bits)

    def contact(self, org: dict[str, Any], intent: str) -> Reply:
        known = [(label, org.get(key, "")) for key, label in (*CONTACT_FIELDS, OPENING_HOURS)]
        have = [f"{label}：{value}" for label, value in known if value]
        lines: list[str] = []
        wanted = "地址" if intent == "address" else "电话"
        if have:
            lines.extend(have)
        if not any(label == wanted for label, value in known if value):
            lines.append(
                f"资料中没有{org.get('name', '该组织')}的{wanted}，我们不提供未经核实的联系方式。"
            )
            where = "".join(org.get(k, "") for k in ("city", "district", "street"))
            if where:
                lines.append(f"已知它在{where}。")
            lines.append(f"如需联系，{CIVIL_AFFAIRS_HINT}。")
        shown = [key for key, _ in (*CONTACT_FIELDS, OPENING_HOURS) if org.get(key)]
        return Reply(org.get("name", ""), [*lines, self.cite(org, shown)])

    def registry(self, org: dict[str, Any], fields: list[str]) -> Reply:
        """Registry facts the resident asked for, each as the registry gives it, or that the
        records do not have it."""
        lines = [f"{REGISTRY_LABELS[f]}：{org[f]}" for f in fields if org.get(f)]
        missing = [REGISTRY_LABELS[f] for f in fields if not org.get(f)]
        if missing:
            lines.append(f"资料中没有{org.get('name', '该组织')}的{'、'.join(missing)}。")
            lines.append(f"如需了解，{CIVIL_AFFAIRS_HINT}。")
        shown = [f for f in fields if org.get(f)]
        return Reply(org.get("name", ""), [*lines, self.cite(org, shown)])

    def figures(self, record: dict[str, Any], words: list[str]) -> Reply:
        figures = list(record.get("figures", []))
        for project in (
            self.projects_of.get(record.get("id", ""), []) if "aliases" in record else []
        ):
            figures.extend(
                {**f, "label": f"{project['name']}：{f['label']}"}
                for f in project.get("figures", [])
            )
        if not figures:
            return Reply(record["name"], ["资料中没有这方面的数字。", self.cite(record)])

        own = "".join([record.get("name", ""), *record.get("aliases", [])])

        def relevance(fig: dict[str, Any]) -> int:
            # What the figure counts, not the sentence it sits in (which names the organization).
            text = fig["label"] + fig["text"]
            return sum(len(w) for w in words if w in text and w not in own)

        unique = list({(f["text"], f.get("quote", "")): f for f in reversed(figures)}.values())[
            ::-1
        ]
        best = sorted(unique, key=relevance, reverse=True)  # the same number twice is one figure
        chosen = [f for f in best if relevance(f) > 0][:3]
        lead: list[str] = []
        if not chosen:  # never pass off another number as the one asked for
            lead = ["资料中没有您问的这个数字。资料里有的数字是："]
            chosen = best[:3]
        lines = [
            f"{f['label']}：{f['text']}" + (f"（截至{f['as_of']}）" if f.get("as_of") else "")
            for f in chosen
        ]
        return Reply(record["name"], [*lead, *lines, self.cite(record)])

    def join(self, record: dict[str, Any], org: dict[str, Any]) -> Reply:
        lines = [record.get("description") or record.get("summary", "")]
        lines.append(f"资料中没有具体的报名或参与方式，{CIVIL_AFFAIRS_HINT}。")
        return Reply(record["name"], [*lines, self.cite(record)])

    def activities(self, org: dict[str, Any], upcoming: list[dict[str, Any]]) -> Reply:
        mine = [a for a in upcoming if a.get("organization") == org.get("id")]
        if not mine:
            lines = [f"目前没有登记{org.get('name', '')}近期的活动。"]
            projects = self.projects_of.get(org.get("id", ""), [])
            if projects:
                lines.append(
                    "资料中提到的项目：" + "、".join(p["name"] for p in projects[:MAX_LIST])
                )
            return Reply(org.get("name", ""), [*lines, self.cite(org)])
        lines = []
        for activity in mine[:MAX_LIST]:
            lines.append(f"· {activity['title']}")
            lines.extend("  " + line for line in self.activity_lines(activity))
        return Reply(f"{org.get('name', '')}近期活动", lines)

    def activity_lines(self, activity: dict[str, Any]) -> list[str]:
        start = datetime.fromisoformat(activity["start"])
        if self.tz is not None:  # stored as entered (+08:00, Z …); shown in local time
            start = start.astimezone(self.tz)
        lines = [f"时间：{start:%Y年%m月%d日 %H:%M}"]
        if activity.get("place"):
            lines.append(f"地点：{activity['place']}")
        if activity.get("registration"):
            lines.append(f"报名：{activity['registration']}")
        if activity.get("status") == "cancelled":
            lines.append("（已取消）")
        return lines

    def choices(self, docs: list[Doc]) -> Reply:
        lines = [f"{i}. {self.label(doc)}" for i, doc in enumerate(docs, 1)]
        lines.append("请回复更完整的名称，或点选下面的按钮。")
        return Reply("您是想找哪一个？", lines)

    def label(self, doc: Doc) -> str:
        if doc.kind == "project":
            owner = self.orgs.get(doc.organization, {}).get("name", "")
            return f"{doc.name}（{owner}）" if owner else doc.name
        return doc.name


def registry_fields_asked(words: list[str], org: dict[str, Any]) -> list[str]:
    """The registry fields a question names (its words joined: 法定+代表+代表人)."""
    text = "".join(words)
    asked = [f for keys, f in REGISTRY_ASKED if any(k in text for k in keys)]
    asked += [f for keys, f in REGISTRY_IF_KNOWN if org.get(f) and any(k in text for k in keys)]
    return list(dict.fromkeys(asked))
