#!/usr/bin/env python3
"""Start-up time: process start to the first frame of the agreement popup.

Runs `imptech --screenshot` on a fresh profile folder N times (offscreen) and prints the
median, min and max in ms. Usage: bench/startup.py path/to/imptech [runs]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def one_run(app: str) -> float:
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, IMP_REPORT_FIRST_FRAME="1",
                   QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        start = time.perf_counter()
        proc = subprocess.Popen([app, "--data-dir", profile, "--screenshot",
                                 os.path.join(out, "a.png"), "--size", "390x844"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        for line in proc.stdout:
            if line.strip() == "first-frame":
                elapsed = (time.perf_counter() - start) * 1000
                break
        else:
            raise SystemExit("the app never reported its first frame")
        proc.wait(timeout=30)
        return elapsed


def main() -> None:
    app = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    one_run(app)  # warm the page cache; not counted
    times = [one_run(app) for _ in range(runs)]
    print(f"startup to first frame (agreement popup, 390x844, offscreen): "
          f"median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, "
          f"max {max(times):.0f} ms over {runs} runs")


if __name__ == "__main__":
    main()
