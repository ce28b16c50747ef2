#!/usr/bin/env python3
"""Starts a throwaway Prosody (server/fixture) and runs the app's sign-up journey against it."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "server", "fixture"))
from impserver import ImpServer  # noqa: E402

binary = sys.argv[1]
with ImpServer(resend_interval=1) as server:
    env = dict(os.environ,
               IMP_TEST_SERVER=f"localhost:{server.https_port}",
               IMP_TEST_CA=str(server.ca_file),
               IMP_TEST_SMS_FILE=str(server.sms_file))
    sys.exit(subprocess.call([binary] + sys.argv[2:], env=env))
