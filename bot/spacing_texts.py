"""The words of medicine kinds, spacing conflicts, proposals, wait notes and cautions."""

from datetime import time
from html import escape

from bot.i18n import N_, _, translate_constants
from bot.time_texts import describe_weekdays
from nutrition.medicines import MedicineKind
from nutrition.spacing import (
    EVERY_DAY,
    Caution,
    Clash,
    Conflict,
    ReminderHint,
    Spacing,
)
from scheduler.recurrence import format_wall_time

_K = MedicineKind
# The short list, in plain words, in the order the buttons show.
KIND_LABELS: dict[MedicineKind, str] = {
    _K.THYROID: "Thyroid hormone (levothyroxine)",
    _K.BISPHOSPHONATE_WEEKLY: "Alendronate or similar, weekly",
    _K.BISPHOSPHONATE_DAILY: "Alendronate or similar, daily",
    _K.IRON: "Iron",
    _K.ZINC: "Zinc",
    _K.TETRACYCLINE: "Antibiotic: doxycycline, tetracycline…",
    _K.QUINOLONE: "Antibiotic: ciprofloxacin, levofloxacin…",
    _K.STRONTIUM: "Strontium",
    _K.FLUORIDE: "Fluoride",
    _K.THIAZIDE: "Water tablet: hydrochlorothiazide…",
    _K.DIGOXIN: "Digoxin (heart)",
    _K.OTHER: "Something else",
}

ASK_KIND = (
    "💊 What kind of medicine is <b>{name}</b>? Calcium gets in the way of some medicines, "
    "so I'll keep your doses apart. Pick one, or type the medicine's name "
    "(e.g. <i>levothyroxine</i>, <i>优甲乐</i>)."
)
GUESS = "✅ {label}"
UNKNOWN_NAME = "I don't know that name well enough to be sure. Please pick from the list."
ASK_OVERRIDE = (
    "⏳ Usually calcium is kept {rule}. If your prescriber or the label says otherwise, type "
    "the hours apart (e.g. <i>4</i>, or <i>0.5</i> for 30 minutes); otherwise tap the button."
)
USE_USUAL = "Use the usual spacing"
OVERRIDE_INVALID = "Please type hours between 0 and 23, like <b>4</b> or <b>0.5</b>."
KIND_SAVED = "💊 Noted: <b>{name}</b> — {label}."
KIND_SAVED_OWN = "💊 Noted: <b>{name}</b> — {label}, kept {hours} from calcium as you were told."
KIND_BUTTON = "💊 What medicine is it?"
NOT_A_MEDICINE = "That product is not a medicine."

CAUTIONS = {
    Caution.THIAZIDE: (
        "ℹ️ Thiazide water tablets keep calcium in the body. With calcium and vitamin D "
        "supplements, ask your doctor to check your calcium and vitamin D levels now and then."
    ),
    Caution.DIGOXIN: (
        "ℹ️ Too much calcium in the blood makes digoxin riskier. With calcium and vitamin D "
        "supplements, ask your doctor to check your calcium and vitamin D levels."
    ),
}

MOVE_BUTTON = "🕒 Move to {to}"
KEEP_BUTTON = "Keep as is"
MOVED = "✅ Moved: <b>{name}</b> {at} → {to}{days}. I'll remind you at the new time."
MOVE_CLEAR = "✅ That dose is already clear of your medicines."
MOVE_NO_FIT = "No time that day keeps the dose clear; please ask your doctor or pharmacist."
KEPT = "Kept as it is."


def duration(minutes: int) -> str:
    """Write a gap: "4 h", "30 min", "1 h 30 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("{minutes} min").format(minutes=rest)
    if not rest:
        return _("{hours} h").format(hours=hours)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)


def hhmm(at: time) -> str:
    """Write a wall time as "HH:MM"."""
    return format_wall_time(at)


def rule_text(spacing: Spacing) -> str:
    """Say a medicine's usual spacing in a few words: "at least 4 h away from it"."""
    after, before = spacing.calcium_after_min, spacing.calcium_before_min
    if spacing.first_of_day:
        return _("for later in the day, at least {after} after it").format(after=duration(after))
    if after == before:
        return _("at least {gap} away from it").format(gap=duration(after))
    return _("at least {after} after it, or {before} before it").format(
        after=duration(after), before=duration(before)
    )


