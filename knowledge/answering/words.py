"""Residents' words → the knowledge base's words, before a question is cut into words.

The table is reviewed knowledge (knowledge/data/words.yaml, the `words` table): Shaanxi
dialect and plain spoken Chinese (碎娃 → 孩子, 咋 → 怎么), voice-input slips (心里咨询 →
心理咨询), needs told as a situation (放学没人接 → 课后托管) and a small English glossary
(autism → 自闭症). Longer words are replaced first; a word inside a longer word that keeps its
own meaning (额 in 金额, a name of the knowledge base) is left as it is. A word with a gap
(叫…不应, 说话…不清楚) is a need told with a few words of the resident's own in the middle
(叫他也不应, 说话还不清楚): up to GAP_CHARS Chinese characters stand for the gap.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from knowledge.answering.text import normalize

GAP = "…"
GAP_CHARS = 4
_ASCII_RE = re.compile(r"[a-z0-9 ]+")
_LATIN = re.compile(r"[a-z]")
# Left out of an English question once its glossary words are read: they say nothing about
# the need (the question words a resident asks with are in the glossary).
_ENGLISH_STOP = """a an the is are was were be been being am there here any some for in on at of to with from by
    about and or but so i my me mine we us our you your he she his her they them their it its
    this that these those do does did can could would should will shall may might must please
    help helps need needs want wants looking look find know tell get got have has had any
    anyone someone somebody something thing things s d ll m re ve t if just also very really
    much many lot lots kind sort way ways one ones near around nearby city area what who
    which how whom whose why helped helping offer offers provide provides run runs get gets
    go going place places district people person new good best local support assistance
    information info details like anywhere somewhere hello hi hey thanks thank live lives
    living stay stays staying tell about other others all anything everything dad father
    meet issue issues problem problems feel feels feeling small neighbor neighbour neighbors
    neighbours pls plz doing done goes went come comes came say says said see make makes made
    use used ok okay yes no not dont cant still already now today currently far ever every
    each both such as than then too more most only own same into out up down off over again
    once quite well great nice better right sure maybe perhaps actually even else whether
    while via per since until before after during recently wonder wondering curious ask
    asking question questions show give let lets moved move anybody everyone everybody talk
    work works working"""
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_STOP.split())
# A misspelt English word (psycholgist, organisaton) is read as the glossary's or a stop word
# this close to it: one letter off in a word of 5 to 7, two in a longer one.
TYPO_MIN = 5
TYPO_LONG = 8


@dataclass(frozen=True)
class Standardized:
    text: str
    english: bool  # the question was (partly) in English: the reply says details are Chinese


def table_entries(records: dict[str, dict[str, object]]) -> dict[str, str]:
    """The `words` records as normalized word → normalized standard word."""
    table: dict[str, str] = {}
    for record in records.values():
        # normalize() would make the gap a space: each side is normalized on its own.
        parts = [normalize(part) for part in str(record["word"]).split(GAP)]
        word, standard = GAP.join(parts), normalize(str(record["standard"]))
        if all(parts) and standard and word != standard:
            table[word] = standard
    return table


def table_guards(records: dict[str, dict[str, object]]) -> set[str]:
    """The words that keep their meaning although they hold a word of the table."""
    guards: set[str] = set()
    for record in records.values():
        items = record.get("not_in") or []
        guards.update(normalize(str(w)) for w in items if isinstance(items, list))
    return guards


def english_words(records: dict[str, dict[str, object]], places: Collection[str]) -> set[str]:
    """English words of the table that are English, not a place's pinyin (Baoji, Weiyang):
    a pinyin question is no English question."""
    return {
        normalize(str(r["word"]))
        for r in records.values()
        if r.get("kind") == "english" and normalize(str(r["standard"])) not in places
    }


# English asks for a list anywhere ("…, list please", "…, which ones?"); Chinese asks first
# (列出宝鸡做儿童的组织, 哪些组织…), and projects after the place (未央区有哪些项目).
_LIST_ASKED = ("列出", "哪些")
_PROJECTS = "项目"
# "how many … are there" counts: 有哪些 (are there) would ask for the list instead.
_COUNTED, _THERE_ARE = "多少", "有哪些"


def _in_chinese_order(text: str) -> str:
    """An English question's list and count words where Chinese puts them."""
    words = text.split()
    if _COUNTED in words and _THERE_ARE in words:
        words = [w for w in words if w != _THERE_ARE]
    asked = [w for w in words if w in _LIST_ASKED or w == _THERE_ARE]
    if not asked:
        return " ".join(words)
    rest = [w for w in words if w not in asked]
    if _PROJECTS in rest:
        return " ".join([*(w for w in rest if w != _PROJECTS), _THERE_ARE + _PROJECTS])
    if words[0] in asked:
        return " ".join(words)
    return " ".join([asked[0], *rest])


