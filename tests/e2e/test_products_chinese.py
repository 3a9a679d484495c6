"""End to end in Chinese: adding a product, scheduling it, and its reminder and answer."""

import re
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import next_local
from tests.factories import make_user
from tests.support.fakebot.objects import BotMessage

SHANGHAI = ZoneInfo("Asia/Shanghai")
PRODUCT = "Caltrate"
_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def english_left(message: BotMessage) -> list[str]:
    """Return English words in a message and its buttons, past the product name and /commands."""
    # The supply button's label lives in records_texts, which another change translates.
    buttons = [label for label in message.button_texts if "Supply" not in label]
    text = "\n".join([message.text or "", *buttons])
    text = re.sub(r"/[a-z_]+|</?[a-z]+>", "", text).replace(PRODUCT, "")
    return _ENGLISH_WORD.findall(text)


async def test_a_chinese_user_adds_schedules_and_answers_a_reminder_in_chinese(
    harness: Harness, clock: OffsetClock
) -> None:
    """Every step reads Chinese: form buttons, the confirm lines, the schedule, the reminder."""
    user = harness.fake.add_user(language_code="zh-hans")
    await make_user(
        harness.db, telegram_id=user.id, timezone="Asia/Shanghai", language_code="zh-hans"
    )
    clock.jump_to(next_local(clock, time(6), SHANGHAI))
    listing = await harness.say(user, "/supplements")
    assert "➕ 添加一种产品" in listing.button_texts
    form = await harness.tap(user, listing, "添加")
    form = await harness.say(user, PRODUCT)
    assert {"碳酸钙", "柠檬酸钙", "💊 是药物（例如阿仑膦酸钠）"} <= set(form.button_texts)
    basis = await harness.tap(user, form, "碳酸钙")
    assert basis.button_texts == ["元素钙", "碳酸钙（按化合物重量）"]
    await harness.tap(user, basis, "按化合物重量")
    await harness.say(user, "1500")
    await harness.say(user, "400 IU")
    confirmation = await harness.say(user, "90")
    text = confirmation.text or ""
    assert "• 元素钙：600 毫克（由 1,500 毫克碳酸钙 × 40% 算出）" in text
    assert "• 维生素D：" in text and "• 维生素K：90 微克" in text
    assert confirmation.button_texts == ["✅ 保存", "✏️ 重新开始"]
    saved = await harness.tap(user, confirmation, "保存")
    units = await harness.fake.wait_for_message(user.id)
    times = await harness.tap(user, units, "1")
    days = await harness.say(user, "08:00")
    assert days.button_texts[0] == "每天"
    split = await harness.tap(user, days, "每天")  # 600 mg at once: the split offer first
    assert split.button_texts == ["保持不变"]  # one tablet cannot be split
    summary = await harness.tap(user, split, "保持不变")
    assert summary.text == f"🕒 {PRODUCT}：每天 08:00，每次 1 片"
    await harness.tap(user, summary, "保存")
    card = await harness.tap(user, await harness.say(user, "/supplements"), PRODUCT)
    assert "钙 600 毫克" in (card.text or "")
    assert {"🕒 添加提醒时间", "✏️ 修改", "⏸ 暂停", "🗑 删除"} <= set(card.button_texts)
    for message in (
        listing,
        form,
        basis,
        confirmation,
        saved,
        units,
        times,
        days,
        split,
        summary,
        card,
    ):
        assert english_left(message) == [], message.text

    clock.jump_to(next_local(clock, time(8), SHANGHAI) + timedelta(seconds=1))
    assert harness.app.engine is not None
    await harness.app.engine.tick()
    reminder = await harness.fake.wait_for_message(user.id, timeout=5)
    assert (reminder.text or "").splitlines()[
        1
    ] == "1 片 · 钙 600 毫克 · 维生素D 400 国际单位 · 维生素K 90 微克"
    assert english_left(reminder) == [], reminder.text
    await harness.fake.press_button(user, reminder.message_id, text_contains="吃过了")
    answered = await harness.fake.wait_for_edit(user.id, reminder.message_id)
    assert (answered.text or "").endswith("✅ 已服用 08:00")
