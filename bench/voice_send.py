#!/usr/bin/python3
"""Release to the peer's receipt for a 10-second voice note on loopback, side by side.

  IMP_CLI=build/src/app/imptech-cli /usr/bin/python3 bench/voice_send.py [--runs 5]

One throwaway Prosody; the receiver is a slixmpp client (tests/integration/chat/chatpeers.Bot)
that answers XEP-0184 receipts, so the figure ends when the receipt is sent.
- imptech-cli: `send-voice JID ten.wav` (encode with libopusenc, seal, XEP-0363 slot, HTTPS PUT
  from the sealed copy, the message) to the moment the receiver has the message. The CLI's own
  start-up and login are in it too, so `send JID text` is timed the same way and subtracted:
  `voice_extra_ms_cli` is what the note costs over a text message.
- slixmpp: the same Ogg bytes (encoded beforehand, so encoding is not in it) uploaded by a
  connected slixmpp client (slot + PUT) and sent, to the receiver having it.
Medians of --runs; prints `name value`; asserts nothing.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for sub in ("server/fixture", "tests/integration/server", "tests/integration/chat"):
    sys.path.insert(0, str(ROOT / sub))
os.environ.setdefault("IMP_CLI", str(ROOT / "build" / "src" / "app" / "imptech-cli"))

from impserver import ImpServer  # noqa: E402
from chatpeers import Profile, make_friends  # noqa: E402
from test_chat import new_bot  # noqa: E402
import test_attachments as media  # noqa: E402


def ten_second_wav(path):
    media.speech_wav(path)  # a few seconds of espeak-ng speech, 48 kHz mono
    longer = path + ".10s.wav"
    subprocess.run(["sox", path, longer, "repeat", "5", "trim", "0", "10"], check=True)
    os.replace(longer, path)


def arrived(bot, sender, before, timeout=60):
    ok = bot.wait(lambda: len([m for m in bot.messages if m["from"].split("/")[0] == sender
                               and m["body"]]) > before, timeout)
    return time.monotonic() if ok else None


def count_from(bot, sender):
    return len([m for m in bot.messages if m["from"].split("/")[0] == sender and m["body"]])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    srv = ImpServer(resend_interval=1, quota_per_ip=1000, verify_quota_per_ip=1000,
                    quota_per_install=1000).start()
    work = tempfile.TemporaryDirectory()
    prof = tempfile.TemporaryDirectory()
    try:
        wav = os.path.join(work.name, "ten.wav")
        ten_second_wav(wav)
        ogg = os.path.join(work.name, "ten.ogg")
        subprocess.run(["gst-launch-1.0", "-q", "filesrc", "location=" + wav, "!", "wavparse",
                        "!", "audioconvert", "!", "opusenc", "bitrate=24000", "frame-size=20",
                        "!", "oggmux", "!", "filesink", "location=" + ogg], check=True)
        data = open(ogg, "rb").read()

        me = Profile(srv, prof.name).register()
        bob = new_bot(srv)
        make_friends(me, bob)
        sender = new_bot(srv)

        cli_voice, cli_text, slix = [], [], []
        for _ in range(args.runs):
            before = count_from(bob, me.jid)
            t0 = time.monotonic()
            me.run("send", bob.jid, "ping")
            t1 = arrived(bob, me.jid, before)
            cli_text.append((t1 - t0) * 1000)

            before = count_from(bob, me.jid)
            t0 = time.monotonic()
            me.run("send-voice", bob.jid, wav)
            t1 = arrived(bob, me.jid, before)
            cli_voice.append((t1 - t0) * 1000)

            before = count_from(bob, sender.jid)
            t0 = time.monotonic()
            url = media.bot_upload(srv, sender, data, "voice.opus", "audio/ogg")

            def go(url=url):
                m = sender.xmpp.make_message(mto=bob.jid, mbody=url, mtype="chat")
                m["id"] = str(uuid.uuid4())
                x = ET.SubElement(m.xml, "{jabber:x:oob}x")
                ET.SubElement(x, "{jabber:x:oob}url").text = url
                m.send()
            sender.later(go)
            t1 = arrived(bob, sender.jid, before)
            slix.append((t1 - t0) * 1000)

        med = statistics.median
        print("voice_note_bytes %d" % len(data))
        print("release_to_receipt_ms_cli %.0f" % med(cli_voice))
        print("text_to_receipt_ms_cli %.0f" % med(cli_text))
        print("voice_extra_ms_cli %.0f" % (med(cli_voice) - med(cli_text)))
        print("release_to_receipt_ms_slixmpp %.0f" % med(slix))
        print("voice_extra_ratio_cli_over_slixmpp %.2f" %
              ((med(cli_voice) - med(cli_text)) / max(med(slix), 0.1)))
        bob.disconnect()
        sender.disconnect()
    finally:
        srv.stop()
        srv.cleanup()
        work.cleanup()
        prof.cleanup()
    os._exit(0)


if __name__ == "__main__":
    main()
