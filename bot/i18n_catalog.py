"""Build and check the gettext catalogues: every message id the bot uses, in every locale.

Message ids come from two places: the text-constant modules (their UPPER_CASE strings, read
as values so that concatenations count too) and `_()` / `N_()` / `ngettext()` calls anywhere in
bot/ (Babel's Python extractor). `scripts/i18n` writes the .po files (keeping translations
already made) and compiles the .mo files; `problems()` is what the test suite checks.
"""

import importlib
import io
import pkgutil
import re
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.i18n import CHINESE, DOMAIN, ENGLISH, LOCALE_DIR, LOCALES

BOT_DIR = Path(__file__).parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_TAG = re.compile(r"</?[a-z]+>")

MessageId = str | tuple[str, ...]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value:
            yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def text_modules() -> list[types.ModuleType]:
    """Import every module of bot/ and return those whose text constants translate on read."""
    found = []
    for info in pkgutil.walk_packages([str(BOT_DIR)], prefix="bot."):
        if info.name.endswith("__main__"):  # running it is the CLI
            continue
        module = importlib.import_module(info.name)
        if type(module).__name__ == "_TranslatedModule":
            found.append(module)
    return found


def constant_messages() -> dict[str, str]:
    """Return the message ids of the text-constant modules, each with where it is defined."""
    found: dict[str, str] = {}
    for module in text_modules():
        name = module.__name__
        # vars() reads the raw English values, past the module's translating attribute access.
        for constant, value in vars(module).items():
            if constant.isupper() and not constant.startswith("_"):
                for text in _strings(value):
                    found.setdefault(text, f"{name}.{constant}")
    return found


def call_messages() -> dict[MessageId, str]:
    """Return the message ids of `_()`, `N_()` and `ngettext()` calls in bot/."""
    found: dict[MessageId, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        BOT_DIR, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if message:
            found.setdefault(message, f"bot/{filename}:{lineno}")
    return found


def template() -> Catalog:
    """Return the catalogue template: every message id the bot uses."""
    catalog = Catalog(domain=DOMAIN, project="calcibot", charset="utf-8")
    messages: dict[MessageId, str] = {}
    messages.update(constant_messages())
    messages.update(call_messages())
    for message, where in messages.items():
        catalog.add(message, locations=[(where, 0)])
    return catalog


def _po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(locale: str) -> Catalog:
    """Read a locale's .po file (an empty catalogue when there is none yet)."""
    path = _po_path(locale)
    if not path.exists():
        return Catalog(locale=locale, domain=DOMAIN, project="calcibot", version="1")
    with path.open("rb") as source:
        return read_po(source, locale=locale, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    """Return the .mo bytes of a catalogue."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update() -> None:
    """Bring every locale's .po up to the template (keeping translations) and compile it."""
    for locale in LOCALES:
        catalog = load(locale)
        # A template of its own per locale: Catalog.update adopts the template's new messages.
        catalog.update(template(), no_fuzzy_matching=True)
        catalog.project, catalog.version = "calcibot", "1"
        catalog.fuzzy = False
        catalog.obsolete.clear()
        if locale == ENGLISH:  # the ids are English: the English catalogue is the identity
            for message in catalog:
                if message.id:
                    message.string = message.id
        path = _po_path(locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as target:
            write_po(target, catalog, width=100, omit_header=False, sort_output=True)
        path.with_suffix(".mo").write_bytes(compiled(catalog))


def _texts(message: Message) -> list[tuple[str, str]]:
    ids = [str(part) for part in (message.id if isinstance(message.id, tuple) else (message.id,))]
    raw = message.string if isinstance(message.string, tuple | list) else (message.string,)
    strings = [str(part or "") for part in raw]
    return [(ids[min(i, len(ids) - 1)], text) for i, text in enumerate(strings)]


def problems() -> list[str]:
    """Return what is wrong with the catalogues: missing, empty, broken placeholders, stale .mo."""
    found: list[str] = []
    wanted = template()
    for locale in LOCALES:
        catalog = load(locale)
        for message in wanted:
            if not message.id:
                continue
            have = catalog.get(message.id)
            if have is None:
                found.append(f"{locale}: missing {message.id!r}")
                continue
            for source, text in _texts(have):
                if not text:
                    found.append(f"{locale}: empty translation of {source!r}")
                elif sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(text)):
                    found.append(f"{locale}: placeholders differ in {source!r}")
                elif sorted(_TAG.findall(source)) != sorted(_TAG.findall(text)):
                    found.append(f"{locale}: HTML tags differ in {source!r}")
        mo = _po_path(locale).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(catalog):
            found.append(f"{locale}: {mo.name} is not compiled from the .po (run scripts/i18n)")
    return found


__all__ = ["CHINESE", "constant_messages", "problems", "template", "update"]
