"""Read Bot API parameters from JSON, form or multipart bodies (and the query string).

PTB sends form or multipart bodies in which every non-string value is JSON-encoded
(``chat_id=42``, ``reply_markup={"inline_keyboard": …}``); other clients send JSON bodies with
native values. The accessors below accept both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .errors import bad_request


@dataclass(frozen=True)
class UploadPart:
    """A file sent as a multipart part."""

    filename: str | None
    content: bytes
    content_type: str | None


class Params:
    """The parameters of one Bot API call."""

    def __init__(self, values: dict[str, Any], files: dict[str, UploadPart] | None = None) -> None:
        self.values = values
        self.files = files or {}

    @classmethod
    async def from_request(cls, request: web.Request) -> Params:
        """Collect parameters from whatever body shape the client chose."""
        values: dict[str, Any] = dict(request.query)
        files: dict[str, UploadPart] = {}
        if request.content_type == "application/json":
            body = await request.json() if request.can_read_body else {}
            if not isinstance(body, dict):
                raise bad_request("parameters must be a JSON object")
            values.update(body)
        elif request.method == "POST":
            for name, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    files[name] = UploadPart(value.filename, value.file.read(), value.content_type)
                else:
                    values[name] = value
        return cls(values, files)

    def get(self, name: str) -> Any:
        """Return the value as sent, or None."""
        return self.values.get(name)

    def text(self, name: str) -> str | None:
        """Return a string parameter; strings are never JSON-decoded."""
        value = self.values.get(name)
        return None if value is None else str(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        """Return an integer parameter, refusing a malformed one like Telegram does."""
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def number(self, name: str, default: float) -> float:
        """Return a numeric parameter that may have a fraction (e.g. a timeout)."""
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def required_int(self, name: str) -> int:
        """Return an integer parameter that must be present."""
        value = self.integer(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def flag(self, name: str) -> bool:
        """Return a boolean parameter (``true``/``1`` in forms, native in JSON)."""
        value = self.values.get(name)
        if isinstance(value, str):
            return value.lower() in ("true", "1")
        return bool(value)

    def decoded(self, name: str) -> Any:
        """Return a structured parameter, JSON-decoding it when it came as a form field."""
        value = self.values.get(name)
        if isinstance(value, str) and value[:1] in ("{", "["):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def file(self, name: str) -> UploadPart | str | None:
        """Return an uploaded part, following ``attach://name``, or the file_id/URL string."""
        if name in self.files:
            return self.files[name]
        value = self.text(name)
        if value and value.startswith("attach://"):
            part = self.files.get(value.removeprefix("attach://"))
            if part is None:
                raise bad_request(f"wrong file identifier/HTTP URL specified for {name}")
            return part
        return value

    def loggable(self) -> dict[str, Any]:
        """Return the parameters with file parts replaced by their names, for the call log."""
        logged = dict(self.values)
        for name, part in self.files.items():
            logged[name] = f"<file {part.filename!r}, {len(part.content)} bytes>"
        return logged
