"""统一社会信用代码 (unified social credit code), checked as GB 32100-2015 defines it.

18 characters from a 31-character alphabet (digits and capitals without I, O, Z, S, V); the
18th is a check character: 31 minus the weighted sum of the first 17 modulo 31.
"""

from __future__ import annotations

from typing import Any

from knowledge.curation.messages import CheckError, Msg
from knowledge.curation.values import clean_name

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(first17: str) -> str:
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def read_credit_code(value: Any) -> str:
    """The code in capitals, with its check character verified."""
    code = clean_name(value).replace(" ", "").upper()
    if len(code) != LENGTH:
        raise CheckError(Msg.CREDIT_CODE_LENGTH, value=code, length=len(code))
    bad = next((c for c in code if c not in _VALUE), None)
    if bad is not None:
        raise CheckError(Msg.CREDIT_CODE_CHARS, value=code, char=bad)
    expected = check_character(code[:17])
    if code[17] != expected:
        raise CheckError(Msg.CREDIT_CODE_CHECK, value=code, expected=expected)
    return code


def with_check_character(first17: str) -> str:
    """A complete code from its first 17 characters (synthetic test data)."""
    return first17 + check_character(first17)
