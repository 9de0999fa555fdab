"""Our segmenter cuts exactly as jieba does over the same dictionary, only faster."""

from __future__ import annotations

import jieba
import pytest
import yaml

from knowledge.answering.segmenter import (
    HMM_MAX_CHARS,
    Segmenter,
    build_prefix_dict,
    general_word_freqs,
)
from knowledge.answering.text import normalize
from tests.conftest import REPO, SEEDS

# 武术“进校园” is a service name that normalize() turns into a word with a space.
DOMAIN_WORDS = [
    "智塔",
    "安心小屋",
    "张家堡",
    "社会组织服务中心",
    "自闭症儿童",
    "唯爱妈妈",
    "武术 进校园",
]


@pytest.fixture(scope="module")
def segmenters() -> tuple[Segmenter, jieba.Tokenizer]:
    general = general_word_freqs()
    ours = Segmenter(*build_prefix_dict(general, DOMAIN_WORDS))
    counts = dict(general)  # what build_prefix_dict weighs, as the counts jieba expects
    for word in DOMAIN_WORDS:
        counts[word] = max(counts.get(word, 0), 50_000 * len(word))
    prefixes: dict[str, int] = {}
    for word, count in counts.items():
        prefixes[word] = count
        for end in range(1, len(word)):
            prefixes.setdefault(word[:end], 0)
    theirs = jieba.Tokenizer()
    theirs.FREQ, theirs.total, theirs.initialized = prefixes, sum(counts.values()), True
    return ours, theirs


def sample_texts() -> list[str]:
    texts = [
        case["q"]
        for name in ("questions.yaml", "questions_holdout.yaml")
        for case in yaml.safe_load(
            (REPO / "tests" / "knowledge" / "answering" / name).read_text("utf-8")
        )["questions"]
    ]
    for seed in sorted(SEEDS.glob("*")) if SEEDS.is_dir() else []:
        texts.extend(line[:200] for line in seed.read_text("utf-8").splitlines() if line.strip())
    texts += ["abc123 智塔x9", "〇𠮷社会组织_.%-+#&", "a b c", "中中中中中中中中"]
    # A long question (no HMM) that runs into a dictionary word with a space in it.
    texts.append(
        "我们是一家小企业，想参加今年的学习型示范企业评选，需要准备什么材料，去哪里报名，"
        "什么时候截止，另外孩子学校最近也在搞武术“进校园”"
    )
    return texts


def jieba_cut(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    hmm = len(text) <= HMM_MAX_CHARS
    return [w for part in text.split() for w in tokenizer.lcut(part, HMM=hmm) if w.strip()]


def test_cuts_as_jieba_does(segmenters: tuple[Segmenter, jieba.Tokenizer]) -> None:
    ours, theirs = segmenters
    texts = sample_texts()
    assert len(texts) > 390
    differing = [
        text
        for raw in texts
        for text in (raw, normalize(raw))
        if ours.cut(text) != jieba_cut(theirs, text)
    ]
    assert differing == []


def test_domain_words_stay_whole(segmenters: tuple[Segmenter, jieba.Tokenizer]) -> None:
    ours, _ = segmenters
    assert ours.cut("我家是自闭症儿童想去智塔") == ["我家", "是", "自闭症儿童", "想", "去", "智塔"]
