"""Words of the patient's records: /privacy, /export, /delete, the daily summary and /report."""

from html import escape

from bot.i18n import _, number, translate_constants

PRIVACY = (
    "🔒 <b>Your data and privacy</b>\n"
    "<b>What I store</b>: your answers (time zone, year of birth, sex, reference values, "
    "doctor's limits), your products and their schedules, the reminders I sent and your "
    "answers to them, the meals and doses you logged, your own foods, and the limit warnings "
    "I gave. Names only where caregivers need them: the name you give an invite, and a "
    "caregiver's Telegram name when they open it. I do not keep your messages' text beyond "
    "what you log.\n"
    "<b>Who sees it</b>: only you. A caregiver sees only what you allow (missed doses, "
    "over-limit days, a daily digest; what you ate or took only if you turn on details), and "
    "either of you can end that at any time. The operator's logs hold ids and event names, "
    "never what you ate or took.\n"
    "<b>Your copy</b>: /export sends all of it as a zip of spreadsheets (CSV).\n"
    "<b>Erase it</b>: /delete removes everything about you for good, after you confirm."
)
PRIVACY_LINK = "\n\n🔒 What I store and how to erase it: /privacy"
EXPORT_CAPTION = "📦 Everything I store about you: one CSV per kind ({rows} rows)."
EXPORT_FILENAME = "calcibot-export.zip"
DELETE_ASK = (
    "⚠️ <b>Delete all your data?</b>\n"
    "This erases your profile, products, schedules, reminders, meals, doses and own foods for "
    "good. It cannot be undone. Send /export first if you want a copy."
)
DELETE_BUTTON = "🗑 Yes, delete everything"
KEEP_BUTTON = "↩️ No, keep it"
DELETE_WORD = "DELETE"
DELETE_TYPE = "To be sure, type <b>DELETE</b> (in capitals). Anything else keeps your data."
DELETE_KEPT = "👍 Nothing was deleted."
DELETE_DONE = (
    "🗑 Done: everything I stored about you is erased. No more reminders will come. "
    "Send /start if you ever want to begin again."
)


def export_caption(rows: int) -> str:
    """Say what the export holds."""
    return _(EXPORT_CAPTION).format(rows=number(rows))


def quote(text: str) -> str:
    """Escape user text for HTML."""
    return escape(text)


SUMMARY_UNAVAILABLE = "📋 Your daily summary: send /today to see your day."
SUMMARY_SETTING_ON = "📋 <b>Daily summary</b>: every day at <b>{at}</b> (your local time)."
SUMMARY_SETTING_OFF = "📋 <b>Daily summary</b>: switched off."
SUMMARY_CHOOSE = (
    "Pick a time below, type <code>/summary 21:30</code> for any other, or switch it off."
)
SUMMARY_OFF_BUTTON = "🔕 Switch off"
SUMMARY_MENU_BUTTON = "📋 Daily summary"
SUMMARY_BAD_TIME = (
    "I couldn't read “{text}” as a time. Try <code>/summary 20:00</code>, "
    "<code>/summary 8pm</code> or <code>/summary off</code>."
)
# Hours offered as buttons: evenings, when most of the day's intake is logged.
SUMMARY_HOURS = (18, 19, 20, 21, 22)


def summary_setting_text(at: str | None) -> str:
    """Say when the daily summary comes, or that it is off."""
    head = _(SUMMARY_SETTING_ON).format(at=at) if at else _(SUMMARY_SETTING_OFF)
    return f"{head}\n{_(SUMMARY_CHOOSE)}"


def _nutrient_line(line: str, total: int, target: int, limit: int) -> str:
    return line.format(total=number(total), target=number(target), limit=number(limit))


def summary_lines(
    *,
    calcium: tuple[int, int, int],
    vitamin_d: tuple[int, int, int],
    doses: tuple[int, int, int],
    exercise_done: int,
    suggestion: tuple[str, str, int] | None,
    room_mg: int,
) -> str:
    """Word the daily-summary push from its figures: (total, target, limit) per nutrient,
    (taken, missed, skipped) doses, exercises done, and a (food, portion, mg) that fits."""
    total, target, limit = calcium
    lines = [
        _("📋 <b>Your day</b>"),
        "🦴 "
        + _nutrient_line(
            _("Calcium: <b>{total} mg</b> · target {target} · upper limit {limit}"), *calcium
        ),
        "☀️ "
        + _nutrient_line(
            _("Vitamin D: <b>{total} IU</b> · target {target} · upper limit {limit}"), *vitamin_d
        ),
    ]
    taken, missed, skipped = doses
    dose_parts = ["✅ " + _("{count} taken").format(count=taken)]
    if missed:
        dose_parts.append("❌ " + _("{count} missed").format(count=missed))
    if skipped:
        dose_parts.append("⏭ " + _("{count} skipped").format(count=skipped))
    lines.append("💊 " + _("Doses: {parts}").format(parts=" · ".join(dose_parts)))
    lines.append("🏃 " + _("Exercise done: {count}").format(count=exercise_done))
    if total >= limit:
        lines.append(_("⚠️ You reached your upper limit today: no more calcium, please."))
    elif total < target and suggestion is not None:
        food, portion, calcium_mg = suggestion
        lines.append(
            _(
                "🥛 Still {short} mg short of your target: {food}, {portion}, adds ≈ {amount} mg "
                "(room left under the limit: {room} mg)."
            ).format(
                short=number(target - total),
                food=escape(food.lower()),
                portion=escape(portion),
                amount=number(calcium_mg),
                room=number(room_mg),
            )
        )
    elif total < target:
        lines.append(
            _("Still {short} mg short of your target.").format(short=number(target - total))
        )
    lines.append(_("Send /today for details."))
    return "\n".join(lines)


