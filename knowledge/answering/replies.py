"""The `Answer` (outcome.py) to one question, built for what the matcher decided: a danger
or a refusal, a list or a count (list_answers.py), a choice, a confirmation, an answer, or a
follow-up. The `Answerer` (answer.py) picks which and logs it; these only build."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from functools import partial

from knowledge.answering.compose import GREETING, NEXT_ASKED, NOT_FOUND, THANKS
from knowledge.answering.confirm import confirm_reply
from knowledge.answering.context import FollowUp, subject_of
from knowledge.answering.definitions import defining_answer
from knowledge.answering.documents import asks_documents
from knowledge.answering.excepted_asks import asked_of_excepted
from knowledge.answering.fact_lists import fact_counts, fact_lists, part_unheld, praised
from knowledge.answering.figure_events import selections
from knowledge.answering.figure_places import figure_of_another_place
from knowledge.answering.figure_questions import counted_person, is_award_question
from knowledge.answering.figures import NO_SUCH_FIGURE, family_figures, figures_reply
from knowledge.answering.follow_replies import follow_up_reply
from knowledge.answering.form_absent import all_known, asks_any_there, none_of_the_form_there
from knowledge.answering.gate import Decision
from knowledge.answering.housed import housed_named
from knowledge.answering.index import Doc
from knowledge.answering.intent import Intent, detect_intent, is_thanks
from knowledge.answering.list_answers import (
    NOT_LISTED_HINT,
    chosen_within,
    documents_answer,
    each_ones_projects,
    list_answer,
    other_projects_than,
    projects_answer,
    where_it,
)
from knowledge.answering.list_questions import (
    form_asked,
    is_count_question,
    is_list_question,
    other_institutions,
    without_places,
)
from knowledge.answering.made_up_names import made_up_name
from knowledge.answering.matcher import Match
from knowledge.answering.named_asks import not_held, unheld_reply
from knowledge.answering.outcome import Answer, about, result_of
from knowledge.answering.places import misplaced_reply, other_district_note
from knowledge.answering.project_lists import (
    asks_projects,
)
from knowledge.answering.scope import Refusal, refusal_reply
from knowledge.answering.shown_sums import named_together
from knowledge.answering.snapshot import Snapshot
from knowledge.answering.text import normalize
from knowledge.catalog import Catalog
from knowledge.records import Activity, Fact, Organization, Project, Record
from knowledge.reply import Reply

UPCOMING_DAYS = 30
NO_JUDGEMENT = "我不做评价和比较，下面是资料里写的情况："
# How to follow one of ours online (秋文社工有公众号吗, 智塔的小程序什么时候上线, 在哪个平台
# 能看到众益的活动通知): the sources name no organization's channel, so its card, that said.
NO_CHANNEL = "资料中没有它的公众号、小程序或网上通知渠道，下面是资料里写的情况："
_ONLINE = re.compile(
    r"公众号|小程序|视频号|抖音号|微博|官网|官方网站"
    r"|(哪个|什么|哪家)(平台|网站|app)[^,.?!，。？！]{0,4}(看|关注|收到|找到)"
)


def composed(snapshot: Snapshot, match: Match, tz: tzinfo) -> Answer:
    # A danger now or a wrongdoing reported comes before any organization (urgent.py).
    alarm = snapshot.scope.alarm(match.query)
    if alarm is None:
        return _besides_asked(snapshot, match, tz) or _composed(snapshot, match, tz)
    if alarm.soft:  # a need told with it: answered or refused after the safety line, or
        # not found and the danger's reply instead (the hand-off still offered)
        answer = _composed(snapshot, match, tz)
        found = answer.answered or answer.refusal is not None
        if not found and alarm.need:  # the danger's words find nothing: the need they show
            answer = _composed(snapshot, snapshot.matcher.match(alarm.need), tz)
            answer.query = match.query
            found = answer.answered or answer.refusal is not None
        answer.reply = alarm.first(answer.reply) if found else alarm.reply
        answer.danger = alarm.danger
        return answer
    reply, kind = alarm.reply, alarm.refusal
    return Answer(match.query, False, Intent.OUT_OF_SCOPE, reply, refusal=kind, danger=alarm.danger)


def _besides_asked(snapshot: Snapshot, match: Match, tz: tzinfo) -> Answer | None:
    """智塔在哪，除了智塔还有别的吗: what is asked of 智塔, then the others (the list as if
    asked alone, its follow-ups kept); None when no other clause asks something of it."""
    found = asked_of_excepted(match.query, match.normalized, snapshot.lister, snapshot.matcher)
    if found is None:
        return None
    asked, rest = found
    first = _composed(snapshot, snapshot.matcher.match(asked), tz)
    answer = _composed(snapshot, snapshot.matcher.match(rest), tz)
    if first.refusal is not None or answer.refusal is not None:
        return None
    said = first.proposal if first.proposal is not None else first.reply
    answer.reply = Reply(said.title, [*said.lines, answer.reply.title, *answer.reply.lines])
    answer.query = match.query
    answer.answered = answer.answered or first.answered
    answer.besides = first.top if first.answered else None
    return answer


def _composed(snapshot: Snapshot, match: Match, tz: tzinfo) -> Answer:
    # Read in standard words too: a request told in dialect (有啥地方能学, 阿搭能看) lifts a
    # rule as the same request in plain words would.
    reworded = match.normalized if match.reworded and not match.english else None
    refusal = snapshot.scope.refusal(match.query, reworded)
    if refusal is Refusal.OPINION and snapshot.scope.weighs_ours(match.query):
        # 智塔和明明心理哪个更适合我家孩子: what the records say of ours, judged by no one
        answer = _in_scope(snapshot, match, tz)
        if not answer.answered and snapshot.scope.asks_origin(match.query):
            answer = _in_scope(snapshot, _its_card(match), tz)  # 背后的故事 no record tells
        if answer.answered:
            answer.reply = Reply(NO_JUDGEMENT, [answer.reply.title, *answer.reply.lines])
            return answer
    # a name the matcher read as ours, misspelt (宝鸡只塔儿童中心), is not one unlisted
    unlisted = None
    if refusal is None:
        unlisted = snapshot.scope.unlisted_name(match.query)
        if unlisted is None and match.english:  # the Weibin District Wushu Association
            unlisted = snapshot.scope.unlisted_name(match.normalized)
        if unlisted is None and not match.named:  # 阳光助老服务站在哪: no place before it
            near = [scored.doc.name for scored in match.results[:3]]
            unlisted = made_up_name(match.normalized, snapshot.index, near)
            if unlisted is not None and snapshot.scope.part_of_a_name(unlisted):
                unlisted = None  # a record's own name or alias shortened (社组中心)
    if unlisted is not None:  # 宝鸡市老年心理援助基金会在哪: not 明明心理, whose words it shares
        refusal = Refusal.NOT_LISTED
    if refusal is None and match.top is not None and not asks_documents(match.normalized):
        # 陈仓有块田2023年还能认购吗: a year none of the found record's family names (not
        # 2021年出台了哪些方案: the documents of that year, whichever fact was found first)
        found = record_of(snapshot.catalog, match.top.doc)
        if snapshot.scope.year_unheld(match.query, found.organization_id or found.id):
            refusal = Refusal.UNRECORDED
    placed = snapshot.scope.placed_against(match.query) if refusal is None else None
    if placed is None and refusal is None and match.english:  # the phone of 智塔 in Xi'an
        placed = snapshot.scope.placed_against(match.normalized)
    misplaced = misplaced_reply(snapshot.catalog, *placed) if placed else None
    if misplaced is not None:  # 金台区武术协会在西安未央区哪个街道: not there, said so
        answer = Answer(match.query, False, Intent.UNKNOWN, misplaced[0], [])
        answer.subject = subject_of(misplaced[1], snapshot.catalog)
        return answer
    if refusal is not None:
        reply = refusal_reply(refusal, unlisted or "")
        if unlisted is not None:
            reply = _with_similar(snapshot, match, reply)
        return Answer(match.query, False, Intent.OUT_OF_SCOPE, reply, [], refusal=refusal)
    if match.named and _ONLINE.search(match.query):
        answer = _in_scope(snapshot, _its_card(match), tz)
        if answer.answered:
            answer.reply = Reply(NO_CHANNEL, [answer.reply.title, *answer.reply.lines])
        return answer
    return _in_scope(snapshot, match, tz)


def _its_card(match: Match) -> Match:
    """The match asked as "what is it": the card of the record named, nothing else asked."""
    return replace(match, intent=Intent.INTRODUCE, besides="", besides_plain="")


def _with_similar(snapshot: Snapshot, match: Match, reply: Reply) -> Reply:
    """An unlisted organization's refusal, with the organizations whose words it shares named
    as such (相近的有…), none of them presented as the one asked for."""
    names: list[str] = []
    for scored in match.results[:3]:
        if not isinstance(record := record_of(snapshot.catalog, scored.doc), Organization):
            continue
        if record.display_name not in names:
            names.append(record.display_name)
    if not names:
        return reply
    similar = f"资料中相近的有：{'、'.join(names[:2])}（资料没有说就是您问的这一家）。"
    return Reply(reply.title, [similar, *reply.lines])


def _in_scope(snapshot: Snapshot, match: Match, tz: tzinfo) -> Answer:
    if match.top is not None:
        found = record_of(snapshot.catalog, match.top.doc)
        if isinstance(found, Fact) and part_unheld(match.normalized, found):
            # 281家里有多少家是搞环保的: the fact counts the whole, not that part
            said = [NO_SUCH_FIGURE, found.answer, snapshot.catalog.cite(found, ["answer"])]
            results = [result_of(snapshot.catalog, match.top.doc, match.top.score)]
            return Answer(match.query, False, Intent.UNKNOWN, Reply(found.name, said), results)
    shape = without_places(match.normalized, snapshot.index.places)  # 帮娃娃的组织宝鸡有几个
    other = other_institutions(shape) if not match.named else ""
    if other:  # 宝鸡有哪些学校: the records list social organizations only
        reply = Reply(f"资料中只有社会组织的信息，没有{other}的名单或数目。", [NOT_LISTED_HINT])
        return Answer(match.query, False, Intent.LIST, reply, [])
    if is_list_question(shape) and is_award_question(shape):  # 哪些组织得过奖
        places = [name for _, name in match.places]
        chosen = selections(snapshot.catalog, places)
        if chosen:
            return about(snapshot, match.query, chosen[0], Intent.FIGURE)
        within = chosen_within(snapshot, match)
        if within is not None:  # 渭滨区和金台区各有哪家上了典型事例: 宝鸡市's, of those places
            return within
        where = "".join(places)
        # 未央区被当成优秀典型的街道服务中心是哪几个: no selection, but the kind asked for,
        # with the article's words praising them
        said = praised(snapshot, places, form_asked(shape.replace(" ", "")))
        if said:
            answer = list_answer(snapshot, match)
            if answer.answered:
                lead = f"资料中没有{where}评选的记录；原文写到：“{said}。”"
                answer.reply.lines.insert(0, lead)
                return answer
        none = Reply(f"资料中没有{where}社会组织获奖或入选评选的记录。")
        return Answer(match.query, False, Intent.LIST, none, [])
    housed = housed_named(snapshot, match)
    if housed is not None:  # 张家堡街道社会组织服务中心引进了哪些机构: answered about it
        return housed
    if asks_documents(shape):  # 未央区出了哪些管社会组织的文件: every one
        return documents_answer(snapshot, match)
    besides = other_projects_than(snapshot, match) or each_ones_projects(snapshot, match)
    if besides is not None:  # 秋文社工的项目除了唯爱妈妈还有啥, 秋文、益人行分别搞了啥项目
        return besides
    if is_list_question(shape) and not fact_lists(snapshot, match) and not where_it(match, shape):
        return list_answer(snapshot, match)
    # English read in Chinese words keeps no order: "how many children has the Zhita centre
    # helped" ends with 中心, and is the centre's figure, not a count of centres
    counts = is_count_question(shape, places=bool(match.places), named=match.named)
    counts = counts and not (match.english and match.named)
    if counts and not fact_counts(snapshot, match):
        return list_answer(snapshot, match, counted=True)
    # 未央区有哪些项目: every one, not the best (秋文社工有哪些项目 is its own answer)
    if asks_projects(shape) and not snapshot.lister.named(shape.replace(" ", "")):
        return projects_answer(snapshot, match)
    none_there = none_of_the_form_there(snapshot, match, shape)
    if none_there is not None:  # 未央区有没有联合会: not 渭滨区's, proposed for its words
        return none_there
    results = [result_of(snapshot.catalog, s.doc, s.score) for s in match.results]
    defined = defining_answer(snapshot, match, results)  # 什么是街道社会组织服务中心
    if defined is not None:
        return defined
    intent, decision = Intent(match.intent), Decision(match.decision)
    if intent == Intent.GREETING and decision != Decision.ANSWER:
        reply = THANKS if is_thanks(normalize(match.query)) else GREETING
        return Answer(match.query, False, Intent.GREETING, reply, results)
    if decision == Decision.UNKNOWN or match.top is None:
        held = _figure_held(snapshot, match, intent)
        if held is not None:
            return held
        if asks_any_there(shape.replace(" ", "")) and all_known(snapshot, match):
            # 未央区有没有做残疾人服务的组织: whether any does, by place and need, not 不知道
            listed = list_answer(snapshot, match)
            asked = listed.list_query
            if listed.answered or (asked and (asked.topics or asked.form)):
                return listed  # 宝鸡有没有基金会: none, said so
        if intent == Intent.INTRODUCE or not match.normalized:
            intent = Intent.UNKNOWN
        return Answer(match.query, False, intent, NOT_FOUND, results)
    top = record_of(snapshot.catalog, match.top.doc)
    unheld = None
    if match.named:
        told = ""
        if intent == Intent.FIGURE and isinstance(top, Organization | Project):
            told = "".join(
                f.label + f.text + f.quote for f in family_figures(snapshot.catalog, top)
            )
        unheld = not_held(snapshot.index, match, top, intent, told)
    if unheld is not None:  # 金台区武术协会的教练会不会轻功: not what the records hold
        answer = Answer(match.query, False, Intent.UNKNOWN, unheld, results)
        answer.subject = subject_of(top, snapshot.catalog)  # "它是做什么的" follows it up
        return answer
    together = named_together(match, snapshot.lister, snapshot.catalog) if match.named else None
    if together is not None:  # 智塔和明明心理一共帮了多少人: each one's figures, never a sum
        return together
    if intent == Intent.FIGURE and isinstance(top, Organization | Project):
        figures = partial(family_figures, snapshot.catalog, top)
        away = figure_of_another_place(
            snapshot.catalog, top, figures, match.normalized, match.places
        )
        if away is not None:  # 全国有多少个农村幸福院: the project's 87 are 高新区's
            return Answer(match.query, False, Intent.FIGURE, away, results)
    if decision == Decision.CHOOSE:
        choices = [record_of(snapshot.catalog, doc) for doc in _choices(match)]
        reply = snapshot.composer.choices(choices)
        return Answer(match.query, True, intent, reply, results, choices, top, Decision.CHOOSE)
    upcoming = upcoming_for(snapshot, intent, tz, match.normalized)
    reply = snapshot.composer.answer(top, intent, match.words, upcoming, match.normalized)
    # 智塔有多少员工: a figure of it no record holds. Not in English, whose words the glossary
    # reads too roughly to tell which figure is meant (how many shows: 80余场次): all of them.
    # Unnamed but sure, a count of its people (张家堡那个服务中心有几个工作人员) is asked of it
    # all the same; not a count of what it did (经二路那个合作社帮了多少户: the figures the
    # matcher may have missed, shown).
    people = decision == Decision.ANSWER and bool(counted_person(match.normalized, ""))
    if reply.unheld and (match.named or people) and not match.english:
        answer = Answer(match.query, False, Intent.UNKNOWN, unheld_reply(reply, top), results)
        answer.subject = subject_of(top, snapshot.catalog)  # "它是做什么的" follows it up
        return answer
    note = "" if match.named else other_district_note(match.top.doc, match.places)
    if note:  # 我住金台区…: the one organization that serves it is in 渭滨区
        reply = Reply(reply.title, [note, *reply.lines])
    if decision == Decision.CONFIRM:
        question = confirm_reply(top.display_name)
        return Answer(
            match.query,
            True,
            intent,
            question,
            results,
            top=top,
            decision=decision,
            proposal=reply,
        )
    return Answer(match.query, True, intent, reply, results, top=top, decision=decision)


_NUMBER = re.compile(r"\d")


def _figure_held(snapshot: Snapshot, match: Match, intent: Intent) -> Answer | None:
    """救援资金有多少, 2万人是哪个组织服务的: a figure named by its label or number, with no
    organization the matcher is sure of, answered from the record that holds it."""
    asked = intent == Intent.FIGURE or detect_intent(match.normalized) == Intent.FIGURE
    if not asked and not _NUMBER.search(match.normalized):
        return None
    record = snapshot.holders.holder(match.normalized, snapshot.catalog)
    if record is None:
        return None
    reply = figures_reply(snapshot.catalog, record, match.words, match.normalized)
    result = {"kind": record.KIND, "id": record.id, "name": record.display_name, "score": 0.0}
    answer = Answer(match.query, True, Intent.FIGURE, reply, [result], top=record)
    answer.decision = Decision.ANSWER
    return answer


def followed(
    snapshot: Snapshot, follow: FollowUp, query: str, tz: tzinfo, reply: Reply | None = None
) -> Answer:
    """A follow-up, answered about the record of the chat's context."""
    if reply is None:
        upcoming = upcoming_for(snapshot, follow.intent, tz)
        reply = follow_up_reply(snapshot, follow, upcoming, query)
    record = follow.record
    result = {"kind": record.KIND, "id": record.id, "name": record.display_name, "score": 0.0}
    return Answer(
        query=query,
        answered=True,
        intent=follow.intent,
        reply=reply,
        results=[result],
        top=record,
        decision=Decision.ANSWER,
        context=follow.subject,
    )


