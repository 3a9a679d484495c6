"""The one codec for callback data: typed buttons packed into at most 64 bytes and read back.

Callback data come back from Telegram as the client sent them, so they are never trusted:
`unpack` accepts only what `pack` could have written — the right prefix, the right number of
fields, ids of ASCII digits within a 64-bit column, enum values that exist — and returns None
for anything else. Handlers then re-check in the database that the presser may act.

A button is a frozen dataclass deriving from `CallbackData` with a prefix:

    @dataclass(frozen=True)
    class ReminderButton(CallbackData, prefix="r"):
        reminder_id: int
        action: Action

Field types: `int` (0 … 2**63 − 1), `int | None` (trailing, left out when None), a `StrEnum`,
and `str` for short ASCII tokens ([A-Za-z0-9_-], at most 32).
"""

import re
import types
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, ClassVar, Self, Union, get_args, get_origin, get_type_hints

from services.caregivers.views import Scope
from services.onboarding import Step
from services.reminders import Action

# Telegram refuses callback_data longer than 64 bytes (Bot API, InlineKeyboardButton).
MAX_BYTES = 64
# Ids are BIGINT columns: 19 ASCII digits at most, and no wider than a signed 64-bit integer.
MAX_ID = 2**63 - 1
_SEPARATOR = ":"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,32}")
_DIGITS = re.compile(r"[0-9]{1,19}")
_PREFIXES: dict[str, type["CallbackData"]] = {}


