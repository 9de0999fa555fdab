"""Topics for an imported organization, read from its 业务范围 and 名称 through the topics'
synonyms (the words residents use), so it shows under /orgs 按主题 and answers needs.

Inferred topics are marked (`inferred_topics`) for staff to review (`orgbot kb stats
--inferred`); a topic staff give themselves is never replaced by an inferred one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

MAX_TOPICS = 3
# Words of registry boilerplate that every association's 业务范围 holds ("宣传贯彻方针政策，
# 开展业务培训、学习交流和公益活动"): as a sign of a topic they would tag everyone.
BOILERPLATE = frozenset(
    {
        "政策",
        "民政局",
        "民政部",
        "学习",
        "培训",
        "公益",
        "公益活动",
        "沟通",
        "社会团体",
        "民办非企业单位",
        "民非",
        "社团",
        "实施方案",
        "考核细则",
        "联席会议",
        "专项行动",
        "典型事例",
        "申请",
        "入驻",
    }
)


class TopicReader:
    """Finds the topics whose words stand in a text (longest word first at each place)."""

    def __init__(self, topics: Mapping[str, Mapping[str, Any]]) -> None:
        self.order = list(topics)
        words: dict[str, str] = {}
        for name, topic in topics.items():
            for word in [name, *topic.get("synonyms", [])]:
                if len(word) >= 2 and word not in BOILERPLATE:
                    words.setdefault(word, name)
        self.topic_of = words
        starts: dict[str, list[str]] = defaultdict(list)
        for word in sorted(words, key=len, reverse=True):
            starts[word[0]].append(word)
        self.starts = dict(starts)

    def topics(self, texts: Iterable[str]) -> list[str]:
        hits: dict[str, int] = defaultdict(int)
        for text in texts:
            i = 0
            while i < len(text):
                for word in self.starts.get(text[i], ()):
                    if text.startswith(word, i):
                        hits[self.topic_of[word]] += 1
                        i += len(word) - 1
                        break
                i += 1
        ranked = sorted(hits, key=lambda t: (-hits[t], self.order.index(t)))[:MAX_TOPICS]
        return [t for t in self.order if t in ranked]
