"""The rules of scope for a question asked in English: the same refusals as the Chinese rules
(other people's private lives, medicine, permits and offices, prices, schools, sights and
shops, gossip), read on the English words themselves. The glossary (the `words` table)
carries an English question's need into Chinese words for the matcher, but not its frame:
"is the director of Mingming married" has no 负责人…结婚 to match once translated, so these
say it in English. Tried after the Chinese rules (scope_rules.py): a question in Chinese
never matches them, having no English words.
"""

from __future__ import annotations

import re

from knowledge.answering.scope_kinds import Refusal, Rule, any_of

# The people of an organization, or anyone named: their private lives are theirs.
_PEOPLE = (
    r"\b(director|head|leader|boss|chair(man|woman|person)?|president|founder|manager|staff"
    r"|employees?|workers?|teachers?|coach(es)?|counsel+ors?|therapists?|volunteers?"
    r"|social workers?|reporters?|journalists?|doctors?|he|she|they)\b"
)
_PRIVATE_LIFE = (
    r"\b(married|single|girlfriend|boyfriend|divorced|dating|how old|religion|religious"
    r"|handsome|good.looking|prett(y|ier|iest)|beautiful|rich|wealthy|hometown|drives?|car)\b"
)
# A service asked for: who or where helps, a kind of care.
_CARE = (
    r"\b(therap\w*|rehab\w*|intervention|training|counsel\w*|psycholog\w*|social work\w*"
    r"|support|care|ngos?|organi[sz]ations?|volunteer\w*|cent(er|re)s?)\b"
)

