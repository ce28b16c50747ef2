#!/usr/bin/python3
"""Voice figures side by side with GStreamer (the peer) on the same speech, in one run.

  /usr/bin/python3 bench/voice.py [--bin build/bench/bench_voice] [--runs 5]

- encode: ms per second of audio and bytes per second of audio, for a minute of espeak-ng speech:
  ours = bench_voice encode (VoiceTake: libopusenc + sealing, in process); peer = gst-launch
  opusenc at the same settings (24 kbit/s, 20 ms, voice) into Ogg, minus gst-launch's own start-up
  (the same pipeline on 0.1 s of audio). Medians of --runs.
- play: RSS while a 10 s note plays into a private PulseAudio (tests/support/virtual_audio.py):
  ours = bench_voice play (sealed file, decoded on the I/O thread, QAudioSink); peer = gst-launch
  oggdemux ! opusdec ! pulsesink. Peak VmRSS, sampled every 100 ms.
Prints `name value` lines and ratios; asserts nothing.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "support"))
from virtual_audio import VirtualAudio  # noqa: E402

TEXT = ("你好，这是一条 IMpTech 语音消息。今天下午三点在会议室开会，请准时参加。"
        "Hello, this is a voice message for the benchmark, one two three four five. ")


def speech_wav(path, seconds):
    d = os.path.dirname(path)
    raw = os.path.join(d, "speech-raw.wav")
    subprocess.run(["espeak-ng", "-v", "cmn", "-w", raw, TEXT * 3], check=True,
                   capture_output=True)
    one = os.path.join(d, "speech-48k.wav")
    subprocess.run(["sox", raw, "-r", "48000", "-c", "1", "-b", "16", one], check=True)
    # Repeated up to the length wanted.
    subprocess.run(["sox", one, path, "repeat", "20", "trim", "0", str(seconds)], check=True)


def gst_encode(wav, out):
    start = time.monotonic()
    subprocess.run(["gst-launch-1.0", "-q", "filesrc", "location=" + wav, "!", "wavparse", "!",
                    "audioconvert", "!", "opusenc", "bitrate=24000", "frame-size=20",
                    "audio-type=voice", "!", "oggmux", "!", "filesink", "location=" + out],
                   check=True)
    return (time.monotonic() - start) * 1000


def peak_rss(proc):
    peak = 0
    while proc.poll() is None:
        try:
            with open("/proc/%d/status" % proc.pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            break
        time.sleep(0.1)
    return peak


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "bench", "bench_voice"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        minute = os.path.join(d, "minute.wav")
        speech_wav(minute, 60)
        tiny = os.path.join(d, "tiny.wav")
        subprocess.run(["sox", minute, tiny, "trim", "0", "0.1"], check=True)

        ours = []
        for _ in range(args.runs):
            out = subprocess.run([args.bin, "encode", minute, d], check=True,
                                 capture_output=True, text=True).stdout
            ours.append(json.loads(out))
        ours_ms = statistics.median(r["encode_ms"] for r in ours)
        audio_s = ours[0]["audio_ms"] / 1000
        ours_bytes = ours[0]["bytes"]

        peer_out = os.path.join(d, "peer.ogg")
        base = statistics.median(gst_encode(tiny, os.path.join(d, "t.ogg"))
                                 for _ in range(args.runs))
        peer_ms = statistics.median(gst_encode(minute, peer_out) for _ in range(args.runs)) - base
        peer_bytes = os.path.getsize(peer_out)

        print("encode_audio_seconds %.1f" % audio_s)
        print("encode_ms_per_audio_s_imptech %.2f" % (ours_ms / audio_s))
        print("encode_ms_per_audio_s_gstreamer %.2f" % (peer_ms / audio_s))
        print("encode_ratio_imptech_over_gstreamer %.2f" % (ours_ms / max(peer_ms, 0.01)))
        print("bytes_per_audio_s_imptech %.0f" % (ours_bytes / audio_s))
        print("bytes_per_audio_s_gstreamer %.0f" % (peer_bytes / audio_s))
        print("# gst-launch start-up subtracted: %.0f ms" % base)

        ten = os.path.join(d, "ten.wav")
        subprocess.run(["sox", minute, ten, "trim", "0", "10"], check=True)
        note = os.path.join(d, "ten.ogg")
        gst_encode(ten, note)
        with VirtualAudio() as audio:
            env = audio.environ()
            proc = subprocess.Popen([args.bin, "play", note], env=env, stdout=subprocess.PIPE,
                                    text=True)
            rss_proc = [0]
            t = threading.Thread(target=lambda: rss_proc.__setitem__(0, peak_rss(proc)))
            t.start()
            out, _ = proc.communicate(timeout=60)
            t.join()
            played = json.loads(out.strip().splitlines()[-1])
            peer = subprocess.Popen(["gst-launch-1.0", "-q", "filesrc", "location=" + note, "!",
                                     "oggdemux", "!", "opusdec", "!", "audioconvert", "!",
                                     "pulsesink"], env=env)
            peer_rss = peak_rss(peer)
        print("play_rss_peak_kib_imptech %d" % max(rss_proc[0], played["rss_peak_kib"]))
        print("play_rss_before_kib_imptech %d" % played["rss_before_kib"])
        print("play_rss_peak_kib_gstreamer %d" % peer_rss)
        print("play_rss_ratio_imptech_over_gstreamer %.2f" %
              (max(rss_proc[0], played["rss_peak_kib"]) / max(peer_rss, 1)))
        print("play_tap_to_sound_ms_imptech %d" % played["tap_to_sound_ms"])


if __name__ == "__main__":
    main()
