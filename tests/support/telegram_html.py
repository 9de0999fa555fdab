"""Telegram's message-text rules (HTML parse_mode, length, emptiness), re-implemented strictly.

The HTML scanner follows tdlib's `parse_html` (td/telegram/MessageEntity.cpp) so that error
descriptions and byte offsets read like the real ones. It is stricter than Telegram in three
places, all of which the Bot API documentation asks for anyway:

* a "&" that does not start a supported entity (`&lt; &gt; &amp; &quot; &#NN; &#xHH;`, with the
  closing ";") is an error; Telegram would silently keep it as a literal "&";
* `<a>` needs an href, `<tg-emoji>` needs an emoji-id;
* "Markdown"/"MarkdownV2" texts are accepted but not validated (the bot uses HTML).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_MESSAGE_LENGTH = 4096

_SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
        "tg-spoiler", "tg-emoji", "code", "pre", "blockquote",
    }
)  # fmt: skip
_SIMPLE_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}
_NAMED_ENTITIES = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}
_SPACES = frozenset(b" \t\r\n\v\0")  # tdlib's is_space(); NUL doubles as the end sentinel
_NAME_TOKEN = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_STRIPPED = (
    " \t\n\r\v\f\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u2800\ufffc"
)
_LT, _GT, _AMP, _SLASH, _EQ, _SEMI, _HASH = (ord(c) for c in "<>&/=;#")


class EntityParseError(ValueError):
    """HTML that Telegram refuses with "can't parse entities: ..."."""


class MessageTextError(ValueError):
    """A message text Telegram refuses; str(error) is the part after "Bad Request: "."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts lengths and offsets in."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _OpenTag:
    """A start tag waiting for its end tag."""

    name: str
    argument: str
    offset: int  # UTF-16 offset in the plain text where the entity begins
    attrs: dict[str, str] = field(default_factory=dict)


