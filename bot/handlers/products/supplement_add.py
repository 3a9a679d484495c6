"""Adding a product: name, calcium form, amount per unit, vitamins D and K, then confirm."""

from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import cast

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update

from bot import dialogue, texts
from bot.callbacks import AddProductButton, AddStep
from bot.context import Context
from bot.handlers.products import medicine
from bot.handlers.products.schedule_add import offer_schedule
from bot.handlers.products.vitamin_k import advise_on_change
from bot.handlers.shared.plan_warning import check_plan
from bot.i18n import N_, _, number
from bot.keyboards import Row, inline
from nutrition.advice import VitaminKChange
from nutrition.amounts import (
    UNUSUAL_CALCIUM_MG_PER_UNIT,
    AmountProblem,
    bare_number,
    parse_mg,
    parse_vitamin_d_iu,
    parse_vitamin_k_ug,
)
from nutrition.salts import CalciumForm, elemental_fraction, needs_food
from services import supplements
from services.supplements import NewSupplement, Product
from services.vocabulary import SupplementKind

MAX_NAME_CHARS = 60
# Message ids (N_): `form_label()` reads them in the user's language.
FORM_LABELS = {
    CalciumForm.CARBONATE: N_("Calcium carbonate"),
    CalciumForm.CITRATE: N_("Calcium citrate"),
    CalciumForm.CITRATE_MALATE: N_("Citrate malate"),
    CalciumForm.GLUCONATE: N_("Gluconate"),
    CalciumForm.LACTATE: N_("Lactate"),
    CalciumForm.PHOSPHATE: N_("Calcium phosphate"),
    CalciumForm.OTHER: N_("Other calcium"),
    CalciumForm.NONE: N_("No calcium (vitamin D/K only)"),
}
MEDICINE = "medicine"


def form_label(form: CalciumForm) -> str:
    """Name a calcium form in the current language ("Calcium carbonate", 碳酸钙)."""
    return _(FORM_LABELS[form])


def _form_keyboard() -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [(form_label(form), AddProductButton(AddStep.FORM, form.value))] for form in FORM_LABELS
    ]
    medicine_label = _("💊 A medicine (e.g. alendronate)")
    rows.append([(medicine_label, AddProductButton(AddStep.FORM, MEDICINE))])
    return inline(rows)


