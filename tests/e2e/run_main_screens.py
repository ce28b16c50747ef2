#!/usr/bin/env python3
"""Runs the main-screens journey (MainScreensJourneyTest) against a real Prosody with real
XMPP peers (slixmpp bots with nicknames), and serves the test's peer commands.

The test asks for peer actions on its stdout as `@@peer {json}` lines; each answer is one JSON
line on its stdin. Everything else the test prints is passed through.
"""
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "server", "fixture"))
sys.path.insert(0, os.path.join(HERE, "..", "integration", "server"))
sys.path.insert(0, os.path.join(HERE, "..", "integration", "chat"))
sys.path.insert(0, os.path.join(HERE, "..", "integration", "groups"))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
os.environ.setdefault("IMP_CLI", "/nonexistent")  # chatpeers reads it; the bots do not use it

from impserver import ImpServer  # noqa: E402
import imphelpers  # noqa: E402
import chathelpers  # noqa: E402
from chatpeers import CHATSTATES  # noqa: E402
from grouppeers import GroupBot as Bot  # noqa: E402
from virtual_audio import VirtualAudio  # noqa: E402
import test_attachments as media  # noqa: E402

DIR_NS = "urn:imptech:directory:0"
# Latin, Chinese (pinyin order), accented Latin and Arabic names, as a real list has them.
PEERS = ["张伟", "Bob Smith", "Émilie", "محمد", "陈静", "王芳", "alice"]


def presence_with_nick(bot, to, ptype, nickname, status=None):
    """Presence as an IMpTech client sends it: friend requests carry the nickname (XEP-0172)."""
    def go():
        p = bot.xmpp.make_presence(pto=to, ptype=ptype, pstatus=status)
        nick = ET.Element("{http://jabber.org/protocol/nick}nick")
        nick.text = nickname
        p.xml.append(nick)
        p.send()
    bot.later(go)


def trace(what):
    sys.stderr.write("%s run_main_screens: %s\n" % (time.strftime("%H:%M:%S"), what))
    sys.stderr.flush()


def make_peer(srv, nickname):
    acc = imphelpers.signup(srv)
    bot = Bot(srv, acc["jid"], acc["password"])
    bot.imptech_id = acc["imptech_id"]
    assert bot.connect(), "peer could not log in"

    async def set_nick():
        iq = bot.xmpp.make_iq_set(ito=srv.domain)
        iq.xml.append(ET.Element("{%s}profile" % DIR_NS, nickname=nickname))
        await iq.send(timeout=10)
    bot.call(set_nick)
    bot.nickname = nickname
    return bot


def send_voice(srv, bot, to, seconds):
    import tempfile
    import urllib.request
    import uuid
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "v.opus")
        subprocess.run(["gst-launch-1.0", "-q", "audiotestsrc", "wave=pink-noise",
                        "num-buffers=%d" % (seconds * 48000 // 1024), "!", "audio/x-raw,rate=48000",
                        "!", "audioconvert", "!", "opusenc", "!", "oggmux", "!", "filesink",
                        "location=" + path], check=True, capture_output=True)
        data = open(path, "rb").read()
    up = "urn:xmpp:http:upload:0"

    async def slot():
        iq = bot.xmpp.make_iq_get(ito="upload." + srv.domain)
        req = ET.SubElement(iq.xml, "{%s}request" % up, filename="voice.opus", size=str(len(data)))
        req.set("content-type", "audio/ogg")
        return await iq.send(timeout=15)
    s = bot.call(slot).xml.find("{%s}slot" % up)
    put = s.find("{%s}put" % up)
    headers = {h.get("name"): h.text for h in put.findall("{%s}header" % up)}
    headers["Content-Type"] = "audio/ogg"
    ctx = imphelpers.ssl_context(srv)
    urllib.request.urlopen(urllib.request.Request(put.get("url"), data=data, method="PUT",
                                                  headers=headers), context=ctx).read()
    url = s.find("{%s}get" % up).get("url")
    mid = str(uuid.uuid4())

    def go():
        m = bot.xmpp.make_message(mto=to, mbody=url, mtype="chat")
        m["id"] = mid
        x = ET.SubElement(m.xml, "{jabber:x:oob}x")
        ET.SubElement(x, "{jabber:x:oob}url").text = url
        m.send()
    bot.later(go)
    return mid


def send_photo(srv, bot, to, width, height):
    """A photo the way Conversations sends one: a PNG upload, the URL as the body and in OOB."""
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "sunset.png")
        media.write_png(path, width, height)
        data = open(path, "rb").read()
    url = media.bot_upload(srv, bot, data, "sunset.png", "image/png")
    media.send_like_conversations(bot, to, url)
    return {}


