"""What a resident wrote, read generously: pinyin, sound-alike typos and misspelt names."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import TypeVar

from rapidfuzz import fuzz, process

from knowledge.answering.index import Index
from knowledge.answering.sounds import filler_syllables
from knowledge.answering.text import has_cjk

NAME_MENTION = 6.0  # a name or alias spelt out in the question
HOMOPHONE_FACTOR = 0.8  # a sound-alike counts for less than the word itself
FUZZY_NAME_MIN = 82  # rapidfuzz partial_ratio for a misspelt name
HOMOPHONE_WINDOW = 80  # characters of a long story searched for sound-alike typos
FUZZY_WINDOW = 80  # characters of a long message that propose misspelt names
FUZZY_GRAM_LIMIT = 2000  # character pairs in more documents than this say nothing
FUZZY_DOCS = 20  # documents whose names are compared letter by letter
MEMO_SIZE = 50_000  # character pairs whose sound-alikes are remembered
RUN_WORDS = 8  # Latin words one known word's pinyin may be spread over

_K = TypeVar("_K")
_V = TypeVar("_V")
# A known word and each of its characters' readings.
SoundAlike = tuple[tuple[tuple[str, ...], ...], str]


class Spelling:
    """Reads past the ways residents misspell: pinyin, sound-alikes, near-miss names."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._seg = index.segmenter
        self._name_prefixes = {name[:2] for name in index.names}
        # Looking them up again for every pair of every question took a fifth of the
        # matcher's time on the question sets.
        self._sound_alikes_of: dict[str, list[SoundAlike]] = {}
        self._fillers = filler_syllables(index.char_pinyin)
        # every syllable a character is read as: a word read inside a longer one must end
        # where a syllable does (xiang is no 西安 and a g)
        self._syllables = frozenset(r for readings in index.char_pinyin.values() for r in readings)

    def from_pinyin(self, text: str, english: bool = False) -> str:
        """Pinyin runs (wushu xiehui, zhita, anxin xiaowu) become the knowledge-base words
        they spell.

        A word that spells nothing stays in an English question (meals, opera), and in a
        question written in pinyin when it is no filler syllable (waiguoren juliu, beside
        zai … nali): a word the knowledge base does not know is part of what was asked, and
        the answer gate must see that the best match accounts for none of it."""
        parts = text.split()
        if not any(_is_latin(p) for p in parts):
            return text
        # In the order written (zhita 的电话 stays 智塔 的电话), each word read or not.
        words: list[tuple[str, bool | None]] = []
        run: list[str] = []
        for part in [*parts, ""]:
            if part and _is_latin(part):
                run.append(part)
                continue
            if run:
                words += self._read_run(run)
                run = []
            if part:
                words.append((part, None))  # not Latin: as written
        if not english:
            # Letters that read as nothing were dropped unless the resident writes pinyin.
            writes_pinyin = any(read for _, read in words)
            words = [
                (w, read)
                for w, read in words
                if read is not False or (writes_pinyin and not self._is_filler(w))
            ]
        return " ".join(word for word, _ in words).strip()

    def _read_run(self, run: list[str]) -> list[tuple[str, bool | None]]:
        """A run of Latin words, each with whether it was read: the longest stretch of whole
        words spelling a known word first (anxin xiaowu → 安心小屋), else what one word
        spells, else the word unread."""
        table = self.index.pinyin_words
        words: list[tuple[str, bool | None]] = []
        i = 0
        while i < len(run):
            for k in range(min(len(run), i + RUN_WORDS), i, -1):
                joined = "".join(run[i:k])
                word = table.get(joined) if len(joined) >= 4 else None
                if word:
                    words.append((word, True))
                    i = k
                    break
            else:
                found = self._pinyin_words(run[i])
                words.append((found or run[i], bool(found)))
                i += 1
        return words

    def _is_filler(self, word: str) -> bool:
        """Whether a word is only syllables that tell no need (shi, zai, nali's ones)."""
        return _syllables_of(word, self._fillers)

    def _pinyin_words(self, letters: str) -> str:
        found: list[str] = []
        i, n = 0, len(letters)
        table = self.index.pinyin_words
        while i < n:
            for j in range(min(n, i + 40), i + 3, -1):
                word = table.get(letters[i:j])
                if word and (j == n or self._starts_syllable(letters[j:])):
                    found.append(word)
                    i = j
                    break
            else:
                i += 1
        return " ".join(found)

    def _starts_syllable(self, letters: str) -> bool:
        """Whether the letters begin with a syllable (at most six letters: zhuang)."""
        return any(letters[:k] in self._syllables for k in range(1, min(len(letters), 6) + 1))

    def homophones(self, text: str, text_pairs: list[str]) -> dict[str, str]:
        """Known words that a misspelt stretch of the question (its character pairs given)
        sounds like (心里咨询 → 心理咨询)."""
        found: dict[str, tuple[int, str]] = {}
        for i, pair in enumerate(text_pairs):
            candidates = self._sound_alikes_of.get(pair)
            if candidates is None:
                candidates = self._sound_alikes(pair)
                remember(self._sound_alikes_of, pair, candidates)
            if candidates:
                self._sound_alike_at(text, i, candidates, found)
        return {written: word for written, (_, word) in found.items()}

    def _sound_alike_at(
        self, text: str, i: int, candidates: list[SoundAlike], found: dict[str, tuple[int, str]]
    ) -> None:
        table = self.index.char_pinyin
        for readings, word in candidates:
            size = len(readings)
            written = text[i : i + size]
            if len(written) < size or written == word:
                continue
            # The pair sounds right already; so must every later character (a space or a
            # letter has no reading: a word never spans two runs of Chinese).
            if any(set(table.get(written[k], ())).isdisjoint(readings[k]) for k in range(2, size)):
                continue
            if self._seg.is_word(written):
                continue
            # A slip is typed by a character's usual sound, and sounds like the word as it is
            # said (readings[k][0], sounds.as_read): 上台给大家 is no 太极 through 给's rare
            # reading ji, 家唱 no 家长 through 长's chang.
            if any(table.get(written[k], ("",))[0] != readings[k][0] for k in range(size)):
                continue
            # 屋一 sounds like 武艺 and, through 台's rare reading yi, like 舞台: prefer the
            # word whose usual readings are the characters' usual readings.
            usual = 0
            for k in range(size):
                sounds = table.get(written[k], ())
                mine, theirs = (sounds or ("",))[0], readings[k][0]
                usual += 2 * (mine == theirs) + (mine in readings[k]) + (theirs in sounds)
            candidate = (-usual, word)
            if written not in found or candidate < found[written]:
                found[written] = candidate

    def _sound_alikes(self, pair: str) -> list[SoundAlike]:
        """Known words whose first two characters sound like this pair (and could be misspelt
        as it: a two-character word is not, when the pair is itself a word)."""
        homophones, table = self.index.homophones, self.index.char_pinyin
        pair_is_word = self._seg.is_word(pair)
        return [  # readings in pypinyin's order: the same candidates in every process
            (readings, word)
            for a in table.get(pair[0], ())
            for b in table.get(pair[1], ())
            for readings, word in homophones.get((a, b), ())
            if len(readings) > 2 or not (pair_is_word or word == pair)
        ]

    def _is_named_thing(self, doc: int) -> bool:
        """Organizations and projects have names; a fact's "name" reads like a question."""
        return self.index.docs[doc].kind in ("organization", "project")

    def mentions(self, text: str, pairs: list[str]) -> tuple[dict[int, float], list[str]]:
        """Names or aliases in the question (its character pairs given), exact or nearly:
        the strongest signal there is. The text is normalized (single spaces between runs);
        a name may run across a space (武术“进校园”)."""
        mentioned: dict[int, float] = {}
        names: list[str] = []
        starts = self.index.name_starts
        compact = text.replace(" ", "")
        runs = text.split()
        across = [a[-1] + b[0] for a, b in pairwise(runs)]  # pairs across a space
        # Only where a name could start: long stories are cheap.
        for i, _ in _positions(compact, self._name_prefixes.intersection(pairs + across)):
            for size in (2, 4, 6):
                bucket = starts.get(compact[i : i + size], ()) if i + size <= len(compact) else ()
                for name in bucket:
                    if not compact.startswith(name, i):
                        continue
                    for doc in self.index.names[name]:
                        value = NAME_MENTION + 0.5 * len(name)
                        mentioned[doc] = max(mentioned.get(doc, 0.0), value)
                        if self._is_named_thing(doc):
                            names.append(name)
        if mentioned or len(compact) < 3 or not has_cjk(compact):
            return mentioned, names
        candidates = self._fuzzy_candidates(compact[:FUZZY_WINDOW])
        if not candidates:
            return mentioned, names
        in_question = set(compact)
        # partial_ratio ≥ m needs m/(200 − m) of a name's characters (one spared for the
        # shorter side) in the question: a quick check that spares most of the scoring.
        share = FUZZY_NAME_MIN / (200 - FUZZY_NAME_MIN)
        candidates = [
            name
            for name in candidates
            if 4 <= len(name) <= len(compact) + 1
            and sum(c in in_question for c in name) >= share * (len(name) - 1)
        ]
        # Score them all in one call; only the few close enough need their alignment.
        close = process.extract(
            compact, candidates, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_NAME_MIN, limit=None
        )
        aligned = []
        for name, _, _ in sorted(close, key=lambda hit: hit[2]):
            alignment = fuzz.partial_ratio_alignment(name, compact, score_cutoff=FUZZY_NAME_MIN)
            if alignment is not None:
                aligned.append((name, alignment))
        top_scores = sorted((a.score for _, a in aligned), reverse=True)
        if len(top_scores) >= 3 and top_scores[0] == top_scores[2]:
            return mentioned, names  # a category (社会组织服务中心), not one misspelt name
        for name, alignment in aligned:
            if any(self._is_named_thing(doc) for doc in self.index.names[name]):
                names.append(compact[alignment.dest_start : alignment.dest_end])
            value = (NAME_MENTION + 0.5 * len(name)) * alignment.score / 100 * 0.8
            for doc in self.index.names[name]:
                mentioned[doc] = max(mentioned.get(doc, 0.0), value)
        return mentioned, names

    def _fuzzy_candidates(self, text: str) -> list[str]:
        """Names sharing at least two character pairs with the text (a likely misspelling)."""
        name_grams = self.index.name_grams
        pairs = [text[i : i + 2] for i in range(len(text) - 1)]
        shared: Counter[int] = Counter()
        for gram in dict.fromkeys(pair for pair in pairs if pair in name_grams):
            if len(name_grams[gram]) <= FUZZY_GRAM_LIMIT:
                shared.update(name_grams[gram].keys())
        # Most shared first (ties in the order met).
        best = sorted((d for d, n in shared.items() if n >= 2), key=lambda d: -shared[d])
        names: list[str] = []
        for doc in best[:FUZZY_DOCS]:
            names.extend(self.index.doc_names[doc])
        return list(dict.fromkeys(names))


def _is_latin(word: str) -> bool:
    return word.isascii() and word.isalpha()


def _syllables_of(word: str, syllables: frozenset[str]) -> bool:
    """Whether the word is these syllables run together (a short word: a small search)."""
    ends = {0}
    for end in range(1, len(word) + 1):
        if any(word[start:end] in syllables for start in ends if end - start <= 6):
            ends.add(end)
    return len(word) in ends


def _positions(text: str, pairs: set[str]) -> list[tuple[int, str]]:
    """Where each of these character pairs occurs, in reading order (never in set order,
    which Python salts per process)."""
    found = []
    for pair in pairs:
        i = text.find(pair)
        while i >= 0:
            found.append((i, pair))
            i = text.find(pair, i + 1)
    found.sort()
    return found


def remember(memo: dict[_K, _V], key: _K, value: _V) -> None:
    """Bounded memo: a burst of junk questions empties it rather than filling it for good."""
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = value
