"""A product taken outside any schedule, said in words: "took 1 Caltrate", "took 2 tablets"."""

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from html import escape

from rapidfuzz import fuzz
from telegram import Message

from bot import meal_texts
from bot.context import Context
from bot.handlers.shared.intake_reply import send_day_total, send_warnings
from bot.handlers.shared.refill import send_refill_reminder
from bot.handlers.shared.warnings import send_limit_warnings
from bot.reminder_texts import hhmm, label, outcome_text
from bot.texts import quote
from nutrition.foods.numbers import chinese_number, parse_leading
from scheduler.recurrence import zone_for
from services import intakes, meals, onboarding, reminders, supplements
from services.intakes import LogStatus
from services.reminders import Action
from services.supplements import Product
from services.vocabulary import ScheduleKind, SupplementKind

# "had" and "吃了" also introduce meals, so with them an unknown name is left to the meal parser.
_TOOK = re.compile(
    r"^(?:i\s+)?(?:(?:just|have|'ve|already|also)\s+)*(?P<verb>took|taken|swallowed|had)\s+(?P<rest>.+)$"
    r"|^我?(?:刚才?|已经|又|再)*(?P<cn>吃了|服了|服用了)(?P<cn_rest>.+)$",
    re.IGNORECASE,
)
_SURE_VERBS = frozenset({"took", "taken", "swallowed", "服了", "服用了"})
_CN_COUNT = re.compile(r"^([\d.]+|[一二两三四五六七八九十半]+)\s*(?:片|粒|颗|个)?")
_UNIT = re.compile(r"^(?:x|×|(?:tablets?|pills?|capsules?|softgels?|chews?)(?:\s+of)?)\s*", re.I)
_FILLER = re.compile(r"^(?:my|the|some|of|extra|more|another)\s+", re.I)
_TRAILER = re.compile(r"[\s.!。！]+$")
_CALCIUM_WORDS = frozenset(
    {"calcium", "calcium tablet", "calcium pill", "calcium supplement", "tablet", "pill"}
    | {"supplement", "dose", "钙", "钙片", "补钙片"}
)
_VITAMIN_WORDS = frozenset({"vitamin", "vitamins", "vitamin d", "vitamin k", "维生素"})
_MEDICINE_WORDS = frozenset({"medicine", "meds", "med", "medication", "药"})
# A product logged this recently and mentioned again is most likely the same tablet.
REPEAT_WINDOW = timedelta(hours=3)
_AGAIN = re.compile(r"\b(another|again|one more|extra|second)\b|又|再", re.IGNORECASE)
MATCH_SCORE = 80.0  # rapidfuzz WRatio: "caltrate" finds "Caltrate 600+D", "cal" finds nothing
CLOSE_RIVAL = 5.0


@dataclass(frozen=True)
class TookPhrase:
    """What the user said they took: how many units of which name, and how sure the verb is."""

    units: Decimal
    name: str
    sure: bool


def read_took(text: str) -> TookPhrase | None:
    """Read "took 2 Caltrate" / "I had a calcium tablet" / "吃了两片钙片"; None for other text."""
    match = _TOOK.match(_TRAILER.sub("", text.strip()))
    if match is None:
        return None
    verb = (match.group("verb") or match.group("cn") or "").casefold()
    rest = (match.group("rest") or match.group("cn_rest") or "").strip()
    units: float | None = 1.0
    if match.group("cn"):
        count = _CN_COUNT.match(rest)
        if count is not None:
            units, rest = chinese_number(count.group(1).replace("半", "0.5")), rest[count.end() :]
    else:
        quantity, rest = parse_leading(rest.casefold())
        units = 1.0 if quantity is None else (None if quantity.problem else quantity.value)
    rest = _UNIT.sub("", rest.strip())
    while _FILLER.match(rest):
        rest = _FILLER.sub("", rest)
    try:
        amount = Decimal(str(units)) if units is not None else Decimal(-1)
    except InvalidOperation:
        amount = Decimal(-1)
    return TookPhrase(units=amount, name=rest.strip(), sure=verb in _SURE_VERBS)


