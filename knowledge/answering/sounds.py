"""What the knowledge base's words sound like: each character's readings, each word's as it
is read (家长 is jia zhang, not jia chang), and the pinyin a resident may type for it."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Collection
from functools import lru_cache


def char_pinyin_table() -> dict[str, tuple[str, ...]]:
    """Every common Chinese character's toneless readings (built once, cached with the index)."""
    from pypinyin.pinyin_dict import pinyin_dict

    table: dict[str, tuple[str, ...]] = {}
    for code, readings in pinyin_dict.items():
        if 0x3400 <= code <= 0x9FFF:
            # Most common reading first, as pypinyin lists them.
            table[chr(code)] = tuple(dict.fromkeys(_strip_tone(r) for r in readings.split(",")))
    return table


@lru_cache(maxsize=4096)
def _strip_tone(reading: str) -> str:
    plain = unicodedata.normalize("NFKD", reading)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return plain.replace("ü", "v").lower()


def word_readings(
    word: str, table: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, ...], ...] | None:
    """Each character's possible readings; None when a character has none (not Chinese)."""
    readings = tuple(table.get(c, ()) for c in word)
    return readings if all(readings) else None


def as_read(word: str, readings: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Each character's readings, the one it has in this word first (长 of 家长 is zhang): a
    sound-alike slip sounds like the word as it is said, not like any reading of its
    characters (唱 is no slip for 长 in 家长, nor 刚 for 抗, through its rare gang)."""
    if all(len(options) == 1 for options in readings):
        return readings
    from pypinyin import Style, lazy_pinyin  # its phrase tables load only when needed

    said = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
    if len(said) != len(word):
        return readings
    return tuple(
        (plain, *(r for r in options if r != plain)) if plain in options else options
        for plain, options in zip((_strip_tone(s) for s in said), readings, strict=True)
    )


# Question words a resident may type in pinyin ("zhita dianhua"), so the intent survives.
PINYIN_QUESTION_WORDS = frozenset(
    [
        "电话",
        "联系",
        "联系方式",
        "地址",
        "在哪",
        "在哪里",
        "多少",
        "几家",
        "活动",
        "报名",
        "参加",
        "志愿者",
        "捐款",
        "怎么",
        "哪里",
        # a list or a count asked in pinyin (baoji you naxie shehui zuzhi)
        "哪些",
        "有哪些",
        "几个",
        "有几家",
        "多少家",
        "有多少",
        "有没有",
        "是什么",
        "干什么",
        "做什么",
    ]
)
# Characters that tell no need in a question written in pinyin (zhita zai nali, shi gan
# shenme de): what is left of it unread once its words are read says nothing more.
FILLER_CHARS = (
    "的是在有吗呢了个和跟给我你他她它们这那哪几么吧啊呀去做办干要想能可以会都也还就请问一下里儿"
    "什怎样多少谁些点到找家人"
)


def filler_syllables(table: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """The syllables of FILLER_CHARS, as pinyin is typed (every reading)."""
    return frozenset(r for char in FILLER_CHARS for r in table.get(char, ()))


HOMOPHONE_MAX = 6  # characters: longer words are matched by fuzzy name matching instead


def sound_tables(
    domain_words: set[str],
    char_pinyin: dict[str, tuple[str, ...]],
    spelt_words: Collection[str] = (),
) -> tuple[dict[tuple[str, str], list[tuple[tuple[tuple[str, ...], ...], str]]], dict[str, str]]:
    """What the knowledge base's words sound like: its words by their first two syllables
    (for sound-alike typos), and the pinyin a resident may type for each (for pinyin input);
    `spelt_words` (whole names, legal forms) are given their pinyin only, as they are read
    (金台区武术协会 is jintaiquwushuxiehui)."""
    homophones: dict[tuple[str, str], list[tuple[tuple[tuple[str, ...], ...], str]]] = defaultdict(
        list
    )
    spelt: list[tuple[str, list[str]]] = []
    done: set[str] = set()
    umlauts = _umlaut_readings()
    for word in sorted(domain_words | PINYIN_QUESTION_WORDS, key=lambda w: (len(w), w)):
        # Long names are left to fuzzy matching; keeping them here would make every
        # lookup walk thousands of names that share a district's syllables.
        readings = word_readings(word, char_pinyin) if 2 <= len(word) <= HOMOPHONE_MAX else None
        if readings is None:
            continue
        if word in domain_words:
            spoken = as_read(word, readings)
            for first in readings[0]:
                for second in readings[1]:
                    homophones[(first, second)].append((spoken, word))
        spelt.append((word, _spellings(_typed(word, readings, umlauts))))
        done.add(word)
    for word in sorted(set(spelt_words) - done, key=lambda w: (len(w), w)):
        readings = word_readings(word, char_pinyin) if len(word) >= 2 else None
        if readings is not None:
            spelt.append((word, _spellings(_typed(word, as_read(word, readings), umlauts))))
    # Every word's usual spelling before any through a rarer reading ("wuyi" is 武艺, not
    # 舞台 read through 台's rare yi); among equals, the shorter word.
    pinyin_words: dict[str, str] = {}
    for rank in range(max((len(options) for _, options in spelt), default=0)):
        for word, options in spelt:
            if rank < len(options):
                pinyin_words.setdefault(options[rank], word)
    return dict(homophones), pinyin_words


def residents_spellings(
    table: dict[str, str], char_pinyin: dict[str, tuple[str, ...]]
) -> dict[str, str]:
    """The pinyin a resident may type for the words table's own words, each read as the
    standard word it stands for (ren yi kuai tian: 认一块田, which is 认购土地): a question in
    pinyin is read after the table has rewritten the Chinese ones."""
    umlauts = _umlaut_readings()
    found: dict[str, str] = {}
    for word, standard in sorted(table.items(), key=lambda item: (len(item[0]), item[0])):
        readings = word_readings(word, char_pinyin) if 2 <= len(word) <= HOMOPHONE_MAX else None
        if readings is None:
            continue
        for spelling in _spellings(_typed(word, as_read(word, readings), umlauts)):
            found.setdefault(spelling, standard)
    return found


def _umlaut_readings() -> dict[str, tuple[str, ...]]:
    """The characters read with ü (女, 旅, 律), each as typed with v: nv, lv (the readings
    table writes them nu, lu, as the letters are without their marks)."""
    from pypinyin.pinyin_dict import pinyin_dict

    found: dict[str, tuple[str, ...]] = {}
    for code, readings in pinyin_dict.items():
        if not 0x3400 <= code <= 0x9FFF:
            continue
        # ǚ is u, a diaeresis and a tone mark once decomposed
        spelt = [unicodedata.normalize("NFKD", r) for r in readings.split(",")]
        typed = [_strip_tone(r.replace("u\u0308", "v")) for r in spelt if "u\u0308" in r]
        if typed:
            found[chr(code)] = tuple(dict.fromkeys(typed))
    return found


def _typed(
    word: str, readings: tuple[tuple[str, ...], ...], umlauts: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, ...], ...]:
    """Each character's readings as a resident may type them: 女 is nu, or nv (last)."""
    if not any(c in umlauts for c in word):
        return readings
    return tuple((*r, *umlauts.get(c, ())) for c, r in zip(word, readings, strict=True))


def _spellings(readings: tuple[tuple[str, ...], ...], limit: int = 8) -> list[str]:
    """Ways to type a word in pinyin (polyphones give a few), without spaces."""
    spellings = [""]
    for options in readings:
        spellings = [s + r for s in spellings for r in options][:limit]
    return spellings