# The synonym groups (synonyms.yaml) that name whom a story is about: children, the elderly,
# mothers, parents.
PERSONS = frozenset({"S:孩子", "S:老人", "S:妈妈", "S:家长"})
TOPIC = "T:"  # a topic's key among a word's expansions (index_vocabulary)


def _serves(need: str, person: str, expansions: dict[str, tuple[str, ...]]) -> bool:
    """Whether a need is of the person's own topic (留守儿童 and 儿童 are both children's):
    then the person is whom the service is for, not only whom the story is about."""
    topics = {k for k in expansions.get(need, ()) if k.startswith(TOPIC)}
    return not topics or bool(topics.intersection(expansions.get(person, ())))


def whom_told(words: list[str], expansions: dict[str, tuple[str, ...]]) -> set[str]:
    """The persons a question names (孩子, 老人) beside a need of another topic it tells
    (吵架 of 我跟娃他爸一说话就吵，娃都不敢吭声了): whom the story is about. A record serving
    the need need not account for them (matcher.py's coverage)."""
    persons = [w for w in words if PERSONS.intersection(expansions.get(w, ()))]
    if not persons:
        return set()
    theirs = {k for w in persons for k in expansions.get(w, ()) if k.startswith(TOPIC)}
    for word in words:
        if word not in persons and any(
            k.startswith(TOPIC) and k not in theirs for k in expansions.get(word, ())
        ):
            return set(persons)
    return set()


def without_whom(
    content: list[str],
    words: list[str],
    plain: str,
    needs: Collection[str],
    expansions: dict[str, tuple[str, ...]],
) -> list[str]:
    """The search words without the person named inside a need the table wrote (孩子 of 吼孩子
    for 吼娃, 儿童 of 儿童保护 for 被同学欺负): who the story is about, not what happened,
    which would otherwise find whoever serves children before whoever serves the need.
    `words`: the question's words, `plain`: its text before the table rewrote it, `needs`:
    the table's standard words of three characters or more. A person the resident wrote on
    their own still counts."""
    told = [w for w in words if w in needs and w not in plain]
    if not told:
        return content
    whom = {
        group
        for need in told
        for w in content
        if w in need and w != need and not _serves(need, w, expansions)
        for group in PERSONS.intersection(expansions.get(w, ()))
    }
    if not whom:
        return content
    return [w for w in content if not whom.intersection(expansions.get(w, ()))]


