"""Browsing the knowledge base: organizations by district or topic, one page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from knowledge.catalog import Catalog
from knowledge.records import Activity, Organization
from knowledge.reply import Reply

PAGE_SIZE = 6
NO_DISTRICT = "未注明区县"


@dataclass(frozen=True)
class Page:
    title: str
    items: list[tuple[str, str]]  # (organization id, name)
    page: int
    pages: int


def district_of(org: Organization | None) -> str:
    if org is None:
        return NO_DISTRICT
    return f"{org.city}{org.district}" or NO_DISTRICT


class Browser:
    """Lists and cards over one knowledge snapshot."""

    def __init__(self, catalog: Catalog, tz: tzinfo) -> None:
        self.catalog = catalog
        self.orgs = catalog.organizations
        self.tz = tz  # the answers' own, so times are shown in the same zone

    def known_words(self) -> set[str]:
        """Districts, cities, topics and organization names the knowledge base holds."""
        known = set(self.topics())
        for org in self.orgs.values():
            known.update((org.district, org.city, district_of(org), org.name, *org.aliases))
        known.discard("")
        return known

    def districts(self) -> list[str]:
        return sorted({district_of(o) for o in self.orgs.values()})

    def topics(self) -> list[str]:
        used = {t for o in self.orgs.values() for t in o.topics}
        return [t for t in self.catalog.topics if t in used]

    def by_district(self, number: int, page: int) -> Page | None:
        districts = self.districts()
        if not 0 <= number < len(districts):
            return None
        name = districts[number]
        orgs = [o for o in self.orgs.values() if district_of(o) == name]
        return self._page(name, orgs, page)

    def by_topic(self, number: int, page: int) -> Page | None:
        topics = self.topics()
        if not 0 <= number < len(topics):
            return None
        name = topics[number]
        orgs = [o for o in self.orgs.values() if name in o.topics]
        return self._page(name, orgs, page)

    def _page(self, title: str, orgs: list[Organization], page: int) -> Page:
        orgs = sorted(orgs, key=lambda o: o.name)
        pages = max(1, -(-len(orgs) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        chunk = orgs[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        return Page(title, [(o.id, o.name) for o in chunk], page, pages)

    def card(self, org_id: str) -> Reply | None:
        """Everything known about one organization, with what the sources do not say."""
        org = self.orgs.get(org_id)
        return org.card(self.catalog, self.tz) if org else None

    def projects(self, org_id: str) -> Reply | None:
        org = self.orgs.get(org_id)
        if org is None:
            return None
        projects = self.catalog.projects_of(org_id)
        if not projects:
            return Reply(org.name, ["资料中没有记录它的项目。"])
        lines = []
        for project in projects:
            lines.append(f"· {project.name}")
            if project.description:
                lines.append(f"  {project.description}")
        return Reply(f"{org.name}的项目", lines)

    def activities(self, upcoming: Sequence[Activity], words: list[str]) -> Reply:
        """Upcoming activities, narrowed by topic, district or organization words if given."""

        def fits(activity: Activity) -> bool:
            org = self.catalog.organization_of(activity)
            haystack = " ".join(
                [
                    activity.title,
                    activity.district,
                    activity.city,
                    *activity.topics,
                    org.name if org else "",
                    *(org.aliases if org else ()),
                    district_of(org),
                ]
            )
            return all(w in haystack for w in words)

        chosen = [a for a in upcoming if fits(a)]
        title = "近期活动" + (f"（{' '.join(words)}）" if words else "")
        if not chosen:
            return Reply(
                title, ["未来30天内没有登记的活动。", "可以发送 /orgs 浏览组织，或直接提问。"]
            )
        lines: list[str] = []
        for activity in chosen[:10]:
            org = self.catalog.organization_of(activity)
            lines.append(f"· {activity.title}" + (f"（{org.name}）" if org else ""))
            lines.extend("  " + line for line in activity.lines(self.tz))
        return Reply(title, lines)
