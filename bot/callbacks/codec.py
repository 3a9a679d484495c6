"""The one codec for callback data: typed buttons packed into at most 64 bytes and read back.

Callback data come back from Telegram as the client sent them, so they are never trusted:
`unpack` accepts only what `pack` could have written — the right prefix, the right number of
fields, ids of ASCII digits within a 64-bit column, enum values that exist — and returns None
for anything else. Handlers then re-check in the database that the presser may act.

A button is a frozen dataclass deriving from `CallbackData` with a prefix:

    @dataclass(frozen=True)
    class ReminderButton(CallbackData, prefix="r"):
        reminder_id: int
        action: Action

Field types: `int` (0 … 2**63 − 1), `int | None` (trailing, left out when None), a `StrEnum`,
and `str` for short ASCII tokens ([A-Za-z0-9_-], at most 32).
"""

import re
import types
from dataclasses import fields
from enum import StrEnum
from typing import Any, ClassVar, Self, Union, get_args, get_origin, get_type_hints

# Telegram refuses callback_data longer than 64 bytes (Bot API, InlineKeyboardButton).
MAX_BYTES = 64
# Ids are BIGINT columns: 19 ASCII digits at most, and no wider than a signed 64-bit integer.
MAX_ID = 2**63 - 1
_SEPARATOR = ":"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,32}")
_DIGITS = re.compile(r"[0-9]{1,19}")
_PREFIXES: dict[str, type["CallbackData"]] = {}


class CallbackData:
    """A typed button payload with a unique prefix."""

    prefix: ClassVar[str]

    def __init_subclass__(cls, *, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not _TOKEN.fullmatch(prefix) or prefix in _PREFIXES:
            raise ValueError(f"callback prefix {prefix!r} is invalid or taken")
        cls.prefix = prefix
        _PREFIXES[prefix] = cls

    def pack(self) -> str:
        """Return the callback data of this button; raise if it passes Telegram's 64 bytes."""
        parts = [self.prefix]
        for spec in fields(self):  # type: ignore[arg-type]
            value = getattr(self, spec.name)
            if value is None:
                break
            parts.append(_encode(value))
        data = _SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data of {self.prefix!r} is longer than {MAX_BYTES} bytes")
        return data

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """Read callback data back into this button type; None when it is not a valid one."""
        if data is None or len(data.encode()) > MAX_BYTES:
            return None
        prefix, *raw = data.split(_SEPARATOR)
        if prefix != cls.prefix:
            return None
        specs = _field_types(cls)
        required = sum(1 for _, _, optional in specs if not optional)
        if not required <= len(raw) <= len(specs):
            return None
        values: dict[str, object] = {}
        for (name, kind, _), text in zip(specs, raw, strict=False):
            value = _decode(kind, text)
            if value is None:
                return None
            values[name] = value
        return cls(**values)

    @classmethod
    def pattern(cls) -> str:
        """Return the regular expression a CallbackQueryHandler routes this prefix with."""
        return f"^{re.escape(cls.prefix)}(:|$)"


def _encode(value: object) -> str:
    if isinstance(value, bool):
        raise TypeError("booleans are written as enums")
    if isinstance(value, int):
        if not 0 <= value <= MAX_ID:
            raise ValueError("callback ids are 64-bit and not negative")
        return str(value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, str) and _TOKEN.fullmatch(value):
        return value
    raise ValueError("callback data hold ids, enum values and short ASCII tokens only")


def _decode(kind: type, text: str) -> object | None:
    if kind is int:
        if not _DIGITS.fullmatch(text):
            return None
        number = int(text)
        return number if number <= MAX_ID else None
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        try:
            return kind(text)
        except ValueError:
            return None
    if kind is str:
        return text if _TOKEN.fullmatch(text) else None
    raise TypeError(f"unsupported callback field type {kind!r}")


_FIELD_TYPES: dict[type, tuple[tuple[str, type, bool], ...]] = {}


def _field_types(cls: type[CallbackData]) -> tuple[tuple[str, type, bool], ...]:
    known = _FIELD_TYPES.get(cls)
    if known is not None:
        return known
    hints = get_type_hints(cls)
    specs: list[tuple[str, type, bool]] = []
    for spec in fields(cls):  # type: ignore[arg-type]
        hint = hints[spec.name]
        optional = False
        if get_origin(hint) in (Union, types.UnionType):
            args = [arg for arg in get_args(hint) if arg is not type(None)]
            hint, optional = args[0], True
        if specs and specs[-1][2] and not optional:
            raise TypeError(f"{cls.__name__}: optional fields must come last")
        specs.append((spec.name, hint, optional))
    _FIELD_TYPES[cls] = tuple(specs)
    return _FIELD_TYPES[cls]
