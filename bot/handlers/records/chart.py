"""Draw /report: daily calcium stacked by source, the target line, the limit band, missed doses.

Rendered headless through matplotlib's object API: a `Figure` saved straight to PNG (Agg) or
PDF, with no pyplot, so no display, no GUI backend and no global figure state. Sizes suit a
phone: Telegram shows a photo about 360–400 points wide, so a 1,200 px wide image at 150 dpi
with 13–15 pt labels reads without zooming.
"""

import io
from datetime import date
from functools import cache

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font

from bot import records_texts
from bot.i18n import ENGLISH, current
from services.reports import Report

DPI = 150
PHOTO_SIZE_IN = (8.0, 6.0)  # 1,200 × 900 px at 150 dpi
PAGE_SIZE_IN = (8.27, 11.69)  # A4 portrait
FOOD_COLOUR, SUPPLEMENT_COLOUR = "#4C9F70", "#3A6EA5"
LIMIT_COLOUR, TARGET_COLOUR, MISSED_COLOUR = "#D64545", "#333333", "#D64545"


# Labels for a language the chart's font cannot draw (Chinese: no CJK font is installed, and
# matplotlib draws a missing glyph as an empty box): numbers, "mg", M/D dates and symbols only;
# the caption under the photo says in the reader's language what the colours and marks mean.
SYMBOL_Y_LABEL = "Ca (mg)"
SYMBOL_MISSED = "×"
SYMBOL_TABLE_COLUMNS = ["M/D", "■ mg", "■ mg", "Σ mg", "D (IU)", "✓", "✗"]


@cache
def _glyphs() -> frozenset[int]:
    """Return the code points the chart's default font can draw."""
    return frozenset(FT2Font(findfont(FontProperties())).get_charmap())


def drawable(text: str) -> bool:
    """Tell whether the chart's font draws every character of `text`."""
    glyphs = _glyphs()
    return all(ord(char) in glyphs or char.isspace() for char in text)


def words_drawable() -> bool:
    """Tell whether the chart can carry the current language's words."""
    samples = (records_texts.CHART_FOOD, records_texts.CHART_Y_LABEL, records_texts.CHART_MISSED)
    return all(drawable(text) for text in samples)


def _md(day: date) -> str:
    return f"{day.month}/{day.day}"


def _tick(day: date, count: int) -> str:
    # A month of dates does not fit under the bars: every day for a week, the day number else.
    if count > 7:
        return day.strftime("%d")
    if current() == ENGLISH:
        return day.strftime("%a\n%d")
    return _md(day)


def draw(axes: Axes, data: Report) -> None:
    """Draw the report's bars, lines and marks on one set of axes."""
    count = len(data.days)
    words = words_drawable()
    positions = list(range(count))
    food = [day.calcium_food_mg for day in data.days]
    supplements = [day.calcium_supplement_mg for day in data.days]
    # Without words the two bar colours are explained by the caption (records_texts.CHART_KEY).
    axes.bar(
        positions,
        food,
        color=FOOD_COLOUR,
        label=records_texts.CHART_FOOD if words else "_nolegend_",
    )
    axes.bar(
        positions,
        supplements,
        bottom=food,
        color=SUPPLEMENT_COLOUR,
        label=records_texts.CHART_SUPPLEMENTS if words else "_nolegend_",
    )
    highest = max([day.calcium_mg for day in data.days] + [data.calcium_limit_mg])
    top = highest * 1.15
    axes.axhspan(
        data.calcium_limit_mg,
        top,
        color=LIMIT_COLOUR,
        alpha=0.12,
        label=(
            records_texts.chart_limit(data.calcium_limit_mg, doctor=data.doctor_limit)
            if words
            else f"> {data.calcium_limit_mg:,} mg"
        ),
    )
    axes.axhline(data.calcium_limit_mg, color=LIMIT_COLOUR, linewidth=1.5)
    axes.axhline(
        data.calcium_target_mg,
        color=TARGET_COLOUR,
        linestyle="--",
        linewidth=1.5,
        label=(
            records_texts.chart_target(data.calcium_target_mg)
            if words
            else f"{data.calcium_target_mg:,} mg"
        ),
    )
    missed = [(index, day) for index, day in enumerate(data.days) if day.doses_missed]
    if missed:
        axes.scatter(
            [index for index, _ in missed],
            [day.calcium_mg + highest * 0.04 for _, day in missed],
            marker="x",
            s=120,
            linewidths=3,
            color=MISSED_COLOUR,
            label=records_texts.CHART_MISSED if words else SYMBOL_MISSED,
            zorder=3,
        )
    axes.set_ylim(0, top)
    axes.set_xticks(positions, [_tick(day.day, count) for day in data.days])
    first, last = data.days[0].day, data.days[-1].day
    if words:
        axes.set_ylabel(records_texts.CHART_Y_LABEL, fontsize=13)
        axes.set_title(records_texts.chart_title(first, last), fontsize=15)
    else:
        axes.set_ylabel(SYMBOL_Y_LABEL, fontsize=13)
        axes.set_title(f"Ca · {_md(first)} – {_md(last)}", fontsize=15)
    axes.tick_params(labelsize=12 if count <= 7 else 10)
    # Below the axes, so it never hides a bar; constrained layout makes room for it.
    axes.legend(fontsize=11, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=3)
    axes.grid(axis="y", alpha=0.3)


def _save(figure: Figure, kind: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=kind, dpi=DPI)
    return buffer.getvalue()


def png(data: Report) -> bytes:
    """Render the chart as a PNG for a photo message."""
    figure = Figure(figsize=PHOTO_SIZE_IN, layout="constrained")
    draw(figure.add_subplot(), data)
    return _save(figure, "png")


def pdf(data: Report) -> bytes:
    """Render one A4 page for the doctor: the chart above a table of the days."""
    figure = Figure(figsize=PAGE_SIZE_IN, layout="constrained")
    chart, table = figure.subplots(2, 1, height_ratios=[1, 1.3])
    draw(chart, data)
    words = words_drawable()
    table.axis("off")
    rows = [
        [
            day.day.isoformat() if words else _md(day.day),
            f"{day.calcium_food_mg:,}",
            f"{day.calcium_supplement_mg:,}",
            f"{day.calcium_mg:,}",
            f"{day.vitamin_d_iu:,}",
            f"{day.doses_taken}",
            f"{day.doses_missed}",
        ]
        for day in data.days
    ]
    columns = list(records_texts.TABLE_COLUMNS) if words else SYMBOL_TABLE_COLUMNS
    drawn = table.table(cellText=rows, colLabels=columns, loc="upper center")
    if not words:  # the two "■ mg" headers take the colours of their bars
        drawn[0, 1].get_text().set_color(FOOD_COLOUR)
        drawn[0, 2].get_text().set_color(SUPPLEMENT_COLOUR)
    drawn.auto_set_font_size(False)
    drawn.set_fontsize(9 if len(rows) <= 7 else 7)
    drawn.scale(1, 1.3 if len(rows) <= 7 else 0.9)
    return _save(figure, "pdf")
