"""The tables scope_unrecorded.py reads: the places outside the knowledge as residents write
them, and what one knowledge version's records give — each division's name and holder, each
name's place, the years each family of records names."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

ANY_YEAR = re.compile(r"(?:19|20)\d\d")

# Places outside the knowledge: 陕西's other cities, 西安's other districts, the provinces
# and the largest cities. Those a record names (河南, whose flood was helped) are ours.
_WRITTEN = (
    "咸阳 渭南 铜川 延安 榆林 汉中 安康 商洛 杨凌 西咸新区 雁塔 碑林 莲湖 新城区 灞桥 长安区 临潼 阎良 "
    "高陵 鄠邑 户县 蓝田 周至 曲江 浐灞 北京 上海 天津 重庆 河北 山西 内蒙古 辽宁 吉林 黑龙江 江苏 "
    "浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 四川 贵州 云南 西藏 甘肃 青海 宁夏 新疆 "
    "台湾 香港 澳门 广州 深圳 成都 武汉 杭州 南京 郑州 兰州 天水 银川 太原 洛阳 苏州 汶川 省外 外省 国外 外国"
)
ELSEWHERE = tuple(_WRITTEN.split())
# The same places as a foreign resident writes them (Hanzhong, Yanta district): the English
# glossary carries a need into Chinese words, not a place the knowledge has no word for.
ELSEWHERE_ENGLISH = {
    "xianyang": "咸阳",
    "weinan": "渭南",
    "tongchuan": "铜川",
    "yan'?an": "延安",
    "yulin": "榆林",
    "hanzhong": "汉中",
    "ankang": "安康",
    "shangluo": "商洛",
    "yangling": "杨凌",
    "yanta": "雁塔",
    "beilin": "碑林",
    "lianhu": "莲湖",
    "baqiao": "灞桥",
    "chang'?an district": "长安区",
    "lintong": "临潼",
    "yanliang": "阎良",
    "gaoling": "高陵",
    "huyi": "鄠邑",
    "lantian": "蓝田",
    "zhouzhi": "周至",
    "qujiang": "曲江",
    "chanba": "浐灞",
    "beijing": "北京",
    "shanghai": "上海",
    "tianjin": "天津",
    "chongqing": "重庆",
    "hebei": "河北",
    "henan": "河南",
    "hubei": "湖北",
    "hunan": "湖南",
    "guangdong": "广东",
    "sichuan": "四川",
    "gansu": "甘肃",
    "ningxia": "宁夏",
    "xinjiang": "新疆",
    "guangzhou": "广州",
    "shenzhen": "深圳",
    "chengdu": "成都",
    "wuhan": "武汉",
    "hangzhou": "杭州",
    "nanjing": "南京",
    "zhengzhou": "郑州",
    "lanzhou": "兰州",
    "tianshui": "天水",
    "hong kong": "香港",
    "taiwan": "台湾",
}


def years_of(records: Mapping[str, Mapping[str, Any]]) -> dict[str, frozenset[str]]:
    """The years each family of records names: an organization's with its projects, the facts
    about it and its activities; a fact about none, its own. With the sources they cite (宝鸡's
    article is 2021年度's)."""
    rows: dict[str, list[Any]] = {}
    for key, row in records.get("organizations", {}).items():
        rows.setdefault(key, []).append(row)
    for table in ("projects", "facts", "activities"):
        for key, row in records.get(table, {}).items():
            rows.setdefault(row.get("organization") or key, []).append(row)
    sources = records.get("sources", {})
    found: dict[str, frozenset[str]] = {}
    for family, held in rows.items():
        told = json.dumps(held, ensure_ascii=False)
        cited = [source for key, source in sources.items() if key in told]
        told += json.dumps(cited, ensure_ascii=False)
        found[family] = frozenset(ANY_YEAR.findall(told))
    return found


def divisions(
    records: Mapping[str, Mapping[str, Any]],
) -> tuple[dict[str, str], dict[str, str]]:
    """Each division's name and aliases → its name; each name → the division holding it."""
    division: dict[str, str] = {}
    parent: dict[str, str] = {}
    for row in records.get("divisions", {}).values():
        name = row.get("name", "")
        if not name:
            continue
        for written in (name, *row.get("aliases", ())):
            division.setdefault(written, name)
        parent[name] = row.get("parent") or ""
    return division, parent


def placed_names(
    records: Mapping[str, Mapping[str, Any]], division: Mapping[str, str]
) -> tuple[tuple[str, frozenset[tuple[str, bool]]], ...]:
    """Each organization's and project's name and aliases with the place its organization
    is in, the narrowest the record gives (a project's: its organization's), longest name
    first, and whether the organization is that whole place's own body (宝鸡市中小企业协会,
    not a district's); those without a place left out."""
    places_of: dict[str, set[tuple[str, bool]]] = {}
    for key, row in records.get("organizations", {}).items():
        written = [row.get(field) or "" for field in ("street", "district", "city")]
        known = [division[p] for p in written if p in division]
        whole = bool(known) and known[0] in row.get("name", "")
        places_of[key] = {(place, whole) for place in known[:1]}
    placed: dict[str, set[tuple[str, bool]]] = {}
    for table in ("organizations", "projects"):
        for key, row in records.get(table, {}).items():
            places = places_of.get(key if table == "organizations" else row.get("organization", ""))
            if not places:
                continue
            for name in (row.get("name", ""), *row.get("aliases", ())):
                if len(name) >= 2:
                    placed.setdefault(name, set()).update(places)
    ordered = sorted(placed, key=len, reverse=True)
    return tuple((name, frozenset(placed[name])) for name in ordered)
