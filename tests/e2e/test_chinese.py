"""End to end in Chinese (issue #13): a zh-hans user's whole journey, then English by /language."""

import re
from dataclasses import dataclass
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import CHINESE, _, use_locale
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import next_local
from tests.support.fakebot.objects import BotMessage, FakeUser

SHANGHAI = ZoneInfo("Asia/Shanghai")
TELEGRAM_TEXT_LIMIT = 4096  # Bot API sendMessage: "1-4096 characters after entities parsing"
CALLBACK_DATA_BYTES = 64  # Bot API InlineKeyboardButton.callback_data: "1-64 bytes"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Three or more ASCII words in a row read as an English phrase ("Take with food"); so does a
# lower-case English word inside Chinese ("今天的calcium", "600 mg"), as no Chinese text has one.
ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[ ,.'’:;–-]+[A-Za-z]+){2,}")
ENGLISH_WORD = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])")
COMMAND = re.compile(r"/[a-z_]+")
# Names the user typed or the world spells in Latin letters: the product, the bot, the zone.
LATIN_NAMES = ("Caltrate", "calcibot", "Asia/Shanghai")
# A callback part is a short code of the codec (a prefix, an id, "ok", "doctor_vitamin_d").
CODE = re.compile(r"[a-z0-9_]{1,16}")
TYPED_WORDS = ("caltrate", "milk", "shanghai", "english")


def zh(message_id: str) -> str:
    """Return the Chinese translation of a message id, as the bot shows it."""
    with use_locale(CHINESE):
        return _(message_id)


def english_phrases(text: str) -> list[str]:
    """Return the English phrases in a text, past /commands and names spelt in Latin letters."""
    cleaned = COMMAND.sub(" ", text)
    for name in LATIN_NAMES:
        cleaned = cleaned.replace(name, " ")
    return ENGLISH_RUN.findall(cleaned) + ENGLISH_WORD.findall(cleaned)


def assert_chinese(message: BotMessage) -> None:
    """Assert a message is written in Chinese, its buttons included, with no English sentence."""
    text = message.text or ""
    assert CJK.search(text), f"no Chinese in {text!r}"
    for part in (text, *message.button_texts):
        assert not english_phrases(part), f"English {english_phrases(part)} in {part!r}"


@dataclass
class Journey:
    """What the bot sent on the way: the key messages and how many came before /language."""

    welcome: BotMessage
    confirm: BotMessage
    done: BotMessage
    saved: BotMessage
    scheduled: BotMessage
    reminder: BotMessage
    preview: BotMessage
    total: BotMessage
    warning: BotMessage
    undone: BotMessage
    own_food: BotMessage
    chinese_sends: int
    chinese_edits: int
    language_set: BotMessage
    help: BotMessage
    english_preview: BotMessage


async def _onboard_in_chinese(h: Harness, user: FakeUser) -> tuple[BotMessage, ...]:
    await h.fake.send_text(user, "/start")
    welcome = await h.fake.wait_for_message(user.id)
    await h.fake.wait_for_message(user.id)  # where are you?
    await h.say(user, "上海")
    confirm = await h.fake.wait_for_message(user.id)
    sex = await h.tap(user, confirm, zh("✅ That's right"))
    sex = await h.say(user, "1950")
    reference = await h.tap(user, sex, zh("♀ Female"))
    calcification = await h.tap(user, reference, "中国")
    done = await h.tap(user, calcification, zh("❌ No"))
    menu = await h.say(user, "/settings")
    await h.tap(user, menu, zh("🩺 Doctor's calcium limit"))
    await h.say(user, "1000")  # the doctor's limit, so one day's milk and tablet reach it
    return welcome, confirm, done


async def _add_and_schedule(h: Harness, user: FakeUser) -> tuple[BotMessage, BotMessage]:
    listing = await h.say(user, "/supplements")
    await h.tap(user, listing, "➕")
    form = await h.say(user, "Caltrate")
    basis = await h.tap(user, form, zh("Calcium carbonate"))
    await h.tap(user, basis, "按化合物重量")
    await h.say(user, "1500")
    await h.say(user, "400 国际单位")
    confirmation = await h.say(user, "0")
    saved = await h.tap(user, confirmation, zh("✅ Save"))
    units = await h.fake.wait_for_message(user.id)
    await h.tap(user, units, "1")
    await h.say(user, "早上8点")
    after_days = await h.say(user, "每天")
    if zh("Keep as is") in after_days.button_texts:
        after_days = await h.tap(user, after_days, zh("Keep as is"))
    scheduled = await h.tap(user, after_days, zh("✅ Save"))
    return saved, scheduled


