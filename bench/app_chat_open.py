#!/usr/bin/python3
"""The whole app with a 100k-message chat open: RSS at home and with the chat open, tap to
first page, and ten pages of scroll-back.

Starts a throwaway Prosody, registers a profile through imptech-cli, makes it friends with a
second one, then runs bench_app_chat_open, which seeds the conversation into the encrypted
store and drives the real AppShell offscreen. Asserts nothing.

  /usr/bin/python3 bench/app_chat_open.py build/bench/bench_app_chat_open [-n 100000]
"""
import argparse
import os
import subprocess

import chatbench
from chatbench import CliPeer, ImpServer, make_cli_friends


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--cli", default=chatbench.default_cli())
    ap.add_argument("-n", type=int, default=100000)
    args = ap.parse_args()
    with ImpServer(resend_interval=1, quota_per_ip=1000) as srv:
        me, friend = CliPeer(args.cli, srv, "me").signup(), CliPeer(args.cli, srv, "friend").signup()
        try:
            make_cli_friends(me, friend)
            env = dict(chatbench.ENV, QT_QUICK_BACKEND="software")
            r = subprocess.run([args.binary, me.dir, me.jid, friend.jid, str(args.n),
                                "localhost:%d" % srv.https_port, str(srv.ca_file)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               timeout=1800)
            print(r.stdout, end="", flush=True)
            if r.returncode != 0:
                print(r.stderr[-3000:])
                raise SystemExit(r.returncode)
        finally:
            me.cleanup()
            friend.cleanup()


if __name__ == "__main__":
    main()
