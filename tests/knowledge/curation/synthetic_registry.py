"""SYNTHETIC registry spreadsheets for tests and benchmarks — never shipped, never real.

Every organization here is made up: its name is drawn from word lists, its 统一社会信用代码
is a made-up sequence with a correct check character, its phone is a random number with the
city's real area code, and every row's 来源 says 合成测试数据（非真实）, so a reply built
from one says so too. Only the places are real: the districts of one province (from the
administrative-division table the importer uses), so city/district handling is exercised
as a real registry would.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from knowledge.curation.creditcode import with_check_character
from knowledge.curation.places import province_cities

SYNTHETIC_SOURCE = "合成测试数据（非真实）"
PROVINCE = "陕西省"
HEADERS = [
    "名称",
    "统一社会信用代码",
    "登记管理机关",
    "业务主管单位",
    "法定代表人",
    "成立日期",
    "业务范围",
    "住所",
    "联系电话",
    "区县",
    "类型",
    "评估等级",
    "来源",
]
AREA_CODES = {
    "西安市": "029",
    "铜川市": "0919",
    "宝鸡市": "0917",
    "咸阳市": "029",
    "渭南市": "0913",
    "延安市": "0911",
    "汉中市": "0916",
    "榆林市": "0912",
    "安康市": "0915",
    "商洛市": "0914",
}
STEMS = [
    "夕阳红",
    "阳光",
    "启明",
    "春晖",
    "同心",
    "晨曦",
    "暖阳",
    "益友",
    "和美",
    "安康",
    "乐活",
    "育苗",
    "青禾",
    "明德",
    "善行",
    "馨园",
    "邻里",
    "彩虹",
    "星火",
    "桑榆",
    "松鹤",
    "银龄",
    "向日葵",
    "蒲公英",
    "红石榴",
    "金秋",
    "长青",
    "惠民",
    "德馨",
    "仁和",
    "敬业",
    "博爱",
    "新苗",
    "知行",
    "悦心",
    "润泽",
    "康乐",
    "护航",
    "守望",
    "微光",
    "连心",
    "汇智",
    "众心",
    "良友",
    "朝阳",
    "绿洲",
    "沐心",
    "书香",
    "丰泽",
    "远航",
]
# Kind → (legal form, a need a resident names, what the registry's 业务范围 says)
KINDS = {
    "老年服务中心": ("民办非企业单位", "日间照料", "为老年人提供日间照料、助餐、居家养老服务"),
    "心理咨询服务中心": ("民办非企业单位", "心理咨询", "心理咨询、心理健康讲座、情绪疏导"),
    "武术协会": ("社会团体", "武术培训", "开展武术培训、比赛、表演，推广传统武术"),
    "志愿者协会": ("社会团体", "志愿服务", "组织志愿服务、社区公益活动"),
    "社会工作服务中心": ("民办非企业单位", "社会工作", "社会工作服务、困境儿童关爱、社区治理"),
    "残疾人康复中心": ("民办非企业单位", "康复训练", "残疾儿童康复训练、特殊教育"),
    "法律服务中心": ("民办非企业单位", "法律援助", "法律咨询、法律援助、矛盾纠纷调解"),
    "书画艺术协会": ("社会团体", "书法培训", "书法绘画交流、书法培训、展览"),
    "家庭教育指导中心": ("民办非企业单位", "家庭教育", "家庭教育指导、亲子沟通辅导、家长课堂"),
    "慈善基金会": ("基金会", "助学", "募集善款、助学助困、救灾救助"),
    "农业技术协会": ("社会团体", "种植技术", "农业种植技术推广、农产品销售"),
    "体育健身协会": ("社会团体", "健身", "组织群众健身、广场舞、体育比赛"),
}
LEGAL_FORM_DIGIT = {"社会团体": "1", "民办非企业单位": "2", "基金会": "3"}


@dataclass(frozen=True)
class SyntheticOrg:
    name: str
    short: str  # the name without its place: what a resident types
    code: str
    phone: str
    city: str
    district: str
    need: str
    row: list[object]


def districts(province: str = PROVINCE) -> list[tuple[str, str, str]]:
    """(city, district, adcode-like number) for every district of the province."""
    out = []
    for c, (city, names) in enumerate(sorted(province_cities(province).items()), 1):
        for d, district in enumerate(names, 1):
            out.append((city, district, f"61{c:02d}{d:02d}"))
    return out


def organizations(count: int, seed: int = 14) -> Iterator[SyntheticOrg]:
    """`count` distinct made-up organizations over the province's real districts."""
    rng = random.Random(seed)
    places = districts()
    combos = [(p, s, k) for p in places for s in STEMS for k in KINDS]
    if count > len(combos):
        raise ValueError(f"at most {len(combos)} distinct synthetic organizations")
    for n, ((city, district, adcode), stem, kind) in enumerate(rng.sample(combos, count)):
        form, need, scope = KINDS[kind]
        name = f"{city}{district}{stem}{kind}"
        code = with_check_character(f"5{LEGAL_FORM_DIGIT[form]}{adcode}MJ{n:07d}")
        phone = f"{AREA_CODES[city]}-{rng.randint(2, 8)}{rng.randint(0, 9999999):07d}"
        founded = date(2000, 1, 1) + timedelta(days=rng.randint(0, 9000))
        written = rng.choice(
            [
                founded.isoformat(),
                f"{founded.year}/{founded.month}/{founded.day}",
                f"{founded.year}年{founded.month}月{founded.day}日",
            ]
        )
        place_cell = rng.choice([district, f"{city}{district}", f"{city[:-1]}{district}"])
        row = [
            name,
            code,
            f"{city}{district}民政局",
            "",
            "（合成）",
            written,
            scope,
            f"{district}合成路{rng.randint(1, 300)}号",
            phone,
            place_cell,
            form,
            rng.choice(["", "3A", "4A", "AAAAA"]),
            SYNTHETIC_SOURCE,
        ]
        yield SyntheticOrg(name, f"{stem}{kind}", code, phone, city, district, need, row)


def write_csv(path: Path, orgs: list[SyntheticOrg], encoding: str = "gbk") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        writer.writerows([str(c) for c in o.row] for o in orgs)
    return path


def write_xlsx(path: Path, orgs: list[SyntheticOrg]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("社会组织（合成测试数据）")
    sheet.append(HEADERS)
    for org in orgs:
        sheet.append(org.row)
    workbook.save(path)
    return path
