#!/usr/bin/python3
"""A private PulseAudio with a virtual microphone, for tests that record and play voice.

The recipe of ../shared/ENVIRONMENT.md ("Audio without a sound card"): a null sink
("nullsink") whose monitor is remapped as a source ("virtmic", the default source), so what is
played into the sink is what the microphone hears. `tone(freq)` plays a sine into the sink (a
speaker in the room); without it the microphone hears what the app itself plays.

As a wrapper: virtual_audio.py [--tone HZ] -- COMMAND ARGS...  runs COMMAND with PULSE_SERVER
and XDG_RUNTIME_DIR set, and stops the daemon afterwards, whatever COMMAND did.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time


class VirtualAudio:
    def __init__(self):
        self.runtime = None
        self.daemon = None
        self.tones = []
        self.env = {}

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout=15.0):
        self.runtime = tempfile.mkdtemp(prefix="imp-pulse-")
        os.chmod(self.runtime, 0o700)
        socket = os.path.join(self.runtime, "native")
        self.env = {
            "XDG_RUNTIME_DIR": self.runtime,
            "PULSE_SERVER": "unix:" + socket,
            # Never the user's own daemon, cookie or config.
            "PULSE_RUNTIME_PATH": self.runtime,
            "PULSE_STATE_PATH": self.runtime,
            "PULSE_COOKIE": os.path.join(self.runtime, "cookie"),
        }
        env = dict(os.environ, **self.env)
        env["HOME"] = self.runtime  # pulseaudio writes ~/.config/pulse
        self.daemon = subprocess.Popen(
            # No shared-memory transport: libpulse 16 can abort a client (pstream.c "p->srb ==
            # srb") when streams are opened and closed quickly, as the tests do.
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit",
             "--disable-shm=yes",
             "--use-pid-file=no", "--log-target=stderr", "--log-level=error",
             "--load=module-native-protocol-unix socket=%s auth-anonymous=1" % socket,
             "--load=module-null-sink sink_name=nullsink rate=48000",
             "--load=module-remap-source master=nullsink.monitor source_name=virtmic"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.daemon.poll() is not None:
                raise RuntimeError("pulseaudio exited: %s" % self.daemon.stderr.read().decode())
            if subprocess.run(["pactl", "info"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("pulseaudio did not answer")
        for args in (["set-default-source", "virtmic"], ["set-default-sink", "nullsink"]):
            subprocess.run(["pactl"] + args, env=env, check=True)

    def environ(self):
        return dict(os.environ, **self.env)

    def tone(self, freq=440):
        """A sine into the sink: the virtual microphone hears it until stop_tones()."""
        proc = subprocess.Popen(
            ["gst-launch-1.0", "-q", "audiotestsrc", "is-live=true", "freq=%d" % freq,
             "volume=0.5", "!", "pulsesink", "device=nullsink"],
            env=self.environ(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.tones.append(proc)
        time.sleep(0.5)  # the first buffers reach the sink
        return proc

    def stop_tones(self):
        for proc in self.tones:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.tones = []

    def sink_inputs(self):
        """Streams playing into the sink now (the app's player is one while it plays)."""
        out = subprocess.run(["pactl", "list", "short", "sink-inputs"], env=self.environ(),
                             capture_output=True, text=True).stdout
        return [line for line in out.splitlines() if line.strip()]

    def stop(self):
        self.stop_tones()
        if self.daemon and self.daemon.poll() is None:
            self.daemon.terminate()
            try:
                self.daemon.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.daemon.kill()
        if self.runtime:
            shutil.rmtree(self.runtime, ignore_errors=True)
        self.daemon = None
        self.runtime = None


def main(argv):
    tone = None
    if argv[:1] == ["--tone"]:
        tone = int(argv[1])
        argv = argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    with VirtualAudio() as audio:
        if tone:
            audio.tone(tone)
        return subprocess.run(argv, env=audio.environ()).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