def file_received(srv, bot, sender, count, canary, timeout=30, keep_data=False):
    """The `count`-th attachment from `sender`, fetched: its hash, what it says it is, and
    whether `canary` (a photo's place, say) is anywhere in its bytes."""
    import hashlib
    got = bot.wait(lambda: len(media.attachment_messages(bot, sender)) >= count, timeout)
    notes = media.attachment_messages(bot, sender)
    if not got:
        return {"count": len(notes)}
    msg = notes[count - 1]
    data = media.https_get(srv, media.oob_url(msg))
    meta = msg["xml"].find(".//{%s}file" % media.FILE_META)

    def declared(name):
        el = meta.find("{%s}%s" % (media.FILE_META, name)) if meta is not None else None
        return int(el.text) if el is not None and el.text and el.text.isdigit() else 0
    return {"count": len(notes), "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "width": declared("width"), "height": declared("height"),
            "declared_sha256": media.declared_sha256(msg), "jpeg": data[:3] == b"\xff\xd8\xff",
            "canary": canary.encode() in data if canary else False,
            **({"data": data} if keep_data else {})}


def voice_received(srv, bot, sender, count):
    """file_received for a voice note, with its length from the Ogg headers."""
    got = file_received(srv, bot, sender, count, "", keep_data=True)
    data = got.pop("data", None)
    if data is not None:
        got["seconds"] = media.ogg_opus_seconds(data)
    return got