def conflict_sentence(conflict: Conflict, medicine: str, calcium: str) -> str:
    """State the broken rule in one sentence."""
    figures = {
        "medicine": f"<b>{escape(medicine)}</b>",
        "calcium": f"<b>{escape(calcium)}</b>",
        "medicine_at": hhmm(conflict.medicine_at),
        "calcium_at": hhmm(conflict.calcium_at),
        "source": _(" (as your prescriber or label says)") if conflict.overridden else "",
        "needed": duration(conflict.needed_min or 0),
        "gap": duration(conflict.gap_min),
    }
    if conflict.clash is Clash.FIRST_OF_DAY:
        sentence = _(
            "⚠️ {medicine} at {medicine_at} should be the first thing on its day, but your "
            "{calcium} is at {calcium_at}{source}."
        )
    elif conflict.clash is Clash.TOGETHER:
        sentence = _(
            "⚠️ {medicine} and your {calcium} are both at {calcium_at}: keep them {needed} "
            "apart{source}."
        )
    elif conflict.clash is Clash.AFTER:
        sentence = _(
            "⚠️ Calcium should wait {needed} after {medicine} ({medicine_at}); your {calcium} "
            "at {calcium_at} comes only {gap} after it{source}."
        )
    else:
        sentence = _(
            "⚠️ Calcium should come {needed} before {medicine} ({medicine_at}); your {calcium} "
            "at {calcium_at} is only {gap} before it{source}."
        )
    return sentence.format(**figures)


def days_text(weekdays: int) -> str:
    """Say on which days a move applies; nothing when it is every day of the schedule."""
    if weekdays == EVERY_DAY:
        return ""
    return _(" ({days})").format(days=describe_weekdays(weekdays))


def proposal_text(calcium: str, at: time, to: time | None, weekdays: int) -> str:
    """Offer the move, or say that no time of that day fits."""
    if to is None:
        return _(MOVE_NO_FIT)  # the module's own constant reads as English here
    return _("👉 Move the {at} <b>{calcium}</b> to <b>{to}</b>{days}?").format(
        at=hhmm(at), calcium=escape(calcium), to=hhmm(to), days=days_text(weekdays)
    )


def wait_line(conflict: Conflict, medicine: str, until: time | None) -> str:
    """Say why a calcium dose due now should wait, and until when."""
    med = escape(medicine)
    if conflict.clash is Clash.AFTER:
        why = _("It's {gap} since your {medicine}").format(
            gap=duration(conflict.gap_min), medicine=med
        )
    elif conflict.clash is Clash.FIRST_OF_DAY:
        why = _("Your {medicine} ({time}) should come first today").format(
            medicine=med, time=hhmm(conflict.medicine_at)
        )
    elif conflict.clash is Clash.TOGETHER:
        why = _("Your {medicine} is due now too").format(medicine=med)
    else:
        why = _("Your {medicine} is due in {gap}").format(
            medicine=med, gap=duration(conflict.gap_min)
        )
    if until is None:
        return _("⏳ {why}; ask your doctor when to take calcium today.").format(why=why)
    return _("⏳ {why}; wait until {time} if you can.").format(why=why, time=hhmm(until))


def wait_button(until: time) -> str:
    """Label the snooze that ends with the spacing window."""
    return _("⏰ Until {time}").format(time=hhmm(until))


WAIT_CLEAR = "It's fine to take it now."

_HINTS = {
    ReminderHint.ON_RISING: N_(
        "🌅 On rising, with a full glass of plain water, at least 30 min before food, drinks "
        "and calcium; stay upright for 30 min."
    ),
    ReminderHint.BEFORE_CALCIUM: N_("💊 Take it before your calcium."),
}


def medicine_lines(hint: ReminderHint | None, spacing: Spacing) -> list[str]:
    """Word a medicine reminder's rule: the hint, then how long calcium keeps away."""
    lines = [] if hint is None else [_(_HINTS[hint])]
    if spacing.spaced and hint is not ReminderHint.ON_RISING:
        lines.append(_("⏳ Keep calcium {rule}.").format(rule=rule_text(spacing)))
    return lines


translate_constants(__name__)