def _singular(name: str) -> str:
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def matching_products(name: str, products: list[Product]) -> list[Product]:
    """Return the user's products this name means: a generic word, else the closest names."""
    key = _singular(name.casefold())
    if key in _CALCIUM_WORDS:
        return [product for product in products if product.calcium_mg > 0]
    if key in _VITAMIN_WORDS or name.casefold() in _VITAMIN_WORDS:
        return [p for p in products if p.vitamin_d_iu > 0 or p.vitamin_k_ug > 0]
    if key in _MEDICINE_WORDS:
        return [p for p in products if p.kind == SupplementKind.MEDICINE]
    if not key:
        return []
    scored = [(fuzz.WRatio(key, product.name.casefold()), product) for product in products]
    best = max((score for score, _ in scored), default=0.0)
    if best < MATCH_SCORE:
        return []
    return [product for score, product in scored if score >= best - CLOSE_RIVAL]


async def took_product(message: Message, context: Context, telegram_id: int) -> bool:
    """Log a product the user says they took outside any schedule; False if the text is not that."""
    phrase = read_took(message.text or "")
    if phrase is None:
        return False
    db = context.db
    found = matching_products(phrase.name, await supplements.list_for(db, telegram_id=telegram_id))
    if not found:
        if phrase.sure:
            await message.reply_html(meal_texts.TOOK_UNKNOWN.format(text=quote(phrase.name)))
        return phrase.sure
    if len(found) > 1:
        names = "\n".join(f"• {escape(product.name)}" for product in found[:8])
        await message.reply_html(
            meal_texts.TOOK_WHICH.format(example=escape(found[0].name), names=names)
        )
        return True
    product = found[0]
    if await _answer_waiting_dose(message, context, telegram_id, product):
        return True
    if await _looks_like_a_repeat(message, context, telegram_id, product):
        return True
    await _log_extra(message, context, telegram_id, product, phrase.units)
    return True


async def _looks_like_a_repeat(
    message: Message, context: Context, telegram_id: int, product: Product
) -> bool:
    """Ask instead of logging when the same product was logged a short while ago.

    People say "took my calcium" again to be sure; counting it twice would inflate the day's
    total. Saying "another" (or 又/再) logs the extra tablet on purpose.
    """
    if _AGAIN.search(message.text or ""):
        return False
    last = await intakes.last_logged_at(
        context.db, telegram_id=telegram_id, supplement_id=product.id
    )
    if last is None or context.now() - last > REPEAT_WINDOW:
        return False
    local = last.astimezone(zone_for(await _zone(context, telegram_id))).strftime("%H:%M")
    await message.reply_html(meal_texts.TOOK_ALREADY.format(name=escape(product.name), time=local))
    return True


async def _zone(context: Context, telegram_id: int) -> str | None:
    user = await onboarding.load(context.db, telegram_id=telegram_id)
    return user.timezone if user is not None else None


async def _answer_waiting_dose(
    message: Message, context: Context, telegram_id: int, product: Product
) -> bool:
    """Mark a waiting reminder of this very product as taken rather than log a second dose."""
    db, now = context.db, context.now()
    waiting = await reminders.due_now(db, telegram_id=telegram_id, now=now)
    dose = next((dose for dose in waiting if dose.title == product.name), None)
    if dose is None:
        return False
    result = await reminders.answer(
        db,
        telegram_id=telegram_id,
        reminder_id=dose.reminder_id,
        action=Action.TAKEN.value,
        now=now,
    )
    await message.reply_html(
        f"<b>{escape(label(ScheduleKind.DOSE, dose.title))}</b> ({hhmm(dose.due_local)}): "
        f"{outcome_text(result)}"
    )
    if result.changed and result.intake_id is not None:
        await send_limit_warnings(message, context, telegram_id=telegram_id)
    return True


async def _log_extra(
    message: Message, context: Context, telegram_id: int, product: Product, units: Decimal
) -> None:
    result = await meals.log_supplement_outside_schedule(
        context.db,
        telegram_id=telegram_id,
        supplement_id=product.id,
        units=units,
        now=context.now(),
        policy=context.policy,
    )
    if result.status is LogStatus.INVALID_AMOUNT:
        await message.reply_html(meal_texts.TOOK_BAD_AMOUNT.format(name=escape(product.name)))
        return
    if result.status is not LogStatus.LOGGED or result.day is None or result.totals is None:
        await message.reply_html(meal_texts.TOOK_UNKNOWN.format(text=quote(product.name)))
        return
    item = result.items[0]
    lead = meal_texts.TOOK_LOGGED.format(
        units=f"{units.normalize():f}", name=escape(product.name), calcium=item.calcium_mg
    )
    user = await send_day_total(
        message,
        context,
        telegram_id=telegram_id,
        day=result.day,
        totals=result.totals,
        lead=lead,
        tail=meal_texts.UNDO_HINT,
    )
    await send_warnings(message, user, result.warnings)
    await send_refill_reminder(message, result.refill)
