"""User-facing texts (HTML parse mode); user input is always escaped before it goes in."""

from decimal import Decimal
from html import escape

from bot.i18n import _, number, translate_constants
from nutrition.units import iu_from_ug, ug_from_iu

BRAND = "calcibot"

WELCOME_NEW = (
    "👋 Hello! I'm <b>calcibot</b>. I help you take calcium, vitamin D and vitamin K on time "
    "and keep the day's total under the safe upper limit.\n\n"
    "I give reminders and totals, not diagnoses: your doctor's advice always comes first.\n\n"
    "A few quick questions first (you can change every answer later in /settings).\n\n"
    "🔒 What I store and how to export or erase it: /privacy"
)
WELCOME_BACK = "👋 Welcome back! Everything you set up is still here."
RESUME = "Let's carry on where we left off."
HELP = (
    "<b>What I can do</b>\n"
    "Tell me what you ate (e.g. <i>2 cups of milk and 100 g tofu</i>) and I'll count the "
    "calcium.\n"
    "/today – today's doses, exercise and calcium total\n"
    "/supplements – your calcium, vitamins and medicines, and their reminders\n"
    "/exercise – bone-friendly exercise reminders\n"
    "/history – the last 7 days\n"
    "/day – a past day's doses and meals (/day yesterday, /day 2026-11-30)\n"
    "/log – log a meal\n"
    "/undo – remove the last entry\n"
    "/food – your own foods\n"
    "/caregivers – let family or a carer get alerts about you\n"
    "/patients – people you follow as a caregiver\n"
    "/report – a chart of the last 7 days for you or your doctor (/report 30: a month)\n"
    "/summary – when your daily summary comes\n"
    "/privacy – what I store; /export – a copy; /delete – erase it all\n"
    "/start – set up or see your profile\n"
    "/settings – change time zone, age, reference set, doctor's limit …\n"
    "/language – English / 中文\n"
    "/cancel – stop what we are doing\n"
    "/help – this message\n\n"
    "I never diagnose. Every limit I use has a published source, and a limit your "
    "doctor set always wins."
)
ASK_TIMEZONE = (
    "🕒 <b>Where are you?</b> I send reminders in your local time.\n"
    "Type your city or time zone (for example <i>Berlin</i>, <i>Asia/Shanghai</i>, "
    "<i>New York</i>), or tap “📍 Share my location” below."
)
TIMEZONE_NOT_FOUND = (
    "I couldn't find a place called “{text}”. Please type a larger city nearby or a time zone "
    "such as <i>Europe/Berlin</i>."
)
TIMEZONE_AT_SEA = (
    "That spot looks like open water, so I can't tell the local time there. "
    "Please type the nearest city instead."
)
ZONE_FOUND = "📍 Found it."
CONFIRM_TIMEZONE = (
    "Your time zone is <b>{zone}</b>{place}. It is <b>{local}</b> there now. Is that right?"
)
ASK_BIRTH_YEAR = (
    "🎂 <b>What year were you born?</b> (four digits, e.g. 1952)\n"
    "Age decides which daily targets and upper limits apply."
)
YEAR_NOT_A_YEAR = "Please type your year of birth as four digits, for example <b>1952</b>."
YEAR_TOO_EARLY = "{year} is before 1900. Please check the year and type it again, e.g. <b>1952</b>."
YEAR_UNDER_ADULT = (
    "Thank you 🙂 I'm made for adults (18 and over): my targets and limits are adult ones, "
    "and children's differ. Please ask your doctor about a child's calcium and vitamin D. "
    "If the year was a typo, type it again, e.g. <b>1952</b>."
)
YEAR_IN_FUTURE = (
    "{year} hasn't happened yet 🙂 Please type the year you were born, e.g. <b>1952</b>."
)
ASK_SEX = "⚧ <b>Your sex?</b> Some targets differ between women and men (e.g. US, age 51–70)."
ASK_REFERENCE = (
    "📚 <b>Which reference values should I use?</b>\n"
    "• <b>US</b> – National Academies (IOM 2011), used by the NIH\n"
    "• <b>EU</b> – European Food Safety Authority (EFSA)\n"
    "• <b>China</b> – Chinese Nutrition Society (DRIs 2013)\n"
    "I marked the usual one for your language with ★. If unsure, keep it."
)
ASK_CALCIFICATION = (
    "❤️ <b>Has a doctor found vascular calcification</b> (calcium deposits in the arteries)?\n"
    "If so I'll favour calcium from food and warn earlier before the daily limit."
)
ASK_DOCTOR_CALCIUM = (
    "🩺 If your doctor gave you a <b>daily calcium limit</b>, type it in mg (e.g. 1500). "
    "It will replace the reference limit. Type <b>none</b> to remove one."
)
DOCTOR_LIMIT_INVALID = (
    "Please type a number of mg between 200 and 5000, <b>none</b> to remove the doctor's "
    "limit, or /cancel to leave it as it is."
)
ASK_DOCTOR_VITAMIN_D = (
    "🩺 If your doctor gave you a <b>daily vitamin D limit</b>, type it in IU or µg "
    "(e.g. <i>2000 IU</i> or <i>50 µg</i>). It will replace the reference limit. "
    "Type <b>none</b> to remove one."
)
DOCTOR_VITAMIN_D_INVALID = (
    "Please type vitamin D between 200 and 50,000 IU (5–1,250 µg), <b>none</b> to remove "
    "the doctor's limit, or /cancel to leave it as it is."
)
ASK_WARFARIN = (
    "💊 Do you take <b>warfarin</b> or another vitamin K antagonist? "
    "If so I'll remind you to keep vitamin K intake steady."
)
USE_BUTTONS = "Please answer with one of the buttons below 👇"
TOO_LONG = "That message is very long. Please send a short answer."
ONBOARDING_DONE = (
    "✅ <b>All set!</b> Here is what I use:\n{profile}\n\n"
    "Next: add your calcium with /supplements. Change any answer with /settings.\n"
    "📋 Every evening at 20:00 I send a summary of your day: change or stop it with /summary."
)
EDIT_DONE = "✅ Saved.\n{profile}"
CANCELLED_EDIT = "OK, nothing changed."
CANCELLED_ONBOARDING = (
    "No problem. Your answers so far are saved; send /start whenever you want to carry on."
)
NOTHING_TO_CANCEL = "There is nothing to cancel right now."


