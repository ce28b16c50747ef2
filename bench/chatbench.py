"""Shared scaffolding for bench/chat_latency.py and bench/chat_throughput.py.

Starts a throwaway ImpServer (server/fixture/impserver.py), makes two imptech-cli profiles
that are friends, or two plain accounts driven by bench/slixpeer.py, and runs one sender
(`send JID --stdin`) against one receiver (`listen --count N`). Both kinds of peer speak the
same JSON-lines contract, so the measuring code is the same for both.
"""
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server" / "fixture"))
sys.path.insert(0, str(ROOT / "tests" / "integration" / "server"))

from impserver import ImpServer  # noqa: E402
import imphelpers  # noqa: E402

SLIXPEER = Path(__file__).resolve().parent / "slixpeer.py"
ENV = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent",
           QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))


def default_cli():
    """$IMP_CLI, else the first build/ or build-bench/ binary whose --help lists the chat
    commands (else the first one found)."""
    if os.environ.get("IMP_CLI"):
        return os.environ["IMP_CLI"]
    found = [str(ROOT / b / sub / "imptech-cli") for b in ("build", "build-bench")
             for sub in ("bin", "src/app") if (ROOT / b / sub / "imptech-cli").is_file()]
    for cli in found:
        if cli_has_chat_commands(cli):
            return cli
    return found[0] if found else None


def cli_has_chat_commands(cli):
    if not cli:
        return False
    r = subprocess.run([cli, "--help"], capture_output=True, text=True, env=ENV, timeout=30)
    text = r.stdout + r.stderr
    return all(word in text for word in ("listen", "send JID", "accept JID", "add ID"))


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def fig(name, value, fmt="%.1f"):
    print(("%s " + fmt) % (name, value), flush=True)


# ----------------------------------------------------------------------------- peers
class Peer:
    """One side of a conversation: how to start `listen` / `send --stdin` for it."""
    jid = ""

    def command(self, *args):
        raise NotImplementedError


