"""CALCIBOT_PAID_BROADCAST: reminders ask Telegram for the paid 1,000/s broadcast limit."""

import pytest
from telegram import Bot

from bot.notifier import TelegramNotifier
from scheduler.notifier import Delivered
from tests.bot.notifier.conftest import reminder
from tests.support.fakebot import FakeBotApi


@pytest.mark.parametrize(("paid", "sent_flag"), [(True, True), (False, None)])
async def test_paid_broadcast_flag_reaches_send_message(
    ptb_bot: Bot, fake_bot_api: FakeBotApi, chat: int, paid: bool, sent_flag: object
) -> None:
    """With paid broadcast on, sendMessage carries allow_paid_broadcast; off, it is left out."""
    notifier = TelegramNotifier(ptb_bot, per_chat_per_s=50, paid_broadcast=paid)
    assert isinstance(await notifier.send(chat, reminder("dose")), Delivered)
    [call] = [call for call in fake_bot_api.requests if call.method == "sendMessage"]
    flag = call.params.get("allow_paid_broadcast")
    assert (flag in (True, "true", "True")) if sent_flag else flag is None
