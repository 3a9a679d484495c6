"""The pre-dose projection at the foot of a dose reminder: what taking it does to the day."""

from bot.i18n import N_, _, translate_constants
from nutrition.checker import NutrientProjection, Projection
from nutrition.levels import Level, Nutrient, percent_of

_PROJECTED = {
    Nutrient.CALCIUM: (N_("calcium"), N_("mg")),
    Nutrient.VITAMIN_D: (N_("vitamin D"), N_("IU")),
}
PROJECTION_LINE = (
    "📊 Taking it brings today's {name} to {after:,} of your {limit:,} {unit} upper limit."
)
PROJECTION_AVERAGE_LINE = (
    "📊 Taking it brings your {days}-day average {name} to {after:,} a day, "
    "of your {limit:,} {unit} daily upper limit."
)
PROJECTION_REACHES = "⚠️ That reaches your daily upper limit for {name}."
PROJECTION_PASSES = (
    "⚠️ That would pass your daily upper limit for {name}. Consider waiting until tomorrow, "
    "or ask your doctor."
)
PROJECTION_NEAR_VASCULAR = (
    "⚠️ That brings {name} to {percent} % of your upper limit; with vascular calcification "
    "it is wiser to stay well below it."
)
PROJECTION_PRESCRIBED = "💊 {name} as prescribed by your doctor — take as told."


def _nutrient_lines(
    figures: NutrientProjection, *, vascular_calcification: bool, prescribed: bool
) -> list[str]:
    name, unit = (_(word) for word in _PROJECTED[figures.nutrient])
    # The module's own constants read as English here: translate them explicitly.
    line = _(PROJECTION_AVERAGE_LINE if figures.window_days > 1 else PROJECTION_LINE)
    lines = [
        line.format(
            name=name,
            after=figures.total_after,
            limit=figures.limit,
            unit=unit,
            days=figures.window_days,
        )
    ]
    if prescribed:
        # A prescribed dose is taken as told: the UL is for intake without medical care
        # (domain-facts §4, IOM 2011), so a neutral note replaces the warning.
        if figures.level_after is not Level.OK:
            # Only the first letter goes up: "Vitamin D", and 维生素D stays as it is.
            capital = name[:1].upper() + name[1:]
            lines.append(_(PROJECTION_PRESCRIBED).format(name=capital))
    elif figures.level_after is Level.OVER:
        exact = figures.total_after == figures.limit
        lines.append(_(PROJECTION_REACHES if exact else PROJECTION_PASSES).format(name=name))
    elif figures.level_after is Level.NEAR and vascular_calcification:
        percent = percent_of(figures.total_after, figures.limit)
        lines.append(_(PROJECTION_NEAR_VASCULAR).format(name=name, percent=percent))
    return lines


def projection_lines(
    projection: Projection,
    *,
    vascular_calcification: bool = False,
    prescribed_vitamin_d: bool = False,
) -> list[str]:
    """Word a pre-dose projection: only the nutrients the dose carries, each with its figures.

    With vascular calcification the NEAR level (the earlier threshold the projection was
    computed with) warns too; a prescribed vitamin D dose gets a neutral note instead.
    """
    lines: list[str] = []
    for figures in (projection.calcium, projection.vitamin_d):
        if figures.dose <= 0:
            continue
        prescribed = prescribed_vitamin_d and figures.nutrient is Nutrient.VITAMIN_D
        lines += _nutrient_lines(
            figures, vascular_calcification=vascular_calcification, prescribed=prescribed
        )
    return lines


translate_constants(__name__)
