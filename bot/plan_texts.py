"""The words of the planned-doses check: supplements alone near or over a daily limit."""

from collections.abc import Sequence

from bot.i18n import N_, _
from bot.time_texts import describe_weekdays
from nutrition.levels import Level, Nutrient
from nutrition.plan_check import PlanFinding
from scheduler.recurrence import EVERY_DAY

_UNITS = {
    Nutrient.CALCIUM: (N_("calcium"), N_("mg")),
    Nutrient.VITAMIN_D: (N_("vitamin D"), N_("IU")),
}


def plan_warning(findings: Sequence[PlanFinding], *, doctor_set: frozenset[Nutrient]) -> str:
    """Word what the planned supplements do to the day, with the figures, per weekday group."""
    lines: list[str] = []
    for finding in findings:
        doctor = finding.nutrient in doctor_set
        whose = _("your doctor's limit") if doctor else _("your daily upper limit")
        name, unit = (_(word) for word in _UNITS[finding.nutrient])
        days = (
            _("a day")
            if finding.weekdays == EVERY_DAY
            else _("on {days}").format(days=describe_weekdays(finding.weekdays))
        )
        figures = _(
            "your planned supplements give <b>{total:,} {unit} {name}</b> {days}, "
            "against {whose} of {limit:,} {unit}"
        ).format(
            total=finding.total, unit=unit, name=name, days=days, whose=whose, limit=finding.limit
        )
        if finding.level is Level.OVER:
            line = _(
                "⚠️ Over the limit: {figures}, before any food. Please change the dose, "
                "times or days below, or ask your doctor."
            )
            lines.append(line.format(figures=figures))
        else:
            line = _(
                "ℹ️ Close to the limit: {figures} ({percent} %). Food will take it over the limit "
                "on most days; you may want to lower it."
            )
            percent = finding.total * 100 // finding.limit
            lines.append(line.format(figures=figures, percent=percent))
    return "\n".join(lines)