def chosen(label: str) -> str:
    """Mark the answer given to a question: "✔ Female"."""
    return _("<i>✔ {answer}</i>").format(answer=escape(label))


OLD_BUTTON = "That question was already answered."
ERROR = (
    "😕 Sorry, something went wrong on my side. What you saved before is safe; "
    "please try again in a moment."
)
NOT_STARTED = "Please send /start first so I can set you up."
LANGUAGE_ASK = "🌐 Which language should I use? / 您想用哪种语言？"
LANGUAGE_SET = "✅ OK, I'll write in English from now on."
LANGUAGE_NO_TRADITIONAL = "There is no Traditional Chinese version yet."
UNKNOWN_COMMAND = "I don't know that command. /help shows what I can do."
NOT_AVAILABLE = "This button is not available any more."
UNKNOWN_TEXT = "I'm not sure what to do with that. /help shows what I can do."
SETTINGS_TITLE = "⚙️ <b>Your settings</b>\n{profile}\n\nTap what you want to change:"

SEX_LABELS = {"female": "♀ Female", "male": "♂ Male", "other": "Prefer not to say"}
REFERENCE_LABELS = {"us": "US (IOM 2011)", "eu": "EU (EFSA)", "cn": "China (CNS 2013)"}
CALCIFICATION_LABELS = {True: "Yes", False: "No", None: "Not sure"}


def vitamin_d_which_unit(value: Decimal) -> str:
    """Ask which unit a bare vitamin D number is, showing both readings."""
    shown = f"{value.normalize():f}"
    # A module reads its own constants untranslated: translate the template here.
    return _(SUP_VITAMIN_D_WHICH_UNIT).format(
        number=shown, as_ug_iu=f"{iu_from_ug(value):,}", as_iu_ug=f"{ug_from_iu(value):f}"
    )


