"""The rules of scope about what the bot itself is asked to do or to be, whoever is named: a
method taught (教我咋种西红柿), a care given (你直接给我疏导一下, 你就当咨询师陪我聊聊), a partner
found (给我介绍个对象). Asking who teaches, gives the care or helps (谁能给我做个心理疏导, 智塔能
教我怎么跟孩子相处吗) is a service asked for, and ours. Tried after the topics (scope_rules.py).
"""

from __future__ import annotations

import re

from knowledge.answering.scope_kinds import Refusal, Rule, any_of

REQUEST_RULES: tuple[Rule, ...] = (
    Rule(  # a method asked of the bot itself (智塔能教我怎么带自闭症孩子吗 asks a service)
        Refusal.HOW_TO,
        # a clause that opens with it, or 你 before it (能教我… after a name asks a service)
        any_of(r"教(?<![^\s,.?!，。？！你]教)(教)?我(咋|怎么|如何|怎样)"),
        unless=re.compile(r"谁|哪|有没有|能不能|可不可以|可以|能[^,.?!，。？！]{0,10}(吗|不|么)"),
        named_lifts=False,
    ),
    Rule(  # the bot asked to give a care itself (谁能给我做个心理疏导 asks who does)
        Refusal.SERVED_HERE,
        any_of(
            r"(你|您|直接)[^,.?!，。？！]{0,20}(给|帮|替|陪)我(做|进行|来)?(个|一下|一次|一回)?(心理)?"
            r"(疏导|咨询|辅导|开导|诊断|测评|评估|干预|治疗|聊聊|谈谈)(疏导|开导|辅导)?(一下|下|吧|呗|嘛)?"
            r"[,.?!，。？！]?$",
            # …or in a clause of its own, told doubled: 心里憋屈得很，给我疏导疏导吧
            # (the clause's start read behind 给/帮, so the search skips ahead to them)
            r"(给|帮)(?<![^,.?!，。？！\s请][给帮])我(疏导疏导|开导开导|疏导一下|开导一下|疏导下|开导下)"
            r"(吧|呗|嘛)?[,.?!，。？！]?$",
            # the bot cast as one of its people: 你就当明明心理的咨询师，陪我聊聊
            r"(你|您)(就)?(当|扮演|演|做)(一下|一回)?[^,.?!，。？！]{0,12}(咨询师|心理师|老师|医生|社工|律师|教练)"
            r"(?![^,.?!，。？！]{0,6}(在哪|哪里|电话|联系))",
        ),
        unless=re.compile(r"谁|哪|有没有|推荐|介绍"),
        named_lifts=False,
    ),
    Rule(  # a partner found for the resident, whoever is asked (婚姻家庭辅导 is a service)
        Refusal.DATING,
        any_of(
            r"(介绍|找|说)(个|一个|门)?(对象|女朋友|男朋友|女票|男票|媳妇|老婆|老公|婆姨|亲事)"
            r"|相亲|婚介|红娘|脱单|征婚|对象(都)?没(找|有)|(还|一直)单(着|身)(呢)?[,.?!，。？！]?[^,.?!，。？！]{0,6}(介绍|找)",
            r"\b(find|introduce)( me)? (a |an )?(girlfriend|boyfriend|wife|husband|partner|date)\b"
            r"|\bmatchmak\w*|\bblind date",
        ),
        named_lifts=False,
    ),
)
