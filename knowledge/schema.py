"""What each curated table holds: its fields, their types and the headers staff write."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FieldType(Enum):
    TEXT = "text"
    LIST = "list"  # list of short strings
    FIGURES = "figures"
    SOURCE = "source"
    DATETIME = "datetime"
    TIMEZONE = "timezone"
    PHONE = "phone"
    EMAIL = "email"
    URL = "url"
    DATE = "date"  # YYYY-MM-DD


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: FieldType = FieldType.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    label: str = ""  # the Chinese column header staff see


@dataclass(frozen=True)
class TableSpec:
    name: str
    key: str  # primary-key field
    fields: tuple[FieldSpec, ...]

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def json_fields(self) -> tuple[str, ...]:
        return tuple(
            f.name
            for f in self.fields
            if f.kind in (FieldType.LIST, FieldType.FIGURES, FieldType.SOURCE)
        )


LEGAL_FORMS = ("社会团体", "民办非企业单位", "基金会", "社区社会组织", "服务平台")
ACTIVITY_STATUSES = ("scheduled", "cancelled")

_ID = FieldSpec("id", required=True, label="编号")
_SOURCE = FieldSpec("source", FieldType.SOURCE, required=True, label="来源")
_TOPICS = FieldSpec("topics", FieldType.LIST, label="主题")
_FIGURES = FieldSpec("figures", FieldType.FIGURES, label="数据")

TABLES: dict[str, TableSpec] = {
    "sources": TableSpec(
        "sources",
        "id",
        (
            FieldSpec("id", required=True, label="编号"),
            FieldSpec("title", required=True, label="标题"),
            FieldSpec("publisher", label="发布者"),
            FieldSpec("published", label="发布日期"),
            FieldSpec("short", label="简称"),
            FieldSpec("url", FieldType.URL, label="网址"),
        ),
    ),
    "topics": TableSpec(
        "topics",
        "name",
        (
            FieldSpec("name", required=True, label="主题"),
            FieldSpec("synonyms", FieldType.LIST, label="同义词"),
        ),
    ),
    "synonyms": TableSpec(
        "synonyms",
        "id",
        (FieldSpec("id", required=True), FieldSpec("words", FieldType.LIST, required=True)),
    ),
    "organizations": TableSpec(
        "organizations",
        "id",
        (
            _ID,
            FieldSpec("name", required=True, label="名称"),
            FieldSpec("aliases", FieldType.LIST, label="简称"),
            FieldSpec("legal_form", choices=LEGAL_FORMS, label="类型"),
            FieldSpec("city", label="城市"),
            FieldSpec("district", label="区县"),
            FieldSpec("street", label="街道"),
            FieldSpec("address", label="地址"),
            FieldSpec("phone", FieldType.PHONE, label="电话"),
            FieldSpec("email", FieldType.EMAIL, label="邮箱"),
            FieldSpec("website", FieldType.URL, label="网站"),
            FieldSpec("opening_hours", label="开放时间"),
            FieldSpec("summary", label="简介"),
            FieldSpec("services", FieldType.LIST, label="服务"),
            _TOPICS,
            _FIGURES,
            _SOURCE,
            FieldSpec("updated_at", FieldType.DATE, label="更新日期"),
        ),
    ),
    "projects": TableSpec(
        "projects",
        "id",
        (
            _ID,
            FieldSpec("organization", required=True, label="组织"),
            FieldSpec("name", required=True, label="项目名称"),
            FieldSpec("aliases", FieldType.LIST, label="简称"),
            FieldSpec("description", label="简介"),
            _FIGURES,
            FieldSpec("period", label="时间"),
            _TOPICS,
            _SOURCE,
        ),
    ),
    "facts": TableSpec(
        "facts",
        "id",
        (
            _ID,
            FieldSpec("name", required=True, label="标题"),
            FieldSpec("questions", FieldType.LIST, label="问法"),
            FieldSpec("answer", required=True, label="答案"),
            FieldSpec("organization", label="组织"),
            FieldSpec("city", label="城市"),
            FieldSpec("district", label="区县"),
            _TOPICS,
            _SOURCE,
        ),
    ),
    "activities": TableSpec(
        "activities",
        "id",
        (
            _ID,
            FieldSpec("title", required=True, label="活动名称"),
            FieldSpec("organization", label="组织"),
            _TOPICS,
            FieldSpec("city", label="城市"),
            FieldSpec("district", label="区县"),
            FieldSpec("start", FieldType.DATETIME, required=True, label="开始时间"),
            FieldSpec("end", FieldType.DATETIME, label="结束时间"),
            FieldSpec("timezone", FieldType.TIMEZONE, label="时区"),
            FieldSpec("place", label="地点"),
            FieldSpec("description", label="简介"),
            FieldSpec("registration", label="报名方式"),
            FieldSpec("status", choices=ACTIVITY_STATUSES, label="状态"),
            _SOURCE,
        ),
    ),
}

# Tables whose ids residents' buttons and staff files carry: ASCII slugs only.
SLUG_TABLES = ("organizations", "projects", "facts", "activities")

# Load order: a table may only refer to tables before it.
TABLE_ORDER = ("sources", "topics", "synonyms", "organizations", "projects", "facts", "activities")

# 40 characters keeps every button's callback_data ("a:o:" + id) within Telegram's 64 bytes.
MAX_ID_LENGTH = 40
