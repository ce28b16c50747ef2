#!/usr/bin/python3
"""End-to-end chat latency through a real Prosody: imptech-cli -> imptech-cli, and
slixmpp -> slixmpp for comparison.

The sender (`send JID --stdin`) gets one line every 1/RATE s carrying its send time; the
receiver (`listen`) prints each message as a JSON line, stamped when this script reads it.
Latency = read time - send time (same clock). Prints p50/p99 in ms. Asserts nothing.

  /usr/bin/python3 bench/chat_latency.py [--cli build/bin/imptech-cli] [-n 1000] [--rate 200]
"""
import argparse
import time

import chatbench
from chatbench import Receiver, Sender, fig

PREFIX = "lat "


def measure(name, sender_peer, receiver_peer, n, rate):
    receiver = Receiver(receiver_peer, timeout=max(180, n / rate * 4))
    receiver.wait_ready()
    sender = Sender(sender_peer, receiver_peer.jid)
    sender.warm_up()
    t0 = time.time()
    for i in range(n):
        delay = t0 + i / rate - time.time()
        if delay > 0:
            time.sleep(delay)
        sender.write("%s%d %.3f" % (PREFIX, i, time.time() * 1000))
    sender.wait_acks(n + 1, timeout=300, progress=lambda: len(receiver.lines))
    sender.close(timeout=20)
    got = receiver.wait_for(PREFIX, n, timeout=60)
    receiver.stop()
    latencies = [t * 1000 - float(m["body"].split()[2]) for t, m in got]
    acks = [a["acked_ms"] - a["sent_ms"] for _, a in sender.acks[1:]]
    fig("latency_%s_messages_sent" % name, n, "%d")
    fig("latency_%s_messages_acked" % name, len(sender.acks) - 1, "%d")
    fig("latency_%s_sender_exited_after_eof" % name, int(sender.exited_by_itself), "%d")
    fig("latency_%s_messages_received" % name, len(got), "%d")
    if latencies:
        p50, p99 = chatbench.summary(latencies)
        fig("latency_%s_p50_ms" % name, p50)
        fig("latency_%s_p99_ms" % name, p99)
        fig("latency_%s_max_ms" % name, max(latencies))
    if acks:
        p50, p99 = chatbench.summary(acks)
        fig("latency_%s_server_ack_p50_ms" % name, p50)
        fig("latency_%s_server_ack_p99_ms" % name, p99)
    return latencies


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=chatbench.default_cli(), help="imptech-cli binary")
    ap.add_argument("-n", "--messages", type=int, default=1000)
    ap.add_argument("--rate", type=float, default=200.0, help="messages per second")
    ap.add_argument("--skip-cli", action="store_true", help="only slixmpp -> slixmpp")
    args = ap.parse_args()

    want_cli = not args.skip_cli and chatbench.cli_has_chat_commands(args.cli)
    if not want_cli and not args.skip_cli:
        print("# imptech-cli with send/listen not found (%s); CLI half skipped" % args.cli)
    print("# %d messages at %.0f/s, one Prosody on loopback" % (args.messages, args.rate))
    srv, pairs = chatbench.setup(args.cli, want_cli)
    try:
        results = {}
        for name in ("cli", "slixmpp"):
            if name in pairs:
                a, b = pairs[name]
                results[name] = measure(name, a, b, args.messages, args.rate)
        if results.get("cli") and results.get("slixmpp"):
            fig("latency_p50_ratio_cli_over_slixmpp",
                chatbench.summary(results["cli"])[0] / chatbench.summary(results["slixmpp"])[0], "%.2f")
    finally:
        chatbench.teardown(srv, pairs)


if __name__ == "__main__":
    main()
