"""Every word a user reads goes through gettext catalogues (Babel), in the reader's language.

- The message ids are the English texts themselves; `bot/locale/<locale>/LC_MESSAGES/messages.po`
  holds the translations and `messages.mo` their compiled form (`scripts/i18n` rebuilds both;
  a test checks the compiled files are up to date and every id is translated).
- The locale is a context variable: set once per update from the user's stored choice (or
  Telegram's language_code) before any handler runs, and around each scheduled message from the
  recipient's row, so a caregiver may read English while the patient reads Chinese.
- Modules of text constants (texts.py, meal_texts.py …) call `translate_constants(__name__)`:
  reading `texts.HELP` then returns the translation for the current locale, so handlers use
  the constants as before. Text built in functions calls `_()` / `ngettext()` directly.
"""

import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import Translations

ENGLISH = "en"
CHINESE = "zh_Hans"
LOCALES = (ENGLISH, CHINESE)
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("calcibot_locale", default=ENGLISH)


@cache
def translations(locale: str) -> NullTranslations:
    """Return the compiled catalogue of a locale (English is the ids themselves)."""
    if locale == ENGLISH:
        return NullTranslations()
    path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as compiled:
        return Translations(compiled, domain=DOMAIN)


def current() -> str:
    """Return the locale messages are worded in right now."""
    return _current.get()


def set_locale(locale: str) -> None:
    """Word the rest of this update (this task) in `locale`."""
    _current.set(locale if locale in LOCALES else ENGLISH)


@contextmanager
def use_locale(locale: str) -> Iterator[None]:
    """Word messages in `locale` inside the block (a scheduled message to one recipient)."""
    token = _current.set(locale if locale in LOCALES else ENGLISH)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """Translate a message id into the current locale."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on a count (Chinese has one form)."""
    return translations(_current.get()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a message id for extraction without translating it yet."""
    return message


def locale_for(language_code: str | None) -> str:
    """Map Telegram's language_code to a locale: any Chinese → Simplified Chinese, else English.

    Traditional Chinese (zh-hant, zh-tw, zh-hk) also gets Simplified Chinese for now: closer to
    what the reader knows than English; the /language reply says a Traditional one is not there.
    """
    code = (language_code or "").lower().replace("_", "-")
    return CHINESE if code == "zh" or code.startswith("zh-") else ENGLISH


def user_locale(stored: str | None, language_code: str | None) -> str:
    """Return a user's interface language: their own choice, else from Telegram's code."""
    return stored if stored in LOCALES else locale_for(language_code)


def is_traditional(language_code: str | None) -> bool:
    """Tell whether Telegram's language_code asks for Traditional Chinese."""
    code = (language_code or "").lower().replace("_", "-")
    return code in {"zh-hant", "zh-tw", "zh-hk", "zh-mo"} or code.startswith("zh-hant")


def _babel_locale() -> Locale:
    return Locale.parse(_current.get())


def number(value: float) -> str:
    """Format a number for the current locale (grouping and decimals)."""
    return format_decimal(value, locale=_babel_locale())


def day(value: date) -> str:
    """Format a calendar day for the current locale ("Tue 1 Dec" / "12月1日 周二")."""
    pattern = "EEE d MMM" if _current.get() == ENGLISH else "M月d日 EEE"
    return format_date(value, pattern, locale=_babel_locale())


def _translated(value: Any) -> Any:
    if isinstance(value, str):
        return _(value) if value else value
    if isinstance(value, tuple):
        return tuple(_translated(item) for item in value)
    if isinstance(value, dict):
        return {key: _translated(item) for key, item in value.items()}
    return value


class _TranslatedModule(types.ModuleType):
    """A module whose UPPER_CASE text constants read as their current translation."""

    def __getattribute__(self, name: str) -> Any:
        value = super().__getattribute__(name)
        if name.isupper() and not name.startswith("_"):
            return _translated(value)
        return value


def translate_constants(module_name: str) -> None:
    """Make the named module's text constants translate on every read."""
    sys.modules[module_name].__class__ = _TranslatedModule
