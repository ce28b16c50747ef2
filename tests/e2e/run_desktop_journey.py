#!/usr/bin/python3
"""Runs DesktopJourneyTest: a real Prosody, a private D-Bus session with a notification daemon
of the test's own (fake_notifications.py, recording what it is sent), an account made with
imptech-cli and a slixmpp friend. The test asks for the friend's messages with `@@send TEXT`
lines on its stdout; each is answered with `ok` on its stdin once sent.

usage: run_desktop_journey.py TEST_BINARY   (IMP_CLI: imptech-cli)
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "server", "fixture"))
sys.path.insert(0, os.path.join(HERE, "..", "integration", "server"))
sys.path.insert(0, os.path.join(HERE, "..", "integration", "chat"))

from impserver import ImpServer  # noqa: E402
import imphelpers  # noqa: E402
from chatpeers import Bot, Profile, make_friends  # noqa: E402


def start_bus():
    proc = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile",
                             "--print-address=1"], stdout=subprocess.PIPE, text=True)
    address = proc.stdout.readline().strip()
    assert address, "dbus-daemon gave no address"
    return proc, address


def check(ok, what, detail=""):
    print(("PASS   : " if ok else "FAIL!  : ") + "one program per profile: " + what)
    if not ok:
        print(detail[-3000:])
    return ok


def wait_line(stream, text):
    """Reads `stream` until a line contains `text`; False if it ended first."""
    return any(text in line for line in stream)


def one_program_per_profile(srv, me, tmp):
    """A second launch raises the first; the app and the CLI never share a profile."""
    app = os.environ["IMP_APP"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    base = [app, "--data-dir", me.dir, "--server", f"localhost:{srv.https_port}",
            "--ca-file", str(srv.ca_file)]
    ok = True
    # The CLI holds the profile: the app says so (the screenshot shows the page), the CLI too.
    listener = me.popen("listen", "--timeout", "60")
    try:
        wait_line(listener.stderr, "ready")
        for lang in ("zh_CN", "en"):
            for size in ("390x844", "1280x800"):
                shot = os.path.join(os.environ.get("IMP_SCREENSHOT_DIR") or tmp,
                                    f"{lang}-{size}-d03-profile-in-use.png")
                r = subprocess.run(base + ["--lang", lang, "--screenshot", shot, "--size", size],
                                   env=env, capture_output=True, text=True, timeout=60)
                ok &= check(r.returncode == 0 and "profile.in_use" in r.stderr,
                            f"the app on a profile the CLI holds shows why ({lang} {size})",
                            r.stderr)
        r = me.run("whoami", check=False)
        ok &= check(r.returncode == 8 and "in use by imptech-cli" in r.stderr,
                    "a second CLI is refused with exit 8", r.stderr)
    finally:
        listener.terminate()
        listener.wait(10)
    # The app runs: a second launch brings it to the front and exits; the CLI is refused.
    first = subprocess.Popen(base + ["--lang", "en"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        ok &= check(wait_line(first.stderr, "chats: services started"),
                    "the app starts on the profile")
        r = subprocess.run(base, env=env, capture_output=True, text=True, timeout=20)
        ok &= check(r.returncode == 0 and "already running" in r.stdout,
                    "a second launch exits at once", r.stdout + r.stderr)
        ok &= check(wait_line(first.stderr, "a second launch asked for the window"),
                    "the running app was asked to raise its window")
        r = me.run("whoami", check=False)
        ok &= check(r.returncode == 8 and "in use by imptech" in r.stderr,
                    "the CLI on a profile the app holds is refused", r.stderr)
    finally:
        first.terminate()
        first.wait(10)
    return 0 if ok else 1


def main():
    binary = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="imp-desktop-")
    procs = []
    try:
        bus, address = start_bus()
        procs.append(bus)
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        log = os.path.join(tmp, "notifications.jsonl")
        daemon = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "fake_notifications.py"),
                                   log], stdout=subprocess.PIPE, text=True)
        procs.append(daemon)
        assert daemon.stdout.readline().strip() == "ready", "notification daemon did not start"
        with ImpServer(resend_interval=1) as srv:
            me = Profile(srv, os.path.join(tmp, "me")).register()
            acc = imphelpers.signup(srv)
            friend = Bot(srv, acc["jid"], acc["password"])
            friend.imptech_id = acc["imptech_id"]
            assert friend.connect(), "friend could not log in"
            make_friends(me, friend)
            env = dict(os.environ, IMP_TEST_DATA_DIR=me.dir,
                       IMP_TEST_SERVER=f"localhost:{srv.https_port}", IMP_TEST_CA=str(srv.ca_file),
                       IMP_TEST_PEER=friend.jid, IMP_TEST_NOTIFY_LOG=log)
            test = subprocess.Popen([binary], env=env, stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True, bufsize=1)
            for line in test.stdout:
                if line.startswith("@@send "):
                    friend.send(me.jid, line[len("@@send "):].rstrip("\n"))
                    test.stdin.write("ok\n")
                    test.stdin.flush()
                else:
                    sys.stdout.write(line)
            rc = test.wait(timeout=60)
            friend.disconnect()
            if rc == 0:
                rc = one_program_per_profile(srv, me, tmp)
        return rc
    finally:
        for p in procs:
            p.terminate()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