class _HtmlScanner:
    """One pass over the UTF-8 bytes of a text, as tdlib does it."""

    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8") + b"\0"
        self.size = len(self.data) - 1
        self.out = bytearray()
        self.utf16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        """Parse everything and return (plain text, Bot API entity dicts)."""
        i = 0
        while i < self.size:
            c = self.data[i]
            if c == _AMP:
                ch, i = self._entity(i, strict=True)
                self._emit(ch.encode("utf-8"))
            elif c != _LT:
                self._emit(bytes((c,)))
                i += 1
            elif self.data[i + 1] == _SLASH:
                i = self._end_tag(i)
            else:
                i = self._start_tag(i)
        if self.stack:
            name = self.stack[-1].name
            raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{name}"')
        for entity in self.entities:
            entity.pop("_language", None)
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return self.out.decode("utf-8"), self.entities

    def _emit(self, chunk: bytes) -> None:
        """Append output bytes, counting UTF-16 units like tdlib."""
        for b in chunk:
            if b & 0xC0 != 0x80:  # first byte of a UTF-8 sequence
                self.utf16 += 2 if b >= 0xF0 else 1
        self.out += chunk

    def _entity(self, pos: int, *, strict: bool) -> tuple[str, int]:
        """Decode the character reference at pos; in strict mode a bad one is an error."""
        data, end, char = self.data, pos + 1, ""
        if data[end] == _HASH:
            end += 1
            base, digits = 10, b"0123456789"
            if data[end] == ord("x"):
                base, digits, end = 16, b"0123456789abcdefABCDEF", end + 1
            start = end
            while data[end] != 0 and data[end] in digits:
                end += 1
            number = int(data[start:end], base) if end > start else 0
            if 0 < number < 0x10FFFF and end - pos < 10 and not 0xD800 <= number <= 0xDFFF:
                char = chr(number)
        else:
            while chr(data[end]).isascii() and chr(data[end]).isalpha():
                end += 1
            char = _NAMED_ENTITIES.get(data[pos + 1 : end], "")
        if char and data[end] == _SEMI:
            return char, end + 1
        if not strict:
            return (char, end) if char else ("&", pos + 1)
        shown = data[pos : end + (data[end] == _SEMI)].decode("utf-8", "replace")
        if shown == "&":
            raise EntityParseError(f'Unescaped "&" at byte offset {pos}; write it as "&amp;"')
        if char:
            raise EntityParseError(f'Character entity "{shown}" at byte offset {pos} lacks ";"')
        raise EntityParseError(f'Unsupported character entity "{shown}" at byte offset {pos}')

    def _skip_spaces(self, i: int) -> int:
        """Skip blanks, stopping at the end of the text."""
        while self.data[i] != 0 and self.data[i] in _SPACES:
            i += 1
        return i

    def _start_tag(self, begin: int) -> int:
        """Parse "<tag attr=...>" at begin and return the index after it."""
        data, i = self.data, begin + 1
        while data[i] not in _SPACES and data[i] != _GT:
            i += 1
        if data[i] == 0:
            raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
        tag = data[begin + 1 : i].decode("utf-8", "replace").lower()
        if tag not in _SUPPORTED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
        attrs: dict[str, str] = {}
        while data[i] != _GT:
            i = self._skip_spaces(i)
            if data[i] == _GT:
                break
            name_begin = i
            while data[i] not in _SPACES and data[i] not in (_EQ, _GT):
                i += 1
            name = data[name_begin:i].decode("utf-8", "replace")
            if not name:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                )
            i = self._skip_spaces(i)
            if data[i] != _EQ:
                if tag == "blockquote" and name == "expandable":
                    attrs[name] = ""
                    continue
                raise EntityParseError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {begin}'
                )
            i = self._skip_spaces(i + 1)
            if data[i] == 0:
                raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
            value, i = self._attribute_value(i)
            if data[i] == 0:
                raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
            attrs[name] = value
        self.stack.append(_OpenTag(tag, self._argument(tag, attrs, begin), self.utf16, attrs))
        return i + 1

    def _attribute_value(self, i: int) -> tuple[str, int]:
        """Read a quoted string or a bare name token starting at i."""
        data = self.data
        if data[i] not in b"'\"":
            token_begin = i
            while data[i] in _NAME_TOKEN:
                i += 1
            if data[i] not in _SPACES and data[i] != _GT:
                raise EntityParseError(f"Unexpected end of name token at byte offset {token_begin}")
            return data[token_begin:i].decode("ascii").lower(), i
        quote, i, value = data[i], i + 1, bytearray()
        while data[i] != quote and data[i] != 0:
            if data[i] == _AMP:  # Telegram keeps unknown "&" in attributes literally
                ch, i = self._entity(i, strict=False)
                value += ch.encode("utf-8")
                continue
            value.append(data[i])
            i += 1
        if data[i] == quote:
            i += 1
        return value.decode("utf-8", "replace"), i

    @staticmethod
    def _argument(tag: str, attrs: dict[str, str], begin: int) -> str:
        """The tag's meaningful attribute (href, language, emoji id), checking required ones."""
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {begin}'
            )
        if tag == "a":
            if not attrs.get("href", "").strip():
                raise EntityParseError(f'Tag "a" must have attribute "href" at byte offset {begin}')
            return attrs["href"].strip()
        if tag == "tg-emoji":
            if not attrs.get("emoji-id", "").isdigit():
                raise EntityParseError(
                    f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {begin}'
                )
            return attrs["emoji-id"]
        if tag == "code" and attrs.get("class", "").startswith("language-"):
            return attrs["class"][len("language-") :]
        if tag == "blockquote" and "expandable" in attrs:
            return "expandable"
        return ""

    def _end_tag(self, begin: int) -> int:
        """Parse "</tag>" at begin, close the innermost open tag, return the index after it."""
        data, i = self.data, begin + 1
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {begin}")
        while data[i] not in _SPACES and data[i] != _GT:
            i += 1
        end_name = data[begin + 2 : i].decode("utf-8", "replace")
        i = self._skip_spaces(i)
        if data[i] != _GT:
            raise EntityParseError(f"Unclosed end tag at byte offset {begin}")
        open_tag = self.stack.pop()
        if end_name and end_name.lower() != open_tag.name:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{open_tag.name}>", '
                f'found "</{end_name}>"'
            )
        if self.utf16 > open_tag.offset:
            self._add_entity(open_tag, self.utf16 - open_tag.offset)
        return i + 1

    def _add_entity(self, tag: _OpenTag, length: int) -> None:
        """Record the Bot API entity for a closed tag."""
        entity: dict[str, Any] = {"offset": tag.offset, "length": length}
        last = self.entities[-1] if self.entities else None
        same_range = last is not None and (last["offset"], last["length"]) == (tag.offset, length)
        if tag.name in _SIMPLE_ENTITY_TYPES:
            entity["type"] = _SIMPLE_ENTITY_TYPES[tag.name]
        elif tag.name == "a":
            entity.update(type="text_link", url=tag.argument)
        elif tag.name == "tg-emoji":
            entity.update(type="custom_emoji", custom_emoji_id=tag.argument)
        elif tag.name == "blockquote":
            entity["type"] = "expandable_blockquote" if tag.argument else "blockquote"
        elif tag.name == "code":
            entity.update(type="code", _language=tag.argument)
        elif tag.name == "pre":
            if last and same_range and last["type"] == "code" and last.get("_language"):
                self.entities.pop()
                entity.update(type="pre", language=last["_language"])
            else:
                entity["type"] = "pre"
        self.entities.append(entity)


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and Bot API entities of an HTML-formatted text; raises EntityParseError."""
    return _HtmlScanner(text).run()


def _strip(plain: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim surrounding blanks as Telegram does, shifting and clipping entities to match."""
    stripped = plain.strip(_STRIPPED)
    if not stripped:
        return "", []
    shift = utf16_len(plain[: len(plain) - len(plain.lstrip(_STRIPPED))])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def check_message_text(
    text: Any,
    parse_mode: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    *,
    max_length: int = MAX_MESSAGE_LENGTH,
) -> tuple[str, list[dict[str, Any]]]:
    """Validate a message text like sendMessage does; returns (plain text, entities)."""
    if not isinstance(text, str) or not text:
        raise MessageTextError("message text is empty")
    mode = (parse_mode or "").lower()
    if entities is not None:
        plain, found = text, list(entities)
    elif mode == "html":
        try:
            plain, found = parse_html(text)
        except EntityParseError as exc:
            raise MessageTextError(f"can't parse entities: {exc}") from None
    elif mode in ("", "markdown", "markdownv2"):
        plain, found = text, []
    else:
        raise MessageTextError("unsupported parse_mode")
    plain, found = _strip(plain, found)
    if not plain:
        raise MessageTextError("message text is empty")
    if utf16_len(plain) > max_length:
        raise MessageTextError("message is too long")
    return plain, found