@dataclass
class AddSupplementFlow:
    """The answers so far; `step` is the question now waiting for an answer."""

    step: str = "name"
    name: str = ""
    form: CalciumForm = CalciumForm.NONE
    by_compound: bool = False
    amount_mg: int = 0
    vitamin_d_iu: int = 0
    vitamin_k_ug: int = 0
    # Set when the dialogue edits an existing product instead of adding one.
    editing_id: int | None = None
    previous_vitamin_k_ug: int = 0
    medicine: bool = False

    def product(self) -> NewSupplement:
        """Return the product these answers describe."""
        if self.medicine:
            return NewSupplement(
                name=self.name, kind=SupplementKind.MEDICINE, form=CalciumForm.NONE, calcium_mg=0
            )
        return supplements.from_label(
            name=self.name,
            form=self.form,
            compound_mg=self.amount_mg if self.by_compound else None,
            elemental=None if self.by_compound else self.amount_mg,
            vitamin_d_iu=self.vitamin_d_iu,
            vitamin_k_ug=self.vitamin_k_ug,
        )

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Read the typed answer for the current step."""
        message = cast(Message, update.effective_message)
        if self.step == "name":
            name = " ".join(text.split())
            if not name or len(name) > MAX_NAME_CHARS:
                await message.reply_html(texts.SUP_NAME_INVALID.format(limit=MAX_NAME_CHARS))
                return True
            self.name = name
            self.step = "form"
            await message.reply_html(
                texts.SUP_ASK_FORM.format(name=escape(name)), reply_markup=_form_keyboard()
            )
        elif self.step == "amount":
            value = parse_mg(text)
            if isinstance(value, AmountProblem) or value <= 0:
                await message.reply_html(texts.SUP_AMOUNT_INVALID)
                return True
            self.amount_mg = value
            calcium_mg = self.product().calcium_mg
            if calcium_mg > UNUSUAL_CALCIUM_MG_PER_UNIT:
                self.step = "check_amount"
                rows: list[Row] = [
                    [(_("✅ Yes, that's right"), AddProductButton(AddStep.CHECK, "y"))],
                    [(_("✏️ Type it again"), AddProductButton(AddStep.CHECK, "n"))],
                ]
                await message.reply_html(
                    texts.SUP_AMOUNT_UNUSUAL.format(mg=calcium_mg), reply_markup=inline(rows)
                )
                return True
            await self._ask_vitamin_d(message)
        elif self.step == "vitamin_d":
            iu = parse_vitamin_d_iu(text)
            number = bare_number(text)
            if iu is AmountProblem.NO_UNIT and number is not None:
                await message.reply_html(texts.vitamin_d_which_unit(number))
                return True
            if isinstance(iu, AmountProblem):
                await message.reply_html(texts.SUP_VITAMIN_D_INVALID)
                return True
            self.vitamin_d_iu = iu
            self.step = "vitamin_k"
            await message.reply_html(texts.SUP_ASK_VITAMIN_K)
        elif self.step == "vitamin_k":
            ug = parse_vitamin_k_ug(text)
            if isinstance(ug, AmountProblem):
                await message.reply_html(texts.SUP_VITAMIN_K_INVALID)
                return True
            self.vitamin_k_ug = ug
            await self.confirm(message)
        else:
            await message.reply_html(texts.USE_BUTTONS)
        return True

    async def on_check_amount(self, message: Message, *, confirmed: bool) -> None:
        """Go on with an unusually large calcium figure the user confirmed, or ask it again."""
        if confirmed:
            await self._ask_vitamin_d(message)
            return
        self.step = "amount"
        prompt = texts.SUP_ASK_COMPOUND if self.by_compound else texts.SUP_ASK_ELEMENTAL
        await message.reply_html(prompt.format(form=form_label(self.form).lower()))

    async def _ask_vitamin_d(self, message: Message) -> None:
        self.step = "vitamin_d"
        await message.reply_html(texts.SUP_ASK_VITAMIN_D)

    async def on_form(self, message: Message, value: str) -> None:
        """Take the chosen form and ask how the label gives the calcium amount."""
        if value == MEDICINE:
            self.medicine = True
            await self.confirm(message)
            return
        try:
            self.form = CalciumForm(value)
        except ValueError:  # forged callback data: ask again instead of failing
            await message.reply_html(
                texts.SUP_ASK_FORM.format(name=escape(self.name)), reply_markup=_form_keyboard()
            )
            return
        if self.form is CalciumForm.NONE:
            await self._ask_vitamin_d(message)
        elif elemental_fraction(self.form) is None:
            self.by_compound = False
            self.step = "amount"
            await message.reply_html(texts.SUP_ASK_ELEMENTAL)
        else:
            self.step = "basis"
            compound = _("{form} (compound)").format(form=form_label(self.form))
            rows = [
                [(_("Elemental calcium"), AddProductButton(AddStep.BASIS, "el"))],
                [(compound, AddProductButton(AddStep.BASIS, "co"))],
            ]
            await message.reply_html(texts.SUP_ASK_BASIS, reply_markup=inline(rows))

    async def on_basis(self, message: Message, value: str) -> None:
        """Take whether the label gives elemental or compound mg."""
        self.by_compound = value == "co"
        self.step = "amount"
        prompt = texts.SUP_ASK_COMPOUND if self.by_compound else texts.SUP_ASK_ELEMENTAL
        await message.reply_html(prompt.format(form=form_label(self.form).lower()))

    async def confirm(self, message: Message) -> None:
        """Show what will be saved, elemental figure included, for checking against the label."""
        self.step = "confirm"
        product = self.product()
        lines = [_("<b>{name}</b>, per tablet or unit:").format(name=escape(product.name))]
        if self.medicine:
            lines.append(texts.SUP_MEDICINE_NOTE)
        elif product.form is not CalciumForm.NONE:
            detail = ""
            if self.by_compound:
                fraction = elemental_fraction(product.form) or Decimal(0)
                detail = _(" (from {mg:,} mg {salt} × {percent} %)").format(
                    mg=self.amount_mg,
                    salt=form_label(product.form).lower(),
                    percent=number(float(fraction * 100)),  # "40", not "40.00"
                )
            calcium = _("• Elemental calcium: <b>{mg:,} mg</b>{detail}")
            lines.append(calcium.format(mg=product.calcium_mg, detail=detail))
        if product.vitamin_d_iu:
            amount = texts.vitamin_d_both_units(product.vitamin_d_iu)
            lines.append(_("• Vitamin D: {amount}").format(amount=amount))
        if product.vitamin_k_ug:
            lines.append(_("• Vitamin K: {ug:,} µg").format(ug=product.vitamin_k_ug))
        if needs_food(product.form):
            lines.append(texts.SUP_WITH_FOOD)
        lines.append(texts.SUP_CHECK_LABEL)
        rows: list[Row] = [
            [
                (_("✅ Save"), AddProductButton(AddStep.SAVE)),
                (_("✏️ Start over"), AddProductButton(AddStep.RESTART)),
            ]
        ]
        await message.reply_html("\n".join(lines), reply_markup=inline(rows))


async def begin(message: Message, context: Context) -> None:
    """Start the add-a-product dialogue."""
    dialogue.start(context, AddSupplementFlow())
    await message.reply_html(texts.SUP_ASK_NAME)


async def press(update: Update, context: Context) -> None:
    """Handle a button of the add-a-product dialogue."""
    query = cast(CallbackQuery, update.callback_query)
    message = cast(Message, query.message)
    flow = dialogue.current(context)
    button = AddProductButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    if button.step is AddStep.NEW:
        await query.answer()
        await begin(message, context)
        return
    if not isinstance(flow, AddSupplementFlow):
        await query.answer(texts.OLD_BUTTON)
        return
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    step, value = button.step, button.value
    if step is AddStep.FORM and flow.step == "form" and value is not None:
        await flow.on_form(message, value)
    elif step is AddStep.BASIS and flow.step == "basis" and value is not None:
        await flow.on_basis(message, value)
    elif step is AddStep.CHECK and flow.step == "check_amount":
        await flow.on_check_amount(message, confirmed=value == "y")
    elif step is AddStep.RESTART:
        await begin(message, context)
    elif step is AddStep.SAVE and flow.step == "confirm":
        await _save(query, message, context, flow)


async def begin_edit(message: Message, context: Context, item: Product) -> None:
    """Ask the product's questions again; saving replaces its figures, schedules stay."""
    if item.id is None:
        return
    dialogue.start(
        context, AddSupplementFlow(editing_id=item.id, previous_vitamin_k_ug=item.vitamin_k_ug)
    )
    await message.reply_html(texts.SUP_EDIT_NAME.format(name=escape(item.name)))


