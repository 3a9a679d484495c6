"""The words of the planned-doses check: supplements alone near or over a daily limit."""

from collections.abc import Sequence

from bot.time_texts import describe_weekdays
from nutrition.levels import Level, Nutrient
from nutrition.plan_check import PlanFinding
from scheduler.recurrence import EVERY_DAY

_UNITS = {Nutrient.CALCIUM: ("calcium", "mg"), Nutrient.VITAMIN_D: ("vitamin D", "IU")}


def plan_warning(findings: Sequence[PlanFinding], *, doctor_set: frozenset[Nutrient]) -> str:
    """Word what the planned supplements do to the day, with the figures, per weekday group."""
    lines: list[str] = []
    for finding in findings:
        doctor = finding.nutrient in doctor_set
        whose = "your doctor's limit" if doctor else "your daily upper limit"
        name, unit = _UNITS[finding.nutrient]
        days = (
            "a day"
            if finding.weekdays == EVERY_DAY
            else f"on {describe_weekdays(finding.weekdays)}"
        )
        figures = (
            f"your planned supplements give <b>{finding.total:,} {unit} {name}</b> {days}, "
            f"against {whose} of {finding.limit:,} {unit}"
        )
        if finding.level is Level.OVER:
            lines.append(
                f"⚠️ Over the limit: {figures}, before any food. Please change the dose, "
                "times or days below, or ask your doctor."
            )
        else:
            lines.append(
                f"ℹ️ Close to the limit: {figures} "
                f"({finding.total * 100 // finding.limit} %). Food will take it over the limit "
                "on most days; you may want to lower it."
            )
    return "\n".join(lines)