class Wording:
    """Rewrites a normalized question in the knowledge base's words, left to right, the
    longest word first at each place (looked up by first character: a long story takes tens
    of microseconds, where one regular expression of every word took a millisecond)."""

    def __init__(
        self,
        table: dict[str, str],
        guards: list[str],
        english: set[str],
        pinyin: Collection[str] = (),
    ) -> None:
        gapped = sorted((w for w in table if GAP in w), key=lambda w: (-len(w), w))
        # A few entries, tried in turn, longest first: 跟…吵架 before 跟…吵.
        gap = f"[\u4e00-\u9fff]{{0,{GAP_CHARS}}}"
        # Each with its characters: one missing from the text is told faster than the pattern
        # is tried (a hundred patterns tried took a short question 40 microseconds).
        self._gapped = [
            (
                frozenset(w.replace(GAP, "")),
                re.compile(gap.join(map(re.escape, w.split(GAP)))),
                table[w],
            )
            for w in gapped
        ]
        table = {w: s for w, s in table.items() if GAP not in w}
        # An English word's plural in -ies (agencies, communities) is the word too.
        plurals = {w[:-1] + "ies": w for w in table if w.isascii() and w.endswith("y")}
        table |= {p: table[w] for p, w in plurals.items() if p not in table}
        english = english | {p for p, w in plurals.items() if w in english}
        self.table = table
        self.english = english
        self.pinyin = frozenset(pinyin)  # pinyin a resident may type: no misspelt English
        # Single English words a misspelling is compared with (stop words read as nothing).
        self._spellable = sorted(
            {w for w in table if w.isascii() and w.isalpha() and len(w) >= TYPO_MIN - 1}
            | {w for w in ENGLISH_STOP_WORDS if len(w) >= TYPO_MIN - 1}
        )
        self.guards = {g for g in guards if g not in table}
        starts: dict[str, list[str]] = {}
        for word in [*table, *self.guards]:
            if word:
                starts.setdefault(word[0], []).append(word)
        # At one place the longest word wins; a guard over a table word of the same length.
        self._starts = {
            char: tuple(sorted(words, key=lambda w: (-len(w), w not in self.guards, w)))
            for char, words in starts.items()
        }
        chars = "".join(sorted(starts))
        self._first = re.compile(f"[{re.escape(chars)}]") if chars else None

    def standardize(self, text: str) -> Standardized:
        chars = set(text)
        for needed, pattern, standard in self._gapped:
            if needed <= chars:
                rewritten = pattern.sub(standard, text)
                if rewritten != text:
                    text, chars = rewritten, set(rewritten)
        if self._first is None or not text:
            return Standardized(text, False)
        english = False
        parts: list[str] = []
        done = 0
        found = self._first.search(text)
        while found is not None:
            at = found.start()
            hit = self._word_at(text, at)
            if hit is None:
                found = self._first.search(text, at + 1)
                continue
            word, end = hit
            if word not in self.guards:
                english = english or word in self.english
                standard = self.table[word]
                # Keep English apart from Chinese: "lonely old people" → " 空巢老人 ".
                parts += [text[done:at], f" {standard} " if word.isascii() else standard]
                done = end
            found = self._first.search(text, end)
        if not parts:
            rewritten = text
        else:
            parts.append(text[done:])
            rewritten = " ".join("".join(parts).split())
        latin = [w for w in rewritten.split() if _ASCII_RE.fullmatch(w) and not w.isdigit()]
        if not english and latin:
            english = sum(w in ENGLISH_STOP_WORDS for w in latin) >= 2
        if english:
            kept = (self._spelt(w) for w in rewritten.split() if w not in ENGLISH_STOP_WORDS)
            rewritten = _in_chinese_order(" ".join(w for w in kept if w))
        return Standardized(rewritten, english)

    def _spelt(self, word: str) -> str:
        """An English word as the glossary would read it once its misspelling is undone: the
        standard word, "" for a stop word, or the word itself (a name's pinyin, a word the
        glossary does not know)."""
        if len(word) < TYPO_MIN or not word.isalpha() or not word.isascii():
            return word
        if word in self.pinyin:
            return word
        found = process.extractOne(
            word,
            self._spellable,
            scorer=Levenshtein.distance,
            score_cutoff=1 if len(word) < TYPO_LONG else 2,
        )
        if found is None:
            return word
        return self.table.get(found[0], "")

    def _word_at(self, text: str, at: int) -> tuple[str, int] | None:
        """The table word or guard starting at `at` (the longest), and where it ends."""
        words = self._starts[text[at]]
        if not text.startswith(words, at):  # mostly: one test in C
            return None
        for word in words:
            if not text.startswith(word, at):
                continue
            end = at + len(word)
            if not word.isascii():
                return word, end
            # An English word stands alone, perhaps in the plural.
            if at and _LATIN.match(text, at - 1):
                continue
            for ending in ("", "s", "es"):
                if text.startswith(ending, end) and not _LATIN.match(text, end + len(ending)):
                    return word, end + len(ending)
        return None
