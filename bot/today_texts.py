"""Words of /today and /day: rows of doses, the legend, diary entries and their buttons."""

from html import escape

STATUS_ICONS = {
    "upcoming": "🕒",
    "pending": "🕒",
    "sending": "📨",
    "sent": "🔔",
    "taken": "✅",
    "snoozed": "⏰",
    "skipped": "⏭",
    "missed": "❌",
    "failed": "⚠️",
    "overdue": "⌛",
    "added_after": "➖",
}
STATUS_NOTES = {
    "overdue": " — not sent yet (running late)",
    "added_after": " — not sent (added after the time)",
    "missed": " — missed",
    "failed": " — could not be sent",
}
LEGEND = (
    "<i>✅ taken · ⏰ snoozed · ⏭ skipped · ❌ missed · 🕒 to come · ➖ added after its time</i>"
)
DIARY_TITLE = "🍽 <b>Logged</b>"
DIARY_EMPTY = "🍽 Nothing logged yet. Tell me what you ate, e.g. <i>a cup of milk</i>."
SOURCE_ICONS = {"food": "🍽", "manual": "✍️", "dose": "💊", "supplement": "💊"}
REMOVED = "🗑 Removed."
ALREADY_REMOVED = "That entry is already gone."
DAY_TITLE = "📅 <b>{day:%a %d %b %Y}</b>"
DAY_USAGE = (
    "Which day? Send <code>/day yesterday</code> or a date like <code>/day 2026-11-30</code>."
)
DAY_FUTURE = "That day hasn't come yet. Send <code>/day yesterday</code> or a past date."
DAY_TOO_OLD = "I look back one year at most. Please pick a later date."


def snoozed_note(until: str) -> str:
    """Say until when a snoozed dose waits."""
    return f" — snoozed to {until}"


def room_warning(dose_mg: int, room_mg: int) -> str:
    """Warn that a dose still to take brings more calcium than the room left today."""
    return f"   ⚠️ {dose_mg:,} mg: more than the {room_mg:,} mg left under your limit today"


def entry_line(icon: str, at: str, label: str, grams: int | None, calcium_mg: int) -> str:
    """Write one diary entry: icon, time, what, how much calcium."""
    amount = f" ({grams:,} g)" if grams else ""
    return f"{icon} {at} {escape(label)}{amount} — {calcium_mg:,} mg"


def remove_label(label: str, calcium_mg: int) -> str:
    """Label the remove button of one entry."""
    return f"🗑 {label[:24]} ({calcium_mg:,} mg)"
