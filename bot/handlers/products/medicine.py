"""What kind of medicine a product is (picked or typed), and the prescriber's spacing if any."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html import escape
from typing import cast

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update

from bot import dialogue, texts
from bot import spacing_texts as words
from bot.callbacks import MedicineButton, MedicineOp
from bot.context import Context
from bot.handlers.products.schedule_add import offer_schedule
from bot.handlers.products.spacing import show_conflicts
from bot.keyboards import Row, inline
from nutrition.medicines import MedicineKind, match_medicine
from nutrition.spacing import Caution, Override, spacing_for
from services import spacing
from services.spacing import MedicineSet
from services.supplements import Product

# An entered spacing is whole minutes under a day: nutrition.spacing.rules.MAX_GAP_MIN.
_MAX_HOURS = Decimal(23)


def _kind_keyboard(product_id: int, guess: MedicineKind | None) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    if guess is not None:
        label = words.GUESS.format(label=words.KIND_LABELS[guess])
        rows.append([(label, MedicineButton(product_id, MedicineOp.KIND, guess.value))])
    rows += [
        [(label, MedicineButton(product_id, MedicineOp.KIND, kind.value))]
        for kind, label in words.KIND_LABELS.items()
        if kind is not guess
    ]
    return inline(rows)


@dataclass
class MedicineFlow:
    """The kind question for one medicine product; `then_schedule` when it was just added."""

    product: Product
    then_schedule: bool = False
    step: str = "kind"
    kind: MedicineKind | None = None

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Read a typed medicine name or a number of hours apart."""
        message = cast(Message, update.effective_message)
        if self.step == "kind":
            kind = match_medicine(text[:200])
            if kind is None:
                await message.reply_html(
                    words.UNKNOWN_NAME, reply_markup=_kind_keyboard(self.product.id, None)
                )
                return True
            await self.on_kind(message, context, kind, telegram_id=_sender(update))
        elif self.step == "override":
            minutes = _hours(text)
            if minutes is None:
                await message.reply_html(words.OVERRIDE_INVALID)
                return True
            await self.finish(message, context, _sender(update), Override(minutes, minutes))
        return True

    async def on_kind(
        self, message: Message, context: Context, kind: MedicineKind, *, telegram_id: int
    ) -> None:
        """Take the kind; ask for the prescriber's spacing where the kind has one."""
        self.kind = kind
        rule = spacing_for(kind)
        if not rule.spaced:
            await self.finish(message, context, telegram_id, None)
            return
        self.step = "override"
        rows: list[Row] = [[(words.USE_USUAL, MedicineButton(self.product.id, MedicineOp.USUAL))]]
        await message.reply_html(
            words.ASK_OVERRIDE.format(rule=words.rule_text(rule)), reply_markup=inline(rows)
        )

    async def finish(
        self, message: Message, context: Context, telegram_id: int, override: Override | None
    ) -> None:
        """Store the kind, say the one-time caution, check the plan, then go on to scheduling."""
        dialogue.end(context)
        if self.kind is None:
            return
        result = await spacing.set_medicine(
            context.db,
            telegram_id=telegram_id,
            supplement_id=self.product.id,
            kind=self.kind,
            override=override,
        )
        if result.status is MedicineSet.NOT_YOURS:
            await message.reply_html(texts.NOT_YOURS)
            return
        if result.status is MedicineSet.NOT_A_MEDICINE:
            await message.reply_html(words.NOT_A_MEDICINE)
            return
        name, label = escape(self.product.name), words.KIND_LABELS[self.kind]
        if override is not None and override.calcium_after_min is not None:
            hours = words.duration(override.calcium_after_min)
            await message.reply_html(
                words.KIND_SAVED_OWN.format(name=name, label=label, hours=hours)
            )
        else:
            await message.reply_html(words.KIND_SAVED.format(name=name, label=label))
        if result.caution is not None:
            await message.reply_html(words.CAUTIONS[Caution(result.caution)])
        await show_conflicts(message, context, telegram_id)
        if self.then_schedule:
            await offer_schedule(message, context, result.product or self.product)


def _sender(update: Update) -> int:
    return update.effective_user.id if update.effective_user is not None else 0


def _hours(text: str) -> int | None:
    # "4", "4 h", "4 hours", "4小时" (or 4个小时) all mean hours apart.
    cleaned = text.strip().lower()
    for unit in ("hours", "hour", "h", "个小时", "小时", "钟头"):
        cleaned = cleaned.removesuffix(unit).strip()
    try:
        hours = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return None
    if not hours.is_finite() or not Decimal(0) <= hours <= _MAX_HOURS:
        return None
    return int(hours * 60)


async def ask_kind(
    message: Message, context: Context, product: Product, *, then_schedule: bool = False
) -> None:
    """Ask what kind of medicine a product is, with the kind its name suggests offered first."""
    dialogue.start(context, MedicineFlow(product, then_schedule=then_schedule))
    guess = match_medicine(product.name)
    await message.reply_html(
        words.ASK_KIND.format(name=escape(product.name)),
        reply_markup=_kind_keyboard(product.id, guess),
    )


async def press(update: Update, context: Context) -> None:
    """Take a kind or "the usual spacing" for the medicine the dialogue is about."""
    query = cast(CallbackQuery, update.callback_query)
    message = cast(Message, query.message)
    button = MedicineButton.unpack(query.data)
    kind: MedicineKind | None = None
    if button is not None and button.op is MedicineOp.KIND:
        try:
            kind = MedicineKind(button.value or "")
        except ValueError:
            button = None
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    flow = dialogue.current(context)
    if not isinstance(flow, MedicineFlow) or flow.product.id != button.product_id:
        await query.answer(texts.OLD_BUTTON)
        return
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    telegram_id = query.from_user.id
    if kind is not None and flow.step == "kind":
        await flow.on_kind(message, context, kind, telegram_id=telegram_id)
    elif button.op is MedicineOp.USUAL and flow.step == "override":
        await flow.finish(message, context, telegram_id, None)
