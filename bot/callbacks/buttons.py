"""The buttons of the patient's everyday features: reminders, products, schedules, exercise,
meals, foods, onboarding, settings and language."""

from dataclasses import dataclass
from enum import StrEnum

from bot.callbacks.codec import CallbackData
from services.onboarding import Step
from services.reminders import Action


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
