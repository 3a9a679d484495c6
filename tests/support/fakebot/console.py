"""A one-page web chat on the fake server, so a person can talk to the bot without Telegram.

``GET /`` serves the page; its script polls ``GET /_console/chat`` and posts what the person
types or presses. Only the standalone runner (``python -m tests.support.fakebot``) mounts it.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .objects import FakeUser, JSONDict
from .server import FakeBotApi

_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>calcibot – local chat</title>
<style>
 body{font-family:system-ui,sans-serif;max-width:42rem;margin:1rem auto;background:#eef}
 #log{background:#fff;border-radius:8px;padding:.5rem;min-height:20rem}
 .m{margin:.4rem 0;padding:.4rem .6rem;border-radius:8px;white-space:pre-wrap;max-width:85%}
 .bot{background:#f1f1f1}.me{background:#d8f5c8;margin-left:auto;text-align:right}
 .kb button,#reply button{margin:.15rem}.note{color:#666;font-size:.85rem}
 form{display:flex;gap:.3rem;margin-top:.5rem}#text{flex:1}
</style></head><body>
<h3>calcibot – local chat <span class="note" id="who"></span></h3>
<div id="log"></div><div id="reply"></div><div class="note" id="toast"></div>
<form id="f"><input id="text" autocomplete="off" placeholder="Type a message or /start">
<button>Send</button></form>
<form id="loc"><input id="lat" placeholder="latitude" size="9">
<input id="lon" placeholder="longitude" size="9"><button>Share location</button></form>
<script>
const $ = id => document.getElementById(id);
const post = (path, body) => fetch(path, {method: "POST", body: JSON.stringify(body),
  headers: {"Content-Type": "application/json"}}).then(refresh);
let shown = "";
function el(tag, cls, text) { const e = document.createElement(tag);
  if (cls) e.className = cls; if (text) e.textContent = text; return e; }
async function refresh() {
  const chat = await (await fetch("/_console/chat")).json();
  const key = JSON.stringify(chat); if (key === shown) return; shown = key;
  $("who").textContent = "you are " + chat.user + ", bot @" + chat.bot;
  const log = $("log"); log.replaceChildren();
  for (const m of chat.messages) {
    const d = el("div", "m " + (m.from_bot ? "bot" : "me"), m.text);
    if (m.file) { const a = el("a", "", "\\n📎 " + m.file.name);
      a.href = "/_console/file/" + m.file.id; d.append(a); }
    if (m.edited) d.append(el("span", "note", " (edited)"));
    const kb = el("div", "kb");
    for (const row of m.buttons) { const r = el("div");
      for (const b of row) { const btn = el("button", "", b.text);
        btn.onclick = () => b.data ? post("/_console/press", {message_id: m.id, data: b.data})
                                   : window.open(b.url);
        r.append(btn); } kb.append(r); }
    d.append(kb); log.append(d); }
  const reply = $("reply"); reply.replaceChildren();
  for (const row of chat.reply_keyboard) { const r = el("div");
    for (const label of row) { const btn = el("button", "", label);
      btn.onclick = () => post("/_console/send", {text: label}); r.append(btn); }
    reply.append(r); }
  $("toast").textContent = chat.answer ? "bot says: " + chat.answer : "";
  window.scrollTo(0, document.body.scrollHeight);
}
$("f").onsubmit = e => { e.preventDefault(); const t = $("text").value; $("text").value = "";
  if (t.trim()) post("/_console/send", {text: t}); };
$("loc").onsubmit = e => { e.preventDefault();
  post("/_console/location", {latitude: +$("lat").value, longitude: +$("lon").value}); };
setInterval(refresh, 700); refresh();
</script></body></html>
"""


def _file_of(message: JSONDict) -> JSONDict | None:
    if "document" in message:
        return {"id": message["document"]["file_id"], "name": message["document"]["file_name"]}
    if "photo" in message:
        return {"id": message["photo"][-1]["file_id"], "name": "photo"}
    return None


def _label(button: str | JSONDict) -> str:
    return button if isinstance(button, str) else str(button["text"])


def _view(message: JSONDict) -> JSONDict:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    text = message.get("text") or message.get("caption") or ""
    if "location" in message:
        text = "📍 {latitude}, {longitude}".format(**message["location"])
    return {
        "id": message["message_id"],
        "from_bot": message["from"]["is_bot"],
        "text": text,
        "edited": "edit_date" in message,
        "file": _file_of(message),
        "buttons": [
            [{"text": b["text"], "data": b.get("callback_data"), "url": b.get("url")} for b in row]
            for row in rows
        ],
    }


def install_console(fake: FakeBotApi, user: FakeUser) -> None:
    """Serve the chat page at ``/`` on ``fake``, where a person plays ``user``."""
    state = fake.state

    async def page(request: web.Request) -> web.Response:
        return web.Response(text=_PAGE, content_type="text/html")

    async def chat(request: web.Request) -> web.Response:
        history = state.chats[user.id].history
        messages = [state.messages[(user.id, i)] for i in history if (user.id, i) in state.messages]
        keyboard = state.chats[user.id].reply_keyboard or {"keyboard": []}
        answers = state.callback_answers
        return web.json_response(
            {
                "user": user.first_name,
                "bot": state.me["username"],
                "messages": [_view(m) for m in messages],
                "reply_keyboard": [[_label(b) for b in row] for row in keyboard["keyboard"]],
                "answer": answers[-1].text if answers else None,
            }
        )

    async def send(request: web.Request) -> web.Response:
        body: dict[str, Any] = await request.json()
        return web.json_response(await fake.send_text(user, str(body["text"])))

    async def press(request: web.Request) -> web.Response:
        body: dict[str, Any] = await request.json()
        try:
            query = await fake.press(user, int(body["message_id"]), str(body["data"]))
        except AssertionError as error:  # the message changed under the page; not fatal here
            raise web.HTTPConflict(text=str(error)) from error
        return web.json_response(query)

    async def location(request: web.Request) -> web.Response:
        body: dict[str, Any] = await request.json()
        message = await fake.share_location(user, float(body["latitude"]), float(body["longitude"]))
        return web.json_response(message)

    async def download(request: web.Request) -> web.Response:
        wanted = request.match_info["file_id"]
        for file in state.files:
            if file.file_id == wanted and file.content is not None:
                name = (file.filename or "file").replace('"', "")
                disposition = f'attachment; filename="{name}"'
                return web.Response(
                    body=file.content,
                    content_type=file.mime_type or "image/png",
                    headers={"Content-Disposition": disposition},
                )
        raise web.HTTPNotFound

    fake.app.router.add_get("/", page)
    fake.app.router.add_get("/_console/chat", chat)
    fake.app.router.add_post("/_console/send", send)
    fake.app.router.add_post("/_console/press", press)
    fake.app.router.add_post("/_console/location", location)
    fake.app.router.add_get("/_console/file/{file_id}", download)