async def journey(h: Harness, clock: OffsetClock) -> tuple[FakeUser, Journey]:
    """Onboard a zh-hans user, add and schedule a tablet, get its reminder and a limit warning,
    then switch to English with /language."""
    user = h.fake.add_user(language_code="zh-hans")
    welcome, confirm, done = await _onboard_in_chinese(h, user)
    saved, scheduled = await _add_and_schedule(h, user)
    # The engine's one-shot job would tick at 08:00; tick by hand a second after it, as
    # tests/e2e/test_reminders.py does (APScheduler's timers run on the unshifted clock).
    clock.jump_to(next_local(clock, time(8), SHANGHAI) + timedelta(seconds=1))
    assert h.app.engine is not None
    await h.app.engine.tick()
    reminder = await h.fake.wait_for_message(user.id, timeout=5)
    await h.fake.press_button(user, reminder.message_id, text_contains=zh("✅ Taken"))
    await h.fake.wait_for_edit(user.id, reminder.message_id)
    preview = await h.say(user, "两杯牛奶")  # 600 mg tablet + about 550 mg: over 1,000 mg
    total = await h.tap(user, preview, zh("✅ Log"))
    warning = await h.fake.wait_for_message(user.id)
    undone = await h.say(user, "/undo")
    own_food = await h.say(user, "/food 高钙奶 300mg 每杯")
    sends, edits = len(h.fake.sent(user.id)), len(h.fake.edits(user.id))
    picker = await h.say(user, "/language")
    language_set = await h.tap(user, picker, "English")
    help_text = await h.say(user, "/help")
    english_preview = await h.say(user, "2 cups of milk")
    return user, Journey(
        welcome=welcome,
        confirm=confirm,
        done=done,
        saved=saved,
        scheduled=scheduled,
        reminder=reminder,
        preview=preview,
        total=total,
        warning=warning,
        undone=undone,
        own_food=own_food,
        chinese_sends=sends,
        chinese_edits=edits,
        language_set=language_set,
        help=help_text,
        english_preview=english_preview,
    )


def _text(message: BotMessage) -> str:
    return message.text or ""


async def test_onboarding_and_meals_speak_chinese_then_english(
    harness: Harness, clock: OffsetClock
) -> None:
    """Onboarding (typing 上海), settings, a meal and its total are in Chinese, then English."""
    user, seen = await journey(harness, clock)
    assert "您好" in _text(seen.welcome)
    assert "Asia/Shanghai" in _text(seen.confirm)
    assert zh("✅ That's right") in seen.confirm.button_texts
    assert "毫克" in _text(seen.done) and "1,000" in _text(seen.done)
    assert "全脂牛奶" in _text(seen.preview) and "毫克" in _text(seen.preview)  # the table's name
    assert zh("✅ Log") in seen.preview.button_texts and zh("✏️ Fix") in seen.preview.button_texts
    assert "今天的钙" in _text(seen.total) and "毫克" in _text(seen.total)
    assert "全脂牛奶" in _text(seen.undone)  # the logged food, named from the table again
    assert "每 1 杯 含钙 300 毫克" in _text(seen.own_food)  # the unit in Chinese, not "cup"
    shown = (seen.welcome, seen.confirm, seen.done, seen.preview, seen.total, seen.undone)
    shown += (seen.own_food,)
    for message in shown:
        assert_chinese(message)
    onboarding = harness.fake.sent(user.id)[: seen.chinese_sends]
    for message in onboarding[: onboarding.index(seen.done) + 1]:
        assert_chinese(message)
    assert "English" in _text(seen.language_set) and not CJK.search(_text(seen.language_set))
    assert "What I can do" in _text(seen.help)
    assert "Your meal" in _text(seen.english_preview)
    assert not CJK.search(_text(seen.english_preview))
    assert "✅ Log" in seen.english_preview.button_texts


async def test_a_chinese_user_reads_no_english_anywhere(
    harness: Harness, clock: OffsetClock
) -> None:
    """A zh-hans user reads every reply, button, reminder and warning in Chinese, then English."""
    user, seen = await journey(harness, clock)
    assert "Caltrate" in _text(seen.saved) and "Caltrate" in _text(seen.scheduled)
    assert "Caltrate" in _text(seen.reminder) and "600 毫克" in _text(seen.reminder)
    assert "上限" in _text(seen.warning) and "1,000" in _text(seen.warning)
    for message in harness.fake.sent(user.id)[: seen.chinese_sends]:
        assert_chinese(message)
    for edit in harness.fake.edits(user.id)[: seen.chinese_edits]:
        if edit.text:
            assert_chinese(edit)
    assert "What I can do" in _text(seen.help)


async def test_every_message_fits_and_no_button_carries_text(
    harness: Harness, clock: OffsetClock
) -> None:
    """Every message of the journey, in both languages, fits Telegram's 4,096 characters, and
    every button's callback data is the codec's short codes: no Chinese, no typed words."""
    user, _seen = await journey(harness, clock)
    messages = [*harness.fake.sent(user.id), *harness.fake.edits(user.id)]
    assert len(messages) > 30
    for message in messages:
        assert len(_text(message)) <= TELEGRAM_TEXT_LIMIT, _text(message)[:80]
        for data in message.callback_data:
            assert len(data.encode()) <= CALLBACK_DATA_BYTES, data
            assert not CJK.search(data), data
            assert all(CODE.fullmatch(part) for part in data.split(":")), data
            assert not any(word in data.lower() for word in TYPED_WORDS), data
