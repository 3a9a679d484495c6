"""/report and /report 30: the chart as a photo with a one-line caption, and a one-page PDF."""

from typing import cast

from telegram import Message, Update
from telegram.constants import ChatAction

from bot import records_texts, texts
from bot.context import Context
from bot.handlers.records import chart
from services.reports import REPORT_DAYS, Report, report


def _days(args: list[str] | None) -> int | None:
    if not args:
        return REPORT_DAYS[0]
    try:
        wanted = int(args[0])
    except ValueError:
        return None
    return wanted if wanted in REPORT_DAYS else None


def caption(data: Report) -> str:
    """Return the photo's one-line caption."""
    count = len(data.days)
    text = records_texts.report_caption(
        days=count,
        average_mg=round(sum(day.calcium_mg for day in data.days) / count),
        over_days=sum(1 for day in data.days if day.calcium_mg > data.calcium_limit_mg),
        missed=sum(day.doses_missed for day in data.days),
        target_mg=data.calcium_target_mg,
    )
    # A chart drawn without words (no font for the language) is explained in the caption.
    return text if chart.words_drawable() else f"{text}\n{records_texts.CHART_KEY}"


async def show(update: Update, context: Context) -> None:
    """Send the last 7 (or 30) days as a chart photo and a PDF page."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    days = _days(context.args)
    if days is None:
        await message.reply_html(records_texts.REPORT_USAGE)
        return
    data = await report(
        context.db, telegram_id=update.effective_user.id, now=context.now(), days=days
    )
    if data is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    await message.reply_chat_action(ChatAction.UPLOAD_PHOTO)
    await message.reply_photo(chart.png(data), caption=caption(data))
    first, last = data.days[0].day.isoformat(), data.days[-1].day.isoformat()
    await message.reply_document(
        chart.pdf(data),
        filename=records_texts.REPORT_FILENAME.format(first=first, last=last),
        caption=(
            records_texts.REPORT_PDF_CAPTION
            if chart.words_drawable()
            else f"{records_texts.REPORT_PDF_CAPTION}\n{records_texts.TABLE_KEY}"
        ),
    )