async def _save_edit(
    query: CallbackQuery, message: Message, context: Context, flow: AddSupplementFlow
) -> None:
    dialogue.end(context)
    if flow.editing_id is None:
        return
    saved = await supplements.update(
        context.db,
        telegram_id=query.from_user.id,
        supplement_id=flow.editing_id,
        product=flow.product(),
    )
    if saved is None:
        await message.reply_html(texts.NOT_YOURS)
        return
    await message.reply_html(texts.SUP_UPDATED.format(name=escape(saved.name)))
    await check_plan(message, context, telegram_id=query.from_user.id)
    if saved.vitamin_k_ug != flow.previous_vitamin_k_ug:
        await advise_on_change(
            message,
            context,
            telegram_id=query.from_user.id,
            vitamin_k_ug=max(saved.vitamin_k_ug, flow.previous_vitamin_k_ug),
            change=VitaminKChange.CHANGED,
        )


async def _save(
    query: CallbackQuery, message: Message, context: Context, flow: AddSupplementFlow
) -> None:
    if flow.editing_id is not None:
        await _save_edit(query, message, context, flow)
        return
    saved = await supplements.add(
        context.db, telegram_id=query.from_user.id, product=flow.product()
    )
    dialogue.end(context)
    if saved is None or saved.id is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    await message.reply_html(texts.SUP_SAVED.format(name=escape(saved.name)))
    await advise_on_change(
        message,
        context,
        telegram_id=query.from_user.id,
        vitamin_k_ug=saved.vitamin_k_ug,
        change=VitaminKChange.ADDED,
    )
    if saved.kind == SupplementKind.MEDICINE:
        await medicine.ask_kind(message, context, saved, then_schedule=True)
        return
    await offer_schedule(message, context, saved)