def main():
    binary = sys.argv[1]
    # A private sound server: the app's microphone hears what is played into its speaker.
    with ImpServer(resend_interval=1, quota_per_ip=1000, verify_quota_per_ip=1000,
                   quota_per_install=1000) as srv, VirtualAudio() as audio:
        bots = {name: make_peer(srv, name) for name in PEERS}
        env = dict(audio.environ(),
                   IMP_TEST_SERVER=f"localhost:{srv.https_port}",
                   IMP_TEST_CA=str(srv.ca_file),
                   IMP_TEST_SMS_FILE=str(srv.sms_file))
        proc = subprocess.Popen([binary] + sys.argv[2:], env=env, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, bufsize=1)

        given = {}  # seq -> answer: a repeated command gets the same answer, done once

        def answer(obj):
            obj["seq"] = seq
            given[seq] = obj
            proc.stdin.write(json.dumps(obj, ensure_ascii=False) + "\n")
            proc.stdin.flush()
            trace("answered %d" % seq)

        verdicts = []  # QtTest's failure lines, repeated at the end where a cut log keeps them
        for line in proc.stdout:
            at = line.find("@@peer ")
            if at != 0:
                # Other output; a command may follow text another thread left unfinished.
                sys.stdout.write(line if at < 0 else line[:at] + "\n")
                sys.stdout.flush()
                if line.startswith(("FAIL!", "   Loc:", "QFATAL", "QWARN", "Totals:")):
                    verdicts.append(line)
                if at < 0:
                    continue
            try:
                cmd = json.loads(line[at + len("@@peer "):])
            except ValueError:
                trace("unreadable command, the test will ask again: %r" % line[:200])
                continue
            op, seq = cmd["op"], cmd.get("seq", 0)
            trace("got %d %s %s" % (seq, op, cmd.get("peer", "")))
            if seq in given:
                answer(given[seq])
                continue
            bot = bots.get(cmd.get("peer", ""))
            to = cmd.get("to")
            try:
                if op == "list":
                    answer({name: {"jid": b.jid, "id": b.imptech_id} for name, b in bots.items()})
                elif op == "request":
                    presence_with_nick(bot, to, "subscribe", bot.nickname, cmd.get("text"))
                    answer({})
                elif op == "approve":
                    # The app accepted their request and asked back: they approve it.
                    ok = bot.wait(lambda: any(p["type"] == "subscribe" and p["from"] == to
                                              for p in bot.presences), 15)
                    bot.presence(to, "subscribed")
                    answer({"ok": ok})
                elif op == "accept":
                    # We asked them (AddFriendPage): they accept and ask back.
                    ok = bot.wait(lambda: any(p["type"] == "subscribe" and p["from"] == to
                                              for p in bot.presences), 15)
                    bot.presence(to, "subscribed")
                    presence_with_nick(bot, to, "subscribe", bot.nickname)
                    answer({"ok": ok})
                elif op == "send":
                    answer({"id": bot.send(to, cmd["text"])})
                elif op == "retract":
                    bot.retract(to, cmd["id"])
                    answer({})
                elif op == "typing":
                    bot.send_raw(to, [ET.Element("{%s}composing" % CHATSTATES)])
                    answer({})
                elif op == "read":
                    # Read markers for everything they got from `to`.
                    got = [m for m in bot.bodies_from(to) if m["id"]]
                    ok = bot.wait(lambda: len(bot.bodies_from(to)) >= cmd.get("count", 1), 15)
                    got = [m for m in bot.bodies_from(to) if m["id"]]
                    if got:
                        bot.displayed(to, got[-1]["id"])
                    answer({"ok": ok and bool(got)})
                elif op == "reports":
                    # What the server kept of the app user's reports (mod_imptech_report).
                    rec = chathelpers.read_store(srv, "imptech_reports", to.split("@")[0])
                    answer({"reports": (rec or {}).get("reports", [])})
                elif op == "voice":
                    # A voice note the way Conversations sends one: an upload, then the URL as
                    # the body and in OOB (the app fetches it, checks it and shows it).
                    answer({"id": send_voice(srv, bot, to, cmd.get("seconds", 6))})
                elif op == "tone":
                    # Someone speaks near the microphone (a sine into the sink), or stops.
                    if cmd.get("on"):
                        audio.tone(cmd.get("hz", 440))
                    else:
                        audio.stop_tones()
                    answer({})
                elif op == "sink_inputs":
                    # Streams playing into the speaker now: the app's player while it plays.
                    answer({"streams": len(audio.sink_inputs())})
                elif op == "photo":
                    answer(send_photo(srv, bot, to, cmd.get("width", 640), cmd.get("height", 480)))
                elif op == "file_received":
                    answer(file_received(srv, bot, to, cmd.get("count", 1), cmd.get("canary", "")))
                elif op == "voice_received":
                    answer(voice_received(srv, bot, to, cmd.get("count", 1)))
                elif op == "group_join":
                    # Invited by the app user (a mediated invitation made them a member): they
                    # join the room the way any XEP-0045 client does.
                    room = cmd["room"]
                    ok = bot.wait(lambda: room in bot.invitations(), 20)
                    bot.join(room, bot.nickname)
                    answer({"ok": ok})
                elif op == "group_say":
                    answer({"id": bot.say(cmd["room"], cmd["text"])})
                elif op == "group_heard":
                    # What they got from the room: (nick, body) in order.
                    room = cmd["room"]
                    bot.wait_groupchat(room, cmd.get("count", 1), 30)
                    answer({"messages": [[n, b] for n, b, _ in bot.groupchat(room)]})
                elif op == "group_create":
                    # Their own group, with the app user invited.
                    room = bot.create(bot.nickname)
                    time.sleep(0.5)
                    bot.invite(room, to)
                    answer({"room": room})
                elif op == "group_affiliated":
                    answer({"jids": bot.affiliated(cmd["room"], cmd["affiliation"])})
                elif op == "receipts":
                    bot.auto_receipts = bool(cmd["on"])
                    answer({})
                else:
                    answer({"error": "unknown op " + op})
            except Exception as e:  # noqa: BLE001 - reported to the test, which fails on it
                answer({"error": repr(e)})
        rc = proc.wait()
        for b in bots.values():
            b.disconnect()
    sys.stdout.write("--- journey verdict (exit %d) ---\n%s" % (rc, "".join(verdicts)))
    sys.stdout.flush()
    sys.stderr.flush()
    # The server is stopped; skip interpreter teardown, where the bots' stopped event loops only
    # print noise.
    os._exit(1 if rc else 0)


if __name__ == "__main__":
    main()
