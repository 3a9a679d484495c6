"""Every word of the caregiver feature: invites, approval, alerts and the digest."""

from datetime import datetime, time
from html import escape

from bot.i18n import _, day, number, translate_constants
from services.caregivers.views import (
    Digest,
    InviteProblem,
    InviteView,
    LinkView,
    MissedAlert,
    NudgeResult,
    OverLimitAlert,
    PatientDay,
    Scope,
)

SCOPE_LABELS = {
    Scope.MISSED: "Missed doses",
    Scope.OVER_LIMIT: "Over-limit days",
    Scope.DIGEST: "Daily digest",
    Scope.DETAILS: "Details (what was eaten or taken)",
}
CAREGIVERS_TITLE = "👪 <b>Your caregivers</b>"
NO_CAREGIVERS = (
    "No one follows you yet. A caregiver (family, a nurse) can get an alert when you miss a "
    "dose or pass a limit, and a daily digest — only what you allow, and you can stop it any time."
)
INVITE_BUTTON = "➕ Invite a caregiver"
ASK_NAME = (
    "What name should your caregiver see for you? Type it (e.g. <i>Mum</i>), or tap the button."
)
USE_NAME_BUTTON = "Use “{name}”"
NAME_TOO_LONG = "Please keep the name under 40 characters."
INVITE_READY = (
    "📨 Send this link to your caregiver, or let them scan the code below. "
    "It works once and expires in 24 hours:\n{url}\n\n"
    "You will be asked to approve them before they see anything."
)
INVITE_QR_CAPTION = "Scan to follow {name} on calcibot."
REVOKE_BUTTON = "🚫 Revoke unused invite"
INVITE_REVOKED = "🚫 Invite revoked: the link no longer works."
OPEN_INVITE_LINE = "📨 An unused invite (as {name}) expires {when} UTC."
REMOVE_BUTTON = "🗑 Remove"
REMOVE_CONFIRM = "Stop sharing with <b>{name}</b>? They get no more alerts and are told."
REMOVE_YES = "Yes, remove"
BACK_BUTTON = "⬅️ Back"
APPROVE_BUTTON = "✅ Approve"
DECLINE_BUTTON = "❌ Decline"
REMOVED_BY_YOU = "Removed: <b>{name}</b> gets nothing more from me."
LEFT_BY_YOU = "You no longer follow <b>{name}</b>."
TOLD_PATIENT_LEFT = "👋 <b>{name}</b> stopped following you; they get no more alerts."
TOLD_CAREGIVER_REMOVED = "👋 <b>{name}</b> stopped sharing with you; no more alerts will come."
APPROVED_PATIENT = "✅ <b>{name}</b> now follows you: {scopes}."
APPROVED_CAREGIVER = "✅ <b>{name}</b> approved you. You will get: {scopes}."
NOTHING_SHARED = "nothing yet"

ASK_APPROVAL = (
    "👪 <b>{caregiver}</b> opened your invite and wants to follow you as <b>{name}</b>.\n"
    "Choose what they get, then approve. Details stay off unless you turn them on."
)
WAITING_APPROVAL = "✅ Link opened. <b>{name}</b> is asked to approve you; I'll tell you."
ASK_ZONE = (
    "To show you alerts in your own time, which city or time zone are you in? "
    "(e.g. <i>London</i> or <i>Asia/Shanghai</i>)"
)
ZONE_SAVED = "🕐 Your time zone: <b>{zone}</b> (now {local}). Your daily digest comes at {digest}."
ZONE_NOT_FOUND = "I could not find “{text}”. Try a big city near you, or a zone like Europe/Paris."
INVITE_PROBLEMS = {
    InviteProblem.UNKNOWN: "This invite link is not valid. Ask for a new one.",
    InviteProblem.EXPIRED: "This invite has expired. Ask for a new one.",
    InviteProblem.REVOKED: "This invite was withdrawn. Ask for a new one.",
    InviteProblem.USED: "This invite was already used. Each link works once: ask for a new one.",
    InviteProblem.OWN: "This is your own invite: send it to your caregiver instead.",
    InviteProblem.ALREADY_LINKED: "You already follow this person (or wait for their approval).",
}

PATIENTS_TITLE = "🫶 <b>People you follow</b>"
NO_PATIENTS = "You follow no one. Ask a patient for an invite link."
PENDING_MARK = "⏳ waiting for approval"
MUTED_MARK = "🔕 muted"
MUTE_BUTTON = "🔕 Mute {name}"
UNMUTE_BUTTON = "🔔 Unmute {name}"
LEAVE_BUTTON = "👋 Stop following {name}"
LEAVE_CONFIRM = "Stop following <b>{name}</b>? They are told."
LEAVE_YES = "Yes, stop"
DIGEST_LINE = "Daily digest at {time} ({zone})."
DIGEST_TIME_BUTTON = "🕗 Change digest time"
ASK_DIGEST_TIME = "At what local time should the digest come? (e.g. <i>19:30</i>)"
DIGEST_TIME_BAD = "Please type a time like 19:30."
DIGEST_TIME_SAVED = "🕗 Your digest now comes at {time}."
MUTED = "🔕 Muted: no alerts or digest about <b>{name}</b> until you unmute."
UNMUTED = "🔔 Alerts about <b>{name}</b> are back on."

