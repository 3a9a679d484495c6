"""Dialogues that end: a typed-answer flow times out, and any command or /cancel ends it.

The flows (add a product, set a schedule, describe an exercise, type a meal, add a food) are
short and kept in memory per user, like PTB's ConversationHandler keeps its state. They give
the same three guarantees: a `conversation_timeout` (`DIALOGUE_TIMEOUT` of silence and the flow
is gone, so an abandoned "add a product" never takes tomorrow's message as a product name),
a /cancel fallback, and no flow survives another command. A child flow returns to its parent
through a continuation it is given (PTB's `map_to_parent`): "add a food, then show the meal
again" without the food module knowing the meal module. Onboarding is not a flow: its answers
are saved on the user row as they come, so a restart loses nothing.
"""

from datetime import timedelta

from telegram import Update

from bot.context import BotContext, Dialogue, Flow

# Long enough to find a tablet box and read its label; short enough that a question left open
# is not answered by an unrelated message hours later.
DIALOGUE_TIMEOUT = timedelta(minutes=15)


def start(context: BotContext, flow: Flow) -> None:
    """Make `flow` the user's dialogue, replacing any other."""
    if context.user_data is not None:
        context.user_data.dialogue = Dialogue(flow, context.now())


def current(context: BotContext) -> Flow | None:
    """Return the dialogue in progress, or None (dropping it) when it has timed out."""
    data = context.user_data
    if data is None or data.dialogue is None:
        return None
    now = context.now()
    if now - data.dialogue.touched_at > DIALOGUE_TIMEOUT:
        data.dialogue = None
        return None
    data.dialogue.touched_at = now
    return data.dialogue.flow


def end(context: BotContext) -> bool:
    """End the dialogue in progress; tell whether there was one."""
    data = context.user_data
    if data is None or data.dialogue is None:
        return False
    data.dialogue = None
    return True


async def end_on_command(update: Update, context: BotContext) -> None:
    """Drop the dialogue when the user sends any command but /cancel, which reports it itself."""
    message = update.effective_message
    command = (message.text or "").split(maxsplit=1)[0] if message is not None else ""
    if command.split("@", 1)[0].lower() != "/cancel":
        end(context)
