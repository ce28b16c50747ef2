#!/usr/bin/python3
"""A slixmpp peer that speaks imptech-cli's `listen` and `send --stdin` output contract, so the
chat benchmarks drive a plain XMPP client exactly like the CLI (one process per side).

  slixpeer.py --jid J --password P --port C2S --ca-file CA listen [--count N] [--timeout S]
      "ready" on stderr once online; one JSON line {"id","from","body","time"} per message
  slixpeer.py ... send TO --stdin
      one message per stdin line; one JSON line {"origin_id","sent_ms","acked_ms"} per message
      the server acknowledged (XEP-0198); exits after EOF once all are acknowledged

Stream management acks are requested once per burst of sent messages (like the CLI, which
coalesces its <r/> per event-loop turn), not once per message.

Delivery receipts (XEP-0184) as the CLI does them: the sender asks for one on every message, and
the listener answers every request. Prosody archives the receipts too, so leaving them out
would compare a CLI pair that doubles the server's work with a slixmpp pair that does not.
"""
import argparse
import asyncio
import datetime
import json
import os
import ssl
import sys
import time
import uuid
from xml.etree import ElementTree as ET

import slixmpp

RECEIPTS = "urn:xmpp:receipts"


def now_ms():
    return int(time.time() * 1000)


def out(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class Peer(slixmpp.ClientXMPP):
    def __init__(self, args):
        super().__init__(args.jid + "/bench", args.password)
        self.args = args
        ctx = ssl.create_default_context(cafile=args.ca_file)
        self.ssl_context = ctx
        self.register_plugin("xep_0198", {"window": 1 << 30, "allow_resume": False})
        self.received = 0
        self.sent = {}          # message id -> sent_ms
        self.eof = False
        self.done = asyncio.get_event_loop().create_future()
        self.ack_scheduled = False
        self.buffer = b""
        self.to = slixmpp.JID(args.to) if args.command == "send" else None   # prep once
        self.stopping = False
        self.add_event_handler("session_start", self.on_start)
        self.add_event_handler("disconnected", lambda *_: self.finish(0 if self.stopping else 1))
        self.add_event_handler("connection_failed", lambda *_: self.finish(3))
        self.add_event_handler("failed_auth", lambda *_: self.finish(5))
        if args.command == "listen":
            self.add_event_handler("message", self.on_message)
        else:
            self.add_event_handler("stanza_acked", self.on_acked)

    def finish(self, code=0):
        if not self.done.done():
            self.done.set_result(code)

    async def on_start(self, _):
        if self.args.command == "listen":
            self.send_presence()
            await self.get_roster()
            sys.stderr.write("ready\n")
            sys.stderr.flush()
            if self.args.timeout:
                asyncio.get_event_loop().call_later(self.args.timeout, self.stop)
        else:
            asyncio.get_event_loop().add_reader(sys.stdin.fileno(), self.on_stdin)

    def stop(self, code=0):
        self.stopping = True
        self.disconnect()
        self.finish(code)

    # -- listen
    def on_message(self, msg):
        if msg["type"] not in ("chat", "normal") or not msg["body"]:
            return
        request = msg.xml.find("{%s}request" % RECEIPTS)
        if request is not None and msg["id"]:
            receipt = self.make_message(mto=msg["from"], mtype=msg["type"])
            received = ET.SubElement(receipt.xml, "{%s}received" % RECEIPTS)
            received.set("id", msg["id"])
            receipt.send()
        out({"id": msg["id"], "from": msg["from"].bare, "body": msg["body"],
             "time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")})
        self.received += 1
        if self.args.count and self.received >= self.args.count:
            self.stop()

    # -- send --stdin
    def on_stdin(self):
        chunk = os.read(sys.stdin.fileno(), 65536)
        if not chunk:
            asyncio.get_event_loop().remove_reader(sys.stdin.fileno())
            self.eof = True
            self.check_done()
            return
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        for line in lines:
            text = line.decode("utf-8", "replace").strip()
            if not text:
                continue
            mid = uuid.uuid4().hex
            msg = self.make_message(mto=self.to, mbody=text, mtype="chat")
            msg["id"] = mid
            ET.SubElement(msg.xml, "{%s}request" % RECEIPTS)
            self.sent[mid] = now_ms()
            msg.send()
        if not self.ack_scheduled:
            self.ack_scheduled = True
            asyncio.get_event_loop().call_soon(self.request_ack)

    def request_ack(self):
        self.ack_scheduled = False
        self.plugin["xep_0198"].request_ack()

    def on_acked(self, stanza):
        sent = self.sent.pop(stanza["id"], None) if stanza.name == "message" else None
        if sent is not None:
            out({"origin_id": stanza["id"], "sent_ms": sent, "acked_ms": now_ms()})
        self.check_done()

    def check_done(self):
        if self.eof and not self.sent:
            self.stop()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jid", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--ca-file", required=True)
    sub = p.add_subparsers(dest="command", required=True)
    listen = sub.add_parser("listen")
    listen.add_argument("--count", type=int, default=0)
    listen.add_argument("--timeout", type=float, default=0)
    send = sub.add_parser("send")
    send.add_argument("to")
    send.add_argument("--stdin", action="store_true", required=True)
    args = p.parse_args()

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    peer = Peer(args)
    peer.connect(("127.0.0.1", args.port), force_starttls=True)
    code = loop.run_until_complete(peer.done)
    loop.run_until_complete(asyncio.sleep(0.05))
    sys.exit(code)


if __name__ == "__main__":
    main()
