"""Faults a test can inject: flood waits, blocked users, server errors, slowness, rate limits."""

import asyncio
import datetime as dtm
import time

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from tests.support.fakebot import FakeBotApi, FakeUser


async def test_fail_next_answers_429_with_retry_after(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """A scripted 429 reaches PTB as RetryAfter carrying the retry_after seconds."""
    fake_bot_api.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(user.id, "hi")
    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert (await bot.send_message(user.id, "hi")).text == "hi"


async def test_fail_next_count_and_wildcard(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """count fails that many calls; "*" matches any method; the state is left untouched."""
    fake_bot_api.fail_next("*", status=400, description="Bad Request: scripted", count=2)
    with pytest.raises(BadRequest, match="Scripted"):
        await bot.get_me()
    with pytest.raises(BadRequest, match="Scripted"):
        await bot.send_message(user.id, "lost")
    await bot.send_message(user.id, "kept")
    assert [m.text for m in fake_bot_api.sent(user.id)] == ["kept"]


@pytest.mark.parametrize("status", [500, 502])
async def test_server_errors_reach_ptb_as_network_errors(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser, status: int
) -> None:
    """500 and 502 answers surface as NetworkError, which retry logic must handle."""
    fake_bot_api.fail_next("sendMessage", status=status)
    with pytest.raises(NetworkError):
        await bot.send_message(user.id, "hi")
    assert fake_bot_api.api_errors[-1][1] == status


async def test_blocked_user_gets_403_until_unblocked(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """After block(), every send to the chat is Forbidden: bot was blocked by the user."""
    fake_bot_api.block(user.id)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(user.id, "reminder")
    with pytest.raises(Forbidden):
        await bot.send_document(user.id, document=b"x", filename="x.txt")
    fake_bot_api.unblock(user.id)
    assert (await bot.send_message(user.id, "back")).text == "back"


@pytest.mark.realtime
async def test_delay_slows_only_that_method(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """delay(method, s) holds that method's answers; other methods stay fast."""
    fake_bot_api.delay("sendMessage", 0.5)
    started = time.monotonic()
    await bot.send_message(user.id, "slow")
    slow = time.monotonic() - started
    started = time.monotonic()
    await bot.get_me()
    assert slow >= 0.45
    assert time.monotonic() - started < 0.45


async def test_rate_limit_refuses_a_burst_to_one_chat(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Two sends to one chat within a second: the second gets 429 and is counted."""
    fake_bot_api.enforce_rate_limit(per_chat_per_s=1, global_per_s=30)
    await bot.send_message(user.id, "one")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(user.id, "two")
    assert caught.value.retry_after == dtm.timedelta(seconds=1)
    assert fake_bot_api.rate_limit_violations == 1


async def test_rate_limit_budgets_each_chat_separately(bot: Bot, fake_bot_api: FakeBotApi) -> None:
    """A send to another chat is fine while the first chat's budget is spent."""
    fake_bot_api.enforce_rate_limit(per_chat_per_s=1, global_per_s=30)
    first, second = (fake_bot_api.add_user(100 + n, started=True) for n in range(2))
    await bot.send_message(first.id, "hi")
    await bot.send_message(second.id, "hi")
    with pytest.raises(RetryAfter):
        await bot.send_message(first.id, "again")
    assert fake_bot_api.rate_limit_violations == 1


async def test_rate_limit_has_a_global_budget(bot: Bot, fake_bot_api: FakeBotApi) -> None:
    """Sends to different chats share the global budget."""
    fake_bot_api.enforce_rate_limit(per_chat_per_s=10, global_per_s=1, tolerance_s=0)
    first, second = (fake_bot_api.add_user(100 + n, started=True) for n in range(2))
    await bot.send_message(first.id, "hi")
    with pytest.raises(RetryAfter):
        await bot.send_message(second.id, "hi")
    assert fake_bot_api.rate_limit_violations == 1


async def test_well_paced_sends_pass_the_rate_limit(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Sends spaced by the allowed interval are never refused."""
    fake_bot_api.enforce_rate_limit(per_chat_per_s=10, global_per_s=30)
    for n in range(3):
        await bot.send_message(user.id, f"tick {n}")
        await asyncio.sleep(0.1)
    assert fake_bot_api.rate_limit_violations == 0


async def test_calls_are_counted_and_logged(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """calls counts requests per method, refused ones included; requests keeps their params."""
    fake_bot_api.fail_next("sendMessage")
    with pytest.raises(RetryAfter):
        await bot.send_message(user.id, "a")
    await bot.send_message(user.id, "b")
    assert fake_bot_api.calls["sendMessage"] == 2
    assert fake_bot_api.requests[-1].params["text"] == "b"
