"""Every word of the caregiver feature: invites, approval, alerts and the digest."""

from datetime import datetime
from html import escape

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


def scope_list(scopes: frozenset[Scope]) -> str:
    """Name the shared scopes in a fixed order."""
    names = [label.lower() for scope, label in SCOPE_LABELS.items() if scope in scopes]
    return ", ".join(names) if names else NOTHING_SHARED


def scope_button(scope: Scope, on: bool) -> str:
    """Label a scope toggle with its state."""
    return f"{'✅' if on else '⬜'} {SCOPE_LABELS[scope]}"


def caregiver_line(link: LinkView) -> str:
    """One caregiver in the patient's list."""
    state = PENDING_MARK if link.status == "pending" else scope_list(link.scopes)
    return f"• <b>{escape(link.caregiver_name)}</b>: {state}"


def patient_line(link: LinkView) -> str:
    """One patient in the caregiver's list."""
    if link.status == "pending":
        state = PENDING_MARK
    else:
        state = scope_list(link.scopes) + (f" · {MUTED_MARK}" if link.muted else "")
    return f"• <b>{escape(link.patient_name)}</b>: {state}"


def invite_line(invite: InviteView) -> str:
    """One unused invite in the patient's list."""
    when = invite.expires_at.strftime("%d %b %H:%M")
    return OPEN_INVITE_LINE.format(name=escape(invite.patient_name), when=when)


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def missed_text(alert: MissedAlert) -> str:
    """Word a missed-dose alert: who, what, when in their time (and in the caregiver's)."""
    item = escape(alert.item) if alert.item else "a dose"
    when = f"{_clock(alert.patient_local)} their time"
    if alert.caregiver_local is not None:
        when += f", {_clock(alert.caregiver_local)} yours"
    text = f"⚠️ <b>{escape(alert.patient_name)}</b> has not taken <b>{item}</b> (due {when})."
    amounts = []
    if alert.calcium_mg:
        amounts.append(f"{alert.calcium_mg} mg calcium")
    if alert.vitamin_d_iu:
        amounts.append(f"{alert.vitamin_d_iu} IU vitamin D")
    if amounts:
        text += f"\nThat dose: {', '.join(amounts)}."
    return text


def over_limit_text(alert: OverLimitAlert) -> str:
    """Word an over-limit-day alert; totals only when details are shared."""
    text = (
        f"🔴 <b>{escape(alert.patient_name)}</b> passed a daily upper limit today "
        f"({alert.day.strftime('%d %b')})."
    )
    if alert.calcium_mg is not None and alert.calcium_limit_mg is not None:
        text += f"\nCalcium so far: {alert.calcium_mg:,} / {alert.calcium_limit_mg:,} mg."
    return text


def _patient_day(day: PatientDay) -> str:
    lines = [f"<b>{escape(day.patient_name)}</b>"]
    if day.due:
        lines.append(f"Doses: {day.taken} of {day.due} taken, {day.missed} missed")
    else:
        lines.append("No doses scheduled today")
    if day.calcium_mg is not None and day.calcium_limit_mg is not None:
        lines.append(
            f"Calcium: {day.calcium_mg:,} mg (target {day.calcium_target_mg:,}, "
            f"limit {day.calcium_limit_mg:,})"
        )
    for dose in day.doses:
        name = escape(dose.item) if dose.item else "Dose"
        status = DOSE_STATUS.get(dose.status, dose.status)
        lines.append(f"  {dose.local_time.strftime('%H:%M')} {name}: {status}")
    return "\n".join(lines)


def digest_text(digest: Digest) -> str:
    """Word the daily digest, one short block per patient."""
    blocks = [_patient_day(day) for day in digest.patients]
    return "📋 <b>Daily digest</b>\n\n" + "\n\n".join(blocks)