class CallbackData:
    """A typed button payload with a unique prefix."""

    prefix: ClassVar[str]

    def __init_subclass__(cls, *, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not _TOKEN.fullmatch(prefix) or prefix in _PREFIXES:
            raise ValueError(f"callback prefix {prefix!r} is invalid or taken")
        cls.prefix = prefix
        _PREFIXES[prefix] = cls

    def pack(self) -> str:
        """Return the callback data of this button; raise if it passes Telegram's 64 bytes."""
        parts = [self.prefix]
        for spec in fields(self):  # type: ignore[arg-type]
            value = getattr(self, spec.name)
            if value is None:
                break
            parts.append(_encode(value))
        data = _SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data of {self.prefix!r} is longer than {MAX_BYTES} bytes")
        return data

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """Read callback data back into this button type; None when it is not a valid one."""
        if data is None or len(data.encode()) > MAX_BYTES:
            return None
        prefix, *raw = data.split(_SEPARATOR)
        if prefix != cls.prefix:
            return None
        specs = _field_types(cls)
        required = sum(1 for _, _, optional in specs if not optional)
        if not required <= len(raw) <= len(specs):
            return None
        values: dict[str, object] = {}
        for (name, kind, _), text in zip(specs, raw, strict=False):
            value = _decode(kind, text)
            if value is None:
                return None
            values[name] = value
        return cls(**values)

    @classmethod
    def pattern(cls) -> str:
        """Return the regular expression a CallbackQueryHandler routes this prefix with."""
        return f"^{re.escape(cls.prefix)}(:|$)"


def _encode(value: object) -> str:
    if isinstance(value, bool):
        raise TypeError("booleans are written as enums")
    if isinstance(value, int):
        if not 0 <= value <= MAX_ID:
            raise ValueError("callback ids are 64-bit and not negative")
        return str(value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, str) and _TOKEN.fullmatch(value):
        return value
    raise ValueError("callback data hold ids, enum values and short ASCII tokens only")


def _decode(kind: type, text: str) -> object | None:
    if kind is int:
        if not _DIGITS.fullmatch(text):
            return None
        number = int(text)
        return number if number <= MAX_ID else None
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        try:
            return kind(text)
        except ValueError:
            return None
    if kind is str:
        return text if _TOKEN.fullmatch(text) else None
    raise TypeError(f"unsupported callback field type {kind!r}")


_FIELD_TYPES: dict[type, tuple[tuple[str, type, bool], ...]] = {}


def _field_types(cls: type[CallbackData]) -> tuple[tuple[str, type, bool], ...]:
    known = _FIELD_TYPES.get(cls)
    if known is not None:
        return known
    hints = get_type_hints(cls)
    specs: list[tuple[str, type, bool]] = []
    for spec in fields(cls):  # type: ignore[arg-type]
        hint = hints[spec.name]
        optional = False
        if get_origin(hint) in (Union, types.UnionType):
            args = [arg for arg in get_args(hint) if arg is not type(None)]
            hint, optional = args[0], True
        if specs and specs[-1][2] and not optional:
            raise TypeError(f"{cls.__name__}: optional fields must come last")
        specs.append((spec.name, hint, optional))
    _FIELD_TYPES[cls] = tuple(specs)
    return _FIELD_TYPES[cls]


# ── The buttons of every feature ──────────────────────────────────────────────────────────


@dataclass(frozen=True)
class ReminderButton(CallbackData, prefix="r"):
    """An answer to a dose or exercise reminder."""

    reminder_id: int
    action: Action


class ProductOp(StrEnum):
    """What a product-card button does."""

    VIEW = "v"
    EDIT = "e"
    PAUSE = "p"
    RESUME = "r"
    DELETE = "d"
    DELETE_CONFIRMED = "dd"
    MEDICINE = "md"  # say what kind of medicine it is
    PRESCRIBED = "rx"
    NOT_PRESCRIBED = "rx0"


@dataclass(frozen=True)
class ProductButton(CallbackData, prefix="sp"):
    """A button on a product card (or the list that opens one)."""

    product_id: int
    op: ProductOp


class AddStep(StrEnum):
    """A button of the add-a-product dialogue."""

    NEW = "new"
    FORM = "form"
    BASIS = "basis"
    SAVE = "save"
    RESTART = "restart"
    CHECK = "check"  # confirm an unusually large calcium figure


@dataclass(frozen=True)
class AddProductButton(CallbackData, prefix="sa"):
    """A step of the add-a-product dialogue; `value` is the answer's short code."""

    step: AddStep
    value: str | None = None


class ScheduleStep(StrEnum):
    """A button of the schedule dialogue."""

    FOR = "for"
    UNITS = "units"
    DAYS = "days"
    MONTHLY = "monthly"
    SPLIT = "split"
    SAVE = "save"
    RESTART = "restart"


@dataclass(frozen=True)
class ScheduleButton(CallbackData, prefix="sc"):
    """A step of the schedule dialogue; `value` is a product id, a count or a weekday mask."""

    step: ScheduleStep
    value: int | None = None


class ExerciseOp(StrEnum):
    """What an /exercise button does."""

    PLAN = "plan"
    OWN = "own"
    DELETE = "del"
    SHOW_PLAN = "show"
    DAYS = "days"  # schedule_id carries the weekday bitmask chosen


class ScheduleOp(StrEnum):
    """What a button on one schedule's card does."""

    VIEW = "v"
    TIMES = "t"
    DAYS = "d"
    DAY_MASK = "m"  # value: the weekday bitmask chosen
    PAUSE = "p"
    RESUME = "r"
    DELETE = "x"
    DELETE_CONFIRMED = "xx"


@dataclass(frozen=True)
class ScheduleEditButton(CallbackData, prefix="se"):
    """A button on one schedule's card: move, pause or delete that schedule."""

    schedule_id: int
    op: ScheduleOp
    value: int | None = None


@dataclass(frozen=True)
class ExerciseButton(CallbackData, prefix="ex"):
    """Take the bone-health plan, describe one's own exercise, or delete one.

    `schedule_id` is the exercise schedule for DELETE and the weekday bitmask for DAYS.
    """

    op: ExerciseOp
    schedule_id: int | None = None


class MealAction(StrEnum):
    """What a meal-preview button does."""

    LOG = "log"
    LOG_TODAY = "lt"  # a meal said to be yesterday's, logged to today instead
    PORTION = "p"  # count a modifier ingredient at another amount
    FIX = "fix"
    ADD = "add"
    CHOOSE = "c"
    NONE_OF_THESE = "n"


@dataclass(frozen=True)
class MealButton(CallbackData, prefix="ml"):
    """Log, fix or settle an item of a meal draft."""

    draft_id: int
    action: MealAction
    item: int | None = None
    candidate: int | None = None


class FoodOp(StrEnum):
    """What a /food button does."""

    ADD = "add"
    DELETE = "d"


@dataclass(frozen=True)
class FoodButton(CallbackData, prefix="mf"):
    """Add a custom food, or delete one."""

    op: FoodOp
    food_id: int | None = None


class Question(StrEnum):
    """The onboarding question a button answers."""

    BACK = "back"
    TIMEZONE = "tz"
    SEX = "sex"
    REFERENCE = "ref"
    CALCIFICATION = "vc"
    WARFARIN = "warf"


@dataclass(frozen=True)
class OnboardingButton(CallbackData, prefix="ob"):
    """An answer to an onboarding or settings question; `answer` is the choice's code."""

    question: Question
    answer: str | None = None


class LocaleCode(StrEnum):
    """An interface language a user can choose."""

    ENGLISH = "en"
    CHINESE = "zh"


@dataclass(frozen=True)
class LanguageButton(CallbackData, prefix="lg"):
    """Choose the interface language; no value shows the choice."""

    locale: LocaleCode | None = None


@dataclass(frozen=True)
class SettingsButton(CallbackData, prefix="st"):
    """Change one answer from /settings."""

    step: Step


class MedicineOp(StrEnum):
    """A button of the medicine-kind question."""

    KIND = "k"  # `value` is a nutrition.medicines.MedicineKind code
    USUAL = "u"  # keep the usual spacing


@dataclass(frozen=True)
class MedicineButton(CallbackData, prefix="md"):
    """Say what kind of medicine a product is, or keep the usual spacing."""

    product_id: int
    op: MedicineOp
    value: str | None = None


class MoveOp(StrEnum):
    """Accept or decline a proposed calcium move."""

    MOVE = "m"
    KEEP = "k"


@dataclass(frozen=True)
class SpacingButton(CallbackData, prefix="mv"):
    """Move the calcium dose at `minute` (of the day) of a schedule clear of a medicine."""

    schedule_id: int
    minute: int
    op: MoveOp


class CareOp(StrEnum):
    """What a patient's /caregivers button does."""

    LIST = "l"
    INVITE = "i"
    USE_NAME = "n"
    REVOKE = "rv"
    OPEN = "o"
    TOGGLE = "t"
    APPROVE = "a"
    DECLINE = "d"
    REMOVE = "rm"
    REMOVE_CONFIRMED = "ry"


@dataclass(frozen=True)
class CaregiverButton(CallbackData, prefix="cg"):
    """A patient's button about their caregivers; `target` is a link or invite id."""

    op: CareOp
    target: int | None = None
    scope: Scope | None = None


class PatientOp(StrEnum):
    """What a caregiver's /patients or alert button does."""

    MUTE = "m"
    UNMUTE = "u"
    LEAVE = "lv"
    LEAVE_CONFIRMED = "ly"
    NUDGE = "n"
    DIGEST_TIME = "dt"


@dataclass(frozen=True)
class PatientButton(CallbackData, prefix="cp"):
    """A caregiver's button; `target` is a link id, or an alert id for a nudge."""

    op: PatientOp
    target: int | None = None


class RecordsOp(StrEnum):
    """What a records button does: erase the user's data, or set the daily summary."""

    DELETE_ASK = "del"
    DELETE_CANCEL = "keep"
    SUMMARY_OFF = "off"
    SUMMARY_AT = "at"
    SUMMARY_MENU = "menu"


@dataclass(frozen=True)
class RecordsButton(CallbackData, prefix="rc"):
    """/delete's first confirmation, or a daily-summary choice (`value`: the hour, 0–23)."""

    op: RecordsOp
    value: int | None = None


class SupplyOp(StrEnum):
    """What a supply button does."""

    SHOW = "v"
    COUNT = "c"
    REFILL = "r"


@dataclass(frozen=True)
class SupplyButton(CallbackData, prefix="sy"):
    """Show a product's tablets left, set the count, or record a refill."""

    product_id: int
    op: SupplyOp


class DiaryOp(StrEnum):
    """What a diary button does."""

    REMOVE = "rm"


@dataclass(frozen=True)
class DiaryButton(CallbackData, prefix="dy"):
    """Remove one entry of the food diary (ownership re-checked on press)."""

    intake_id: int
    op: DiaryOp
