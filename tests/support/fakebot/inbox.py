"""Reading what the bot did: messages, edits, callback answers, files, commands."""

# The public waits take ``timeout=`` on purpose: tests read "wait_for_message(chat, timeout=2)".
# ruff: noqa: ASYNC109

from __future__ import annotations

from collections.abc import Callable

from .objects import BotMessage, CallbackAnswer, JSONDict, UploadedFile
from .state import BotState

_SENDS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
DEFAULT_TIMEOUT = 5.0


def _describe(index: int, entry: BotMessage, consumed: bool) -> str:
    text = (entry.text or "")[:80]
    buttons = f" buttons={entry.button_texts}" if entry.inline_keyboard else ""
    seen = " (already consumed)" if consumed else ""
    return f"  [{index}] {entry.method} #{entry.message_id}: {text!r}{buttons}{seen}"


class Inbox:
    """Assertions on the bot's output, as methods on ``FakeBotApi``."""

    state: BotState

    def sent(self, chat_id: int) -> list[BotMessage]:
        """Return every message the bot sent to ``chat_id`` (as sent, before edits)."""
        return [e for e in self.state.bot_log if e.chat_id == chat_id and e.method in _SENDS]

    def edits(self, chat_id: int, message_id: int | None = None) -> list[BotMessage]:
        """Return every edit the bot made in ``chat_id`` (of one message, if given)."""
        return [
            e
            for e in self.state.bot_log
            if e.chat_id == chat_id
            and e.method not in _SENDS
            and message_id in (None, e.message_id)
        ]

    def current(self, chat_id: int, message_id: int) -> JSONDict | None:
        """Return a message as the user sees it now (after edits), or None when deleted."""
        return self.state.messages.get((chat_id, message_id))

    async def wait_until(
        self, condition: Callable[[], bool], *, timeout: float = DEFAULT_TIMEOUT, what: str = ""
    ) -> None:
        """Wait for any condition on the fake's state, failing the test after ``timeout``."""
        if not await self.state.changes.wait_until(condition, timeout):
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")

    async def _take(
        self, chat_id: int, accept: Callable[[BotMessage], bool], timeout: float, what: str
    ) -> BotMessage:
        log, consumed = self.state.bot_log, self.state.consumed

        def first_match() -> int | None:
            return next(
                (
                    i
                    for i, e in enumerate(log)
                    if i not in consumed and e.chat_id == chat_id and accept(e)
                ),
                None,
            )

        if not await self.state.changes.wait_until(lambda: first_match() is not None, timeout):
            raise AssertionError(self._report(chat_id, f"no {what} within {timeout} s"))
        index = first_match()
        assert index is not None
        consumed.add(index)
        return log[index]

    def _report(self, chat_id: int, headline: str) -> str:
        lines = [f"{headline} in chat {chat_id}; the bot did there:"]
        lines += [
            _describe(i, e, i in self.state.consumed)
            for i, e in enumerate(self.state.bot_log)
            if e.chat_id == chat_id
        ] or ["  nothing"]
        if self.state.api_errors:
            lines.append("API calls refused meanwhile:")
            lines += [f"  {m} → {s} {d}" for m, s, d in self.state.api_errors[-10:]]
        return "\n".join(lines)

    async def wait_for_message(
        self,
        chat_id: int,
        *,
        predicate: Callable[[BotMessage], bool] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> BotMessage:
        """Return the earliest message to ``chat_id`` (matching ``predicate``) not yet returned.

        Each message is returned at most once, so consecutive waits walk through a conversation.
        """
        return await self._take(
            chat_id,
            lambda e: e.method in _SENDS and (predicate is None or predicate(e)),
            timeout,
            "new message" + (" matching the predicate" if predicate else ""),
        )

    async def wait_for_edit(
        self,
        chat_id: int,
        message_id: int,
        *,
        predicate: Callable[[BotMessage], bool] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> BotMessage:
        """Return the earliest not-yet-returned edit of that message (text or keyboard)."""
        return await self._take(
            chat_id,
            lambda e: (
                e.method not in _SENDS
                and e.message_id == message_id
                and (predicate is None or predicate(e))
            ),
            timeout,
            f"edit of message #{message_id}",
        )

    async def expect_no_message(self, chat_id: int, *, within: float = 0.3) -> None:
        """Fail if the bot sends ``chat_id`` a message not yet returned within ``within`` s."""
        try:
            extra = await self.wait_for_message(chat_id, timeout=within)
        except AssertionError:
            return
        raise AssertionError(self._report(chat_id, f"unexpected message {extra.text!r}"))

    @property
    def api_errors(self) -> list[tuple[str, int, str]]:
        """Every refused call as (method, HTTP status, Telegram's description), in order."""
        return list(self.state.api_errors)

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """Every answerCallbackQuery the bot made, in order."""
        return list(self.state.callback_answers)

    async def wait_for_callback_answer(
        self, query: JSONDict | str, *, timeout: float = DEFAULT_TIMEOUT
    ) -> CallbackAnswer:
        """Wait until the bot answers the callback query (the dict ``press`` returned, or id)."""
        query_id = query if isinstance(query, str) else str(query["id"])

        def answer() -> CallbackAnswer | None:
            return next((a for a in self.state.callback_answers if a.query_id == query_id), None)

        await self.wait_until(
            lambda: answer() is not None,
            timeout=timeout,
            what=f"an answer to callback query {query_id}",
        )
        found = answer()
        assert found is not None
        return found

    @property
    def commands(self) -> list[JSONDict]:
        """The default command list set with setMyCommands (no scope, no language)."""
        return self.commands_for()

    def commands_for(
        self, scope: JSONDict | None = None, language_code: str | None = None
    ) -> list[JSONDict]:
        """The command list for one scope and language."""
        return self.state.commands.get(self.state.command_key(scope, language_code), [])

    def photos(self, chat_id: int | None = None) -> list[UploadedFile]:
        """Photos the bot sent (to one chat, if given)."""
        return [f for f in self.state.files if f.kind == "photo" and chat_id in (None, f.chat_id)]

    def documents(self, chat_id: int | None = None) -> list[UploadedFile]:
        """Documents the bot sent (to one chat, if given)."""
        return [
            f for f in self.state.files if f.kind == "document" and chat_id in (None, f.chat_id)
        ]

    def chat_actions(self, chat_id: int) -> list[str]:
        """Chat actions ("typing" …) the bot showed in ``chat_id``."""
        return [action for chat, action in self.state.chat_actions if chat == chat_id]

    def deleted(self, chat_id: int) -> list[int]:
        """Ids of messages the bot deleted in ``chat_id``."""
        return [message_id for chat, message_id in self.state.deleted if chat == chat_id]
