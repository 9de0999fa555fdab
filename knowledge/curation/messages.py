"""What an import says to staff: every problem and warning, in Chinese or English.

A problem is located (file, line, the column as the staff member wrote it) and carries a
code and its values; the wording is chosen only when it is shown, so `--lang en` and the
Chinese default say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"  # reported, and the import goes on (unless --strict)


class Msg(Enum):
    """Each kind of problem: (Chinese, English) templates over the problem's values."""

    REQUIRED = ("不能为空", "missing (required)")
    UNKNOWN_FIELD = (
        "未知字段（可用的有：{expected}）",
        "unknown field (expected one of: {expected})",
    )
    UNKNOWN_COLUMN = ("未识别的列「{column}」，已忽略", "unrecognised column {column!r}, ignored")
    DUPLICATE_COLUMN = (
        "和「{other}」是同一项，只能保留一列",
        "means the same as column {other!r}; keep one of them",
    )
    WRONG_TYPE = (
        "应为{expected}，这里是{got}（YAML 里请加引号写成文字）",
        "must be {expected}, not {got} (quote it in YAML to make it text)",
    )
    BAD_SLUG = (
        "编号「{value}」只能用小写英文字母、数字和 -，最多 {max} 个字符",
        "{value!r} is not an ASCII slug of at most {max} characters (a-z, 0-9 and '-')",
    )
    DUPLICATE_ID = (
        "编号「{value}」重复（第一次出现在 {first}）",
        "duplicate {field} {value!r} (first at {first})",
    )
    DUPLICATE_ROW = (
        "和 {first} 是同一个组织（{reason}），请合并成一行",
        "the same organization as {first} ({reason}); merge the two rows",
    )
    ID_REUSED = (
        "编号「{value}」曾属于已删除的「{name}」，编号不能给另一条记录再用；请换一个编号",
        "the id {value!r} belonged to the removed {name!r}; an id is never reused: choose another",
    )
    ID_TAKEN = (
        "编号「{value}」已属于「{name}」；请给这一行自己的编号",
        "the id {value!r} belongs to {name!r}; give this row its own id",
    )
    AMBIGUOUS_MATCH = (
        "「{value}」同时是 {ids} 的名称或简称，请写明编号",
        "{value!r} names {ids} alike; give the row its id",
    )
    CODE_ELSEWHERE = (
        "统一社会信用代码 {value} 已属于「{name}」（{id}）",
        "credit code {value} already belongs to {name!r} ({id})",
    )
    UNKNOWN_TOPIC = ("没有这个主题「{value}」", "unknown topic {value!r}")
    NO_DIVISION = (
        "行政区划里没有上级「{value}」",
        "no division {value!r} in the knowledge base or these files",
    )
    DIVISION_LOOP = (
        "「{value}」的上级最终又是它自己",
        "{value!r} is its own parent, directly or through others",
    )
    DIVISION_LEVEL = (
        "上级「{value}」的级别不比它高（省 > 市 > 区县 > 街道）",
        "the parent {value!r} is not of a higher level (province > city > district > street)",
    )
    SAME_WORD = ("标准词和说法相同：「{value}」", "the standard word is the word itself: {value!r}")
    ENGLISH_WORD = (
        "英文说法只能有英文字母和空格：「{value}」",
        "an English word holds only letters and spaces: {value!r}",
    )
    ENGLISH_STANDARD = (
        "英文说法的标准词要是知识库里的中文词：「{value}」",
        "an English word's standard is the knowledge base's Chinese word: {value!r}",
    )
    CHINESE_WORD = (
        "这一类的说法要有汉字、不能有英文字母：「{value}」（英文请用 english 类别）",
        "a word of this kind is Chinese, without Latin letters: {value!r} (English is kind english)",
    )
    NOT_IN_WITHOUT_WORD = (
        "例外「{value}」里没有这个说法，例外应是含有它的词",
        "the exception {value!r} does not hold the word: an exception is a word holding it",
    )
    GAP_AT_EDGE = (
        "「…」只能放在说法中间，两边都要有字：「{value}」",
        "a gap (…) stands between two parts of a word: {value!r}",
    )
    STANDARD_IS_A_WORD = (
        "标准词「{value}」本身又是一个说法，请直接写它最终的标准词",
        "the standard word {value!r} is itself a word of the table: give its own standard word",
    )
    NO_ORGANIZATION = (
        "知识库和这些文件里都没有组织「{value}」",
        "no organization {value!r} in the knowledge base or these files",
    )
    NO_FIGURE_OWNER = (
        "{table}里没有编号为「{value}」的记录",
        "no {table} record {value!r} in the knowledge base or these files",
    )
    BAD_FIGURE_TABLE = (
        "只能是 组织 或 项目，这里是「{value}」",
        "must be organizations or projects, not {value!r}",
    )
    REPLACE_ORPHANS = (
        "引用的组织「{value}」会被 --replace 删除",
        "refers to organization {value!r}, which --replace would remove",
    )
    REPLACE_TOPIC = (
        "用到的主题「{value}」会被 --replace 删除",
        "uses topic {value!r}, which --replace would remove",
    )
    BAD_DATETIME = (
        "看不懂「{value}」，请写成 2026-12-05 09:30",
        "bad date/time {value}: use e.g. 2026-12-05T09:30:00+08:00",
    )
    NO_TIME = (
        "「{value}」只有日期，请写上开始时间，如 2026-12-05 09:30",
        "{value!r} has no time of day: use e.g. 2026-12-05 09:30",
    )
    BAD_DATE = ("看不懂「{value}」，请写成 2026-12-05", "bad date {value!r} (use YYYY-MM-DD)")
    ENDS_BEFORE_START = ("结束时间早于开始时间", "ends before it starts")
    UNKNOWN_TZ = (
        "没有这个时区「{value}」（如 Asia/Shanghai）",
        "unknown time zone {value!r} (use e.g. Asia/Shanghai)",
    )
    BAD_PHONE = ("电话号码「{value}」格式不对", "malformed phone number {value!r}")
    BAD_EMAIL = ("邮箱「{value}」格式不对", "malformed email address {value!r}")
    BAD_URL = (
        "网址「{value}」格式不对（要以 http:// 或 https:// 开头）",
        "malformed web address {value!r} (must start with http:// or https://)",
    )
    BAD_CHOICE = ("「{value}」不在可选范围内：{choices}", "{value!r} is not one of: {choices}")
    BAD_BOOL = ("看不懂「{value}」，请写 是 或 否", "{value!r}: write yes or no (是 / 否)")
    BAD_RATING = (
        "看不懂「{value}」，请写成 5A、4A、3A、2A、1A 或 未评估",
        "{value!r}: write 5A, 4A, 3A, 2A, 1A or 未评估",
    )
    CREDIT_CODE_LENGTH = (
        "统一社会信用代码应为 18 位，「{value}」是 {length} 位",
        "a credit code has 18 characters; {value!r} has {length}",
    )
    CREDIT_CODE_CHARS = (
        "统一社会信用代码「{value}」含有不能用的字符「{char}」（不用 I、O、Z、S、V）",
        "credit code {value!r} holds {char!r}, which GB 32100 does not use (no I, O, Z, S, V)",
    )
    CREDIT_CODE_CHECK = (
        "统一社会信用代码「{value}」的校验位不对（按前 17 位算应为 {expected}），请核对是否抄错",
        "credit code {value!r} fails its check digit (the first 17 give {expected}): check for a typo",
    )
    NO_SOURCE_DOCUMENT = (
        "来源要写明出处（哪篇文章，或谁核实的）",
        "source needs a document (which article or who verified it)",
    )
    BAD_FIGURES = (
        "数据应为 {{名称, 数据, 截至, 原文}} 的列表",
        "figures must be a list of {{label, text, as_of, quote}}",
    )
    FIGURE_INCOMPLETE = ("第 {n} 条数据要有名称和数据", "figure #{n} needs a label and a text")
    FIGURE_AS_OF = (
        "第 {n} 条数据的截至日期「{value}」请写成 2021、2021-06 或 2021-06-30",
        "figure #{n}: bad as_of {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    FIGURE_VALUE = (
        "第 {n} 条数据的数值「{value}」不是数字",
        "figure #{n}: value {value!r} is not a number",
    )
    PLACE_AMBIGUOUS = (
        "「{value}」在几个城市都有（{cities}），请在城市一列写明",
        "{value!r} is a district of several cities ({cities}): give the city",
    )
    PLACE_MISMATCH = (
        "「{district}」不属于「{city}」，请核对（已按原样保存）",
        "{district!r} is not in {city!r}: check it (kept as written)",
    )
    # Files as a whole
    UNSUPPORTED_FILE = (
        "不支持这种文件（请用 .yaml、.csv 或 .xlsx）",
        "unsupported file type (use .yaml, .csv or .xlsx)",
    )
    CANNOT_READ = ("读不了这个文件：{reason}", "cannot read: {reason}")
    ENCODING_GUESSED = (
        "文件编码看起来是 {encoding}，不是 UTF-8 或 GBK：请在 Excel 里另存为「CSV UTF-8」再导入",
        "the file looks like {encoding}, not UTF-8 or GBK: save it as UTF-8 CSV and import again",
    )
    ENCODING_UNKNOWN = (
        "既不是 UTF-8 也不是 GBK 编码：请另存为 UTF-8 再导入",
        "neither UTF-8 nor GBK: save the file as UTF-8",
    )
    ENCODING_BROKEN = (
        "文件是 {encoding} 编码，但这一行有不是 {encoding} 的字节（混入了别的编码，或文件损坏）"
        "：请检查这一行，另存为「CSV UTF-8」再导入",
        "the file is {encoding}, but this line holds bytes that are not: another encoding "
        "pasted in, or damage",
    )
    BINARY = ("这不是文本文件", "not a text file")
    CSV_BROKEN = ("CSV 格式有误：{reason}", "{reason}")
    XLSX_BROKEN = (
        "不是能读的 Excel 工作簿（{reason}）：请用 Excel 打开后另存为 .xlsx 再导入",
        "not a readable .xlsx workbook ({reason}): open it in Excel and save it again",
    )
    SHEET_BROKEN = (
        "工作表「{sheet}」损坏，读不出来（{reason}）：请用 Excel 打开后另存为 .xlsx 再导入",
        "sheet {sheet!r} is damaged and cannot be read ({reason}): open it in Excel and save again",
    )
    YAML_INVALID = ("YAML 格式有误：{reason}", "not valid YAML: {reason}")
    YAML_ALIAS = (
        "不支持 YAML 的引用（*{alias}）：请把内容直接写出来",
        "YAML aliases (*{alias}) are not accepted: write the value out",
    )
    YAML_TOP = (
        "最外层应是各表的名称（{tables}）",
        "top level must be a mapping of tables ({tables})",
    )
    UNKNOWN_TABLE = (
        "没有这个表（可用的有：{tables}）",
        "unknown table (expected one of: {tables})",
    )
    YAML_TOO_DEEP = (
        "嵌套超过 {max} 层：请检查括号和缩进",
        "nested more than {max} levels deep: check the brackets and indentation",
    )
    FILE_TOO_BIG = (
        "文件有 {size}，超过导入上限 {limit}（ORGBOT_IMPORT_MAX_MB）：请只导入要更新的部分",
        "the file is {size}, over the import limit of {limit} (ORGBOT_IMPORT_MAX_MB)",
    )
    XLSX_TOO_BIG = (
        "工作簿解压后有 {size}，超过上限 {limit}（ORGBOT_IMPORT_MAX_MB 的 5 倍）",
        "the workbook unpacks to {size}, over the limit of {limit} (5 × ORGBOT_IMPORT_MAX_MB)",
    )
    TOO_MANY_ROWS = (
        "这次导入超过 {limit} 行（ORGBOT_IMPORT_MAX_ROWS），没有读完：请分批导入",
        "more than {limit} rows in this import (ORGBOT_IMPORT_MAX_ROWS): import it in parts",
    )
    SHEET_TOO_LARGE = (
        "工作表「{sheet}」用到了 {cell} 格（上限 {rows} 行、{columns} 列）：请删掉多余的行和列，"
        "另存后再导入",
        "sheet {sheet!r} reaches cell {cell} (the limit is {rows} rows, {columns} columns): "
        "delete the unused rows and columns and save again",
    )
    TOO_MANY_COLUMNS = (
        "表头有 {count} 列，超过上限 {max} 列：这不像登记表，请检查分隔符或删掉多余的列",
        "the header has {count} columns, over the limit of {max}: check the separator",
    )
    CELL_TOO_LONG = (
        "内容有 {length} 个字符，超过上限 {max}",
        "{length} characters, over the limit of {max}",
    )
    FORMULA = (
        "这一格是公式（{formula}），不导入公式：请复制后「选择性粘贴 → 数值」再导入",
        "this cell is a formula ({formula}): paste it as values, then import",
    )
    HIDDEN_SHEET = (
        "工作表「{sheet}」是隐藏的，没有导入（要导入请先取消隐藏）",
        "sheet {sheet!r} is hidden and was not imported (unhide it to import it)",
    )
    CONTROL_CHARACTER = (
        "含有看不见的控制字符（{char}），可能是文件损坏：请检查这一格",
        "holds an invisible control character ({char}); the file may be damaged",
    )
    NOT_A_LIST = ("应是记录的列表", "must be a list of records")
    NOT_A_MAPPING = ("每条记录应是「字段: 值」的形式", "each record must be a mapping")

    def __init__(self, zh: str, en: str) -> None:
        self.zh = zh
        self.en = en


