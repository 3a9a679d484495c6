"""The buttons of medicine spacing, caregivers and the patient's records."""

from dataclasses import dataclass
from enum import StrEnum

from bot.callbacks.codec import CallbackData
from services.caregivers.views import Scope


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
