"""sendPhoto and sendDocument: multipart uploads, kept for the test to inspect."""

from __future__ import annotations

from typing import Any

from .compose import (
    Handler,
    chat_id_of,
    log_message,
    parsed_param,
    reply_to,
    with_markup,
    with_text,
)
from .errors import bad_request
from .objects import JSONDict, UploadedFile, guess_mime, image_size
from .params import Params, UploadPart
from .state import BotState
from .validation import check_caption, parse_reply_markup


def _resend(state: BotState, reference: str) -> UploadPart | None:
    """Look up a file_id the fake handed out; accept URLs without fetching them."""
    for known in state.files:
        if known.file_id == reference:
            return UploadPart(known.filename, known.content or b"", known.mime_type)
    if reference.startswith(("http://", "https://")):
        return None
    raise bad_request("wrong file identifier/HTTP URL specified")


def _media(kind: str, number: int, upload: UploadPart | None) -> tuple[Any, str | None, str | None]:
    """Return the Message field for the file, its filename and its MIME type."""
    common = {"file_id": f"fake-{kind}-{number}", "file_unique_id": f"AgAD{number:012d}"}
    size = len(upload.content) if upload else 0
    if kind == "photo":
        width, height = image_size(upload.content if upload else None)
        sizes = [{**common, "width": width, "height": height, "file_size": size}]
        return sizes, (upload.filename if upload else None), None
    filename = (upload.filename if upload else None) or "file"
    mime = guess_mime(filename, upload.content_type if upload else None)
    document = {**common, "file_name": filename, "mime_type": mime, "file_size": size}
    return document, filename, mime


async def _send_file(state: BotState, params: Params, kind: str) -> JSONDict:
    chat = state.chat(chat_id_of(params))
    source = params.file(kind)
    if not source:
        raise bad_request(f"there is no {kind} in the request")
    parsed = parsed_param(params, "caption", "caption_entities")
    check_caption(parsed)
    markup = parse_reply_markup(params.decoded("reply_markup"))
    upload = source if isinstance(source, UploadPart) else _resend(state, source)
    number = state.new_id()
    media, filename, mime = _media(kind, number, upload)
    content: JSONDict = {kind: media, **reply_to(state, chat, params)}
    if parsed.text:
        with_text(content, parsed, "caption", "caption_entities")
    with_markup(content, markup)
    message = state.new_message(chat, state.me, content)
    state.files.append(
        UploadedFile(
            chat_id=chat.user.id,
            message_id=message["message_id"],
            kind=kind,
            file_id=f"fake-{kind}-{number}",
            filename=filename,
            content=upload.content if upload else None,
            mime_type=mime,
            caption=parsed.text or None,
        )
    )
    log_message(state, "send" + kind.capitalize(), message, params, "caption", markup)
    return message


async def send_photo(state: BotState, params: Params) -> JSONDict:
    """sendPhoto: store the uploaded image and its caption."""
    return await _send_file(state, params, "photo")


async def send_document(state: BotState, params: Params) -> JSONDict:
    """sendDocument: store the uploaded file, its name and caption."""
    return await _send_file(state, params, "document")


FILE_METHODS: dict[str, Handler] = {"sendPhoto": send_photo, "sendDocument": send_document}