def quote(text: str, limit: int = 40) -> str:
    """Return user text shortened and HTML-escaped, safe to echo back."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return escape(short)


SUP_ASK_NAME = "💊 <b>What is the product called?</b> (as on the box, e.g. <i>Caltrate 600+D</i>)"
SUP_NAME_INVALID = "Please type a name of 1 to {limit} characters."
SUP_ASK_FORM = "What kind of product is <b>{name}</b>? The label names the calcium form."
SUP_ASK_BASIS = (
    "How does the label give the calcium per tablet?\n"
    "• <b>Elemental calcium</b> – e.g. “Calcium 600 mg” (most labels)\n"
    "• <b>Compound</b> – e.g. “Calcium carbonate 1,500 mg”"
)
SUP_ASK_ELEMENTAL = "How many mg of <b>elemental calcium</b> per tablet? (e.g. 600)"
SUP_ASK_COMPOUND = "How many mg of <b>{form}</b> per tablet? (e.g. 1500) I'll work out the calcium."
SUP_AMOUNT_INVALID = (
    "Please type the mg per tablet as a number between 1 and 5000, e.g. <b>600</b>."
)
SUP_ASK_VITAMIN_D = (
    "☀️ Vitamin D per tablet? Type it in IU or µg (e.g. <i>400 IU</i> or <i>10 µg</i>), or <b>0</b>."
)
SUP_VITAMIN_D_INVALID = (
    "Please type vitamin D like <b>400 IU</b> or <b>10 µg</b>, or <b>0</b> if none."
)
SUP_VITAMIN_D_WHICH_UNIT = (
    "☀️ Which unit does the label give: <b>{number} µg</b> (= {as_ug_iu} IU) or "
    "<b>{number} IU</b> (= {as_iu_ug} µg)? They differ 40×. Type it with its unit, "
    "e.g. <i>{number} µg</i> or <i>{number} IU</i> (微克 / 国际单位 work too)."
)


def vitamin_d_both_units(iu: int) -> str:
    """Write vitamin D in both label units: "1,000 IU (25 µg)"."""
    return _("{iu} IU ({ug} µg)").format(iu=number(iu), ug=f"{ug_from_iu(iu):f}")


SUP_ASK_VITAMIN_K = "🥬 Vitamin K per tablet in µg (e.g. <i>90</i>), or <b>0</b>."
SUP_VITAMIN_K_INVALID = "Please type vitamin K in µg, like <b>90</b>, or <b>0</b> if none."
SUP_WITH_FOOD = "🍽 Calcium carbonate needs stomach acid: take it <b>with food</b>."
SUP_CHECK_LABEL = "\nPlease check this against the label before saving."
SUP_MEDICINE_NOTE = (
    "• A medicine: I'll remind you to take it, without counting nutrients.\n"
    "• Next I'll ask what kind of medicine it is, so I can keep your calcium doses clear of "
    "it and add the right reminder notes. Follow your prescriber."
)
SUP_SAVED = "✅ Saved <b>{name}</b>."
SUP_EDIT_NAME = (
    "✏️ Editing <b>{name}</b>. I'll ask each question again; its reminders stay as they are.\n"
    "What is the product called?"
)
SUP_UPDATED = "✅ Updated <b>{name}</b>. Its reminders now use the new figures."

SCH_ASK_UNITS = "🕒 Let's schedule <b>{name}</b>. How many tablets per dose? (tap or type a number)"
SUP_AMOUNT_UNUSUAL = (
    "⚠️ That makes <b>{mg:,} mg</b> of elemental calcium in one tablet. Most tablets hold "
    "200–600 mg, so please check the label: is the figure per tablet (not per day or per pack)?"
)
SCH_UNITS_INVALID = (
    "Please type the tablets per dose, from ½ to {limit}: e.g. <b>1</b>, <b>1.5</b> or <b>½</b> "
    "(or /cancel)."
)
SCH_ASK_TIMES = "At what time(s) of day? e.g. <b>8:00</b> or <b>8:00, 20:00</b> or <b>8am</b>."
SCH_TIMES_INVALID = (
    "I couldn't read those times. Please type them like <b>8:00, 20:00</b> (up to 8 a day), "
    "or /cancel."
)
SCH_ASK_DAYS = "Which days? Tap below, or type days like <i>Mon Wed Fri</i>."
SCH_DAYS_INVALID = "Please type days like <b>Mon Wed Fri</b> or <b>Mon-Fri</b>, or tap a button."
SUP_PRESCRIBED_MARK = " · 🩺 prescribed"
SUP_MARK_PRESCRIBED = "🩺 Prescribed by my doctor"
SUP_UNMARK_PRESCRIBED = "🩺 Not prescribed"
SUP_NOW_PRESCRIBED = (
    "🩺 <b>{name}</b> is marked as prescribed by your doctor. Before its doses I'll show the "
    "vitamin D figures with a note to take it as told, not a warning."
)
SUP_NOT_PRESCRIBED = "<b>{name}</b> is no longer marked as prescribed."
SCH_ASK_MONTH_DAY = "📅 Which day of the month? Type a number from 1 to 31 (31 means the last day)."
SCH_MONTH_DAY_INVALID = "Please type a day of the month from 1 to 31 (or /cancel)."
SCH_MONTHLY_BUTTON = "📅 Once a month"
SCH_SPLIT_NOTE = (
    "ℹ️ One dose would carry <b>{mg:,} mg</b> of calcium. The body absorbs calcium best "
    "at 500 mg or less at a time."
)
SCH_SPLIT_OFFER = "I can split it instead:\n{proposal}"
SCH_SAVED = "✅ Scheduled. {summary}\nI'll remind you on time."
NOT_YOURS = "That item isn't available any more."
SCHEDULE_CARD = "🕒 <b>{name}</b>: {summary}{paused}\nWhat would you like to change?"
SCHEDULE_ASK_TIMES = (
    "New time(s) for <b>{name}</b>? e.g. <b>9:30</b> or <b>8:00, 20:00</b>. "
    "Today's reminder still to come moves with it."
)
SCHEDULE_CONFIRM_DELETE = "Delete this schedule of <b>{name}</b> ({summary})? Doses logged stay."
SCHEDULE_CHANGED = "✅ <b>{name}</b>: {summary}{paused}"
SCHEDULE_DELETED = "🗑 That schedule of <b>{name}</b> is deleted. Doses logged stay."

SUP_NONE = "You have no products yet. Add your calcium, vitamin D or medicine:"
SUP_LIST = "💊 <b>Your products</b>\n{items}"
SUP_CONFIRM_DELETE = "Delete <b>{name}</b> and its reminders? Your history stays."
SUP_PAUSED = "⏸ <b>{name}</b> is paused: no reminders until you resume it."
SUP_RESUMED = "▶️ <b>{name}</b> is back on: reminders resume."
SUP_DELETED = "🗑 <b>{name}</b> is deleted."

REMINDER_PRODUCT_DELETED = (
    "This product was deleted from /supplements, so its reminders have stopped. "
    "Add it again there if you still take it."
)
PRODUCT_DELETED_MARK = "🗑 Product deleted"
REMINDER_NOT_YOURS = "This reminder isn't yours, or it no longer exists."
NO_DOSE_WAITING = (
    "There's no dose waiting for an answer right now. To log food, just tell me what you ate."
)
WHICH_DOSE = "Which one did you take?"

WARN_NEAR = (
    "⚠️ <b>Today's {name} is nearing your upper limit</b>\n{figures}\n"
    "Food keeps counting too; you may want to skip extra supplements for the rest of the day."
)
WARN_OVER = (
    "⛔ <b>Today's {name} has reached your upper limit</b>\n{figures}\n"
    "It's best not to take more {name} supplements today. If this happens often, please talk "
    "to your doctor."
)

TODAY_NOTHING = "No doses or exercise planned today. /supplements to add some."
HISTORY_TITLE = "📈 <b>Last 7 days</b>"
HISTORY_NOTHING = "No history yet. Once reminders go out, you'll see how many you took here."

EX_PLAN_TITLE = (
    "🏃 <b>A bone-health week</b> (National Osteoporosis Foundation; Too Fit To Fracture, 2014)\n"
)
EX_SAFETY_TITLE = "\n<b>Move safely</b>"
EX_CURRENT = "Your exercise reminders:\n{items}\n\n"
EX_PLAN_SAVED = (
    "✅ Plan saved. I'll remind you on those days; change times later in /exercise.\n"
    "If you have had a spine fracture, ask a physiotherapist before you start."
)
EX_ASK_TITLE = "What exercise? (e.g. <i>Tai chi class</i>)"
EX_ASK_DAYS = "Which days? Tap below, or type days like <i>Mon Wed Fri</i> or <i>每天</i>."
EX_CURRENT_SHORT = (
    "🏃 <b>Your exercise reminders</b>\n{items}\n\n"
    "Tap one to change its times or days, pause or delete it."
)
EX_SAVED = "✅ <b>{title}</b> at {times}, {days}. I'll remind you."
EX_DELETED = "🗑 Exercise reminder deleted."


translate_constants(__name__)
