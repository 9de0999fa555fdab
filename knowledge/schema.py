"""What each curated table holds: its fields, their types and the headers staff write."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum


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
    BOOL = "bool"  # stored as 是 / 否
    CREDIT_CODE = "credit_code"  # 统一社会信用代码, GB 32100-2015
    RATING = "rating"  # 评估等级: 1A … 5A, 未评估
    MONEY = "money"  # 注册资金 as written, with the header's unit (万元) when a bare number
    FIELD_SOURCES = "field_sources"  # field → source, for fields a later file added


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
        return tuple(f.name for f in self.fields if f.kind in JSON_KINDS)


JSON_KINDS = (FieldType.LIST, FieldType.FIGURES, FieldType.SOURCE, FieldType.FIELD_SOURCES)


LEGAL_FORMS = ("社会团体", "民办非企业单位", "基金会", "社区社会组织", "服务平台")


class WordKind(StrEnum):
    """Where a resident's word comes from (the `words` table)."""

    DIALECT = "dialect"  # Shaanxi dialect: 碎娃, 谝闲传
    COLLOQUIAL = "colloquial"  # plain spoken Chinese: 搭把手, 老两口
    VOICE = "voice"  # a voice-input slip: the word a phone's dictation writes instead
    SITUATION = "situation"  # a need told as what happened
    ENGLISH = "english"  # an English word or phrase


class DivisionLevel(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"
    STREET = "street"


class ActivityStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


ACTIVITY_STATUSES = tuple(ActivityStatus)
# What staff write in a 状态 column, and what a spreadsheet export writes back.
STATUS_WORDS = {ActivityStatus.SCHEDULED: "已安排", ActivityStatus.CANCELLED: "已取消"}

_ID = FieldSpec("id", required=True, label="编号")
_SOURCE = FieldSpec("source", FieldType.SOURCE, required=True, label="来源")
_TOPICS = FieldSpec("topics", FieldType.LIST, label="主题")
_FIGURES = FieldSpec("figures", FieldType.FIGURES, label="数据")
# Which source each field came from when a later file, citing another source, added it (a
# phone from the registry on an organization curated from an article); the record's own
# `source` covers every other field.
_FIELD_SOURCES = FieldSpec("field_sources", FieldType.FIELD_SOURCES, label="字段来源")

# The registry's columns (民政部《社会组织信用信息管理办法》's basic information, as registry
# exports carry them). 住所 is the `address`; 法定代表人 is shown only when a resident asks.
REGISTRY_FIELDS = (
    FieldSpec("credit_code", FieldType.CREDIT_CODE, label="统一社会信用代码"),
    FieldSpec("registration_authority", label="登记管理机关"),
    FieldSpec("supervisor", label="业务主管单位"),
    FieldSpec("legal_representative", label="法定代表人"),
    FieldSpec("registered_on", FieldType.DATE, label="成立日期"),
    FieldSpec("business_scope", label="业务范围"),
    FieldSpec("registered_capital", FieldType.MONEY, label="注册资金"),
    FieldSpec("activity_area", label="活动区域"),
    FieldSpec("is_charity", FieldType.BOOL, label="是否慈善组织"),
    FieldSpec("rating", FieldType.RATING, label="评估等级"),
    FieldSpec("annual_check", label="年检/年报结论"),
    FieldSpec("certificate_valid_until", FieldType.DATE, label="证书有效期"),
)

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
        (
            FieldSpec("id", required=True, label="编号"),
            FieldSpec("words", FieldType.LIST, required=True, label="词语"),
        ),
    ),
    # Residents' words → the knowledge base's words, applied to a question before it is cut
    # into words (knowledge/answering/words.py).
    "words": TableSpec(
        "words",
        "word",
        (
            FieldSpec("word", required=True, label="说法"),
            FieldSpec("standard", required=True, label="标准词"),
            FieldSpec("kind", required=True, choices=tuple(WordKind), label="类别"),
            # Words holding `word` that keep their meaning (额 → 我, but not in 金额).
            FieldSpec("not_in", FieldType.LIST, label="例外"),
        ),
    ),
    # Which place holds which: a question naming a place the records do not (虢镇街道) is
    # read as the place that holds it (陈仓区).
    "divisions": TableSpec(
        "divisions",
        "name",
        (
            FieldSpec("name", required=True, label="名称"),
            FieldSpec("level", required=True, choices=tuple(DivisionLevel), label="级别"),
            FieldSpec("parent", label="上级"),
            FieldSpec("aliases", FieldType.LIST, label="简称"),
        ),
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
            *REGISTRY_FIELDS,
            # Topics the import inferred from 业务范围 and 名称 (also in `topics`), for review.
            FieldSpec("inferred_topics", FieldType.LIST, label="推断主题"),
            _FIELD_SOURCES,
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
            _FIELD_SOURCES,
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
            _FIELD_SOURCES,
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
            _FIELD_SOURCES,
        ),
    ),
}

# Spreadsheets hold no JSON: an organization's or project's figures are rows of their own, in
# a 数据 sheet (or figures.csv) naming the record they belong to.
FIGURE_COLUMNS = (
    ("table", "所属表"),
    ("record", "所属编号"),
    ("label", "名称"),
    ("text", "数据"),
    ("value", "数值"),
    ("unit", "单位"),
    ("as_of", "截至"),
    ("quote", "原文"),
)
FIGURE_TABLES = ("organizations", "projects")

# Tables whose ids residents' buttons and staff files carry: ASCII slugs only.
SLUG_TABLES = ("organizations", "projects", "facts", "activities")

# Load order: a table may only refer to tables before it.
TABLE_ORDER = (
    "sources",
    "topics",
    "synonyms",
    "words",
    "divisions",
    "organizations",
    "projects",
    "facts",
    "activities",
)

# 40 characters keeps every button's callback_data ("a:o:" + id) within Telegram's 64 bytes.
MAX_ID_LENGTH = 40
