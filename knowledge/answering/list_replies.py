"""A listing of organizations as the reply a resident reads (lists.py finds them): one line
per organization, how many there are in all — the records' count, never a total they do not
give — and, of several places asked, each place's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from knowledge.answering.list_query import Listing, ListQuery, place_words
from knowledge.reply import Reply

if TYPE_CHECKING:  # lists.py imports this module
    from knowledge.answering.lists import Lister


def listing_reply(lister: Lister, listing: Listing) -> Reply:
    """The list as a reply: one line per organization, and how many there are in all."""
    if not listing.organizations:
        others = [  # 除了 the ones of the places asked (not 金台区's, asked of 陈仓)
            o.name
            for k in listing.query.exclude
            if (o := lister.catalog.organizations.get(k))
            and lister._in(o, lister.alternatives(listing.query.places))
        ]
        said = f"除了{'、'.join(others)}，资料中没有其他" if others else "资料中没有"
        return Reply(
            f"{said}{listing.what}。",
            ["可以换个条件试试，例如只写区县或需要的服务，也可以发送 /orgs 浏览全部组织。"],
        )
    # The records hold the organizations two articles name: "资料中" keeps the count theirs.
    lines = []
    if listing.widened:
        unit = "街道" if listing.widened.endswith("街道") else "区县"
        lines.append(
            f"资料中没有写明在{listing.widened}的；下面 {listing.total} 家是"
            f"{place_words(listing.query.places)}的，资料没有写明在哪个{unit}："
        )
    elif listing.all_shown:
        lines.append(
            f"没有别的了：资料中{listing.what}共 {listing.all_shown} 家，前面都已列出。"
            "最后列出的是："
        )
    elif listing.more:
        lines.append(f"另外还有 {listing.total} 家：")
    elif listing.again and listing.total <= len(listing.organizations):
        lines.append(f"资料中{listing.what}就这 {listing.total} 家：")
    elif listing.counted and listing.per_place:
        lines.extend(_per_place(listing))
    elif listing.counted and not listing.recounted and not _narrowed(listing.query):
        # 宝鸡有多少社会组织: the sources give no total; say so, then what they describe
        place = place_words(listing.query.places)
        given = next(iter(listing.totals), "") if len(listing.query.places) == 1 else ""
        lines.append(
            (
                f"{given} 资料中写到名字的"
                if given
                else f"资料没有给出{place}社会组织的总数。资料中写到的"
            )
            + f"{place}组织有 {listing.total} 家"
            + (
                f"，下面是前 {len(listing.organizations)} 家："
                if listing.total > len(listing.organizations)
                else "："
            )
        )
    elif listing.total > len(listing.organizations):
        lines.append(f"资料中共 {listing.total} 家，下面是前 {len(listing.organizations)} 家：")
    else:
        lines.append(f"资料中共 {listing.total} 家：")
    for i, org in enumerate(listing.organizations, 1):
        where = "｜".join(bit for bit in (org.district or org.city, org.legal_form) if bit)
        lines.append(f"{i}. {org.name}" + (f"（{where}）" if where else ""))
    if listing.by_name:
        lines.append("（资料未注明登记类型的，按名称判断。）")
    if listing.counted and (listing.recounted or _narrowed(listing.query)):
        lines.append("（这是资料中写到的家数，不是官方统计的总数。）")
    lines.append("点选下面的按钮查看名片。")
    sources = dict.fromkeys(
        lister.catalog.citations.get(org.source.document, org.source.document)
        for org in listing.organizations
        if org.source.document
    )
    if sources:
        lines.append("来源：" + "；".join(sources))
    return Reply(f"{listing.what}", lines)


def _per_place(listing: Listing) -> list[str]:
    """宝鸡和西安各有几家: each place's total where a fact gives it, and how many the
    records name there; no sum of the two is made up."""
    narrowed = _narrowed(listing.query)
    names = "、".join(name for name, _ in listing.per_place)
    lines = [
        f"资料中共 {listing.total} 家，分开来看："
        if narrowed
        else f"资料没有给出{names}合计的社会组织总数。分开来看："
    ]
    for i, (name, count) in enumerate(listing.per_place):
        given = listing.totals[i] if i < len(listing.totals) else ""
        if narrowed:
            lines.append(f"· {name}：资料中写到 {count} 家")
        else:
            given = given.rstrip("。") if given else "资料没有给出总数"
            lines.append(f"· {name}：{given}。资料中写到名字的有 {count} 家")
    shown = len(listing.organizations)
    lines.append(f"资料中写到的，下面列出 {shown} 家：" if listing.total > shown else "它们是：")
    return lines


def _narrowed(query: ListQuery) -> bool:
    """Whether a list asks for some kind of organization, not every one of a place."""
    # what the matcher found narrows only a list of no place (see _run)
    return bool(
        query.topics
        or query.form
        or query.exclude
        or query.name_has
        or (query.matched and not query.places)
    )