ENGLISH_RULES: tuple[Rule, ...] = (
    Rule(  # someone's private life, whoever is named
        Refusal.PERSONAL_DATA,
        any_of(
            rf"{_PEOPLE}.{{0,50}}{_PRIVATE_LIFE}",
            r"\b(handsome|good.looking|pretty|beautiful|cutest|sexiest)\b.{0,30}" + _PEOPLE,
            # the people taking part, listed: the list of children who joined
            r"\b(list|names?) of (the |all )?(children|kids|students|participants|donors|members"
            r"|volunteers|elderly|residents|families|households|people|visitors|clients)\b",
            r"\b(is|are) (he|she|they) (married|single)\b",
            # the number of one of its people: phone number of the teacher at Zhita
            r"\b(phone|mobile|cell|number|wechat|address|contact|email)\b.{0,20}\bof (the |a |that |this "
            r"|your |their )?(teachers?|coach(es)?|volunteers?|counsel+ors?|therapists?|social workers?"
            r"|staff|workers?|employees?|donors?|doctors?)\b",
            r"\bhome address\b|\bwhere (does|do) (he|she|they|the \w+) live\b"
            r"|\b(personal|private) (life|lives|info\w*|details|data)\b",
        ),
        named_lifts=False,
    ),
    Rule(  # a medicine, a dose, an illness treated: never a service of ours
        Refusal.MEDICAL,
        any_of(
            r"\b(medicines?|medications?|drugs?|pills?|doses?|dosage|prescri\w+|vaccin\w+"
            r"|surgery|operation|side effects?|injections?)\b",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.MEDICAL,
        any_of(
            r"\b(hospitals?|clinics?|doctors?|physicians?|pharmac(y|ies)|drugstores?|dentists?"
            r"|seizures?|epilep\w+|fever|cough\w*|flu|diabetes|blood pressure|cancer|symptoms?"
            r"|diagnos\w+|cure[sd]?|pregnan\w+)\b",
        ),
        unless=re.compile(_CARE.replace(r"|support|care", "")),
    ),
    Rule(  # permits and papers are a government office's, whoever is named
        Refusal.GOVERNMENT,
        any_of(
            r"\b(visas?|residence permits?|work permits?|passports?|hukou|household registration"
            r"|immigration|exit.entry|customs|driv(er|ing)'?s? licen[cs]es?|id cards?"
            r"|police stations?|embassy|consulate)\b",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.POLICY,
        any_of(
            r"\b(social insurance|social security|medical insurance|health insurance|pensions?"
            r"|taxe?s?|tax refund|minimum living|dibao)\b",
        ),
        named_lifts=False,
    ),
    Rule(  # prices, tickets, buying and selling, whoever is named
        Refusal.MARKET,
        any_of(
            # (helping farmers sell, opening up markets: services of ours)
            r"\b(prices?|priced|cheap(er|est)?|expensive|discounts?|tickets?|buy|buying|bought"
            r"|shops?|shopping|malls?|supermarkets?|stores?|electronics)\b",
            r"\brent(ing)? (an? )?(apartment|flat|house|room)\b",
            r"\bper (mu|jin|kg|kilo\w*|square met(er|re)s?|sqm|acre|hectare|cup|bottle)\b",
        ),
        named_lifts=False,
    ),
    Rule(
        Refusal.SCHOOLING,
        any_of(
            r"\b(international|private|public|bilingual|foreign) (schools?|kindergartens?)\b",
            r"\b(enrol\w*|admissions?|entrance exams?|exams?|tutor\w*|homework)\b",
            r"\b(which|what|a|good|best) (school|kindergarten|university|college)\b"
            r".{0,30}\bfor (my|our)\b",
        ),
        named_lifts=False,
    ),
    Rule(  # sights, trips and getting about, food and fun: nothing an organization serves
        Refusal.OFF_TOPIC,
        any_of(
            r"\b(terracotta|warriors|temples?|museums?|pagodas?|city wall|attractions?|scenic"
            r"|travel\w*|trips?|tours?|airports?|taxis?|didi|metro|subway|buses|bus"
            r"|directions|how (do i|to|can i|can we|do we) get to|movies?|cinemas?|bars?"
            r"|nightlife|food|eat|dumplings|noodles|coffee)\b",
        ),
        named_lifts=False,
    ),
    Rule(  # gossip and rumours, about anyone; whether someone is a good person
        Refusal.OPINION,
        any_of(
            r"\b(gossip\w*|scandals?|scams?|fraud\w*|rumou?rs?|drama)\b",
            r"\b(good|bad|nice|honest|trustworthy|kind) (person|man|woman|guy|people)\b",
        ),
        named_lifts=False,
    ),
    Rule(  # officials, whoever is named
        Refusal.OFFICIAL,
        any_of(
            r"\b(mayor|governor|party secretary|officials?|corrupt\w*|bribe\w*)\b",
            r"\b(head|leader|chief) of the (city|district|province|bureau|government)\b",
        ),
        named_lifts=False,
    ),
    Rule(  # an organization's money: the articles count people served, never its accounts
        Refusal.FINANCES,
        any_of(
            r"\b(budgets?|revenues?|turnover|(?<!non-)(?<!non)profits?|payroll|expenditures?|balance sheets?"
            r"|financial (reports?|statements?)|(annual|monthly|yearly|total|its|their)"
            r" (income|expenses|spending))\b",
            # what its people are paid (low income, unpaid wages: needs of ours or the law's)
            r"\b(how much|what)\b.{0,40}\b(salar(y|ies)|wages?|paid|earns?)\b",
            r"\b(spend|spends|spending|costs? to run)\b.{0,20}\b((each|every|per|a) year|annually)\b",
        ),
        named_lifts=False,
    ),
    Rule(  # an organization's leader, founding or staff: the articles name none of them
        Refusal.REGISTRY,
        any_of(
            r"\bwho (is|are|was|were) (the |its |their )?(director|head|leader|chair\w*|president"
            r"|founder|boss|manager|principal)s?\b",
            # (when a project or a camp started is its period, held)
            # (a Chinese name runs into the English word: 关爱中心founded, no \b between them)
            r"\b(when|what year|which year) (was|were|did)(?![a-z]).{0,60}(?<![a-z])(found(ed)?"
            r"|establish(ed)?|set up|register(ed)?)\b",
            r"(?<![a-z])(found(ed)?|establish(ed)?|set up|register(ed)?) (in|on) (which|what) (year|date)\b",
            r"\b(founding|establishment) (date|year)\b|(?<![a-z])(found(ed)?|establish(ed)?|set up) when\b"
            r"|\bhow old is(?![a-z])|\bhow long ha(s|ve)\b.{0,60}(?<![a-z])(existed|been around|been set up)\b",
            r"\bhow many (full.time |paid )?(staff|employees|workers|teachers|coaches|counsel+ors"
            r"|therapists|social workers|members)\b(?! of the public)",
            # the count asked in Chinese, the people in English: 现在有多少 members
            r"(多少|几)[个名位]?(full.time |paid )?(staff|employees|workers|members)\b(?! of the public)",
        ),
        # a project's or a camp's start is its period, which the records give
        unless=re.compile(r"\b(projects?|programm?es?|camps?|activit\w+|events?|stage|schools?)\b"),
        named_lifts=False,
    ),
    Rule(  # work asked of the bot: a sum, a summary, a text rewritten
        Refusal.TASK,
        any_of(
            r"\b(calculate|compute|summari[sz]e|summary of|sum up|paraphrase|rewrite|proofread"
            r"|do the math)\b|\btl;?dr\b",
        ),
        named_lifts=False,
    ),
    Rule(  # a case won: no legal service promises a verdict, whoever is named
        Refusal.LEGAL,
        any_of(r"\b(win|won|lose|lost) (my|the|our|this|a|his|her) (case|lawsuit|suit)\b"),
        named_lifts=False,
    ),
    Rule(  # a case at law: legal aid, advice or mediation asked for is ours
        Refusal.LEGAL,
        any_of(
            r"\b(divorc\w*|sue|suing|lawsuits?|custody|inheritance|alimony|court|contracts?"
            r"|compensation|illegal|legally)\b",
        ),
        unless=re.compile(r"\blegal (aid|help|advice|service)|\bmediat\w*|\bfree lawyers?\b"),
    ),
)