NUDGE_BUTTON = "👋 Nudge {name}"
NUDGE_RESULTS = {
    NudgeResult.SENT: "👋 Sent a gentle reminder.",
    NudgeResult.ALREADY: "You already nudged for this dose.",
    NudgeResult.NOT_ALLOWED: "This is not available any more.",
    NudgeResult.GONE: "That dose is no longer scheduled.",
}


DOSE_STATUS = {
    "taken": "✅ taken",
    "missed": "⚠️ missed",
    "skipped": "⏭ skipped",
    "snoozed": "⏰ snoozed",
    "upcoming": "🕒 to come",
}


LIST_SEPARATOR = ", "


def scope_list(scopes: frozenset[Scope]) -> str:
    """Name the shared scopes in a fixed order."""
    names = [_(label).lower() for scope, label in SCOPE_LABELS.items() if scope in scopes]
    return _(LIST_SEPARATOR).join(names) if names else _(NOTHING_SHARED)


def scope_button(scope: Scope, on: bool) -> str:
    """Label a scope toggle with its state."""
    return f"{'✅' if on else '⬜'} {_(SCOPE_LABELS[scope])}"


def caregiver_line(link: LinkView) -> str:
    """One caregiver in the patient's list."""
    state = _(PENDING_MARK) if link.status == "pending" else scope_list(link.scopes)
    return f"• <b>{escape(link.caregiver_name)}</b>: {state}"


def patient_line(link: LinkView) -> str:
    """One patient in the caregiver's list."""
    if link.status == "pending":
        state = _(PENDING_MARK)
    else:
        state = scope_list(link.scopes) + (f" · {_(MUTED_MARK)}" if link.muted else "")
    return f"• <b>{escape(link.patient_name)}</b>: {state}"


def invite_line(invite: InviteView) -> str:
    """One unused invite in the patient's list."""
    when = f"{day(invite.expires_at.date())} {_clock(invite.expires_at)}"
    return _(OPEN_INVITE_LINE).format(name=escape(invite.patient_name), when=when)


def _clock(moment: datetime | time) -> str:
    return moment.strftime("%H:%M")


def missed_text(alert: MissedAlert) -> str:
    """Word a missed-dose alert: who, what, when in their time (and in the caregiver's)."""
    item = escape(alert.item) if alert.item else _("a dose")
    if alert.caregiver_local is not None:
        when = _("{patient_time} their time, {own_time} yours").format(
            patient_time=_clock(alert.patient_local), own_time=_clock(alert.caregiver_local)
        )
    else:
        when = _("{patient_time} their time").format(patient_time=_clock(alert.patient_local))
    text = _("⚠️ <b>{name}</b> has not taken <b>{item}</b> (due {when}).").format(
        name=escape(alert.patient_name), item=item, when=when
    )
    amounts = []
    if alert.calcium_mg:
        amounts.append(_("{amount} mg calcium").format(amount=number(alert.calcium_mg)))
    if alert.vitamin_d_iu:
        amounts.append(_("{amount} IU vitamin D").format(amount=number(alert.vitamin_d_iu)))
    if amounts:
        text += "\n" + _("That dose: {amounts}.").format(amounts=_(LIST_SEPARATOR).join(amounts))
    return text


def over_limit_text(alert: OverLimitAlert) -> str:
    """Word an over-limit-day alert; totals only when details are shared."""
    text = _("🔴 <b>{name}</b> passed a daily upper limit today ({day}).").format(
        name=escape(alert.patient_name), day=day(alert.day)
    )
    if alert.calcium_mg is not None and alert.calcium_limit_mg is not None:
        text += "\n" + _("Calcium so far: {total} / {limit} mg.").format(
            total=number(alert.calcium_mg), limit=number(alert.calcium_limit_mg)
        )
    return text


def _patient_day(patient: PatientDay) -> str:
    lines = [f"<b>{escape(patient.patient_name)}</b>"]
    if patient.due:
        lines.append(
            _("Doses: {taken} of {due} taken, {missed} missed").format(
                taken=patient.taken, due=patient.due, missed=patient.missed
            )
        )
    else:
        lines.append(_("No doses scheduled today"))
    if patient.calcium_mg is not None and patient.calcium_limit_mg is not None:
        lines.append(
            _("Calcium: {total} mg (target {target}, limit {limit})").format(
                total=number(patient.calcium_mg),
                target=number(patient.calcium_target_mg or 0),
                limit=number(patient.calcium_limit_mg),
            )
        )
    for dose in patient.doses:
        name = escape(dose.item) if dose.item else _("Dose")
        status = _(DOSE_STATUS[dose.status]) if dose.status in DOSE_STATUS else dose.status
        lines.append(f"  {_clock(dose.local_time)} {name}: {status}")
    return "\n".join(lines)


def digest_text(digest: Digest) -> str:
    """Word the daily digest, one short block per patient."""
    blocks = [_patient_day(patient) for patient in digest.patients]
    return _("📋 <b>Daily digest</b>") + "\n\n" + "\n\n".join(blocks)


translate_constants(__name__)
