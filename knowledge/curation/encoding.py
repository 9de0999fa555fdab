"""Which text encoding a staff file is in: UTF-8, GBK/GB18030 (Excel in China), UTF-16
(Excel's "Unicode text"); anything else is named (Big5, say) instead of read as garbage."""

from __future__ import annotations

from knowledge.curation.messages import CheckError, Msg

# GB18030 decodes almost any bytes, Big5 included: a real simplified-Chinese text uses
# the 3,755 common characters (GB2312 level 1) almost only — 99% of the shipped files —
# while Big5 read as GBK scores about half.
COMMON_SHARE = 0.8
MIN_CHARACTERS = 8
_NAMES = {
    "big5": "Big5（繁体中文）",
    "cp950": "Big5（繁体中文）",
    "big5hkscs": "Big5-HKSCS（繁体中文）",
    "cp932": "Shift-JIS（日文）",
    "shift_jis": "Shift-JIS（日文）",
    "euc_jp": "EUC-JP（日文）",
    "cp949": "EUC-KR（韩文）",
    "euc_kr": "EUC-KR（韩文）",
    "cp1252": "Windows-1252（西文）",
    "latin_1": "Latin-1（西文）",
}


def decode(raw: bytes) -> str:
    """The text of a file's bytes, or CheckError naming what it seems to be instead."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _declared(raw, "utf-8-sig")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _declared(raw, "utf-16")
    head = raw[:4096]
    if b"\x00" in head:
        return _utf16_without_bom(raw, head)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mixed(raw)
    if mixed is not None:
        raise mixed
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise _guessed(raw) from None
    if not _reads_as_simplified_chinese(text):
        raise _guessed(raw)
    return text


def _mixed(raw: bytes) -> CheckError | None:
    """Lines of UTF-8 and of GBK in one file (a row pasted from another file): whichever
    most lines are in is the file's, and the first line in the other is named — read as
    one encoding, it would be stored as other characters (渭滨区 as 娓花婊ㄥ尯). Two Chinese
    characters of GBK are almost never valid UTF-8 by chance, one may be: a line needs six
    bytes outside ASCII to be told apart."""
    utf8: list[int] = []
    others: list[tuple[int, bytes]] = []
    for number, line in enumerate(raw.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            others.append((number, line))
            continue
        if sum(byte >= 0x80 for byte in line) >= 6:
            utf8.append(number)
    if not utf8 or not others:
        return None
    if len(utf8) >= len(others):
        return CheckError(Msg.ENCODING_BROKEN, encoding="UTF-8", line=others[0][0])
    try:
        rest = b"\n".join(line for _, line in others).decode("gb18030")
    except UnicodeDecodeError:
        return None
    if not _reads_as_simplified_chinese(rest):
        return None
    return CheckError(Msg.ENCODING_BROKEN, encoding="GBK", line=utf8[0])


def _declared(raw: bytes, encoding: str) -> str:
    """A file whose BOM names its encoding: bytes that break it are damage or another
    encoding pasted in, shown with their line."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:  # utf-8-sig counts from after its BOM
        body = raw[3:] if encoding == "utf-8-sig" else raw
        line = body[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise CheckError(Msg.ENCODING_BROKEN, encoding=name, line=line) from None


def _utf16_without_bom(raw: bytes, head: bytes) -> str:
    even_zeros = head[0::2].count(0)
    odd_zeros = head[1::2].count(0)
    encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
    if max(even_zeros, odd_zeros) < len(head) // 4:
        raise CheckError(Msg.BINARY)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise CheckError(Msg.BINARY) from None


def _is_common(char: str) -> bool:
    try:
        lead = char.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xD7


def _reads_as_simplified_chinese(text: str) -> bool:
    # Kana or box-drawing characters in "Chinese" text are another encoding read as GBK.
    if any("\u3040" <= c <= "\u30ff" or "\u2500" <= c <= "\u257f" for c in text[:20000]):
        return False
    chinese = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if len(chinese) < MIN_CHARACTERS:
        return True
    return sum(map(_is_common, chinese)) / len(chinese) >= COMMON_SHARE


def _guessed(raw: bytes) -> CheckError:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:65536]).best()
    name = _NAMES.get(best.encoding) if best is not None else None
    if name is None:
        return CheckError(Msg.ENCODING_UNKNOWN)
    return CheckError(Msg.ENCODING_GUESSED, encoding=name)
