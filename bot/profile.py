"""A user's answers and the limits they select, as a short text."""

from datetime import datetime

from bot import texts
from bot.i18n import _, number
from nutrition.checker import effective_limits
from nutrition.reference import ReferenceSet, Sex, intakes_for_birth_year
from services.profiles import Profile
from services.timezones import local_now


def profile_text(user: Profile, now: datetime) -> str:
    """Describe the user's settings and the calcium target and limit that follow from them."""
    lines: list[str] = []
    if user.timezone:
        local = local_now(user.timezone, now).strftime("%H:%M")
        lines.append(_("🕒 Time zone: {zone} (now {time})").format(zone=user.timezone, time=local))
    if user.birth_year:
        lines.append(_("🎂 Born: {year}").format(year=user.birth_year))
    if user.sex:
        lines.append(_("⚧ Sex: {sex}").format(sex=texts.SEX_LABELS.get(user.sex, user.sex)))
    if user.reference_set:
        reference = texts.REFERENCE_LABELS.get(user.reference_set, user.reference_set)
        lines.append(_("📚 Reference: {reference}").format(reference=reference))
    if user.onboarding_step is None or user.vascular_calcification is not None:
        answer = texts.CALCIFICATION_LABELS[user.vascular_calcification]
        lines.append(_("❤️ Vascular calcification: {answer}").format(answer=answer))
    if user.takes_warfarin is not None:
        answer = texts.CALCIFICATION_LABELS[bool(user.takes_warfarin)]
        lines.append(_("💊 Warfarin: {answer}").format(answer=answer))
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
        target = number(limits.calcium_target_mg)
        lines.append(_("🎯 Calcium target: {mg} mg a day").format(mg=target))
        limit = number(limits.calcium_ul_mg)
        if user.doctor_calcium_limit_mg:
            lines.append(_("⛔ Calcium upper limit: {mg} mg a day (your doctor)").format(mg=limit))
        else:
            lines.append(_("⛔ Calcium upper limit: {mg} mg a day (reference)").format(mg=limit))
        limit_d = texts.vitamin_d_both_units(limits.vitamin_d_ul_iu)
        if user.doctor_vitamin_d_limit_iu:
            line = _("⛔ Vitamin D upper limit: {amount} a day (your doctor)")
        else:
            line = _("⛔ Vitamin D upper limit: {amount} a day (reference)")
        lines.append(line.format(amount=limit_d))
    return "\n".join(lines)
