"""Word the caregiver occurrences the reminder engine sends: alerts and the daily digest."""

from collections.abc import Awaitable, Callable

from bot import care_texts
from bot.callbacks import PatientButton, PatientOp
from bot.i18n import use_locale
from bot.reminder_texts import recipient_locale
from scheduler.config import DueItem
from scheduler.notifier import Button, OutgoingMessage
from services.caregivers.alerts import alert_for
from services.caregivers.digest import digest_for
from services.caregivers.views import MissedAlert
from services.vocabulary import ScheduleKind
from storage.database import Database


def care_hook(database: Database) -> Callable[[DueItem], Awaitable[OutgoingMessage | None]]:
    """Return the engine's hook that words a caregiver's alert or digest (None: say nothing)."""

    async def care(item: DueItem) -> OutgoingMessage | None:
        # Worded in the caregiver's own language, which may differ from the patient's.
        with use_locale(recipient_locale(item.user)):
            return await _word(item)

    async def _word(item: DueItem) -> OutgoingMessage | None:
        if item.schedule.kind == ScheduleKind.CARE_DIGEST:
            if item.user.id is None:
                return None
            digest = await digest_for(database, caregiver_id=item.user.id, now=item.reminder.due_at)
            if not digest.patients:
                return None
            return OutgoingMessage(care_texts.digest_text(digest))
        if item.reminder.id is None:
            return None
        alert = await alert_for(database, reminder_id=item.reminder.id)
        if alert is None:
            return None
        if not isinstance(alert, MissedAlert):
            return OutgoingMessage(care_texts.over_limit_text(alert))
        buttons: tuple[tuple[Button, ...], ...] = ()
        if alert.can_nudge:
            label = care_texts.NUDGE_BUTTON.format(name=alert.patient_name[:24])
            data = PatientButton(PatientOp.NUDGE, alert.alert_id).pack()
            buttons = ((Button(label, data),),)
        return OutgoingMessage(care_texts.missed_text(alert), buttons)

    return care
