#!/usr/bin/python3
"""Prints the Debian packages the app loads at run time but does not link: the Qt QML modules
its QML imports and the platform plugins a desktop session needs. dpkg-shlibdeps finds the
linked libraries; this finds the rest, from the same source (the QML files), so neither list is
written by hand. Prints a comma-separated list (empty where dpkg is not there).

usage: runtime_depends.py QML_DIR QT_QML_DIR QT_PLUGIN_DIR
"""
import re
import subprocess
import sys
from pathlib import Path

# Loaded by name, not imported: X11 and Wayland windows, and the image formats the UI shows.
PLUGINS = ["platforms/libqxcb.so"]


def owner(path: Path) -> str | None:
    r = subprocess.run(["dpkg", "-S", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        return None
    return r.stdout.split(":", 1)[0].split(",")[0].strip()


def main() -> int:
    qml_dir, qt_qml, qt_plugins = (Path(a) for a in sys.argv[1:4])
    imports = set()
    for f in qml_dir.rglob("*.qml"):
        imports.update(re.findall(r"^\s*import\s+(Qt[\w.]*)", f.read_text(), re.M))
    packages = set()
    for module in imports:
        qmldir = qt_qml / module.replace(".", "/") / "qmldir"
        if qmldir.exists() and (pkg := owner(qmldir)):
            packages.add(pkg)
    for plugin in PLUGINS:
        if (qt_plugins / plugin).exists() and (pkg := owner(qt_plugins / plugin)):
            packages.add(pkg)
    print(", ".join(sorted(packages)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