class CliPeer(Peer):
    def __init__(self, cli, srv, name):
        self.cli, self.srv = cli, srv
        self.dir = tempfile.mkdtemp(prefix="impbench-%s-" % name)
        self.jid = ""
        self.imptech_id = ""

    def command(self, *args):
        return [self.cli, "--data-dir", self.dir, "--server", "localhost:%d" % self.srv.https_port,
                "--ca-file", self.srv.ca_file, *args]

    def run(self, *args, stdin=None, timeout=90, ok=(0,)):
        r = subprocess.run(self.command(*args), input=stdin, capture_output=True, text=True,
                           env=ENV, timeout=timeout)
        if r.returncode not in ok:
            raise RuntimeError("imptech-cli %s exited %d: %s" % (args[0], r.returncode,
                                                                 r.stderr.strip()[-500:]))
        return r

    def signup(self):
        self.run("agree", "--yes", "--birth-date", "1990-01-01")
        national = "139%08d" % random.randrange(10**8)
        proc = subprocess.Popen(self.command("signup", national), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        code = self.srv.last_code("+86" + national, timeout=20)
        out, err = proc.communicate(code + "\n", timeout=90)
        if proc.returncode != 0:
            raise RuntimeError("signup failed: " + err.strip()[-500:])
        for line in out.splitlines():
            if line.startswith("jid: "):
                self.jid = line.split(": ", 1)[1].strip()
            elif line.startswith("imptech-id: "):
                self.imptech_id = line.split(": ", 1)[1].strip()
        if not self.jid or not self.imptech_id:
            raise RuntimeError("signup printed no jid/imptech-id: %r" % out)
        return self

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def make_cli_friends(a, b):
    """a adds b by IMpTech ID, b accepts, and a accepts b's request back if one is waiting."""
    r = a.run("add", b.imptech_id)
    found = json.loads(r.stdout.strip().splitlines()[-1])
    if found.get("jid") != b.jid:
        raise RuntimeError("add found %r, expected %s" % (found, b.jid))
    b.run("accept", a.jid)
    # A client that answers the reverse request itself makes this a no-op; else accept it.
    a.run("accept", b.jid, ok=(0, 1, 3))


class SlixPeer(Peer):
    def __init__(self, srv, account):
        self.srv, self.account, self.jid = srv, account, account["jid"]

    def command(self, *args):
        return [sys.executable, str(SLIXPEER), "--jid", self.account["jid"], "--password",
                self.account["password"], "--port", str(self.srv.c2s_port), "--ca-file",
                self.srv.ca_file, *args]

    def cleanup(self):
        pass


# ----------------------------------------------------------------------------- runs
class Receiver:
    """`listen --timeout S`, with every stdout line stamped with the time it was read. No
    --count: a client may also print catch-up messages; the caller stops it once it has
    seen what it waits for."""

    def __init__(self, peer, timeout):
        self.lines = []               # (time.time(), dict)
        self.proc = subprocess.Popen(peer.command("listen", "--timeout", str(int(timeout))),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=ENV, bufsize=1)
        self.ready = threading.Event()
        self.stderr = []
        threading.Thread(target=self._read_out, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()

    def _read_out(self):
        for line in self.proc.stdout:
            t = time.time()
            try:
                self.lines.append((t, json.loads(line)))
            except ValueError:
                pass

    def _read_err(self):
        for line in self.proc.stderr:
            if line.strip() == "ready":
                self.ready.set()
            else:
                self.stderr.append(line)

    def wait_ready(self, timeout=60):
        if not self.ready.wait(timeout):
            raise RuntimeError("receiver never became ready: %s" % "".join(self.stderr)[-500:])

    def bodies(self, prefix):
        return [(t, m) for t, m in self.lines if str(m.get("body", "")).startswith(prefix)]

    def wait_for(self, prefix, n, timeout):
        """Until n messages whose body starts with prefix were read, or timeout s."""
        deadline = time.monotonic() + timeout
        while len(self.bodies(prefix)) < n and time.monotonic() < deadline:
            if self.proc.poll() is not None:
                time.sleep(0.2)   # let the reader thread drain the pipe
                break
            time.sleep(0.01)
        return self.bodies(prefix)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Sender:
    """`send JID --stdin`; collects the ack lines."""

    def __init__(self, peer, to):
        self.acks = []                # (time.time(), dict)
        self.proc = subprocess.Popen(peer.command("send", to, "--stdin"), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=ENV, bufsize=1)
        self.err = []
        threading.Thread(target=self._read_out, daemon=True).start()
        threading.Thread(target=lambda: self.err.extend(self.proc.stderr), daemon=True).start()

    def _read_out(self):
        for line in self.proc.stdout:
            try:
                self.acks.append((time.time(), json.loads(line)))
            except ValueError:
                pass

    def write(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def warm_up(self, timeout=60):
        """One message, acknowledged: the sender is online before anything is timed."""
        self.write("warmup %d" % time.time())
        deadline = time.monotonic() + timeout
        while not self.acks:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("sender never came online: %s" % "".join(self.err)[-500:])
            time.sleep(0.01)

    def wait_acks(self, n, timeout, progress=lambda: 0, stall=10.0):
        """Until n acks (the warm-up included), the sender exits, timeout s pass, or neither
        the acks nor progress() (e.g. messages received) moved for `stall` s. Keeping stdin
        open until then means EOF never races the last lines (see bench/README.md)."""
        deadline = time.monotonic() + timeout
        last, last_change = None, time.monotonic()
        while len(self.acks) < n and time.monotonic() < deadline and self.proc.poll() is None:
            now = (len(self.acks), progress())
            if now != last:
                last, last_change = now, time.monotonic()
            elif time.monotonic() - last_change > stall:
                break
            time.sleep(0.01)
        return len(self.acks)

    def close(self, timeout):
        """EOF, then up to timeout s for the sender to exit by itself; else SIGTERM (an
        imptech-cli whose outbox was already empty at EOF waits forever, see README)."""
        self.proc.stdin.close()
        try:
            self.exited_by_itself = True
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.exited_by_itself = False
            self.proc.terminate()
            try:
                return self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                return self.proc.wait()


def setup(cli, want_cli=True):
    """Server plus both pairs of peers. Returns (srv, cli_pair or None, slix_pair)."""
    srv = ImpServer(resend_interval=1, quota_per_ip=1000).start()
    pairs = {}
    try:
        if want_cli:
            a, b = CliPeer(cli, srv, "a").signup(), CliPeer(cli, srv, "b").signup()
            make_cli_friends(a, b)
            pairs["cli"] = (a, b)
        pairs["slixmpp"] = (SlixPeer(srv, imphelpers.signup(srv)),
                            SlixPeer(srv, imphelpers.signup(srv)))
    except BaseException:
        teardown(srv, pairs)
        raise
    return srv, pairs


def teardown(srv, pairs):
    for pair in pairs.values():
        for p in pair:
            p.cleanup()
    srv.cleanup()


def summary(values):
    return statistics.median(values), percentile(values, 99)
