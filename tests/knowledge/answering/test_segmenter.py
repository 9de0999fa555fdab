"""Segmentation is jieba's, over jieba's commoner words and the knowledge base's own."""

from __future__ import annotations

import jieba
import pytest
import yaml

from knowledge.answering.segmenter import HMM_MAX_CHARS, Segmenter, build_dictionary
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
def dictionary() -> tuple[dict[str, int], int]:
    return build_dictionary(DOMAIN_WORDS)


@pytest.fixture(scope="module")
def segmenter(dictionary: tuple[dict[str, int], int]) -> Segmenter:
    return Segmenter(*dictionary)


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
    return [text for raw in texts for text in (raw, normalize(raw))]


def test_cuts_as_jieba_does(segmenter: Segmenter, dictionary: tuple[dict[str, int], int]) -> None:
    """Our copy of jieba's segmentation gives exactly what jieba's lcut and lcut_for_search
    give over the same dictionary."""
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dictionary
    tokenizer.initialized = True
    texts = sample_texts()
    assert len(texts) > 780
    differing = []
    for text in texts:
        hmm = len(text) <= HMM_MAX_CHARS
        expected = (
            [w for w in tokenizer.lcut(text, HMM=hmm) if w.strip()],
            [w for w in tokenizer.lcut_for_search(text, HMM=hmm) if w.strip()],
        )
        if segmenter.cut_for_search(text) != expected:
            differing.append(text)
    assert differing == []


def test_domain_words_stay_whole(segmenter: Segmenter) -> None:
    words = segmenter.cut("我家是自闭症儿童想去智塔")
    assert words == ["我家", "是", "自闭症儿童", "想", "去", "智塔"]
    words, search_words = segmenter.cut_for_search("自闭症儿童")
    assert words == ["自闭症儿童"]
    assert search_words == ["儿童", "自闭症儿童"]


def test_jiebas_commoner_words_only(segmenter: Segmenter) -> None:
    assert segmenter.is_word("咨询") and segmenter.is_word("自闭症儿童")
    assert not segmenter.is_word("自闭症儿")  # the start of a word is no word
    assert not segmenter.is_word("一丁")  # in jieba's dictionary, but rare (count 18)
