"""A user's answers and the limits they select, as a short text."""

from datetime import datetime

from bot import texts
from nutrition.checker import effective_limits
from nutrition.reference import ReferenceSet, Sex, intakes_for_birth_year
from services.profiles import Profile
from services.timezones import local_now


def profile_text(user: Profile, now: datetime) -> str:
    """Describe the user's settings and the calcium target and limit that follow from them."""
    lines: list[str] = []
    if user.timezone:
        local = local_now(user.timezone, now).strftime("%H:%M")
        lines.append(f"🕒 Time zone: {user.timezone} (now {local})")
    if user.birth_year:
        lines.append(f"🎂 Born: {user.birth_year}")
    if user.sex:
        lines.append(f"⚧ Sex: {texts.SEX_LABELS.get(user.sex, user.sex)}")
    if user.reference_set:
        lines.append(
            f"📚 Reference: {texts.REFERENCE_LABELS.get(user.reference_set, user.reference_set)}"
        )
    if user.onboarding_step is None or user.vascular_calcification is not None:
        answer = texts.CALCIFICATION_LABELS[user.vascular_calcification]
        lines.append(f"❤️ Vascular calcification: {answer}")
    if user.takes_warfarin is not None:
        lines.append(f"💊 Warfarin: {'Yes' if user.takes_warfarin else 'No'}")
    if user.birth_year and user.sex and user.reference_set:
        intakes = intakes_for_birth_year(
            ReferenceSet(user.reference_set),
            birth_year=user.birth_year,
            today=now.date(),
            sex=Sex(user.sex),
        )
        limits = effective_limits(
            intakes,
            doctor_calcium_limit_mg=user.doctor_calcium_limit_mg,
            doctor_vitamin_d_limit_iu=user.doctor_vitamin_d_limit_iu,
        )
        lines.append(f"🎯 Calcium target: {limits.calcium_target_mg:,} mg a day")
        who = "your doctor" if user.doctor_calcium_limit_mg else "reference"
        lines.append(f"⛔ Calcium upper limit: {limits.calcium_ul_mg:,} mg a day ({who})")
        who_d = "your doctor" if user.doctor_vitamin_d_limit_iu else "reference"
        lines.append(
            f"⛔ Vitamin D upper limit: {texts.vitamin_d_both_units(limits.vitamin_d_ul_iu)} "
            f"a day ({who_d})"
        )
    return "\n".join(lines)
