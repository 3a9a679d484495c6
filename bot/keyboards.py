"""Inline and reply keyboards; callback data are short ids, never free text."""

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot import records_texts, texts
from bot.callbacks import (
    CallbackData,
    LanguageButton,
    OnboardingButton,
    Question,
    RecordsButton,
    RecordsOp,
    SettingsButton,
)
from bot.i18n import _
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


def _back() -> InlineKeyboardButton:
    return InlineKeyboardButton(_("⬅️ Back"), callback_data=OnboardingButton(Question.BACK).pack())


def _with_back(rows: list[list[InlineKeyboardButton]], *, back: bool) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([*rows, [_back()]] if back else rows)


def share_location() -> ReplyKeyboardMarkup:
    """Offer a one-tap location share for the time-zone question."""
    button = KeyboardButton(_("📍 Share my location"), request_location=True)
    return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)


def confirm_timezone() -> InlineKeyboardMarkup:
    """Ask the user to confirm the zone found for them."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _("✅ That's right"),
                    callback_data=OnboardingButton(Question.TIMEZONE, "ok").pack(),
                ),
                InlineKeyboardButton(
                    _("✏️ Change"), callback_data=OnboardingButton(Question.TIMEZONE, "no").pack()
                ),
            ]
        ]
    )


def with_back_only(*, back: bool) -> InlineKeyboardMarkup | None:
    """Offer only the Back button, for questions answered by typing."""
    return InlineKeyboardMarkup([[_back()]]) if back else None


def sex(*, back: bool) -> InlineKeyboardMarkup:
    """Offer the sex answers."""
    rows = [
        [InlineKeyboardButton(label, callback_data=OnboardingButton(Question.SEX, key).pack())]
        for key, label in texts.SEX_LABELS.items()
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
        for key, label in texts.REFERENCE_LABELS.items()
    ]
    return _with_back(rows, back=back)


def yes_no_unsure(question: Question, *, unsure: bool, back: bool) -> InlineKeyboardMarkup:
    """Offer Yes / No (/ Not sure) for a yes-no question."""
    buttons = [
        InlineKeyboardButton(_("✅ Yes"), callback_data=OnboardingButton(question, "yes").pack()),
        InlineKeyboardButton(_("❌ No"), callback_data=OnboardingButton(question, "no").pack()),
    ]
    if unsure:
        buttons.append(
            InlineKeyboardButton(
                _("🤷 Not sure"), callback_data=OnboardingButton(question, "unsure").pack()
            )
        )
    return _with_back([buttons], back=back)


def settings_menu() -> InlineKeyboardMarkup:
    """List what can be changed in /settings."""
    items = [
        (_("🕒 Time zone"), Step.TIMEZONE),
        (_("🎂 Year of birth"), Step.BIRTH_YEAR),
        (_("⚧ Sex"), Step.SEX),
        (_("📚 Reference values"), Step.REFERENCE),
        (_("❤️ Vascular calcification"), Step.CALCIFICATION),
        (_("🩺 Doctor's calcium limit"), Step.DOCTOR_CALCIUM),
        (_("🩺 Doctor's vitamin D limit"), Step.DOCTOR_VITAMIN_D),
        (_("💊 Warfarin"), Step.WARFARIN),
    ]
    rows: list[Row] = [[(label, SettingsButton(step))] for label, step in items]
    rows.append([(records_texts.SUMMARY_MENU_BUTTON, RecordsButton(RecordsOp.SUMMARY_MENU))])
    rows.append([(_("🌐 Language"), LanguageButton())])
    return inline(rows)
