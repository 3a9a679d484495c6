"""Words of /today and /day: rows of doses, the legend, diary entries and their buttons."""

from datetime import date
from html import escape

from bot import meal_texts
from bot.i18n import _, day, number, translate_constants

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
DAY_TITLE = "📅 <b>{day}</b>"
TODAY_TITLE = "📅 <b>Today, {day}</b>"
DAY_USAGE = (
    "Which day? Send <code>/day yesterday</code> or a date like <code>/day 2026-11-30</code>."
)
DAY_FUTURE = "That day hasn't come yet. Send <code>/day yesterday</code> or a past date."
DAY_TOO_OLD = "I look back one year at most. Please pick a later date."


def day_title(shown: date) -> str:
    """Title a past day with its date and year."""
    return _(DAY_TITLE).format(day=f"{day(shown)} {shown.year}")


def today_title(shown: date) -> str:
    """Title today."""
    return _(TODAY_TITLE).format(day=day(shown))


def snoozed_note(until: str) -> str:
    """Say until when a snoozed dose waits."""
    return _(" — snoozed to {until}").format(until=until)


def room_warning(dose_mg: int, room_mg: int) -> str:
    """Warn that a dose still to take brings more calcium than the room left today."""
    return "   " + _("⚠️ {dose} mg: more than the {room} mg left under your limit today").format(
        dose=number(dose_mg), room=number(room_mg)
    )


def entry_line(icon: str, at: str, label: str, grams: int | None, calcium_mg: int) -> str:
    """Write one diary entry: icon, time, what, how much calcium."""
    amount = " " + _("({grams} g)").format(grams=number(grams)) if grams else ""
    calcium = _("{amount} mg").format(amount=number(calcium_mg))
    return f"{icon} {at} {escape(label)}{amount} — {calcium}"


def remove_label(label: str, calcium_mg: int) -> str:
    """Label the remove button of one entry."""
    return f"🗑 {label[:24]} ({_('{amount} mg').format(amount=number(calcium_mg))})"


def nutrient_lines(
    nutrient: str, *, total: int, food: int, supplements: int, progress: str, room: int, bar: str
) -> list[str]:
    """Word one nutrient's block of /today: total and sources, progress and room, a bar."""
    head = {
        "calcium": _("<b>Calcium</b>: {total} mg — food {food} + supplements {supplements}"),
        "vitamin_d": _("<b>Vitamin D</b>: {total} IU — food {food} + supplements {supplements}"),
    }[nutrient]
    return [
        head.format(total=number(total), food=number(food), supplements=number(supplements)),
        "   " + _("{progress} · room left {room}").format(progress=progress, room=number(room)),
        f"   {bar}",
    ]


def progress(total: int, *, target: int, limit: int, unit: str, doctor_limit: bool) -> str:
    """Word progress to the target and the upper limit apart (meal_texts' line, translated)."""
    percent = total * 100 // target if target > 0 else 0
    units = {"mg": _("mg"), "IU": _("IU")}
    line = meal_texts.PROGRESS.format(
        total=total, target=target, percent=percent, limit=limit, unit=units.get(unit, unit)
    )
    return line + (meal_texts.DOCTOR_MARK if doctor_limit else "")


def limit_source(source: str) -> str:
    """Say where the limits come from: the doctor, or the reference set's citation."""
    return _("Limits set by your doctor") if source == "doctor" else source


def vitamin_k_line(micrograms: int) -> str:
    """Say the day's vitamin K."""
    return _("<b>Vitamin K</b>: {amount} µg").format(amount=number(micrograms))


DAY_LOG_HINT = "➕ To add a meal to this day: <i>/log {day} 2 cups of milk</i>"


translate_constants(__name__)
