"""Edit a message the user already sees, treating "nothing to change" as done."""

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest

# Telegram refuses an edit that changes nothing; the user already sees that state.
_NOT_MODIFIED = "message is not modified"


async def edit_html(
    message: Message, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> bool:
    """Edit `message` to `text`; return False (quietly) when it already shows exactly that."""
    try:
        await message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=reply_markup)
    except BadRequest as error:
        if _NOT_MODIFIED in str(error).lower():
            return False
        raise
    return True
