#!/usr/bin/python3
"""Group chat figures (issue 11), imptech-cli beside a slixmpp client in the same run:

- rejoin: 20 groups, 100 messages missed in each; time from starting `imptech-cli groups`
  (connect, read the bookmarks, join each room, read each room's archive from our position,
  store) until every group is ready, against a slixmpp client that joins the same 20 rooms
  and reads the same 100 messages of each from the room archives (no storing);
- ingest: a new phone reads a group's 5,000 messages (`group-history` on a fresh profile),
  against slixmpp reading the same 5,000 from the room's archive.

Asserts nothing; prints `name value` lines and the ratios.
"""
import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for p in ("server/fixture", "tests/integration/server", "tests/integration/chat",
          "tests/integration/groups"):
    sys.path.insert(0, os.path.join(ROOT, p))

parser = argparse.ArgumentParser()
parser.add_argument("--cli", default=os.environ.get("IMP_CLI",
                                                    os.path.join(ROOT, "build/src/app/imptech-cli")))
parser.add_argument("--groups", type=int, default=20)
parser.add_argument("--missed", type=int, default=100)
parser.add_argument("--catch-up", type=int, default=5000)
args = parser.parse_args()
os.environ["IMP_CLI"] = args.cli

from impserver import ImpServer  # noqa: E402
import imphelpers  # noqa: E402
from chatpeers import Profile  # noqa: E402
from grouppeers import GroupBot, MUC  # noqa: E402

MAM = "urn:xmpp:mam:2"


def new_bot(srv):
    acc = imphelpers.signup(srv)
    bot = GroupBot(srv, acc["jid"], acc["password"])
    assert bot.connect()
    return bot, acc


def mam_read_all(bot, room):
    """Pages of 250 through the room's archive, as a client catching up would."""
    got, after = 0, None

    async def page(after):
        iq = bot.xmpp.make_iq_set(ito=room)
        q = ET.SubElement(iq.xml, "{%s}query" % MAM, queryid="q")
        s = ET.SubElement(q, "{http://jabber.org/protocol/rsm}set")
        ET.SubElement(s, "{http://jabber.org/protocol/rsm}max").text = "250"
        if after:
            ET.SubElement(s, "{http://jabber.org/protocol/rsm}after").text = after
        r = await iq.send(timeout=60)
        fin = r.xml.find("{%s}fin" % MAM)
        last = fin.find(".//{http://jabber.org/protocol/rsm}last")
        count = len(fin.findall(".//{http://jabber.org/protocol/rsm}last"))
        return fin.get("complete") == "true", (last.text if last is not None else None), count

    before = len(bot.messages)
    while True:
        complete, after, _ = bot.call(page, after, timeout=90)
        if complete or after is None:
            break
    return len(bot.messages) - before


srv = ImpServer(resend_interval=1, quota_per_ip=1000, verify_quota_per_ip=1000, quota_per_install=1000).start()
try:
    with tempfile.TemporaryDirectory() as d:
        me = Profile(srv, d).register()
        writer, _ = new_bot(srv)
        reader, reader_acc = new_bot(srv)
        rooms = []
        for i in range(args.groups):
            r = me.run("group-create", "bench %d" % i, writer.jid, reader.jid, "--wait", "60")
            rooms.append(r.stdout.strip().splitlines()[-1].split('"room":"')[1].split('"')[0])
        for room in rooms:
            writer.join(room, "writer")
        for room in rooms:
            for n in range(args.missed):
                writer.say(room, "missed %d" % n)
        writer.drain(120)
        t0 = time.time()
        r = me.run("groups", "--wait", "120")
        cli_rejoin = time.time() - t0
        ready = r.stdout.count('"state":"ready"')
        t0 = time.time()
        for room in rooms:
            reader.join(room, "reader")
            mam_read_all(reader, room)
        peer_rejoin = time.time() - t0
        print("rejoin_groups %d" % args.groups)
        print("rejoin_ready_cli %d" % ready)
        print("rejoin_cli_s %.2f" % cli_rejoin)
        print("rejoin_slixmpp_s %.2f" % peer_rejoin)
        print("rejoin_ratio_cli_over_slixmpp %.2f" % (cli_rejoin / peer_rejoin))

        big = rooms[0]
        for n in range(args.catch_up):
            writer.say(big, "big %04d" % n)
        writer.drain(300)
        with tempfile.TemporaryDirectory() as d2:
            phone = Profile(srv, d2, phone=me.phone).register()
            t0 = time.time()
            r = phone.run("group-history", big, "--limit", "100000", "--wait", "300")
            cli_ingest = time.time() - t0
            got = sum(1 for l in r.stdout.splitlines() if l.startswith("{"))
        t0 = time.time()
        peer_got = mam_read_all(reader, big)
        peer_ingest = time.time() - t0
        print("ingest_cli_messages %d" % got)
        print("ingest_cli_msg_per_s %.0f" % (got / cli_ingest))
        print("ingest_slixmpp_messages %d" % peer_got)
        print("ingest_slixmpp_msg_per_s %.0f" % (peer_got / peer_ingest))
        print("ingest_ratio_cli_over_slixmpp %.2f" % ((got / cli_ingest) / (peer_got / peer_ingest)))
        writer.disconnect()
        reader.disconnect()
finally:
    srv.stop()
    srv.cleanup()