CHART_FOOD = "Food"
CHART_SUPPLEMENTS = "Supplements"
CHART_MISSED = "Missed dose"
CHART_Y_LABEL = "Calcium (mg)"
TABLE_COLUMNS = ("Day", "Food mg", "Suppl. mg", "Calcium mg", "Vit D IU", "Taken", "Missed")
REPORT_USAGE = "Send /report for the last 7 days or <code>/report 30</code> for 30 days."
REPORT_PDF_CAPTION = "📄 The same for your doctor: chart and table on one page."
REPORT_FILENAME = "calcibot-report-{first}-{last}.pdf"


# Said under the chart when its own words cannot be drawn (no font for the script): the
# chart then carries numbers, dates and symbols only, and this key explains its colours.
CHART_KEY = (
    "Green bars: calcium from food · blue bars: from supplements · dashed line: your target · "
    "red band: above the upper limit · ×: a missed dose."
)
TABLE_KEY = (
    "Table columns: day, calcium from food (mg), from supplements (mg), calcium in all (mg), "
    "vitamin D (IU), doses taken (✓), doses missed (✗)."
)


def chart_limit(limit_mg: int, *, doctor: bool) -> str:
    """Label the limit band."""
    if doctor:
        return _("Above the doctor's limit ({limit} mg)").format(limit=number(limit_mg))
    return _("Above the upper limit ({limit} mg)").format(limit=number(limit_mg))


def chart_target(target_mg: int) -> str:
    """Label the target line."""
    return _("Target ({target} mg)").format(target=number(target_mg))


def chart_title(first: object, last: object) -> str:
    """Title the chart with its days."""
    return _("Daily calcium, {first} to {last}").format(first=first, last=last)


def report_caption(
    *, days: int, average_mg: int, over_days: int, missed: int, target_mg: int
) -> str:
    """Say the report in one line: average, days over the limit, missed doses."""
    if over_days:
        text = _(
            "📊 {days} days: average {average} mg calcium a day (target {target}), "
            "{over} over the limit, {missed} missed doses."
        )
    else:
        text = _(
            "📊 {days} days: average {average} mg calcium a day (target {target}), "
            "{missed} missed doses."
        )
    return text.format(
        days=days,
        average=number(average_mg),
        target=number(target_mg),
        over=over_days,
        missed=missed,
    )


SUPPLY_BUTTON = "🧮 Supply"
SUPPLY_REFILL_BUTTON = "➕ Record a refill"
SUPPLY_COUNT_BUTTON = "✏️ Set the count"
SUPPLY_NONE = "🧮 <b>{name}</b>: no tablet count yet."
SUPPLY_ASK_COUNT = (
    "How many tablets of <b>{name}</b> do you have now? Type a number, e.g. <b>60</b>."
)
SUPPLY_ASK_REFILL = "How many tablets of <b>{name}</b> did you add? Type a number, e.g. <b>60</b>."
SUPPLY_BAD_NUMBER = (
    "Please type the number of tablets as digits, e.g. <b>60</b> (0 to 10,000). "
    "Nothing was changed."
)


def _units(value: object) -> str:
    text = f"{value:f}" if not isinstance(value, int) else str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def supply_card(
    *, name: str, units_left: object, per_day: object, days_left: int | None, refill_days: int
) -> str:
    """Say how many tablets are left, how long they last, and when the reminder comes."""
    lines = [
        _("🧮 <b>{name}</b>: {left} tablets left").format(
            name=escape(name), left=_units(units_left)
        )
    ]
    if days_left is not None:
        lines.append(
            _(
                "≈ {days} days at {per_day} a day. I'll remind you to refill at {refill} days left."
            ).format(days=days_left, per_day=_units(per_day), refill=refill_days)
        )
    else:
        lines.append(_("No active schedule, so I can't tell how long they last."))
    return "\n".join(lines)


def refill_reminder(*, name: str, units_left: object, days_left: int) -> str:
    """Remind the user, once, that a product is running low."""
    return _(
        "🧮 <b>{name}</b> is running low: {left} tablets left, about {days} days at your "
        "schedule. Time to get a refill."
    ).format(name=escape(name), left=_units(units_left), days=days_left)


DELETED_PATIENT_NOTICE = (
    "ℹ️ <b>{name}</b> has deleted their calcibot data, so you no longer follow them and get no "
    "more alerts about them."
)
DELETED_CAREGIVER_NOTICE = (
    "ℹ️ <b>{name}</b> has deleted their calcibot data and no longer gets alerts about you."
)


translate_constants(__name__)
