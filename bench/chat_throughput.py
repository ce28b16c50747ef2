#!/usr/bin/python3
"""Chat throughput through a real Prosody: one sender, N messages as fast as the server's
acknowledgements allow, imptech-cli -> imptech-cli and slixmpp -> slixmpp.

All N lines go to `send JID --stdin` at once (after one acknowledged warm-up message);
msg/s = N / (first line written .. last message read from the receiver's `listen`).
Prints figures and the CLI/slixmpp ratio. Asserts nothing.

  /usr/bin/python3 bench/chat_throughput.py [--cli build/bin/imptech-cli] [-n 5000]
"""
import argparse
import threading
import time

import chatbench
from chatbench import Receiver, Sender, fig

PREFIX = "tp "


def measure(name, sender_peer, receiver_peer, n):
    receiver = Receiver(receiver_peer, timeout=900)
    receiver.wait_ready()
    sender = Sender(sender_peer, receiver_peer.jid)
    sender.warm_up()
    lines = ["%s%d %s" % (PREFIX, i, "x" * 40) for i in range(n)]
    t_first = time.time()

    def feed():
        sender.proc.stdin.write("\n".join(lines) + "\n")
        sender.proc.stdin.flush()
        sender.wait_acks(n + 1, timeout=600, progress=lambda: len(receiver.lines))
        sender.close(timeout=20)
    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    got = receiver.wait_for(PREFIX, n, timeout=600)
    writer.join(timeout=600)
    receiver.stop()
    fig("throughput_%s_messages_sent" % name, n, "%d")
    fig("throughput_%s_messages_received" % name, len(got), "%d")
    acked = len(sender.acks) - 1
    fig("throughput_%s_messages_acked" % name, acked, "%d")
    fig("throughput_%s_sender_exited_after_eof" % name, int(sender.exited_by_itself), "%d")
    if not got:
        return None
    t_last = got[-1][0]
    rate = len(got) / (t_last - t_first)
    fig("throughput_%s_seconds" % name, t_last - t_first, "%.2f")
    fig("throughput_%s_msg_per_s" % name, rate, "%.0f")
    if acked > 0:
        fig("throughput_%s_acked_msg_per_s" % name,
            acked / (sender.acks[-1][0] - t_first), "%.0f")
    return rate


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=chatbench.default_cli(), help="imptech-cli binary")
    ap.add_argument("-n", "--messages", type=int, default=5000)
    ap.add_argument("--skip-cli", action="store_true", help="only slixmpp -> slixmpp")
    args = ap.parse_args()

    want_cli = not args.skip_cli and chatbench.cli_has_chat_commands(args.cli)
    if not want_cli and not args.skip_cli:
        print("# imptech-cli with send/listen not found (%s); CLI half skipped" % args.cli)
    print("# %d messages, one sender, one Prosody on loopback" % args.messages)
    srv, pairs = chatbench.setup(args.cli, want_cli)
    try:
        rates = {}
        for name in ("cli", "slixmpp"):
            if name in pairs:
                a, b = pairs[name]
                rates[name] = measure(name, a, b, args.messages)
        if rates.get("cli") and rates.get("slixmpp"):
            fig("throughput_ratio_cli_over_slixmpp", rates["cli"] / rates["slixmpp"], "%.2f")
    finally:
        chatbench.teardown(srv, pairs)


if __name__ == "__main__":
    main()