def upcoming_for(
    snapshot: Snapshot, intent: Intent, tz: tzinfo, question: str = ""
) -> list[Activity]:
    # Only an activities answer lists them, or one asking for the next (下一场在哪演);
    # sorting every activity per question is waste.
    if intent != Intent.ACTIVITIES and not (question and NEXT_ASKED.search(question)):
        return []
    return upcoming_activities(snapshot.catalog, datetime.now(tz), UPCOMING_DAYS)


def upcoming_activities(catalog: Catalog, now: datetime, days: int) -> list[Activity]:
    """Activities starting between now and `days` later, not cancelled, soonest first."""
    until = now + timedelta(days=days)
    found = [a for a in catalog.activities.values() if not a.cancelled and now <= a.start <= until]
    return sorted(found, key=lambda a: a.start)


def record_of(catalog: Catalog, doc: Doc) -> Record:
    """The record an index document stands for (the snapshot keeps the two in step)."""
    record = catalog.record(doc.kind, doc.id)
    if record is None:
        raise LookupError(f"the index has {doc.kind} {doc.id!r}, the records do not")
    return record


def _choices(match: Match) -> list[Doc]:
    seen: list[Doc] = []
    for scored in match.results:
        if scored.score >= 0.6 * match.results[0].score and scored.doc not in seen:
            seen.append(scored.doc)
    return seen[:5]
