"""Spreadsheet columns: which field each header staff write means, and which table a sheet is."""

from __future__ import annotations

import re

from knowledge.schema import FIGURE_COLUMNS, TABLES

FIGURES_TABLE = "figures"  # spreadsheets only: the rows of figures of other tables' records

# Column headers (Chinese as staff write them, or English field names) → field. Each
# schema field's own label (TABLES[…].field(…).label) is recognised too.
HEADER_ALIASES: dict[str, str] = {
    "编号": "id",
    "id": "id",
    "ID": "id",
    "名称": "name",
    "组织名称": "name",
    "机构名称": "name",
    "社会组织名称": "name",
    "单位名称": "name",
    "项目名称": "name",
    "简称": "aliases",
    "别名": "aliases",
    "又称": "aliases",
    "类型": "legal_form",
    "组织类型": "legal_form",
    "登记类型": "legal_form",
    "社会组织类型": "legal_form",
    "城市": "city",
    "市": "city",
    "所在城市": "city",
    "区县": "district",
    "区": "district",
    "县区": "district",
    "所在区县": "district",
    "街道": "street",
    "街道乡镇": "street",
    "镇街": "street",
    "地址": "address",
    "住所": "address",  # the registry's word for the address
    "办公地址": "address",
    "电话": "phone",
    "联系电话": "phone",
    "联系方式": "phone",
    "邮箱": "email",
    "电子邮箱": "email",
    "网站": "website",
    "网址": "website",
    "开放时间": "opening_hours",
    "服务时间": "opening_hours",
    "简介": "summary",
    "服务": "services",
    "服务内容": "services",
    "主题": "topics",
    "领域": "topics",
    "数据": "figures",
    "来源": "source",
    "更新日期": "updated_at",
    # The registry's columns
    "统一社会信用代码": "credit_code",
    "社会信用代码": "credit_code",
    "信用代码": "credit_code",
    "登记管理机关": "registration_authority",
    "登记机关": "registration_authority",
    "业务主管单位": "supervisor",
    "主管单位": "supervisor",
    "法定代表人": "legal_representative",
    "法人代表": "legal_representative",
    "成立日期": "registered_on",
    "成立时间": "registered_on",
    "登记时间": "registered_on",
    "登记日期": "registered_on",
    "业务范围": "business_scope",
    "宗旨和业务范围": "business_scope",
    "注册资金": "registered_capital",
    "开办资金": "registered_capital",
    "原始基金": "registered_capital",
    "活动区域": "activity_area",
    "活动地域": "activity_area",
    "是否慈善组织": "is_charity",
    "慈善组织": "is_charity",
    "是否认定为慈善组织": "is_charity",
    "评估等级": "rating",
    "年检/年报结论": "annual_check",
    "年检结论": "annual_check",
    "年报结论": "annual_check",
    "年检年报结论": "annual_check",
    "年度检查结论": "annual_check",
    "证书有效期": "certificate_valid_until",
    "证书有效期至": "certificate_valid_until",
    "有效期至": "certificate_valid_until",
    "推断主题": "inferred_topics",
    "字段来源": "field_sources",
    # Activities, facts, projects
    "活动名称": "title",
    "标题": "title",
    "组织": "organization",
    "所属组织": "organization",
    "日期": "date",
    "活动日期": "date",
    "开始时间": "start",
    "结束时间": "end",
    "时区": "timezone",
    "地点": "place",
    "活动地点": "place",
    "报名方式": "registration",
    "报名": "registration",
    "状态": "status",
    "问法": "questions",
    "答案": "answer",
    "时间": "period",
    "发布者": "publisher",
    "发布日期": "published",
    "同义词": "synonyms",
    "词语": "words",
}
# Per-table renames where one Chinese header means different fields.
TABLE_HEADER_OVERRIDES = {
    "activities": {"简介": "description"},
    "projects": {"简介": "description"},
    "facts": {"标题": "name"},
    "sources": {"标题": "title", "简称": "short"},
    "topics": {"主题": "name"},
    FIGURES_TABLE: {chinese: name for name, chinese in FIGURE_COLUMNS},
}
# A sheet (or CSV file) named after a table. Exact names first; then these words inside it.
SHEET_TABLES = {
    "来源": "sources",
    "主题": "topics",
    "同义词": "synonyms",
    "说法": "words",
    "行政区划": "divisions",
    "组织": "organizations",
    "机构": "organizations",
    "社会组织": "organizations",
    "项目": "projects",
    "问答": "facts",
    "事实": "facts",
    "活动": "activities",
    "数据": FIGURES_TABLE,
    FIGURES_TABLE: FIGURES_TABLE,
}
TABLE_SHEET_NAMES = {
    "sources": "来源",
    "topics": "主题",
    "synonyms": "同义词",
    "words": "说法",
    "divisions": "行政区划",
    "organizations": "组织",
    "projects": "项目",
    "facts": "问答",
    "activities": "活动",
    FIGURES_TABLE: "数据",
}
_UNIT_RE = re.compile(r"^(?P<header>.+?)\s*[（(]\s*(?P<unit>万元|元|万)\s*[）)]$")


def header_field(table: str, header: str) -> tuple[str | None, str]:
    """The field a header means in `table` (None when unknown) and the unit it names."""
    unit = ""
    found = _UNIT_RE.match(header)
    if found:
        header, unit = (
            found["header"],
            found["unit"].replace("万", "万元").replace("万元元", "万元"),
        )
    overrides = TABLE_HEADER_OVERRIDES.get(table, {})
    if table == FIGURES_TABLE:
        name = overrides.get(header) or (header if header in dict(FIGURE_COLUMNS) else None)
        return name, unit
    spec = TABLES[table]
    # The table's own headers first (网址 is a source's url, an organization's website).
    name = overrides.get(header) or next(
        (f.name for f in spec.fields if header in (f.label, f.name)), None
    )
    name = name or HEADER_ALIASES.get(header)
    if name == "date" and table == "activities":
        return name, unit
    return (name if name and spec.field(name) else None), unit


def field_for_label(text: str) -> str | None:
    """The field named by a Chinese label or an English name (in a 字段来源 cell)."""
    for spec in TABLES.values():
        for fs in spec.fields:
            if text in (fs.label, fs.name):
                return fs.name
    return HEADER_ALIASES.get(text)


def table_for_sheet(headers: list[str], hint: str = "") -> str:
    """Which table a sheet (or a CSV file named `hint`) holds: its name, else its columns."""
    hint = hint.strip()
    if hint in SHEET_TABLES:
        return SHEET_TABLES[hint]
    lowered = hint.lower()
    for table in (*TABLES, FIGURES_TABLE):
        if lowered == table:
            return table
    for key, table in SHEET_TABLES.items():
        if key in hint:
            return table
    for table in TABLES:
        if table in lowered:
            return table
    fields = {HEADER_ALIASES.get(h, h) for h in headers}
    if "所属编号" in headers:
        return FIGURES_TABLE
    if "start" in fields:
        return "activities"
    if "answer" in fields:
        return "facts"
    if "organization" in fields and "项目名称" in headers:
        return "projects"
    return "organizations"
