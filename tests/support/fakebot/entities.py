"""Turn ``text`` + ``parse_mode`` into Telegram's plain text and entities, or refuse like it.

Telegram stores and returns the text without markup, with ``entities`` in UTF-16 offsets, and
refuses malformed markup with "can't parse entities". Bots that paste user input into HTML
without escaping it are caught here instead of in production.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .errors import ApiError, bad_request
from .markdown import parse_markdown, parse_markdown_v2
from .objects import JSONDict, utf16_len

# core.telegram.org/bots/api#html-style: the only tags Telegram accepts.
_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
# Telegram decodes only these named entities; others stay as written.
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


@dataclass
class ParsedText:
    """Plain text and its entities, as Telegram stores a message."""

    text: str
    entities: list[JSONDict] = field(default_factory=list)


def parse_text(text: str, parse_mode: str | None) -> ParsedText:
    """Parse ``text`` under ``parse_mode`` (HTML, MarkdownV2, Markdown or none)."""
    mode = (parse_mode or "").lower()
    if not mode:
        return ParsedText(text)
    if mode == "html":
        return _HtmlEntities(text).parse()
    if mode == "markdownv2":
        plain, entities = parse_markdown_v2(text)
    elif mode == "markdown":
        plain, entities = parse_markdown(text)
    else:
        raise bad_request("unsupported parse_mode")
    return ParsedText(plain, _sorted(entities))


def _sorted(entities: list[JSONDict]) -> list[JSONDict]:
    kept = [e for e in entities if e["length"] > 0]  # Telegram drops empty entities
    return sorted(kept, key=lambda e: (e["offset"], -e["length"]))


class _HtmlEntities(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)  # keep "&lt;" apart from a bare "<"
        self._source = source
        self._parts: list[str] = []
        self._offset = 0
        self._stack: list[tuple[str, int, JSONDict]] = []
        self._entities: list[JSONDict] = []

    def parse(self) -> ParsedText:
        self.feed(self._source)
        self.close()
        if self._stack:
            tag = self._stack[-1][0]
            raise _cant_parse(f'Can\'t find end tag corresponding to start tag "{tag}"')
        return ParsedText("".join(self._parts), _sorted(self._entities))

    def _index(self) -> int:
        line, column = self.getpos()
        return sum(len(text) + 1 for text in self._source.split("\n")[: line - 1]) + column

    def _byte_offset(self, index: int | None = None) -> int:
        # Telegram reports positions in UTF-8 bytes of the text as sent.
        return len(self._source[: self._index() if index is None else index].encode())

    def _emit(self, text: str) -> None:
        self._parts.append(text)
        self._offset += utf16_len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = _HTML_TAGS.get(tag)
        if kind is None:
            raise _cant_parse(f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}')
        attributes = {key: value or "" for key, value in attrs}
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            raise _cant_parse('Tag "span" must have class "tg-spoiler"')
        entity: JSONDict = {"type": kind}
        if tag == "a":
            entity["url"] = attributes.get("href", "")
        elif tag == "tg-emoji":
            entity["custom_emoji_id"] = attributes.get("emoji-id", "")
        elif tag == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        elif tag == "code" and self._stack and self._stack[-1][0] == "pre":
            # <pre><code class="language-x"> is one pre entity with a language in Telegram.
            language = attributes.get("class", "").removeprefix("language-")
            if language:
                self._stack[-1][2]["language"] = language
        self._stack.append((tag, self._offset, entity))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise _cant_parse(f'Unsupported start tag "{tag}/" at byte offset {self._byte_offset()}')

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            raise _cant_parse(f"Unexpected end tag at byte offset {self._byte_offset()}")
        open_tag, start, entity = self._stack.pop()
        if open_tag != tag:
            raise _cant_parse(f'Can\'t find end tag corresponding to start tag "{open_tag}"')
        inside_pre = tag == "code" and self._stack and self._stack[-1][0] == "pre"
        if not inside_pre:
            self._entities.append({**entity, "offset": start, "length": self._offset - start})

    def handle_data(self, data: str) -> None:
        if "<" in data:
            # Telegram demands "&lt;" for a literal "<"; a bare one starts a tag it can't parse.
            index = self._index() + data.index("<")
            name = re.split(r"[\s>/]", self._source[index + 1 :], maxsplit=1)[0]
            offset = self._byte_offset(index)
            raise _cant_parse(f'Unsupported start tag "{name}" at byte offset {offset}')
        self._emit(data)

    def handle_entityref(self, name: str) -> None:
        self._emit(_NAMED_ENTITIES.get(name, f"&{name};"))

    def handle_charref(self, name: str) -> None:
        is_hex = name[:1] in "xX"
        try:
            self._emit(chr(int(name[1:], 16) if is_hex else int(name)))
        except (ValueError, OverflowError):
            self._emit(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        raise _cant_parse(f'Unsupported start tag "!--" at byte offset {self._byte_offset()}')

    def handle_decl(self, decl: str) -> None:
        raise _cant_parse(f'Unsupported start tag "!" at byte offset {self._byte_offset()}')

    def handle_pi(self, data: str) -> None:
        raise _cant_parse(f'Unsupported start tag "?" at byte offset {self._byte_offset()}')

    def unknown_decl(self, data: str) -> None:
        raise _cant_parse(f'Unsupported start tag "!" at byte offset {self._byte_offset()}')


def _cant_parse(detail: str) -> ApiError:
    return bad_request(f"can't parse entities: {detail}")