# Problems not about one file (--replace would orphan a record the database keeps).
DATABASE = "(database)"
_DATABASE_ZH = "（数据库）"
_TYPE_NAMES = {
    "text": ("文字", "text"),
    "list": ("列表", "a list"),
    "mapping": ("「字段: 值」", "a mapping"),
    "bool": ("是/否", "yes/no"),
    "number": ("数字", "a number"),
    "set": ("集合（!!set）", "a set (!!set)"),
    "binary": ("二进制数据", "binary data"),
    "date": ("日期", "a date"),
    "scalar": ("文字或数字", "text or a number"),
    "nested": ("列表里套着列表或字段", "a list holding lists or mappings"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can.

    `field` is the schema's field (or a file-level word such as "encoding"); `column` is that
    field as the staff member wrote it (a header such as 联系电话, or a YAML key)."""

    file: str
    line: int
    field: str
    msg: Msg
    values: tuple[tuple[str, Any], ...] = ()
    column: str = ""
    severity: Severity = Severity.ERROR
    label: str = field(default="", compare=False)  # the field's Chinese header, if any

    @property
    def sort_key(self) -> tuple[str, int, str]:
        return (self.file, self.line, self.column or self.field)

    def message(self, lang: Lang = Lang.ZH) -> str:
        template = self.msg.zh if lang is Lang.ZH else self.msg.en
        values = {k: _shown_value(v, lang) for k, v in self.values}
        values.setdefault("field", self.field)
        return template.format(**values)

    def where(self, lang: Lang = Lang.ZH) -> str:
        file = _DATABASE_ZH if (self.file == DATABASE and lang is Lang.ZH) else self.file
        name = self.column or (self.label if lang is Lang.ZH and self.label else self.field)
        if lang is Lang.ZH:
            line = f":第{self.line}行" if self.line else ""
            return f"{file}{line}：{name}" if name else f"{file}{line}"
        line = f":{self.line}" if self.line else ":0"
        return f"{file}{line}: {name}" if name else f"{file}{line}"

    def text(self, lang: Lang = Lang.ZH) -> str:
        sep = "：" if lang is Lang.ZH else ": "
        return f"{self.where(lang)}{sep}{self.message(lang)}"

    def __str__(self) -> str:
        return self.text(Lang.ZH)


def type_name(kind: str, lang: Lang) -> str:
    zh, en = _TYPE_NAMES[kind]
    return zh if lang is Lang.ZH else en


@dataclass(frozen=True)
class TypeName:
    """A type's name, worded when the problem is shown."""

    kind: str


def _shown_value(value: Any, lang: Lang) -> Any:
    if isinstance(value, TypeName):
        return type_name(value.kind, lang)
    if isinstance(value, tuple):  # a list of alternatives
        return "、".join(map(str, value)) if lang is Lang.ZH else ", ".join(map(str, value))
    return value


class CheckError(ValueError):
    """A value staff wrote that cannot be read: the message code and its values."""

    def __init__(self, msg: Msg, **values: Any) -> None:
        super().__init__(msg.en.format(**{k: _shown_value(v, Lang.EN) for k, v in values.items()}))
        self.msg = msg
        self.values = tuple(values.items())


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.sort_key)
