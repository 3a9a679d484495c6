"""Inline and reply keyboards; callback data are short ids, never free text."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.texts import REFERENCE_LABELS, SEX_LABELS

BACK = InlineKeyboardButton("⬅️ Back", callback_data="ob:back")


def _with_back(rows: list[list[InlineKeyboardButton]], *, back: bool) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([*rows, [BACK]] if back else rows)


def share_location() -> ReplyKeyboardMarkup:
    """Offer a one-tap location share for the time-zone question."""
    button = KeyboardButton("📍 Share my location", request_location=True)
    return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)


def confirm_timezone() -> InlineKeyboardMarkup:
    """Ask the user to confirm the zone found for them."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("✅ That's right", callback_data="ob:tz:ok"),
                InlineKeyboardButton("✏️ Change", callback_data="ob:tz:no"),
            ]
        ]
    )


def with_back_only(*, back: bool) -> InlineKeyboardMarkup | None:
    """Offer only the Back button, for questions answered by typing."""
    return InlineKeyboardMarkup([[BACK]]) if back else None


def sex(*, back: bool) -> InlineKeyboardMarkup:
    """Offer the sex answers."""
    rows = [
        [InlineKeyboardButton(label, callback_data=f"ob:sex:{key}")]
        for key, label in SEX_LABELS.items()
    ]
    return _with_back(rows, back=back)


def reference(*, suggested: str, back: bool) -> InlineKeyboardMarkup:
    """Offer the reference sets, the one suggested for the user's language starred."""
    rows = [
        [
            InlineKeyboardButton(
                ("★ " if key == suggested else "") + label, callback_data=f"ob:ref:{key}"
            )
        ]
        for key, label in REFERENCE_LABELS.items()
    ]
    return _with_back(rows, back=back)


def yes_no_unsure(prefix: str, *, unsure: bool, back: bool) -> InlineKeyboardMarkup:
    """Offer Yes / No (/ Not sure) for a yes-no question."""
    buttons = [
        InlineKeyboardButton("✅ Yes", callback_data=f"{prefix}:yes"),
        InlineKeyboardButton("❌ No", callback_data=f"{prefix}:no"),
    ]
    if unsure:
        buttons.append(InlineKeyboardButton("🤷 Not sure", callback_data=f"{prefix}:unsure"))
    return _with_back([buttons], back=back)


def settings_menu() -> InlineKeyboardMarkup:
    """List what can be changed in /settings."""
    items = [
        ("🕒 Time zone", "timezone"),
        ("🎂 Year of birth", "birth_year"),
        ("⚧ Sex", "sex"),
        ("📚 Reference values", "reference"),
        ("❤️ Vascular calcification", "calcification"),
        ("🩺 Doctor's calcium limit", "doctor_calcium"),
        ("💊 Warfarin", "warfarin"),
    ]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=f"st:{key}")] for label, key in items]
    )
