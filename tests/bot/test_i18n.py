"""The language machinery: which locale a user gets, and text constants that translate on read."""

import pytest

from bot import texts
from bot.i18n import CHINESE, ENGLISH, current, locale_for, use_locale, user_locale
from bot.i18n_catalog import constant_messages, template


@pytest.mark.parametrize(
    ("code", "locale"),
    [
        ("zh", CHINESE),
        ("zh-hans", CHINESE),
        ("zh-CN", CHINESE),
        ("zh-sg", CHINESE),
        ("zh-hant", CHINESE),
        ("zh-TW", CHINESE),
        ("en", ENGLISH),
        ("de", ENGLISH),
        (None, ENGLISH),
    ],
)
def test_telegram_language_codes_map_to_a_locale(code: str | None, locale: str) -> None:
    """Any Chinese language_code gets Simplified Chinese; everything else English."""
    assert locale_for(code) == locale


def test_a_stored_choice_wins_over_telegrams_code() -> None:
    """A user who picked English in /language keeps it even with a Chinese Telegram client."""
    assert user_locale(ENGLISH, "zh-hans") == ENGLISH
    assert user_locale(None, "zh-hans") == CHINESE
    assert user_locale("klingon", "en") == ENGLISH


def test_use_locale_restores_the_outer_locale() -> None:
    """A scheduled message worded in Chinese leaves the surrounding locale as it was."""
    assert current() == ENGLISH
    with use_locale(CHINESE):
        assert current() == CHINESE
    assert current() == ENGLISH


def test_every_text_constant_is_a_message_id() -> None:
    """The catalogue template holds every text constant, so none can be left untranslated."""
    ids = {message.id for message in template() if message.id}
    assert set(constant_messages()) <= ids
    assert texts.HELP in ids


def test_catalogues_are_complete_and_compiled() -> None:
    """Every message id has a non-empty Chinese translation keeping its placeholders and tags,
    and each compiled .mo matches its .po (run scripts/i18n after changing a text)."""
    from bot.i18n_catalog import problems

    assert problems() == []


def test_text_constants_read_in_the_current_locale() -> None:
    """texts.HELP is English by default and Chinese inside a Chinese block."""
    english = texts.HELP
    with use_locale(CHINESE):
        chinese = texts.HELP
    assert english.startswith("<b>What I can do</b>")
    assert chinese.startswith("<b>我能帮您做什么</b>")
    assert english == texts.HELP
