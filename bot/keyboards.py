"""Inline and reply keyboards; callback data are short ids, never free text."""

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.callbacks import CallbackData, OnboardingButton, Question, SettingsButton
from bot.texts import REFERENCE_LABELS, SEX_LABELS
from services.onboarding import Step

Row = Sequence[tuple[str, CallbackData]]


def inline(rows: Sequence[Row]) -> InlineKeyboardMarkup:
    """Build an inline keyboard from rows of (label, typed button)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=data.pack()) for label, data in row]
            for row in rows
        ]
    )


BACK = InlineKeyboardButton("⬅️ Back", callback_data=OnboardingButton(Question.BACK).pack())


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
                InlineKeyboardButton(
                    "✅ That's right",
                    callback_data=OnboardingButton(Question.TIMEZONE, "ok").pack(),
                ),
                InlineKeyboardButton(
                    "✏️ Change", callback_data=OnboardingButton(Question.TIMEZONE, "no").pack()
                ),
            ]
        ]
    )


def with_back_only(*, back: bool) -> InlineKeyboardMarkup | None:
    """Offer only the Back button, for questions answered by typing."""
    return InlineKeyboardMarkup([[BACK]]) if back else None


def sex(*, back: bool) -> InlineKeyboardMarkup:
    """Offer the sex answers."""
    rows = [
        [InlineKeyboardButton(label, callback_data=OnboardingButton(Question.SEX, key).pack())]
        for key, label in SEX_LABELS.items()
    ]
    return _with_back(rows, back=back)


def reference(*, suggested: str, back: bool) -> InlineKeyboardMarkup:
    """Offer the reference sets, the one suggested for the user's language starred."""
    rows = [
        [
            InlineKeyboardButton(
                ("★ " if key == suggested else "") + label,
                callback_data=OnboardingButton(Question.REFERENCE, key).pack(),
            )
        ]
        for key, label in REFERENCE_LABELS.items()
    ]
    return _with_back(rows, back=back)


def yes_no_unsure(question: Question, *, unsure: bool, back: bool) -> InlineKeyboardMarkup:
    """Offer Yes / No (/ Not sure) for a yes-no question."""
    buttons = [
        InlineKeyboardButton("✅ Yes", callback_data=OnboardingButton(question, "yes").pack()),
        InlineKeyboardButton("❌ No", callback_data=OnboardingButton(question, "no").pack()),
    ]
    if unsure:
        buttons.append(
            InlineKeyboardButton(
                "🤷 Not sure", callback_data=OnboardingButton(question, "unsure").pack()
            )
        )
    return _with_back([buttons], back=back)


def settings_menu() -> InlineKeyboardMarkup:
    """List what can be changed in /settings."""
    items = [
        ("🕒 Time zone", Step.TIMEZONE),
        ("🎂 Year of birth", Step.BIRTH_YEAR),
        ("⚧ Sex", Step.SEX),
        ("📚 Reference values", Step.REFERENCE),
        ("❤️ Vascular calcification", Step.CALCIFICATION),
        ("🩺 Doctor's calcium limit", Step.DOCTOR_CALCIUM),
        ("🩺 Doctor's vitamin D limit", Step.DOCTOR_VITAMIN_D),
        ("💊 Warfarin", Step.WARFARIN),
    ]
    return inline([[(label, SettingsButton(step))] for label, step in items])
