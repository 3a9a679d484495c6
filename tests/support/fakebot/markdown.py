"""MarkdownV2 and legacy Markdown, parsed the way Telegram parses them (close enough to catch
unescaped reserved characters and unclosed entities)."""

from __future__ import annotations

from .errors import ApiError, bad_request
from .objects import JSONDict, utf16_len

# core.telegram.org/bots/api#markdownv2-style: these must be escaped with "\" outside entities.
_V2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_V2_MARKERS = {"*": "bold", "_": "italic", "__": "underline", "~": "strikethrough", "||": "spoiler"}
_ENTITY_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
}


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.offset = 0
        self.entities: list[JSONDict] = []

    def emit(self, text: str) -> None:
        self.parts.append(text)
        self.offset += utf16_len(text)

    def add(self, kind: str, start: int, **extra: str) -> None:
        self.entities.append(
            {"type": kind, "offset": start, "length": self.offset - start, **extra}
        )

    def byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode())

    def error(self, detail: str) -> ApiError:
        return bad_request(f"can't parse entities: {detail}")

    def result(self) -> tuple[str, list[JSONDict]]:
        return "".join(self.parts), self.entities


def _scan_until(b: _Builder, start: int, closing: str, escapes: bool) -> tuple[str, int] | None:
    """Return the text up to ``closing`` (unescaping ``\\x`` if asked) and the index after it."""
    text, i, out = b.source, start, []
    while i < len(text):
        if escapes and text[i] == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        elif text.startswith(closing, i):
            return "".join(out), i + len(closing)
        else:
            out.append(text[i])
            i += 1
    return None


def parse_markdown_v2(source: str) -> tuple[str, list[JSONDict]]:
    """Parse MarkdownV2; raise Telegram's 400 on reserved characters or unclosed entities."""
    b = _Builder(source)
    stack: list[tuple[str, int, int]] = []  # marker, utf-16 start, source index
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source) and 0 < ord(source[i + 1]) < 127:
            b.emit(source[i + 1])
            i += 2
            continue
        if char == "`":
            fence = "```" if source.startswith("```", i) else "`"
            found = _scan_until(b, i + len(fence), fence, escapes=True)
            if found is None:
                name = "Pre" if fence == "```" else "Code"
                raise b.error(f"Can't find end of {name} entity at byte offset {b.byte_offset(i)}")
            body, i = found
            language = ""
            if fence == "```" and "\n" in body:
                language, body = body.split("\n", 1)
            start = b.offset
            b.emit(body)
            extra = {"language": language} if language else {}
            b.add("pre" if fence == "```" else "code", start, **extra)
            continue
        marker = source[i : i + 2] if source[i : i + 2] in ("__", "||") else char
        if marker in _V2_MARKERS:
            if stack and stack[-1][0] == marker:
                _, start, _ = stack.pop()
                b.add(_V2_MARKERS[marker], start)
            else:
                stack.append((marker, b.offset, i))
            i += len(marker)
            continue
        if char == "[":
            stack.append(("[", b.offset, i))
            i += 1
            continue
        if char == "]" and stack and stack[-1][0] == "[" and source.startswith("(", i + 1):
            found = _scan_until(b, i + 2, ")", escapes=True)
            if found is None:
                raise b.error(f"Can't find end of a URL at byte offset {b.byte_offset(i + 1)}")
            url, i = found
            _, start, _ = stack.pop()
            b.add("text_link", start, url=url)
            continue
        if char == ">" and (i == 0 or source[i - 1] == "\n"):
            i += 1  # a blockquote line; the quote itself is not tracked as an entity here
            continue
        if char in _V2_RESERVED:
            raise b.error(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
        b.emit(char)
        i += 1
    if stack:
        marker, _, index = stack[-1]
        name = "TextUrl" if marker == "[" else _ENTITY_NAMES[_V2_MARKERS[marker]]
        raise b.error(f"Can't find end of {name} entity at byte offset {b.byte_offset(index)}")
    return b.result()


def parse_markdown(source: str) -> tuple[str, list[JSONDict]]:
    """Parse legacy Markdown (``*bold*``, ``_italic_``, code, pre, links)."""
    b = _Builder(source)
    kinds = {"*": "bold", "_": "italic", "`": "code", "```": "pre"}
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source) and source[i + 1] in "_*`[":
            b.emit(source[i + 1])
            i += 2
            continue
        if char in "*_`":
            marker = "```" if source.startswith("```", i) else char
            end = source.find(marker, i + len(marker))
            if end < 0:
                raise b.error(
                    f"Can't find end of the entity starting at byte offset {b.byte_offset(i)}"
                )
            start = b.offset
            b.emit(source[i + len(marker) : end])
            b.add(kinds[marker], start)
            i = end + len(marker)
            continue
        if char == "[":
            close = source.find("](", i)
            end = source.find(")", close + 2) if close >= 0 else -1
            if close >= 0 and end >= 0:
                start = b.offset
                b.emit(source[i + 1 : close])
                b.add("text_link", start, url=source[close + 2 : end])
                i = end + 1
                continue
        b.emit(char)
        i += 1
    return b.result()
