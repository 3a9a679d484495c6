"""A real PTB Application polls the fake and converses through it end to end."""

from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from tests.support.fakebot import FakeBotApi


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, echo the deep-link payload and offer a button."""
    assert update.effective_message is not None
    payload = " ".join(context.args or [])
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Took it", callback_data="took")]])
    await update.effective_message.reply_text(f"Hello {payload}".strip(), reply_markup=keyboard)


async def took(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the press and replace the keyboard by a confirmation."""
    query = update.callback_query
    assert query is not None
    await query.answer("Noted")
    await query.edit_message_text("✅ Dose recorded")


@pytest.fixture
async def app(fake_bot_api: FakeBotApi) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Run a small Application with polling against the fake, and shut it down cleanly."""
    application = (
        ApplicationBuilder().token(fake_bot_api.token).base_url(fake_bot_api.base_url).build()
    )
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(took, pattern="^took$"))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def test_command_button_and_edit_round_trip(
    app: Application,  # type: ignore[type-arg]
    fake_bot_api: FakeBotApi,
) -> None:
    """/start with a payload gets a reply; pressing its button is answered and edits it."""
    user = fake_bot_api.add_user(31, first_name="Dora")
    await fake_bot_api.send_text(user, "/start calcium")
    hello = await fake_bot_api.wait_for_message(user.id)
    assert hello.text == "Hello calcium"
    query = await fake_bot_api.press_button(user, hello, text_contains="took")
    answer = await fake_bot_api.wait_for_callback_answer(query)
    edit = await fake_bot_api.wait_for_edit(user.id, hello.message_id)
    assert answer.text == "Noted"
    assert edit.text == "✅ Dose recorded"
    assert edit.inline_keyboard == []


async def test_polling_confirms_updates_and_survives_a_flood_wait(
    app: Application,  # type: ignore[type-arg]
    fake_bot_api: FakeBotApi,
) -> None:
    """Handled updates are confirmed by offset, and polling resumes after a 429 on getUpdates."""
    user = fake_bot_api.add_user(32)
    fake_bot_api.fail_next("getUpdates", status=429, retry_after=1)
    await fake_bot_api.send_text(user, "/start")
    await fake_bot_api.wait_for_message(user.id, timeout=10)
    await fake_bot_api.send_text(user, "/start again")
    assert (await fake_bot_api.wait_for_message(user.id)).text == "Hello again"
    await fake_bot_api.wait_until(lambda: fake_bot_api.state.pending_updates == 0)
    assert ("getUpdates", 429) in [(m, s) for m, s, _ in fake_bot_api.api_errors]
