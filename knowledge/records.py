"""The curated records as typed objects: one small class per kind of record residents see.

The store and the curation pipeline keep records as dicts (table → id → fields, as stored);
answering builds these from them once per knowledge version (knowledge/catalog.py). Each
class knows its kind, its table, the name residents see and its card — everything the
sources say about it, and which source says it: a field a later file added (a phone from the
registry on an organization curated from an article) is cited as that file. What records are
made of besides their own fields (`Source`, `Figure`), and how a field is read from the
stored dicts, is in record_parts.py.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

# Figure, Source, Stored and StoredRecords are imported from here too (re-exported).
from knowledge.record_parts import Figure as Figure
from knowledge.record_parts import Source as Source
from knowledge.record_parts import Stored as Stored
from knowledge.record_parts import StoredRecords as StoredRecords
from knowledge.record_parts import field_sources_of, figures_of, text_of, texts_of
from knowledge.reply import Reply

if TYPE_CHECKING:  # the catalog is made of records; records only take it as an argument
    from knowledge.catalog import Catalog

NO_CONTACT_ON_CARD = "联系方式：资料中没有，可向所在区县民政局（社会组织管理部门）咨询。"
FIGURES_ON_CARD = 4
MAX_SCOPE = 100  # characters of 业务范围 shown; registry scopes run to several hundred
# An organization's fields by what a reply shows them as, to cite the sources of those shown.
LOCATION_FIELDS = ("city", "district", "street")
PLACE_FIELDS = (*LOCATION_FIELDS, "legal_form")
CONTACT_FIELDS = ("phone", "address", "email", "website")


class Kind(StrEnum):
    """The kinds of record; each member equals its plain string ("organization" …)."""

    ORGANIZATION = "organization"
    PROJECT = "project"
    FACT = "fact"
    ACTIVITY = "activity"

    @property
    def table(self) -> str:
        return RECORD_TYPES[self].TABLE


@dataclass(frozen=True, kw_only=True)
class Record(ABC):
    """What every kind of record has: an id, topics and a source, and the sources of fields
    a later file added (`field_sources`; the record's own `source` covers the others)."""

    KIND: ClassVar[Kind]
    TABLE: ClassVar[str]

    id: str
    topics: tuple[str, ...] = ()
    source: Source = Source("")  # noqa: RUF009 (frozen: one shared default is safe)
    # Left out of the hash (a dict has none) so that records stay hashable.
    field_sources: Mapping[str, Source] = field(default_factory=dict, hash=False)

    def source_of(self, name: str) -> Source:
        """Where the field `name` comes from."""
        return self.field_sources.get(name, self.source)

    @property
    @abstractmethod
    def display_name(self) -> str:
        """The name residents see (in titles and on buttons)."""

    @property
    @abstractmethod
    def organization_id(self) -> str:
        """The organization it is about or belongs to ("" when none)."""

    @abstractmethod
    def card(self, catalog: Catalog, tz: tzinfo | None) -> Reply:
        """Everything the sources say about it, with the source; times shown in `tz`."""


@dataclass(frozen=True, kw_only=True)
class Organization(Record):
    KIND: ClassVar[Kind] = Kind.ORGANIZATION
    TABLE: ClassVar[str] = "organizations"

    name: str
    aliases: tuple[str, ...] = ()
    legal_form: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    opening_hours: str = ""
    summary: str = ""
    services: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    updated_at: str = ""
    # The registry's facts (schema.REGISTRY_FIELDS), as text as the registry gives them. Replies
    # give them only when a resident asks; 法定代表人 never appears on a card.
    credit_code: str = ""
    registration_authority: str = ""
    supervisor: str = ""
    legal_representative: str = ""
    registered_on: str = ""  # YYYY-MM-DD
    business_scope: str = ""
    registered_capital: str = ""
    activity_area: str = ""
    is_charity: str = ""  # 是 / 否, or "" when the registry does not say
    rating: str = ""
    annual_check: str = ""
    certificate_valid_until: str = ""  # YYYY-MM-DD
    inferred_topics: tuple[str, ...] = ()  # for staff's review; also in `topics`

    @classmethod
    def from_stored(cls, stored: Stored) -> Organization:
        return cls(
            id=stored["id"],
            name=stored["name"],
            aliases=texts_of(stored, "aliases"),
            legal_form=text_of(stored, "legal_form"),
            city=text_of(stored, "city"),
            district=text_of(stored, "district"),
            street=text_of(stored, "street"),
            address=text_of(stored, "address"),
            phone=text_of(stored, "phone"),
            email=text_of(stored, "email"),
            website=text_of(stored, "website"),
            opening_hours=text_of(stored, "opening_hours"),
            summary=text_of(stored, "summary"),
            services=texts_of(stored, "services"),
            topics=texts_of(stored, "topics"),
            figures=figures_of(stored),
            source=Source.from_stored(stored.get("source")),
            updated_at=text_of(stored, "updated_at"),
            credit_code=text_of(stored, "credit_code"),
            registration_authority=text_of(stored, "registration_authority"),
            supervisor=text_of(stored, "supervisor"),
            legal_representative=text_of(stored, "legal_representative"),
            registered_on=text_of(stored, "registered_on"),
            business_scope=text_of(stored, "business_scope"),
            registered_capital=text_of(stored, "registered_capital"),
            activity_area=text_of(stored, "activity_area"),
            is_charity=text_of(stored, "is_charity"),
            rating=text_of(stored, "rating"),
            annual_check=text_of(stored, "annual_check"),
            certificate_valid_until=text_of(stored, "certificate_valid_until"),
            inferred_topics=texts_of(stored, "inferred_topics"),
            field_sources=field_sources_of(stored),
        )

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def organization_id(self) -> str:
        return self.id

    @property
    def about(self) -> str:
        return self.summary

    @property
    def location(self) -> str:
        """City, district and street run together, e.g. 宝鸡市渭滨区经二路街道."""
        return "".join(part for part in (self.city, self.district, self.street) if part)

    @property
    def place_line(self) -> str:
        """Where it is and what legal form it has, e.g. 宝鸡市渭滨区｜社会团体."""
        return "｜".join(bit for bit in (self.location, self.legal_form) if bit)

    @property
    def contact_details(self) -> list[tuple[str, str]]:
        """(label, value) of the phone, address, e-mail and website the sources give."""
        known = [("电话", self.phone), ("地址", self.address), ("邮箱", self.email)]
        known.append(("网站", self.website))
        return [(label, value) for label, value in known if value]

    @property
    def scope_line(self) -> str:
        """业务范围, cut to MAX_SCOPE characters: what a registry-only organization does."""
        scope = self.business_scope
        return "业务范围：" + (scope if len(scope) <= MAX_SCOPE else scope[:MAX_SCOPE] + "…")

    def card(self, catalog: Catalog, tz: tzinfo | None) -> Reply:
        lines = [self.place_line, self.summary]
        shown = [*PLACE_FIELDS, "summary", "figures", *CONTACT_FIELDS]
        if self.services:
            lines.append("服务：" + "、".join(self.services))
            shown.append("services")
        elif self.business_scope:
            lines.append(self.scope_line)
            shown.append("business_scope")
        projects = catalog.projects_of(self.id)
        if projects:
            lines.append("项目：" + "、".join(p.name for p in projects))
        for figure in self.figures[:FIGURES_ON_CARD]:
            as_of = f"（{figure.as_of}）" if figure.as_of else ""
            lines.append(f"· {figure.label}：{figure.text}{as_of}")
        contacts = [f"{label}：{value}" for label, value in self.contact_details]
        lines.extend(contacts or [NO_CONTACT_ON_CARD])
        lines.append(catalog.cite(self, shown))
        return Reply(self.name, [line for line in lines if line])


@dataclass(frozen=True, kw_only=True)
class Project(Record):
    KIND: ClassVar[Kind] = Kind.PROJECT
    TABLE: ClassVar[str] = "projects"

    organization: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    figures: tuple[Figure, ...] = ()
    period: str = ""

    @classmethod
    def from_stored(cls, stored: Stored) -> Project:
        return cls(
            id=stored["id"],
            organization=stored["organization"],
            name=stored["name"],
            aliases=texts_of(stored, "aliases"),
            description=text_of(stored, "description"),
            figures=figures_of(stored),
            period=text_of(stored, "period"),
            topics=texts_of(stored, "topics"),
            source=Source.from_stored(stored.get("source")),
            field_sources=field_sources_of(stored),
        )

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def organization_id(self) -> str:
        return self.organization

    @property
    def about(self) -> str:
        return self.description

    def card(self, catalog: Catalog, tz: tzinfo | None) -> Reply:
        owner = catalog.organization_of(self)
        lines = [f"{owner.name}的项目。" if owner else "", self.description]
        if self.period:
            lines.append(f"时间：{self.period}")
        return Reply(self.name, [*lines, catalog.cite(self, ["description", "period"])])


@dataclass(frozen=True, kw_only=True)
class Fact(Record):
    KIND: ClassVar[Kind] = Kind.FACT
    TABLE: ClassVar[str] = "facts"

    name: str
    answer: str
    questions: tuple[str, ...] = ()
    organization: str = ""
    city: str = ""
    district: str = ""

    @classmethod
    def from_stored(cls, stored: Stored) -> Fact:
        return cls(
            id=stored["id"],
            name=stored["name"],
            answer=stored["answer"],
            questions=texts_of(stored, "questions"),
            organization=text_of(stored, "organization"),
            city=text_of(stored, "city"),
            district=text_of(stored, "district"),
            topics=texts_of(stored, "topics"),
            source=Source.from_stored(stored.get("source")),
            field_sources=field_sources_of(stored),
        )

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def organization_id(self) -> str:
        return self.organization

    def card(self, catalog: Catalog, tz: tzinfo | None) -> Reply:
        return Reply(self.name, [self.answer, catalog.cite(self, ["answer"])])


@dataclass(frozen=True, kw_only=True)
class Activity(Record):
    KIND: ClassVar[Kind] = Kind.ACTIVITY
    TABLE: ClassVar[str] = "activities"

    title: str
    start: datetime  # with the offset it was entered with (+08:00, Z …)
    organization: str = ""
    city: str = ""
    district: str = ""
    end: str = ""
    timezone: str = ""
    place: str = ""
    description: str = ""
    registration: str = ""
    status: str = ""

    @classmethod
    def from_stored(cls, stored: Stored) -> Activity:
        return cls(
            id=stored["id"],
            title=stored["title"],
            start=datetime.fromisoformat(stored["start"]),
            organization=text_of(stored, "organization"),
            city=text_of(stored, "city"),
            district=text_of(stored, "district"),
            end=text_of(stored, "end"),
            timezone=text_of(stored, "timezone"),
            place=text_of(stored, "place"),
            description=text_of(stored, "description"),
            registration=text_of(stored, "registration"),
            status=text_of(stored, "status"),
            topics=texts_of(stored, "topics"),
            source=Source.from_stored(stored.get("source")),
            field_sources=field_sources_of(stored),
        )

    @property
    def display_name(self) -> str:
        return self.title

    @property
    def organization_id(self) -> str:
        return self.organization

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    def lines(self, tz: tzinfo | None) -> list[str]:
        """When (in `tz`, the residents' local time), where, how to register, cancelled."""
        start = self.start.astimezone(tz) if tz is not None else self.start
        lines = [f"时间：{start:%Y年%m月%d日 %H:%M}"]
        if self.place:
            lines.append(f"地点：{self.place}")
        if self.registration:
            lines.append(f"报名：{self.registration}")
        if self.cancelled:
            lines.append("（已取消）")
        return lines

    def card(self, catalog: Catalog, tz: tzinfo | None) -> Reply:
        shown = ["start", "place", "registration", *(["status"] if self.cancelled else [])]
        return Reply(self.title, [*self.lines(tz), catalog.cite(self, shown)])


RECORD_TYPES: dict[Kind, type[Record]] = {
    Kind.ORGANIZATION: Organization,
    Kind.PROJECT: Project,
    Kind.FACT: Fact,
    Kind.ACTIVITY: Activity,
}
