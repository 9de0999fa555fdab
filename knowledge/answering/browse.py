"""Browsing the knowledge base: organizations by district or topic, one page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from knowledge.answering.compose import CONTACT_FIELDS, Composer, Reply

PAGE_SIZE = 6


@dataclass(frozen=True)
class Page:
    title: str
    items: list[tuple[str, str]]  # (organization id, name)
    page: int
    pages: int


def district_of(org: dict[str, Any]) -> str:
    return f"{org.get('city', '')}{org.get('district', '')}" or "未注明区县"


class Browser:
    """Lists and cards over one knowledge snapshot (records as the store returns them)."""

    def __init__(self, records: dict[str, dict[str, dict[str, Any]]], composer: Composer) -> None:
        self.records = records
        self.orgs = records.get("organizations", {})
        self.composer = composer  # the answers' own, so times are shown in the same zone

    def districts(self) -> list[str]:
        return sorted({district_of(o) for o in self.orgs.values()})

    def topics(self) -> list[str]:
        used = {t for o in self.orgs.values() for t in o.get("topics", [])}
        return [t for t in self.records.get("topics", {}) if t in used]

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
        orgs = [o for o in self.orgs.values() if name in o.get("topics", [])]
        return self._page(name, orgs, page)

    def _page(self, title: str, orgs: list[dict[str, Any]], page: int) -> Page:
        orgs = sorted(orgs, key=lambda o: o["name"])
        pages = max(1, -(-len(orgs) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        chunk = orgs[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        return Page(title, [(o["id"], o["name"]) for o in chunk], page, pages)

    def card(self, org_id: str) -> Reply | None:
        """Everything known about one organization, with what the sources do not say."""
        org = self.orgs.get(org_id)
        if org is None:
            return None
        c = self.composer
        lines = [c.place_line(org), org.get("summary", "")]
        if org.get("services"):
            lines.append("服务：" + "、".join(org["services"]))
        projects = c.projects_of.get(org_id, [])
        if projects:
            lines.append("项目：" + "、".join(p["name"] for p in projects))
        for fig in org.get("figures", [])[:4]:
            as_of = f"（{fig['as_of']}）" if fig.get("as_of") else ""
            lines.append(f"· {fig['label']}：{fig['text']}{as_of}")
        contacts = [f"{label}：{org[key]}" for key, label in CONTACT_FIELDS if org.get(key)]
        lines.extend(
            contacts or ["联系方式：资料中没有，可向所在区县民政局（社会组织管理部门）咨询。"]
        )
        lines.append(c.cite(org))
        return Reply(org["name"], [x for x in lines if x])

    def projects(self, org_id: str) -> Reply | None:
        org = self.orgs.get(org_id)
        if org is None:
            return None
        projects = self.composer.projects_of.get(org_id, [])
        if not projects:
            return Reply(org["name"], ["资料中没有记录它的项目。"])
        lines = []
        for project in projects:
            lines.append(f"· {project['name']}")
            if project.get("description"):
                lines.append(f"  {project['description']}")
        return Reply(f"{org['name']}的项目", lines)

    def activities(self, upcoming: list[dict[str, Any]], words: list[str]) -> Reply:
        """Upcoming activities, narrowed by topic, district or organization words if given."""

        def fits(activity: dict[str, Any]) -> bool:
            org = self.orgs.get(activity.get("organization", ""), {})
            haystack = " ".join(
                [
                    activity["title"],
                    activity.get("district", ""),
                    activity.get("city", ""),
                    *activity.get("topics", []),
                    org.get("name", ""),
                    *org.get("aliases", []),
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
            org = self.orgs.get(activity.get("organization", ""), {})
            lines.append(f"· {activity['title']}" + (f"（{org['name']}）" if org else ""))
            lines.extend("  " + line for line in self.composer.activity_lines(activity))
        return Reply(title, lines)
