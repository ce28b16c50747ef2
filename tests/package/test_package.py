"""The .deb as a user gets it: built by CPack from this build, unpacked into a scratch root,
checked the way Debian checks packages (control fields, lintian, desktop and AppStream
validators), and started from there: the installed app must offer the shipped agreement, read
from its own prefix.

Environment: IMP_BUILD_DIR (the configured build), IMP_SOURCE_DIR.
"""
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

BUILD = Path(os.environ["IMP_BUILD_DIR"])
SOURCE = Path(os.environ["IMP_SOURCE_DIR"])
APP_ID = "com.imptech.IMpTech"


def run(*cmd, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600,
                          **kw)


class PackageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="imp-package-"))
        out = cls.tmp / "out"
        r = run("cpack", "-G", "DEB", "--config", BUILD / "CPackConfig.cmake", "-B", out)
        if r.returncode != 0:
            raise AssertionError("cpack failed:\n" + r.stdout[-3000:] + r.stderr[-3000:])
        debs = list(out.glob("imptech_*_amd64.deb"))
        if len(debs) != 1:
            raise AssertionError(f"expected one .deb in {out}, found {debs}")
        cls.deb = debs[0]
        cls.root = cls.tmp / "root"
        r = run("dpkg-deb", "-x", cls.deb, cls.root)
        if r.returncode != 0:
            raise AssertionError("dpkg-deb -x failed: " + r.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def field(self, name):
        r = run("dpkg-deb", "-f", self.deb, name)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.strip()

    def test_control_fields_and_dependencies_from_the_binaries(self):
        self.assertEqual(self.field("Package"), "imptech")
        self.assertEqual(self.field("Section"), "net")
        depends = [d.strip().split(" ")[0] for d in self.field("Depends").split(",")]
        # From dpkg-shlibdeps: the libraries the binaries link, with versions.
        for lib in ("libqt6core6", "libqt6quick6", "libqt6keychain1", "libssl3", "libsqlite3-0",
                    "libc6"):
            self.assertIn(lib, depends)
        self.assertRegex(self.field("Depends"), r"libqt6core6 \(>= 6\.")
        # What Qt loads by name, read off the QML imports: without it the window never opens.
        for qml in ("qml6-module-qtquick", "qml6-module-qtquick-controls",
                    "qml6-module-qtquick-layouts"):
            self.assertIn(qml, depends)

    def test_installed_layout(self):
        usr = self.root / "usr"
        for f in ("bin/imptech", "bin/imptech-cli",
                  f"share/applications/{APP_ID}.desktop", f"share/metainfo/{APP_ID}.metainfo.xml",
                  f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
                  "share/imptech/legal/manifest.json",
                  "share/imptech/legal/third_party/manifest.json",
                  "share/imptech/translations/imptech_zh_CN.qm",
                  "share/imptech/translations/imptech_en.qm",
                  "share/doc/imptech/copyright", "share/doc/imptech/changelog.gz",
                  "share/man/man1/imptech.1.gz"):
            self.assertTrue((usr / f).is_file(), f)
        for size in (16, 24, 32, 48, 64, 128, 256, 512):
            png = usr / f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
            self.assertTrue(png.is_file(), png)
            # PNG header: width and height are big-endian at bytes 16..24.
            header = png.read_bytes()[:24]
            self.assertEqual(header[:8], b"\x89PNG\r\n\x1a\n")
            self.assertEqual((int.from_bytes(header[16:20], "big"),
                              int.from_bytes(header[20:24], "big")), (size, size))
        # The shipped texts, byte for byte.
        for src in (SOURCE / "legal").rglob("*"):
            if src.is_file():
                installed = usr / "share/imptech/legal" / src.relative_to(SOURCE / "legal")
                self.assertEqual(installed.read_bytes(), src.read_bytes(), src)

    def test_desktop_entry_and_appstream_validate(self):
        usr = self.root / "usr"
        desktop = usr / f"share/applications/{APP_ID}.desktop"
        r = run("desktop-file-validate", desktop)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        text = desktop.read_text()
        self.assertIn("Categories=Network;InstantMessaging;Chat;", text)
        self.assertIn(f"Icon={APP_ID}", text)
        r = run("appstreamcli", "validate", "--no-net", usr / f"share/metainfo/{APP_ID}.metainfo.xml")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_lintian_reports_no_errors(self):
        r = run("lintian", "--no-tag-display-limit", self.deb)
        errors = [line for line in r.stdout.splitlines() if line.startswith("E:")]
        self.assertEqual(errors, [], r.stdout)

    def start_installed(self, data_dir, shot, lang="en"):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
        return run(self.root / "usr/bin/imptech", "--data-dir", data_dir, "--lang", lang,
                   "--screenshot", shot, "--size", "390x844", env=env)

    def test_installed_app_offers_the_shipped_agreement_from_its_prefix(self):
        data = self.tmp / "profile-a"
        shot = self.tmp / "agreement.png"
        r = self.start_installed(data, shot)
        self.assertEqual(r.returncode, 0, r.stderr[-3000:])
        self.assertTrue(shot.is_file() and shot.stat().st_size > 10000)
        self.assertFalse(data.exists(), "nothing may be written before consent")
        legal = (self.root / "usr/share/imptech/legal").resolve()
        m = re.search(r"offering (\S+) version (\d+) sha256 ([0-9a-f]{64}) from (\S+)", r.stderr)
        self.assertIsNotNone(m, r.stderr[-3000:])
        shipped = (SOURCE / "legal/imptech-agreement.zh_CN.md").read_bytes()
        self.assertEqual(m.group(3), hashlib.sha256(shipped).hexdigest())
        self.assertEqual(Path(m.group(4)), legal / "")

    def test_installed_app_refuses_a_damaged_installed_agreement(self):
        # Proves the installed copy is the one read (not the one built into the binary), and
        # that a damaged install is never offered.
        damaged = self.tmp / "damaged"
        shutil.copytree(self.root, damaged, symlinks=True)
        text = damaged / "usr/share/imptech/legal/imptech-agreement.zh_CN.md"
        data = text.read_bytes()
        text.write_bytes(data[:100] + b"X" + data[101:])
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
        r = run(damaged / "usr/bin/imptech", "--data-dir", self.tmp / "profile-b", "--lang", "en",
                "--screenshot", self.tmp / "damaged.png", "--size", "390x844", env=env)
        self.assertEqual(r.returncode, 0, r.stderr[-3000:])
        self.assertIn("legal.integrity", r.stderr)
        self.assertNotIn("offering ", r.stderr)


if __name__ == "__main__":
    unittest.main()
